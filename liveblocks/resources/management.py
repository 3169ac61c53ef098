"""Projects, their API keys and webhooks: ``client.management.projects``.

Reading needs a key with the ``read:all`` scope, changing one with ``write:all``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from .._call import Call, M, PageSpec, Resource, cached_property, endpoint, paginated, query_items
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
    ManagementProjectType,
    ManagementWebhook,
    ManagementWebhookEvent,
    RecoverManagementWebhookFailedMessagesRequestBody,
    RollProjectPublicApiKeyRequestBody,
    RollProjectPublicApiKeyRequestBodyExpirationIn,
    RollProjectPublicApiKeyResponse,
    RollProjectSecretApiKeyRequestBody,
    RollProjectSecretApiKeyRequestBodyExpirationIn,
    RotateManagementWebhookSecretResponse,
    TestManagementWebhookRequestBody,
    TestManagementWebhookResponse,
    UpdateManagementProjectRequestBody,
    UpdateManagementWebhookRequestBody,
    UpsertManagementWebhookHeadersRequestBody,
    UpsertManagementWebhookHeadersResponse,
)
from ..types import UNSET, Unset
from ._common import json_call, limit_param

__all__ = [
    "ManagementResource",
    "ProjectPublicKey",
    "ProjectResource",
    "ProjectSecretKey",
    "Projects",
    "WebhookAdditionalHeaders",
    "WebhookResource",
    "Webhooks",
]

PAGE_MAX = 100


class ManagementResource(Resource[M]):
    """``client.management``: the projects of your account."""

    path_template = "/v2/management"

    @cached_property
    def projects(self) -> Projects[M]:
        """All projects: ``projects.list()``, ``projects.create(...)``, ``projects[project_id]``."""
        return Projects(self._requester, self._ids)


class Projects(Resource[M]):
    """The projects of your account. ``projects[project_id]`` binds one without a request."""

    path_template = "/v2/management/projects"

    def __getitem__(self, project_id: str) -> ProjectResource[M]:
        return ProjectResource(self._requester, self._bind("project_id", project_id))

    @paginated
    def list(
        self, *, limit: int = 20, cursor: str | None = None
    ) -> PageSpec[GetManagementProjectsResponse, ManagementProject]:
        """Every project, fetched ``limit`` (1-100) at a time; ``cursor`` resumes from a
        saved page cursor."""
        limit_param(limit, PAGE_MAX)

        def fetch(page_cursor: str | None) -> Call[GetManagementProjectsResponse]:
            return self._page(limit, page_cursor)

        return PageSpec(fetch, _project_items, _next_cursor, cursor)

    def _page(
        self, limit: int | Unset, cursor: str | Unset | None
    ) -> Call[GetManagementProjectsResponse]:
        params = query_items({"limit": limit, "cursor": cursor})
        return json_call(
            "GET", "/v2/management/projects", self._ids, GetManagementProjectsResponse, query=params
        )

    @endpoint
    def create(
        self,
        *,
        type: ManagementProjectType | str,
        name: str | Unset = UNSET,
        version_creation_timeout: bool | int | Unset = UNSET,
    ) -> Call[ManagementProject]:
        """Create a ``"dev"`` or ``"prod"`` project. ``version_creation_timeout``: ``False``
        turns it off, or seconds (30 to 300)."""
        return self._create(
            CreateManagementProjectRequestBody(
                type_=ManagementProjectType(type),
                name=name,
                version_creation_timeout=version_creation_timeout,
            )
        )

    def _create(self, body: CreateManagementProjectRequestBody) -> Call[ManagementProject]:
        return json_call("POST", "/v2/management/projects", self._ids, ManagementProject, body)


class ProjectResource(Resource[M]):
    """One project, bound by id. Makes no request until a method is called."""

    path_template = "/v2/management/projects/{project_id}"

    @cached_property
    def public_key(self) -> ProjectPublicKey[M]:
        """The project's public key: ``activate()``, ``deactivate()``, ``roll(...)``."""
        return ProjectPublicKey(self._requester, self._ids)

    @cached_property
    def secret_key(self) -> ProjectSecretKey[M]:
        """The project's secret key: ``roll(...)``."""
        return ProjectSecretKey(self._requester, self._ids)

    @cached_property
    def webhooks(self) -> Webhooks[M]:
        """The project's webhooks: ``webhooks.list()``, ``.create(...)``, ``[webhook_id]``."""
        return Webhooks(self._requester, self._ids)

    @endpoint
    def get(self) -> Call[ManagementProject]:
        """The project, with its keys and settings."""
        return json_call(
            "GET", "/v2/management/projects/{project_id}", self._ids, ManagementProject
        )

    @endpoint
    def update(
        self,
        *,
        name: str | Unset = UNSET,
        version_creation_timeout: bool | int | Unset = UNSET,
    ) -> Call[ManagementProject]:
        """Change what is given. ``version_creation_timeout``: ``False`` turns it off, or
        seconds (30 to 300)."""
        return self._update(
            UpdateManagementProjectRequestBody(
                name=name, version_creation_timeout=version_creation_timeout
            )
        )

    def _update(self, body: UpdateManagementProjectRequestBody) -> Call[ManagementProject]:
        return json_call(
            "POST", "/v2/management/projects/{project_id}", self._ids, ManagementProject, body
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the project (a soft delete)."""
        return json_call("DELETE", "/v2/management/projects/{project_id}", self._ids, None)


class ProjectPublicKey(Resource[M]):
    """``project.public_key``."""

    path_template = "/v2/management/projects/{project_id}/api-keys/public"

    @endpoint
    def activate(self) -> Call[None]:
        """Turn the public key on."""
        return json_call(
            "POST", "/v2/management/projects/{project_id}/api-keys/public/activate", self._ids, None
        )

    @endpoint
    def deactivate(self) -> Call[None]:
        """Turn the public key off."""
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/api-keys/public/deactivate",
            self._ids,
            None,
        )

    @endpoint
    def roll(
        self,
        *,
        expiration_in: RollProjectPublicApiKeyRequestBodyExpirationIn | str | Unset = UNSET,
    ) -> Call[RollProjectPublicApiKeyResponse]:
        """Replace the public key with a new one (the key must be active). The previous key
        stops working after ``expiration_in`` (``"1 hour"``, ``"3 days"``, ...; default now)."""
        return self._roll(
            UNSET
            if isinstance(expiration_in, Unset)
            else RollProjectPublicApiKeyRequestBody(
                expiration_in=RollProjectPublicApiKeyRequestBodyExpirationIn(expiration_in)
            )
        )

    def _roll(
        self, body: RollProjectPublicApiKeyRequestBody | Unset
    ) -> Call[RollProjectPublicApiKeyResponse]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/api-keys/public/roll",
            self._ids,
            RollProjectPublicApiKeyResponse,
            None if isinstance(body, Unset) else body,
        )


class ProjectSecretKey(Resource[M]):
    """``project.secret_key``."""

    path_template = "/v2/management/projects/{project_id}/api-keys/secret"

    @endpoint
    def roll(
        self,
        *,
        expiration_in: RollProjectSecretApiKeyRequestBodyExpirationIn | str | Unset = UNSET,
    ) -> Call[ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse]:
        """Replace the secret key with a new one. The previous key stops working after
        ``expiration_in`` (``"1 hour"``, ``"3 days"``, ...; default now)."""
        return self._roll(
            UNSET
            if isinstance(expiration_in, Unset)
            else RollProjectSecretApiKeyRequestBody(
                expiration_in=RollProjectSecretApiKeyRequestBodyExpirationIn(expiration_in)
            )
        )

    def _roll(
        self, body: RollProjectSecretApiKeyRequestBody | Unset
    ) -> Call[ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/api-keys/secret/roll",
            self._ids,
            ManagementProjectRollProjectSecretApiKeyResponseSecretKeyResponse,
            None if isinstance(body, Unset) else body,
        )


class Webhooks(Resource[M]):
    """A project's webhooks. ``webhooks[webhook_id]`` binds one without a request."""

    path_template = "/v2/management/projects/{project_id}/webhooks"

    def __getitem__(self, webhook_id: str) -> WebhookResource[M]:
        return WebhookResource(self._requester, self._bind("webhook_id", webhook_id))

    @paginated
    def list(
        self, *, limit: int = 20, cursor: str | None = None
    ) -> PageSpec[GetManagementWebhooksResponse, ManagementWebhook]:
        """Every webhook of the project, fetched ``limit`` (1-100) at a time; ``cursor``
        resumes from a saved page cursor."""
        limit_param(limit, PAGE_MAX)

        def fetch(page_cursor: str | None) -> Call[GetManagementWebhooksResponse]:
            return self._page(limit, page_cursor)

        return PageSpec(fetch, _webhook_items, _next_cursor, cursor)

    def _page(
        self, limit: int | Unset, cursor: str | Unset | None
    ) -> Call[GetManagementWebhooksResponse]:
        params = query_items({"limit": limit, "cursor": cursor})
        return json_call(
            "GET",
            "/v2/management/projects/{project_id}/webhooks",
            self._ids,
            GetManagementWebhooksResponse,
            query=params,
        )

    @endpoint
    def create(
        self,
        *,
        url: str,
        subscribed_events: Sequence[ManagementWebhookEvent | str],
        rate_limit: int | Unset = UNSET,
        additional_headers: Mapping[str, str] | Unset = UNSET,
        storage_updated_throttle_seconds: int | Unset = UNSET,
        y_doc_updated_throttle_seconds: int | Unset = UNSET,
    ) -> Call[ManagementWebhook]:
        """Create a webhook that delivers ``subscribed_events`` (``"storageUpdated"``,
        ``ManagementWebhookEvent.USERENTERED``, ...) to ``url``, with ``additional_headers``
        on every delivery. Its signing secret is in the answer."""
        return self._create(
            CreateManagementWebhookRequestBody(
                url=url,
                subscribed_events=_names(subscribed_events, "subscribed_events"),
                rate_limit=rate_limit,
                additional_headers=additional_headers,
                storage_updated_throttle_seconds=storage_updated_throttle_seconds,
                y_doc_updated_throttle_seconds=y_doc_updated_throttle_seconds,
            )
        )

    def _create(self, body: CreateManagementWebhookRequestBody) -> Call[ManagementWebhook]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks",
            self._ids,
            ManagementWebhook,
            body,
        )


