"""Models of the Management operations: projects, their API keys, and their webhooks."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..types import UNSET, Unset
from ._base import FreeForm, Model, StrEnum, WithAdditionalProperties

__all__ = [
    "CreateManagementProjectRequestBody",
    "CreateManagementWebhookRequestBody",
    "CreateManagementWebhookRequestBodyAdditionalHeaders",
    "DeleteManagementWebhookHeadersRequestBody",
    "DeleteManagementWebhookHeadersResponse",
    "GetManagementProjectsResponse",
    "GetManagementWebhookHeadersResponse",
    "GetManagementWebhooksResponse",
    "ManagementProject",
    "ManagementProjectPublicKey",
    "ManagementProjectRegion",
    "ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse",
    "ManagementProjectSecretKey",
    "ManagementProjectType",
    "ManagementWebhook",
    "ManagementWebhookAdditionalHeaders",
    "ManagementWebhookEvent",
    "ManagementWebhookHeadersDelete",
    "ManagementWebhookSecret",
    "RecoverManagementWebhookFailedMessagesRequestBody",
    "RollProjectPublicApiKeyRequestBody",
    "RollProjectPublicApiKeyRequestBodyExpirationIn",
    "RollProjectPublicApiKeyResponse",
    "RollProjectSecretApiKeyRequestBody",
    "RollProjectSecretApiKeyRequestBodyExpirationIn",
    "RollProjectSecretApiKeyRequestBodyNewKeyExpirationIn",
    "RotateManagementWebhookSecretResponse",
    "TestManagementWebhookRequestBody",
    "TestManagementWebhookResponse",
    "TestManagementWebhookResponseMessage",
    "UpdateManagementProjectRequestBody",
    "UpdateManagementWebhookRequestBody",
    "UpsertManagementWebhookHeadersRequestBody",
    "UpsertManagementWebhookHeadersResponse",
    "UpsertManagementWebhookHeadersResponseHeaders",
]


# Enums ----------------------------------------------------------------------------------------


class ManagementProjectType(StrEnum):
    """A development or a production project."""

    DEV = "dev"
    PROD = "prod"


class ManagementProjectRegion(StrEnum):
    """Where a project's data lives."""

    EARTH = "earth"
    EU = "eu"
    FEDRAMP = "fedramp"


class ManagementWebhookEvent(StrEnum):
    """An event a webhook can subscribe to."""

    COMMENTCREATED = "commentCreated"
    COMMENTDELETED = "commentDeleted"
    COMMENTEDITED = "commentEdited"
    COMMENTMETADATAUPDATED = "commentMetadataUpdated"
    COMMENTREACTIONADDED = "commentReactionAdded"
    COMMENTREACTIONREMOVED = "commentReactionRemoved"
    NOTIFICATION = "notification"
    ROOMCREATED = "roomCreated"
    ROOMDELETED = "roomDeleted"
    STORAGEUPDATED = "storageUpdated"
    THREADCREATED = "threadCreated"
    THREADDELETED = "threadDeleted"
    THREADMARKEDASRESOLVED = "threadMarkedAsResolved"
    THREADMARKEDASUNRESOLVED = "threadMarkedAsUnresolved"
    THREADMETADATAUPDATED = "threadMetadataUpdated"
    USERENTERED = "userEntered"
    USERLEFT = "userLeft"
    YDOCUPDATED = "ydocUpdated"


class RollProjectPublicApiKeyRequestBodyExpirationIn(StrEnum):
    """When the previous key stops working after a roll."""

    NOW = "now"
    VALUE_1 = "1h"
    VALUE_10 = "7d"
    VALUE_11 = "7days"
    VALUE_12 = "7 days"
    VALUE_2 = "1hour"
    VALUE_3 = "1 hour"
    VALUE_4 = "24hrs"
    VALUE_5 = "24hours"
    VALUE_6 = "24 hours"
    VALUE_7 = "3d"
    VALUE_8 = "3days"
    VALUE_9 = "3 days"


