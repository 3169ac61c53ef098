"""Flat methods of the Management section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from .._models.management import (
        CreateManagementProjectRequestBody,
        CreateManagementWebhookRequestBody,
        DeleteManagementWebhookHeadersRequestBody,
        DeleteManagementWebhookHeadersResponse,
        GetManagementProjectsResponse,
        GetManagementWebhookHeadersResponse,
        GetManagementWebhooksResponse,
        ManagementProject,
        ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse,
        ManagementWebhook,
        RecoverManagementWebhookFailedMessagesRequestBody,
        RollProjectPublicApiKeyRequestBody,
        RollProjectPublicApiKeyResponse,
        RollProjectSecretApiKeyRequestBody,
        RotateManagementWebhookSecretResponse,
        TestManagementWebhookRequestBody,
        TestManagementWebhookResponse,
        UpdateManagementProjectRequestBody,
        UpdateManagementWebhookRequestBody,
        UpsertManagementWebhookHeadersRequestBody,
        UpsertManagementWebhookHeadersResponse,
    )


class ManagementFlatAPI(ResourceTree[M]):
    @endpoint
    def get_management_projects(
        self, *, limit: int | Unset = 20, cursor: str | Unset = UNSET
    ) -> Call[GetManagementProjectsResponse]:
        """One page of projects (``management.projects.list()`` iterates over all of them)."""
        return self.management.projects._page(limit, cursor)

    @endpoint
    def create_management_project(
        self, *, body: CreateManagementProjectRequestBody
    ) -> Call[ManagementProject]:
        """Create a project."""
        return self.management.projects._create(body)

    @endpoint
    def get_management_project(self, project_id: str) -> Call[ManagementProject]:
        """Get a project."""
        return self.management.projects[project_id].get.call()

    @endpoint
    def update_management_project(
        self, project_id: str, *, body: UpdateManagementProjectRequestBody
    ) -> Call[ManagementProject]:
        """Update a project's name or version creation timeout."""
        return self.management.projects[project_id]._update(body)

    @endpoint
    def delete_management_project(self, project_id: str) -> Call[None]:
        """Delete a project."""
        return self.management.projects[project_id].delete.call()

    @endpoint
    def activate_project_public_api_key(self, project_id: str) -> Call[None]:
        """Activate a project's public key."""
        return self.management.projects[project_id].public_key.activate.call()

    @endpoint
    def deactivate_project_public_api_key(self, project_id: str) -> Call[None]:
        """Deactivate a project's public key."""
        return self.management.projects[project_id].public_key.deactivate.call()

    @endpoint
    def roll_project_public_api_key(
        self, project_id: str, *, body: RollProjectPublicApiKeyRequestBody | Unset = UNSET
    ) -> Call[RollProjectPublicApiKeyResponse]:
        """Replace a project's public key."""
        return self.management.projects[project_id].public_key._roll(body)

    @endpoint
    def roll_project_secret_api_key(
        self, project_id: str, *, body: RollProjectSecretApiKeyRequestBody | Unset = UNSET
    ) -> Call[ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse]:
        """Replace a project's secret key."""
        return self.management.projects[project_id].secret_key._roll(body)

    @endpoint
    def get_management_webhooks(
        self, project_id: str, *, limit: int | Unset = 20, cursor: str | Unset = UNSET
    ) -> Call[GetManagementWebhooksResponse]:
        """One page of a project's webhooks."""
        return self.management.projects[project_id].webhooks._page(limit, cursor)

    @endpoint
    def create_management_webhook(
        self, project_id: str, *, body: CreateManagementWebhookRequestBody
    ) -> Call[ManagementWebhook]:
        """Create a webhook for a project."""
        return self.management.projects[project_id].webhooks._create(body)

    @endpoint
    def get_management_webhook(self, project_id: str, webhook_id: str) -> Call[ManagementWebhook]:
        """Get a webhook of a project."""
        return self.management.projects[project_id].webhooks[webhook_id].get.call()

    @endpoint
    def update_management_webhook(
        self, project_id: str, webhook_id: str, *, body: UpdateManagementWebhookRequestBody
    ) -> Call[ManagementWebhook]:
        """Update a webhook of a project."""
        return self.management.projects[project_id].webhooks[webhook_id]._update(body)

    @endpoint
    def delete_management_webhook(self, project_id: str, webhook_id: str) -> Call[None]:
        """Delete a webhook of a project."""
        return self.management.projects[project_id].webhooks[webhook_id].delete.call()

    @endpoint
    def roll_management_webhook_secret(
        self, project_id: str, webhook_id: str
    ) -> Call[RotateManagementWebhookSecretResponse]:
        """Replace a webhook's signing secret."""
        return self.management.projects[project_id].webhooks[webhook_id].roll_secret.call()

    @endpoint
    def get_management_webhook_additional_headers(
        self, project_id: str, webhook_id: str
    ) -> Call[GetManagementWebhookHeadersResponse]:
        """A webhook's additional headers."""
        webhook = self.management.projects[project_id].webhooks[webhook_id]
        return webhook.additional_headers.get.call()

    @endpoint
    def upsert_management_webhook_additional_headers(
        self, project_id: str, webhook_id: str, *, body: UpsertManagementWebhookHeadersRequestBody
    ) -> Call[UpsertManagementWebhookHeadersResponse]:
        """Add or overwrite a webhook's additional headers."""
        webhook = self.management.projects[project_id].webhooks[webhook_id]
        return webhook.additional_headers._upsert(body)

    @endpoint
    def delete_management_webhook_additional_headers(
        self, project_id: str, webhook_id: str, *, body: DeleteManagementWebhookHeadersRequestBody
    ) -> Call[DeleteManagementWebhookHeadersResponse]:
        """Remove some of a webhook's additional headers."""
        webhook = self.management.projects[project_id].webhooks[webhook_id]
        return webhook.additional_headers._delete(body)

    @endpoint
    def recover_failed_webhook_messages(
        self,
        project_id: str,
        webhook_id: str,
        *,
        body: RecoverManagementWebhookFailedMessagesRequestBody,
    ) -> Call[None]:
        """Send again a webhook's deliveries that failed since a time."""
        webhook = self.management.projects[project_id].webhooks[webhook_id]
        return webhook._recover_failed_messages(body)

    @endpoint
    def send_test_webhook(
        self, project_id: str, webhook_id: str, *, body: TestManagementWebhookRequestBody
    ) -> Call[TestManagementWebhookResponse]:
        """Send a test event to a webhook."""
        return self.management.projects[project_id].webhooks[webhook_id]._send_test(body)
