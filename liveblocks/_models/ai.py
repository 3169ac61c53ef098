"""Models of the AI operations: copilots and their knowledge sources.

Copilots are a union over their provider (``anthropic``, ``google``, ``openai``,
``openai-compatible``) and knowledge sources over their ``type`` (a file or a web source).
Both decode to the variant their tag names (see ``models/_unions.py``); a tag this SDK does
not know yet decodes to the union's fallback model (:class:`AiCopilotBase`,
:class:`KnowledgeSourceBase`), so one new provider never makes a whole page undecodable.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, Union

import msgspec

from ..types import UNSET, Unset
from ._base import Model, StrEnum, WithAdditionalProperties
from ._unions import TaggedUnion, from_dict_via_json

__all__ = [
    "AiCopilot",
    "AiCopilotAnthropic",
    "AiCopilotBase",
    "AiCopilotGoogle",
    "AiCopilotOpenAi",
    "AiCopilotOpenAiCompatible",
    "AiCopilotProviderSettings",
    "AiProviderOptions",
    "AnthropicModel",
    "AnthropicProviderOptions",
    "AnthropicProviderOptionsAnthropic",
    "AnthropicProviderOptionsAnthropicAnthropicThinkingDisabled",
    "AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled",
    "AnthropicProviderOptionsAnthropicAnthropicWebSearch",
    "AnthropicThinking",
    "AnthropicThinkingBase",
    "CreateAiCopilotOptions",
    "CreateAiCopilotOptionsAnthropic",
    "CreateAiCopilotOptionsBase",
    "CreateAiCopilotOptionsGoogle",
    "CreateAiCopilotOptionsOpenAi",
    "CreateAiCopilotOptionsOpenAiCompatible",
    "CreateFileKnowledgeSourceResponse",
    "CreateWebKnowledgeSourceRequestBody",
    "CreateWebKnowledgeSourceRequestBodyType",
    "CreateWebKnowledgeSourceResponse",
    "GetAiCopilotsResponse",
    "GetFileKnowledgeSourceMarkdownResponse",
    "GetKnowledgeSourcesResponse",
    "GetWebKnowledgeSourceLinksResponse",
    "GoogleModel",
    "GoogleProviderOptions",
    "GoogleProviderOptionsGoogle",
    "GoogleProviderOptionsGoogleThinkingConfig",
    "KnowledgeSource",
    "KnowledgeSourceBase",
    "KnowledgeSourceBaseStatus",
    "KnowledgeSourceFileSource",
    "KnowledgeSourceFileSourceFile",
    "KnowledgeSourceWebSource",
    "KnowledgeSourceWebSourceLink",
    "KnowledgeSourceWebSourceLinkType",
    "OpenAiModel",
    "OpenAiProviderOptions",
    "OpenAiProviderOptionsOpenai",
    "OpenAiProviderOptionsOpenaiReasoningEffort",
    "OpenAiProviderOptionsOpenaiWebSearch",
    "UpdateAiCopilotRequestBody",
    "UpdateAiCopilotRequestBodyProvider",
    "WebKnowledgeSourceLink",
    "WebKnowledgeSourceLinkStatus",
]


# Enums ----------------------------------------------------------------------------------------


class AnthropicModel(StrEnum):
    """A model of the ``anthropic`` provider."""

    CLAUDE_3_5_HAIKU_LATEST = "claude-3-5-haiku-latest"
    CLAUDE_3_5_SONNET_LATEST = "claude-3-5-sonnet-latest"
    CLAUDE_3_7_SONNET_20250219 = "claude-3-7-sonnet-20250219"
    CLAUDE_3_OPUS_LATEST = "claude-3-opus-latest"
    CLAUDE_4_OPUS_20250514 = "claude-4-opus-20250514"
    CLAUDE_4_SONNET_20250514 = "claude-4-sonnet-20250514"
    CLAUDE_HAIKU_4_5_20251001 = "claude-haiku-4-5-20251001"
    CLAUDE_OPUS_4_1_20250805 = "claude-opus-4-1-20250805"
    CLAUDE_OPUS_4_5_20251101 = "claude-opus-4-5-20251101"
    CLAUDE_OPUS_4_6 = "claude-opus-4-6"
    CLAUDE_OPUS_4_7 = "claude-opus-4-7"
    CLAUDE_SONNET_4_5_20250929 = "claude-sonnet-4-5-20250929"
    CLAUDE_SONNET_4_6 = "claude-sonnet-4-6"


class GoogleModel(StrEnum):
    """A model of the ``google`` provider."""

    GEMINI_1_5_FLASH = "gemini-1.5-flash"
    GEMINI_1_5_PRO = "gemini-1.5-pro"
    GEMINI_2_0_FLASH_001 = "gemini-2.0-flash-001"
    GEMINI_2_5_FLASH = "gemini-2.5-flash"
    GEMINI_2_5_PRO = "gemini-2.5-pro"
    GEMINI_3_FLASH_PREVIEW = "gemini-3-flash-preview"
    GEMINI_3_1_PRO_PREVIEW = "gemini-3.1-pro-preview"


class OpenAiModel(StrEnum):
    """A model of the ``openai`` provider."""

    GPT_4 = "gpt-4"
    GPT_4_TURBO = "gpt-4-turbo"
    GPT_4_1 = "gpt-4.1"
    GPT_4_1_MINI = "gpt-4.1-mini"
    GPT_4_1_NANO = "gpt-4.1-nano"
    GPT_4O = "gpt-4o"
    GPT_4O_MINI = "gpt-4o-mini"
    GPT_5 = "gpt-5"
    GPT_5_CHAT_LATEST = "gpt-5-chat-latest"
    GPT_5_MINI = "gpt-5-mini"
    GPT_5_NANO = "gpt-5-nano"
    GPT_5_PRO = "gpt-5-pro"
    GPT_5_1 = "gpt-5.1"
    GPT_5_1_CHAT_LATEST = "gpt-5.1-chat-latest"
    GPT_5_1_MINI = "gpt-5.1-mini"
    GPT_5_2 = "gpt-5.2"
    GPT_5_2_PRO = "gpt-5.2-pro"
    GPT_5_4 = "gpt-5.4"
    GPT_5_4_MINI = "gpt-5.4-mini"
    GPT_5_4_NANO = "gpt-5.4-nano"
    GPT_5_4_PRO = "gpt-5.4-pro"
    GPT_5_5 = "gpt-5.5"
    O1 = "o1"
    O1_MINI = "o1-mini"
    O3 = "o3"
    O3_MINI = "o3-mini"
    O4_MINI = "o4-mini"


class OpenAiProviderOptionsOpenaiReasoningEffort(StrEnum):
    HIGH = "high"
    LOW = "low"
    MEDIUM = "medium"


class UpdateAiCopilotRequestBodyProvider(StrEnum):
    """The provider of a copilot."""

    ANTHROPIC = "anthropic"
    GOOGLE = "google"
    OPENAI = "openai"
    OPENAI_COMPATIBLE = "openai-compatible"


class KnowledgeSourceBaseStatus(StrEnum):
    """Where a knowledge source is in its indexing."""

    ERROR = "error"
    INGESTING = "ingesting"
    READY = "ready"


class KnowledgeSourceWebSourceLinkType(StrEnum):
    """How a web source is read: one page, a sitemap, or a crawl from a URL."""

    CRAWL = "crawl"
    INDIVIDUAL_LINK = "individual_link"
    SITEMAP = "sitemap"


class CreateWebKnowledgeSourceRequestBodyType(StrEnum):
    """How a new web source is read: one page, a sitemap, or a crawl from a URL."""

    CRAWL = "crawl"
    INDIVIDUAL_LINK = "individual_link"
    SITEMAP = "sitemap"


class WebKnowledgeSourceLinkStatus(StrEnum):
    """Where one indexed link is in its indexing."""

    ERROR = "error"
    INGESTING = "ingesting"
    READY = "ready"


# Provider settings and options ----------------------------------------------------------------


class AiCopilotProviderSettings(Model):
    """Generation settings passed to the provider."""

    max_tokens: int | Unset = UNSET
    temperature: float | Unset = UNSET
    top_p: float | Unset = UNSET
    top_k: float | Unset = UNSET
    frequency_penalty: float | Unset = UNSET
    presence_penalty: float | Unset = UNSET
    stop_sequences: list[str] | Unset = UNSET
    seed: int | Unset = UNSET
    max_retries: int | Unset = UNSET


# The variants of a union do not subclass its fallback model: type checkers would then
# reduce the union to the fallback alone.


class AnthropicThinkingBase(Model):
    """An Anthropic extended thinking setting this SDK does not know yet (``type_`` says
    which)."""

    type_: str


# The tag fields of request models have their one value as default, and these models send
# defaults (``omit_defaults=False``) so the tag always travels; UNSET fields stay out.
class AnthropicProviderOptionsAnthropicAnthropicThinkingDisabled(
    Model, omit_defaults=False, consts={"type": "disabled"}
):
    """Extended thinking off."""

    type_: Literal["disabled"] = "disabled"


class AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled(
    Model, kw_only=True, omit_defaults=False, consts={"type": "enabled"}
):
    """Extended thinking on, with a budget of tokens."""

    type_: Literal["enabled"] = "enabled"
    budget_tokens: int


#: Anthropic's thinking setting: on, off, or one this SDK does not know yet.
AnthropicThinking = Union[
    AnthropicProviderOptionsAnthropicAnthropicThinkingDisabled,
    AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled,
    AnthropicThinkingBase,
]

ANTHROPIC_THINKING: TaggedUnion[AnthropicThinking] = TaggedUnion(
    "type",
    {
        "disabled": AnthropicProviderOptionsAnthropicAnthropicThinkingDisabled,
        "enabled": AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled,
    },
    AnthropicThinkingBase,
)

if TYPE_CHECKING:
    _AnthropicThinkingField = AnthropicThinking
else:
    # Decoded as raw JSON first, then by type in __post_init__ (see models/_unions.py).
    _AnthropicThinkingField = msgspec.Raw


class AnthropicProviderOptionsAnthropicAnthropicWebSearch(WithAdditionalProperties, Model):
    allowed_domains: list[str] | Unset = UNSET


class AnthropicProviderOptionsAnthropic(Model):
    thinking: _AnthropicThinkingField | Unset = UNSET
    web_search: AnthropicProviderOptionsAnthropicAnthropicWebSearch | Unset = UNSET

    def __post_init__(self) -> None:
        if not isinstance(self.thinking, Unset):
            self.thinking = ANTHROPIC_THINKING.resolve(self.thinking)

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> AnthropicProviderOptionsAnthropic:
        return from_dict_via_json(cls, src_dict)


class AnthropicProviderOptions(Model):
    """Options of the ``anthropic`` provider: ``{"anthropic": {...}}``."""

    anthropic: AnthropicProviderOptionsAnthropic

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> AnthropicProviderOptions:
        return from_dict_via_json(cls, src_dict)


class GoogleProviderOptionsGoogleThinkingConfig(WithAdditionalProperties, Model):
    thinking_budget: int | Unset = UNSET


class GoogleProviderOptionsGoogle(WithAdditionalProperties, Model):
    thinking_config: GoogleProviderOptionsGoogleThinkingConfig | Unset = UNSET


class GoogleProviderOptions(Model):
    """Options of the ``google`` provider: ``{"google": {...}}``."""

    google: GoogleProviderOptionsGoogle


class OpenAiProviderOptionsOpenaiWebSearch(Model):
    allowed_domains: list[str] | Unset = UNSET


class OpenAiProviderOptionsOpenai(Model):
    reasoning_effort: OpenAiProviderOptionsOpenaiReasoningEffort | Unset = UNSET
    web_search: OpenAiProviderOptionsOpenaiWebSearch | Unset = UNSET


class OpenAiProviderOptions(Model):
    """Options of the ``openai`` provider: ``{"openai": {...}}``."""

    openai: OpenAiProviderOptionsOpenai


#: Provider options of any provider (they differ by their one key).
AiProviderOptions = Union[AnthropicProviderOptions, GoogleProviderOptions, OpenAiProviderOptions]

_OPTIONS_BY_KEY: dict[str, type[AiProviderOptions]] = {
    "anthropic": AnthropicProviderOptions,
    "google": GoogleProviderOptions,
    "openai": OpenAiProviderOptions,
}


def provider_options_from(value: object) -> Any:
    """Provider options from raw JSON or a mapping, by their key; models kept as they are.
    Options of a provider this SDK does not know stay a plain ``dict`` (sent as given)."""
    if value is None or isinstance(value, (Unset, Model)):
        return value
    if isinstance(value, msgspec.Raw):
        value = msgspec.json.decode(value)
        if value is None:
            return None
    if isinstance(value, Mapping):
        for key, model in _OPTIONS_BY_KEY.items():
            if key in value:
                return model.from_dict(value)
        return dict(value)
    raise TypeError(f"provider_options must be provider options or a dict, got {value!r}")


# Copilots -------------------------------------------------------------------------------------


class _AiCopilotFields(Model):
    """The fields every copilot has, whatever its provider."""

    type_: str
    id: str
    name: str
    system_prompt: str
    always_use_knowledge: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    description: str | Unset = UNSET
    knowledge_prompt: str | Unset = UNSET
    last_used_at: datetime.datetime | Unset = UNSET
    settings: AiCopilotProviderSettings | Unset = UNSET


class AiCopilotBase(_AiCopilotFields, consts={"type": "copilot"}):
    """A copilot of a provider this SDK does not know yet, with ``provider`` and
    ``provider_model`` as strings.

    Copilots are :class:`AiCopilotAnthropic`, :class:`AiCopilotGoogle`,
    :class:`AiCopilotOpenAi` and :class:`AiCopilotOpenAiCompatible`, told apart by
    ``provider``; any other provider decodes to this model, so that one new provider never
    makes a page undecodable.
    """

    provider: str | Unset = UNSET
    provider_model: str | Unset = UNSET


# kw_only=True is repeated for type checkers: these add required fields after optional ones.
class AiCopilotAnthropic(
    _AiCopilotFields, kw_only=True, consts={"provider": "anthropic", "type": "copilot"}
):
    """A copilot that runs on Anthropic's models."""

    provider: Literal["anthropic"]
    provider_model: AnthropicModel
    provider_options: AnthropicProviderOptions | Unset = UNSET

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> AiCopilotAnthropic:
        return from_dict_via_json(cls, src_dict)


