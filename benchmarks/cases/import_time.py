"""Case 7: start-up. Each run starts a fresh interpreter that runs one statement and exits:
``ours`` and ``official`` import ``liveblocks`` and create a sync client; the floor,
``requests+msgspec``, imports what ours cannot start without (in ours' interpreter).

Reported: the statement's own time inside that interpreter (``total_s``), the whole
process from its start to its exit (``process_s``), how many modules it loaded, and
whether it imported aiohttp (ours should not on the sync path)."""

import subprocess
import sys
import time

from _harness import SECRET, arguments, emit

CLIENT = (
    "import liveblocks\n"
    f"liveblocks.Liveblocks(secret={SECRET!r}, base_url='http://localhost:1')"
)
STATEMENTS = {"official": CLIENT, "ours": CLIENT, "requests+msgspec": "import requests, msgspec"}

# The child prints with no import of its own (sys is always loaded).
CHILD = """import sys, time
start = time.perf_counter()
{statement}
took = time.perf_counter() - start
print(took, "aiohttp" in sys.modules, len(sys.modules))
"""

args = arguments(*STATEMENTS)
code = CHILD.format(statement=STATEMENTS[args.variant])
started = time.perf_counter()
done = subprocess.run(
    [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
)
process_s = time.perf_counter() - started
took, aiohttp_imported, modules = done.stdout.split()
emit(
    total_s=float(took),
    process_s=process_s,
    aiohttp_imported=aiohttp_imported == "True",
    modules=int(modules),
)
