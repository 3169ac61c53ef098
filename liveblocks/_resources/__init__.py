"""The resource model, one module per area. Its classes are listed in
:mod:`liveblocks.resources`; the SDK loads an area's module when the area is first used."""
