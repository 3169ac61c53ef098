"""Every public name that users import today stays importable from the same path.

``public_names.json`` lists each public module of the package (no ``_`` in its dotted
path: the clients, errors, types, webhooks, transports, resources, Live structures and
the 222 ``liveblocks.models`` modules) with its ``__all__``. Moving code between private
modules must never break one of them; a new public name is added to the list on purpose.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest

import liveblocks

LISTED: dict[str, list[str]] = json.loads(
    (Path(__file__).parent.parent / "public_names.json").read_text(encoding="utf-8")
)


def _public_modules() -> set[str]:
    found = {"liveblocks"}
    for info in pkgutil.walk_packages(liveblocks.__path__, "liveblocks."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            found.add(info.name)
    return found


@pytest.mark.parametrize("module_name", sorted(LISTED))
def test_every_listed_name_imports_from_its_module(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = set(getattr(module, "__all__", ()))
    missing = [name for name in LISTED[module_name] if name not in exported]
    assert not missing, f"{module_name}.__all__ lost {missing}"
    for name in LISTED[module_name]:
        assert getattr(module, name) is not None, f"{module_name}.{name}"


def test_the_list_covers_every_public_module() -> None:
    unlisted = sorted(_public_modules() - set(LISTED))
    assert not unlisted, f"public modules missing from public_names.json: {unlisted}"


def test_the_official_model_modules_are_all_listed() -> None:
    models = [name for name in LISTED if name.startswith("liveblocks.models.")]
    assert len(models) == 222
