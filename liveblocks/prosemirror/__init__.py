"""A room's Tiptap / ProseMirror document, read and edited as
``@liveblocks/node-prosemirror`` does: ``client.rooms[room_id].prosemirror()``; and
Markdown read into ProseMirror JSON with :func:`markdown_to_prosemirror`."""

from __future__ import annotations

from typing import Any

from ._document import ProsemirrorDocument

__all__ = ["ProsemirrorDocument", "markdown_to_prosemirror"]


def markdown_to_prosemirror(markdown: str) -> dict[str, Any]:
    """The ProseMirror JSON (Tiptap StarterKit) of the document ``markdown`` describes,
    read as prosemirror-markdown reads CommonMark with strikethrough."""
    from ._from_markdown import markdown_to_doc

    return markdown_to_doc(markdown).to_json()
