"""Drop-in: models read and write dictionaries as the official package's do.

For every model with an example payload, ``Model.from_dict(example)`` must hold what the
official model holds (nested models of the same classes, enums, datetimes,
``additional_properties``) and ``to_dict()`` must give the official output, datetimes
included (``2024-01-15T10:30:00+00:00``). The official results are pinned in
tests/reference/official-<version>.json by tests/reference/pin_official.py."""

from __future__ import annotations

import ast
import datetime
import enum
import json
from typing import Any

import msgspec
import pytest

from liveblocks import models
from tests.cases._case import REFERENCE, _models, models_323

RELEASES = {
    version: json.loads((REFERENCE / f"official-{version}.json").read_text())
    for version in ("3.16.0a1", "3.23.0")
}
EXAMPLES = {"3.16.0a1": _models(), "3.23.0": models_323()}


def shape(value: Any, like: Any = None) -> Any:
    """What a value holds, in the form tests/reference/pin_official.py writes. Models that
    are not Structs (free-form dicts, ``LiveFile``) are read through the attributes the
    official shape ``like`` names."""
    if isinstance(value, enum.Enum):
        return ["enum", value.value]
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, (list, tuple)):
        likes = like if isinstance(like, list) and len(like) == len(value) else [None] * len(value)
        return [shape(item, item_like) for item, item_like in zip(value, likes, strict=True)]
    cls = type(value)
    like = like if isinstance(like, dict) else {}
    if hasattr(value, "to_dict") and cls.__module__.startswith("liveblocks"):
        out: dict[str, Any] = {"__class__": cls.__name__}
        if isinstance(value, msgspec.Struct):
            names = [n for n in value.__struct_fields__ if getattr(value, n) is not msgspec.UNSET]
        else:
            names = [n for n in like if n not in ("__class__", "additional_properties")]
        for name in names:
            out[name] = shape(getattr(value, name), like.get(name))
        extra = getattr(value, "additional_properties", None)
        if extra:
            out["additional_properties"] = shape(dict(extra), like.get("additional_properties"))
        return out
    if isinstance(value, dict):
        return {key: shape(item, like.get(key)) for key, item in value.items()}
    return value


def _cases() -> list[Any]:
    return [
        pytest.param(version, name, pinned, id=f"{version}-{name}")
        for version, release in RELEASES.items()
        for name, pinned in sorted(release["round_trips"].items())
        if "error" not in pinned
    ]


@pytest.mark.parametrize(("version", "name", "pinned"), _cases())
def test_to_dict_gives_the_official_output(version: str, name: str, pinned: Any) -> None:
    example = ast.literal_eval(EXAMPLES[version][name]["example"])
    assert getattr(models, name).from_dict(example).to_dict() == pinned["to_dict"]


@pytest.mark.parametrize(("version", "name", "pinned"), _cases())
def test_from_dict_holds_what_the_official_holds(version: str, name: str, pinned: Any) -> None:
    example = ast.literal_eval(EXAMPLES[version][name]["example"])
    model = getattr(models, name).from_dict(example)
    assert shape(model, pinned["shape"]) == pinned["shape"]


@pytest.mark.parametrize(("version", "name", "pinned"), _cases())
def test_the_official_output_reads_back(version: str, name: str, pinned: Any) -> None:
    """What the official ``to_dict`` wrote (a saved cache, a fixture file) reads back."""
    model = getattr(models, name).from_dict(pinned["to_dict"])
    assert model.to_dict() == pinned["to_dict"]
