"""AI and Management: models against the reference, unions, and arguments refused before
any request is made."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import msgspec
import pytest
import responses

from liveblocks import Liveblocks, models
from liveblocks._models import ai as ai_models
from liveblocks._models import management as management_models
from tests.cases import example, models_323
from tests.cases._case import api_json

SECRET = "sk_test_unit_0123456789"
BASE = "https://api.liveblocks.test"

#: The models as of 3.23 (whose enums of AI models grew).
REFERENCE_MODELS: dict[str, Any] = models_323()
#: Names these modules add to the reference's: union aliases and fallback models.
EXTRA_NAMES = {
    "AiCopilot",
    "AiProviderOptions",
    "AnthropicThinking",
    "AnthropicThinkingBase",
    "CreateAiCopilotOptions",
    "KnowledgeSource",
    # In the official 3.23.0 package, not in the reference's model list.
    "RollProjectSecretApiKeyRequestBodyNewKeyExpirationIn",
}
#: Optional fields the fallback models add, to keep the tag of an unknown variant.
EXTRA_FIELDS = {
    "AiCopilotBase": {"provider", "provider_model"},
    "KnowledgeSourceBase": {"type_"},
}


@pytest.fixture
def client() -> Any:
    with responses.RequestsMock() as mock, Liveblocks(SECRET, base_url=BASE) as lb:
        yield lb
        assert not mock.calls, "a request was made"


def _model_names() -> list[str]:
    return [
        name
        for module in (ai_models, management_models)
        for name in module.__all__
        if name not in EXTRA_NAMES
    ]


@pytest.mark.parametrize("name", _model_names())
def test_models_match_the_reference(name: str) -> None:
    spec = REFERENCE_MODELS[name]
    model = getattr(models, name)
    if spec["kind"] == "enum":
        assert sorted(member.value for member in model) == sorted(spec["values"])
        return
    if not spec["fields"]:
        assert issubclass(model, models.FreeForm)
        return
    fields = {f.name: f for f in msgspec.structs.fields(model)}
    assert set(fields) - EXTRA_FIELDS.get(name, set()) == {f["name"] for f in spec["fields"]}
    for field in spec["fields"]:
        assert fields[field["name"]].encode_name == field["json"], field
    if spec["example"]:
        decoded = model.from_dict(example(name))
        assert api_json(decoded) == example(name)


@pytest.mark.parametrize(
    ("payload", "cls"),
    [
        (example("AiCopilotAnthropic"), models.AiCopilotAnthropic),
        (example("AiCopilotGoogle"), models.AiCopilotGoogle),
        (example("AiCopilotOpenAi"), models.AiCopilotOpenAi),
        (example("AiCopilotOpenAiCompatible"), models.AiCopilotOpenAiCompatible),
        ({**example("AiCopilotOpenAi"), "provider": "xai"}, models.AiCopilotBase),
    ],
)
def test_copilot_union_decodes_by_provider(payload: dict[str, Any], cls: type) -> None:
    page = models.GetAiCopilotsResponse.from_dict({"nextCursor": None, "data": [payload]})
    assert type(page.data[0]) is cls
    assert type(ai_models.AI_COPILOT.decode(json.dumps(payload).encode())) is cls


def test_variants_built_in_python_stay_as_they_are() -> None:
    source = models.KnowledgeSourceFileSource.from_dict(example("KnowledgeSourceFileSource"))
    page = models.GetKnowledgeSourcesResponse(next_cursor=None, data=[source])
    assert page.data[0] is source
    options = models.AnthropicProviderOptionsAnthropic(
        thinking={"type": "disabled"}  # type: ignore[arg-type]
    )
    assert options.thinking == models.AnthropicProviderOptionsAnthropicAnthropicThinkingDisabled()


def test_request_tags_are_always_sent() -> None:
    body = models.CreateAiCopilotOptionsGoogle(
        name="n",
        system_prompt="s",
        provider_api_key="k",
        provider_model=models.GoogleModel.GEMINI_2_5_PRO,
    )
    assert body.to_dict()["provider"] == "google"
    thinking = models.AnthropicProviderOptionsAnthropicAnthropicThinkingEnabled(budget_tokens=5)
    assert thinking.to_dict() == {"type": "enabled", "budgetTokens": 5}
    assert models.RollProjectPublicApiKeyRequestBody().to_dict() == {"expirationIn": "now"}


def test_update_body_provider_options_from_json() -> None:
    body = models.UpdateAiCopilotRequestBody.from_dict(
        {"providerOptions": {"google": {"thinkingConfig": {"thinkingBudget": 1}}}}
    )
    assert isinstance(body.provider_options, models.GoogleProviderOptions)
    cleared = models.UpdateAiCopilotRequestBody.from_dict({"providerOptions": None})
    assert cleared.provider_options is None
    assert cleared.to_dict() == {"providerOptions": None}


def test_bound_paths_show_in_repr(client: Liveblocks) -> None:
    web = client.ai.copilots["cp 1"].knowledge.web["ks_1"]
    assert repr(web) == "<WebKnowledgeSourceResource /v2/ai/copilots/cp%201/knowledge/web/ks_1>"
    hook = client.management.projects["p"].webhooks["wh"]
    assert repr(hook.additional_headers) == (
        "<WebhookAdditionalHeaders /v2/management/projects/p/webhooks/wh>"
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"provider": "mistral", "provider_model": "large"}, ValueError),
        ({"provider": "openai", "provider_model": "gpt-4o", "provider_base_url": "u"}, ValueError),
        ({"provider": "openai-compatible", "provider_model": "m"}, TypeError),
        (
            {
                "provider": "openai-compatible",
                "provider_model": "m",
                "compatible_provider_name": "p",
                "provider_base_url": "u",
                "provider_options": {"openai": {}},
            },
            ValueError,
        ),
        (
            {
                "provider": "anthropic",
                "provider_model": "claude-opus-4-1-20250805",
                "provider_options": models.OpenAiProviderOptions(
                    openai=models.OpenAiProviderOptionsOpenai()
                ),
            },
            TypeError,
        ),
        ({"provider": "openai", "provider_model": "gpt-4o", "settings": {"tokens": 1}}, TypeError),
    ],
)
def test_copilot_create_refuses_bad_arguments(
    client: Liveblocks, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        client.ai.copilots.create(name="n", system_prompt="s", provider_api_key="k", **kwargs)


def test_upload_refuses_text_and_empty_names(client: Liveblocks) -> None:
    files = client.ai.copilots["cp"].knowledge.files
    with pytest.raises(TypeError):
        files.upload("a.txt", "text")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        files.upload("a.txt", io.StringIO("text"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        files.upload("", b"data")
    with pytest.raises(ValueError):
        client.ai.copilots[""]


def test_management_refuses_bad_arguments(client: Liveblocks) -> None:
    hook = client.management.projects["p"].webhooks["wh"]
    with pytest.raises(ValueError, match="timezone-aware"):
        hook.recover_failed_messages(datetime.datetime(2026, 1, 21))
    with pytest.raises(TypeError):
        hook.recover_failed_messages("2026-01-21")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        hook.additional_headers.delete([])
    with pytest.raises(TypeError):
        hook.additional_headers.delete("X-Team")
    with pytest.raises(TypeError):
        hook.additional_headers.upsert(["X-Team"])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hook.update(subscribed_events="storageUpdated")
