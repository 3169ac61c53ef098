"""Links are read as @liveblocks/core reads them (WHATWG URLs): sanitize_url keeps the same
http(s) and relative links, normalized the same way, and refuses the same others;
with_fragment adds a comment's id as generateUrl does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from liveblocks._url import sanitize_url, with_fragment
from tests.nodesdk import run_node

URLS = [
    "https://example.com",
    "https://example.com/",
    "HTTPS://EXAMPLE.com:443/a/b/../c?x=1 2#frag ment",
    "www.example.com/path",
    "http://example.com:80",
    "http://example.com:8080/",
    "https://a.com/x?y/",
    "https://a.com/file.name.html?q=a.b#x.y",
    "https://a.com/%7Euser/%2e%2E/z",
    "https://a.com/./b/../c/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "mailto:a@b.c",
    "data:text/html,<b>x</b>",
    "/relative/path",
    "relative",
    "?q=1",
    "#",
    "#top",
    "",
    " ",
    "//evil.com/x",
    "http:example.com",
    "https:foo",
    "https:/foo",
    "http://user:pass@host.com/p",
    "http://[::1]:3000/x",
    "http://127.0.0.1/",
    "http://0x7f.1/",
    "http://08/",
    "https://a.0x1/",
    "http://bücher.example/straße?ü=ü#ü",
    'https://a.com/a b<c>"d`{e}^f|g',
    "https://a.com/?a'b\"c<d>e`f",
    "https://a.com/#a'b\"c<d>e`f g",
    "https://a.com/\\x\\y",
    "ftp://x.com",
    "localhost:3000",
    "https://",
    "https://a.com/x?",
    "https://a.com/x#",
    "https://a.com:99999/",
    "https://a.com:abc/",
    "https://ex ample.com/",
    "  https://a.com/lead",
    "https://a.com/t\tab",
    "./a/../b",
    "../../x",
    "https://a.com/~user/!$&'()*+,;=:@x",
    "https://A.COM./x",
    "https://xn--bcher-kva.example/",
    "http://%41.com/",
    "https://a.com/%zz",
    "https://a@b@c.com/",
]


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    path: Path = tmp_path_factory.mktemp("urls") / "cases.json"
    path.write_text(json.dumps({"urls": URLS}), encoding="utf-8")
    result: list[Any] = run_node("helpers.mjs", str(path))["urls"]
    return result


@pytest.mark.parametrize("index", range(len(URLS)), ids=lambda i: repr(URLS[i]))
def test_sanitize_url_equals_node(index: int, node: list[Any]) -> None:
    assert sanitize_url(URLS[index]) == node[index][0]


@pytest.mark.parametrize("index", range(len(URLS)), ids=lambda i: repr(URLS[i]))
def test_with_fragment_equals_node_for_web_links(index: int, node: list[Any]) -> None:
    expected = node[index][1]
    if expected is None:
        with pytest.raises(ValueError, match="not a URL"):
            with_fragment(URLS[index], "cm_1 é")
    elif sanitize_url(URLS[index]) is not None:  # other schemes are kept as written
        assert with_fragment(URLS[index], "cm_1 é") == expected
