"""Notification emails from ``notification`` webhook events, as ``@liveblocks/emails``
prepares them (``prepareThreadNotificationEmailAsHtml``).

```python
from liveblocks import Liveblocks
from liveblocks.emails import prepare_thread_notification_email

email = prepare_thread_notification_email(
    client,
    event,  # a verified "notification" event of kind "thread"
    resolve_users=lambda ids: [{"name": NAMES.get(i, i)} for i in ids],
    resolve_room_info=lambda room_id: {"name": "Design review", "url": f"https://app/{room_id}"},
)
if email is not None:          # None: nothing is unread any more
    for comment in email.comments:
        print(comment.author.info["name"], comment.url, comment.body)  # body: safe HTML
```

On an :class:`~liveblocks.AsyncLiveblocks` client the function returns a coroutine, and
the resolvers may be coroutine functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal, Union, overload
from urllib.parse import quote

import msgspec

from ._dual import Dual, Step, run_async, run_sync
from ._url import with_fragment
from .comment_body import (
    LinkArgs,
    MentionArgs,
    ParagraphArgs,
    TextArgs,
    escape_html,
    get_mentions_from_comment_body,
    info_name,
    stringify_comment_body,
)
from .errors import LiveblocksError

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from .client import AsyncLiveblocks, Liveblocks

__all__ = [
    "CommentAuthor",
    "CommentEmailData",
    "ThreadNotificationEmailData",
    "ThreadNotificationEmailStyles",
    "UnreadMentionEmailData",
    "UnreadRepliesEmailData",
    "prepare_thread_notification_email",
]


class _Data(msgspec.Struct, kw_only=True, rename="camel", omit_defaults=True, frozen=True):
    def to_dict(self) -> dict[str, Any]:
        """As JSON data, with the names ``@liveblocks/emails`` gives (``threadId``...)."""
        result: dict[str, Any] = msgspec.to_builtins(self)
        return result


class CommentAuthor(_Data, kw_only=True, frozen=True):
    """A comment's author: the id, and the info ``resolve_users`` gave (else
    ``{"name": id}``)."""

    id: str
    info: dict[str, Any]


class CommentEmailData(_Data, kw_only=True, frozen=True):
    """One comment of the email: ``body`` is its HTML, escaped and styled; ``url`` links to
    the comment (the room's URL from ``resolve_room_info`` and ``#comment-id``), if known."""

    id: str
    thread_id: str
    room_id: str
    author: CommentAuthor
    created_at: datetime.datetime
    url: str | None = None
    body: str


class UnreadMentionEmailData(
    _Data, kw_only=True, frozen=True, tag_field="type", tag="unreadMention"
):
    """The user was mentioned: the last unread comment that mentions them."""

    comment: CommentEmailData
    room_info: dict[str, Any]

    @property
    def type(self) -> Literal["unreadMention"]:
        return "unreadMention"

    @property
    def comments(self) -> list[CommentEmailData]:
        """The mention's comment, as a list (as for replies)."""
        return [self.comment]


class UnreadRepliesEmailData(
    _Data, kw_only=True, frozen=True, tag_field="type", tag="unreadReplies"
):
    """New replies in a thread the user takes part in, oldest first."""

    comments: list[CommentEmailData]
    room_info: dict[str, Any]

    @property
    def type(self) -> Literal["unreadReplies"]:
        return "unreadReplies"


ThreadNotificationEmailData = Union[UnreadMentionEmailData, UnreadRepliesEmailData]

#: Inline CSS per element (``paragraph``, ``strong``, ``code``, ``mention``, ``link``), as
#: property -> value, e.g. ``{"mention": {"color": "purple", "fontWeight": 600}}``; each one
#: given replaces that element's default style.
ThreadNotificationEmailStyles = Mapping[str, Mapping[str, Any]]

_CODE_FONTS = (
    'ui-monospace, Menlo, Monaco, "Cascadia Mono", "Segoe UI Mono", "Roboto Mono", '
    '"Oxygen Mono", "Ubuntu Mono", "Source Code Pro", "Fira Mono", "Droid Sans Mono", '
    '"Consolas", "Courier New", monospace'
)
_BASE_STYLES: dict[str, dict[str, Any]] = {
    "paragraph": {"fontSize": "14px"},
    "strong": {"fontWeight": 500},
    "code": {
        "fontFamily": _CODE_FONTS,
        "backgroundColor": "rgba(0,0,0,0.05)",
        "border": "solid 1px rgba(0,0,0,0.1)",
        "borderRadius": "4px",
    },
    "mention": {"color": "blue"},
    "link": {"textDecoration": "underline"},
}


# -- preparing -----------------------------------------------------------------------------

ResolveUsers = Callable[[list[str]], Any]
ResolveRoomInfo = Callable[[str], Any]
ResolveGroupsInfo = Callable[[list[str]], Any]


@overload
def prepare_thread_notification_email(
    client: Liveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    resolve_groups_info: ResolveGroupsInfo | None = None,
    styles: ThreadNotificationEmailStyles | None = None,
) -> ThreadNotificationEmailData | None: ...


@overload
def prepare_thread_notification_email(
    client: AsyncLiveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    resolve_groups_info: ResolveGroupsInfo | None = None,
    styles: ThreadNotificationEmailStyles | None = None,
) -> Coroutine[Any, Any, ThreadNotificationEmailData | None]: ...


def prepare_thread_notification_email(
    client: Liveblocks | AsyncLiveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    resolve_groups_info: ResolveGroupsInfo | None = None,
    styles: ThreadNotificationEmailStyles | None = None,
) -> Any:
    """What an email about a ``notification`` event of kind ``thread`` shows: the last
    unread comment that mentions the user (:class:`UnreadMentionEmailData`), else the
    unread replies (:class:`UnreadRepliesEmailData`); ``None`` if nothing is unread.

    ``event`` is the verified event (the dict of ``WebhookHandler.verify_request`` or the
    model of ``verify_request_typed``). ``resolve_users(user_ids)`` and
    ``resolve_groups_info(group_ids)`` return one info (with ``"name"``) or ``None`` per id;
    ``resolve_room_info(room_id)`` returns the room's ``name`` and ``url``. The client
    reads the thread, the inbox notification and the user's groups.
    """
    steps = _prepare(
        client,
        _ThreadEvent.read(event),
        resolve_users,
        resolve_room_info,
        resolve_groups_info,
        {**_BASE_STYLES, **(styles or {})},
    )
    from .client import AsyncLiveblocks

    if isinstance(client, AsyncLiveblocks):
        return run_async(steps)
    return run_sync(steps, "an AsyncLiveblocks client")


class _ThreadEvent(msgspec.Struct, frozen=True):
    room_id: str
    thread_id: str
    user_id: str
    inbox_notification_id: str
    triggered_at: datetime.datetime

    @classmethod
    def read(cls, event: Any) -> _ThreadEvent:
        """The fields of a thread notification event (dict or model) the email needs."""
        if not isinstance(event, Mapping):
            event = msgspec.to_builtins(event, builtin_types=(datetime.datetime,))
            event = {"type": "notification", **event}
        data = event.get("data") if event.get("type") == "notification" else None
        if not isinstance(data, Mapping) or data.get("kind") != "thread":
            raise ValueError("not a notification event of kind 'thread'")
        try:
            return msgspec.convert(
                {
                    "room_id": data.get("roomId", data.get("room_id")),
                    "thread_id": data.get("threadId", data.get("thread_id")),
                    "user_id": data.get("userId", data.get("user_id")),
                    "inbox_notification_id": data.get(
                        "inboxNotificationId", data.get("inbox_notification_id")
                    ),
                    "triggered_at": data.get("triggeredAt", data.get("triggered_at")),
                },
                cls,
            )
        except msgspec.ValidationError as error:
            raise ValueError(f"not a complete thread notification event: {error}") from None


def _prepare(
    client: Any,
    event: _ThreadEvent,
    resolve_users: ResolveUsers | None,
    resolve_room_info: ResolveRoomInfo | None,
    resolve_groups_info: ResolveGroupsInfo | None,
    styles: Mapping[str, Mapping[str, Any]],
) -> Dual[ThreadNotificationEmailData | None]:
    thread, notification = yield [
        ("get_thread", lambda: client.get_thread(event.room_id, event.thread_id)),
        (
            "get_inbox_notification",
            lambda: client.get_inbox_notification(event.user_id, event.inbox_notification_id),
        ),
    ]
    unread = _unread_comments(thread.comments, notification, event)
    if not unread:
        return None
    groups = yield from _user_groups(client, event.user_id)
    mention = _last_unread_mention(unread, groups, event.user_id)
    room_info: Any = None
    if resolve_room_info is not None:
        (room_info,) = yield [("resolve_room_info", lambda: resolve_room_info(event.room_id))]
    room_info = dict(room_info or {})
    chosen = unread if mention is None else [mention]
    users, group_infos = yield from _resolve(chosen, resolve_users, resolve_groups_info)
    room_url = room_info.get("url")
    comments = [_comment_data(c, users, group_infos, room_url, styles) for c in chosen]
    resolved_room = {**room_info, "name": _given(room_info.get("name"), event.room_id)}
    if mention is not None:
        return UnreadMentionEmailData(comment=comments[0], room_info=resolved_room)
    return UnreadRepliesEmailData(comments=comments, room_info=resolved_room)


def _given(value: Any, default: Any) -> Any:
    return default if value is None else value


def _unread_comments(comments: Sequence[Any], notification: Any, event: _ThreadEvent) -> list[Any]:
    """The comments the user has not read, written by others, between the trigger and
    the notification."""
    read_at = notification.read_at
    notified_at = notification.notified_at
    unread = []
    for comment in comments:
        if not _has_body(comment) or comment.user_id == event.user_id:
            continue
        created = comment.created_at
        if read_at is not None and not created > read_at:
            continue
        if event.triggered_at <= created <= notified_at:
            unread.append(comment)
    return unread


def _has_body(comment: Any) -> bool:
    return not isinstance(comment.body, msgspec.UnsetType) and isinstance(
        comment.deleted_at, msgspec.UnsetType
    )


def _user_groups(client: Any, user_id: str) -> Dual[dict[str, Any]]:
    """Every group the user is in, by id, page after page."""
    groups: dict[str, Any] = {}
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        (page,) = yield [("get_user_groups", partial(_groups_page, client, user_id, cursor))]
        for group in page.data:
            groups[group.id] = group
        cursor = page.next_cursor
        if not cursor:
            return groups
        if cursor in seen:
            raise LiveblocksError(
                f"The server returned a cursor seen before ({cursor!r}) for the groups of "
                f"{user_id!r}; stopping to avoid an endless loop",
                method="GET",
                path=f"/v2/users/{quote(user_id, safe='')}/groups",
            )
        seen.add(cursor)


def _groups_page(client: Any, user_id: str, cursor: str | None) -> Any:
    if cursor is None:
        return client.get_user_groups(user_id)
    return client.get_user_groups(user_id, starting_after=cursor)


def _last_unread_mention(comments: list[Any], groups: Mapping[str, Any], user_id: str) -> Any:
    """The last comment that mentions the user, directly or through one of their groups."""
    for comment in reversed(comments):
        if comment.user_id == user_id:
            continue
        for mention in get_mentions_from_comment_body(comment.body):
            if _mentions(mention, groups, user_id):
                return comment
    return None


def _mentions(mention: Mapping[str, Any], groups: Mapping[str, Any], user_id: str) -> bool:
    kind = mention.get("kind")
    if kind == "user":
        return bool(mention.get("id") == user_id)
    if kind != "group":
        return False
    members = mention.get("userIds")
    if members is not None:
        return user_id in members
    group = groups.get(mention.get("id"))  # type: ignore[arg-type]
    return group is not None and any(member.id == user_id for member in group.members)


def _resolve(
    comments: list[Any],
    resolve_users: ResolveUsers | None,
    resolve_groups_info: ResolveGroupsInfo | None,
) -> Dual[tuple[dict[str, Any], dict[str, Any]]]:
    """The infos of the authors and of every user and group the comments mention, each
    resolver called once with every id (as ``@liveblocks/emails`` batches them)."""
    user_ids: list[Any] = list(dict.fromkeys(c.user_id for c in comments))
    group_ids: list[Any] = []
    for comment in comments:
        for mention in get_mentions_from_comment_body(comment.body):
            ids = user_ids if mention.get("kind") == "user" else group_ids
            if mention.get("kind") in ("user", "group") and mention.get("id") not in ids:
                ids.append(mention.get("id"))
    steps: list[Step] = []
    if resolve_users is not None:
        steps.append(("resolve_users", lambda: resolve_users(list(user_ids))))
    if resolve_groups_info is not None:
        steps.append(("resolve_groups_info", lambda: resolve_groups_info(list(group_ids))))
    results = (yield steps) if steps else []
    users = _batch(user_ids, results.pop(0)) if resolve_users is not None else {}
    groups = _batch(group_ids, results.pop(0)) if resolve_groups_info is not None else {}
    return users, groups


def _batch(ids: list[Any], infos: Any) -> dict[str, Any]:
    if infos is None:
        return {}
    if not isinstance(infos, Sequence) or isinstance(infos, (str, bytes)):
        raise TypeError("a resolver must return a list (one info or None per id)")
    if len(infos) != len(ids):
        raise ValueError(
            "a resolver must return a list of the same length as the ids it was given: "
            f"expected {len(ids)}, got {len(infos)}"
        )
    return dict(zip(ids, infos, strict=True))


def _comment_data(
    comment: Any,
    users: Mapping[str, Any],
    groups: Mapping[str, Any],
    room_url: Any,
    styles: Mapping[str, Mapping[str, Any]],
) -> CommentEmailData:
    info = users.get(comment.user_id)
    author = CommentAuthor(
        id=comment.user_id, info={"name": comment.user_id} if info is None else dict(info)
    )
    body = stringify_comment_body(
        comment.body,
        format="html",
        separator="\n",
        elements=_email_elements(styles),
        resolve_users=lambda ids: [users.get(i) for i in ids],
        resolve_groups_info=lambda ids: [groups.get(i) for i in ids],
    )
    return CommentEmailData(
        id=comment.id,
        thread_id=comment.thread_id,
        room_id=comment.room_id,
        author=author,
        created_at=comment.created_at,
        url=with_fragment(room_url, comment.id) if room_url else None,
        body=body,
    )


# -- HTML -------------------------------------------------------------------------------------


def _email_elements(styles: Mapping[str, Mapping[str, Any]]) -> Any:
    css = {name: escape_html(inline_css(style)) for name, style in styles.items()}

    def paragraph(args: ParagraphArgs, index: int) -> str:
        if not args.children:
            return args.children
        return f'<p style="{css.get("paragraph", "")}">{args.children}</p>'

    def text(args: TextArgs, index: int) -> str:
        element = args.element
        written = escape_html(element["text"])
        if not written:
            return written
        if element.get("bold"):
            written = f'<strong style="{css.get("strong", "")}">{written}</strong>'
        if element.get("italic"):
            written = f"<em>{written}</em>"
        if element.get("strikethrough"):
            written = f"<s>{written}</s>"
        if element.get("code"):
            written = f'<code style="{css.get("code", "")}">{written}</code>'
        return written

    def link(args: LinkArgs, index: int) -> str:
        label = args.element.get("text") or args.element.get("url")
        return (
            f'<a href="{escape_html(args.href)}" target="_blank" rel="noopener noreferrer" '
            f'style="{css.get("link", "")}">{escape_html(label)}</a>'
        )

    def mention(args: MentionArgs, index: int) -> str:
        name = info_name(args.user) or info_name(args.group) or args.element.get("id")
        return f'<span data-mention style="{css.get("mention", "")}">@{escape_html(name)}</span>'

    return {"paragraph": paragraph, "text": text, "link": link, "mention": mention}


_UNITLESS = frozenset(
    (
        "animationIterationCount",
        "aspectRatio",
        "borderImageOutset",
        "borderImageSlice",
        "borderImageWidth",
        "boxFlex",
        "boxFlexGroup",
        "boxOrdinalGroup",
        "columnCount",
        "columns",
        "flex",
        "flexGrow",
        "flexPositive",
        "flexShrink",
        "flexNegative",
        "flexOrder",
        "gridArea",
        "gridRow",
        "gridRowEnd",
        "gridRowSpan",
        "gridRowStart",
        "gridColumn",
        "gridColumnEnd",
        "gridColumnSpan",
        "gridColumnStart",
        "fontWeight",
        "lineClamp",
        "lineHeight",
        "opacity",
        "order",
        "orphans",
        "scale",
        "tabSize",
        "widows",
        "zIndex",
        "zoom",
        "fillOpacity",
        "floodOpacity",
        "stopOpacity",
        "strokeDasharray",
        "strokeDashoffset",
        "strokeMiterlimit",
        "strokeOpacity",
        "strokeWidth",
        "MozAnimationIterationCount",
        "MozBoxFlex",
        "MozBoxFlexGroup",
        "MozLineClamp",
        "msAnimationIterationCount",
        "msFlex",
        "msZoom",
        "msFlexPositive",
        "msGridColumns",
        "msGridRows",
        "WebkitAnimationIterationCount",
        "WebkitBoxFlex",
        "WebKitBoxFlexGroup",
        "WebkitBoxOrdinalGroup",
        "WebkitColumnCount",
        "WebkitColumns",
        "WebkitFlex",
        "WebkitFlexGrow",
        "WebkitFlexPositive",
        "WebkitFlexShrink",
        "WebkitLineClamp",
    )
)


def inline_css(style: Mapping[str, Any]) -> str:
    """``{"fontSize": 14, "color": "blue"}`` as ``font-size:14px;color:blue;`` (numbers get
    ``px`` but for unitless properties; ``None``, ``""`` and booleans are left out)."""
    written = []
    for key, value in style.items():
        if value is None or isinstance(value, bool) or value == "":
            continue
        name = "".join(f"-{c.lower()}" if c.isupper() else c for c in key).replace("_", "-")
        if name.startswith(("webkit-", "moz-", "ms-", "o-")):
            name = "-" + name
        if isinstance(value, (int, float)):
            number = int(value) if float(value).is_integer() else value
            value = f"{number}px" if key not in _UNITLESS else str(number)
        else:
            value = str(value).strip()
        written.append(f"{name}:{value};")
    return "".join(written)
