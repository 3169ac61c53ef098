"""Storage's Live structures, as Python objects: edited inside ``storage.mutate(...)``,
each edit becomes operations that merge with other users' edits.

The modules load on first use (``liveblocks.LiveObject``, a storage-file upload): a
service that never edits Storage does not pay for them.
"""
