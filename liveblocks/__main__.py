"""``python -m liveblocks export DIR`` / ``import DIR``: see :mod:`liveblocks.cli`."""

from .cli import main

raise SystemExit(main())
