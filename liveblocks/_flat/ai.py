"""Flat methods of the Ai section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._call import Call, M, endpoint
from ..resources.tree import ResourceTree
from ..types import UNSET, BinaryContent, Unset

if TYPE_CHECKING:
    from .._models.ai import (
        AiCopilot,
        CreateAiCopilotOptions,
        CreateFileKnowledgeSourceResponse,
        CreateWebKnowledgeSourceRequestBody,
        CreateWebKnowledgeSourceResponse,
        GetAiCopilotsResponse,
        GetFileKnowledgeSourceMarkdownResponse,
        GetKnowledgeSourcesResponse,
        GetWebKnowledgeSourceLinksResponse,
        KnowledgeSource,
        UpdateAiCopilotRequestBody,
    )


class AiFlatAPI(ResourceTree[M]):
    @endpoint
    def get_ai_copilots(
        self, *, limit: int | Unset = 20, starting_after: str | Unset = UNSET
    ) -> Call[GetAiCopilotsResponse]:
        """One page of AI copilots (``ai.copilots.list()`` iterates over all of them)."""
        return self.ai.copilots._page(limit, starting_after)

    @endpoint
    def create_ai_copilot(self, *, body: CreateAiCopilotOptions) -> Call[AiCopilot]:
        """Create an AI copilot."""
        return self.ai.copilots._create(body)

    @endpoint
    def get_ai_copilot(self, copilot_id: str) -> Call[AiCopilot]:
        """Get an AI copilot."""
        return self.ai.copilots[copilot_id].get.call()

    @endpoint
    def update_ai_copilot(
        self, copilot_id: str, *, body: UpdateAiCopilotRequestBody
    ) -> Call[AiCopilot]:
        """Update an AI copilot."""
        return self.ai.copilots[copilot_id]._update(body)

    @endpoint
    def delete_ai_copilot(self, copilot_id: str) -> Call[None]:
        """Delete an AI copilot."""
        return self.ai.copilots[copilot_id].delete.call()

    @endpoint
    def get_knowledge_sources(
        self, copilot_id: str, *, limit: int | Unset = 20, starting_after: str | Unset = UNSET
    ) -> Call[GetKnowledgeSourcesResponse]:
        """One page of a copilot's knowledge sources."""
        return self.ai.copilots[copilot_id].knowledge._page(limit, starting_after)

    @endpoint
    def get_knowledge_source(
        self, copilot_id: str, knowledge_source_id: str
    ) -> Call[KnowledgeSource]:
        """Get a knowledge source of a copilot."""
        return self.ai.copilots[copilot_id].knowledge[knowledge_source_id].get.call()

    @endpoint
    def create_web_knowledge_source(
        self, copilot_id: str, *, body: CreateWebKnowledgeSourceRequestBody
    ) -> Call[CreateWebKnowledgeSourceResponse]:
        """Index web pages as a copilot's knowledge source."""
        return self.ai.copilots[copilot_id].knowledge.web._create(body)

    @endpoint
    def create_file_knowledge_source(
        self, copilot_id: str, name: str, *, body: BinaryContent
    ) -> Call[CreateFileKnowledgeSourceResponse]:
        """Upload a file (a ``File``, bytes or a binary file object) as a knowledge source."""
        return self.ai.copilots[copilot_id].knowledge.files.upload.call(name, body)

    @endpoint
    def get_file_knowledge_source_markdown(
        self, copilot_id: str, knowledge_source_id: str
    ) -> Call[GetFileKnowledgeSourceMarkdownResponse]:
        """A file knowledge source's content, in Markdown."""
        return self.ai.copilots[copilot_id].knowledge.files[knowledge_source_id].markdown.call()

    @endpoint
    def delete_file_knowledge_source(self, copilot_id: str, knowledge_source_id: str) -> Call[None]:
        """Delete a file knowledge source."""
        return self.ai.copilots[copilot_id].knowledge.files[knowledge_source_id].delete.call()

    @endpoint
    def delete_web_knowledge_source(self, copilot_id: str, knowledge_source_id: str) -> Call[None]:
        """Delete a web knowledge source."""
        return self.ai.copilots[copilot_id].knowledge.web[knowledge_source_id].delete.call()

    @endpoint
    def get_web_knowledge_source_links(
        self,
        copilot_id: str,
        knowledge_source_id: str,
        *,
        limit: int | Unset = 20,
        starting_after: str | Unset = UNSET,
    ) -> Call[GetWebKnowledgeSourceLinksResponse]:
        """One page of the links indexed from a web knowledge source."""
        web_source = self.ai.copilots[copilot_id].knowledge.web[knowledge_source_id]
        return web_source.links._page(limit, starting_after)
