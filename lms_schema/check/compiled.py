"""Compile the completion schema into plain Python checks that give a verdict fast.

jsonschema interprets the schema anew for every instance and builds an error
object for each violation. The checks built here run the same draft 2020-12
rules as nested closures and return only whether the instance is valid. That
is all a request handler needs for a body that passes.

A compiled check returns True only when jsonschema would report no error. It
returns False both for a violation and for any value it cannot vouch for,
such as Python types that a JSON parser never produces (a ``dict`` subclass,
``Decimal``, a ``str`` subclass). So False means "ask jsonschema", and the
caller then builds the full report with jsonschema.

Only the keywords that the completion schema uses are compiled: ``type``,
``properties``, ``additionalProperties``, ``enum`` (of strings and null),
``format`` and local ``$ref``. Annotations (``description``, ``examples``,
``deprecated``, keywords starting with ``x-`` and the like) are skipped. Any
other keyword raises ``UnsupportedSchemaError``, so a schema change can never
be half understood: the caller then uses jsonschema for every body.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Decides whether one value conforms to one (sub)schema; False may also mean "not sure".
ValueCheck = Callable[[Any], bool]

# Decides whether a string conforms to a format; called only with strings.
FormatCheck = Callable[[str], bool]

# Keywords that carry no assertion in draft 2020-12 (annotations and
# identifiers). ``$id`` is accepted at the root only, because a nested ``$id``
# would change what the local references inside it point to.
ANNOTATION_KEYWORDS = frozenset(
    {
        "$schema",
        "$comment",
        "$defs",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)

ASSERTION_KEYWORDS = frozenset({"type", "properties", "additionalProperties", "enum", "format", "$ref"})

# JSON Schema type name to the exact Python types that json.loads returns for it.
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "number": (int, float),
    "integer": (int,),
}

# Local references nest at most this deep; deeper means a reference cycle.
_MAX_REFERENCE_DEPTH = 32


class UnsupportedSchemaError(Exception):
    """The schema uses a keyword or form that the compiler does not handle."""


@dataclass(frozen=True)
class CompiledSchema:
    """The checks compiled from one schema.

    Attributes:
        check: The verdict on a whole instance. With deferred formats it skips
            the ``format`` of each top-level property listed in
            ``deferred_formats``; the caller checks those itself.
        deferred_formats: Top-level property name and format name of each
            format check left to the caller.
        inline_formats: True when some format is checked inside ``check``,
            because it sits below the top level of the instance.
    """

    check: ValueCheck
    deferred_formats: tuple[tuple[str, str], ...]
    inline_formats: bool


def compile_schema(
    schema: Mapping[str, Any] | bool,
    format_checks: Mapping[str, FormatCheck],
    *,
    defer_top_level_formats: bool = False,
) -> CompiledSchema:
    """Compile a draft 2020-12 schema into a verdict function.

    Arguments:
        schema: The root schema, an object or a boolean.
        format_checks: Format name to its checker. A format not listed here is
            not asserted, as jsonschema treats a format its checker does not know.
        defer_top_level_formats: Leave the format of each top-level property
            to the caller (see ``CompiledSchema.deferred_formats``).

    Raises:
        UnsupportedSchemaError: The schema uses a keyword outside the compiled subset.
    """
    compiler = _Compiler(schema, format_checks)
    check = compiler.compile(schema, depth=0, defer_member_formats=defer_top_level_formats)
    return CompiledSchema(
        check=check,
        deferred_formats=tuple(compiler.deferred),
        inline_formats=compiler.inline_formats,
    )


def _always(value: object) -> bool:
    return True


def _never(value: object) -> bool:
    return False


class _Compiler:
    def __init__(self, root: Mapping[str, Any] | bool, format_checks: Mapping[str, FormatCheck]) -> None:
        self.root = root
        self.format_checks = format_checks
        self.deferred: list[tuple[str, str]] = []
        self.inline_formats = False

    def compile(
        self,
        node: Any,
        *,
        depth: int,
        defer_format_of: str | None = None,
        defer_member_formats: bool = False,
    ) -> ValueCheck:
        """Compile one schema node.

        ``defer_format_of`` names the top-level property that ``node``
        describes when its format is left to the caller. With
        ``defer_member_formats``, ``node`` describes the whole instance and
        the formats of its named properties are left to the caller.
        """
        if node is True:
            return _always
        if node is False:
            return _never
        if not isinstance(node, Mapping):
            raise UnsupportedSchemaError(f"a schema must be an object or a boolean, not {node!r}")
        self._reject_unknown_keywords(node, is_root=node is self.root)

        parts: list[ValueCheck] = []
        if "$ref" in node:
            if depth >= _MAX_REFERENCE_DEPTH:
                raise UnsupportedSchemaError("local references nest too deeply; is there a cycle?")
            target = self._resolve(node["$ref"])
            parts.append(
                self.compile(
                    target,
                    depth=depth + 1,
                    defer_format_of=defer_format_of,
                    defer_member_formats=defer_member_formats,
                )
            )
        if "type" in node:
            parts.append(_type_check(node["type"]))
        if "enum" in node:
            parts.append(_enum_check(node["enum"]))
        if "format" in node:
            format_check = self._format_check(node["format"], defer_format_of)
            if format_check is not None:
                parts.append(format_check)
        if "properties" in node or "additionalProperties" in node:
            parts.append(self._object_check(node, depth, defer_member_formats=defer_member_formats))
        return _all_of(parts)

    def _reject_unknown_keywords(self, node: Mapping[str, Any], *, is_root: bool) -> None:
        for keyword in node:
            if keyword in ASSERTION_KEYWORDS or keyword in ANNOTATION_KEYWORDS:
                continue
            if isinstance(keyword, str) and keyword.startswith("x-"):
                continue
            if keyword == "$id" and is_root:
                continue
            raise UnsupportedSchemaError(f"the keyword {keyword!r} is not compiled")

    def _resolve(self, reference: object) -> Any:
        if not isinstance(reference, str) or not reference.startswith("#"):
            raise UnsupportedSchemaError(f"only local references are compiled, not {reference!r}")
        if reference == "#":
            return self.root
        if not reference.startswith("#/"):
            raise UnsupportedSchemaError(f"only JSON Pointer references are compiled, not {reference!r}")

        target: Any = self.root
        for part in reference[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or key not in target:
                raise UnsupportedSchemaError(f"the reference {reference!r} points at nothing")
            target = target[key]
        return target

    def _format_check(self, format_name: object, defer_format_of: str | None) -> ValueCheck | None:
        if not isinstance(format_name, str):
            raise UnsupportedSchemaError(f"a format must be a string, not {format_name!r}")
        checker = self.format_checks.get(format_name)
        if checker is None:
            return None
        if defer_format_of is not None:
            self.deferred.append((defer_format_of, format_name))
            return None
        self.inline_formats = True

        def check_format(value: Any) -> bool:
            return not isinstance(value, str) or checker(value)

        return check_format

    def _object_check(self, node: Mapping[str, Any], depth: int, *, defer_member_formats: bool = False) -> ValueCheck:
        properties = node.get("properties", {})
        if not isinstance(properties, Mapping):
            raise UnsupportedSchemaError("properties must be an object")
        members: dict[str, ValueCheck] = {
            name: self.compile(
                subschema, depth=depth, defer_format_of=name if defer_member_formats else None
            )
            for name, subschema in properties.items()
        }

        additional = node.get("additionalProperties", True)
        extra: ValueCheck | None = None if additional is False else self.compile(additional, depth=depth)
        if extra is _always:
            extra = None
            allow_extra = True
        else:
            allow_extra = False

        def check_members(value: Any) -> bool:
            if type(value) is not dict:
                # The keywords apply to objects only; a dict subclass is left to jsonschema.
                return not isinstance(value, dict)
            for key, member in value.items():
                member_check = members.get(key)
                if member_check is None:
                    if allow_extra:
                        continue
                    if extra is None or not extra(member):
                        return False
                elif not member_check(member):
                    return False
            return True

        return check_members


def _type_check(type_keyword: object) -> ValueCheck:
    names = [type_keyword] if isinstance(type_keyword, str) else type_keyword
    if not isinstance(names, list) or not names or not all(isinstance(name, str) for name in names):
        raise UnsupportedSchemaError(f"type must be a type name or a list of them, not {type_keyword!r}")

    allowed: set[type] = set()
    for name in names:
        if name not in _JSON_TYPES:
            raise UnsupportedSchemaError(f"unknown type {name!r}")
        allowed.update(_JSON_TYPES[name])
    exact_types = frozenset(allowed)

    if "integer" in names and "number" not in names:
        # Draft 2020-12 counts a float with no fractional part, such as 1.0, as an integer.
        def check_type_or_whole_float(value: Any) -> bool:
            value_type = type(value)
            return value_type in exact_types or (value_type is float and value.is_integer())

        return check_type_or_whole_float

    def check_type(value: Any) -> bool:
        return type(value) in exact_types

    return check_type


def _enum_check(enum_keyword: object) -> ValueCheck:
    if not isinstance(enum_keyword, list) or not all(item is None or isinstance(item, str) for item in enum_keyword):
        raise UnsupportedSchemaError("only an enum of strings and null is compiled")
    strings = frozenset(item for item in enum_keyword if isinstance(item, str))
    allows_null = None in enum_keyword

    def check_enum(value: Any) -> bool:
        if value is None:
            return allows_null
        # A number, boolean, array or object never equals a string; a str subclass is left to jsonschema.
        return type(value) is str and value in strings

    return check_enum


def _all_of(parts: list[ValueCheck]) -> ValueCheck:
    parts = [part for part in parts if part is not _always]
    if not parts:
        return _always
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts

        def check_both(value: Any) -> bool:
            return first(value) and second(value)

        return check_both

    def check_all(value: Any) -> bool:
        return all(part(value) for part in parts)

    return check_all
