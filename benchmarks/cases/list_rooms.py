"""Case 1, list decode: ``get_rooms`` answering with every room of the server (a few
hundred; the dev server ignores ``limit``), called again and again: the cost of typed
decoding of a large page. ``urllib3`` is the floor: the same GET, the body left as bytes."""

import json

from _harness import arguments, emit, sync_client, timed

CALLS = 30

args = arguments("official", "ours", "urllib3")

if args.variant == "urllib3":
    import urllib3

    pool = urllib3.connection_from_url(args.url)
    headers = {"Authorization": "Bearer sk_localdev"}

    def call() -> object:
        return pool.request("GET", "/v2/rooms?limit=100", headers=headers).data

    rooms = len(json.loads(call())["data"])
else:
    client = sync_client(args)

    def call() -> object:
        return client.get_rooms(limit=100)

    rooms = len(client.get_rooms(limit=100).data)

call()
wall, cpu = timed([call] * CALLS)
emit(call_s=wall, call_cpu_s=cpu, rooms=rooms)