class AiCopilotGoogle(
    _AiCopilotFields, kw_only=True, consts={"provider": "google", "type": "copilot"}
):
    """A copilot that runs on Google's models."""

    provider: Literal["google"]
    provider_model: GoogleModel
    provider_options: GoogleProviderOptions | Unset = UNSET


class AiCopilotOpenAi(
    _AiCopilotFields, kw_only=True, consts={"provider": "openai", "type": "copilot"}
):
    """A copilot that runs on OpenAI's models."""

    provider: Literal["openai"]
    provider_model: OpenAiModel


class AiCopilotOpenAiCompatible(
    _AiCopilotFields, kw_only=True, consts={"provider": "openai-compatible", "type": "copilot"}
):
    """A copilot that runs on any provider with an OpenAI-compatible API."""

    provider: Literal["openai-compatible"]
    provider_model: str
    compatible_provider_name: str
    provider_base_url: str


#: Any copilot: one of the four providers, or (as the base model) one this SDK does not know.
AiCopilot = Union[
    AiCopilotAnthropic, AiCopilotGoogle, AiCopilotOpenAi, AiCopilotOpenAiCompatible, AiCopilotBase
]

#: Decodes a copilot to its model by ``provider``.
AI_COPILOT: TaggedUnion[AiCopilot] = TaggedUnion(
    "provider",
    {
        "anthropic": AiCopilotAnthropic,
        "google": AiCopilotGoogle,
        "openai": AiCopilotOpenAi,
        "openai-compatible": AiCopilotOpenAiCompatible,
    },
    AiCopilotBase,
)