class RollProjectSecretApiKeyRequestBodyExpirationIn(StrEnum):
    """When the previous key stops working after a roll."""

    NOW = "now"
    VALUE_1 = "1h"
    VALUE_10 = "7d"
    VALUE_11 = "7days"
    VALUE_12 = "7 days"
    VALUE_2 = "1hour"
    VALUE_3 = "1 hour"
    VALUE_4 = "24hrs"
    VALUE_5 = "24hours"
    VALUE_6 = "24 hours"
    VALUE_7 = "3d"
    VALUE_8 = "3days"
    VALUE_9 = "3 days"


class RollProjectSecretApiKeyRequestBodyNewKeyExpirationIn(StrEnum):
    """When a newly rolled secret key expires (the API's values as of 3.23)."""

    NOW = "now"
    ONE_YEAR = "one year"
    VALUE_1 = "5m"
    VALUE_2 = "5min"
    VALUE_3 = "5 minutes"
    VALUE_4 = "3m"
    VALUE_5 = "3min"
    VALUE_6 = "3 minutes"
    VALUE_7 = "1h"
    VALUE_8 = "1hour"
    VALUE_9 = "1 hour"
    VALUE_10 = "48h"
    VALUE_11 = "48hrs"
    VALUE_12 = "48hours"
    VALUE_13 = "48 hours"
    VALUE_14 = "24hrs"
    VALUE_15 = "24hours"
    VALUE_16 = "24 hours"
    VALUE_17 = "3d"
    VALUE_18 = "3days"
    VALUE_19 = "3 days"
    VALUE_20 = "7d"
    VALUE_21 = "7days"
    VALUE_22 = "7 days"
    VALUE_23 = "21d"
    VALUE_24 = "21days"
    VALUE_25 = "21 days"
    VALUE_26 = "30d"
    VALUE_27 = "30days"
    VALUE_28 = "30 days"
    VALUE_29 = "1y"
    VALUE_30 = "1year"
    VALUE_31 = "1 year"


# Projects -------------------------------------------------------------------------------------


class ManagementProjectPublicKey(WithAdditionalProperties, Model):
    """A project's public key, and whether it is active."""

    activated: bool
    created_at: datetime.datetime
    value: str


class ManagementProjectSecretKey(WithAdditionalProperties, Model):
    """A project's secret key."""

    created_at: datetime.datetime
    value: str


class ManagementProject(WithAdditionalProperties, Model):
    """A project of your account, with its keys and settings."""

    id: str
    team_id: str
    type_: ManagementProjectType
    name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    public_key: ManagementProjectPublicKey
    secret_key: ManagementProjectSecretKey | None
    region: ManagementProjectRegion
    version_creation_timeout: bool | int


class GetManagementProjectsResponse(Model):
    """One page of projects; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[ManagementProject] | Unset = UNSET


class CreateManagementProjectRequestBody(WithAdditionalProperties, Model):
    """A new project. ``version_creation_timeout``: ``False`` to turn it off, or seconds
    (30 to 300)."""

    type_: ManagementProjectType
    name: str | Unset = UNSET
    version_creation_timeout: bool | int | Unset = UNSET


class UpdateManagementProjectRequestBody(WithAdditionalProperties, Model):
    """Only the fields given change."""

    name: str | Unset = UNSET
    version_creation_timeout: bool | int | Unset = UNSET


# These send their default (``omit_defaults=False``), as the reference's models do.
class RollProjectPublicApiKeyRequestBody(Model, omit_defaults=False):
    """When the previous public key expires (default: now)."""

    expiration_in: RollProjectPublicApiKeyRequestBodyExpirationIn | Unset = (
        RollProjectPublicApiKeyRequestBodyExpirationIn.NOW
    )


class RollProjectPublicApiKeyResponse(Model):
    public_key: ManagementProjectPublicKey


class RollProjectSecretApiKeyRequestBody(Model, omit_defaults=False):
    """When the previous secret key expires (default: now)."""

    expiration_in: RollProjectSecretApiKeyRequestBodyExpirationIn | Unset = (
        RollProjectSecretApiKeyRequestBodyExpirationIn.NOW
    )


class ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse(Model):
    secret_key: ManagementProjectSecretKey


# Webhooks -------------------------------------------------------------------------------------


class ManagementWebhookAdditionalHeaders(FreeForm):
    """Header name -> value, sent with every delivery of the webhook."""


class CreateManagementWebhookRequestBodyAdditionalHeaders(FreeForm):
    """Header name -> value, sent with every delivery of the webhook."""


class UpsertManagementWebhookHeadersResponseHeaders(FreeForm):
    """Header name -> value, after the upsert."""


class ManagementWebhookSecret(WithAdditionalProperties, Model):
    """The secret that signs a webhook's deliveries (``whsec_...``)."""

    value: str


