"""``python -m liveblocks export DIR`` / ``import DIR``: see :mod:`liveblocks.cli`."""

import gc

from .cli import main

# This process is the batch job's own, so its garbage collector is set for it: what was
# loaded at start-up is never scanned again (gc.freeze), and the youngest generation is
# collected after 10,000 new objects instead of 700. A job makes millions of short-lived
# objects, nearly all freed as soon as they are dropped, and spent about 4 % of an
# export's time in collections that found nothing. (The library itself never touches the
# collector of a program that imports it.)
gc.freeze()
_young, _middle, _old = gc.get_threshold()
gc.set_threshold(max(_young, 10_000), _middle, _old)

raise SystemExit(main())
