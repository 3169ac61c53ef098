"""The two shapes of a webhook event stay twins: ``verify_request`` gives the JSON dict
(typed by a TypedDict, camelCase keys, ISO strings) and ``verify_request_typed`` a Struct
(snake_case fields, datetimes). They cannot be one class hierarchy without breaking one of
the two APIs (a TypedDict is a plain dict at run time and admits no other base), so this
pins that every event has both forms, with the same type tag and the same fields."""

from __future__ import annotations

import typing
from typing import Any, get_args, get_type_hints

import msgspec
import pytest

from liveblocks import webhooks

DICT_EVENTS = get_args(webhooks.WebhookEvent)
STRUCT_EVENTS = get_args(webhooks.WebhookEventModel)


def _tag(typed_dict: Any) -> str:
    (tag,) = get_args(get_type_hints(typed_dict)["type"])
    return str(tag)


def _keys(typed_dict: Any) -> set[str]:
    return set(get_type_hints(typed_dict))


def _wire_names(struct: Any) -> set[str]:
    return {f.encode_name for f in msgspec.structs.fields(struct)}


def _struct_type(annotation: Any) -> Any:
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, msgspec.Struct):
            return arg
    raise AssertionError(f"no Struct in {annotation!r}")


def _structs_by_tag() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for model in STRUCT_EVENTS:
        for leaf in get_args(model) or (model,):
            found.setdefault(leaf.__struct_config__.tag, []).append(leaf)
    return found


def test_every_event_type_has_both_forms() -> None:
    dict_tags = {_tag(event) for event in DICT_EVENTS}
    assert dict_tags == set(_structs_by_tag())
    assert len(DICT_EVENTS) == 20


@pytest.mark.parametrize("event", DICT_EVENTS, ids=lambda e: e.__name__)
def test_both_forms_carry_the_same_fields(event: Any) -> None:
    name = event.__name__
    model = getattr(webhooks, f"{name}Model")
    assert model.__struct_config__.tag == _tag(event) or _tag(event) == "notification"
    assert _keys(event) - {"type"} == _wire_names(model)
    data_dict = get_type_hints(event)["data"]
    data_struct = _struct_type(get_type_hints(model)["data"])
    assert typing.is_typeddict(data_dict)
    assert _keys(data_dict) == _wire_names(data_struct), name