class ManagementWebhook(Model):
    """A webhook of a project: where it delivers, which events, and its settings."""

    id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str
    disabled: bool
    subscribed_events: list[ManagementWebhookEvent]
    secret: ManagementWebhookSecret | None
    storage_updated_throttle_seconds: int
    y_doc_updated_throttle_seconds: int
    rate_limit: int | Unset = UNSET
    additional_headers: ManagementWebhookAdditionalHeaders | Unset = UNSET


class GetManagementWebhooksResponse(Model):
    """One page of a project's webhooks; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[ManagementWebhook] | Unset = UNSET


# Bodies take the official package's models or plain values (strings, dicts); from_dict
# builds the models.
if TYPE_CHECKING:
    WebhookEvents = Sequence[ManagementWebhookEvent | str]
    WebhookHeaders = ManagementWebhookAdditionalHeaders | Mapping[str, str]
else:
    WebhookEvents = list[ManagementWebhookEvent]
    WebhookHeaders = ManagementWebhookAdditionalHeaders


class CreateManagementWebhookRequestBody(WithAdditionalProperties, Model):
    """A new webhook. Events are :class:`ManagementWebhookEvent` values or their strings."""

    url: str
    subscribed_events: WebhookEvents
    rate_limit: int | Unset = UNSET
    additional_headers: WebhookHeaders | Unset = UNSET
    storage_updated_throttle_seconds: int | Unset = UNSET
    y_doc_updated_throttle_seconds: int | Unset = UNSET


class UpdateManagementWebhookRequestBody(WithAdditionalProperties, Model):
    """Only the fields given change."""

    url: str | Unset = UNSET
    subscribed_events: WebhookEvents | Unset = UNSET
    rate_limit: int | Unset = UNSET
    storage_updated_throttle_seconds: int | Unset = UNSET
    y_doc_updated_throttle_seconds: int | Unset = UNSET
    disabled: bool | Unset = UNSET


class RotateManagementWebhookSecretResponse(WithAdditionalProperties, Model):
    """The new secret; the previous one stays valid for 24 hours."""

    secret: ManagementWebhookSecret
    message: str


class GetManagementWebhookHeadersResponse(Model):
    headers: ManagementWebhookAdditionalHeaders


class UpsertManagementWebhookHeadersRequestBody(Model):
    """Headers to add or overwrite; the others stay."""

    headers: WebhookHeaders


class UpsertManagementWebhookHeadersResponse(Model):
    headers: UpsertManagementWebhookHeadersResponseHeaders


class DeleteManagementWebhookHeadersRequestBody(Model):
    """Names of the headers to remove (at least one)."""

    headers: Sequence[str]


class DeleteManagementWebhookHeadersResponse(Model):
    headers: ManagementWebhookAdditionalHeaders


class ManagementWebhookHeadersDelete(WithAdditionalProperties, Model):
    headers: list[str]


class RecoverManagementWebhookFailedMessagesRequestBody(Model):
    """Deliveries that failed since this time are sent again."""

    since: datetime.datetime


class TestManagementWebhookRequestBody(WithAdditionalProperties, Model):
    """The event to send as a test; one the webhook subscribes to."""

    subscribed_event: ManagementWebhookEvent


class TestManagementWebhookResponseMessage(Model):
    id: str
    delivered_at: datetime.datetime | Unset | None = UNSET


class TestManagementWebhookResponse(Model):
    """The test message that was sent."""

    message: TestManagementWebhookResponseMessage
