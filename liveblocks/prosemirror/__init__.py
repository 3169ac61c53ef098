"""A room's Tiptap / ProseMirror document, read and edited as
``@liveblocks/node-prosemirror`` does: ``client.rooms[room_id].prosemirror()``."""

from ._document import ProsemirrorDocument

__all__ = ["ProsemirrorDocument"]
