"""Runs scripts of tests/node/ with @liveblocks/node, the reference the integration tests
compare the SDK's results with (installed by ``make nodesdk``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = Path(__file__).resolve().parent / "node"


def node_sdk_dir() -> Path:
    explicit = os.environ.get("NODE_SDK_DIR")
    directory = Path(explicit) if explicit else ROOT / ".node-sdk" / "node_modules"
    if not (directory / "@liveblocks" / "node" / "package.json").exists():
        raise RuntimeError(f"@liveblocks/node is not installed in {directory}: run `make nodesdk`")
    return directory


def node_emails_dir() -> Path:
    """Where ``make emails`` installed @liveblocks/emails (with its own @liveblocks/node)."""
    explicit = os.environ.get("NODE_EMAILS_DIR")
    directory = Path(explicit) if explicit else ROOT / ".node-emails" / "node_modules"
    if not (directory / "@liveblocks" / "emails" / "package.json").exists():
        raise RuntimeError(f"@liveblocks/emails is not installed in {directory}: run `make emails`")
    return directory


def node_prosemirror_dir() -> Path:
    """Where ``make prosemirror`` installed @liveblocks/node-prosemirror and its peers."""
    explicit = os.environ.get("NODE_PROSEMIRROR_DIR")
    directory = Path(explicit) if explicit else ROOT / ".node-prosemirror" / "node_modules"
    if not (directory / "@liveblocks" / "node-prosemirror" / "package.json").exists():
        raise RuntimeError(
            f"@liveblocks/node-prosemirror is not installed in {directory}: run `make prosemirror`"
        )
    return directory


def run_node(
    script: str, *args: str, base_url: str = "", secret: str = "", timeout: float = 120
) -> Any:
    """Run ``tests/node/<script>`` (against a server, if given); its last line of output,
    as JSON."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js is needed for the comparison with @liveblocks/node")
    env = {
        **os.environ,
        "LIVEBLOCKS_BASE_URL": base_url,
        "LIVEBLOCKS_SECRET_KEY": secret,
        "NODE_SDK_DIR": str(node_sdk_dir()),
    }
    if script in ("thread_email.mjs", "text_mention_email.mjs"):
        env["NODE_EMAILS_DIR"] = str(node_emails_dir())
    if script in ("prosemirror.mjs", "lexical_doc.mjs"):
        env["NODE_PROSEMIRROR_DIR"] = str(node_prosemirror_dir())
    done = subprocess.run(
        [node, str(SCRIPTS / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
