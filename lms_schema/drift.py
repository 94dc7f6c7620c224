"""Compare the provider's OpenAPI component with the package schema: ``lms-schema drift``.

Both schemas are read into the same small model (``Shape``): JSON types with
null, enum values, format, deprecation, object members, required members,
closed objects and other validation rules. ``$ref`` is resolved with the
``referencing`` library; ``allOf`` intersects its members and ``oneOf`` and
``anyOf`` unite them. ``nullable: true`` (OpenAPI 3.0, still used in many 3.1
documents) admits null wherever it is, beside ``allOf`` and ``oneOf`` too.

Each difference becomes an ``Issue`` with an ``LMS3xx`` code in one of three
categories: a provider change that can break a client (severity error, exit
status 1), a compatible provider change, or a place where the package is
deliberately stricter (both warnings).
"""

from __future__ import annotations

import argparse
import difflib
import json
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from referencing import Registry
from referencing.exceptions import PointerToNowhere, Unresolvable
from referencing.jsonschema import DRAFT202012

from lms_schema.check.schema_check import json_type
from lms_schema.issues import Issue, make_issue
from lms_schema.schema import load_schema, schema_facts

if TYPE_CHECKING:
    # The resolver class is not exported at the top of referencing (version 0.37).
    from referencing._core import Resolver

logger = logging.getLogger(__name__)

DEFAULT_COMPONENT = "LmsCreateCompletionRequestDto"

EXIT_NO_BREAKING_DRIFT = 0
EXIT_BREAKING_DRIFT = 1
EXIT_BAD_INPUT = 2

# Version of the JSON output layout; it changes only when a field is removed or renamed.
OUTPUT_VERSION = 1

Category = Literal["breaking", "compatible", "package-stricter"]

CATEGORY_TITLES: dict[Category, str] = {
    "breaking": "Provider changes that can break a client",
    "compatible": "Provider changes that do not break a client",
    "package-stricter": "Where the package is deliberately stricter (lms-schema explain LMS34)",
}

CATEGORY_BY_CODE: dict[str, Category] = {
    **dict.fromkeys(("LMS301", "LMS302", "LMS303", "LMS304", "LMS305", "LMS306", "LMS307", "LMS308"), "breaking"),
    **dict.fromkeys(("LMS321", "LMS322", "LMS323", "LMS324", "LMS325", "LMS326"), "compatible"),
    **dict.fromkeys(("LMS341", "LMS342", "LMS343"), "package-stricter"),
}

# "integer" is a subset of "number"; the other types are disjoint.
ALL_TYPES = frozenset({"null", "boolean", "object", "array", "number", "string"})

# A format named after a JSON type restricts nothing (the provider writes
# ``format: string`` on plain strings), so it counts as no format.
PLACEHOLDER_FORMATS = frozenset({"string", "number", "integer", "boolean", "object", "array"})

# Validation keywords outside the model's own; each counts as one opaque rule.
# Keywords not listed here (description, example, x-* extensions, ...) only annotate.
RULE_KEYWORDS = frozenset(
    {
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "items",
        "prefixItems", "contains", "minContains", "maxContains", "minProperties",
        "maxProperties", "propertyNames", "patternProperties", "dependentRequired",
        "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "not", "if",
        "then", "else",
    }
)  # fmt: skip


class DriftInputError(Exception):
    """The OpenAPI document cannot be compared: missing, unreadable, not OpenAPI, or no such component."""


