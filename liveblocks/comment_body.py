"""Comment bodies as text: plain, Markdown or HTML; their mentions; bodies made from Markdown.

The same results as ``@liveblocks/node``'s ``stringifyCommentBody``,
``getMentionsFromCommentBody`` and ``markdownToCommentBody``::

    from liveblocks import stringify_comment_body

    body = {"version": 1, "content": [{"type": "paragraph", "children": [
        {"text": "Hello "}, {"type": "mention", "kind": "user", "id": "alice"}]}]}
    stringify_comment_body(body)                                # 'Hello @alice'
    stringify_comment_body(body, format="html",
        resolve_users=lambda ids: [{"name": "Alice"} for _ in ids])
    # '<p>Hello <span data-mention>@Alice</span></p>'

A body is a :class:`~liveblocks.models.CommentBody` or the same as a ``dict``. Resolvers
receive the list of ids to resolve and return a list of the same length (``None`` where
unknown) of infos with a ``"name"``. :func:`stringify_comment_body_async` also accepts
resolvers that are coroutine functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, TypedDict, Union

from ._dual import Dual, Step, run_async, run_sync
from ._url import sanitize_url

__all__ = [
    "CommentBodyElements",
    "CommentBodyFormat",
    "LinkArgs",
    "MentionArgs",
    "ParagraphArgs",
    "ResolveGroupsInfo",
    "ResolveUsers",
    "TextArgs",
    "get_mentions_from_comment_body",
    "markdown_to_comment_body",
    "stringify_comment_body",
    "stringify_comment_body_async",
]

CommentBodyFormat = Literal["plain", "markdown", "html"]

#: ``resolve_users(user_ids)``: one info (a mapping with ``"name"``, ``"avatar"``...) or
#: ``None`` per id, in order; or ``None`` for no infos at all.
ResolveUsers = Callable[[list[str]], Any]
#: ``resolve_groups_info(group_ids)``: the same for groups.
ResolveGroupsInfo = Callable[[list[str]], Any]


class ParagraphArgs(NamedTuple):
    """A paragraph block and its children, already turned into text."""

    element: Mapping[str, Any]
    children: str


class TextArgs(NamedTuple):
    """A text run (``text``, with ``bold``, ``italic``, ``strikethrough``, ``code``)."""

    element: Mapping[str, Any]


class LinkArgs(NamedTuple):
    """A link (``url``, optional ``text``), and ``href``: its URL, checked and normalized."""

    element: Mapping[str, Any]
    href: str


class MentionArgs(NamedTuple):
    """A mention (``kind`` ``"user"`` or ``"group"``, ``id``) and the resolved info of
    that user or group, if any."""

    element: Mapping[str, Any]
    user: Mapping[str, Any] | None
    group: Mapping[str, Any] | None


class CommentBodyElements(TypedDict, total=False):
    """How to write each element, replacing the format's own: each function receives the
    element's args and its index among its siblings, and returns text."""

    paragraph: Callable[[ParagraphArgs, int], str]
    text: Callable[[TextArgs, int], str]
    link: Callable[[LinkArgs, int], str]
    mention: Callable[[MentionArgs, int], str]


CommentBodyLike = Union[Mapping[str, Any], Any]


# -- mentions ------------------------------------------------------------------------------


def _blocks(body: CommentBodyLike) -> Sequence[Mapping[str, Any]]:
    if type(body) is dict or isinstance(body, Mapping):
        content = body.get("content")
    else:
        content = getattr(body, "content", None)  # a CommentBody model, or None
    return content or ()


