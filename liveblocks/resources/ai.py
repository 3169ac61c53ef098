"""AI copilots and their knowledge: ``client.ai.copilots``, ``client.ai.copilots[copilot_id]``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from .._call import Call, M, PageSpec, Resource, cached_property, endpoint, paginated, query_items
from .._encoding import check_segment, decode_none, encode_json
from .._models.ai import (
    AI_COPILOT,
    KNOWLEDGE_SOURCE,
    AiCopilot,
    AiCopilotProviderSettings,
    AiProviderOptions,
    AnthropicModel,
    AnthropicProviderOptions,
    CreateAiCopilotOptions,
    CreateAiCopilotOptionsAnthropic,
    CreateAiCopilotOptionsGoogle,
    CreateAiCopilotOptionsOpenAi,
    CreateAiCopilotOptionsOpenAiCompatible,
    CreateFileKnowledgeSourceResponse,
    CreateWebKnowledgeSourceRequestBody,
    CreateWebKnowledgeSourceRequestBodyType,
    CreateWebKnowledgeSourceResponse,
    GetAiCopilotsResponse,
    GetFileKnowledgeSourceMarkdownResponse,
    GetKnowledgeSourcesResponse,
    GetWebKnowledgeSourceLinksResponse,
    GoogleModel,
    GoogleProviderOptions,
    KnowledgeSource,
    OpenAiModel,
    OpenAiProviderOptions,
    UpdateAiCopilotRequestBody,
    UpdateAiCopilotRequestBodyProvider,
    WebKnowledgeSourceLink,
    provider_options_from,
)
from ..types import UNSET, BinaryContent, Unset
from ._common import JSON, api_call, coerce, json_call, limit_param
from .yjs import binary_put

__all__ = [
    "AiResource",
    "CopilotResource",
    "Copilots",
    "FileKnowledgeSourceResource",
    "FileKnowledgeSources",
    "KnowledgeSourceResource",
    "KnowledgeSources",
    "WebKnowledgeSourceLinks",
    "WebKnowledgeSourceResource",
    "WebKnowledgeSources",
]

PAGE_MAX = 100

_O = TypeVar("_O", AnthropicProviderOptions, GoogleProviderOptions, OpenAiProviderOptions)

#: A copilot's provider, as a string or an :class:`UpdateAiCopilotRequestBodyProvider`.
Provider = Literal["anthropic", "google", "openai", "openai-compatible"]


class AiResource(Resource[M]):
    """``client.ai``: AI copilots."""

    path_template = "/v2/ai"

    @cached_property
    def copilots(self) -> Copilots[M]:
        """All copilots: ``copilots.list()``, ``copilots.create(...)``, ``copilots[copilot_id]``."""
        return Copilots(self._requester, self._ids)


class Copilots(Resource[M]):
    """The project's AI copilots. ``copilots[copilot_id]`` binds one without a request."""

    path_template = "/v2/ai/copilots"

    def __getitem__(self, copilot_id: str) -> CopilotResource[M]:
        return CopilotResource(self._requester, self._bind("copilot_id", copilot_id))

    @paginated
    def list(
        self, *, limit: int = 20, starting_after: str | None = None
    ) -> PageSpec[GetAiCopilotsResponse, AiCopilot]:
        """Every copilot, newest first, fetched ``limit`` (1-100) at a time;
        ``starting_after`` resumes from a saved page cursor."""
        limit_param(limit, PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetAiCopilotsResponse]:
            return self._page(limit, cursor)

        return PageSpec(fetch, _copilot_items, _next_cursor, starting_after)

    def _page(
        self, limit: int | Unset, starting_after: str | Unset | None
    ) -> Call[GetAiCopilotsResponse]:
        params = query_items({"limit": limit, "startingAfter": starting_after})
        return json_call("GET", "/v2/ai/copilots", self._ids, GetAiCopilotsResponse, query=params)

    @endpoint
    def create(
        self,
        *,
        provider: Provider | UpdateAiCopilotRequestBodyProvider,
        name: str,
        system_prompt: str,
        provider_api_key: str,
        provider_model: str,
        description: str | Unset = UNSET,
        knowledge_prompt: str | Unset = UNSET,
        always_use_knowledge: bool | Unset = UNSET,
        settings: AiCopilotProviderSettings | Mapping[str, Any] | Unset = UNSET,
        provider_options: AiProviderOptions | Mapping[str, Any] | Unset = UNSET,
        compatible_provider_name: str | Unset = UNSET,
        provider_base_url: str | Unset = UNSET,
    ) -> Call[AiCopilot]:
        """Create a copilot. ``provider_model`` is a model of the provider (e.g.
        :class:`OpenAiModel` or its string); ``openai-compatible`` copilots also take
        ``compatible_provider_name`` and ``provider_base_url``. ``settings`` is an
        :class:`AiCopilotProviderSettings` or a dict of its fields; ``provider_options`` the
        provider's options model or the API's JSON object (``{"openai": {...}}``)."""
        common: dict[str, Any] = {
            "name": name,
            "system_prompt": system_prompt,
            "provider_api_key": provider_api_key,
            "description": description,
            "knowledge_prompt": knowledge_prompt,
            "always_use_knowledge": always_use_knowledge,
            "settings": _settings(settings),
        }
        compatible = provider == "openai-compatible"
        if not compatible and not (
            isinstance(compatible_provider_name, Unset) and isinstance(provider_base_url, Unset)
        ):
            raise ValueError(
                "compatible_provider_name and provider_base_url are for openai-compatible "
                f"copilots only, not {str(provider)!r}"
            )
        body: CreateAiCopilotOptions
        if provider == "anthropic":
            body = CreateAiCopilotOptionsAnthropic(
                **common,
                provider_model=AnthropicModel(provider_model),
                provider_options=_options(provider_options, AnthropicProviderOptions),
            )
        elif provider == "google":
            body = CreateAiCopilotOptionsGoogle(
                **common,
                provider_model=GoogleModel(provider_model),
                provider_options=_options(provider_options, GoogleProviderOptions),
            )
        elif provider == "openai":
            body = CreateAiCopilotOptionsOpenAi(
                **common,
                provider_model=OpenAiModel(provider_model),
                provider_options=_options(provider_options, OpenAiProviderOptions),
            )
        elif compatible:
            if isinstance(compatible_provider_name, Unset) or isinstance(provider_base_url, Unset):
                raise TypeError(
                    "openai-compatible copilots need compatible_provider_name and provider_base_url"
                )
            if not isinstance(provider_options, Unset):
                raise ValueError("openai-compatible copilots take no provider_options")
            body = CreateAiCopilotOptionsOpenAiCompatible(
                **common,
                provider_model=provider_model,
                compatible_provider_name=compatible_provider_name,
                provider_base_url=provider_base_url,
            )
        else:
            raise ValueError(
                f"provider must be one of 'anthropic', 'google', 'openai', 'openai-compatible'; "
                f"got {provider!r}"
            )
        return self._create(body)

    def _create(self, body: CreateAiCopilotOptions) -> Call[AiCopilot]:
        return _copilot_call("POST", "/v2/ai/copilots", self._ids, body)