# -- the model -------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """The values a schema accepts at one place, in the terms the comparison uses.

    Attributes:
        types: The accepted JSON types, ``"null"`` included when null is accepted.
        enum: Canonical JSON text of the accepted non-null values; ``None`` for no enum.
        format: The ``format`` that restricts the value, if any.
        deprecated: The field is marked deprecated.
        properties: The object's members by name.
        required: The names of required members.
        closed: The object rejects members it does not define.
        rules: Other validation keywords, as canonical JSON text of their values.
    """

    types: frozenset[str] = ALL_TYPES
    enum: frozenset[str] | None = None
    format: str | None = None
    deprecated: bool = False
    properties: Mapping[str, Shape] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    closed: bool = False
    rules: Mapping[str, str] = field(default_factory=dict)


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _admits(types: frozenset[str], json_type: str) -> bool:
    return json_type in types or (json_type == "integer" and "number" in types)


def _intersect_types(first: frozenset[str], second: frozenset[str]) -> frozenset[str]:
    common = set(first & second)
    if ("number" in first and "integer" in second) or ("integer" in first and "number" in second):
        common.add("integer")
    return frozenset(common)


def _intersect(first: Shape, second: Shape) -> Shape:
    """Combine two shapes that must both hold (``allOf``)."""
    if first.enum is None or second.enum is None:
        enum = first.enum if second.enum is None else second.enum
    else:
        enum = first.enum & second.enum
    properties = dict(first.properties)
    for name, child in second.properties.items():
        properties[name] = _intersect(properties[name], child) if name in properties else child
    return Shape(
        types=_intersect_types(first.types, second.types),
        enum=enum,
        # NOTE: two different formats on one value cannot both hold; the first one is kept.
        format=first.format or second.format,
        deprecated=first.deprecated or second.deprecated,
        properties=properties,
        required=first.required | second.required,
        closed=first.closed or second.closed,
        rules={**second.rules, **first.rules},
    )


def _admitting(shapes: list[Shape], kinds: set[str]) -> list[Shape]:
    """Return the shapes that admit one of ``kinds``, or all shapes when none does."""
    matching = [shape for shape in shapes if shape.types & kinds]
    return matching or shapes


def _unite(shapes: list[Shape]) -> Shape:
    """Combine alternatives of which one must hold (``oneOf``, ``anyOf``).

    Each attribute is combined over the alternatives it applies to: an
    alternative such as ``{type: "null"}`` neither opens an object nor drops an enum.
    """
    values = _admitting(shapes, set(ALL_TYPES - {"null"}))
    objects = _admitting(shapes, {"object"})

    united_enum: frozenset[str] | None = None
    if all(shape.enum is not None for shape in values):
        united_enum = frozenset().union(*(shape.enum for shape in values if shape.enum is not None))
    formats = {shape.format for shape in values}
    common_rules = {
        key: value for key, value in values[0].rules.items() if all(shape.rules.get(key) == value for shape in values)
    }
    properties: dict[str, Shape] = {}
    for shape in objects:
        for name, child in shape.properties.items():
            properties[name] = _unite([properties[name], child]) if name in properties else child

    return Shape(
        types=frozenset().union(*(shape.types for shape in shapes)),
        enum=united_enum,
        format=formats.pop() if len(formats) == 1 else None,
        deprecated=all(shape.deprecated for shape in values),
        properties=properties,
        required=frozenset.intersection(*(shape.required for shape in objects)),
        closed=all(shape.closed for shape in objects),
        rules=common_rules,
    )


# -- reading schemas -----------------------------------------------------------------

# The base URI of the OpenAPI document in the registry; local $ref resolve against it.
_DOCUMENT_URI = "urn:lms-schema:openapi-document"


class ShapeReader:
    """Reads schema objects into shapes, resolving ``$ref`` through one registry."""

    def __init__(self, resolver: Resolver[Any], *, source: str) -> None:
        self._resolver = resolver
        self._source = source
        self._active_references: list[str] = []

    def read(self, node: object, where: str, resolver: Resolver[Any] | None = None) -> Shape:
        """Read the schema ``node`` found at ``where`` (a JSON Pointer, for messages)."""
        resolver = resolver or self._resolver
        if node is True or node == {}:
            return Shape()
        if node is False:
            return Shape(types=frozenset())
        if not isinstance(node, dict):
            raise DriftInputError(f"{self._source}: the schema at {where or '/'} is {json_type(node)}, not an object")

        shape = self._read_own(node, where, resolver)
        reference = node.get("$ref")
        if isinstance(reference, str):
            shape = _intersect(shape, self._read_reference(reference, where, resolver))
        for index, member in enumerate(node.get("allOf", [])):
            shape = _intersect(shape, self.read(member, f"{where}/allOf/{index}", resolver))
        for keyword in ("oneOf", "anyOf"):
            members = node.get(keyword)
            if members:
                alternatives = [
                    self.read(item, f"{where}/{keyword}/{index}", resolver) for index, item in enumerate(members)
                ]
                shape = _intersect(shape, _unite(alternatives))

        # nullable: true admits null at any place, whatever allOf or oneOf beside it require.
        if node.get("nullable") is True:
            shape = replace(shape, types=shape.types | {"null"})
        return shape

    def _read_reference(self, reference: str, where: str, resolver: Resolver[Any]) -> Shape:
        if reference in self._active_references:
            # NOTE: a recursive schema is compared down to its first repetition only.
            logger.debug("stopping at the recursive $ref %s at %s", reference, where)
            return Shape()
        try:
            resolved = resolver.lookup(reference)
        except PointerToNowhere:
            raise DriftInputError(
                f"{self._source}: the $ref {reference!r} at {where or '/'} points to nothing in the document; "
                "correct the reference or add the component it names"
            ) from None
        except Unresolvable:
            raise DriftInputError(
                f"{self._source}: the $ref {reference!r} at {where or '/'} points outside the document; "
                "only references inside it (starting with #/) are supported, so bundle the document first"
            ) from None
        self._active_references.append(reference)
        try:
            return self.read(resolved.contents, f"{where}/$ref", resolved.resolver)
        finally:
            self._active_references.pop()

    def _read_own(self, node: dict[str, Any], where: str, resolver: Resolver[Any]) -> Shape:
        enum_values: list[Any] | None = None
        if "enum" in node and isinstance(node["enum"], list):
            enum_values = list(node["enum"])
        if "const" in node:
            enum_values = [node["const"]]

        declared = node.get("type")
        if declared is not None:
            types = frozenset([declared] if isinstance(declared, str) else declared)
        elif enum_values is not None:
            types = frozenset(json_type(value) for value in enum_values)
        else:
            types = ALL_TYPES

        properties = {
            str(name): self.read(child, f"{where}/properties/{name}", resolver)
            for name, child in (node.get("properties") or {}).items()
        }
        format_name = node.get("format")
        if not isinstance(format_name, str) or format_name in PLACEHOLDER_FORMATS:
            format_name = None
        rules = {
            keyword: _canonical(value)
            for keyword, value in node.items()
            if keyword in RULE_KEYWORDS and value not in ({}, True)
        }
        return Shape(
            types=types,
            enum=None if enum_values is None else frozenset(_canonical(v) for v in enum_values if v is not None),
            format=format_name,
            deprecated=node.get("deprecated") is True,
            properties=properties,
            required=frozenset(str(name) for name in node.get("required") or []),
            closed=node.get("additionalProperties") is False,
            rules=rules,
        )


def package_shape(schema: dict[str, Any] | None = None) -> Shape:
    """Read the package schema (or ``schema``, a JSON Schema 2020-12 document) into a shape."""
    document = load_schema() if schema is None else schema
    resource = DRAFT202012.create_resource(document)
    base = str(document.get("$id", "urn:lms-schema:package-schema"))
    registry: Registry[Any] = Registry().with_resource(base, resource)
    reader = ShapeReader(registry.resolver(base), source="the package schema")
    return reader.read(document, "")


# -- reading OpenAPI documents ---------------------------------------------------------


@dataclass(frozen=True)
class OpenApiDocument:
    """An OpenAPI document as loaded.

    Attributes:
        path: Where it was read from.
        version: The ``openapi`` field, such as ``3.1.0``.
        content: The whole document.
        seconds: How long reading and parsing took.
    """

    path: str
    version: str
    content: dict[str, Any]
    seconds: float


def yaml_loader() -> type[Any]:
    """Return PyYAML's C-accelerated safe loader when libyaml is available, else the pure-Python one.

    The C loader reads a 2 MB document several times faster; docs/drift.md has
    the measurement. PyYAML is imported here, so other commands never pay for it.
    """
    import yaml

    loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _parse_text(path: Path, text: str) -> object:
    import yaml

    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise DriftInputError(
                f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}; fix the syntax there"
            ) from None
    try:
        return yaml.load(text, Loader=yaml_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        position = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise DriftInputError(f"{path}{position}: not valid YAML: {error.problem}; fix the syntax there") from None
    except yaml.YAMLError as error:
        raise DriftInputError(f"{path}: not valid YAML: {error}") from None


def load_openapi(path: Path) -> OpenApiDocument:
    """Read an OpenAPI 3 document from a YAML or JSON file (``.json`` is read as JSON).

    Raises:
        DriftInputError: The file is missing or unreadable, is not YAML or
            JSON, or is not an OpenAPI 3 document.
    """
    started = time.perf_counter()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DriftInputError(f"{path}: file not found; pass the path of the provider's OpenAPI document") from None
    except IsADirectoryError:
        raise DriftInputError(f"{path}: is a folder; pass the path of the OpenAPI document file") from None
    except OSError as error:
        raise DriftInputError(f"{path}: cannot be read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DriftInputError(
            f"{path}: not UTF-8 text (invalid byte at offset {error.start}); save it as UTF-8"
        ) from None

    content = _parse_text(path, text)
    seconds = time.perf_counter() - started
    logger.debug("read %s (%d bytes) in %.2f s", path, len(data), seconds)

    if not isinstance(content, dict):
        raise DriftInputError(f"{path}: not an OpenAPI document: the top level is {json_type(content)}, not an object")
    if "swagger" in content and "openapi" not in content:
        raise DriftInputError(f"{path}: a Swagger {content['swagger']} document; convert it to OpenAPI 3 first")
    version = content.get("openapi")
    if not isinstance(version, str):
        raise DriftInputError(f"{path}: not an OpenAPI document: it has no 'openapi' version field")
    if not version.startswith("3."):
        raise DriftInputError(f"{path}: OpenAPI {version} is not supported; versions 3.0 and 3.1 are")
    return OpenApiDocument(path=str(path), version=version, content=content, seconds=seconds)


def _component_schemas(document: OpenApiDocument) -> dict[str, Any]:
    components = document.content.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def provider_shape(document: OpenApiDocument, component: str) -> Shape:
    """Read the schema component ``component`` of the document into a shape.

    Raises:
        DriftInputError: The document has no such component, or a ``$ref`` in it cannot be resolved.
    """
    schemas = _component_schemas(document)
    if component not in schemas:
        close = difflib.get_close_matches(component, [str(name) for name in schemas], n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; pass the name with --component"
        raise DriftInputError(f"{document.path}: no schema component {component!r} in components/schemas{hint}")

    # The document root is not a schema, but JSON Pointers into it resolve all the same.
    resource = DRAFT202012.create_resource(document.content)
    registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, resource)
    reader = ShapeReader(registry.resolver(_DOCUMENT_URI), source=document.path)
    return reader.read(schemas[component], f"/components/schemas/{component}")


# -- comparing -------------------------------------------------------------------------


def _where(pointer: str) -> str:
    return pointer or "the body"


def _list(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _compare_types(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    if "null" in package.types and "null" not in provider.types:
        yield make_issue(
            "LMS303",
            pointer,
            f"the provider no longer accepts null for {_where(pointer)}; the package allows null",
            "clients: send a non-null value. Package maintainers: remove null from its type in the schema",
        )
    elif "null" in provider.types and "null" not in package.types:
        yield make_issue(
            "LMS323",
            pointer,
            f"the provider accepts null for {_where(pointer)}; the package does not",
            "add null to the field's type in the package schema if clients need it",
        )

    narrowed = [kind for kind in package.types - {"null"} if not _admits(provider.types, kind)]
    widened = [kind for kind in provider.types - {"null"} if not _admits(package.types, kind)]
    if narrowed:
        yield make_issue(
            "LMS304",
            pointer,
            f"the provider no longer accepts {_list(narrowed)} for {_where(pointer)} "
            f"(provider: {_list(provider.types) or 'nothing'}; package: {_list(package.types)})",
            "clients: send only the types the provider lists. Package maintainers: narrow the type in the schema",
        )
    if widened:
        yield make_issue(
            "LMS324",
            pointer,
            f"the provider also accepts {_list(widened)} for {_where(pointer)} (package: {_list(package.types)})",
            "add the types to the package schema if clients need them",
        )


def _compare_enums(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    if provider.enum == package.enum:
        return
    if provider.enum is None:
        yield make_issue(
            "LMS325",
            pointer,
            f"the provider no longer limits {_where(pointer)} to an enum; the package accepts only "
            f"{_list(package.enum or ())}",
            "widen the field in the package schema if clients need other values",
        )
        return
    if package.enum is None:
        yield make_issue(
            "LMS305",
            pointer,
            f"the provider limits {_where(pointer)} to the enum {_list(provider.enum)}; the package accepts any value",
            "clients: send only those values. Package maintainers: add the enum to the schema",
        )
        return
    removed = package.enum - provider.enum
    added = provider.enum - package.enum
    if removed:
        yield make_issue(
            "LMS305",
            pointer,
            f"the provider no longer accepts {_list(removed)} for {_where(pointer)} (provider: {_list(provider.enum)})",
            "clients: map those values to ones the provider lists. "
            "Package maintainers: remove them from the enum in the schema",
        )
    if added:
        yield make_issue(
            "LMS325",
            pointer,
            f"the provider also accepts {_list(added)} for {_where(pointer)}",
            "add the values to the enum in the package schema",
        )


def _compare_formats(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    if provider.format == package.format:
        return
    if provider.format is None:
        yield make_issue(
            "LMS341",
            pointer,
            f"the package checks format {package.format!r} on {_where(pointer)}; the provider's component "
            "states no format that restricts the value",
            "nothing to do: the package is stricter on purpose (lms-schema explain LMS34 describes each case)",
        )
        return
    package_format = repr(package.format) if package.format else "no format"
    yield make_issue(
        "LMS306",
        pointer,
        f"the provider requires format {provider.format!r} for {_where(pointer)}; the package checks {package_format}",
        f"clients: write the values in format {provider.format!r}. Package maintainers: put that format in the schema",
    )


def _compare_rules(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    for keyword in sorted(set(provider.rules) | set(package.rules)):
        ours = package.rules.get(keyword)
        theirs = provider.rules.get(keyword)
        if ours == theirs:
            continue
        if theirs is None:
            yield make_issue(
                "LMS343",
                pointer,
                f"the package constrains {_where(pointer)} with {keyword}: {ours}; the provider does not",
                "document the rule in docs/drift.md if it is deliberate, or remove it from the package schema",
            )
        else:
            package_rule = f"the package has {keyword}: {ours}" if ours is not None else "the package does not check it"
            yield make_issue(
                "LMS308",
                pointer,
                f"the provider constrains {_where(pointer)} with {keyword}: {theirs}; {package_rule}",
                f"clients: keep the values within {keyword}: {theirs}. Package maintainers: add the rule to the schema",
            )


def _member_pointer(pointer: str, name: str) -> str:
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1")


def _compare_members(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    if provider.closed and not package.closed:
        yield make_issue(
            "LMS307",
            pointer,
            f"the provider rejects members of {_where(pointer)} that it does not define; the package allows any",
            "clients: send only the members the provider defines. "
            "Package maintainers: set additionalProperties to false in the schema",
        )
    elif package.closed and not provider.closed:
        yield make_issue(
            "LMS342",
            pointer,
            f"the package rejects unknown members of {_where(pointer)}; the provider's component leaves it open",
            "nothing to do: the package is stricter on purpose (lms-schema explain LMS34 describes each case)",
        )

    names = list(package.properties) + [name for name in provider.properties if name not in package.properties]
    for name in names:
        member = _member_pointer(pointer, name)
        if name in provider.required and name not in package.required:
            yield make_issue(
                "LMS302",
                member,
                f"the provider requires {name!r}; the package treats it as optional",
                "clients: send the field in every body. Package maintainers: add it to required in the schema",
            )
        elif name in package.required and name not in provider.required:
            yield make_issue(
                "LMS322",
                member,
                f"the provider no longer requires {name!r}; the package does",
                "remove the field from required in the package schema",
            )

        if name not in provider.properties:
            yield make_issue(
                "LMS301",
                member,
                f"the provider's component no longer defines {name!r}, which the package accepts",
                "check the provider's changelog; stop sending the field and remove it from the package schema",
            )
        elif name not in package.properties:
            verdict = "rejects it as unknown" if package.closed else "accepts it without checking it"
            yield make_issue(
                "LMS321",
                member,
                f"the provider defines a new field {name!r} ({_list(provider.properties[name].types)}); "
                f"the package {verdict}",
                "add the field to the package schema to let clients send it",
            )
        else:
            yield from compare_shapes(provider.properties[name], package.properties[name], member)

    # A required name that neither side defines as a property.
    for name in sorted((provider.required ^ package.required) - set(names)):
        code = "LMS302" if name in provider.required else "LMS322"
        side = "the provider" if code == "LMS302" else "the package"
        yield make_issue(
            code,
            _member_pointer(pointer, name),
            f"{side} requires {name!r} without defining it as a property",
            "align required with the properties in the package schema",
        )


def _compare_deprecation(provider: Shape, package: Shape, pointer: str) -> Iterator[Issue]:
    if provider.deprecated == package.deprecated or not pointer:
        return
    if provider.deprecated:
        message = f"the provider marks {pointer} deprecated; the package does not"
        hint = "mark the field deprecated in the package schema, with x-replaced-by naming its replacement"
    else:
        message = f"the provider no longer marks {pointer} deprecated; the package does"
        hint = "remove deprecated and x-replaced-by from the field in the package schema"
    yield make_issue("LMS326", pointer, message, hint)


def compare_shapes(provider: Shape, package: Shape, pointer: str = "") -> list[Issue]:
    """Compare the provider's shape with the package's at ``pointer`` and below.

    Returns:
        One issue per difference, in the order of the package's fields.
    """
    issues = [
        *_compare_deprecation(provider, package, pointer),
        *_compare_types(provider, package, pointer),
        *_compare_enums(provider, package, pointer),
        *_compare_formats(provider, package, pointer),
        *_compare_rules(provider, package, pointer),
    ]
    has_members = provider.properties or package.properties or provider.closed or package.closed
    if has_members and "object" in provider.types | package.types:
        issues.extend(_compare_members(provider, package, pointer))
    return issues


# -- the command -------------------------------------------------------------------------


@dataclass(frozen=True)
class DriftReport:
    """The outcome of one drift check.

    Attributes:
        document: The OpenAPI document compared.
        component: The name of the schema component compared.
        revision: The contract revision the package schema models.
        issues: Every difference, as issues with ``LMS3xx`` codes.
    """

    document: OpenApiDocument
    component: str
    revision: str
    issues: tuple[Issue, ...]

    def in_category(self, category: Category) -> list[Issue]:
        """Return the issues of one category, in the order found."""
        return [issue for issue in self.issues if CATEGORY_BY_CODE[issue.code] == category]

    @property
    def breaking(self) -> bool:
        """True when a provider change can break a client."""
        return bool(self.in_category("breaking"))


def check_drift(path: Path, component: str = DEFAULT_COMPONENT) -> DriftReport:
    """Compare ``component`` of the OpenAPI document at ``path`` with the package schema.

    Raises:
        DriftInputError: The document cannot be read or compared.
    """
    document = load_openapi(path)
    provider = provider_shape(document, component)
    issues = tuple(replace(issue, file=document.path) for issue in compare_shapes(provider, package_shape()))
    return DriftReport(document=document, component=component, revision=schema_facts().revision, issues=issues)


def render_text(report: DriftReport) -> str:
    """Render the report as plain text, one section per category."""
    lines = [
        f"{report.document.path}: component {report.component} (OpenAPI {report.document.version}) "
        f"against the package schema (revision {report.revision})",
    ]
    for category, title in CATEGORY_TITLES.items():
        issues = report.in_category(category)
        lines.append("")
        lines.append(f"{title}: {len(issues) or 'none'}")
        for issue in issues:
            lines.append(f"  {issue.pointer or '(body)'}: {issue.code} {issue.name}: {issue.message}")
            lines.append(f"    hint: {issue.hint}")

    counts = {category: len(report.in_category(category)) for category in CATEGORY_TITLES}
    lines.append("")
    lines.append(
        f"{counts['breaking']} breaking, {counts['compatible']} compatible, "
        f"{counts['package-stricter']} deliberately stricter"
    )
    return "\n".join(lines) + "\n"


def _issue_to_dict(issue: Issue) -> dict[str, Any]:
    return {
        "category": CATEGORY_BY_CODE[issue.code],
        "pointer": issue.pointer,
        "code": issue.code,
        "name": issue.name,
        "severity": issue.severity,
        "message": issue.message,
        "hint": issue.hint,
    }


def render_json(report: DriftReport) -> str:
    """Render the report as one JSON document for tools."""
    document = {
        "version": OUTPUT_VERSION,
        "file": report.document.path,
        "openapi": report.document.version,
        "component": report.component,
        "package_revision": report.revision,
        "breaking": report.breaking,
        "issues": [_issue_to_dict(issue) for issue in report.issues],
        "summary": {category: len(report.in_category(category)) for category in CATEGORY_TITLES},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": render_text, "json": render_json}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Register the ``drift`` subcommand on the command line's subparsers."""
    drift = commands.add_parser(
        "drift",
        help="compare the provider's OpenAPI document with the package schema",
        description="Compare a schema component of the provider's OpenAPI document (YAML or JSON, "
        "OpenAPI 3.0 or 3.1) with the package schema. Exit status: 0 when no provider change can "
        "break a client, 1 when one can, 2 when the file or the component is missing or the "
        "document is not OpenAPI.",
    )
    drift.add_argument("openapi_file", metavar="OPENAPI_FILE", type=Path, help="the OpenAPI document, .yaml or .json")
    drift.add_argument(
        "--component",
        default=DEFAULT_COMPONENT,
        metavar="NAME",
        help=f"the schema component under components/schemas (default: {DEFAULT_COMPONENT})",
    )
    drift.add_argument(
        "--output", "-o", choices=sorted(RENDERERS), default="text", help="output format (default: text)"
    )
    return drift


def run(arguments: argparse.Namespace) -> int:
    """Run ``lms-schema drift`` and return its exit status."""
    try:
        report = check_drift(arguments.openapi_file, arguments.component)
    except DriftInputError as error:
        sys.stderr.write(f"lms-schema drift: {error}\n")
        return EXIT_BAD_INPUT

    sys.stdout.write(RENDERERS[arguments.output](report))
    return EXIT_BREAKING_DRIFT if report.breaking else EXIT_NO_BREAKING_DRIFT
