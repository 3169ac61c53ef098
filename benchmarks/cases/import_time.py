"""Case 7: ``import liveblocks`` and creating a sync client, in a fresh interpreter.
Also records whether the sync path imported aiohttp (it should not, for ours)."""

import time

start = time.perf_counter()
import liveblocks  # noqa: E402

imported = time.perf_counter()
liveblocks.Liveblocks(secret="sk_localdev", base_url="http://localhost:1")
created = time.perf_counter()

import sys  # noqa: E402

from _harness import arguments, emit  # noqa: E402

arguments("official", "ours")
emit(
    import_s=imported - start,
    client_s=created - imported,
    total_s=created - start,
    aiohttp_imported="aiohttp" in sys.modules,
    modules=len(sys.modules),
)
