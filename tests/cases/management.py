"""Management operations: projects, their API keys, and their webhooks."""

from __future__ import annotations

import datetime
from typing import Any

from liveblocks import models
from liveblocks._pagination import Page
from liveblocks.types import UNSET

from ._case import OpCase, api_json, example

PROJECTS = "/v2/management/projects"
PROJECT_ID = "683d49ed6b4d1cec5a597b13"
PROJECT = f"{PROJECTS}/{PROJECT_ID}"
WEBHOOKS = PROJECT + "/webhooks"
WEBHOOK = WEBHOOKS + "/wh_abc123"
SEPT_3 = datetime.datetime(2024, 9, 3, 12, 34, 56, tzinfo=datetime.timezone.utc)

PROJECT_JSON = example("ManagementProject")
#: A project with a region and type the SDK does not know, no secret key, a timeout in
#: seconds, and fields it does not know.
NEWER_PROJECT = {
    **PROJECT_JSON,
    "id": "proj_2",
    "type": "staging",
    "region": "mars",
    "secretKey": None,
    "versionCreationTimeout": 120,
    "publicKey": {**PROJECT_JSON["publicKey"], "scopes": ["room:read"]},
    "futureField": [1, 2],
}
PROJECTS_PAGE = {"nextCursor": "projects-2", "data": [PROJECT_JSON, NEWER_PROJECT], "extra": 1}

WEBHOOK_JSON = example("ManagementWebhook")
#: Every optional field, an event the SDK does not know, and a field it does not know.
FULL_WEBHOOK = {
    **WEBHOOK_JSON,
    "id": "wh_full",
    "subscribedEvents": ["storageUpdated", "aiChatCompleted"],
    "rateLimit": 100,
    "additionalHeaders": {"X-Custom-Header": "value"},
    "secret": None,
    "disabled": True,
    "deliveryStats": {"failed": 3},
}
WEBHOOKS_PAGE = {"nextCursor": None, "data": [WEBHOOK_JSON, FULL_WEBHOOK]}


def check_none(value: Any) -> None:
    assert value is None


def _parts(value: Any, response_type: type) -> tuple[list[Any], str | None]:
    """The items and next cursor of a flat page model or of a resource-model Page."""
    if isinstance(value, Page):
        return list(value.items), value.next_cursor
    assert isinstance(value, response_type)
    assert value.data is not UNSET
    return list(value.data), value.next_cursor


def check_project(project: Any) -> None:
    assert isinstance(project, models.ManagementProject)
    assert project.id == PROJECT_ID
    assert project.team_id == "team_123"
    assert project.type_ is models.ManagementProjectType.DEV
    assert project.name == "My Project"
    assert project.created_at == SEPT_3
    assert project.public_key == models.ManagementProjectPublicKey(
        activated=True, created_at=SEPT_3, value="pk_dev_123"
    )
    assert project.secret_key == models.ManagementProjectSecretKey(
        created_at=SEPT_3, value="sk_dev_123"
    )
    assert project.region is models.ManagementProjectRegion.EARTH
    assert project.version_creation_timeout is False
    assert api_json(project) == PROJECT_JSON


def check_newer_project(project: Any) -> None:
    assert isinstance(project, models.ManagementProject)
    assert project.type_ == "staging"
    assert project.type_.name == "UNKNOWN"
    assert project.region == "mars"
    assert project.secret_key is None
    assert project.version_creation_timeout == 120
    assert project.version_creation_timeout is not True


def check_projects_page(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetManagementProjectsResponse)
    assert next_cursor == "projects-2"
    check_project(items[0])
    check_newer_project(items[1])


def check_projects_example(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetManagementProjectsResponse)
    assert next_cursor is None
    (project,) = items
    check_project(project)


def check_empty_projects(value: Any) -> None:
    assert isinstance(value, models.GetManagementProjectsResponse)
    assert value.next_cursor is None
    assert value.data is UNSET


def check_public_key(value: Any) -> None:
    assert isinstance(value, models.RollProjectPublicApiKeyResponse)
    assert value.public_key.value == "pk_dev_123"
    assert value.public_key.activated is True
    assert value.public_key.created_at == SEPT_3


