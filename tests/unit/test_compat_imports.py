"""Drop-in: every import path of the official package (3.16.0a1 and 3.23.0) resolves here.

What the official package offers is pinned in tests/reference/official-<version>.json by
tests/reference/pin_official.py: its modules and their public names, and each model's own
module (``from liveblocks.models.room import Room``)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import liveblocks
from liveblocks import models
from scripts.gen_models import module_name
from tests.cases import models_323
from tests.cases._case import REFERENCE, _models

RELEASES = {
    version: json.loads((REFERENCE / f"official-{version}.json").read_text())
    for version in ("3.16.0a1", "3.23.0")
}
MODELS_DIR = Path(models.__file__).parent


#: A model's module name, as the official package spells it (the rule that writes them).
snake = module_name


def _names(kind: str) -> list[Any]:
    return [
        pytest.param(version, module, names, id=f"{version}-{module}")
        for version, pinned in RELEASES.items()
        for module, names in sorted(pinned[kind].items())
    ]


@pytest.mark.parametrize(("version", "module", "names"), _names("modules"))
def test_every_official_module_offers_its_names(
    version: str, module: str, names: list[str]
) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in names if not hasattr(imported, name)]
    assert not missing, f"{module} lacks {missing} (official {version})"


@pytest.mark.parametrize(("version", "module", "names"), _names("model_modules"))
def test_every_official_model_module_exists(version: str, module: str, names: list[str]) -> None:
    imported = importlib.import_module(f"liveblocks.models.{module}")
    # Some official modules are empty files (models a release dropped): ours keep the
    # model, so code written against the earlier release still imports it.
    exported = names or imported.__all__
    assert [snake(name) for name in exported] == [module]
    for name in exported:
        assert getattr(imported, name) is getattr(models, name)


REFERENCE_MODELS = sorted(set(_models()) | set(models_323()))


@pytest.mark.parametrize("name", REFERENCE_MODELS)
def test_every_reference_model_has_its_own_module(name: str) -> None:
    """Fails for a model added to the reference (tests/reference/models*.json) without a
    module of its own in liveblocks/models/."""
    path = MODELS_DIR / f"{snake(name)}.py"
    assert path.is_file(), f"liveblocks/models/{snake(name)}.py is missing"
    module = importlib.import_module(f"liveblocks.models.{snake(name)}")
    assert module.__all__ == [name]
    assert getattr(module, name) is getattr(models, name)


def test_no_module_without_an_official_counterpart() -> None:
    official = set().union(*(set(pinned["model_modules"]) for pinned in RELEASES.values()))
    ours = {path.stem for path in MODELS_DIR.glob("*.py")} - {"__init__"}
    assert ours == official


def test_the_package_names_its_submodules_without_importing_them_first() -> None:
    script = (
        "import liveblocks, sys\n"
        "assert 'liveblocks.models' not in sys.modules\n"
        "assert liveblocks.models.Room.__name__ == 'Room'\n"
        "assert liveblocks.webhooks.WebhookHandler.__name__ == 'WebhookHandler'\n"
        "assert liveblocks.client.Liveblocks is liveblocks.Liveblocks\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    with pytest.raises(AttributeError, match="no attribute 'modles'"):
        liveblocks.modles  # type: ignore[attr-defined]  # noqa: B018


def _loaded(code: str) -> list[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return [name for name in json.loads(out) if name.startswith("liveblocks.models.")]


def test_model_modules_load_only_when_imported() -> None:
    assert _loaded("import liveblocks, liveblocks.models") == []
    assert _loaded("from liveblocks.models import Room") == []
    assert _loaded("from liveblocks.models.room import Room") == ["liveblocks.models.room"]


def test_readme_and_docstring_import_paths() -> None:
    """The imports the official README and docstrings show."""
    from liveblocks import AsyncLiveblocks, Liveblocks, errors
    from liveblocks.client import AsyncLiveblocks as ClientAsync
    from liveblocks.client import Liveblocks as ClientSync
    from liveblocks.models import CreateRoomRequestBody, UpdateRoomRequestBody
    from liveblocks.models.authorize_user_request_body import AuthorizeUserRequestBody
    from liveblocks.models.authorize_user_request_body_permissions import (
        AuthorizeUserRequestBodyPermissions,
    )
    from liveblocks.models.authorize_user_request_body_user_info import (
        AuthorizeUserRequestBodyUserInfo,
    )
    from liveblocks.models.authorize_user_response import AuthorizeUserResponse
    from liveblocks.session import AsyncSession, Session
    from liveblocks.webhooks import WebhookHandler

    assert (ClientSync, ClientAsync) == (Liveblocks, AsyncLiveblocks)
    assert errors.LiveblocksError is liveblocks.LiveblocksError
    assert CreateRoomRequestBody is models.CreateRoomRequestBody
    assert UpdateRoomRequestBody is models.UpdateRoomRequestBody
    assert AuthorizeUserRequestBody.__name__ == "AuthorizeUserRequestBody"
    assert AuthorizeUserRequestBodyPermissions is models.AuthorizeUserRequestBodyPermissions
    assert AuthorizeUserRequestBodyUserInfo is models.AuthorizeUserRequestBodyUserInfo
    assert AuthorizeUserResponse is models.AuthorizeUserResponse
    assert Session.__name__ == "Session" and AsyncSession.__name__ == "AsyncSession"
    assert WebhookHandler is liveblocks.WebhookHandler
