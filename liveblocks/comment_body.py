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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict, Union

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


@dataclass(frozen=True)
class ParagraphArgs:
    """A paragraph block and its children, already turned into text."""

    element: Mapping[str, Any]
    children: str


@dataclass(frozen=True)
class TextArgs:
    """A text run (``text``, with ``bold``, ``italic``, ``strikethrough``, ``code``)."""

    element: Mapping[str, Any]


@dataclass(frozen=True)
class LinkArgs:
    """A link (``url``, optional ``text``), and ``href``: its URL, checked and normalized."""

    element: Mapping[str, Any]
    href: str


@dataclass(frozen=True)
class MentionArgs:
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
    if body is None:
        return ()
    content = body.get("content") if isinstance(body, Mapping) else getattr(body, "content", None)
    return content or ()


def _inlines(block: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
    children = block.get("children") if isinstance(block, Mapping) else None
    return children or ()


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
            if inline.get("type") != "mention" or inline.get("id") in seen:
                continue
            if predicate is None or predicate(inline):
                seen.add(inline.get("id"))
                mentions.append(inline)
    return mentions


@dataclass(frozen=True)
class _Resolved:
    users: dict[str, Mapping[str, Any]]
    groups: dict[str, Mapping[str, Any]]


def _resolve_mentions(
    body: CommentBodyLike,
    resolve_users: ResolveUsers | None,
    resolve_groups_info: ResolveGroupsInfo | None,
) -> Dual[_Resolved]:
    """The infos of the body's mentioned users and groups, each resolver called once."""
    if resolve_users is None and resolve_groups_info is None:
        return _Resolved({}, {})
    mentions = get_mentions_from_comment_body(body)
    user_ids: list[Any] = [m.get("id") for m in mentions if m.get("kind") == "user"]
    group_ids: list[Any] = [m.get("id") for m in mentions if m.get("kind") == "group"]
    steps: list[Step] = []
    if resolve_users is not None and user_ids:
        steps.append(("resolve_users", lambda: resolve_users(list(user_ids))))
    if resolve_groups_info is not None and group_ids:
        steps.append(("resolve_groups_info", lambda: resolve_groups_info(list(group_ids))))
    results = (yield steps) if steps else []
    users = results.pop(0) if resolve_users is not None and user_ids else None
    groups = results.pop(0) if resolve_groups_info is not None and group_ids else None
    return _Resolved(by_id(user_ids, users), by_id(group_ids, groups))


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
    if isinstance(info, Mapping):
        return info.get("name")
    return getattr(info, "name", None)


# -- formats ------------------------------------------------------------------------------

_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "_*#`~!|(){}[]"})


def escape_html(text: Any) -> str:
    """``text`` with ``& < > " '`` written as HTML entities."""
    return str(text).translate(_HTML_ESCAPES)


def _escape_markdown(text: Any) -> str:
    return str(text).translate(_MARKDOWN_ESCAPES)


