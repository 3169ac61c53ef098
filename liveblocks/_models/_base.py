"""Building blocks of every model: the Struct base, string enums, and free-form objects."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from typing import Any, TypeVar

import msgspec

__all__ = ["FreeForm", "Model", "StrEnum", "camel", "dec_hook", "enc_hook"]

_M = TypeVar("_M", bound="Model")
_F = TypeVar("_F", bound="FreeForm")


class _ModelMeta(msgspec.StructMeta):
    """Makes every model keyword-only (msgspec does not inherit ``kw_only``)."""

    def __new__(
        mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> _ModelMeta:
        kwargs.setdefault("kw_only", True)
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class Model(
    msgspec.Struct,
    metaclass=_ModelMeta,
    rename="camel",
    omit_defaults=True,
):
    """Base of the API's models.

    Fields use the reference's Python names (``type_``, ``created_at``) and travel as the
    API's camelCase JSON. Optional fields default to ``UNSET`` and are left out of requests;
    ``None`` is sent as ``null``. Unknown fields in answers are ignored.
    """

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object (camelCase keys, ISO 8601 datetimes in the
        API's own millisecond form, ``2022-07-13T14:32:50.697Z``)."""
        result: dict[str, Any] = _isoformat_all(
            msgspec.to_builtins(self, enc_hook=enc_hook, builtin_types=(datetime.datetime,))
        )
        return result

    @classmethod
    def from_dict(cls: type[_M], src_dict: Mapping[str, Any]) -> _M:
        """Build the model from the API's JSON object (camelCase keys), validating it."""
        return msgspec.convert(src_dict, cls, dec_hook=dec_hook, str_keys=True)


class StrEnum(str, enum.Enum):
    """A string enum that also accepts values it does not know.

    The API may add values; decoding one gives a member named ``UNKNOWN`` whose ``value``
    is the new string, instead of an error. Members compare equal to their strings.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)


class FreeForm(dict[str, Any]):
    """An object whose keys are the user's own (room metadata, accesses, presence data).

    It is a ``dict``; ``additional_properties``, ``to_dict`` and ``from_dict`` are kept for
    code written against the reference package.
    """

    @property
    def additional_properties(self) -> dict[str, Any]:
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.keys())

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = msgspec.to_builtins(dict(self), enc_hook=enc_hook)
        return result

    @classmethod
    def from_dict(cls: type[_F], src_dict: Mapping[str, Any]) -> _F:
        return cls(src_dict)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"


def enc_hook(obj: Any) -> Any:
    """Encodes the few values msgspec does not know natively."""
    if isinstance(obj, FreeForm):
        return dict(obj)
    lson = getattr(obj, "_plain_lson_", None)
    if lson is not None:  # a Live structure (LiveFile, ...) inside a document
        return lson()
    if isinstance(obj, (bytes, bytearray, memoryview)):
        raise TypeError("Binary data is not sent inside JSON; use the endpoint's bytes parameter")
    raise NotImplementedError(f"Cannot encode {type(obj).__name__} as JSON")


def dec_hook(type_: type, obj: Any) -> Any:
    """Decodes free-form objects into their named ``dict`` subclasses."""
    if type_ in _FREEFORM_TYPES and type(obj) is dict:
        return type_(obj)
    if isinstance(type_, type) and issubclass(type_, FreeForm) and isinstance(obj, dict):
        _FREEFORM_TYPES.add(type_)
        return type_(obj)
    raise NotImplementedError(f"Cannot decode {type_!r}")


_FREEFORM_TYPES: set[type] = set()


def camel(name: str) -> str:
    """A Python field name as the API spells it: ``default_accesses`` -> ``defaultAccesses``."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def isoformat(value: datetime.datetime) -> str:
    """A datetime as the API writes it: UTC with milliseconds and ``Z`` where exact."""
    if value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0):
        if value.microsecond % 1000 == 0:
            return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def _isoformat_all(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return isoformat(value)
    if isinstance(value, dict):
        return {k: _isoformat_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoformat_all(v) for v in value]
    return value
