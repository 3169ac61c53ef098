"""Case 3, sync latency: 1,000 sequential ``get_room`` calls on one client.

Floors, the same GETs with the body left as bytes: ``requests.Session.get``; requests'
``HTTPAdapter.send`` of a request prepared once; urllib3's connection pool alone."""

import time

from _harness import arguments, emit, fixture, sync_client

CALLS = 1000
WARMUP = 50

args = arguments("official", "ours", "requests", "requests-prepared", "urllib3")
room_ids = fixture(args, "rooms.json")
headers = {"Authorization": "Bearer sk_localdev"}

if args.variant == "requests":
    import requests

    session = requests.Session()

    def get_room(room_id: str) -> object:
        return session.get(f"{args.url}/v2/rooms/{room_id}", headers=headers).content

elif args.variant == "requests-prepared":
    import requests

    session = requests.Session()
    adapter = session.get_adapter(args.url)
    prepared = session.prepare_request(
        requests.Request("GET", f"{args.url}/v2/rooms/{room_ids[0]}", headers=headers)
    )

    def get_room(room_id: str) -> object:
        prepared.url = f"{args.url}/v2/rooms/{room_id}"
        return adapter.send(prepared).content

elif args.variant == "urllib3":
    import urllib3

    pool = urllib3.connection_from_url(args.url)

    def get_room(room_id: str) -> object:
        return pool.request("GET", f"/v2/rooms/{room_id}", headers=headers).data

else:
    client = sync_client(args)

    def get_room(room_id: str) -> object:
        return client.get_room(room_id)


ids = [room_ids[i % len(room_ids)] for i in range(CALLS)]
for room_id in ids[:WARMUP]:
    get_room(room_id)
start, cpu = time.perf_counter(), time.process_time()
for room_id in ids:
    get_room(room_id)
cpu = time.process_time() - cpu
total = time.perf_counter() - start
emit(total_s=total, cpu_s=cpu, calls_per_s=CALLS / total)
