"""Building blocks of every model: the Struct base, string enums, and free-form objects."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

import msgspec

__all__ = [
    "FreeForm",
    "Model",
    "ModelValidationError",
    "StrEnum",
    "WithAdditionalProperties",
    "camel",
    "dec_hook",
    "enc_hook",
    "to_api_json",
]

_M = TypeVar("_M", bound="Model")
_F = TypeVar("_F", bound="FreeForm")


class _ModelMeta(msgspec.StructMeta):
    """Makes every model keyword-only (msgspec does not inherit ``kw_only``), and takes
    ``consts={"type": "comment"}``: fields whose value is fixed, which ``from_dict``
    checks as the official package's models do."""

    def __new__(
        mcls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        consts: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> _ModelMeta:
        kwargs.setdefault("kw_only", True)
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        if consts is not None:
            cls._consts = dict(consts)  # type: ignore[attr-defined]
        return cls


class ModelValidationError(msgspec.ValidationError, KeyError, TypeError):
    """``from_dict`` was given a dictionary the model cannot hold.

    A ``ValueError`` (as :class:`msgspec.ValidationError`), and also the ``KeyError`` and
    ``TypeError`` the official package's models raise for a missing or mistyped field."""

    __str__ = Exception.__str__


class Model(
    msgspec.Struct,
    metaclass=_ModelMeta,
    rename="camel",
    omit_defaults=True,
    dict=True,
):
    """Base of the API's models.

    Fields use the reference's Python names (``type_``, ``created_at``) and travel as the
    API's camelCase JSON. Optional fields default to ``UNSET`` and are left out of requests;
    ``None`` is sent as ``null``. Unknown fields in answers are ignored; ``from_dict`` keeps
    them in :attr:`additional_properties`, as the official package's models do.
    """

    #: Fields whose value is fixed (JSON name -> value; see ``consts=``).
    _consts: ClassVar[Mapping[str, str]] = MappingProxyType({})

    @property
    def additional_properties(self) -> dict[str, Any]:
        """Keys beyond the model's fields: kept by ``from_dict``, written by ``to_dict``."""
        extra: dict[str, Any] | None = self.__dict__.get("additional_properties")
        if extra is None:
            extra = self.__dict__["additional_properties"] = {}
        return extra

    @additional_properties.setter
    def additional_properties(self, value: Mapping[str, Any]) -> None:
        self.__dict__["additional_properties"] = dict(value)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties)

    def to_dict(self) -> dict[str, Any]:
        """The model as the API's JSON object: camelCase keys, nested models and enums as
        JSON, datetimes in ISO 8601 as ``datetime.isoformat()`` writes them
        (``2024-01-15T10:30:00+00:00``, as the official package's models do)."""
        result: dict[str, Any] = _isoformat_all(
            msgspec.to_builtins(self, enc_hook=enc_hook, builtin_types=(datetime.datetime,))
        )
        return _add_additional_properties(self, result)

    @classmethod
    def from_dict(cls: type[_M], src_dict: Mapping[str, Any]) -> _M:
        """Build the model from the API's JSON object (camelCase keys), validating it.

        Raises :class:`ModelValidationError` (a ``ValueError``, ``KeyError`` and
        ``TypeError``) for a dictionary the model cannot hold."""
        if not isinstance(src_dict, Mapping):
            raise ModelValidationError(
                f"{cls.__name__}.from_dict expects a dict, got {type(src_dict).__name__}"
            )
        _check_consts(cls, cls._consts, src_dict)
        try:
            model = cls._convert(src_dict)
        except msgspec.ValidationError as exc:
            raise ModelValidationError(f"{cls.__name__}: {exc}") from None
        _keep_additional_properties(model, src_dict)
        return model

    @classmethod
    def _convert(cls: type[_M], src_dict: Mapping[str, Any]) -> _M:
        """The model from a JSON object: the step of ``from_dict`` a model may replace."""
        return msgspec.convert(src_dict, cls, dec_hook=dec_hook, str_keys=True)


class WithAdditionalProperties:
    """A model the official package gives ``additional_properties``: ``from_dict`` keeps
    the keys beyond its fields there (at any depth), and item access reaches them:
    ``model["key"]``, ``"key" in model``."""

    __slots__ = ()

    additional_properties: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _check_consts(cls: type, consts: Mapping[str, str], src: Mapping[str, Any]) -> None:
    """Refuses a fixed field given another value, with the official package's words."""
    for key, value in consts.items():
        if key in src and src[key] != value:
            raise ModelValidationError(
                f"{key} must match const {value!r}, got '{src[key]}' "
                f"({cls.__name__} holds objects whose {key} is {value!r})"
            )


def _keep_additional_properties(model: Model, src: Mapping[str, Any]) -> None:
    """Puts the keys of ``src`` that ``model`` has no field for into its
    ``additional_properties``, in it and in the models it holds, where the model keeps
    them (:class:`WithAdditionalProperties`)."""
    cls = type(model)
    if isinstance(model, WithAdditionalProperties):
        known = cls.__struct_encode_fields__
        extra = {key: value for key, value in src.items() if key not in known}
        if extra:
            model.__dict__["additional_properties"] = extra
    for name, key in zip(cls.__struct_fields__, cls.__struct_encode_fields__, strict=True):
        value, given = getattr(model, name), src.get(key)
        if isinstance(value, Model) and isinstance(given, Mapping):
            _keep_additional_properties(value, given)
        elif isinstance(value, list) and isinstance(given, list):
            for item, given_item in zip(value, given, strict=False):
                if isinstance(item, Model) and isinstance(given_item, Mapping):
                    _keep_additional_properties(item, given_item)