if TYPE_CHECKING:
    _AiCopilotItem = AiCopilot
else:
    # Decoded as raw JSON first, then by provider in __post_init__ (see models/_unions.py).
    _AiCopilotItem = msgspec.Raw


class GetAiCopilotsResponse(Model):
    """One page of copilots; ``next_cursor`` is ``None`` on the last page."""

    next_cursor: str | None
    data: list[_AiCopilotItem]

    def __post_init__(self) -> None:
        self.data = AI_COPILOT.resolve_all(self.data)

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> GetAiCopilotsResponse:
        return from_dict_via_json(cls, src_dict)


class CreateAiCopilotOptionsBase(Model):
    """The fields every new copilot takes, whatever its provider."""

    name: str
    system_prompt: str
    provider_api_key: str
    description: str | Unset = UNSET
    knowledge_prompt: str | Unset = UNSET
    always_use_knowledge: bool | Unset = UNSET
    settings: AiCopilotProviderSettings | Unset = UNSET


class CreateAiCopilotOptionsAnthropic(
    WithAdditionalProperties,
    CreateAiCopilotOptionsBase,
    kw_only=True,
    omit_defaults=False,
    consts={"provider": "anthropic"},
):
    """A new copilot on Anthropic's models (``provider`` may be left out)."""

    provider: Literal["anthropic"] = "anthropic"
    provider_model: AnthropicModel
    provider_options: AnthropicProviderOptions | Unset = UNSET

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> CreateAiCopilotOptionsAnthropic:
        return from_dict_via_json(cls, src_dict)


