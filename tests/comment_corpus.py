"""Comment bodies and Markdown texts covering every element, shared by the comparison with
@liveblocks/node (tests/node/) and the unit tests."""

from __future__ import annotations

from typing import Any


def text(value: str, **marks: bool) -> dict[str, Any]:
    return {"text": value, **marks}


def paragraph(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "children": list(children)}


def body(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"version": 1, "content": list(blocks)}


def mention(mention_id: str, kind: str = "user", **extra: Any) -> dict[str, Any]:
    return {"type": "mention", "kind": kind, "id": mention_id, **extra}


def link(url: str, label: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"type": "link", "url": url}
    if label is not None:
        found["text"] = label
    return found


ESCAPES = (
    "5 < 6 & 7 > 3 \"quoted\" 'single' _under_ *star* #hash `tick` ~tilde~ !bang |pipe| "
    "(paren) {brace} [bracket] \\back"
)

BODIES: list[dict[str, Any]] = [
    body(paragraph(text("Hello world"))),
    body(
        paragraph(
            text("plain "),
            text("bold", bold=True),
            text(" "),
            text("italic", italic=True),
            text(" "),
            text("struck", strikethrough=True),
            text(" "),
            text("code", code=True),
            text(" "),
            text("all four", bold=True, italic=True, strikethrough=True, code=True),
            text(" "),
            text("bold italic", bold=True, italic=True),
        )
    ),
    body(
        paragraph(
            text("See "),
            link("https://example.com/docs?page=1#intro", "the docs"),
            text(", "),
            link("https://example.com"),
            text(", "),
            link("www.liveblocks.io/path"),
            text(", "),
            link("/relative/path", "relative"),
            text(", "),
            link("javascript:alert(1)", "unsafe"),
            text(", "),
            link("mailto:someone@example.com"),
            text(", "),
            link('https://example.com/a b?q=<x>&y="z"', 'odd <chars> & "quotes"'),
            text(", "),
            link("https://example.com/(parens)_under*star", "label_with*marks"),
        )
    ),
    body(
        paragraph(
            text("Hi "),
            mention("alice"),
            text(" and "),
            mention("bob"),
            text(", cc "),
            mention("team-design", kind="group"),
            text(" and "),
            mention("unknown-user"),
            text(" "),
            mention("alice"),
            text(" "),
            mention("no-name"),
            text(" "),
            mention("empty-name"),
            text(" "),
            mention("escaper"),
            text(" "),
            mention("everyone", kind="group", userIds=["alice", "bob"]),
        )
    ),
    body(
        paragraph(text("First paragraph.")),
        paragraph(text("Second "), text("paragraph", bold=True), text(".")),
        paragraph(),
        paragraph(text("")),
        paragraph(text("Fourth, after two empty ones.")),
    ),
    body(paragraph(text(ESCAPES)), paragraph(text(ESCAPES, bold=True), text(ESCAPES, code=True))),
    body(
        paragraph(text("Unicode: café, 日本語, emoji 🎉👩‍💻, accents é")),
        {"type": "heading", "children": [text("an unknown block")]},
        paragraph(
            {"type": "custom", "text": "an unknown inline"},
            text("kept"),
            {"type": "mention", "kind": "user"},
            {"type": "mention", "kind": "user", "id": ""},
        ),
    ),
    body(paragraph(text("line one\nline two"), text("  spaced  "))),
    body(),
]

USERS = {
    "alice": {"name": "Alice Martin", "avatar": "https://example.com/alice.png"},
    "bob": {"name": "Bob <b>Smith</b> & co"},
    "no-name": {"avatar": "https://example.com/x.png"},
    "empty-name": {"name": ""},
    "escaper": {"name": "_Ann_ *Lee* [x](y)"},
}
GROUPS = {"team-design": {"name": "Design team"}, "everyone": {"name": "Everyone"}}

#: (format, separator, with resolvers)
OPTIONS: list[tuple[str | None, str | None, bool]] = [
    (None, None, False),
    ("plain", None, True),
    ("markdown", None, False),
    ("markdown", None, True),
    ("html", None, False),
    ("html", None, True),
    ("plain", " | ", True),
    ("html", "\n<hr>\n", True),
]

MARKDOWN: list[str] = [
    "Hello world",
    "**bold** _italic_ *also italic* ~~struck~~ ~single~ `code` ***both***",
    "Hi @alice and @bob.smith, cc @carol-, email me at me@example.com or @dave.",
    "Mixed **bold with `code` inside** and _italic with [a link](https://example.com)_",
    '[Docs](https://liveblocks.io/docs "Title") and <https://example.com/auto> and https://bare.example.com/x.',
    "www.example.com/path?x=1, and [bad](javascript:alert(1)) and [rel](/relative)",
    "# Heading 1\n\n## Heading **2**\n\nSetext\n======\n\nSub\n---",
    "First paragraph\nsame paragraph\n\nSecond paragraph",
    "- one\n- two\n  - nested **bold**\n- [ ] todo\n- [x] done",
    "1. first\n2. second\n\n3) third\n\n5. five\n6. six",
    "> quoted\n> > nested quote\n>\n> - list in quote",
    "```js\nconst x = 1;\n```\n\n    indented code",
    "| a | b |\n|:--|--:|\n| 1 | **2** |\n| x | y |",
    "Line with two spaces  \nnext line and backslash\\\nlast",
    "Escapes: \\*not italic\\* \\_ \\# \\` \\\\ and &amp; &lt;tag&gt;",
    "<b>inline html</b> and <div>block</div>",
    "![an image](https://example.com/i.png) text",
    "---\n\n***\n\nafter rules",
    "[ref link][1] and [missing][2]\n\n[1]: https://example.com/ref",
    "Unicode café 日本語 🎉 @josé",
    "",
    "   \n\n  ",
    "*unclosed and **unbalanced*",
    "snake_case_words and 2*3*4",
    "> [r]: /url\n(lazy continuation) with @bob",
    ">1\\.=\nlazy](http://x.com)---\nmore>```\n1\\.@a.b-| a | b |\n|---|---|\n @c_d.",
    "\n🎉**![i](j.png) not bold** after 🎉 **bold**",
    "Nested *emphasis **strong** inside* and __strong _em_ inside__ and ~~**both**~~",
    "* star list\n+ plus list\n\n  continued item\n\n10. ten\n11. eleven",
]