def _add_additional_properties(model: Model, built: dict[str, Any]) -> dict[str, Any]:
    """``built`` (``model`` as JSON) with the additional properties of the model and of the
    models it holds, under the fields' keys (a field wins over an extra key)."""
    cls = type(model)
    for name, key in zip(cls.__struct_fields__, cls.__struct_encode_fields__, strict=True):
        value, item = getattr(model, name), built.get(key)
        if isinstance(value, Model) and isinstance(item, dict):
            built[key] = _add_additional_properties(value, item)
        elif isinstance(value, list) and isinstance(item, list):
            built[key] = [
                _add_additional_properties(v, i)
                if isinstance(v, Model) and isinstance(i, dict)
                else i
                for v, i in zip(value, item, strict=False)
            ]
    extra = model.__dict__.get("additional_properties")
    if extra:
        return {**_isoformat_all(msgspec.to_builtins(extra, enc_hook=enc_hook)), **built}
    return built


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

    It is a ``dict``; ``additional_properties`` (the dict itself, and settable),
    ``to_dict`` and ``from_dict`` work as on the official package's models.
    """

    #: The type of the values, where the API fixes it (permission lists): decoding and
    #: ``from_dict`` convert to it (enums). ``None``: values are plain JSON.
    _values: ClassVar[Any] = None
    _values_type: ClassVar[Any] = None
    #: Keys whose value is fixed, checked by ``from_dict`` (as on :class:`Model`).
    _consts: ClassVar[Mapping[str, str]] = MappingProxyType({})

    @property
    def additional_properties(self) -> dict[str, Any]:
        return self

    @additional_properties.setter
    def additional_properties(self, value: Mapping[str, Any]) -> None:
        items = dict(value)
        self.clear()
        self.update(items)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.keys())

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = msgspec.to_builtins(dict(self), enc_hook=enc_hook)
        return result

    @classmethod
    def from_dict(cls: type[_F], src_dict: Mapping[str, Any]) -> _F:
        if not isinstance(src_dict, Mapping):
            raise ModelValidationError(
                f"{cls.__name__}.from_dict expects a dict, got {type(src_dict).__name__}"
            )
        _check_consts(cls, cls._consts, src_dict)
        try:
            return cls._decode(dict(src_dict))
        except msgspec.ValidationError as exc:
            raise ModelValidationError(f"{cls.__name__}: {exc}") from None

    @classmethod
    def _decode(cls: type[_F], obj: dict[str, Any]) -> _F:
        if cls._values is None:
            return cls(obj)
        values_type = cls.__dict__.get("_values_type")
        if values_type is None:
            values_type = dict[str, cls._values]  # type: ignore[name-defined]
            cls._values_type = values_type
        return cls(msgspec.convert(obj, values_type, dec_hook=dec_hook))

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
    if type_ in _PLAIN_FREEFORM_TYPES and type(obj) is dict:
        return type_(obj)
    if isinstance(type_, type) and issubclass(type_, FreeForm) and isinstance(obj, dict):
        if type_._values is None:
            _PLAIN_FREEFORM_TYPES.add(type_)
        return type_._decode(obj)
    raise NotImplementedError(f"Cannot decode {type_!r}")


#: Free-form types whose values need no conversion: decoded with one copy.
_PLAIN_FREEFORM_TYPES: set[type] = set()


def camel(name: str) -> str:
    """A Python field name as the API spells it: ``default_accesses`` -> ``defaultAccesses``."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _isoformat_all(value: Any, isoformat: Any = datetime.datetime.isoformat) -> Any:
    """``value`` with its datetimes as text: by default as ``datetime.isoformat()`` writes
    them, as the official package's ``to_dict`` does (``2024-01-15T10:30:00+00:00``)."""
    if isinstance(value, datetime.datetime):
        return isoformat(value)
    if isinstance(value, dict):
        return {k: _isoformat_all(v, isoformat) for k, v in value.items()}
    if isinstance(value, list):
        return [_isoformat_all(v, isoformat) for v in value]
    return value


def api_isoformat(value: datetime.datetime) -> str:
    """A datetime as the API writes it: UTC with milliseconds and ``Z`` where exact."""
    if value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0):
        if value.microsecond % 1000 == 0:
            return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def to_api_json(model: Model) -> dict[str, Any]:
    """A model as the API's own JSON (what files meant to be read back as API answers
    hold): like ``to_dict()``, with datetimes in the API's millisecond form
    (``2022-07-13T14:32:50.697Z``)."""
    built = msgspec.to_builtins(model, enc_hook=enc_hook, builtin_types=(datetime.datetime,))
    result: dict[str, Any] = _isoformat_all(built, api_isoformat)
    return result
