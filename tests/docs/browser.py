"""Headless Chromium driven over the DevTools protocol (with aiohttp's WebSocket client):
load pages, collect what their consoles report, run a script in them."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As the machine's notes advise: no background traffic to the outside, no GPU, no sandbox
# (the tests run as root).
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--remote-debugging-address=127.0.0.1",
]
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class Page:
    """One browser tab: navigate, evaluate, and the console errors seen so far."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._next_id = 0
        self._replies: dict[int, asyncio.Future[Any]] = {}
        self._events: dict[str, asyncio.Event] = {}
        self.errors: list[str] = []
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for message in self._socket:
            data = json.loads(message.data)
            if "id" in data:
                future = self._replies.pop(data["id"])
                if "error" in data:
                    future.set_exception(RuntimeError(str(data["error"])))
                else:
                    future.set_result(data.get("result", {}))
                continue
            method, params = data.get("method", ""), data.get("params", {})
            self._events.setdefault(method, asyncio.Event()).set()
            if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                self.errors.append(" ".join(str(a.get("value", a)) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                self.errors.append(str(params["exceptionDetails"].get("text")))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                self.errors.append(f"{params['entry'].get('text')} ({params['entry'].get('url')})")

    async def send(self, method: str, **params: Any) -> Any:
        self._next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._replies[self._next_id] = future
        await self._socket.send_json({"id": self._next_id, "method": method, "params": params})
        return await asyncio.wait_for(future, 30)

    async def goto(self, url: str) -> None:
        loaded = self._events.setdefault("Page.loadEventFired", asyncio.Event())
        loaded.clear()
        await self.send("Page.navigate", url=url)
        await asyncio.wait_for(loaded.wait(), 30)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    async def close(self) -> None:
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


@contextlib.asynccontextmanager
async def browser_page() -> AsyncIterator[Page]:
    """A fresh headless Chromium (its own empty profile) and one tab in it."""
    assert CHROMIUM, "Chromium is not installed (make test installs Debian's chromium)"
    with tempfile.TemporaryDirectory() as profile:
        log = os.path.join(profile, "stderr.log")
        with open(log, "wb") as stderr:
            process = subprocess.Popen(
                [CHROMIUM, *FLAGS, f"--user-data-dir={profile}/data", "about:blank"],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
            )
        try:
            endpoint = await asyncio.wait_for(_endpoint(process, log), 30)
            http = endpoint.replace("ws://", "http://").split("/devtools/")[0]
            async with aiohttp.ClientSession() as session:
                async with session.get(f"{http}/json/list") as answer:
                    targets = await answer.json()
                tab = next(t for t in targets if t["type"] == "page")
                async with session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    page = Page(ws)
                    for domain in ("Page", "Runtime", "Log"):
                        await page.send(f"{domain}.enable")
                    try:
                        yield page
                    finally:
                        await page.close()
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 9)
            process.wait(10)


async def _endpoint(process: subprocess.Popen[bytes], log: str) -> str:
    """The DevTools address Chromium prints on its standard error once it listens."""
    while True:
        with open(log, encoding="utf-8", errors="replace") as file:
            found = _LISTENING.search(file.read())
        if found:
            return found.group(1)
        if process.poll() is not None:
            raise RuntimeError(f"Chromium exited ({process.returncode}) before listening")
        await asyncio.sleep(0.05)
