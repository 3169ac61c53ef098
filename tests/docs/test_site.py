"""The reference site, built as ``make docs`` builds it (mkdocs in strict mode: a broken
link or reference fails the build), checked in a real browser: Debian's headless Chromium
loads every page with no console error, and the site's search finds the API's names."""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cases import current_operations
from tests.docs.browser import browser_page

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _pages(site: Path) -> list[str]:
    return sorted(
        str(path.relative_to(site).parent) + "/"
        for path in site.rglob("index.html")
        if path.parent.name != "search"
    )


def test_the_flat_reference_documents_all_123_operations(site: Path) -> None:
    page = (site / "reference" / "flat" / "index.html").read_text(encoding="utf-8")
    missing = [op["name"] for op in current_operations() if f'.{op["name"]}"' not in page]
    assert not missing


def test_every_page_loads_in_chromium_without_a_console_error(site: Path, served: str) -> None:
    pages = _pages(site)
    assert len(pages) >= 20

    async def visit() -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        async with browser_page() as page:
            for path in pages:
                page.errors.clear()
                await page.goto(f"{served}/{path.removeprefix('./')}")
                title = await page.evaluate("document.title")
                assert "liveblocks-sdk" in title, (path, title)
                await asyncio.sleep(0.2)  # scripts started by the load event
                if page.errors:
                    errors[path] = list(page.errors)
        return errors

    assert asyncio.run(asyncio.wait_for(visit(), 240)) == {}


def test_the_search_finds_the_api(served: str) -> None:
    queries = ["mass_mutate_storage", "get_storage_document", "WebhookHandler"]

    async def search() -> dict[str, list[str]]:
        found = {}
        async with browser_page() as page:
            await page.goto(f"{served}/")
            for query in queries:
                found[query] = await page.evaluate(_SEARCH.replace("QUERY", json.dumps(query)))
        return found

    results = asyncio.run(asyncio.wait_for(search(), 90))
    for query in queries:
        assert any(query in text for text in results[query]), (query, results[query])


#: Types a query into the search box (the input and keyup events typing gives) and waits
#: for the results list, at most 20 s.
_SEARCH = """new Promise((resolve, reject) => {
    const input = document.querySelector("input[data-md-component=search-query]");
    const started = Date.now();
    let typed = 0;
    const attempt = () => {
        const now = Date.now();
        if (now - typed > 2000) {  // type again every 2 s, until the search index is ready
            input.value = QUERY;
            input.dispatchEvent(new Event("input", {bubbles: true}));
            input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
            typed = now;
        }
        const items = [...document.querySelectorAll(".md-search-result__item")];
        if (items.some(i => i.textContent.includes(QUERY))) {
            return resolve(items.map(i => i.textContent));
        }
        if (now - started > 20000) return reject(new Error("no result for " + QUERY));
        setTimeout(attempt, 100);
    };
    input.focus();
    attempt();
})"""
