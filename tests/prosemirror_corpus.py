"""Text-editor documents (ProseMirror JSON, Tiptap StarterKit) covering every node and mark
the SDK reads and writes, for the comparisons with @liveblocks/node-prosemirror."""

from __future__ import annotations

from typing import Any

import pycrdt

from liveblocks.prosemirror._model import Node
from liveblocks.prosemirror._yxml import update_fragment


def text(value: str, *marks: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "text", "text": value}
    if marks:
        node["marks"] = [{"type": m} if isinstance(m, str) else m for m in marks]
    return node


def para(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "content": list(content)} if content else {"type": "paragraph"}


def heading(level: int, *content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "heading", "attrs": {"level": level}, "content": list(content)}


def item(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "listItem", "content": list(content)}


def bullets(*items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "bulletList", "content": list(items)}


def numbered(start: int, *items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "orderedList", "attrs": {"start": start}, "content": list(items)}


def code_block(source: str, language: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "codeBlock", "content": [text(source)]}
    if language:
        node["attrs"] = {"language": language}
    return node


def quote(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "blockquote", "content": list(content)}


def link(href: str, title: str | None = None) -> dict[str, Any]:
    attrs: dict[str, Any] = {"href": href}
    if title:
        attrs["title"] = title
    return {"type": "link", "attrs": attrs}


def doc(*content: dict[str, Any]) -> dict[str, Any]:
    return {"type": "doc", "content": list(content)}


BREAK = {"type": "hardBreak"}
RULE = {"type": "horizontalRule"}

#: Documents Node's toMarkdown can write (only paragraphs, headings, blockquotes, links and
#: code marks): its Markdown is compared as it is.
MARKDOWN_SAFE: dict[str, dict[str, Any]] = {
    "paragraphs": doc(para(text("First paragraph.")), para(text("Second one, longer."))),
    "headings": doc(
        heading(1, text("Title")),
        heading(2, text("Section")),
        heading(3, text("Sub ", "code"), text("section")),
        para(text("Body")),
    ),
    "links": doc(
        para(
            text("See "),
            text("the docs", link("https://liveblocks.io/docs")),
            text(", "),
            text("https://example.com/a_b", link("https://example.com/a_b")),
            text(" and "),
            text("this (one)", link("https://example.com/x(1)", 'a "title"')),
            text("."),
        )
    ),
    "code marks": doc(para(text("Run "), text("pip install `x`", "code"), text(" now"))),
    "blockquote": doc(
        quote(para(text("Quoted")), quote(para(text("Nested")))), para(text("After"))
    ),
    "escaping": doc(
        para(text("# not a heading, *stars*, _under_score_, [brackets] and \\ back")),
        para(text("1. not a list")),
        para(text("- nor this")),
        para(text("> or a quote")),
        para(text("snake_case stays")),
        para(text("!"), text("image?", link("https://x.test"))),
    ),
    "non-ASCII": doc(
        heading(2, text("Résumé — 日本語")),
        para(text("Ünïcödé text, emoji 😀🎉 and ß, “quotes”.")),
    ),
}

