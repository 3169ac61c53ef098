"""Writes ``liveblocks/models/`` from ``liveblocks/_models/``: the official import paths.

Every model class of an area of ``liveblocks._models`` (its ``__all__``) gets a module of
its own that re-exports it, named as the official package names it: ``Room`` ->
``liveblocks/models/room.py``, ``...PropertyType0Item`` -> ``..._property_type_0_item.py``.
Unions (``AiCopilot``) get none, nor the models the official package does not have
(``NOT_OFFICIAL``). ``__init__.py`` re-exports every area.

    python scripts/gen_models.py              # rewrite liveblocks/models/
    python scripts/gen_models.py --out DIR    # write into DIR instead
    python scripts/gen_models.py --check      # exit 1 if liveblocks/models/ is out of date

``tests/unit/test_generated_models.py`` runs it into a temporary directory and compares.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO / "liveblocks" / "models"

#: Model classes this SDK adds, which have no module in the official package.
NOT_OFFICIAL = frozenset({"AnthropicThinkingBase", "InboxNotificationUnknownData"})

#: What ``liveblocks.models`` exports from ``liveblocks._models._base``.
BASE_EXPORTS = ("FreeForm", "Model", "ModelValidationError", "StrEnum")

#: What ``liveblocks.models`` exports from elsewhere: ``{name: module}``.
OTHER_EXPORTS = {"LiveFile": "..live.file"}

MODEL_MODULE = '''"""A model in a module of its own, as the official package has it."""

from {module} import {name}

__all__ = ["{name}"]
'''

INIT_DOC = '''"""The API's models, with the reference's names and fields.

Every model is a :class:`msgspec.Struct` (fast to decode, typed) or, for objects whose keys
are the user's own, a ``dict`` subclass. Both offer ``to_dict()`` and ``from_dict()``.

Each model also lives in a module of its own, loaded only when imported, as in the official
package: ``from liveblocks.models.room import Room``.

This folder is written by ``scripts/gen_models.py`` from ``liveblocks/_models/``: edit the
models there, then run the script.
"""
'''


def module_name(model: str) -> str:
    """The official package's module name for a model: ``AiCopilotOpenAi`` ->
    ``ai_copilot_open_ai``, ``...Type0Item`` -> ``..._type_0_item``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])", "_", model).lower()


def _load(module: str) -> ModuleType:
    """A module of this repository's ``liveblocks`` (not of another installed one)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module(module)


def areas() -> list[str]:
    """The areas of ``liveblocks._models``: its submodules without a leading ``_``."""
    found = pkgutil.iter_modules(_load("liveblocks._models").__path__)
    return sorted(info.name for info in found if not info.name.startswith("_"))


def model_modules() -> dict[str, tuple[str, str]]:
    """``{module name: (area, model)}`` for every model that has a module of its own."""
    found: dict[str, tuple[str, str]] = {}
    for area in areas():
        namespace = _load(f"liveblocks._models.{area}")
        for name in namespace.__all__:
            if not isinstance(getattr(namespace, name), type) or name in NOT_OFFICIAL:
                continue
            module = module_name(name)
            if module in found:
                raise SystemExit(f"{name} and {found[module][1]} would share models/{module}.py")
            found[module] = (area, name)
    return found


def render_init(area_names: list[str]) -> str:
    lines = [INIT_DOC, f"from .._models._base import {', '.join(BASE_EXPORTS)}"]
    for area in area_names:
        lines.append(f"from .._models.{area} import *  # noqa: F403")
        lines.append(f"from .._models.{area} import __all__ as _{area}")
    lines += [f"from {module} import {name}" for name, module in OTHER_EXPORTS.items()]
    lines += ["", "__all__ = ["]
    lines += [f'    "{name}",' for name in BASE_EXPORTS]
    lines += [f"    *_{area}," for area in area_names]
    lines += [f'    "{name}",' for name in OTHER_EXPORTS]
    lines.append("]")
    return "\n".join(lines) + "\n"


def render() -> dict[str, str]:
    """Every file of ``liveblocks/models/``: ``{file name: text}``."""
    files = {"__init__.py": render_init(areas())}
    for module, (area, name) in sorted(model_modules().items()):
        files[f"{module}.py"] = MODEL_MODULE.format(module=f".._models.{area}", name=name)
    for name, module in OTHER_EXPORTS.items():
        files[f"{module_name(name)}.py"] = MODEL_MODULE.format(module=module, name=name)
    return files


def differences(files: dict[str, str], folder: Path) -> list[str]:
    """The files of ``folder`` that differ from ``files``: changed, missing or extra."""
    present = {path.name for path in folder.glob("*.py")}
    changed = [
        name
        for name, text in files.items()
        if name not in present or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted(changed + sorted(present - set(files)))


def write(files: dict[str, str], folder: Path) -> list[str]:
    """Make ``folder`` hold exactly ``files`` (other ``.py`` files are removed); return
    the names of the files written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    touched = differences(files, folder)
    for name in touched:
        path = folder / name
        if name in files:
            path.write_text(files[name], encoding="utf-8")
        else:
            path.unlink()
    return touched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="the folder to write")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the folder differs"
    )
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        stale = differences(files, args.out) if args.out.is_dir() else sorted(files)
        for name in stale:
            print(f"{args.out / name} is out of date", file=sys.stderr)
        if stale:
            print("run: python scripts/gen_models.py", file=sys.stderr)
        return 1 if stale else 0
    touched = write(files, args.out)
    print(f"{len(files)} files in {args.out}; {len(touched)} written or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
