"""Notification emails about a mention in a room's text editor (Tiptap or Lexical), from a
``notification`` webhook event of kind ``textMention``, as ``@liveblocks/emails``'
``prepareTextMentionNotificationEmailAsHtml`` prepares them.

```python
from liveblocks.text_mention_email import prepare_text_mention_notification_email

email = prepare_text_mention_notification_email(
    client,
    event,  # a verified "notification" event of kind "textMention"
    resolve_users=lambda ids: [{"name": NAMES.get(i, i)} for i in ids],
    resolve_room_info=lambda room_id: {"name": "Design doc", "url": f"https://app/{room_id}"},
)
if email is not None:  # None: already read, or the mention is gone
    print(email.mention.author.info["name"], email.mention.content)  # content: safe HTML
```

The client reads the room (which text editor it has), the inbox notification and the
room's Yjs document, where the mention is found with the text around it (its paragraph,
up to a line break). On an :class:`~liveblocks.AsyncLiveblocks` client the function
returns a coroutine, and the resolvers may be coroutine functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import msgspec

from ._dual import Dual, run_async, run_sync
from ._mention_context import Context, find_mention
from .comment_body import escape_html, info_name
from .emails import inline_css

if TYPE_CHECKING:
    from collections.abc import Coroutine

    from .client import AsyncLiveblocks, Liveblocks

__all__ = [
    "MentionAuthor",
    "TextMentionEmailData",
    "TextMentionNotificationEmailData",
    "TextMentionNotificationEmailStyles",
    "prepare_text_mention_notification_email",
]


class _Data(msgspec.Struct, kw_only=True, rename="camel", omit_defaults=True, frozen=True):
    def to_dict(self) -> dict[str, Any]:
        """As JSON data, with the names ``@liveblocks/emails`` gives (``textMentionId``...)."""
        result: dict[str, Any] = msgspec.to_builtins(self)
        return result


class MentionAuthor(_Data, kw_only=True, frozen=True):
    """Who wrote the mention: the id, and the info ``resolve_users`` gave (else
    ``{"name": id}``)."""

    id: str
    info: dict[str, Any]


class TextMentionEmailData(_Data, kw_only=True, frozen=True):
    """The mention: who is mentioned (``kind`` ``"user"`` or ``"group"``, ``id``, a group's
    ``user_ids`` when the editor stores them), by whom, when, and ``content``: the text
    around it as HTML, escaped and styled."""

    kind: Literal["user", "group"]
    id: str
    user_ids: list[str] | None = None
    text_mention_id: str
    room_id: str
    author: MentionAuthor
    content: str
    created_at: datetime.datetime


class TextMentionNotificationEmailData(_Data, kw_only=True, frozen=True):
    """What the email shows: the mention, and the room's info (``name`` is the room id
    unless ``resolve_room_info`` gave one)."""

    mention: TextMentionEmailData
    room_info: dict[str, Any]


#: Inline CSS per element (``container``, ``strong``, ``code``, ``mention``), as property
#: -> value, e.g. ``{"mention": {"color": "purple"}}``; each one given replaces that
#: element's default style.
TextMentionNotificationEmailStyles = Mapping[str, Mapping[str, Any]]

_CODE_FONTS = (
    'ui-monospace, Menlo, Monaco, "Cascadia Mono", "Segoe UI Mono", "Roboto Mono", '
    '"Oxygen Mono", "Ubuntu Mono", "Source Code Pro", "Fira Mono", "Droid Sans Mono", '
    '"Consolas", "Courier New", monospace'
)
_BASE_STYLES: dict[str, dict[str, Any]] = {
    "container": {"fontSize": "14px"},
    "strong": {"fontWeight": 500},
    "code": {
        "fontFamily": _CODE_FONTS,
        "backgroundColor": "rgba(0,0,0,0.05)",
        "border": "solid 1px rgba(0,0,0,0.1)",
        "borderRadius": "4px",
    },
    "mention": {"color": "blue"},
}

ResolveUsers = Callable[[list[str]], Any]
ResolveRoomInfo = Callable[[str], Any]


@overload
def prepare_text_mention_notification_email(
    client: Liveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    styles: TextMentionNotificationEmailStyles | None = None,
) -> TextMentionNotificationEmailData | None: ...


@overload
def prepare_text_mention_notification_email(
    client: AsyncLiveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    styles: TextMentionNotificationEmailStyles | None = None,
) -> Coroutine[Any, Any, TextMentionNotificationEmailData | None]: ...


def prepare_text_mention_notification_email(
    client: Liveblocks | AsyncLiveblocks,
    event: Any,
    *,
    resolve_users: ResolveUsers | None = None,
    resolve_room_info: ResolveRoomInfo | None = None,
    styles: TextMentionNotificationEmailStyles | None = None,
) -> Any:
    """What an email about a ``notification`` event of kind ``textMention`` shows, or
    ``None`` when there is nothing to send (the notification is read, the room has no
    text editor, or the mention is no longer in the document).

    ``event`` is the verified event (the dict of ``WebhookHandler.verify_request`` or the
    model of ``verify_request_typed``). ``resolve_users(user_ids)`` returns one info (with
    ``"name"``) or ``None`` per id, for the author and the users mentioned;
    ``resolve_room_info(room_id)`` returns the room's ``name`` and ``url``. Reading the
    document needs the ``yjs`` extra (pycrdt).
    """
    steps = _prepare(
        client,
        _MentionEvent.read(event),
        resolve_users,
        resolve_room_info,
        {**_BASE_STYLES, **(styles or {})},
    )
    from .client import AsyncLiveblocks

    if isinstance(client, AsyncLiveblocks):
        return run_async(steps)
    return run_sync(steps, "an AsyncLiveblocks client")


class _MentionEvent(msgspec.Struct, frozen=True):
    room_id: str
    user_id: str
    inbox_notification_id: str
    mention_id: str

    @classmethod
    def read(cls, event: Any) -> _MentionEvent:
        """The fields of a text mention notification event (dict or model) the email needs."""
        if not isinstance(event, Mapping):
            event = msgspec.to_builtins(event, builtin_types=(datetime.datetime,))
            event = {"type": "notification", **event}
        data = event.get("data") if event.get("type") == "notification" else None
        if not isinstance(data, Mapping) or data.get("kind") != "textMention":
            raise ValueError("not a notification event of kind 'textMention'")
        fields = ("room_id", "user_id", "inbox_notification_id", "mention_id")
        try:
            return msgspec.convert({name: _field(data, name) for name in fields}, cls)
        except msgspec.ValidationError as error:
            raise ValueError(f"not a complete text mention notification event: {error}") from None


def _field(data: Mapping[str, Any], name: str) -> Any:
    head, *rest = name.split("_")
    return data.get(head + "".join(part.title() for part in rest), data.get(name))


# -- preparing ------------------------------------------------------------------------------


def _prepare(
    client: Any,
    event: _MentionEvent,
    resolve_users: ResolveUsers | None,
    resolve_room_info: ResolveRoomInfo | None,
    styles: Mapping[str, Mapping[str, Any]],
) -> Dual[TextMentionNotificationEmailData | None]:
    inbox = client.users[event.user_id].inbox_notifications[event.inbox_notification_id]
    room, notification = yield [
        ("get_room", lambda: client.rooms[event.room_id].get.raw()),
        ("get_inbox_notification", lambda: inbox.get.raw()),
    ]
    room_json, notification_json = _json_of(room), _json_of(notification)
    if notification_json.get("kind") != "textMention" or not _unread(notification_json):
        return None
    editor = room_json.get("experimental_textEditor")
    if not isinstance(editor, Mapping) or editor.get("type") not in ("tiptap", "lexical"):
        return None
    (update,) = yield [("get_yjs_document", lambda: client.rooms[event.room_id].yjs.get_binary())]
    key = editor.get("rootKey")
    key = key[0] if isinstance(key, list) and key else key
    found = find_mention(editor["type"], update, str(key), notification_json.get("mentionId"))
    if found is None:
        return None
    mention, context = found
    room_info: Any = None
    if resolve_room_info is not None:
        (room_info,) = yield [("resolve_room_info", lambda: resolve_room_info(event.room_id))]
    room_info = dict(room_info or {})
    author_id = str(notification_json.get("createdBy"))
    user_ids = list(dict.fromkeys([author_id, *_mentioned_users(context)]))
    users: dict[str, Any] = {}
    if resolve_users is not None:
        (infos,) = yield [("resolve_users", lambda: resolve_users(list(user_ids)))]
        users = _batch(user_ids, infos)
    author_info = users.get(author_id)
    return TextMentionNotificationEmailData(
        mention=TextMentionEmailData(
            kind=mention["kind"],
            id=mention["id"],
            user_ids=mention.get("userIds"),
            text_mention_id=event.mention_id,
            room_id=event.room_id,
            author=MentionAuthor(
                id=author_id,
                info={"name": author_id} if author_info is None else dict(author_info),
            ),
            content=_content_html(context, users, styles),
            created_at=_datetime(notification_json.get("notifiedAt")),
        ),
        room_info={**room_info, "name": _given(room_info.get("name"), event.room_id)},
    )


def _json_of(raw: Any) -> dict[str, Any]:
    value = msgspec.json.decode(raw.content)
    if not isinstance(value, dict):
        raise TypeError("the API answered with something other than a JSON object")
    return value


def _unread(notification: Mapping[str, Any]) -> bool:
    read_at = notification.get("readAt")
    if read_at is None:
        return True
    return _datetime(notification.get("notifiedAt")) > _datetime(read_at)


def _datetime(value: Any) -> datetime.datetime:
    return msgspec.convert(value, datetime.datetime)


def _given(value: Any, default: Any) -> Any:
    return default if value is None else value


def _batch(ids: list[str], infos: Any) -> dict[str, Any]:
    if infos is None:
        return {}
    if not isinstance(infos, Sequence) or isinstance(infos, (str, bytes)):
        raise TypeError("resolve_users must return a list (one info or None per id)")
    if len(infos) != len(ids):
        raise ValueError(
            "resolve_users must return a list of the same length as the ids it was given: "
            f"expected {len(ids)}, got {len(infos)}"
        )
    return {i: info for i, info in zip(ids, infos, strict=True) if info is not None}


def _mentioned_users(context: list[dict[str, Any]]) -> list[str]:
    return [n["id"] for n in context if n["type"] == "mention" and n["kind"] == "user"]


# -- HTML ---------------------------------------------------------------------------------


def _content_html(
    context: Context, users: Mapping[str, Any], styles: Mapping[str, Mapping[str, Any]]
) -> str:
    css = {name: escape_html(inline_css(style)) for name, style in styles.items()}
    parts = []
    for node in context:
        if node["type"] == "mention":
            user = users.get(node["id"]) if node["kind"] == "user" else None
            name = info_name(user)
            shown = name if name else node["id"]
            parts.append(
                f'<span data-mention style="{css.get("mention", "")}">@{escape_html(shown)}</span>'
            )
            continue
        written = escape_html(node["text"])
        if written:
            if node["bold"]:
                written = f'<strong style="{css.get("strong", "")}">{written}</strong>'
            if node["italic"]:
                written = f"<em>{written}</em>"
            if node["strikethrough"]:
                written = f"<s>{written}</s>"
            if node["code"]:
                written = f'<code style="{css.get("code", "")}">{written}</code>'
        parts.append(written)
    return f'<div style="{css.get("container", "")}">{"".join(parts)}</div>'