class CreateAiCopilotOptionsGoogle(
    WithAdditionalProperties,
    CreateAiCopilotOptionsBase,
    kw_only=True,
    omit_defaults=False,
    consts={"provider": "google"},
):
    """A new copilot on Google's models (``provider`` may be left out)."""

    provider: Literal["google"] = "google"
    provider_model: GoogleModel
    provider_options: GoogleProviderOptions | Unset = UNSET


class CreateAiCopilotOptionsOpenAi(
    CreateAiCopilotOptionsBase, kw_only=True, omit_defaults=False, consts={"provider": "openai"}
):
    """A new copilot on OpenAI's models (``provider`` may be left out)."""

    provider: Literal["openai"] = "openai"
    provider_model: OpenAiModel
    provider_options: OpenAiProviderOptions | Unset = UNSET


class CreateAiCopilotOptionsOpenAiCompatible(
    WithAdditionalProperties,
    CreateAiCopilotOptionsBase,
    kw_only=True,
    omit_defaults=False,
    consts={"provider": "openai-compatible"},
):
    """A new copilot on an OpenAI-compatible API (``provider`` may be left out)."""

    provider: Literal["openai-compatible"] = "openai-compatible"
    provider_model: str
    compatible_provider_name: str
    provider_base_url: str


#: The body of a new copilot, one model per provider.
CreateAiCopilotOptions = Union[
    CreateAiCopilotOptionsAnthropic,
    CreateAiCopilotOptionsGoogle,
    CreateAiCopilotOptionsOpenAi,
    CreateAiCopilotOptionsOpenAiCompatible,
]

