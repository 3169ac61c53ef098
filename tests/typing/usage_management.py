"""Projects, API keys and webhooks through both clients and both faces.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models

P = "683d49ed6b4d1cec5a597b13"
SINCE = datetime.datetime(2026, 1, 21, tzinfo=datetime.timezone.utc)


def sync_usage(client: Liveblocks) -> None:
    projects = client.management.projects
    created = projects.create(type="dev", name="Staging", version_creation_timeout=60)
    client.create_management_project(
        body=models.CreateManagementProjectRequestBody(type_=models.ManagementProjectType.PROD)
    )
    names = [p.name for p in projects.list(limit=100)]
    page = client.get_management_projects(cursor="c")
    project = projects[P]
    fetched = project.get()
    client.get_management_project(P)
    updated = project.update(version_creation_timeout=False)
    client.update_management_project(
        P, body=models.UpdateManagementProjectRequestBody(name="Renamed")
    )
    project.delete()
    client.delete_management_project(P)

    project.public_key.activate()
    client.activate_project_public_api_key(P)
    project.public_key.deactivate()
    client.deactivate_project_public_api_key(P)
    public = project.public_key.roll(expiration_in="1 hour")
    flat_public = client.roll_project_public_api_key(P)
    secret = project.secret_key.roll()
    flat_secret = client.roll_project_secret_api_key(
        P, body=models.RollProjectSecretApiKeyRequestBody()
    )

    webhooks = project.webhooks
    webhook = webhooks.create(
        url="https://example.com/hooks",
        subscribed_events=["storageUpdated", models.ManagementWebhookEvent.USERENTERED],
        additional_headers={"X-Team": "core"},
    )
    client.create_management_webhook(
        P,
        body=models.CreateManagementWebhookRequestBody(
            url="https://example.com/hooks", subscribed_events=["userLeft"]
        ),
    )
    listed = list(webhooks.list())
    hooks_page = client.get_management_webhooks(P, limit=5)
    hook = webhooks["wh"]
    fetched_hook = hook.get()
    client.get_management_webhook(P, "wh")
    hook.update(disabled=True, subscribed_events=["roomCreated"])
    client.update_management_webhook(
        P, "wh", body=models.UpdateManagementWebhookRequestBody(disabled=False)
    )
    hook.delete()
    client.delete_management_webhook(P, "wh")
    rolled = hook.roll_secret()
    client.roll_management_webhook_secret(P, "wh")
    headers = hook.additional_headers.get()
    client.get_management_webhook_additional_headers(P, "wh")
    upserted = hook.additional_headers.upsert({"X-Team": "web"})
    client.upsert_management_webhook_additional_headers(
        P, "wh", body=models.UpsertManagementWebhookHeadersRequestBody(headers={"X-A": "1"})
    )
    remaining = hook.additional_headers.delete(["X-Team"])
    client.delete_management_webhook_additional_headers(
        P, "wh", body=models.DeleteManagementWebhookHeadersRequestBody(headers=["X-A"])
    )
    hook.recover_failed_messages(SINCE)
    client.recover_failed_webhook_messages(
        P, "wh", body=models.RecoverManagementWebhookFailedMessagesRequestBody(since=SINCE)
    )
    tested = hook.send_test("storageUpdated")
    client.send_test_webhook(
        P,
        "wh",
        body=models.TestManagementWebhookRequestBody(
            subscribed_event=models.ManagementWebhookEvent.STORAGEUPDATED
        ),
    )
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(created)  # expect: liveblocks._models.management.ManagementProject
        reveal_type(names)  # expect: list[str]
        reveal_type(page.data)  # expect: list[liveblocks._models.management.ManagementProject] | msgspec.UnsetType
        reveal_type(projects.list())  # expect: liveblocks._pagination.SyncPager[liveblocks._models.management.ManagementProject]
        reveal_type(fetched.secret_key)  # expect: liveblocks._models.management.ManagementProjectSecretKey | None
        reveal_type(updated)  # expect: liveblocks._models.management.ManagementProject
        reveal_type(public)  # expect: liveblocks._models.management.RollProjectPublicApiKeyResponse
        reveal_type(flat_public)  # expect: liveblocks._models.management.RollProjectPublicApiKeyResponse
        reveal_type(secret)  # expect: liveblocks._models.management.ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse
        reveal_type(flat_secret)  # expect: liveblocks._models.management.ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse
        reveal_type(webhook)  # expect: liveblocks._models.management.ManagementWebhook
        reveal_type(listed)  # expect: list[liveblocks._models.management.ManagementWebhook]
        reveal_type(hooks_page)  # expect: liveblocks._models.management.GetManagementWebhooksResponse
        reveal_type(fetched_hook.subscribed_events)  # expect: list[liveblocks._models.management.ManagementWebhookEvent]
        reveal_type(rolled)  # expect: liveblocks._models.management.RotateManagementWebhookSecretResponse
        reveal_type(headers.headers)  # expect: liveblocks._models.management.ManagementWebhookAdditionalHeaders
        reveal_type(upserted)  # expect: liveblocks._models.management.UpsertManagementWebhookHeadersResponse
        reveal_type(remaining)  # expect: liveblocks._models.management.DeleteManagementWebhookHeadersResponse
        reveal_type(tested.message.delivered_at)  # expect: datetime.datetime | msgspec.UnsetType | None
        reveal_type(hook.delete())  # expect: None
        reveal_type(client.recover_failed_webhook_messages)  # expect: liveblocks._call.SyncEndpoint[[project_id: str, webhook_id: str, *, body: liveblocks._models.management.RecoverManagementWebhookFailedMessagesRequestBody], None]
        # fmt: on


async def async_usage(client: AsyncLiveblocks) -> None:
    projects = client.management.projects
    pending = projects.create(type=models.ManagementProjectType.DEV)
    created = await pending
    await client.create_management_project(
        body=models.CreateManagementProjectRequestBody(type_=models.ManagementProjectType.DEV)
    )
    ids = [p.id async for p in projects.list()]
    page = await client.get_management_projects(limit=10)
    project = projects[P]
    fetched = await project.get()
    await client.get_management_project(P)
    await project.update(name="Renamed")
    await client.update_management_project(
        P, body=models.UpdateManagementProjectRequestBody(version_creation_timeout=30)
    )
    await project.delete()
    await client.delete_management_project(P)

    await project.public_key.activate()
    await client.activate_project_public_api_key(P)
    await project.public_key.deactivate()
    await client.deactivate_project_public_api_key(P)
    public = await project.public_key.roll()
    await client.roll_project_public_api_key(
        P,
        body=models.RollProjectPublicApiKeyRequestBody(
            expiration_in=models.RollProjectPublicApiKeyRequestBodyExpirationIn.VALUE_5
        ),
    )
    secret_pending = project.secret_key.roll(expiration_in="3 days")
    secret = await secret_pending
    await client.roll_project_secret_api_key(P)

    webhooks = project.webhooks
    webhook = await webhooks.create(url="https://example.com", subscribed_events=["userLeft"])
    await client.create_management_webhook(
        P,
        body=models.CreateManagementWebhookRequestBody(
            url="https://example.com", subscribed_events=["userLeft"]
        ),
    )
    urls = [w.url async for w in webhooks.list(limit=100)]
    hooks_page = await client.get_management_webhooks(P)
    hook = webhooks["wh"]
    fetched_hook = await hook.get()
    await client.get_management_webhook(P, "wh")
    await hook.update(rate_limit=10)
    await client.update_management_webhook(
        P, "wh", body=models.UpdateManagementWebhookRequestBody(rate_limit=5)
    )
    await hook.delete()
    await client.delete_management_webhook(P, "wh")
    rolled = await hook.roll_secret()
    await client.roll_management_webhook_secret(P, "wh")
    headers = await hook.additional_headers.get()
    await client.get_management_webhook_additional_headers(P, "wh")
    upserted = await hook.additional_headers.upsert({"X-Team": "web"})
    await client.upsert_management_webhook_additional_headers(
        P, "wh", body=models.UpsertManagementWebhookHeadersRequestBody(headers={"X-A": "1"})
    )
    remaining = await hook.additional_headers.delete(["X-Team"])
    await client.delete_management_webhook_additional_headers(
        P, "wh", body=models.DeleteManagementWebhookHeadersRequestBody(headers=["X-A"])
    )
    recovering = hook.recover_failed_messages(since=SINCE)
    await recovering
    await client.recover_failed_webhook_messages(
        P, "wh", body=models.RecoverManagementWebhookFailedMessagesRequestBody(since=SINCE)
    )
    tested = await hook.send_test(models.ManagementWebhookEvent.USERLEFT)
    await client.send_test_webhook(
        P,
        "wh",
        body=models.TestManagementWebhookRequestBody(
            subscribed_event=models.ManagementWebhookEvent.USERLEFT
        ),
    )
    if TYPE_CHECKING:
        # fmt: off
        _ = reveal_type(pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.management.ManagementProject]
        reveal_type(created)  # expect: liveblocks._models.management.ManagementProject
        reveal_type(ids)  # expect: list[str]
        reveal_type(page)  # expect: liveblocks._models.management.GetManagementProjectsResponse
        reveal_type(projects.list())  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.management.ManagementProject]
        reveal_type(fetched)  # expect: liveblocks._models.management.ManagementProject
        reveal_type(public)  # expect: liveblocks._models.management.RollProjectPublicApiKeyResponse
        _ = reveal_type(secret_pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.management.ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse]
        reveal_type(secret)  # expect: liveblocks._models.management.ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse
        reveal_type(webhook)  # expect: liveblocks._models.management.ManagementWebhook
        reveal_type(urls)  # expect: list[str]
        reveal_type(hooks_page)  # expect: liveblocks._models.management.GetManagementWebhooksResponse
        reveal_type(fetched_hook)  # expect: liveblocks._models.management.ManagementWebhook
        reveal_type(rolled)  # expect: liveblocks._models.management.RotateManagementWebhookSecretResponse
        reveal_type(headers)  # expect: liveblocks._models.management.GetManagementWebhookHeadersResponse
        reveal_type(upserted)  # expect: liveblocks._models.management.UpsertManagementWebhookHeadersResponse
        reveal_type(remaining)  # expect: liveblocks._models.management.DeleteManagementWebhookHeadersResponse
        _ = reveal_type(recovering)  # expect: typing.Coroutine[Any, Any, None]
        reveal_type(tested)  # expect: liveblocks._models.management.TestManagementWebhookResponse
        # fmt: on
