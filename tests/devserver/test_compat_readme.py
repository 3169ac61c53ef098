"""Drop-in: the official package's README and docstring examples, written as its users
write them (keyword ``secret=``, flat methods, the official models and import paths), run
unchanged on this SDK against the real dev server. Where the official examples leave a
value as ``...``, a real value stands in."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time

import pytest

from tests.devserver_process import SECRET, DevServer


def test_quickstart_synchronous(devserver: DevServer, room_id: str) -> None:
    from liveblocks import Liveblocks
    from liveblocks.models import CreateRoomRequestBody

    client = Liveblocks(secret=SECRET, base_url=devserver.url)

    with client:
        client.create_room(body=CreateRoomRequestBody(id=room_id, default_accesses=[]))
        rooms = client.get_rooms()
        print(rooms)
    assert room_id in [room.id for room in rooms.data]


def test_quickstart_asynchronous(devserver: DevServer, room_id: str) -> None:
    from liveblocks import AsyncLiveblocks
    from liveblocks.models import CreateRoomRequestBody

    async def main() -> list[str]:
        client = AsyncLiveblocks(secret=SECRET, base_url=devserver.url)

        async with client:
            await client.create_room(body=CreateRoomRequestBody(id=room_id, default_accesses=[]))
            rooms = await client.get_rooms()
            print(rooms)
        return [room.id for room in rooms.data]

    assert room_id in asyncio.run(main())


def test_room_examples(devserver: DevServer, room_id: str) -> None:
    from liveblocks import Liveblocks
    from liveblocks.models import CreateRoomRequestBody, UpdateRoomRequestBody
    from liveblocks.models.room import Room
    from liveblocks.models.room_metadata import RoomMetadata
    from liveblocks.models.room_permission_item import RoomPermissionItem

    client = Liveblocks(secret=SECRET, base_url=devserver.url)
    with client:
        result = client.create_room(
            body=CreateRoomRequestBody(
                id=room_id,
                default_accesses=[RoomPermissionItem.ROOMWRITE],
                metadata=RoomMetadata.from_dict({"color": "blue"}),
            ),
            idempotent=True,
        )
        print(result)
        assert isinstance(result, Room)
        result = client.get_room(room_id=room_id)
        assert result.metadata.additional_properties == {"color": "blue"}
        assert result.default_accesses == [RoomPermissionItem.ROOMWRITE]
        result = client.update_room(
            room_id=room_id,
            body=UpdateRoomRequestBody(default_accesses=[]),
        )
        assert result.default_accesses == []
        saved = result.to_dict()  # what the official package's to_dict writes
        assert saved["createdAt"].endswith("+00:00")
        assert Room.from_dict(saved) == result
        client.delete_room(room_id=room_id)


def test_storage_examples(devserver: DevServer, room_id: str) -> None:
    from liveblocks import Liveblocks
    from liveblocks.models import CreateRoomRequestBody, InitializeStorageDocumentBody
    from liveblocks.models.initialize_storage_document_body_data import (
        InitializeStorageDocumentBodyData,
    )

    client = Liveblocks(secret=SECRET, base_url=devserver.url)
    with client:
        client.create_room(body=CreateRoomRequestBody(id=room_id, default_accesses=[]))
        result = client.initialize_storage_document(
            room_id=room_id,
            body=InitializeStorageDocumentBody(
                liveblocks_type="LiveObject",
                data=InitializeStorageDocumentBodyData.from_dict({"title": "Plan"}),
            ),
        )
        print(result)
        assert result.liveblocks_type == "LiveObject"
        result = client.get_storage_document(room_id=room_id)
        print(result)
        assert result.to_dict()["data"] == {"title": "Plan"}
        client.delete_storage_document(room_id=room_id)


def test_auth_examples(devserver: DevServer, room_id: str) -> None:
    from liveblocks import Liveblocks
    from liveblocks.models import AuthorizeUserRequestBody, IdentifyUserRequestBody
    from liveblocks.models.authorize_user_request_body_permissions import (
        AuthorizeUserRequestBodyPermissions,
    )
    from liveblocks.models.authorize_user_response import AuthorizeUserResponse

    client = Liveblocks(secret=SECRET, base_url=devserver.url)
    with client:
        permissions = AuthorizeUserRequestBodyPermissions()
        permissions.additional_properties = {room_id: ["*:write"]}
        result = client.authorize_user(
            body=AuthorizeUserRequestBody(user_id="user-123", permissions=permissions),
        )
        print(result)
        assert isinstance(result, AuthorizeUserResponse) and result.token
        result = client.identify_user(body=IdentifyUserRequestBody(user_id="user-123"))
        assert result.token

        # The Session docstring's example.
        session = client.prepare_session("user-123")
        session.allow(room_id, ["*:write"])
        result = session.authorize()
        assert result.token.count(".") == 2


def test_async_session_docstring_example(devserver: DevServer, room_id: str) -> None:
    from liveblocks import AsyncLiveblocks

    async def main() -> str:
        async with AsyncLiveblocks(secret=SECRET, base_url=devserver.url) as client:
            session = client.prepare_session("user-123")
            session.allow(room_id, ["*:write"])
            result = await session.authorize()
        return result.token

    assert asyncio.run(main()).count(".") == 2


def test_error_handling_example(devserver: DevServer, capsys: pytest.CaptureFixture[str]) -> None:
    from liveblocks import Liveblocks, errors

    client = Liveblocks(secret=SECRET, base_url=devserver.url)

    with client:
        try:
            room = client.get_room(room_id="no-such-room-for-the-readme")
        except errors.LiveblocksError as e:
            print(f"API error: {e}")
        else:
            raise AssertionError(f"expected an error, got {room}")
    printed = capsys.readouterr().out
    assert printed.startswith("API error: ") and "(status 404)" in printed


def test_webhook_handler_docstring_example() -> None:
    from liveblocks import WebhookHandler

    key = b"an example signing key, 32 bytes"
    body = json.dumps({"type": "userEntered", "data": {"roomId": "r", "projectId": "p"}})
    stamp = str(int(time.time()))
    mac = hmac.new(key, f"msg_1.{stamp}.{body}".encode(), hashlib.sha256)
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": stamp,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }

    handler = WebhookHandler("whsec_" + base64.b64encode(key).decode())
    event = handler.verify_request(headers=headers, raw_body=body)
    assert event["type"] == "userEntered"
