"""AI copilots and knowledge sources through both clients and both faces.

Checked by tests/test_typing.py with ``mypy --strict``: every ``reveal_type`` must show the
type named in its ``# expect:`` comment.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from liveblocks import AsyncLiveblocks, Liveblocks, models
from liveblocks.types import File, Unset

OPENAI_BODY = models.CreateAiCopilotOptionsOpenAi(
    name="Docs",
    system_prompt="Be brief.",
    provider_api_key="sk-...",
    provider_model=models.OpenAiModel.GPT_4O,
)
WEB_BODY = models.CreateWebKnowledgeSourceRequestBody(
    copilot_id="cp",
    url="https://docs.example.com",
    type_=models.CreateWebKnowledgeSourceRequestBodyType.CRAWL,
)


def describe(copilot: models.AiCopilot) -> str:
    """Narrowing a copilot by its class."""
    if isinstance(copilot, models.AiCopilotOpenAiCompatible):
        return copilot.provider_base_url
    if isinstance(copilot, models.AiCopilotAnthropic) and not isinstance(
        copilot.provider_options, Unset
    ):
        thinking = copilot.provider_options.anthropic.thinking
        if isinstance(thinking, models.AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled):
            return str(thinking.budget_tokens)
    if isinstance(copilot, models.AiCopilotBase):
        return f"{copilot.provider} is not known to this SDK"
    return copilot.name


def sync_usage(client: Liveblocks) -> None:
    copilots = client.ai.copilots
    created = copilots.create(
        provider="anthropic",
        name="Docs",
        system_prompt="Be brief.",
        provider_api_key="sk-ant-...",
        provider_model=models.AnthropicModel.CLAUDE_SONNET_4_5_20250929,
        settings={"max_tokens": 1024},
    )
    flat_created = client.create_ai_copilot(body=OPENAI_BODY)
    listed = list(copilots.list(limit=50))
    page = client.get_ai_copilots(limit=5, starting_after="c")
    copilot = copilots["cp"]
    fetched = copilot.get()
    flat_fetched = client.get_ai_copilot("cp")
    updated = copilot.update(name="New name", description=None)
    client.update_ai_copilot("cp", body=models.UpdateAiCopilotRequestBody(name="n"))
    copilot.delete()
    client.delete_ai_copilot("cp")

    sources = list(copilot.knowledge.list())
    sources_page = client.get_knowledge_sources("cp", limit=10)
    source = copilot.knowledge["ks"].get()
    flat_source = client.get_knowledge_source("cp", "ks")
    web = copilot.knowledge.web.create(url="https://docs.example.com", type="crawl")
    client.create_web_knowledge_source("cp", body=WEB_BODY)
    links = copilot.knowledge.web["ks"].links.list()
    links_page = client.get_web_knowledge_source_links("cp", "ks", limit=3)
    copilot.knowledge.web["ks"].delete()
    client.delete_web_knowledge_source("cp", "ks")
    uploaded = copilot.knowledge.files.upload("handbook.pdf", b"%PDF-1.7")
    with open(__file__, "rb") as handle:
        copilot.knowledge.files.upload("notes.md", handle)
    flat_uploaded = client.create_file_knowledge_source(
        "cp", "a.pdf", body=File(io.BytesIO(b"%PDF"), "a.pdf")
    )
    markdown = copilot.knowledge.files["ks"].markdown()
    client.get_file_knowledge_source_markdown("cp", "ks")
    copilot.knowledge.files["ks"].delete()
    client.delete_file_knowledge_source("cp", "ks")
    if TYPE_CHECKING:
        # fmt: off
        reveal_type(created)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(flat_created)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(listed)  # expect: list[liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase]
        reveal_type(page)  # expect: liveblocks._models.ai.GetAiCopilotsResponse
        reveal_type(copilots.list())  # expect: liveblocks._pagination.SyncPager[liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase]
        reveal_type(fetched)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(flat_fetched.name)  # expect: str
        reveal_type(updated)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(sources)  # expect: list[liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase]
        reveal_type(sources_page.data)  # expect: list[liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase]
        reveal_type(source)  # expect: liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase
        reveal_type(flat_source)  # expect: liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase
        reveal_type(web)  # expect: liveblocks._models.ai.CreateWebKnowledgeSourceResponse
        reveal_type(links)  # expect: liveblocks._pagination.SyncPager[liveblocks._models.ai.WebKnowledgeSourceLink]
        reveal_type(links_page)  # expect: liveblocks._models.ai.GetWebKnowledgeSourceLinksResponse
        reveal_type(uploaded)  # expect: liveblocks._models.ai.CreateFileKnowledgeSourceResponse
        reveal_type(flat_uploaded)  # expect: liveblocks._models.ai.CreateFileKnowledgeSourceResponse
        reveal_type(markdown.content)  # expect: str
        reveal_type(copilot.delete())  # expect: None
        # fmt: on


async def async_usage(client: AsyncLiveblocks) -> None:
    copilots = client.ai.copilots
    pending = copilots.create(
        provider="openai-compatible",
        name="Local",
        system_prompt="Be brief.",
        provider_api_key="key",
        provider_model="llama-3",
        compatible_provider_name="groq",
        provider_base_url="https://api.groq.com/openai/v1",
    )
    created = await pending
    flat_created = await client.create_ai_copilot(body=OPENAI_BODY)
    names = [c.name async for c in copilots.list()]
    page = await client.get_ai_copilots()
    copilot = copilots["cp"]
    fetched = await copilot.get()
    flat_pending = client.get_ai_copilot("cp")
    updated = await copilot.update(provider="google", provider_model="gemini-2.5-pro")
    await client.update_ai_copilot("cp", body=models.UpdateAiCopilotRequestBody(name="n"))
    await copilot.delete()
    await client.delete_ai_copilot("cp")

    sources = [s async for s in copilot.knowledge.list(limit=100)]
    sources_page = await client.get_knowledge_sources("cp")
    source = await copilot.knowledge["ks"].get()
    await client.get_knowledge_source("cp", "ks")
    web = await copilot.knowledge.web.create(url="https://docs.example.com", type="sitemap")
    await client.create_web_knowledge_source("cp", body=WEB_BODY)
    links = [link.url async for link in copilot.knowledge.web["ks"].links.list()]
    links_page = await client.get_web_knowledge_source_links("cp", "ks")
    await copilot.knowledge.web["ks"].delete()
    await client.delete_web_knowledge_source("cp", "ks")
    upload = copilot.knowledge.files.upload("handbook.pdf", io.BytesIO(b"%PDF"))
    uploaded = await upload
    await client.create_file_knowledge_source("cp", "a.pdf", body=b"%PDF")
    markdown = await copilot.knowledge.files["ks"].markdown()
    await client.get_file_knowledge_source_markdown("cp", "ks")
    await copilot.knowledge.files["ks"].delete()
    await client.delete_file_knowledge_source("cp", "ks")
    if TYPE_CHECKING:
        # fmt: off
        _ = reveal_type(pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase]
        reveal_type(created)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(flat_created)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(names)  # expect: list[str]
        reveal_type(page)  # expect: liveblocks._models.ai.GetAiCopilotsResponse
        reveal_type(copilots.list())  # expect: liveblocks._pagination.AsyncPager[liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase]
        reveal_type(fetched)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        _ = reveal_type(flat_pending)  # expect: typing.Coroutine[Any, Any, liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase]
        reveal_type(updated)  # expect: liveblocks._models.ai.AiCopilotAnthropic | liveblocks._models.ai.AiCopilotGoogle | liveblocks._models.ai.AiCopilotOpenAi | liveblocks._models.ai.AiCopilotOpenAiCompatible | liveblocks._models.ai.AiCopilotBase
        reveal_type(sources)  # expect: list[liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase]
        reveal_type(sources_page)  # expect: liveblocks._models.ai.GetKnowledgeSourcesResponse
        reveal_type(source)  # expect: liveblocks._models.ai.KnowledgeSourceFileSource | liveblocks._models.ai.KnowledgeSourceWebSource | liveblocks._models.ai.KnowledgeSourceBase
        reveal_type(web)  # expect: liveblocks._models.ai.CreateWebKnowledgeSourceResponse
        reveal_type(links)  # expect: list[str]
        reveal_type(links_page)  # expect: liveblocks._models.ai.GetWebKnowledgeSourceLinksResponse
        _ = reveal_type(upload)  # expect: typing.Coroutine[Any, Any, liveblocks._models.ai.CreateFileKnowledgeSourceResponse]
        reveal_type(uploaded)  # expect: liveblocks._models.ai.CreateFileKnowledgeSourceResponse
        reveal_type(markdown)  # expect: liveblocks._models.ai.GetFileKnowledgeSourceMarkdownResponse
        # fmt: on
