"""Markdown from a document, as ``prosemirror-markdown``'s default serializer writes it
(what ``@liveblocks/node-prosemirror``'s ``toMarkdown`` uses), for every StarterKit node.

Node's ``toMarkdown`` knows only the serializer's own names, so it gives up on a document
with a list, a code block, a hard break, a rule, bold, italic or strikethrough; here those
are written as the serializer writes its ``bullet_list``, ``ordered_list``, ``code_block``,
``hard_break``, ``horizontal_rule``, ``strong`` and ``em`` (strikethrough as ``~~``;
underline, comment marks and mentions, which Markdown cannot show, as their plain text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Union

from ._model import Mark, Node

__all__ = ["to_markdown"]

HARD_BREAK = "hardBreak"

_ESCAPED = re.compile(r"[`*\\~\[\]_]")
_WORD = re.compile(r"\w", re.ASCII)
_TICKS = re.compile(r"`+")
_FENCES = re.compile(r"`{3,}", re.M)


def to_markdown(doc: Node) -> str:
    """The document as Markdown."""
    state = _State()
    state.render_content(doc)
    return state.out


#: A mark's opening or closing string, or a function of (state, mark, parent, index).
_Delim = Union[str, Callable[["_State", Mark, Node, int], str]]


@dataclass(frozen=True)
class _MarkSpec:
    open: _Delim
    close: _Delim
    mixable: bool = False
    expel_whitespace: bool = False
    escape: bool = True


def _link_open(state: _State, mark: Mark, parent: Node, index: int) -> str:
    state.in_autolink = _is_plain_url(mark, parent, index)
    return "<" if state.in_autolink else "["


def _link_close(state: _State, mark: Mark, parent: Node, index: int) -> str:
    autolink = state.in_autolink
    state.in_autolink = None
    if autolink:
        return ">"
    href = re.sub(r'[()"]', lambda m: "\\" + m.group(0), _js_str(mark.attrs.get("href")))
    title = mark.attrs.get("title")
    quoted = f' "{_js_str(title).replace(chr(34), chr(92) + chr(34))}"' if title else ""
    return f"]({href}{quoted})"


def _code_open(state: _State, mark: Mark, parent: Node, index: int) -> str:
    return _backticks_for(parent.content[index], -1)


def _code_close(state: _State, mark: Mark, parent: Node, index: int) -> str:
    return _backticks_for(parent.content[index - 1], 1)


_PLAIN = _MarkSpec("", "", mixable=True)
_MARKS = {
    "italic": _MarkSpec("*", "*", mixable=True, expel_whitespace=True),
    "bold": _MarkSpec("**", "**", mixable=True, expel_whitespace=True),
    "strike": _MarkSpec("~~", "~~", mixable=True, expel_whitespace=True),
    "link": _MarkSpec(_link_open, _link_close, mixable=True),
    "code": _MarkSpec(_code_open, _code_close, escape=False),
}


def _js_str(value: object) -> str:
    return "null" if value is None else str(value)


def _backticks_for(node: Node, side: int) -> str:
    longest = max((len(m) for m in _TICKS.findall(node.text or "")), default=0)
    result = " `" if longest > 0 and side > 0 else "`"
    result += "`" * longest
    if longest > 0 and side < 0:
        result += " "
    return result


def _is_plain_url(link: Mark, parent: Node, index: int) -> bool:
    href = _js_str(link.attrs.get("href"))
    if link.attrs.get("title") or not re.match(r"\w+:", href, re.ASCII):
        return False
    content = parent.content[index]
    if not content.is_text or content.text != href or content.marks[-1] is not link:
        return False
    return index == len(parent.content) - 1 or link not in parent.content[index + 1].marks


class _State:
    def __init__(self) -> None:
        self.delim = ""
        self.out = ""
        self.closed: Node | None = None
        self.in_autolink: bool | None = None
        self.at_block_start = False
        self.in_tight_list = False

    # -- output ----------------------------------------------------------------------

    def flush_close(self, size: int = 2) -> None:
        if self.closed is None:
            return
        if not self.at_blank():
            self.out += "\n"
        if size > 1:
            trimmed = re.sub(r"\s+$", "", self.delim)
            self.out += (trimmed + "\n") * (size - 1)
        self.closed = None

    def at_blank(self) -> bool:
        return not self.out or self.out[-1] == "\n"

    def write(self, content: str = "") -> None:
        self.flush_close()
        if self.delim and self.at_blank():
            self.out += self.delim
        self.out += content

    def close_block(self, node: Node) -> None:
        self.closed = node

    def wrap_block(
        self, delim: str, first: str | None, node: Node, render: Callable[[], None]
    ) -> None:
        old = self.delim
        self.write(first if first is not None else delim)
        self.delim += delim
        render()
        self.delim = old
        self.close_block(node)

    def text(self, text: str, escape: bool = True) -> None:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            self.write()
            if not escape and line[:1] == "[" and re.search(r"(^|[^\\])!$", self.out[-2:]):
                self.out = self.out[:-1] + "\\!"
            self.out += self.esc(line, self.at_block_start) if escape else line
            if i != len(lines) - 1:
                self.out += "\n"

    def esc(self, text: str, start_of_line: bool = False) -> str:
        def escape(match: re.Match[str]) -> str:
            char, i = match.group(0), match.start()
            if (
                char == "_"
                and 0 < i < len(text) - 1
                and _WORD.match(text[i - 1])
                and _WORD.match(text[i + 1])
            ):
                return char
            return "\\" + char

        text = _ESCAPED.sub(escape, text)
        if start_of_line:
            text = re.sub(r"^(\+[ ]|[\-*>])", r"\\\g<0>", text)
            text = re.sub(r"^(\s*)(#{1,6})(\s|$)", r"\1\\\2\3", text)
            text = re.sub(r"^(\s*[0-9]+)\.\s", r"\1\\. ", text)
        return text

    # -- blocks ----------------------------------------------------------------------

    def render(self, node: Node, parent: Node, index: int) -> None:
        write = _NODES.get(node.name)
        if write is not None:
            write(self, node, parent, index)
        elif not node.type.leaf:
            if node.type.textblock:
                self.render_inline(node)
            else:
                self.render_content(node)
            if node.is_block:
                self.close_block(node)

    def render_content(self, parent: Node) -> None:
        for index, node in enumerate(parent.content):
            self.render(node, parent, index)

    def render_list(self, node: Node, delim: str, first: Callable[[int], str]) -> None:
        if self.closed is not None and self.closed.name == node.name:
            self.flush_close(3)
        elif self.in_tight_list:
            self.flush_close(1)
        was_tight = self.in_tight_list
        self.in_tight_list = False  # Tiptap's lists have no "tight" attribute
        for index, child in enumerate(node.content):
            self.wrap_block(delim, first(index), node, _render_later(self, child, node, index))
        self.in_tight_list = was_tight

    # -- inline content ----------------------------------------------------------------

    def mark(self, name: str) -> _MarkSpec:
        return _MARKS.get(name, _PLAIN)

    def mark_string(self, mark: Mark, opening: bool, parent: Node, index: int) -> str:
        spec = self.mark(mark.name)
        value = spec.open if opening else spec.close
        return value if isinstance(value, str) else value(self, mark, parent, index)

    def is_mark_ahead(self, parent: Node, index: int, marks: list[Mark]) -> bool:
        while index < len(parent.content):
            following = parent.content[index]
            if following.name != HARD_BREAK:
                head = following.marks[: len(marks)]
                return len(following.marks) >= len(marks) and head == marks
            index += 2  # (sic) prosemirror-markdown also skips the node after a break
        return False

    def render_inline(self, parent: Node, from_block_start: bool = True) -> None:
        self.at_block_start = from_block_start
        inline = _Inline(self, parent)
        for index, node in enumerate(parent.content):
            inline.progress(node, index)
        inline.progress(None, len(parent.content))
        self.at_block_start = False


def _render_later(state: _State, node: Node, parent: Node, index: int) -> Callable[[], None]:
    return lambda: state.render(node, parent, index)


class _Inline:
    """One pass of prosemirror-markdown's ``renderInline`` over a block's inline nodes:
    the marks open, in the order Markdown needs, and whitespace moved out of them."""

    def __init__(self, state: _State, parent: Node) -> None:
        self.state = state
        self.parent = parent
        self.active: list[Mark] = []
        self.trailing = ""

    def _reordered(self, marks: list[Mark], length: int) -> list[Mark]:
        mark_spec = self.state.mark
        for i in range(length):
            if i >= len(marks):
                break
            mark = marks[i]
            if not mark_spec(mark.name).mixable:
                break
            for j, other in enumerate(self.active):
                if not mark_spec(other.name).mixable:
                    break
                if mark == other:
                    if i > j:
                        marks = [*marks[:j], mark, *marks[j:i], *marks[i + 1 : length]]
                    elif j > i:
                        marks = [*marks[:i], *marks[i + 1 : j], mark, *marks[j:length]]
                    break
        return marks

    def _hard_break_marks(self, node: Node, index: int) -> list[Mark]:
        parent = self.parent
        if index + 1 == len(parent.content):
            return []
        following = parent.content[index + 1]
        return [
            m
            for m in node.marks
            if m in following.marks
            and (not following.is_text or re.search(r"\S", following.text or ""))
        ]

    def progress(self, node: Node | None, index: int) -> None:
        state, parent, active = self.state, self.parent, self.active
        marks = list(node.marks) if node else []
        if node is not None and node.name == HARD_BREAK:
            marks = self._hard_break_marks(node, index)
        inner = marks[-1] if marks else None
        no_escape = inner is not None and not state.mark(inner.name).escape
        length = len(marks) - (1 if no_escape else 0)
        marks = self._reordered(marks, length)
        keep = 0
        while keep < min(len(active), length) and marks[keep] == active[keep]:
            keep += 1
        leading, self.trailing = self.trailing, ""
        if (
            node is not None
            and node.is_text
            and any(
                state.mark(m.name).expel_whitespace and not any(a == m for a in active[:keep])
                for m in marks
            )
        ):
            lead, rest = re.match(r"^(\s*)(.*)$", node.text or "", re.M).groups()  # type: ignore[union-attr]
            if lead:
                leading += lead
                node = node.with_text(rest) if rest else None
                if node is None:
                    marks = active
        if (
            node is not None
            and node.is_text
            and any(
                state.mark(m.name).expel_whitespace
                and not state.is_mark_ahead(parent, index + 1, marks[: i + 1])
                for i, m in enumerate(marks)
            )
        ):
            rest, trail = re.match(r"^(.*?)(\s*)$", node.text or "", re.M).groups()  # type: ignore[union-attr]
            if trail:
                self.trailing = trail
                node = node.with_text(rest) if rest else None
                if node is None:
                    marks = active
        if node is not None or index == len(parent.content):
            while keep < len(active):
                state.text(state.mark_string(active.pop(), False, parent, index), False)
        if leading:
            state.text(leading)
        if node is None:
            return
        while len(active) < length:
            add = marks[len(active)]
            active.append(add)
            state.text(state.mark_string(add, True, parent, index), False)
            state.at_block_start = False
        if no_escape and node.is_text and inner is not None:
            opening = state.mark_string(inner, True, parent, index)
            closing = state.mark_string(inner, False, parent, index + 1)
            state.text(opening + (node.text or "") + closing, False)
        else:
            state.render(node, parent, index)
        state.at_block_start = False


# -- the nodes -----------------------------------------------------------------------


def _blockquote(state: _State, node: Node, parent: Node, index: int) -> None:
    state.wrap_block("> ", None, node, lambda: state.render_content(node))


def _code_block(state: _State, node: Node, parent: Node, index: int) -> None:
    content = node.text_content
    fences = sorted(_FENCES.findall(content))
    fence = fences[-1] + "`" if fences else "```"
    state.write(fence + (node.attrs.get("language") or "") + "\n")
    state.text(content, False)
    state.write("\n")
    state.write(fence)
    state.close_block(node)


def _heading(state: _State, node: Node, parent: Node, index: int) -> None:
    level = node.attrs.get("level")
    state.write("#" * (level if isinstance(level, int) else 0) + " ")
    state.render_inline(node, False)
    state.close_block(node)


def _horizontal_rule(state: _State, node: Node, parent: Node, index: int) -> None:
    state.write("---")
    state.close_block(node)


def _bullet_list(state: _State, node: Node, parent: Node, index: int) -> None:
    state.render_list(node, "  ", lambda i: "* ")


def _ordered_list(state: _State, node: Node, parent: Node, index: int) -> None:
    start = node.attrs.get("start")
    start = start if isinstance(start, int) else 1
    width = len(str(start + len(node.content) - 1))
    space = " " * (width + 2)

    def first(i: int) -> str:
        number = str(start + i)
        return " " * (width - len(number)) + number + ". "

    state.render_list(node, space, first)


def _list_item(state: _State, node: Node, parent: Node, index: int) -> None:
    state.render_content(node)


def _paragraph(state: _State, node: Node, parent: Node, index: int) -> None:
    state.render_inline(node)
    state.close_block(node)


def _hard_break(state: _State, node: Node, parent: Node, index: int) -> None:
    for following in parent.content[index + 1 :]:
        if following.name != node.name:
            state.write("\\\n")
            return


def _text(state: _State, node: Node, parent: Node, index: int) -> None:
    state.text(node.text or "", not state.in_autolink)


_NODES: dict[str, Callable[[_State, Node, Node, int], None]] = {
    "blockquote": _blockquote,
    "codeBlock": _code_block,
    "heading": _heading,
    "horizontalRule": _horizontal_rule,
    "bulletList": _bullet_list,
    "orderedList": _ordered_list,
    "listItem": _list_item,
    "paragraph": _paragraph,
    "hardBreak": _hard_break,
    "text": _text,
}
