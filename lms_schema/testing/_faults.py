"""Inject one fault, or one questionable value, into a valid body.

Each injector takes a valid body (its own copy, free to change) and returns
the body with exactly one problem, so that the package reports exactly one
issue with the code the injector is registered under. Targets, types, enum
values and formats are read from the schema model, never listed here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from lms_schema.check.sense import SenseLimits
from lms_schema.schema import SchemaFacts
from lms_schema.testing._formats import (
    EARLIEST_INSTANT,
    LATEST_INSTANT,
    UNIT_SECONDS,
    DurationParts,
    duration_parts,
    invalid_rfc3339_durations,
    invalid_rfc3339_timestamps,
    rfc3339_timestamps,
)
from lms_schema.testing._schema_model import FieldSpec
from lms_schema.testing._values import BLANK_TEXT, json_values, non_blank_text, values_of_type

# The result status meaning that the provider's status has no unified value,
# and the members of ``result`` that the sense check for it reads.
UNMAPPED_VALUE = "unmapped_value"
RESULT_FIELD = "result"
STATUS_MEMBER = "value"
SOURCE_MEMBER = "source_value"


@dataclass(frozen=True)
class FaultContext:
    """The inputs of the injectors: the schema model, its facts and the sense-check settings.

    Attributes:
        body_spec: The schema model of the whole body.
        facts: Field facts read from the schema.
        now: The clock the bodies will be checked against.
        limits: The thresholds of the sense checks.
    """

    body_spec: FieldSpec
    facts: SchemaFacts
    now: datetime
    limits: SenseLimits

    def fields(self, predicate: Callable[[FieldSpec], bool]) -> list[FieldSpec]:
        """Return every field of the body that matches ``predicate``, in schema order."""
        return [spec for spec in self.body_spec.walk() if predicate(spec)]

    def fields_with_format(self, format_name: str) -> list[FieldSpec]:
        """Return the string fields with the given ``format``."""
        return self.fields(lambda spec: spec.format == format_name)


Injector = Callable[[st.DrawFn, dict[str, Any], FaultContext], object]


def _draw_target(draw: st.DrawFn, targets: list[FieldSpec], what: str) -> FieldSpec:
    if not targets:
        raise ValueError(f"the schema has no field {what}, so this fault cannot be injected")
    return draw(st.sampled_from(targets))


def _parent_object(body: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """Return the object that contains the field at ``path``, creating empty objects on the way."""
    container = body
    for key in path[:-1]:
        child = container.get(key)
        if not isinstance(child, dict):
            child = {}
            container[key] = child
        container = child
    return container


def _set_field(body: dict[str, Any], spec: FieldSpec, value: object) -> None:
    _parent_object(body, spec.path)[spec.name] = value


# -- errors --------------------------------------------------------------------


def _not_an_object(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    replacements: dict[str, Callable[[], object]] = {
        "the body inside an array": lambda: [body],
        "the body as JSON text": lambda: json.dumps(body),
        "the field names as an array": lambda: list(body),
        "null": lambda: None,
        "a number": lambda: len(body),
        "a boolean": lambda: bool(body),
    }
    return replacements[draw(st.sampled_from(sorted(replacements)))]()


def _misspellings(name: str) -> list[str]:
    """Return the ways a client might misspell a wire name: camelCase, kebab-case, upper case."""
    words = name.split("_")
    camel = words[0] + "".join(word.title() for word in words[1:])
    return [camel, camel[:1].upper() + camel[1:], "-".join(words), name.upper(), name + "s", " " + name]


def _unknown_field(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    closed = [spec for spec in [context.body_spec, *context.body_spec.walk()] if spec.closed]
    container_spec = _draw_target(draw, closed, "that rejects unknown members")
    known = {member.name for member in container_spec.members}
    misspelt = sorted({variant for name in known for variant in _misspellings(name)} - known)

    names = st.sampled_from(misspelt) | st.text(min_size=1) if misspelt else st.text(min_size=1)
    name = draw(names.filter(lambda candidate: candidate not in known))
    container = _parent_object(body, (*container_spec.path, name))
    container[name] = draw(json_values())
    return body


def _wrong_type(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    # A field with an enum also rejects the wrong type through the enum, which
    # would be a second error, so only fields without one are targets.
    targets = context.fields(lambda spec: spec.enum is None and bool(spec.missing_types))
    spec = _draw_target(draw, targets, "that rejects a JSON type")
    json_type = draw(st.sampled_from(spec.missing_types))
    _set_field(body, spec, draw(values_of_type(json_type)))
    return body


def _enum_variants(values: tuple[Any, ...]) -> list[str]:
    """Return near misses of the allowed strings: other cases, a trailing space, a past tense."""
    strings = [value for value in values if isinstance(value, str)]
    variants = set()
    for value in strings:
        variants.update({value.lower(), value.upper(), value.swapcase(), value + " ", value.lower() + "ed"})
    return sorted(variants - set(strings))


def _value_outside_enum(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    # Only strings: a value of another type would also break the type rule.
    targets = context.fields(lambda spec: spec.enum is not None and "string" in spec.types)
    spec = _draw_target(draw, targets, "with an enum of strings")
    allowed = spec.enum or ()
    variants = _enum_variants(allowed)
    candidates = st.sampled_from(variants) | st.text() if variants else st.text()
    _set_field(body, spec, draw(candidates.filter(lambda value: value not in allowed)))
    return body


def _broken_format(format_name: str, broken_text: st.SearchStrategy[str]) -> Injector:
    def inject(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
        spec = _draw_target(draw, context.fields_with_format(format_name), f"with format {format_name!r}")
        _set_field(body, spec, draw(broken_text))
        return body

    return inject


# The codes of errors and their injectors. LMS199 (schema-violation) has none:
# it reports schema rules without a code of their own, and the packaged schema
# has no such rule, so no body can produce it (a self-test checks that).
ERROR_INJECTORS: dict[str, Injector] = {
    "LMS100": _not_an_object,
    "LMS101": _unknown_field,
    "LMS102": _wrong_type,
    "LMS103": _value_outside_enum,
    "LMS104": _broken_format("date-time", invalid_rfc3339_timestamps()),
    "LMS105": _broken_format("duration", invalid_rfc3339_durations()),
}


# -- warnings ------------------------------------------------------------------


def _deprecated_field(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    targets = context.fields(lambda spec: spec.deprecated and "string" in spec.types)
    spec = _draw_target(draw, targets, "that is deprecated")
    _set_field(body, spec, draw(non_blank_text()))
    return body


def _future_timestamp(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    spec = _draw_target(draw, context.fields_with_format("date-time"), "with format 'date-time'")
    # A day beyond the tolerance, so a check a little later than ``now`` still finds it in the future.
    earliest = context.now + context.limits.future_tolerance + timedelta(days=1)
    if earliest > LATEST_INSTANT:
        raise ValueError(f"no timestamp before {LATEST_INSTANT.isoformat()} lies in the future of {context.now}")
    _set_field(body, spec, draw(rfc3339_timestamps(earliest=earliest)))
    return body


def _early_timestamp(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    spec = _draw_target(draw, context.fields_with_format("date-time"), "with format 'date-time'")
    latest = context.limits.earliest - timedelta(seconds=1)
    if latest < EARLIEST_INSTANT:
        raise ValueError(f"no timestamp after {EARLIEST_INSTANT.isoformat()} lies before {context.limits.earliest}")
    _set_field(body, spec, draw(rfc3339_timestamps(latest=latest)))
    return body


def _max_time_spent_seconds(context: FaultContext) -> int:
    return int(context.limits.max_time_spent.total_seconds())


def _calendar_duration(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    spec = _draw_target(draw, context.fields_with_format("duration"), "with format 'duration'")
    parts = draw(duration_parts(require_calendar_unit=True, nonzero=True, max_seconds=_max_time_spent_seconds(context)))
    _set_field(body, spec, parts.render())
    return body


def _zero_duration(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    spec = _draw_target(draw, context.fields_with_format("duration"), "with format 'duration'")
    parts = draw(duration_parts(calendar_units=False, zero=True))
    _set_field(body, spec, parts.render())
    return body


def _lengthen(parts: DurationParts, at_least_seconds: int, extra: int) -> DurationParts:
    """Raise the largest unit of ``parts`` so the duration lasts at least ``at_least_seconds``."""
    unit = parts.units[0][1]
    needed = -(-at_least_seconds // UNIT_SECONDS[unit]) + extra
    if parts.weeks is not None:
        return DurationParts(weeks=needed, padding=parts.padding, lowercase=parts.lowercase)
    if parts.date:
        date = ((needed, unit), *parts.date[1:])
        return DurationParts(date=date, time=parts.time, padding=parts.padding, lowercase=parts.lowercase)
    time = ((needed, unit), *parts.time[1:])
    return DurationParts(time=time, padding=parts.padding, lowercase=parts.lowercase)


def _long_duration(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    spec = _draw_target(draw, context.fields_with_format("duration"), "with format 'duration'")
    parts = draw(duration_parts(calendar_units=False))
    longer = _lengthen(parts, _max_time_spent_seconds(context) + 1, draw(st.integers(0, 1000)))
    _set_field(body, spec, longer.render())
    return body


def _identifier_fields(context: FaultContext, *, deprecated: bool) -> list[FieldSpec]:
    names = [name for name in context.facts.identifiers if deprecated or name not in context.facts.deprecated]
    return context.fields(lambda spec: spec.path in {(name,) for name in names})


def _missing_identifier(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    for spec in _identifier_fields(context, deprecated=True):
        if draw(st.booleans()):
            body.pop(spec.name, None)
        else:
            body[spec.name] = None
    return body


def _blank_identifier(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    # A blank deprecated field would also be reported as deprecated, and a
    # body whose only identifier is blank also misses an identifier, so one
    # current identifier is blanked and another one is given.
    current = _identifier_fields(context, deprecated=False)
    if len(current) < 2:
        raise ValueError("a blank identifier alone needs two identifier fields that are not deprecated")
    blank = draw(st.sampled_from(current))
    given = draw(st.sampled_from([spec for spec in current if spec is not blank]))
    body[given.name] = draw(non_blank_text())
    body[blank.name] = draw(BLANK_TEXT)
    return body


def _unmapped_without_source(draw: st.DrawFn, body: dict[str, Any], context: FaultContext) -> object:
    result = body.get(RESULT_FIELD)
    if not isinstance(result, dict):
        result = {}
        body[RESULT_FIELD] = result
    result[STATUS_MEMBER] = UNMAPPED_VALUE
    if draw(st.booleans()):
        result.pop(SOURCE_MEMBER, None)
    else:
        result[SOURCE_MEMBER] = None
    return body


# The codes of warnings and their injectors; each expects a body without warnings.
WARNING_INJECTORS: dict[str, Injector] = {
    "LMS201": _deprecated_field,
    "LMS202": _future_timestamp,
    "LMS203": _early_timestamp,
    "LMS204": _calendar_duration,
    "LMS205": _zero_duration,
    "LMS206": _long_duration,
    "LMS207": _missing_identifier,
    "LMS208": _blank_identifier,
    "LMS209": _unmapped_without_source,
}
