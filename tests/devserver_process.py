"""Starts and stops the real Liveblocks dev server for the integration tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "sk_localdev"
_URL = re.compile(rb"running at (http://localhost:\d+)")
_CONTROL = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def devserver_command() -> str:
    explicit = os.environ.get("LIVEBLOCKS_DEVSERVER")
    if explicit:
        return explicit
    local = ROOT / ".devserver" / "node_modules" / ".bin" / "liveblocks"
    if local.exists():
        return str(local)
    found = shutil.which("liveblocks")
    if found:
        return found
    raise RuntimeError(
        "The Liveblocks dev server is not installed: run `make devserver` "
        "(npm install --prefix .devserver liveblocks@1.9.0 bun)"
    )


class DevServer:
    """One dev server on a free port, in its own process group."""

    def __init__(self, proc: subprocess.Popen[bytes], url: str) -> None:
        self.proc = proc
        self.url = url

    @classmethod
    def start(cls, timeout: float = 60.0) -> DevServer:
        command = devserver_command()
        env = dict(os.environ)
        env["PATH"] = f"{Path(command).parent}{os.pathsep}{env.get('PATH', '')}"
        proc = subprocess.Popen(
            [command, "dev", "-P", "--no-persist", "--no-check"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        seen = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            chunk = proc.stdout.read() or b""
            seen += chunk
            match = _URL.search(_CONTROL.sub(b"", seen))
            if match:
                server = cls(proc, match.group(1).decode())
                server._drain_output()
                server.wait_ready(deadline)
                return server
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        cls._kill(proc)
        text = _CONTROL.sub(b"", seen).decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"The Liveblocks dev server did not start. Its output:\n{text}")

    def _drain_output(self) -> None:
        """Read the server's log lines as they come (the last 16 KiB kept in ``tail``): a
        full pipe would block the server after some two thousand requests."""
        stdout = self.proc.stdout
        assert stdout is not None
        os.set_blocking(stdout.fileno(), True)
        self.tail = b""

        def drain() -> None:
            with contextlib.suppress(OSError, ValueError):
                for chunk in iter(lambda: stdout.read1(65536), b""):
                    self.tail = (self.tail + chunk)[-16384:]

        threading.Thread(target=drain, name="devserver-output", daemon=True).start()

    def wait_ready(self, deadline: float) -> None:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            f"{self.url}/v2/rooms", headers={"Authorization": f"Bearer {SECRET}"}
        )
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(request, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"The dev server at {self.url} never answered")

    def stop(self) -> None:
        self._kill(self.proc)

    @staticmethod
    def _kill(proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