def _js_string(value: Any) -> str:
    """``value`` as JavaScript's ``String(value)`` writes the JSON values a body holds."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _plain_paragraph(args: ParagraphArgs, index: int) -> str:
    return args.children


def _plain_text(args: TextArgs, index: int) -> str:
    return _js_string(args.element["text"])


def _plain_link(args: LinkArgs, index: int) -> str:
    return _js_string(_first_given(args.element.get("text"), args.element.get("url")))


def _mention_name(args: MentionArgs) -> Any:
    return _first_given(info_name(args.user), info_name(args.group), args.element.get("id"))


def _plain_mention(args: MentionArgs, index: int) -> str:
    return "@" + _js_string(_mention_name(args))


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


_HTML_MARKS = (("bold", "strong"), ("italic", "em"), ("strikethrough", "s"), ("code", "code"))


def _html_paragraph(args: ParagraphArgs, index: int) -> str:
    return f"<p>{args.children}</p>" if args.children else args.children


def _html_text(args: TextArgs, index: int) -> str:
    element = args.element
    text = escape_html(element["text"])
    if not text:
        return text
    for flag, tag in _HTML_MARKS:
        if element.get(flag):
            text = f"<{tag}>{text}</{tag}>"
    return text


def _html_link(args: LinkArgs, index: int) -> str:
    label = escape_html(_first_truthy(args.element.get("text"), args.element.get("url")))
    return (
        f'<a href="{escape_html(args.href)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    )


def _html_mention(args: MentionArgs, index: int) -> str:
    name = _first_truthy(info_name(args.user), info_name(args.group), args.element.get("id"))
    return f"<span data-mention>@{escape_html(name)}</span>"


_MARKDOWN_MARKS = (("bold", "**"), ("italic", "_"), ("strikethrough", "~~"), ("code", "`"))


def _markdown_paragraph(args: ParagraphArgs, index: int) -> str:
    return args.children


def _markdown_text(args: TextArgs, index: int) -> str:
    element = args.element
    text = _js_string(element["text"])
    if not text:
        return text
    marks = [mark for flag, mark in _MARKDOWN_MARKS if element.get(flag)]
    if not marks:
        return text  # unformatted text is written as it is
    text = _escape_markdown(text)
    for mark in marks:
        text = f"{mark}{text}{mark}"
    return text


def _markdown_link(args: LinkArgs, index: int) -> str:
    label = _first_given(args.element.get("text"), args.element.get("url"))
    return f"[{_escape_markdown(_js_string(label))}]({_escape_markdown(args.href)})"


def _markdown_mention(args: MentionArgs, index: int) -> str:
    return "@" + _escape_markdown(_js_string(_mention_name(args)))


_FORMATS: dict[str, CommentBodyElements] = {
    "plain": {
        "paragraph": _plain_paragraph,
        "text": _plain_text,
        "link": _plain_link,
        "mention": _plain_mention,
    },
    "html": {
        "paragraph": _html_paragraph,
        "text": _html_text,
        "link": _html_link,
        "mention": _html_mention,
    },
    "markdown": {
        "paragraph": _markdown_paragraph,
        "text": _markdown_text,
        "link": _markdown_link,
        "mention": _markdown_mention,
    },
}


# -- stringify ----------------------------------------------------------------------------


def _stringify(
    body: CommentBodyLike,
    format: CommentBodyFormat,
    separator: str | None,
    elements: CommentBodyElements | None,
    resolve_users: ResolveUsers | None,
    resolve_groups_info: ResolveGroupsInfo | None,
) -> Dual[str]:
    if format not in _FORMATS:
        raise ValueError(f"format must be 'plain', 'markdown' or 'html', not {format!r}")
    chosen: CommentBodyElements = {**_FORMATS[format], **(elements or {})}
    resolved = yield from _resolve_mentions(body, resolve_users, resolve_groups_info)
    paragraph = chosen["paragraph"]
    blocks = []
    for block_index, block in enumerate(_blocks(body)):
        if block.get("type") != "paragraph":
            continue
        children = "".join(
            [
                text
                for index, inline in enumerate(_inlines(block))
                if (text := _inline(inline, index, chosen, resolved)) is not None
            ]
        )
        blocks.append(str(paragraph(ParagraphArgs(block, children), block_index)))
    if separator is None:
        separator = "\n\n" if format == "markdown" else "\n"
    return separator.join(blocks)


def _inline(
    inline: Mapping[str, Any], index: int, elements: CommentBodyElements, resolved: _Resolved
) -> str | None:
    kind = inline.get("type")
    if kind == "mention":
        mention_id = inline.get("id")
        if not mention_id:
            return None
        mention_kind = inline.get("kind")
        user = resolved.users.get(mention_id) if mention_kind == "user" else None
        group = resolved.groups.get(mention_id) if mention_kind == "group" else None
        return str(elements["mention"](MentionArgs(inline, user, group), index))
    if kind == "link":
        url = inline.get("url", "")
        href = sanitize_url(url) if isinstance(url, str) else None
        if href is None:
            text = {"text": _first_given(inline.get("text"), url)}
            return str(elements["text"](TextArgs(text), index))
        return str(elements["link"](LinkArgs(inline, href), index))
    if kind is None and isinstance(inline.get("text"), str):
        return str(elements["text"](TextArgs(inline), index))
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
    steps = _stringify(body, format, separator, elements, resolve_users, resolve_groups_info)
    return run_sync(steps, "stringify_comment_body_async")


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
    steps = _stringify(body, format, separator, elements, resolve_users, resolve_groups_info)
    return await run_async(steps)


def markdown_to_comment_body(markdown: str) -> dict[str, Any]:
    """A comment body (``{"version": 1, "content": [...]}``) from Markdown: bold, italic,
    strikethrough, code, links and ``@user`` mentions become the body's elements;
    headings, lists, quotes, code blocks and tables become paragraphs of their text."""
    from ._markdown_body import markdown_to_body

    return markdown_to_body(markdown)
