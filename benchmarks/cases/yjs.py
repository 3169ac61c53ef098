"""Case 5, Yjs: send a Yjs update of several MB (made with pycrdt) to a fresh room, and
fetch a room's whole document as one binary update. Time and Python's peak memory.

Both SDKs run the reference's code: ``body=File(payload=BytesIO(update))`` to send,
``.payload.read()`` on the answer. ``ours-bytes`` passes the bytes themselves, as our
SDK also allows. ``urllib3`` is the floor: the same PUT and GET, bytes in, bytes out."""

import functools
import io
import os

from _harness import arguments, emit, fixture, peak_memory, sync_client, timed

REPEAT = 3
ROOM = "bench-yjs"

args = arguments("official", "ours", "ours-bytes", "urllib3")
update = fixture(args, "yjs.bin")
fresh_rooms = iter(f"bench-yjs-{args.variant}-{os.getpid()}-{i}" for i in range(REPEAT + 1))
used_rooms: list[str] = []

if args.variant == "urllib3":
    import json

    import urllib3

    pool = urllib3.connection_from_url(args.url)
    headers = {"Authorization": "Bearer sk_localdev"}

    def create_room(room_id: str) -> None:
        body = json.dumps({"id": room_id, "defaultAccesses": []})
        json_headers = {**headers, "Content-Type": "application/json"}
        assert pool.request("POST", "/v2/rooms", body=body, headers=json_headers).status == 200

    def delete_room(room_id: str) -> None:
        pool.request("DELETE", f"/v2/rooms/{room_id}", headers=headers)

    def send(room_id: str) -> object:
        put_headers = {**headers, "Content-Type": "application/octet-stream"}
        return pool.request("PUT", f"/v2/rooms/{room_id}/ydoc", body=update, headers=put_headers)

    def fetch() -> bytes:
        return pool.request("GET", f"/v2/rooms/{ROOM}/ydoc-binary", headers=headers).data

else:
    from liveblocks.models import CreateRoomRequestBody
    from liveblocks.types import File

    client = sync_client(args)

    def create_room(room_id: str) -> None:
        client.create_room(body=CreateRoomRequestBody(id=room_id, default_accesses=[]))

    def delete_room(room_id: str) -> None:
        client.delete_room(room_id)

    def send(room_id: str) -> object:
        if args.variant == "ours-bytes":
            return client.send_yjs_binary_update(room_id, body=update)
        return client.send_yjs_binary_update(room_id, body=File(payload=io.BytesIO(update)))

    def fetch() -> bytes:
        return client.get_yjs_document_as_binary_update(ROOM).payload.read()


def fresh_room() -> str:
    room_id = next(fresh_rooms)
    create_room(room_id)
    used_rooms.append(room_id)
    return room_id


assert len(fetch()) > 0
fetch_s, fetch_cpu = timed([fetch] * REPEAT)
fetch_peak = peak_memory(fetch)

sends = [functools.partial(send, fresh_room()) for _ in range(REPEAT + 1)]
send_s, send_cpu = timed(sends[:-1])
send_peak = peak_memory(sends[-1])
for room_id in used_rooms:
    delete_room(room_id)

emit(
    send_s=send_s,
    send_cpu_s=send_cpu,
    send_peak_bytes=send_peak,
    fetch_s=fetch_s,
    fetch_cpu_s=fetch_cpu,
    fetch_peak_bytes=fetch_peak,
    update_bytes=len(update),
)