def check_secret_key(value: Any) -> None:
    assert isinstance(
        value, models.ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse
    )
    assert value.secret_key == models.ManagementProjectSecretKey(
        created_at=SEPT_3, value="sk_dev_123"
    )


def check_webhook(webhook: Any) -> None:
    assert isinstance(webhook, models.ManagementWebhook)
    assert webhook.id == "wh_abc123"
    assert webhook.url == "https://example.com/webhooks"
    assert webhook.disabled is False
    assert webhook.subscribed_events == [
        models.ManagementWebhookEvent.STORAGEUPDATED,
        models.ManagementWebhookEvent.USERENTERED,
    ]
    assert webhook.secret == models.ManagementWebhookSecret(value="whsec_abc123")
    assert webhook.storage_updated_throttle_seconds == 10
    assert webhook.y_doc_updated_throttle_seconds == 10
    assert webhook.rate_limit is UNSET
    assert webhook.additional_headers is UNSET
    assert webhook.created_at == SEPT_3
    assert api_json(webhook) == WEBHOOK_JSON


def check_full_webhook(webhook: Any) -> None:
    assert isinstance(webhook, models.ManagementWebhook)
    assert webhook.id == "wh_full"
    storage, unknown = webhook.subscribed_events
    assert storage is models.ManagementWebhookEvent.STORAGEUPDATED
    assert unknown == "aiChatCompleted"
    assert unknown.name == "UNKNOWN"
    assert webhook.rate_limit == 100
    assert isinstance(webhook.additional_headers, models.ManagementWebhookAdditionalHeaders)
    assert webhook.additional_headers == {"X-Custom-Header": "value"}
    assert webhook.secret is None
    assert webhook.disabled is True


def check_webhooks_page(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetManagementWebhooksResponse)
    assert next_cursor is None
    check_webhook(items[0])
    check_full_webhook(items[1])


def check_rotated(value: Any) -> None:
    assert isinstance(value, models.RotateManagementWebhookSecretResponse)
    assert value.secret == models.ManagementWebhookSecret(value="whsec_new_abc123")
    assert value.message == "Previous secret remains valid for 24 hours."


def check_headers(value: Any) -> None:
    assert isinstance(value, models.GetManagementWebhookHeadersResponse)
    assert isinstance(value.headers, models.ManagementWebhookAdditionalHeaders)
    assert value.headers == {"X-Custom-Header": "value"}


def check_upserted(value: Any) -> None:
    assert isinstance(value, models.UpsertManagementWebhookHeadersResponse)
    assert isinstance(value.headers, models.UpsertManagementWebhookHeadersResponseHeaders)
    assert value.headers == {"X-Custom-Header": "value", "X-Other": "2"}


def check_headers_deleted(value: Any) -> None:
    assert isinstance(value, models.DeleteManagementWebhookHeadersResponse)
    assert isinstance(value.headers, models.ManagementWebhookAdditionalHeaders)
    assert value.headers == {"X-Remaining-Header": "value"}


def check_test_message(value: Any) -> None:
    assert isinstance(value, models.TestManagementWebhookResponse)
    assert isinstance(value.message, models.TestManagementWebhookResponseMessage)
    assert value.message.id == "msg_abc123"
    assert value.message.delivered_at == SEPT_3


def check_test_message_pending(value: Any) -> None:
    assert isinstance(value, models.TestManagementWebhookResponse)
    assert value.message.id == "msg_2"
    assert value.message.delivered_at is None


