"""Ai operations: copilots and their knowledge sources."""

from __future__ import annotations

import datetime
import io
from typing import Any

from liveblocks import models
from liveblocks._pagination import Page
from liveblocks.types import UNSET, File

from ._case import OpCase, api_json, example

COPILOTS = "/v2/ai/copilots"
COPILOT = COPILOTS + "/cp_abc123"
KNOWLEDGE = COPILOT + "/knowledge"
JUNE_1 = datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.timezone.utc)

ANTHROPIC = {
    **example("AiCopilotAnthropic"),
    "description": "Answers questions about the docs",
    "lastUsedAt": "2024-06-02T08:00:00.000Z",
    "settings": {"maxTokens": 4096, "temperature": 0.7, "stopSequences": ["END"]},
    "providerOptions": {
        "anthropic": {
            "thinking": {"type": "enabled", "budgetTokens": 10000},
            "webSearch": {"allowedDomains": ["liveblocks.io"]},
        }
    },
}
GOOGLE = {
    **example("AiCopilotGoogle"),
    "providerOptions": {"google": {"thinkingConfig": {"thinkingBudget": 2048}}},
}
OPENAI = example("AiCopilotOpenAi")
COMPATIBLE = example("AiCopilotOpenAiCompatible")
#: A provider the SDK does not know: it decodes to AiCopilotBase instead of failing.
MISTRAL = {
    **example("AiCopilotBase"),
    "id": "cp_mistral",
    "provider": "mistral",
    "providerModel": "mistral-large-latest",
    "providerOptions": {"mistral": {"safePrompt": True}},
}
#: Known provider, with a model the SDK does not know, a thinking mode it does not know,
#: and fields it does not know.
NEWER_ANTHROPIC = {
    **ANTHROPIC,
    "id": "cp_newer",
    "providerModel": "claude-opus-5",
    "providerOptions": {"anthropic": {"thinking": {"type": "adaptive", "effort": "high"}}},
    "futureField": {"nested": [1, 2]},
}
COPILOTS_PAGE = {
    "nextCursor": "cursor-2",
    "data": [ANTHROPIC, GOOGLE, {**OPENAI, "extra": 1}, COMPATIBLE, MISTRAL, NEWER_ANTHROPIC],
    "unknownTopLevel": True,
}

FILE_SOURCE = example("KnowledgeSourceFileSource")
WEB_SOURCE = example("KnowledgeSourceWebSource")
#: A knowledge source type the SDK does not know, and an unknown status and link type.
VIDEO_SOURCE = {
    "id": "ks_video1",
    "type": "ai-knowledge-video-source",
    "createdAt": "2024-06-01T12:00:00.000Z",
    "updatedAt": "2024-06-01T12:00:00.000Z",
    "lastIndexedAt": "2024-06-01T12:00:00.000Z",
    "status": "transcribing",
    "video": {"url": "https://example.com/talk.mp4"},
}
SOURCES_PAGE = {
    "nextCursor": None,
    "data": [
        FILE_SOURCE,
        {
            **WEB_SOURCE,
            "status": "error",
            "errorMessage": "404",
            "link": {"url": "https://docs.example.com", "type": "rss", "depth": 3},
        },
        VIDEO_SOURCE,
    ],
}

#: Not valid UTF-8, every byte value: what is uploaded must arrive unchanged.
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 8


def check_none(value: Any) -> None:
    assert value is None


def _parts(value: Any, response_type: type) -> tuple[list[Any], str | None]:
    """The items and next cursor of a flat page model or of a resource-model Page."""
    if isinstance(value, Page):
        return list(value.items), value.next_cursor
    assert isinstance(value, response_type)
    return list(value.data), value.next_cursor