if TYPE_CHECKING:
    _ProviderOptionsField = Union[AiProviderOptions, None]
else:
    # Decoded as raw JSON first (null included), then by its key in __post_init__.
    _ProviderOptionsField = msgspec.Raw


class UpdateAiCopilotRequestBody(Model):
    """Only the fields given change; ``None`` clears ``description``, ``knowledge_prompt``,
    ``settings`` or ``provider_options``."""

    name: str | Unset = UNSET
    description: str | Unset | None = UNSET
    system_prompt: str | Unset = UNSET
    knowledge_prompt: str | Unset | None = UNSET
    always_use_knowledge: bool | Unset = UNSET
    settings: AiCopilotProviderSettings | Unset | None = UNSET
    provider_api_key: str | Unset = UNSET
    provider: UpdateAiCopilotRequestBodyProvider | Unset = UNSET
    provider_model: str | Unset = UNSET
    provider_options: _ProviderOptionsField | Unset = UNSET
    compatible_provider_name: str | Unset = UNSET
    provider_base_url: str | Unset = UNSET

    def __post_init__(self) -> None:
        self.provider_options = provider_options_from(self.provider_options)

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> UpdateAiCopilotRequestBody:
        return from_dict_via_json(cls, src_dict)


# Knowledge sources ----------------------------------------------------------------------------