def _inlines(block: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
    if type(block) is dict or isinstance(block, Mapping):
        return block.get("children") or ()
    return ()


def get_mentions_from_comment_body(
    body: CommentBodyLike,
    predicate: Callable[[Mapping[str, Any]], bool] | None = None,
) -> list[Mapping[str, Any]]:
    """The body's mentions (``{"type": "mention", "kind": "user", "id": ...}``), each id
    once, in order; only those ``predicate`` accepts, if given."""
    seen: set[Any] = set()
    mentions = []
    for block in _blocks(body):
        for inline in _inlines(block):
            if "type" not in inline or inline["type"] != "mention" or inline.get("id") in seen:
                continue
            if predicate is None or predicate(inline):
                seen.add(inline.get("id"))
                mentions.append(inline)
    return mentions


class _Resolved(NamedTuple):
    users: dict[str, Mapping[str, Any]]
    groups: dict[str, Mapping[str, Any]]


def _mentioned_ids(body: CommentBodyLike) -> tuple[list[Any], list[Any]]:
    """The ids of the users and of the groups the body mentions, each id once, in order
    (as :func:`get_mentions_from_comment_body` finds them, in one pass)."""
    seen: set[Any] = set()
    users: list[Any] = []
    groups: list[Any] = []
    for block in _blocks(body):
        for inline in _inlines(block):
            if "type" not in inline or inline["type"] != "mention":
                continue
            mention_id = inline.get("id")
            if mention_id in seen:
                continue
            seen.add(mention_id)
            kind = inline.get("kind")
            if kind == "user":
                users.append(mention_id)
            elif kind == "group":
                groups.append(mention_id)
    return users, groups


def _resolve_mentions(
    body: CommentBodyLike,
    resolve_users: ResolveUsers | None,
    resolve_groups_info: ResolveGroupsInfo | None,
) -> Dual[_Resolved]:
    """The infos of the body's mentioned users and groups, each resolver called once."""
    user_ids, group_ids = _mentioned_ids(body)
    steps: list[Step] = []
    ask_users = ask_groups = False
    if resolve_users is not None and user_ids:
        users_of = resolve_users
        steps.append(("resolve_users", lambda: users_of(list(user_ids))))
        ask_users = True
    if resolve_groups_info is not None and group_ids:
        groups_of = resolve_groups_info
        steps.append(("resolve_groups_info", lambda: groups_of(list(group_ids))))
        ask_groups = True
    if not steps:
        return _NOTHING_RESOLVED
    results = yield steps
    users = by_id(user_ids, results[0]) if ask_users else {}
    groups = by_id(group_ids, results[-1]) if ask_groups else {}
    return _Resolved(users, groups)


def by_id(ids: Sequence[Any], infos: Sequence[Any] | None) -> dict[str, Any]:
    """``{id: info}`` for the infos a resolver returned (in the order of ``ids``), leaving
    out missing and empty ones."""
    if not infos:
        return {}
    return {key: info for key, info in zip(ids, infos, strict=False) if info}


def info_name(info: Any) -> Any:
    """The ``name`` of a resolved info (a mapping, or an object with ``name``)."""
    if info is None:
        return None
    if type(info) is dict or isinstance(info, Mapping):
        return info.get("name")
    return getattr(info, "name", None)


# -- formats ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"[_*#`~!|(){}\[\]]")


def escape_html(value: Any) -> str:
    """``value`` as text with ``& < > " '`` written as HTML entities."""
    text = value if type(value) is str else str(value)
    if not ("&" in text or "<" in text or ">" in text or '"' in text or "'" in text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


_MARKDOWN_CHARS = "_*#`~!|(){}[]"


_has_markdown_special = _MARKDOWN_SPECIAL.search


def _escape_markdown(value: Any) -> str:
    text = value if type(value) is str else str(value)
    if _has_markdown_special(text) is None:
        return text
    for char in _MARKDOWN_CHARS:  # (str.translate is slower on such short texts)
        if char in text:
            text = text.replace(char, "\\" + char)
    return text


def _js_string(value: Any) -> str:
    """``value`` as JavaScript's ``String(value)`` writes the JSON values a body holds."""
    if type(value) is str:
        return value
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


# Each format writes an element from its raw parts (no args object, no index): the
# stringify loop calls these directly, and wraps the caller's ``elements`` to the same form.


def _plain_text(element: Mapping[str, Any], index: int) -> str:
    return _js_string(element["text"])


def _plain_link(element: Mapping[str, Any], href: str, index: int) -> str:
    return _js_string(_first_given(element.get("text"), element.get("url")))


def _mention_name(element: Mapping[str, Any], user: Any, group: Any) -> Any:
    name = None if user is None else info_name(user)
    if name is None and group is not None:
        name = info_name(group)
    return element.get("id") if name is None else name


def _plain_mention(element: Mapping[str, Any], user: Any, group: Any, index: int) -> str:
    return "@" + _js_string(_mention_name(element, user, group))


def _as_is(block: Mapping[str, Any], children: str, index: int) -> str:
    return children


def _first_given(*values: Any) -> Any:
    """The first value that is not ``None`` (JavaScript's ``??``)."""
    for value in values:
        if value is not None:
            return value
    return None


def _first_truthy(*values: Any) -> Any:
    for value in values:
        if value:
            return value
    return values[-1]


def _html_paragraph(block: Mapping[str, Any], children: str, index: int) -> str:
    return f"<p>{children}</p>" if children else children


def _html_text(element: Mapping[str, Any], index: int) -> str:
    text = escape_html(element["text"])
    if not text or len(element) == 1:  # no formatting
        return text
    if element.get("bold"):
        text = f"<strong>{text}</strong>"
    if element.get("italic"):
        text = f"<em>{text}</em>"
    if element.get("strikethrough"):
        text = f"<s>{text}</s>"
    if element.get("code"):
        text = f"<code>{text}</code>"
    return text


def _html_link(element: Mapping[str, Any], href: str, index: int) -> str:
    label = escape_html(_first_truthy(element.get("text"), element.get("url")))
    return f'<a href="{escape_html(href)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _html_mention(element: Mapping[str, Any], user: Any, group: Any, index: int) -> str:
    name = _first_truthy(info_name(user), info_name(group), element.get("id"))
    return f"<span data-mention>@{escape_html(name)}</span>"


def _markdown_wraps() -> tuple[tuple[str, str], ...]:
    """What surrounds a text for each mix of formats, indexed by bits (1 bold, 2 italic,
    4 strikethrough, 8 code): bold innermost, code outermost."""
    wraps = []
    for bits in range(16):
        marks = [mark for bit, mark in ((1, "**"), (2, "_"), (4, "~~"), (8, "`")) if bits & bit]
        wraps.append(("".join(reversed(marks)), "".join(marks)))
    return tuple(wraps)


_MARKDOWN_WRAPS = _markdown_wraps()


def _markdown_text(element: Mapping[str, Any], index: int) -> str:
    text = element["text"]
    if type(text) is not str:
        text = _js_string(text)
    if not text or len(element) == 1:
        return text  # unformatted text is written as it is
    get = element.get
    bits = (
        (1 if get("bold") else 0)
        | (2 if get("italic") else 0)
        | (4 if get("strikethrough") else 0)
        | (8 if get("code") else 0)
    )
    if not bits:
        return text
    if _has_markdown_special(text) is not None:
        text = _escape_markdown(text)
    before, after = _MARKDOWN_WRAPS[bits]
    return before + text + after


def _markdown_link(element: Mapping[str, Any], href: str, index: int) -> str:
    label = _first_given(element.get("text"), element.get("url"))
    return f"[{_escape_markdown(_js_string(label))}]({_escape_markdown(href)})"


def _markdown_mention(element: Mapping[str, Any], user: Any, group: Any, index: int) -> str:
    return "@" + _escape_markdown(_js_string(_mention_name(element, user, group)))


class _Writer(NamedTuple):
    """How a format writes each element, from its raw parts."""

    paragraph: Callable[[Mapping[str, Any], str, int], str]
    text: Callable[[Mapping[str, Any], int], str]
    link: Callable[[Mapping[str, Any], str, int], str]
    mention: Callable[[Mapping[str, Any], Any, Any, int], str]
    #: Whether a text element holding its text alone is written as that text (the
    #: stringify loop then calls no function for it).
    bare_text: bool = False

    def replaced(self, elements: CommentBodyElements) -> _Writer:
        """This writer, with the caller's element functions where given."""
        paragraph, text, link, mention, bare_text = self
        custom_paragraph = elements.get("paragraph")
        if custom_paragraph is not None:

            def paragraph(block: Mapping[str, Any], children: str, index: int) -> str:
                return str(custom_paragraph(ParagraphArgs(block, children), index))

        custom_text = elements.get("text")
        if custom_text is not None:

            def text(element: Mapping[str, Any], index: int) -> str:
                return str(custom_text(TextArgs(element), index))

            bare_text = False

        custom_link = elements.get("link")
        if custom_link is not None:

            def link(element: Mapping[str, Any], href: str, index: int) -> str:
                return str(custom_link(LinkArgs(element, href), index))

        custom_mention = elements.get("mention")
        if custom_mention is not None:

            def mention(element: Mapping[str, Any], user: Any, group: Any, index: int) -> str:
                return str(custom_mention(MentionArgs(element, user, group), index))

        return _Writer(paragraph, text, link, mention, bare_text)


_FORMATS: dict[str, _Writer] = {
    "plain": _Writer(_as_is, _plain_text, _plain_link, _plain_mention, bare_text=True),
    "html": _Writer(_html_paragraph, _html_text, _html_link, _html_mention),
    "markdown": _Writer(_as_is, _markdown_text, _markdown_link, _markdown_mention, True),
}


# -- stringify ----------------------------------------------------------------------------


def _writer(format: str, elements: CommentBodyElements | None) -> _Writer:
    writer = _FORMATS.get(format)
    if writer is None:
        raise ValueError(f"format must be 'plain', 'markdown' or 'html', not {format!r}")
    return writer.replaced(elements) if elements else writer


def _render(
    body: CommentBodyLike, format: str, separator: str | None, writer: _Writer, resolved: _Resolved
) -> str:
    """The body written by ``writer``, its mentions' infos already resolved."""
    blocks = []
    text_of, mention_of, bare_text = writer.text, writer.mention, writer.bare_text
    users, groups = resolved
    for block_index, block in enumerate(_blocks(body)):
        if block.get("type") != "paragraph":
            continue
        written = []
        for index, inline in enumerate(_inlines(block)):
            kind = inline.get("type")
            if kind is None:  # most elements: text
                text = inline.get("text")
                if type(text) is str:
                    if bare_text and len(inline) == 1:
                        written.append(text)  # unformatted, written as it is
                    else:
                        written.append(text_of(inline, index))
                    continue
            elif kind == "mention":
                mention_id = inline.get("id")
                if mention_id:
                    mention_kind = inline.get("kind")
                    user = users.get(mention_id) if mention_kind == "user" else None
                    group = groups.get(mention_id) if mention_kind == "group" else None
                    written.append(mention_of(inline, user, group, index))
                continue
            text = _inline(inline, index, writer)
            if text is not None:
                written.append(text)
        blocks.append(writer.paragraph(block, "".join(written), block_index))
    if separator is None:
        separator = "\n\n" if format == "markdown" else "\n"
    return separator.join(blocks)


_NOTHING_RESOLVED = _Resolved({}, {})


def _inline(inline: Mapping[str, Any], index: int, writer: _Writer) -> str | None:
    """A link, or a text element whose text is a ``str`` subclass (the rest: nothing)."""
    kind = inline.get("type")
    if kind is None:
        return writer.text(inline, index) if isinstance(inline.get("text"), str) else None
    if kind == "link":
        url = inline.get("url", "")
        href = sanitize_url(url) if isinstance(url, str) else None
        if href is None:
            return writer.text({"text": _first_given(inline.get("text"), url)}, index)
        return writer.link(inline, href, index)
    return None


def stringify_comment_body(
    body: CommentBodyLike,
    *,
    format: CommentBodyFormat = "plain",
    separator: str | None = None,
    elements: CommentBodyElements | None = None,
    resolve_users: ResolveUsers | None = None,
    resolve_groups_info: ResolveGroupsInfo | None = None,
) -> str:
    """The body as ``format`` text: ``"plain"``, ``"markdown"`` or ``"html"`` (escaped,
    links checked). Paragraphs are joined by ``separator`` (a blank line in Markdown, a
    newline otherwise). ``elements`` replaces how some elements are written. Mentions show
    the ``name`` ``resolve_users`` / ``resolve_groups_info`` give, else the id."""
    writer = _writer(format, elements)
    resolved = _NOTHING_RESOLVED
    if resolve_users is not None or resolve_groups_info is not None:
        steps = _resolve_mentions(body, resolve_users, resolve_groups_info)
        resolved = run_sync(steps, "stringify_comment_body_async")
    return _render(body, format, separator, writer, resolved)


async def stringify_comment_body_async(
    body: CommentBodyLike,
    *,
    format: CommentBodyFormat = "plain",
    separator: str | None = None,
    elements: CommentBodyElements | None = None,
    resolve_users: ResolveUsers | None = None,
    resolve_groups_info: ResolveGroupsInfo | None = None,
) -> str:
    """:func:`stringify_comment_body`, for resolvers that are coroutine functions (plain
    functions work too); both resolvers run concurrently."""
    writer = _writer(format, elements)
    resolved = _NOTHING_RESOLVED
    if resolve_users is not None or resolve_groups_info is not None:
        resolved = await run_async(_resolve_mentions(body, resolve_users, resolve_groups_info))
    return _render(body, format, separator, writer, resolved)


def markdown_to_comment_body(markdown: str) -> dict[str, Any]:
    """A comment body (``{"version": 1, "content": [...]}``) from Markdown: bold, italic,
    strikethrough, code, links and ``@user`` mentions become the body's elements;
    headings, lists, quotes, code blocks and tables become paragraphs of their text.

    Raises ``ValueError`` for quotes or lists nested more than 100 levels deep. Like ``marked``
    (which Node uses), it takes time quadratic in the number of unmatched ``*`` or ``_``
    on a line: bound the length of untrusted input."""
    from ._markdown_body import markdown_to_body

    return markdown_to_body(markdown)
