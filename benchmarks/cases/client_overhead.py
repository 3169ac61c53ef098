"""The client's own cost per call, without the network: each SDK's HTTP library is handed
canned answers (the dev server's real bytes, fetched once) instead of a socket. What is
left is building the request, the HTTP library's bookkeeping, and decoding: the part of
a call's time that the SDK controls.

Official: an ``httpx.MockTransport`` in its httpx client. Ours: a requests adapter that
answers from memory through ``HTTPAdapter.build_response`` (requests' own path). Both get
the answer's type and length, as the server sends them."""

import io
import time
import urllib.request

from _harness import arguments, emit

GET_ROOM_CALLS = 5000
GET_ROOMS_CALLS = 30

args = arguments("official", "ours")


def fetch(path: str) -> bytes:
    headers = {"Authorization": "Bearer sk_localdev"}
    request = urllib.request.Request(args.url + path, headers=headers)
    with urllib.request.urlopen(request) as answer:
        return answer.read()


answers = {"/v2/rooms/bench-room-0001": fetch("/v2/rooms/bench-room-0001")}
answers["/v2/rooms"] = fetch("/v2/rooms?limit=100")
HEADERS = {"Content-Type": "application/json"}
# The headers the server sends with each answer: its type and length (httpx's Response
# adds the length itself; a urllib3 response is given it, as the socket would give it).
LENGTHS = {path: {**HEADERS, "Content-Length": str(len(body))} for path, body in answers.items()}

if args.variant == "official":
    import httpx

    from liveblocks import Liveblocks

    client = Liveblocks(secret="sk_localdev", base_url="http://localhost:1")
    client._client._transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers=HEADERS, content=answers[request.url.path])
    )
else:
    import requests
    import urllib3
    from requests.adapters import HTTPAdapter

    from liveblocks import Liveblocks
    from liveblocks.transports import RequestsTransport

    class CannedAdapter(HTTPAdapter):
        def send(self, request, **kwargs):  # type: ignore[no-untyped-def]
            path = request.path_url.split("?")[0]
            raw = urllib3.HTTPResponse(
                body=io.BytesIO(answers[path]),
                headers=LENGTHS[path],
                status=200,
                preload_content=False,
            )
            return self.build_response(request, raw)

    session = requests.Session()
    session.mount("http://", CannedAdapter())
    client = Liveblocks(
        secret="sk_localdev", base_url="http://localhost:1", transport=RequestsTransport(session)
    )


def per_call(fn, calls: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


assert client.get_room("bench-room-0001").id == "bench-room-0001"
emit(
    get_room_s=per_call(lambda: client.get_room("bench-room-0001"), GET_ROOM_CALLS),
    get_rooms_s=per_call(lambda: client.get_rooms(limit=100), GET_ROOMS_CALLS),
)