class _KnowledgeSourceFields(Model):
    """The fields every knowledge source has, whatever its type."""

    id: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_indexed_at: datetime.datetime
    status: KnowledgeSourceBaseStatus
    error_message: str | Unset = UNSET


class KnowledgeSourceBase(_KnowledgeSourceFields):
    """A knowledge source of a type this SDK does not know yet (``type_`` says which).

    Sources are :class:`KnowledgeSourceFileSource` and :class:`KnowledgeSourceWebSource`,
    told apart by ``type_``; any other type decodes to this model.
    """

    type_: str | Unset = UNSET


class KnowledgeSourceFileSourceFile(WithAdditionalProperties, Model):
    name: str
    mime_type: str


class KnowledgeSourceFileSource(
    WithAdditionalProperties,
    _KnowledgeSourceFields,
    kw_only=True,
    consts={"type": "ai-knowledge-file-source"},
):
    """An uploaded file the copilot knows."""

    type_: Literal["ai-knowledge-file-source"]
    file: KnowledgeSourceFileSourceFile


class KnowledgeSourceWebSourceLink(WithAdditionalProperties, Model):
    url: str
    type_: KnowledgeSourceWebSourceLinkType


class KnowledgeSourceWebSource(
    _KnowledgeSourceFields, kw_only=True, consts={"type": "ai-knowledge-web-source"}
):
    """Web pages the copilot knows: one link, a sitemap or a crawl."""

    type_: Literal["ai-knowledge-web-source"]
    link: KnowledgeSourceWebSourceLink


#: Any knowledge source: a file, a web source, or (as the base model) one of a new type.
KnowledgeSource = Union[KnowledgeSourceFileSource, KnowledgeSourceWebSource, KnowledgeSourceBase]

#: Decodes a knowledge source to its model by ``type``.
KNOWLEDGE_SOURCE: TaggedUnion[KnowledgeSource] = TaggedUnion(
    "type",
    {
        "ai-knowledge-file-source": KnowledgeSourceFileSource,
        "ai-knowledge-web-source": KnowledgeSourceWebSource,
    },
    KnowledgeSourceBase,
)

if TYPE_CHECKING:
    _KnowledgeSourceItem = KnowledgeSource
else:
    # Decoded as raw JSON first, then by type in __post_init__ (see models/_unions.py).
    _KnowledgeSourceItem = msgspec.Raw


class GetKnowledgeSourcesResponse(Model):
    """One page of a copilot's knowledge sources; ``next_cursor`` is ``None`` on the last."""

    next_cursor: str | None
    data: list[_KnowledgeSourceItem]

    def __post_init__(self) -> None:
        self.data = KNOWLEDGE_SOURCE.resolve_all(self.data)

    @classmethod
    def _convert(cls, src_dict: Mapping[str, Any]) -> GetKnowledgeSourcesResponse:
        return from_dict_via_json(cls, src_dict)


class CreateWebKnowledgeSourceRequestBody(WithAdditionalProperties, Model):
    """A web source to index for a copilot."""

    copilot_id: str
    url: str
    type_: CreateWebKnowledgeSourceRequestBodyType


class CreateWebKnowledgeSourceResponse(Model):
    id: str


class CreateFileKnowledgeSourceResponse(WithAdditionalProperties, Model):
    id: str | Unset = UNSET


class GetFileKnowledgeSourceMarkdownResponse(Model):
    """A file source's content, as the copilot reads it (Markdown)."""

    id: str
    content: str


class WebKnowledgeSourceLink(Model):
    """One page indexed from a web source."""

    id: str
    url: str
    status: WebKnowledgeSourceLinkStatus
    created_at: datetime.datetime
    last_indexed_at: datetime.datetime


class GetWebKnowledgeSourceLinksResponse(Model):
    """One page of a web source's indexed links; ``next_cursor`` is ``None`` on the last."""

    next_cursor: str | None
    data: list[WebKnowledgeSourceLink]
