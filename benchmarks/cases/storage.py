"""Case 2, large Storage: ``get_storage_document`` of a document of several MB (tens of
thousands of LiveObjects, plain LSON), and ``initialize_storage_document`` of the same
document into fresh rooms. Time, and Python's peak memory during one call.

The floor (``urllib3``) makes the same requests with bytes: the GET's body is not
decoded, the POST's body is encoded before the clock starts and its answer not decoded."""

import functools
import os
from collections.abc import Callable

from _harness import arguments, emit, fixture, peak_memory, sync_client, timed

GETS = 3
INITS = 2
ROOM = "bench-storage"

args = arguments("official", "ours", "urllib3")

if args.variant == "urllib3":
    import json

    import urllib3

    pool = urllib3.connection_from_url(args.url)
    headers = {"Authorization": "Bearer sk_localdev", "Content-Type": "application/json"}
    encoded: bytes = b""

    def get() -> object:
        return pool.request("GET", f"/v2/rooms/{ROOM}/storage", headers=headers).data

    def create_room(room_id: str) -> None:
        body = json.dumps({"id": room_id, "defaultAccesses": []})
        assert pool.request("POST", "/v2/rooms", body=body, headers=headers).status == 200

    def delete_room(room_id: str) -> None:
        pool.request("DELETE", f"/v2/rooms/{room_id}", headers=headers)

    def load_document() -> None:
        global encoded
        encoded = json.dumps(fixture(args, "storage.json"), separators=(",", ":")).encode()

    def initialize(room_id: str) -> object:
        url = f"/v2/rooms/{room_id}/storage"
        return pool.request("POST", url, body=encoded, headers=headers).data

else:
    from liveblocks.models import CreateRoomRequestBody, InitializeStorageDocumentBody

    client = sync_client(args)
    document: dict = {}

    def get() -> object:
        return client.get_storage_document(ROOM)

    def create_room(room_id: str) -> None:
        client.create_room(body=CreateRoomRequestBody(id=room_id, default_accesses=[]))

    def delete_room(room_id: str) -> None:
        client.delete_room(room_id)

    def load_document() -> None:
        document.update(fixture(args, "storage.json"))

    def initialize(room_id: str) -> object:
        # As a user does: the body built from the document's dict, then sent.
        body = InitializeStorageDocumentBody.from_dict(document)
        return client.initialize_storage_document(room_id, body=body)


def measure(calls: list[Callable[[], object]], name: str) -> dict[str, float]:
    """Time all calls but the last; the last one measures peak memory."""
    wall, cpu = timed(calls[:-1])
    return {f"{name}_s": wall, f"{name}_cpu_s": cpu, f"{name}_peak_bytes": peak_memory(calls[-1])}


get()
results = measure([get] * (GETS + 1), "get")

# The document is loaded only now, so that the gets ran on the same small heap everywhere.
load_document()
fresh = [f"bench-init-{args.variant}-{os.getpid()}-{i}" for i in range(INITS + 1)]
for room_id in fresh:
    create_room(room_id)
results.update(measure([functools.partial(initialize, room_id) for room_id in fresh], "init"))
for room_id in fresh:
    delete_room(room_id)

emit(**results)