class CopilotResource(Resource[M]):
    """One copilot, bound by id. Makes no request until a method is called."""

    path_template = "/v2/ai/copilots/{copilot_id}"

    @property
    def copilot_id(self) -> str:
        """The copilot's id."""
        return self._ids["copilot_id"]

    @cached_property
    def knowledge(self) -> KnowledgeSources[M]:
        """The copilot's knowledge sources: files and web pages it can draw on."""
        return KnowledgeSources(self._requester, self._ids)

    @endpoint
    def get(self) -> Call[AiCopilot]:
        """The copilot, as the model of its provider."""
        return _copilot_call("GET", "/v2/ai/copilots/{copilot_id}", self._ids)

    @endpoint
    def update(
        self,
        *,
        name: str | Unset = UNSET,
        description: str | Unset | None = UNSET,
        system_prompt: str | Unset = UNSET,
        knowledge_prompt: str | Unset | None = UNSET,
        always_use_knowledge: bool | Unset = UNSET,
        settings: AiCopilotProviderSettings | Mapping[str, Any] | Unset | None = UNSET,
        provider_api_key: str | Unset = UNSET,
        provider: Provider | UpdateAiCopilotRequestBodyProvider | Unset = UNSET,
        provider_model: str | Unset = UNSET,
        provider_options: AiProviderOptions | Mapping[str, Any] | Unset | None = UNSET,
        compatible_provider_name: str | Unset = UNSET,
        provider_base_url: str | Unset = UNSET,
    ) -> Call[AiCopilot]:
        """Change what is given; ``None`` clears ``description``, ``knowledge_prompt``,
        ``settings`` or ``provider_options``. The API answers 422 when the change does not
        fit the provider (e.g. a Gemini model on an OpenAI copilot)."""
        return self._update(
            UpdateAiCopilotRequestBody(
                name=name,
                description=description,
                system_prompt=system_prompt,
                knowledge_prompt=knowledge_prompt,
                always_use_knowledge=always_use_knowledge,
                settings=None if settings is None else _settings(settings),
                provider_api_key=provider_api_key,
                provider=UNSET
                if isinstance(provider, Unset)
                else UpdateAiCopilotRequestBodyProvider(provider),
                provider_model=provider_model,
                provider_options=provider_options_from(provider_options),
                compatible_provider_name=compatible_provider_name,
                provider_base_url=provider_base_url,
            )
        )

    def _update(self, body: UpdateAiCopilotRequestBody) -> Call[AiCopilot]:
        return _copilot_call("POST", "/v2/ai/copilots/{copilot_id}", self._ids, body)

    @endpoint
    def delete(self) -> Call[None]:
        """Delete the copilot; it cannot be restored."""
        return json_call("DELETE", "/v2/ai/copilots/{copilot_id}", self._ids, None)


