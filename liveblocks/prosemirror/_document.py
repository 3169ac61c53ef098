"""A room's text-editor document (Tiptap / ProseMirror, stored in Yjs by y-prosemirror):
``client.rooms[room_id].prosemirror(field="default")``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._call import AsyncMode, M, Requester, Resource, Steps, SyncMode, multistep
from .._encoding import decode_bytes, decode_none, fill_path
from ..resources._common import api_call
from ..resources.yjs import OCTET_STREAM
from ._content import check_content, replaced_content
from ._from_markdown import markdown_to_doc
from ._model import Node
from ._to_markdown import to_markdown
from ._yxml import read_fragment, update_fragment

if TYPE_CHECKING:
    from pycrdt import XmlFragment

    from .._ydoc import YDoc

__all__ = ["ProsemirrorDocument"]

#: Turns a node (as ProseMirror JSON) into its text, for ``get_text``.
TextSerializer = Callable[[dict[str, Any]], str]


class ProsemirrorDocument(Resource[M]):
    """The room's ProseMirror document in the Yjs field ``field``, as
    ``@liveblocks/node-prosemirror``'s ``withProsemirrorDocument`` gives it::

        with client.rooms["doc-1"].prosemirror() as doc:      # async with on AsyncLiveblocks
            doc.get_text(); doc.to_markdown(); doc.to_json()
            doc.set_content({"type": "doc", "content": [...]})   # sent at once

    Entering loads the document; each change is sent at once (only what differs) and the
    document read again. Reading needs the ``yjs`` extra (pycrdt). The schema is Tiptap's
    StarterKit with Liveblocks' mentions and comment marks."""

    __slots__ = ("_doc", "_fragment", "_ydoc", "field")

    path_template = "/v2/rooms/{room_id}"

    def __init__(
        self, requester: Requester, ids: Mapping[str, str], field: str = "default"
    ) -> None:
        super().__init__(requester, ids)
        if not isinstance(field, str) or not field:
            raise ValueError(f"field must be a non-empty string, got {field!r}")
        self.field = field
        self._ydoc: YDoc | None = None
        self._fragment: XmlFragment | None = None
        self._doc: Node | None = None

    def __repr__(self) -> str:
        return (
            f"<ProsemirrorDocument {fill_path(self.path_template, self._ids)} field={self.field!r}>"
        )

    # -- loading -------------------------------------------------------------------------

    def __enter__(self: ProsemirrorDocument[SyncMode]) -> ProsemirrorDocument[SyncMode]:
        if self._requester.is_async:
            raise TypeError("use `async with room.prosemirror()` on AsyncLiveblocks")
        self.refresh()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def __aenter__(self: ProsemirrorDocument[AsyncMode]) -> ProsemirrorDocument[AsyncMode]:
        if not self._requester.is_async:
            raise TypeError(
                "use `with room.prosemirror()` on Liveblocks (`async with` needs AsyncLiveblocks)"
            )
        await self.refresh()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    @multistep
    def refresh(self) -> Steps[None]:
        """Read the room's document again (entering the ``with`` block reads it once)."""
        return (yield from self._reload())

    def _reload(self) -> Steps[None]:
        from .._ydoc import load_document, require_pycrdt

        require_pycrdt()
        update: bytes = yield api_call(
            "GET", "/v2/rooms/{room_id}/ydoc-binary", self._ids, decode_bytes
        )
        self._load(load_document(update))

    def _load(self, ydoc: YDoc) -> None:
        from pycrdt import XmlFragment

        fragment = ydoc.get(self.field, type=XmlFragment)
        self._ydoc, self._fragment = ydoc, fragment
        self._doc = Node("doc", content=read_fragment(fragment))

    @property
    def _current(self) -> Node:
        if self._doc is None:
            raise RuntimeError(
                "the document is not loaded: use `with room.prosemirror() as doc:` "
                "(or call doc.refresh() first)"
            )
        return self._doc

    # -- reading -------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The document as ProseMirror JSON (``{"type": "doc", "content": [...]}``)."""
        return self._current.to_json()

    def get_text(
        self,
        *,
        block_separator: str = "\n\n",
        text_serializers: Mapping[str, TextSerializer] | None = None,
    ) -> str:
        """The document's text, blocks separated by ``block_separator``, as Tiptap's
        ``getText``; ``text_serializers`` maps a node type (e.g. ``"liveblocksMention"``)
        to a function of the node's JSON that gives its text."""
        return _text_of(self._current, block_separator, text_serializers or {})

    def to_markdown(self) -> str:
        """The document as Markdown (prosemirror-markdown's serializer)."""
        return to_markdown(self._current)

    # -- changing ------------------------------------------------------------------------

    @multistep
    def set_content(self, content: str | Mapping[str, Any] | None) -> Steps[None]:
        """Replace the content, as Node's ``setContent``: ProseMirror JSON (a ``doc`` or
        one node), a string (one paragraph of plain text) or ``None`` (cleared). As
        there, a document that had content keeps an empty paragraph after the new one.
        ``ValueError`` if the JSON does not fit the schema."""
        return (yield from self._write(replaced_content(self._current.content, content)))

    @multistep
    def set_markdown(self, markdown: str) -> Steps[None]:
        """Replace the content with the document ``markdown`` describes (read as
        prosemirror-markdown reads CommonMark, strikethrough included), as
        ``set_content`` would with that document's JSON."""
        if not isinstance(markdown, str):
            raise TypeError(f"markdown must be a string, got {type(markdown).__name__}")
        doc = markdown_to_doc(markdown).to_json()
        return (yield from self._write(replaced_content(self._current.content, doc)))

    @multistep
    def clear_content(self) -> Steps[None]:
        """Empty the document (one empty paragraph is left, as Node's ``clearContent``)."""
        return (yield from self._write(replaced_content(self._current.content, None)))

    @multistep
    def update(self, change: Callable[[dict[str, Any]], Mapping[str, Any]]) -> Steps[None]:
        """``change(json)`` receives the document as ProseMirror JSON and returns the new
        document (a ``doc``), which replaces it exactly; only what differs is sent."""
        changed = change(self.to_json())
        if not isinstance(changed, Mapping) or changed.get("type") != "doc":
            raise ValueError(
                f"update's function must return a ProseMirror doc, got {changed!r:.80}"
            )
        try:
            doc = Node.from_json(changed)
            check_content(doc)
        except ValueError as exc:
            raise ValueError(f"Invalid content: {exc}") from None
        return (yield from self._write(doc.content))

    def _write(self, content: list[Node]) -> Steps[None]:
        from .._ydoc import EditRecorder

        self._current  # noqa: B018 - loaded, or a clear error
        assert self._ydoc is not None and self._fragment is not None
        recorder = EditRecorder(self._ydoc)
        try:
            with self._ydoc.transaction():
                update_fragment(self._fragment, content)
        finally:
            sent = recorder.stop()
        if sent is None:
            return
        yield api_call(
            "PUT",
            "/v2/rooms/{room_id}/ydoc",
            self._ids,
            decode_none,
            body=sent,
            content_type=OCTET_STREAM,
        )
        yield from self._reload()


def _text_of(doc: Node, separator: str, serializers: Mapping[str, TextSerializer]) -> str:
    parts: list[str] = []

    def visit(node: Node, at_start: bool) -> None:
        if node.is_block and not at_start:
            parts.append(separator)
        serializer = serializers.get(node.name)
        if serializer is not None:
            parts.append(serializer(node.to_json()))
            return
        if node.text is not None:
            parts.append(node.text)
        for child in node.content:
            visit(child, False)

    for position, child in enumerate(doc.content):
        visit(child, position == 0)
    return "".join(parts)
