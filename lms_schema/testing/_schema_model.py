"""Read the packaged schema into the small model the strategies generate from.

The strategies know the body only through this model, so a field, type,
format or enum value added to the schema reaches them without a code change.
A schema keyword that the model cannot express raises ``UnsupportedSchemaError``,
so a new kind of rule is noticed instead of silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lms_schema.schema import _resolve_local, load_schema

# The JSON types of JSON Schema, except "integer", which the package schema does not use.
JSON_TYPES = ("null", "boolean", "object", "array", "number", "string")

# Keywords that only annotate; they never change which values are valid.
_ANNOTATIONS = frozenset({"description", "examples", "title", "deprecated", "$comment", "default"})

# Keywords the model reads.
_MODELLED = frozenset({"type", "enum", "format", "properties", "additionalProperties", "$ref"})

# Keywords of the root that identify the schema document itself.
_DOCUMENT_KEYWORDS = frozenset({"$schema", "$id", "$defs"})


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword the strategies cannot generate values for."""


@dataclass(frozen=True)
class FieldSpec:
    """The values the schema allows at one place in the body.

    Attributes:
        path: The keys from the body to this place; ``()`` is the body itself.
        types: The allowed JSON types, in schema order.
        enum: The allowed values, ``None`` when any value of the types is allowed.
        format: The ``format`` of a string, if any.
        deprecated: The schema marks the field deprecated.
        members: The properties of an object, in schema order.
        closed: The object rejects properties other than ``members``.
    """

    path: tuple[str, ...]
    types: tuple[str, ...]
    enum: tuple[Any, ...] | None
    format: str | None
    deprecated: bool
    members: tuple[FieldSpec, ...]
    closed: bool

    @property
    def name(self) -> str:
        """The wire name of the field (``""`` for the body)."""
        return self.path[-1] if self.path else ""

    @property
    def pointer(self) -> str:
        """The RFC 6901 JSON Pointer of the field in a body."""
        return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in self.path)

    @property
    def missing_types(self) -> tuple[str, ...]:
        """The JSON types the field rejects."""
        return tuple(kind for kind in JSON_TYPES if kind not in self.types)

    def walk(self) -> Iterator[FieldSpec]:
        """Yield every field below this one, depth first, in schema order."""
        for member in self.members:
            yield member
            yield from member.walk()


def _check_keywords(node: dict[str, Any], path: tuple[str, ...]) -> None:
    for keyword in node:
        known = keyword in _ANNOTATIONS or keyword in _MODELLED or keyword.startswith("x-")
        if not known and not (path == () and keyword in _DOCUMENT_KEYWORDS):
            where = "/" + "/".join(path) if path else "the body"
            raise UnsupportedSchemaError(
                f"the schema keyword {keyword!r} at {where} is not modelled by lms_schema.testing; "
                "teach lms_schema.testing._schema_model and the strategies to generate values for it"
            )


def _read_types(node: dict[str, Any], path: tuple[str, ...]) -> tuple[str, ...]:
    declared = node.get("type", list(JSON_TYPES))
    types = (declared,) if isinstance(declared, str) else tuple(declared)
    for kind in types:
        if kind not in JSON_TYPES:
            where = "/" + "/".join(path)
            raise UnsupportedSchemaError(f"the type {kind!r} at {where} is not modelled by lms_schema.testing")
    return types


def _read_node(schema: dict[str, Any], node: dict[str, Any], path: tuple[str, ...]) -> FieldSpec:
    node = _resolve_local(schema, node)
    _check_keywords(node, path)

    extra = node.get("additionalProperties", True)
    if not isinstance(extra, bool):
        raise UnsupportedSchemaError(
            f"additionalProperties at /{'/'.join(path)} is a schema; lms_schema.testing models only true and false"
        )

    properties: dict[str, dict[str, Any]] = node.get("properties", {})
    members = tuple(_read_node(schema, child, (*path, name)) for name, child in properties.items())
    enum = node.get("enum")
    return FieldSpec(
        path=path,
        types=_read_types(node, path),
        enum=None if enum is None else tuple(enum),
        format=node.get("format"),
        deprecated=node.get("deprecated") is True,
        members=members,
        closed=extra is False,
    )


def read_body_spec(schema: dict[str, Any] | None = None) -> FieldSpec:
    """Read the model of the whole body from ``schema`` (default: the packaged schema).

    Raises:
        UnsupportedSchemaError: The schema uses a keyword the model cannot express.
    """
    document = load_schema() if schema is None else schema
    return _read_node(document, document, ())