class WebhookResource(Resource[M]):
    """One webhook, bound by id. Makes no request until a method is called."""

    path_template = "/v2/management/projects/{project_id}/webhooks/{webhook_id}"

    @cached_property
    def additional_headers(self) -> WebhookAdditionalHeaders[M]:
        """Headers sent with every delivery: ``get()``, ``upsert(headers)``, ``delete(names)``."""
        return WebhookAdditionalHeaders(self._requester, self._ids)

    @endpoint
    def get(self) -> Call[ManagementWebhook]:
        """The webhook and its settings."""
        return json_call(
            "GET",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}",
            self._ids,
            ManagementWebhook,
        )

    @endpoint
    def update(
        self,
        *,
        url: str | Unset = UNSET,
        subscribed_events: Sequence[ManagementWebhookEvent | str] | Unset = UNSET,
        rate_limit: int | Unset = UNSET,
        storage_updated_throttle_seconds: int | Unset = UNSET,
        y_doc_updated_throttle_seconds: int | Unset = UNSET,
        disabled: bool | Unset = UNSET,
    ) -> Call[ManagementWebhook]:
        """Change what is given (``subscribed_events`` replaces the whole list)."""
        return self._update(
            UpdateManagementWebhookRequestBody(
                url=url,
                subscribed_events=UNSET
                if isinstance(subscribed_events, Unset)
                else _names(subscribed_events, "subscribed_events"),
                rate_limit=rate_limit,
                storage_updated_throttle_seconds=storage_updated_throttle_seconds,
                y_doc_updated_throttle_seconds=y_doc_updated_throttle_seconds,
                disabled=disabled,
            )
        )

    def _update(self, body: UpdateManagementWebhookRequestBody) -> Call[ManagementWebhook]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}",
            self._ids,
            ManagementWebhook,
            body,
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the webhook."""
        return json_call(
            "DELETE", "/v2/management/projects/{project_id}/webhooks/{webhook_id}", self._ids, None
        )

    @endpoint
    def roll_secret(self) -> Call[RotateManagementWebhookSecretResponse]:
        """Replace the signing secret; the previous one stays valid for 24 hours."""
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/secret/roll",
            self._ids,
            RotateManagementWebhookSecretResponse,
        )

    @endpoint
    def recover_failed_messages(self, since: datetime.datetime) -> Call[None]:
        """Send again every delivery that failed since ``since`` (a timezone-aware
        datetime, e.g. ``datetime.now(timezone.utc) - timedelta(hours=6)``)."""
        if not isinstance(since, datetime.datetime):
            raise TypeError(f"since must be a datetime, got {type(since).__name__}")
        if since.tzinfo is None or since.utcoffset() is None:
            raise ValueError("since must be timezone-aware, e.g. datetime.now(timezone.utc)")
        return self._recover_failed_messages(
            RecoverManagementWebhookFailedMessagesRequestBody(since=since)
        )

    def _recover_failed_messages(
        self, body: RecoverManagementWebhookFailedMessagesRequestBody
    ) -> Call[None]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/recover-failed-messages",
            self._ids,
            None,
            body,
        )

    @endpoint
    def send_test(
        self, subscribed_event: ManagementWebhookEvent | str
    ) -> Call[TestManagementWebhookResponse]:
        """Send a test event (one the webhook subscribes to); returns the message sent."""
        return self._send_test(
            TestManagementWebhookRequestBody(
                subscribed_event=ManagementWebhookEvent(subscribed_event)
            )
        )

    def _send_test(
        self, body: TestManagementWebhookRequestBody
    ) -> Call[TestManagementWebhookResponse]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/test",
            self._ids,
            TestManagementWebhookResponse,
            body,
        )


class WebhookAdditionalHeaders(Resource[M]):
    """``webhook.additional_headers``: headers sent with every delivery of the webhook."""

    path_template = "/v2/management/projects/{project_id}/webhooks/{webhook_id}"

    @endpoint
    def get(self) -> Call[GetManagementWebhookHeadersResponse]:
        """The headers, in ``.headers`` (a dict)."""
        return json_call(
            "GET",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/additional-headers",
            self._ids,
            GetManagementWebhookHeadersResponse,
        )

    @endpoint
    def upsert(self, headers: Mapping[str, str]) -> Call[UpsertManagementWebhookHeadersResponse]:
        """Add these headers, overwriting those of the same name; the others stay."""
        if not isinstance(headers, Mapping):
            raise TypeError(f"headers must be a dict of names to values, got {headers!r}")
        return self._upsert(UpsertManagementWebhookHeadersRequestBody(headers=headers))

    def _upsert(
        self, body: UpsertManagementWebhookHeadersRequestBody
    ) -> Call[UpsertManagementWebhookHeadersResponse]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/additional-headers",
            self._ids,
            UpsertManagementWebhookHeadersResponse,
            body,
        )

    @endpoint
    def delete(self, names: Sequence[str]) -> Call[DeleteManagementWebhookHeadersResponse]:
        """Remove the headers with these names (at least one); returns those left."""
        header_names = _names(names, "names")
        if not header_names:
            raise ValueError("names must name at least one header")
        return self._delete(DeleteManagementWebhookHeadersRequestBody(headers=header_names))

    def _delete(
        self, body: DeleteManagementWebhookHeadersRequestBody
    ) -> Call[DeleteManagementWebhookHeadersResponse]:
        return json_call(
            "POST",
            "/v2/management/projects/{project_id}/webhooks/{webhook_id}/delete-additional-headers",
            self._ids,
            DeleteManagementWebhookHeadersResponse,
            body,
        )


def _names(values: Iterable[str], what: str) -> list[str]:
    """A list of names; a lone string is refused (it would be read as its letters)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{what} must be a list of strings, got {type(values).__name__}")
    return list(values)


def _project_items(page: GetManagementProjectsResponse) -> list[ManagementProject]:
    return [] if isinstance(page.data, Unset) else page.data


def _webhook_items(page: GetManagementWebhooksResponse) -> list[ManagementWebhook]:
    return [] if isinstance(page.data, Unset) else page.data


def _next_cursor(page: GetManagementProjectsResponse | GetManagementWebhooksResponse) -> str | None:
    return page.next_cursor