class KnowledgeSources(Resource[M]):
    """``copilot.knowledge``: list every source, ``knowledge[knowledge_source_id]`` binds one;
    ``.web`` and ``.files`` add and remove sources of each kind."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge"

    @property
    def copilot_id(self) -> str:
        """The copilot's id."""
        return self._ids["copilot_id"]

    def __getitem__(self, knowledge_source_id: str) -> KnowledgeSourceResource[M]:
        return KnowledgeSourceResource(
            self._requester, self._bind("knowledge_source_id", knowledge_source_id)
        )

    @cached_property
    def web(self) -> WebKnowledgeSources[M]:
        """Web sources: ``web.create(url=..., type=...)``, ``web[knowledge_source_id]``."""
        return WebKnowledgeSources(self._requester, self._ids)

    @cached_property
    def files(self) -> FileKnowledgeSources[M]:
        """File sources: ``files.upload(name, data)``, ``files[knowledge_source_id]``."""
        return FileKnowledgeSources(self._requester, self._ids)

    @paginated
    def list(
        self, *, limit: int = 20, starting_after: str | None = None
    ) -> PageSpec[GetKnowledgeSourcesResponse, KnowledgeSource]:
        """Every knowledge source of the copilot (files and web sources), fetched
        ``limit`` (1-100) at a time."""
        limit_param(limit, PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetKnowledgeSourcesResponse]:
            return self._page(limit, cursor)

        return PageSpec(fetch, _source_items, _next_cursor, starting_after)

    def _page(
        self, limit: int | Unset, starting_after: str | Unset | None
    ) -> Call[GetKnowledgeSourcesResponse]:
        params = query_items({"limit": limit, "startingAfter": starting_after})
        return json_call(
            "GET",
            "/v2/ai/copilots/{copilot_id}/knowledge",
            self._ids,
            GetKnowledgeSourcesResponse,
            query=params,
        )


class KnowledgeSourceResource(Resource[M]):
    """One knowledge source, file or web, bound by id."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/{knowledge_source_id}"

    @endpoint
    def get(self) -> Call[KnowledgeSource]:
        """The source: a :class:`KnowledgeSourceFileSource` or :class:`KnowledgeSourceWebSource`."""
        return api_call(
            "GET",
            "/v2/ai/copilots/{copilot_id}/knowledge/{knowledge_source_id}",
            self._ids,
            KNOWLEDGE_SOURCE.decode_response,
        )


class WebKnowledgeSources(Resource[M]):
    """``knowledge.web``: index web pages; ``web[knowledge_source_id]`` binds one source."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/web"

    @property
    def copilot_id(self) -> str:
        """The copilot's id."""
        return self._ids["copilot_id"]

    def __getitem__(self, knowledge_source_id: str) -> WebKnowledgeSourceResource[M]:
        return WebKnowledgeSourceResource(
            self._requester, self._bind("knowledge_source_id", knowledge_source_id)
        )

    @endpoint
    def create(
        self, *, url: str, type: CreateWebKnowledgeSourceRequestBodyType | str
    ) -> Call[CreateWebKnowledgeSourceResponse]:
        """Index ``url`` for the copilot: one page (``individual_link``), a ``sitemap``, or
        a ``crawl`` from it. Returns the new source's id; indexing goes on in the background."""
        return self._create(
            CreateWebKnowledgeSourceRequestBody(
                copilot_id=self.copilot_id,
                url=url,
                type_=CreateWebKnowledgeSourceRequestBodyType(type),
            )
        )

    def _create(
        self, body: CreateWebKnowledgeSourceRequestBody
    ) -> Call[CreateWebKnowledgeSourceResponse]:
        return json_call(
            "POST",
            "/v2/ai/copilots/{copilot_id}/knowledge/web",
            self._ids,
            CreateWebKnowledgeSourceResponse,
            body,
        )