CASES = [
    # Projects ---------------------------------------------------------------------------------
    OpCase(
        "get_management_projects",
        lambda c: c.get_management_projects(),
        "GET",
        PROJECTS,
        query={"limit": "20"},
        response=PROJECTS_PAGE,
        check=check_projects_page,
    ),
    OpCase(
        "get_management_projects",
        lambda c: c.get_management_projects(limit=100, cursor="projects-1"),
        "GET",
        PROJECTS,
        query={"limit": "100", "cursor": "projects-1"},
        response=example("GetManagementProjectsResponse"),
        check=check_projects_example,
        id="cursor",
    ),
    OpCase(
        "get_management_projects",
        lambda c: c.get_management_projects(),
        "GET",
        PROJECTS,
        query={"limit": "20"},
        response={"nextCursor": None},
        check=check_empty_projects,
        id="no-data",
    ),
    OpCase(
        "get_management_projects",
        lambda c: c.management.projects.list(limit=7, cursor="projects-1").first_page(),
        "GET",
        PROJECTS,
        query={"limit": "7", "cursor": "projects-1"},
        response=PROJECTS_PAGE,
        check=check_projects_page,
        id="resource-first-page",
    ),
    OpCase(
        "create_management_project",
        lambda c: c.create_management_project(
            body=models.CreateManagementProjectRequestBody(
                type_=models.ManagementProjectType.DEV,
                name="My Project",
                version_creation_timeout=False,
            )
        ),
        "POST",
        PROJECTS,
        body=example("CreateManagementProjectRequestBody"),
        response=PROJECT_JSON,
        check=check_project,
        resource=lambda c: c.management.projects.create(
            type="dev", name="My Project", version_creation_timeout=False
        ),
    ),
    OpCase(
        "create_management_project",
        lambda c: c.create_management_project(
            body=models.CreateManagementProjectRequestBody(type_=models.ManagementProjectType.PROD)
        ),
        "POST",
        PROJECTS,
        body={"type": "prod"},
        response=PROJECT_JSON,
        check=check_project,
        resource=lambda c: c.management.projects.create(type=models.ManagementProjectType.PROD),
        id="minimal",
    ),
    OpCase(
        "get_management_project",
        lambda c: c.get_management_project(PROJECT_ID),
        "GET",
        PROJECT,
        response=PROJECT_JSON,
        check=check_project,
        resource=lambda c: c.management.projects[PROJECT_ID].get(),
    ),
    OpCase(
        "get_management_project",
        lambda c: c.get_management_project(project_id="proj_2"),
        "GET",
        PROJECTS + "/proj_2",
        response=NEWER_PROJECT,
        check=check_newer_project,
        resource=lambda c: c.management.projects["proj_2"].get(),
        id="unknown-values",
    ),
    OpCase(
        "update_management_project",
        lambda c: c.update_management_project(
            PROJECT_ID,
            body=models.UpdateManagementProjectRequestBody(
                name="Updated Project Name", version_creation_timeout=60
            ),
        ),
        "POST",
        PROJECT,
        body=example("UpdateManagementProjectRequestBody"),
        response=PROJECT_JSON,
        check=check_project,
        resource=lambda c: c.management.projects[PROJECT_ID].update(
            name="Updated Project Name", version_creation_timeout=60
        ),
    ),
    OpCase(
        "delete_management_project",
        lambda c: c.delete_management_project(PROJECT_ID),
        "DELETE",
        PROJECT,
        check=check_none,
        resource=lambda c: c.management.projects[PROJECT_ID].delete(),
    ),
    # API keys ---------------------------------------------------------------------------------
    OpCase(
        "activate_project_public_api_key",
        lambda c: c.activate_project_public_api_key(PROJECT_ID),
        "POST",
        PROJECT + "/api-keys/public/activate",
        check=check_none,
        resource=lambda c: c.management.projects[PROJECT_ID].public_key.activate(),
    ),
    OpCase(
        "deactivate_project_public_api_key",
        lambda c: c.deactivate_project_public_api_key(project_id=PROJECT_ID),
        "POST",
        PROJECT + "/api-keys/public/deactivate",
        check=check_none,
        resource=lambda c: c.management.projects[PROJECT_ID].public_key.deactivate(),
    ),
    OpCase(
        "roll_project_public_api_key",
        lambda c: c.roll_project_public_api_key(PROJECT_ID),
        "POST",
        PROJECT + "/api-keys/public/roll",
        response=example("RollProjectPublicApiKeyResponse"),
        check=check_public_key,
        resource=lambda c: c.management.projects[PROJECT_ID].public_key.roll(),
    ),
    OpCase(
        "roll_project_public_api_key",
        lambda c: c.roll_project_public_api_key(
            PROJECT_ID,
            body=models.RollProjectPublicApiKeyRequestBody(
                expiration_in=models.RollProjectPublicApiKeyRequestBodyExpirationIn.VALUE_3
            ),
        ),
        "POST",
        PROJECT + "/api-keys/public/roll",
        body={"expirationIn": "1 hour"},
        response=example("RollProjectPublicApiKeyResponse"),
        check=check_public_key,
        resource=lambda c: c.management.projects[PROJECT_ID].public_key.roll(
            expiration_in="1 hour"
        ),
        id="expiration",
    ),
    OpCase(
        "roll_project_public_api_key",
        lambda c: c.roll_project_public_api_key(
            PROJECT_ID, body=models.RollProjectPublicApiKeyRequestBody()
        ),
        "POST",
        PROJECT + "/api-keys/public/roll",
        body={"expirationIn": "now"},
        response=example("RollProjectPublicApiKeyResponse"),
        check=check_public_key,
        resource=lambda c: c.management.projects[PROJECT_ID].public_key.roll(
            expiration_in=models.RollProjectPublicApiKeyRequestBodyExpirationIn.NOW
        ),
        id="default-body",
    ),
    OpCase(
        "roll_project_secret_api_key",
        lambda c: c.roll_project_secret_api_key(PROJECT_ID),
        "POST",
        PROJECT + "/api-keys/secret/roll",
        response=example("ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse"),
        check=check_secret_key,
        resource=lambda c: c.management.projects[PROJECT_ID].secret_key.roll(),
    ),
    OpCase(
        "roll_project_secret_api_key",
        lambda c: c.roll_project_secret_api_key(
            PROJECT_ID,
            body=models.RollProjectSecretApiKeyRequestBody(
                expiration_in=models.RollProjectSecretApiKeyRequestBodyExpirationIn.VALUE_9
            ),
        ),
        "POST",
        PROJECT + "/api-keys/secret/roll",
        body=example("RollProjectSecretApiKeyRequestBody"),
        response=example("ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse"),
        check=check_secret_key,
        resource=lambda c: c.management.projects[PROJECT_ID].secret_key.roll(
            expiration_in="3 days"
        ),
        id="expiration",
    ),
    # Webhooks ---------------------------------------------------------------------------------
    OpCase(
        "get_management_webhooks",
        lambda c: c.get_management_webhooks(PROJECT_ID),
        "GET",
        WEBHOOKS,
        query={"limit": "20"},
        response=WEBHOOKS_PAGE,
        check=check_webhooks_page,
    ),
    OpCase(
        "get_management_webhooks",
        lambda c: c.get_management_webhooks(PROJECT_ID, limit=1, cursor="wh-cursor"),
        "GET",
        WEBHOOKS,
        query={"limit": "1", "cursor": "wh-cursor"},
        response=WEBHOOKS_PAGE,
        check=check_webhooks_page,
        id="cursor",
    ),
    OpCase(
        "get_management_webhooks",
        lambda c: c.management.projects[PROJECT_ID].webhooks.list(limit=1).first_page(),
        "GET",
        WEBHOOKS,
        query={"limit": "1"},
        response=WEBHOOKS_PAGE,
        check=check_webhooks_page,
        id="resource-first-page",
    ),
    OpCase(
        "create_management_webhook",
        lambda c: c.create_management_webhook(
            PROJECT_ID,
            body=models.CreateManagementWebhookRequestBody(
                url="https://example.com/webhooks",
                subscribed_events=[
                    models.ManagementWebhookEvent.STORAGEUPDATED,
                    models.ManagementWebhookEvent.USERENTERED,
                ],
                rate_limit=100,
                storage_updated_throttle_seconds=10,
                y_doc_updated_throttle_seconds=10,
            ),
        ),
        "POST",
        WEBHOOKS,
        body=example("CreateManagementWebhookRequestBody"),
        response=WEBHOOK_JSON,
        check=check_webhook,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks.create(
            url="https://example.com/webhooks",
            subscribed_events=["storageUpdated", models.ManagementWebhookEvent.USERENTERED],
            rate_limit=100,
            storage_updated_throttle_seconds=10,
            y_doc_updated_throttle_seconds=10,
        ),
    ),
    OpCase(
        "create_management_webhook",
        lambda c: c.create_management_webhook(
            PROJECT_ID,
            body=models.CreateManagementWebhookRequestBody(
                url="https://example.com/hooks",
                subscribed_events=["notification"],
                additional_headers=models.CreateManagementWebhookRequestBodyAdditionalHeaders(
                    {"X-Custom-Header": "value"}
                ),
            ),
        ),
        "POST",
        WEBHOOKS,
        body={
            "url": "https://example.com/hooks",
            "subscribedEvents": ["notification"],
            "additionalHeaders": {"X-Custom-Header": "value"},
        },
        response=FULL_WEBHOOK,
        check=check_full_webhook,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks.create(
            url="https://example.com/hooks",
            subscribed_events=(models.ManagementWebhookEvent.NOTIFICATION,),
            additional_headers={"X-Custom-Header": "value"},
        ),
        id="headers",
    ),
    OpCase(
        "get_management_webhook",
        lambda c: c.get_management_webhook(PROJECT_ID, "wh_abc123"),
        "GET",
        WEBHOOK,
        response=WEBHOOK_JSON,
        check=check_webhook,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks["wh_abc123"].get(),
    ),
    OpCase(
        "get_management_webhook",
        lambda c: c.get_management_webhook(project_id=PROJECT_ID, webhook_id="wh_full"),
        "GET",
        WEBHOOKS + "/wh_full",
        response=FULL_WEBHOOK,
        check=check_full_webhook,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks["wh_full"].get(),
        id="unknown-event",
    ),
    OpCase(
        "update_management_webhook",
        lambda c: c.update_management_webhook(
            PROJECT_ID,
            "wh_abc123",
            body=models.UpdateManagementWebhookRequestBody(
                url="https://example.com/webhooks",
                subscribed_events=[
                    models.ManagementWebhookEvent.STORAGEUPDATED,
                    models.ManagementWebhookEvent.USERENTERED,
                ],
                rate_limit=100,
                disabled=False,
            ),
        ),
        "POST",
        WEBHOOK,
        body=example("UpdateManagementWebhookRequestBody"),
        response=WEBHOOK_JSON,
        check=check_webhook,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .update(
                url="https://example.com/webhooks",
                subscribed_events=["storageUpdated", "userEntered"],
                rate_limit=100,
                disabled=False,
            )
        ),
    ),
    OpCase(
        "update_management_webhook",
        lambda c: c.update_management_webhook(
            PROJECT_ID,
            "wh_abc123",
            body=models.UpdateManagementWebhookRequestBody(
                storage_updated_throttle_seconds=30, y_doc_updated_throttle_seconds=5
            ),
        ),
        "POST",
        WEBHOOK,
        body={"storageUpdatedThrottleSeconds": 30, "yDocUpdatedThrottleSeconds": 5},
        response=WEBHOOK_JSON,
        check=check_webhook,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .update(storage_updated_throttle_seconds=30, y_doc_updated_throttle_seconds=5)
        ),
        id="throttles",
    ),
    OpCase(
        "delete_management_webhook",
        lambda c: c.delete_management_webhook(PROJECT_ID, "wh_abc123"),
        "DELETE",
        WEBHOOK,
        check=check_none,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks["wh_abc123"].delete(),
    ),
    OpCase(
        "roll_management_webhook_secret",
        lambda c: c.roll_management_webhook_secret(PROJECT_ID, "wh_abc123"),
        "POST",
        WEBHOOK + "/secret/roll",
        response=example("RotateManagementWebhookSecretResponse"),
        check=check_rotated,
        resource=lambda c: c.management.projects[PROJECT_ID].webhooks["wh_abc123"].roll_secret(),
    ),
    OpCase(
        "get_management_webhook_additional_headers",
        lambda c: c.get_management_webhook_additional_headers(PROJECT_ID, "wh_abc123"),
        "GET",
        WEBHOOK + "/additional-headers",
        response=example("GetManagementWebhookHeadersResponse"),
        check=check_headers,
        resource=lambda c: (
            c.management.projects[PROJECT_ID].webhooks["wh_abc123"].additional_headers.get()
        ),
    ),
    OpCase(
        "upsert_management_webhook_additional_headers",
        lambda c: c.upsert_management_webhook_additional_headers(
            PROJECT_ID,
            "wh_abc123",
            body=models.UpsertManagementWebhookHeadersRequestBody(
                headers=models.ManagementWebhookAdditionalHeaders(
                    {"X-Custom-Header": "value", "X-Other": "2"}
                )
            ),
        ),
        "POST",
        WEBHOOK + "/additional-headers",
        body={"headers": {"X-Custom-Header": "value", "X-Other": "2"}},
        response={"headers": {"X-Custom-Header": "value", "X-Other": "2"}},
        check=check_upserted,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .additional_headers.upsert({"X-Custom-Header": "value", "X-Other": "2"})
        ),
    ),
    OpCase(
        "delete_management_webhook_additional_headers",
        lambda c: c.delete_management_webhook_additional_headers(
            PROJECT_ID,
            "wh_abc123",
            body=models.DeleteManagementWebhookHeadersRequestBody(
                headers=["X-Custom-Header", "X-Another-Header"]
            ),
        ),
        "POST",
        WEBHOOK + "/delete-additional-headers",
        body=example("DeleteManagementWebhookHeadersRequestBody"),
        response=example("DeleteManagementWebhookHeadersResponse"),
        check=check_headers_deleted,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .additional_headers.delete(["X-Custom-Header", "X-Another-Header"])
        ),
    ),
    OpCase(
        "recover_failed_webhook_messages",
        lambda c: c.recover_failed_webhook_messages(
            PROJECT_ID,
            "wh_abc123",
            body=models.RecoverManagementWebhookFailedMessagesRequestBody(
                since=datetime.datetime(2026, 1, 21, tzinfo=datetime.timezone.utc)
            ),
        ),
        "POST",
        WEBHOOK + "/recover-failed-messages",
        body={"since": "2026-01-21T00:00:00Z"},
        check=check_none,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .recover_failed_messages(datetime.datetime(2026, 1, 21, tzinfo=datetime.timezone.utc))
        ),
    ),
    OpCase(
        "recover_failed_webhook_messages",
        lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .recover_failed_messages(
                since=datetime.datetime(
                    2026,
                    1,
                    21,
                    9,
                    30,
                    0,
                    250000,
                    tzinfo=datetime.timezone(datetime.timedelta(hours=2)),
                )
            )
        ),
        "POST",
        WEBHOOK + "/recover-failed-messages",
        body={"since": "2026-01-21T09:30:00.250000+02:00"},
        check=check_none,
        id="resource-offset",
    ),
    OpCase(
        "send_test_webhook",
        lambda c: c.send_test_webhook(
            PROJECT_ID,
            "wh_abc123",
            body=models.TestManagementWebhookRequestBody(
                subscribed_event=models.ManagementWebhookEvent.STORAGEUPDATED
            ),
        ),
        "POST",
        WEBHOOK + "/test",
        body=example("TestManagementWebhookRequestBody"),
        response=example("TestManagementWebhookResponse"),
        check=check_test_message,
        resource=lambda c: (
            c.management.projects[PROJECT_ID].webhooks["wh_abc123"].send_test("storageUpdated")
        ),
    ),
    OpCase(
        "send_test_webhook",
        lambda c: c.send_test_webhook(
            PROJECT_ID,
            "wh_abc123",
            body=models.TestManagementWebhookRequestBody(
                subscribed_event=models.ManagementWebhookEvent.USERLEFT
            ),
        ),
        "POST",
        WEBHOOK + "/test",
        body={"subscribedEvent": "userLeft"},
        response={"message": {"id": "msg_2", "deliveredAt": None}, "extra": True},
        check=check_test_message_pending,
        resource=lambda c: (
            c.management.projects[PROJECT_ID]
            .webhooks["wh_abc123"]
            .send_test(models.ManagementWebhookEvent.USERLEFT)
        ),
        id="not-delivered",
    ),
]
