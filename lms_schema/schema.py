"""Load the completion schema and the facts the checks read from it.

The JSON Schema file is the single source of truth for the request body. The
wheel ships it inside the package; a source checkout keeps it in the
top-level ``schemas/`` folder. Everything here is derived from that file, so
field names, deprecations, identifiers and formats are never listed twice.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

SCHEMA_FILE_NAME = "lms-create-completion-request.schema.json"

# Custom annotation keywords. JSON Schema 2020-12 ignores unknown keywords for
# validation, so these carry facts for this package without changing validity.
IDENTIFIER_KEYWORD = "x-identifier"
REPLACEMENT_KEYWORD = "x-replaced-by"


def _read_schema_text() -> str:
    packaged = resources.files("lms_schema").joinpath("schemas").joinpath(SCHEMA_FILE_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")

    # A source checkout or an editable install: the file sits at the top level.
    checkout = Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE_NAME
    return checkout.read_text(encoding="utf-8")


@functools.cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_read_schema_text())
    return loaded


def load_schema() -> dict[str, Any]:
    """Return a fresh copy of the completion request schema as a dict.

    The copy is the caller's to change; the package keeps its own.
    """
    return copy.deepcopy(_schema())


def schema_text() -> str:
    """Return the schema file exactly as shipped."""
    return _read_schema_text()


@dataclass(frozen=True)
class SchemaFacts:
    """Facts about the body that the Python checks read from the schema.

    Attributes:
        revision: The contract revision the schema models.
        fields: Wire names of the top-level properties, in schema order.
        formats: Top-level field name to its ``format`` value.
        deprecated: Deprecated field name to the field that replaces it.
        identifiers: Fields that name the learning object, deprecated ones included.
        result_fields: Wire names of the members of ``result``.
        result_values: Allowed values of ``result.value``, ``None`` excluded.
    """

    revision: str
    fields: tuple[str, ...]
    formats: dict[str, str]
    deprecated: dict[str, str]
    identifiers: tuple[str, ...]
    result_fields: tuple[str, ...]
    result_values: tuple[str, ...]


def _resolve_local(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref")
    if reference is None:
        return node
    if not isinstance(reference, str) or not reference.startswith("#/"):
        raise ValueError(f"schema uses a non-local $ref {reference!r}")

    target: Any = schema
    for part in reference[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return merged


@functools.cache
def schema_facts() -> SchemaFacts:
    """Return the facts derived from the packaged schema (computed once)."""
    schema = _schema()
    properties: dict[str, dict[str, Any]] = schema["properties"]

    formats = {
        name: spec["format"] for name, spec in properties.items() if "format" in spec
    }
    deprecated = {
        name: str(spec.get(REPLACEMENT_KEYWORD, ""))
        for name, spec in properties.items()
        if spec.get("deprecated") is True
    }
    identifiers = tuple(
        name for name, spec in properties.items() if spec.get(IDENTIFIER_KEYWORD) is True
    )

    result = _resolve_local(schema, properties["result"])
    result_properties: dict[str, dict[str, Any]] = result["properties"]
    result_values = tuple(
        value for value in result_properties["value"].get("enum", []) if value is not None
    )

    return SchemaFacts(
        revision=str(schema.get("x-contract-revision", "")),
        fields=tuple(properties),
        formats=formats,
        deprecated=deprecated,
        identifiers=identifiers,
        result_fields=tuple(result_properties),
        result_values=result_values,
    )
