"""Pins what the official ``liveblocks`` package does, for tests/test_compat_*.py.

Run it with an interpreter in which the official package is installed (a scratch virtual
environment, never this project's: both own ``import liveblocks``)::

    python -m venv /tmp/official-323 && /tmp/official-323/bin/pip install liveblocks==3.23.0
    /tmp/official-323/bin/python tests/reference/pin_official.py

It writes ``official-<version>.json`` beside itself: the modules the package has and the
public names each holds, and for every model with an example payload in this folder, what
``Model.from_dict(example)`` holds (its shape: the classes of nested values, enums,
datetimes) and what its ``to_dict()`` gives; and the fixed fields each model's
``from_dict`` checks. The tests compare ours with these files, so
they run without the official package.
"""

from __future__ import annotations

import ast
import builtins
import collections.abc
import datetime
import enum
import importlib
import importlib.metadata
import json
import pkgutil
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Names the official modules import for their own use, not for their users.
NOT_OFFERED = {"annotations", "TYPE_CHECKING"}
STDLIB_NAMES = set(dir(typing)) | set(dir(collections.abc)) | set(dir(builtins))
MODULES = [
    "liveblocks",
    "liveblocks.client",
    "liveblocks.errors",
    "liveblocks.types",
    "liveblocks.session",
    "liveblocks.webhooks",
]


def _offered(module: types.ModuleType) -> list[str]:
    """The public names a module offers: its own definitions, the package's, and aliases
    (``FileTypes``); not what it imports from elsewhere for its own use."""
    names = []
    for name, value in vars(module).items():
        if name.startswith("_") or name in NOT_OFFERED or name in STDLIB_NAMES:
            continue
        if isinstance(value, types.ModuleType):
            if value.__name__.startswith("liveblocks"):
                names.append(name)
            continue
        owner = str(getattr(value, "__module__", "") or "")
        imported = not owner.startswith("liveblocks") and owner != "typing"
        if (isinstance(value, type) or callable(value)) and imported:
            continue  # httpx, attrs' define, ...
        names.append(name)
    return sorted(names)


def shape(value: Any) -> Any:
    """What a decoded value holds, comparable across implementations."""
    if isinstance(value, enum.Enum):
        return ["enum", value.value]
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, (list, tuple)):
        return [shape(item) for item in value]
    cls = type(value)
    if hasattr(value, "to_dict") and cls.__module__.startswith("liveblocks"):
        fields = [a.name for a in getattr(cls, "__attrs_attrs__", ())]
        out: dict[str, Any] = {"__class__": cls.__name__}
        for name in fields:
            item = getattr(value, name)
            if name == "additional_properties" or type(item).__name__ == "Unset":
                continue
            out[name] = shape(item)
        extra = getattr(value, "additional_properties", None)
        if extra:
            out["additional_properties"] = shape(dict(extra))
        return out
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return value


def _examples(version: str) -> dict[str, Any]:
    specs: dict[str, Any] = json.loads((HERE / "models.json").read_text())
    if not version.startswith("3.16"):
        for name in ("models-3.23-changed.json", "models-3.23-additions.json"):
            specs.update(json.loads((HERE / name).read_text()))
    return {
        name: ast.literal_eval(spec["example"])
        for name, spec in specs.items()
        if spec["kind"] == "struct" and spec["example"]
    }


def main() -> None:
    import liveblocks
    import liveblocks.models

    version = importlib.metadata.version("liveblocks")
    models_path = liveblocks.models.__path__
    model_modules = {}
    for info in sorted(pkgutil.iter_modules(models_path), key=lambda i: i.name):
        module = importlib.import_module(f"liveblocks.models.{info.name}")
        model_modules[info.name] = sorted(
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and value.__module__ == module.__name__
        )
    # The fixed fields from_dict checks: "<field> must match const '<value>'".
    consts: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(models_path):
        module = importlib.import_module(f"liveblocks.models.{info.name}")
        source = Path(module.__file__ or "").read_text()
        checks = dict(re.findall(r"(\w+) must match const '([^']*)'", source))
        for name in model_modules[info.name]:
            if checks:
                consts[name] = checks
    round_trips = {}
    for name, example in sorted(_examples(version).items()):
        cls = getattr(liveblocks.models, name, None)
        if cls is None:
            continue
        try:
            model = cls.from_dict(example)
            round_trips[name] = {"to_dict": model.to_dict(), "shape": shape(model)}
        except Exception as exc:  # an example this release cannot read
            round_trips[name] = {"error": type(exc).__name__}
    result = {
        "version": version,
        "modules": {name: _offered(importlib.import_module(name)) for name in MODULES},
        "model_modules": model_modules,
        "consts": consts,
        "round_trips": round_trips,
    }
    out = HERE / f"official-{version}.json"
    out.write_text(json.dumps(result, indent=1, sort_keys=True, default=str) + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
