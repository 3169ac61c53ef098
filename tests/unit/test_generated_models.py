"""``liveblocks/models/`` is what ``scripts/gen_models.py`` writes from ``liveblocks/_models/``.

A model added to an area of ``_models`` without rerunning the script, a module edited by
hand, or one left behind after its model was renamed fails here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from liveblocks import models
from scripts import gen_models

SCRIPT = Path(gen_models.__file__)
MODELS_DIR = Path(models.__file__).parent


def _py_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.py"))}


def test_running_the_script_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "models"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    written, ours = _py_files(out), _py_files(MODELS_DIR)
    assert sorted(written) == sorted(ours), "run: python scripts/gen_models.py"
    differing = [name for name in written if written[name] != ours[name]]
    assert not differing, f"{differing} differ; run: python scripts/gen_models.py"
    assert len(written) == 223  # the 222 official model modules and __init__.py


def test_a_model_module_re_exports_its_model() -> None:
    assert (MODELS_DIR / "room.py").read_text() == (
        '"""A model in a module of its own, as the official package has it."""\n'
        "\n"
        "from .._models.rooms import Room\n"
        "\n"
        '__all__ = ["Room"]\n'
    )


@pytest.mark.parametrize(
    ("model", "module"),
    [
        ("Room", "room"),
        ("AiCopilotOpenAi", "ai_copilot_open_ai"),
        ("GetYjsDocumentResponse", "get_yjs_document_response"),
        (
            "UpdateRoomRequestBodyUsersAccessesAdditionalPropertyType0Item",
            "update_room_request_body_users_accesses_additional_property_type_0_item",
        ),
    ],
)
def test_module_names_are_spelled_as_the_official_package_spells_them(
    model: str, module: str
) -> None:
    assert gen_models.module_name(model) == module


def test_unions_and_models_the_official_package_lacks_get_no_module() -> None:
    names = {name for _, name in gen_models.model_modules().values()}
    assert "Room" in names
    assert "AiCopilot" not in names  # a union of the copilot models
    assert "InboxNotificationUnknownData" not in names  # ours only
    assert set(models.__all__) >= gen_models.NOT_OFFICIAL


def test_check_reports_a_hand_edit_and_a_stale_module(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    gen_models.write(gen_models.render(), folder)
    assert gen_models.main(["--check", "--out", str(folder)]) == 0
    (folder / "room.py").write_text("from .._models.rooms import Room\n")
    (folder / "old_model.py").write_text("")
    assert gen_models.differences(gen_models.render(), folder) == ["old_model.py", "room.py"]
    assert gen_models.main(["--check", "--out", str(folder)]) == 1


def test_writing_restores_edited_files_and_removes_stale_ones(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    files = gen_models.render()
    gen_models.write(files, folder)
    (folder / "room.py").write_text("edited\n")
    (folder / "old_model.py").write_text("")
    (folder / "notes.txt").write_text("not a module")
    assert gen_models.write(files, folder) == ["old_model.py", "room.py"]
    assert _py_files(folder) == {name: text.encode() for name, text in files.items()}
    assert (folder / "notes.txt").exists()