#: Documents only the full serializer writes (Node's toMarkdown throws on these).
NEEDS_STARTER_KIT: dict[str, dict[str, Any]] = {
    "bold italic strike": doc(
        para(
            text("bold", "bold"),
            text(" and "),
            text("italic", "italic"),
            text(" and "),
            text("struck", "strike"),
            text(" and "),
            text("both", "bold", "italic"),
            text(" "),
            text(" spaced bold ", "bold"),
            text("end"),
        )
    ),
    "link with marks": doc(
        para(
            text("bold link", "bold", link("https://b.test")),
            text(" then "),
            text("x", "underline"),
        )
    ),
    "bullet list": doc(
        bullets(
            item(para(text("one"))),
            item(para(text("two")), bullets(item(para(text("two.a"))), item(para(text("two.b"))))),
            item(para(text("three"))),
        ),
        para(text("after")),
    ),
    "ordered list": doc(
        numbered(1, item(para(text("first"))), item(para(text("second")))),
        numbered(
            9,
            item(para(text("nine"))),
            item(para(text("ten")), numbered(1, item(para(text("inner"))))),
        ),
    ),
    "code blocks": doc(
        code_block("print('hi')\nx = 1", "python"),
        code_block("plain\n```\nfenced inside"),
        para(text("after")),
    ),
    "hard breaks": doc(
        para(text("line one"), BREAK, text("line two", "bold"), BREAK, BREAK, text("three")),
        para(text("trailing"), BREAK),
    ),
    "rule": doc(para(text("above")), RULE, para(text("below"))),
    "quote with list": doc(quote(bullets(item(para(text("in a quote")))), para(text("q")))),
    "mentions and comments": doc(
        para(
            text("Hi "),
            {"type": "liveblocksMention", "attrs": {"id": "user-1", "notificationId": "in_1"}},
            text(", see "),
            text(
                "this",
                {"type": "liveblocksCommentMark", "attrs": {"threadId": "th_1"}},
                {"type": "liveblocksCommentMark", "attrs": {"threadId": "th_2", "orphan": True}},
            ),
            text(" and "),
            {"type": "liveblocksGroupMention", "attrs": {"id": "team", "userIds": ["a", "b"]}},
        )
    ),
    "everything": doc(
        heading(1, text("Plan ✨")),
        para(
            text("Mix of "), text("bold ", "bold"), text("and italic", "bold", "italic"), text(".")
        ),
        bullets(item(para(text("a ", "code"), text("b", "strike")))),
        quote(code_block("q = 1", "js")),
        RULE,
        numbered(3, item(para(text("three")))),
    ),
}

CORPUS = {**MARKDOWN_SAFE, **NEEDS_STARTER_KIT}

#: Markdown texts covering what the Markdown reader reads (and what it leaves as text).
MARKDOWN_TEXTS: list[str] = [
    "",
    "Hello *world*",
    "# Title\n\nPara with **bold**, _it_, ~~gone~~ and `code`.",
    "Line one\nline two  \nline three\\\nfour",
    "* a\n* b\n  * nested\n* c",
    "1. one\n2. two\n\n   more two\n3. three",
    "7) seven\n8) eight",
    "> quote\n> more\n>\n> > nested\n\nafter",
    "```python\nprint('hi')\n\n```\n\n~~~\ntilde\n~~~",
    "    indented\n    code\n\ntext",
    "---\n***\n___",
    "Setext\n===\n\nTwo\n---",
    '[link](https://x.test "T") and <https://auto.test/a_b> and <me@x.test>',
    "Escapes: \\*not\\* \\_x\\_ \\# &amp; &copy; &#35;",
    "**bold `code` after**",
    "***both*** and **strong *em* strong**",
    "snake_case_word and *a*b* and __x__y",
    "Ünïcödé 日本語 😀 *ém*",
    "[a link **bold**](/path with space)",
    "- [ ] not a task\n- item",
    "text\n# heading interrupts\n- list interrupts",
    "2. starts at two\n3. three",
    "a  \n",
    "*unclosed and **also",
    "`` a ` b ``",
    "<div>html</div>",
    "Term  \nnext",
    "a\n\n\n\nb",
    "- one\n\n- two",
    "1. a\n   - b\n     1. c",
    "> - q1\n> - q2\nlazy",
    "*a **b** c*",
    "**a *b* c**",
    "_a __b__ c_",
    "a *b\nc* d",
    "`code`*em*",
    "[x](<a b>)",
    "[x](a(b)c)",
    "https://not.a.link",
    "\\\\ backslash",
    "#not heading",
    "####### seven",
    "# trailing #s ##",
    "  * indented item",
    "1.no space",
    "10. ten\n11. eleven",
    "```\nunclosed fence",
    "para\n    not code",
    "- a\n- b\n\n\nc",
    "*[link](u)*",
    "[**b**](u) tail",
    "~single~ ~~~triple~~~",
    "a ~~b~~c",
    "emoji 😀 **😀**",
]


def yjs_update(content: dict[str, Any], field: str = "default") -> bytes:
    """A Yjs document holding ``content`` (ProseMirror JSON) under ``field``, as
    y-prosemirror stores it: what a room's document would be."""
    ydoc: pycrdt.Doc[Any] = pycrdt.Doc()
    with ydoc.transaction():
        update_fragment(ydoc.get(field, type=pycrdt.XmlFragment), Node.from_json(content).content)
    return ydoc.get_update()