def check_anthropic(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotAnthropic
    assert copilot.provider == "anthropic"
    assert copilot.type_ == "copilot"
    assert copilot.id == "cp_abc456"
    assert copilot.provider_model is models.AnthropicModel.CLAUDE_3_5_SONNET_LATEST
    assert copilot.created_at == JUNE_1
    assert copilot.last_used_at == datetime.datetime(2024, 6, 2, 8, tzinfo=datetime.timezone.utc)
    assert copilot.settings == models.AiCopilotProviderSettings(
        max_tokens=4096, temperature=0.7, stop_sequences=["END"]
    )
    assert isinstance(copilot.provider_options, models.AnthropicProviderOptions)
    thinking = copilot.provider_options.anthropic.thinking
    assert isinstance(thinking, models.AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled)
    assert thinking.budget_tokens == 10000
    assert thinking.type_ == "enabled"
    assert copilot.provider_options.anthropic.web_search == (
        models.AnthropicProviderOptionsAnthropicAnthropicWebSearch(
            allowed_domains=["liveblocks.io"]
        )
    )
    assert api_json(copilot) == ANTHROPIC


def check_google(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotGoogle
    assert copilot.provider == "google"
    assert copilot.provider_model is models.GoogleModel.GEMINI_2_5_FLASH
    assert copilot.always_use_knowledge is False
    assert isinstance(copilot.provider_options, models.GoogleProviderOptions)
    assert copilot.provider_options.google.thinking_config == (
        models.GoogleProviderOptionsGoogleThinkingConfig(thinking_budget=2048)
    )
    assert api_json(copilot) == GOOGLE


def check_openai(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotOpenAi
    assert copilot.provider == "openai"
    assert copilot.provider_model is models.OpenAiModel.GPT_4O
    assert copilot.id == "cp_abc123"
    assert api_json(copilot) == OPENAI


def check_compatible(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotOpenAiCompatible
    assert copilot.provider == "openai-compatible"
    assert copilot.provider_model == "my-custom-model"
    assert copilot.compatible_provider_name == "my-provider"
    assert copilot.provider_base_url == "https://api.my-provider.com/v1"
    assert api_json(copilot) == COMPATIBLE


def check_unknown_provider(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotBase
    assert copilot.id == "cp_mistral"
    assert copilot.provider == "mistral"
    assert copilot.provider_model == "mistral-large-latest"
    assert copilot.settings == models.AiCopilotProviderSettings(max_tokens=4096, temperature=0.7)


def check_newer_anthropic(copilot: Any) -> None:
    assert type(copilot) is models.AiCopilotAnthropic
    assert copilot.provider_model.name == "UNKNOWN"
    assert copilot.provider_model == "claude-opus-5"
    assert isinstance(copilot.provider_options, models.AnthropicProviderOptions)
    thinking = copilot.provider_options.anthropic.thinking
    assert type(thinking) is models.AnthropicThinkingBase
    assert thinking.type_ == "adaptive"


def check_copilots_page(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetAiCopilotsResponse)
    assert next_cursor == "cursor-2"
    check_anthropic(items[0])
    check_google(items[1])
    check_openai(items[2])
    check_compatible(items[3])
    check_unknown_provider(items[4])
    check_newer_anthropic(items[5])


def check_copilots_example(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetAiCopilotsResponse)
    assert next_cursor is None
    (copilot,) = items
    assert type(copilot) is models.AiCopilotOpenAi
    assert copilot.name == "My Copilot"


def check_file_source(source: Any) -> None:
    assert type(source) is models.KnowledgeSourceFileSource
    assert source.type_ == "ai-knowledge-file-source"
    assert source.id == "ks_file123"
    assert source.status is models.KnowledgeSourceBaseStatus.READY
    assert source.file == models.KnowledgeSourceFileSourceFile(
        name="document.pdf", mime_type="application/pdf"
    )
    assert source.last_indexed_at == JUNE_1
    assert api_json(source) == FILE_SOURCE


def check_web_source(source: Any) -> None:
    assert type(source) is models.KnowledgeSourceWebSource
    assert source.type_ == "ai-knowledge-web-source"
    assert source.link.url == "https://docs.example.com"
    assert source.link.type_ is models.KnowledgeSourceWebSourceLinkType.CRAWL
    assert source.error_message is UNSET
    assert api_json(source) == WEB_SOURCE


def check_unknown_source(source: Any) -> None:
    assert type(source) is models.KnowledgeSourceBase
    assert source.id == "ks_video1"
    assert source.type_ == "ai-knowledge-video-source"
    assert source.status == "transcribing"
    assert source.status.name == "UNKNOWN"


def check_sources_page(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetKnowledgeSourcesResponse)
    assert next_cursor is None
    assert [type(s) for s in items] == [
        models.KnowledgeSourceFileSource,
        models.KnowledgeSourceWebSource,
        models.KnowledgeSourceBase,
    ]
    check_file_source(items[0])
    web = items[1]
    assert web.status is models.KnowledgeSourceBaseStatus.ERROR
    assert web.error_message == "404"
    assert web.link.type_ == "rss"
    check_unknown_source(items[2])


def check_sources_example(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetKnowledgeSourcesResponse)
    assert next_cursor is None
    (source,) = items
    assert type(source) is models.KnowledgeSourceWebSource
    assert source.id == "ks_abc123"


def check_web_created(value: Any) -> None:
    assert isinstance(value, models.CreateWebKnowledgeSourceResponse)
    assert value.id == "ks_abc123"


def check_file_created(value: Any) -> None:
    assert isinstance(value, models.CreateFileKnowledgeSourceResponse)
    assert value.id == "ks_file123"


def check_markdown(value: Any) -> None:
    assert isinstance(value, models.GetFileKnowledgeSourceMarkdownResponse)
    assert value.id == "ks_abc123"
    assert value.content.startswith("# Document Title\n\n")


def check_links(value: Any) -> None:
    items, next_cursor = _parts(value, models.GetWebKnowledgeSourceLinksResponse)
    assert next_cursor == "links-2"
    assert [type(link) for link in items] == [models.WebKnowledgeSourceLink] * 2
    first, second = items
    assert first.id == "ksl_abc123"
    assert first.url == "https://docs.example.com/getting-started"
    assert first.status is models.WebKnowledgeSourceLinkStatus.READY
    assert first.created_at == JUNE_1
    assert second.status == "queued"


LINKS_PAGE = {
    "nextCursor": "links-2",
    "data": [
        example("WebKnowledgeSourceLink"),
        {**example("WebKnowledgeSourceLink"), "id": "ksl_2", "status": "queued", "depth": 2},
    ],
}


def _create_cases() -> list[OpCase]:
    anthropic_body = {
        "name": "My Anthropic Copilot",
        "systemPrompt": "You are a helpful assistant.",
        "providerApiKey": "sk-ant-...",
        "provider": "anthropic",
        "providerModel": "claude-3-5-sonnet-latest",
        "description": "Docs helper",
        "knowledgePrompt": "Use the docs.",
        "alwaysUseKnowledge": True,
        "settings": {"maxTokens": 4096, "temperature": 0.7},
        "providerOptions": {"anthropic": {"thinking": {"type": "enabled", "budgetTokens": 10000}}},
    }
    compatible_body = {**example("CreateAiCopilotOptionsOpenAiCompatible")}
    return [
        OpCase(
            "create_ai_copilot",
            lambda c: c.create_ai_copilot(
                body=models.CreateAiCopilotOptionsAnthropic(
                    name="My Anthropic Copilot",
                    system_prompt="You are a helpful assistant.",
                    provider_api_key="sk-ant-...",
                    provider="anthropic",
                    provider_model=models.AnthropicModel.CLAUDE_3_5_SONNET_LATEST,
                    description="Docs helper",
                    knowledge_prompt="Use the docs.",
                    always_use_knowledge=True,
                    settings=models.AiCopilotProviderSettings(max_tokens=4096, temperature=0.7),
                    provider_options=models.AnthropicProviderOptions(
                        anthropic=models.AnthropicProviderOptionsAnthropic(
                            thinking=models.AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled(
                                type_="enabled", budget_tokens=10000
                            )
                        )
                    ),
                )
            ),
            "POST",
            COPILOTS,
            body=anthropic_body,
            status=201,
            response=ANTHROPIC,
            check=check_anthropic,
            resource=lambda c: c.ai.copilots.create(
                provider="anthropic",
                name="My Anthropic Copilot",
                system_prompt="You are a helpful assistant.",
                provider_api_key="sk-ant-...",
                provider_model="claude-3-5-sonnet-latest",
                description="Docs helper",
                knowledge_prompt="Use the docs.",
                always_use_knowledge=True,
                settings={"max_tokens": 4096, "temperature": 0.7},
                provider_options={
                    "anthropic": {"thinking": {"type": "enabled", "budgetTokens": 10000}}
                },
            ),
        ),
        OpCase(
            "create_ai_copilot",
            lambda c: c.create_ai_copilot(
                body=models.CreateAiCopilotOptionsGoogle(
                    name="My Google Copilot",
                    system_prompt="You are a helpful assistant.",
                    provider_api_key="AIza...",
                    provider_model=models.GoogleModel.GEMINI_2_5_FLASH,
                    provider_options=models.GoogleProviderOptions(
                        google=models.GoogleProviderOptionsGoogle(
                            thinking_config=models.GoogleProviderOptionsGoogleThinkingConfig(
                                thinking_budget=2048
                            )
                        )
                    ),
                )
            ),
            "POST",
            COPILOTS,
            body={
                **example("CreateAiCopilotOptionsGoogle"),
                "providerOptions": {"google": {"thinkingConfig": {"thinkingBudget": 2048}}},
            },
            status=201,
            response=GOOGLE,
            check=check_google,
            resource=lambda c: c.ai.copilots.create(
                provider=models.UpdateAiCopilotRequestBodyProvider.GOOGLE,
                name="My Google Copilot",
                system_prompt="You are a helpful assistant.",
                provider_api_key="AIza...",
                provider_model=models.GoogleModel.GEMINI_2_5_FLASH,
                provider_options=models.GoogleProviderOptions(
                    google=models.GoogleProviderOptionsGoogle(
                        thinking_config=models.GoogleProviderOptionsGoogleThinkingConfig(
                            thinking_budget=2048
                        )
                    )
                ),
            ),
            id="google",
        ),
        OpCase(
            "create_ai_copilot",
            lambda c: c.create_ai_copilot(
                body=models.CreateAiCopilotOptionsOpenAi(
                    name="My Copilot",
                    system_prompt="You are a helpful assistant.",
                    provider_api_key="sk-...",
                    provider="openai",
                    provider_model=models.OpenAiModel.GPT_4O,
                )
            ),
            "POST",
            COPILOTS,
            body=example("CreateAiCopilotOptionsOpenAi"),
            status=201,
            response=OPENAI,
            check=check_openai,
            resource=lambda c: c.ai.copilots.create(
                provider="openai",
                name="My Copilot",
                system_prompt="You are a helpful assistant.",
                provider_api_key="sk-...",
                provider_model="gpt-4o",
            ),
            id="openai",
        ),
        OpCase(
            "create_ai_copilot",
            lambda c: c.create_ai_copilot(
                body=models.CreateAiCopilotOptionsOpenAiCompatible(
                    name="My Compatible Copilot",
                    system_prompt="You are a helpful assistant.",
                    provider_api_key="sk-...",
                    provider_model="my-custom-model",
                    compatible_provider_name="my-provider",
                    provider_base_url="https://api.my-provider.com/v1",
                )
            ),
            "POST",
            COPILOTS,
            body=compatible_body,
            status=201,
            response=COMPATIBLE,
            check=check_compatible,
            resource=lambda c: c.ai.copilots.create(
                provider="openai-compatible",
                name="My Compatible Copilot",
                system_prompt="You are a helpful assistant.",
                provider_api_key="sk-...",
                provider_model="my-custom-model",
                compatible_provider_name="my-provider",
                provider_base_url="https://api.my-provider.com/v1",
            ),
            id="openai-compatible",
        ),
    ]


CASES = [
    OpCase(
        "get_ai_copilots",
        lambda c: c.get_ai_copilots(),
        "GET",
        COPILOTS,
        query={"limit": "20"},
        response=COPILOTS_PAGE,
        check=check_copilots_page,
    ),
    OpCase(
        "get_ai_copilots",
        lambda c: c.get_ai_copilots(limit=100, starting_after="cursor-1"),
        "GET",
        COPILOTS,
        query={"limit": "100", "startingAfter": "cursor-1"},
        response=example("GetAiCopilotsResponse"),
        check=check_copilots_example,
        id="cursor",
    ),
    OpCase(
        "get_ai_copilots",
        lambda c: c.ai.copilots.list(limit=5, starting_after="cursor-1").first_page(),
        "GET",
        COPILOTS,
        query={"limit": "5", "startingAfter": "cursor-1"},
        response=COPILOTS_PAGE,
        check=check_copilots_page,
        id="resource-first-page",
    ),
    *_create_cases(),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp_abc123"),
        "GET",
        COPILOT,
        response=OPENAI,
        check=check_openai,
        resource=lambda c: c.ai.copilots["cp_abc123"].get(),
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot(copilot_id="cp_abc123"),
        "GET",
        COPILOT,
        response=ANTHROPIC,
        check=check_anthropic,
        resource=lambda c: c.ai.copilots["cp_abc123"].get(),
        id="anthropic",
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp_abc123"),
        "GET",
        COPILOT,
        response=GOOGLE,
        check=check_google,
        resource=lambda c: c.ai.copilots["cp_abc123"].get(),
        id="google",
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp_abc123"),
        "GET",
        COPILOT,
        response=COMPATIBLE,
        check=check_compatible,
        resource=lambda c: c.ai.copilots["cp_abc123"].get(),
        id="openai-compatible",
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp_abc123"),
        "GET",
        COPILOT,
        response=MISTRAL,
        check=check_unknown_provider,
        resource=lambda c: c.ai.copilots["cp_abc123"].get(),
        id="unknown-provider",
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp_abc123"),
        "GET",
        COPILOT,
        response=NEWER_ANTHROPIC,
        check=check_newer_anthropic,
        id="unknown-model-and-thinking",
    ),
    OpCase(
        "get_ai_copilot",
        lambda c: c.get_ai_copilot("cp/../../rooms?x#1"),
        "GET",
        COPILOTS + "/cp%2F..%2F..%2Frooms%3Fx%231",
        response=OPENAI,
        check=check_openai,
        resource=lambda c: c.ai.copilots["cp/../../rooms?x#1"].get(),
        id="escaped-id",
    ),
    OpCase(
        "update_ai_copilot",
        lambda c: c.update_ai_copilot(
            "cp_abc123",
            body=models.UpdateAiCopilotRequestBody(
                name="Updated Copilot",
                system_prompt="You are an updated helpful assistant.",
                provider_model="gpt-4o",
                settings=models.AiCopilotProviderSettings(max_tokens=8192),
            ),
        ),
        "POST",
        COPILOT,
        body=example("UpdateAiCopilotRequestBody"),
        response=OPENAI,
        check=check_openai,
        resource=lambda c: c.ai.copilots["cp_abc123"].update(
            name="Updated Copilot",
            system_prompt="You are an updated helpful assistant.",
            provider_model=models.OpenAiModel.GPT_4O,
            settings={"max_tokens": 8192},
        ),
    ),
    OpCase(
        "update_ai_copilot",
        lambda c: c.update_ai_copilot(
            "cp_abc123",
            body=models.UpdateAiCopilotRequestBody(
                description=None,
                knowledge_prompt=None,
                settings=None,
                always_use_knowledge=False,
                provider_api_key="sk-new",
                provider=models.UpdateAiCopilotRequestBodyProvider.OPENAI,
                provider_options=models.OpenAiProviderOptions(
                    openai=models.OpenAiProviderOptionsOpenai(
                        reasoning_effort=models.OpenAiProviderOptionsOpenaiReasoningEffort.LOW,
                        web_search=models.OpenAiProviderOptionsOpenaiWebSearch(
                            allowed_domains=["example.com"]
                        ),
                    )
                ),
            ),
        ),
        "POST",
        COPILOT,
        body={
            "description": None,
            "knowledgePrompt": None,
            "settings": None,
            "alwaysUseKnowledge": False,
            "providerApiKey": "sk-new",
            "provider": "openai",
            "providerOptions": {
                "openai": {
                    "reasoningEffort": "low",
                    "webSearch": {"allowedDomains": ["example.com"]},
                }
            },
        },
        response=OPENAI,
        check=check_openai,
        resource=lambda c: c.ai.copilots["cp_abc123"].update(
            description=None,
            knowledge_prompt=None,
            settings=None,
            always_use_knowledge=False,
            provider_api_key="sk-new",
            provider="openai",
            provider_options={
                "openai": {
                    "reasoningEffort": "low",
                    "webSearch": {"allowedDomains": ["example.com"]},
                }
            },
        ),
        id="clear-and-options",
    ),
    OpCase(
        "update_ai_copilot",
        lambda c: c.update_ai_copilot(
            "cp_abc123",
            body=models.UpdateAiCopilotRequestBody(
                provider=models.UpdateAiCopilotRequestBodyProvider.OPENAI_COMPATIBLE,
                provider_model="llama-3",
                compatible_provider_name="groq",
                provider_base_url="https://api.groq.com/openai/v1",
                provider_options=None,
            ),
        ),
        "POST",
        COPILOT,
        body={
            "provider": "openai-compatible",
            "providerModel": "llama-3",
            "compatibleProviderName": "groq",
            "providerBaseUrl": "https://api.groq.com/openai/v1",
            "providerOptions": None,
        },
        response=COMPATIBLE,
        check=check_compatible,
        resource=lambda c: c.ai.copilots["cp_abc123"].update(
            provider="openai-compatible",
            provider_model="llama-3",
            compatible_provider_name="groq",
            provider_base_url="https://api.groq.com/openai/v1",
            provider_options=None,
        ),
        id="switch-provider",
    ),
    OpCase(
        "delete_ai_copilot",
        lambda c: c.delete_ai_copilot("cp_abc123"),
        "DELETE",
        COPILOT,
        status=204,
        check=check_none,
        resource=lambda c: c.ai.copilots["cp_abc123"].delete(),
    ),
    OpCase(
        "get_knowledge_sources",
        lambda c: c.get_knowledge_sources("cp_abc123"),
        "GET",
        KNOWLEDGE,
        query={"limit": "20"},
        response=SOURCES_PAGE,
        check=check_sources_page,
    ),
    OpCase(
        "get_knowledge_sources",
        lambda c: c.get_knowledge_sources("cp_abc123", limit=1, starting_after="ks-cursor"),
        "GET",
        KNOWLEDGE,
        query={"limit": "1", "startingAfter": "ks-cursor"},
        response=example("GetKnowledgeSourcesResponse"),
        check=check_sources_example,
        id="cursor",
    ),
    OpCase(
        "get_knowledge_sources",
        lambda c: c.ai.copilots["cp_abc123"].knowledge.list(limit=50).first_page(),
        "GET",
        KNOWLEDGE,
        query={"limit": "50"},
        response=SOURCES_PAGE,
        check=check_sources_page,
        id="resource-first-page",
    ),
    OpCase(
        "get_knowledge_source",
        lambda c: c.get_knowledge_source("cp_abc123", "ks_file123"),
        "GET",
        KNOWLEDGE + "/ks_file123",
        response=FILE_SOURCE,
        check=check_file_source,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge["ks_file123"].get(),
    ),
    OpCase(
        "get_knowledge_source",
        lambda c: c.get_knowledge_source(copilot_id="cp_abc123", knowledge_source_id="ks_web123"),
        "GET",
        KNOWLEDGE + "/ks_web123",
        response=WEB_SOURCE,
        check=check_web_source,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge["ks_web123"].get(),
        id="web",
    ),
    OpCase(
        "get_knowledge_source",
        lambda c: c.get_knowledge_source("cp_abc123", "ks_video1"),
        "GET",
        KNOWLEDGE + "/ks_video1",
        response=VIDEO_SOURCE,
        check=check_unknown_source,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge["ks_video1"].get(),
        id="unknown-type",
    ),
    OpCase(
        "create_web_knowledge_source",
        lambda c: c.create_web_knowledge_source(
            "cp_abc123",
            body=models.CreateWebKnowledgeSourceRequestBody(
                copilot_id="cp_abc123",
                url="https://docs.example.com",
                type_=models.CreateWebKnowledgeSourceRequestBodyType.CRAWL,
            ),
        ),
        "POST",
        KNOWLEDGE + "/web",
        body=example("CreateWebKnowledgeSourceRequestBody"),
        response=example("CreateWebKnowledgeSourceResponse"),
        check=check_web_created,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.web.create(
            url="https://docs.example.com", type="crawl"
        ),
    ),
    OpCase(
        "create_web_knowledge_source",
        lambda c: c.ai.copilots["cp_abc123"].knowledge.web.create(
            url="https://docs.example.com/sitemap.xml",
            type=models.CreateWebKnowledgeSourceRequestBodyType.SITEMAP,
        ),
        "POST",
        KNOWLEDGE + "/web",
        body={
            "copilotId": "cp_abc123",
            "url": "https://docs.example.com/sitemap.xml",
            "type": "sitemap",
        },
        response={"id": "ks_abc123", "extra": "ignored"},
        check=check_web_created,
        id="resource-sitemap",
    ),
    OpCase(
        "create_file_knowledge_source",
        lambda c: c.create_file_knowledge_source(
            "cp_abc123", "document.pdf", body=File(io.BytesIO(PDF), "document.pdf")
        ),
        "PUT",
        KNOWLEDGE + "/file/document.pdf",
        body=PDF,
        response={"id": "ks_file123"},
        check=check_file_created,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.files.upload("document.pdf", PDF),
    ),
    OpCase(
        "create_file_knowledge_source",
        lambda c: c.create_file_knowledge_source(
            copilot_id="cp_abc123", name="Q3 report (final).pdf", body=PDF
        ),
        "PUT",
        KNOWLEDGE + "/file/Q3%20report%20%28final%29.pdf",
        body=PDF,
        response={"id": "ks_file123"},
        check=check_file_created,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.files.upload(
            "Q3 report (final).pdf", io.BytesIO(PDF)
        ),
        id="file-object-and-escaped-name",
    ),
    OpCase(
        "get_file_knowledge_source_markdown",
        lambda c: c.get_file_knowledge_source_markdown("cp_abc123", "ks_abc123"),
        "GET",
        KNOWLEDGE + "/file/ks_abc123",
        response=example("GetFileKnowledgeSourceMarkdownResponse"),
        check=check_markdown,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.files["ks_abc123"].markdown(),
    ),
    OpCase(
        "delete_file_knowledge_source",
        lambda c: c.delete_file_knowledge_source("cp_abc123", "ks_abc123"),
        "DELETE",
        KNOWLEDGE + "/file/ks_abc123",
        status=204,
        check=check_none,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.files["ks_abc123"].delete(),
    ),
    OpCase(
        "delete_web_knowledge_source",
        lambda c: c.delete_web_knowledge_source("cp_abc123", "ks_abc123"),
        "DELETE",
        KNOWLEDGE + "/web/ks_abc123",
        status=204,
        check=check_none,
        resource=lambda c: c.ai.copilots["cp_abc123"].knowledge.web["ks_abc123"].delete(),
    ),
    OpCase(
        "get_web_knowledge_source_links",
        lambda c: c.get_web_knowledge_source_links("cp_abc123", "ks_abc123"),
        "GET",
        KNOWLEDGE + "/web/ks_abc123/links",
        query={"limit": "20"},
        response=LINKS_PAGE,
        check=check_links,
    ),
    OpCase(
        "get_web_knowledge_source_links",
        lambda c: c.get_web_knowledge_source_links(
            "cp_abc123", "ks_abc123", limit=2, starting_after="links-1"
        ),
        "GET",
        KNOWLEDGE + "/web/ks_abc123/links",
        query={"limit": "2", "startingAfter": "links-1"},
        response=LINKS_PAGE,
        check=check_links,
        id="cursor",
    ),
    OpCase(
        "get_web_knowledge_source_links",
        lambda c: (
            c.ai.copilots["cp_abc123"]
            .knowledge.web["ks_abc123"]
            .links.list(limit=2, starting_after="links-1")
            .first_page()
        ),
        "GET",
        KNOWLEDGE + "/web/ks_abc123/links",
        query={"limit": "2", "startingAfter": "links-1"},
        response=LINKS_PAGE,
        check=check_links,
        id="resource-first-page",
    ),
]
