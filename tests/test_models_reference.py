"""Drop-in compatibility of the models: every name and field of the reference exists."""

from __future__ import annotations

import enum
from typing import Any

import msgspec
import pytest

from liveblocks import models

from .cases import example
from .cases._case import _models

REFERENCE = _models()


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_every_reference_model_is_importable(name: str) -> None:
    assert hasattr(models, name), f"liveblocks.models lacks {name}"


@pytest.mark.parametrize(
    "name", sorted(n for n, spec in REFERENCE.items() if spec["kind"] == "enum")
)
def test_enums_are_enums_of_the_reference_values(name: str) -> None:
    cls = getattr(models, name)
    assert issubclass(cls, enum.Enum)
    assert {member.value for member in cls} >= set(REFERENCE[name]["values"])
    if issubclass(cls, str):
        # Values the API adds later decode instead of failing.
        assert cls("a-value-added-later").value == "a-value-added-later"


def _struct_specs() -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, spec)
        for name, spec in sorted(REFERENCE.items())
        if spec["kind"] == "struct"
        and isinstance(getattr(models, name, None), type)
        and issubclass(getattr(models, name), msgspec.Struct)
    ]


@pytest.mark.parametrize(
    ("name", "spec"), _struct_specs(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_struct_fields_have_the_reference_names(name: str, spec: dict[str, Any]) -> None:
    fields = {f.name: f.encode_name for f in msgspec.structs.fields(getattr(models, name))}
    for field in spec["fields"]:
        assert field["name"] in fields, f"{name}.{field['name']}"
        assert fields[field["name"]] == field["json"], f"{name}.{field['name']}"


@pytest.mark.parametrize(
    "name",
    [
        n
        for n, spec in _struct_specs()
        if spec["example"] is not None and not spec["additional_properties"]
    ],
)
def test_examples_round_trip_through_from_dict_and_to_dict(name: str) -> None:
    payload = example(name)
    model = getattr(models, name).from_dict(payload)
    assert model.to_dict() == payload
