"""Drop-in compatibility of the models: every name and field of the 3.16.0a1 reference and
of the official 3.23.0 exists, and both releases' example payloads decode and round-trip."""

from __future__ import annotations

import ast
import enum
from typing import Any

import msgspec
import pytest

from liveblocks import models
from tests.cases import models_323
from tests.cases._case import _models, api_json

RELEASES = {"3.16": _models(), "3.23": models_323()}
ALL_NAMES = sorted(set(RELEASES["3.16"]) | set(RELEASES["3.23"]))


def _specs(kind: str) -> list[Any]:
    return [
        pytest.param(release, name, spec, id=f"{release}-{name}")
        for release, specs in RELEASES.items()
        for name, spec in sorted(specs.items())
        if spec["kind"] == kind
    ]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_every_reference_model_is_importable(name: str) -> None:
    assert hasattr(models, name), f"liveblocks.models lacks {name}"


def test_the_323_additions_are_counted() -> None:
    assert len(set(RELEASES["3.23"]) - set(RELEASES["3.16"])) == 32


@pytest.mark.parametrize(("release", "name", "spec"), _specs("enum"))
def test_enums_are_enums_of_the_reference_values(
    release: str, name: str, spec: dict[str, Any]
) -> None:
    cls = getattr(models, name)
    assert issubclass(cls, enum.Enum)
    assert {member.value for member in cls} >= set(spec["values"])
    if issubclass(cls, str):
        # Values the API adds later decode instead of failing.
        assert cls("a-value-added-later").value == "a-value-added-later"


def _is_struct(name: str) -> bool:
    cls = getattr(models, name, None)
    return isinstance(cls, type) and issubclass(cls, msgspec.Struct)


@pytest.mark.parametrize(("release", "name", "spec"), _specs("struct"))
def test_struct_fields_have_the_reference_names(
    release: str, name: str, spec: dict[str, Any]
) -> None:
    if not _is_struct(name):
        assert hasattr(getattr(models, name), "from_dict"), name  # a free-form dict model
        return
    fields = {f.name: f.encode_name for f in msgspec.structs.fields(getattr(models, name))}
    for field in spec["fields"]:
        assert field["name"] in fields, f"{name}.{field['name']}"
        assert fields[field["name"]] == field["json"], f"{name}.{field['name']}"


@pytest.mark.parametrize(
    ("release", "name", "spec"),
    [p for p in _specs("struct") if p.values[2]["example"] is not None],
)
def test_examples_decode_and_round_trip(release: str, name: str, spec: dict[str, Any]) -> None:
    """Both the 3.16 and the 3.23 shape of every changed model decode."""
    payload = ast.literal_eval(spec["example"])
    model = getattr(models, name).from_dict(payload)
    if not spec["additional_properties"] or not _is_struct(name):
        assert api_json(model) == payload