class WebKnowledgeSourceResource(Resource[M]):
    """One web source, bound by id."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/web/{knowledge_source_id}"

    @cached_property
    def links(self) -> WebKnowledgeSourceLinks[M]:
        """The pages indexed from this source."""
        return WebKnowledgeSourceLinks(self._requester, self._ids)

    @endpoint
    def delete(self) -> Call[None]:
        """Remove the source; the copilot no longer draws on its pages."""
        return json_call(
            "DELETE",
            "/v2/ai/copilots/{copilot_id}/knowledge/web/{knowledge_source_id}",
            self._ids,
            None,
        )


class WebKnowledgeSourceLinks(Resource[M]):
    """``web[knowledge_source_id].links``: the pages indexed from a web source."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/web/{knowledge_source_id}/links"

    @paginated
    def list(
        self, *, limit: int = 20, starting_after: str | None = None
    ) -> PageSpec[GetWebKnowledgeSourceLinksResponse, WebKnowledgeSourceLink]:
        """Every indexed link, fetched ``limit`` (1-100) at a time."""
        limit_param(limit, PAGE_MAX)

        def fetch(cursor: str | None) -> Call[GetWebKnowledgeSourceLinksResponse]:
            return self._page(limit, cursor)

        return PageSpec(fetch, _link_items, _next_cursor, starting_after)

    def _page(
        self, limit: int | Unset, starting_after: str | Unset | None
    ) -> Call[GetWebKnowledgeSourceLinksResponse]:
        params = query_items({"limit": limit, "startingAfter": starting_after})
        return json_call(
            "GET",
            "/v2/ai/copilots/{copilot_id}/knowledge/web/{knowledge_source_id}/links",
            self._ids,
            GetWebKnowledgeSourceLinksResponse,
            query=params,
        )


class FileKnowledgeSources(Resource[M]):
    """``knowledge.files``: upload files; ``files[knowledge_source_id]`` binds one source."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/file"

    def __getitem__(self, knowledge_source_id: str) -> FileKnowledgeSourceResource[M]:
        return FileKnowledgeSourceResource(
            self._requester, self._bind("knowledge_source_id", knowledge_source_id)
        )

    @endpoint
    def upload(self, name: str, data: BinaryContent) -> Call[CreateFileKnowledgeSourceResponse]:
        """Upload a file (bytes, or a binary file object, streamed as it is read) named
        ``name`` (e.g. ``"handbook.pdf"``) as a knowledge source. Returns its id."""
        return binary_put(
            "/v2/ai/copilots/{copilot_id}/knowledge/file/{name}",
            {**self._ids, "name": check_segment(name, "name")},
            CreateFileKnowledgeSourceResponse,
            data,
        )


class FileKnowledgeSourceResource(Resource[M]):
    """One file source, bound by id."""

    path_template = "/v2/ai/copilots/{copilot_id}/knowledge/file/{knowledge_source_id}"

    @endpoint
    def markdown(self) -> Call[GetFileKnowledgeSourceMarkdownResponse]:
        """The file's content as the copilot reads it, in Markdown."""
        return json_call(
            "GET",
            "/v2/ai/copilots/{copilot_id}/knowledge/file/{knowledge_source_id}",
            self._ids,
            GetFileKnowledgeSourceMarkdownResponse,
        )

    @endpoint
    def delete(self) -> Call[None]:
        """Remove the file; the copilot no longer draws on it."""
        return api_call(
            "DELETE",
            "/v2/ai/copilots/{copilot_id}/knowledge/file/{knowledge_source_id}",
            self._ids,
            decode_none,
        )


def _copilot_call(
    method: str, template: str, ids: Mapping[str, str], body: Any = None
) -> Call[AiCopilot]:
    """A request answered by one copilot, decoded to the model of its provider."""
    return api_call(
        method,
        template,
        ids,
        AI_COPILOT.decode_response,
        body=None if body is None else encode_json(body),
        content_type=None if body is None else JSON,
    )


def _settings(
    settings: AiCopilotProviderSettings | Mapping[str, Any] | Unset,
) -> AiCopilotProviderSettings | Unset:
    if isinstance(settings, Unset):
        return settings
    return coerce(AiCopilotProviderSettings, settings, "settings")


def _options(value: AiProviderOptions | Mapping[str, Any] | Unset, model: type[_O]) -> _O | Unset:
    """Provider options for a new copilot: the provider's model, or its JSON object."""
    if isinstance(value, (Unset, model)):
        return value
    if isinstance(value, Mapping):
        return model.from_dict(value)
    raise TypeError(f"provider_options must be a {model.__name__} or a dict, got {value!r}")


def _copilot_items(page: GetAiCopilotsResponse) -> list[AiCopilot]:
    return page.data


def _source_items(page: GetKnowledgeSourcesResponse) -> list[KnowledgeSource]:
    return page.data


def _link_items(page: GetWebKnowledgeSourceLinksResponse) -> list[WebKnowledgeSourceLink]:
    return page.data


def _next_cursor(
    page: GetAiCopilotsResponse | GetKnowledgeSourcesResponse | GetWebKnowledgeSourceLinksResponse,
) -> str | None:
    return page.next_cursor
