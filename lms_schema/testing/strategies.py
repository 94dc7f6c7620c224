"""Hypothesis strategies for completion request bodies: valid, faulty and questionable.

Needs the ``hypothesis`` extra (``pip install "lms-schema[hypothesis]"``). The
bodies are built from the packaged JSON Schema, so they follow it when it changes::

    from hypothesis import given
    from lms_schema.testing.strategies import completion_requests, invalid_completion_requests

    @given(completion_requests(require_identifier=True))
    def test_client_sends_every_valid_body(body): ...

    @given(invalid_completion_requests())
    def test_client_rejects_faulty_body(case):
        body, expected_code = case
        ...

Faults and questionable values are injected into generated valid bodies, so
every field and value class meets every fault. ``FAULT_CODES`` and
``QUESTIONABLE_CODES`` list the codes the strategies cover.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from hypothesis import strategies as st

from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.schema import schema_facts
from lms_schema.testing._faults import (
    ERROR_INJECTORS,
    RESULT_FIELD,
    SOURCE_MEMBER,
    STATUS_MEMBER,
    UNMAPPED_VALUE,
    WARNING_INJECTORS,
    FaultContext,
    Injector,
)
from lms_schema.testing._formats import (
    invalid_rfc3339_durations,
    invalid_rfc3339_timestamps,
    rfc3339_durations,
    rfc3339_timestamps,
)
from lms_schema.testing._schema_model import FieldSpec, UnsupportedSchemaError, read_body_spec
from lms_schema.testing._values import json_values, non_blank_text, values_of_type

__all__ = [
    "FAULT_CODES",
    "QUESTIONABLE_CODES",
    "UnsupportedSchemaError",
    "completion_requests",
    "invalid_completion_requests",
    "invalid_rfc3339_durations",
    "invalid_rfc3339_timestamps",
    "json_values",
    "questionable_completion_requests",
    "rfc3339_durations",
    "rfc3339_timestamps",
]

# The error codes that ``invalid_completion_requests`` covers, and the warning
# codes that ``questionable_completion_requests`` covers.
FAULT_CODES: tuple[str, ...] = tuple(ERROR_INJECTORS)
QUESTIONABLE_CODES: tuple[str, ...] = tuple(WARNING_INJECTORS)

Body = dict[str, Any]


@functools.cache
def _body_spec() -> FieldSpec:
    return read_body_spec()


@dataclass(frozen=True)
class _BodyOptions:
    """Settings for drawing valid bodies.

    Attributes:
        include_deprecated: Draw deprecated fields too.
        warning_free: Draw only values that the sense checks accept.
        now: The latest ``completed_at`` when ``warning_free``.
        limits: The thresholds the values keep to when ``warning_free``.
    """

    include_deprecated: bool
    warning_free: bool
    now: datetime
    limits: SenseLimits

    def includes(self, spec: FieldSpec) -> bool:
        return self.include_deprecated or not spec.deprecated

    def strings_for(self, spec: FieldSpec) -> st.SearchStrategy[str]:
        """Return the strategy for the string values of one field."""
        if spec.format == "date-time":
            if not self.warning_free:
                return rfc3339_timestamps()
            return rfc3339_timestamps(earliest=self.limits.earliest, latest=self.now)
        if spec.format == "duration":
            if not self.warning_free:
                return rfc3339_durations()
            max_seconds = int(self.limits.max_time_spent.total_seconds())
            return rfc3339_durations(calendar_units=False, nonzero=True, max_seconds=max_seconds)
        if spec.format is not None:
            raise UnsupportedSchemaError(
                f"the format {spec.format!r} of {spec.pointer} is not modelled by lms_schema.testing"
            )
        if self.warning_free and spec.path in _identifier_paths():
            return non_blank_text()
        return st.text()


def _identifier_paths() -> set[tuple[str, ...]]:
    return {(name,) for name in schema_facts().identifiers}


def _values_for(spec: FieldSpec, options: _BodyOptions) -> st.SearchStrategy[Any]:
    """Return the strategy for every value the schema allows at ``spec``."""
    if spec.enum is not None:
        return st.sampled_from(spec.enum)

    choices: list[st.SearchStrategy[Any]] = []
    for json_type in spec.types:
        if json_type == "string":
            choices.append(options.strings_for(spec))
        elif json_type == "object" and (spec.members or spec.closed):
            choices.append(_objects_for(spec, options))
        else:
            choices.append(values_of_type(json_type))
    return st.one_of(choices)


def _objects_for(spec: FieldSpec, options: _BodyOptions) -> st.SearchStrategy[Body]:
    """Return the strategy for objects with any subset of the members of ``spec``."""
    optional = {member.name: _values_for(member, options) for member in spec.members if options.includes(member)}
    return st.fixed_dictionaries({}, optional=optional)


@st.composite
def _bodies(draw: st.DrawFn, objects: st.SearchStrategy[Body], options: _BodyOptions, require_identifier: bool) -> Body:
    body = draw(objects)

    if require_identifier:
        facts = schema_facts()
        current = [name for name in facts.identifiers if name not in facts.deprecated]
        body[draw(st.sampled_from(current))] = draw(non_blank_text())

    # The sense checks expect the provider's own status beside unmapped_value.
    result = body.get(RESULT_FIELD)
    if options.warning_free and isinstance(result, dict) and _lacks_source(result):
        result[SOURCE_MEMBER] = draw(json_values().filter(lambda value: value is not None))
    return body


def _lacks_source(result: dict[str, Any]) -> bool:
    return result.get(STATUS_MEMBER) == UNMAPPED_VALUE and result.get(SOURCE_MEMBER) is None


def _check_aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime, such as datetime.now(timezone.utc)")
    return now


def completion_requests(
    *,
    include_deprecated: bool = True,
    require_identifier: bool = False,
    warning_free: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> st.SearchStrategy[Body]:
    """Generate completion request bodies that the package reports no error for.

    By default the bodies cover every field and value class the schema
    allows: absent fields and nulls, every ``result.value``, each JSON type of
    ``source_value``, timestamps with every kind of offset, fractions and leap
    seconds, durations in every unit and nested ``passthrough`` objects. Some
    of those values are questionable and draw warnings (a timestamp in the
    future, a blank identifier, a deprecated field).

    Arguments:
        include_deprecated: Also draw the deprecated fields.
        require_identifier: Always give one current (not deprecated)
            learning object identifier a non-blank value.
        warning_free: Draw only bodies without warnings either: no deprecated
            field, an identifier, ``completed_at`` between ``limits.earliest``
            and ``now``, ``time_spent`` in days, hours, minutes and seconds up
            to ``limits.max_time_spent``, and ``source_value`` beside
            ``unmapped_value``.
        now: The clock the bodies will be checked against (aware); defaults to
            the clock when the strategy is built. Only ``warning_free`` reads it.
        limits: The sense-check thresholds; only ``warning_free`` reads them.

    Example: ``completion_requests(require_identifier=True).example()``.
    """
    options = _BodyOptions(
        include_deprecated=include_deprecated and not warning_free,
        warning_free=warning_free,
        now=_check_aware(now),
        limits=limits,
    )
    # The object strategy is built once here: building it costs far more than drawing from it.
    return _bodies(_objects_for(_body_spec(), options), options, require_identifier or warning_free)


def _select(codes: Iterable[str] | None, injectors: dict[str, Injector], what: str) -> list[str]:
    if codes is None:
        return list(injectors)
    selected = [code.upper() for code in codes]
    unknown = [code for code in selected if code not in injectors]
    if unknown:
        raise ValueError(f"no {what} generator for {', '.join(unknown)}; the covered codes are {', '.join(injectors)}")
    if not selected:
        raise ValueError("codes is empty; pass None for every code")
    return selected


@st.composite
def _injected(
    draw: st.DrawFn,
    codes: list[str],
    injectors: dict[str, Injector],
    bodies: st.SearchStrategy[Body],
    context: FaultContext,
) -> tuple[object, str]:
    code = draw(st.sampled_from(codes))
    body = copy.deepcopy(draw(bodies))
    return injectors[code](draw, body, context), code


def _context(now: datetime, limits: SenseLimits) -> FaultContext:
    return FaultContext(body_spec=_body_spec(), facts=schema_facts(), now=now, limits=limits)


def invalid_completion_requests(codes: Iterable[str] | None = None) -> st.SearchStrategy[tuple[object, str]]:
    """Generate ``(body, expected_code)`` pairs, each body with exactly one error.

    Each body is a generated valid body with one fault injected. The fault is
    one of: a body that is not an object, an unknown (often misspelt) field, a
    value of the wrong JSON type, a ``result.value`` outside its enum, or a
    broken timestamp or duration. The package reports exactly one error for it, with
    ``expected_code``; warnings may come with it. Codes about JSON text (such
    as a syntax error) are out of scope, since these bodies are Python values.

    Arguments:
        codes: Draw only these codes (a subset of ``FAULT_CODES``); default all.

    Example: ``invalid_completion_requests(codes=["LMS105"])``.
    """
    selected = _select(codes, ERROR_INJECTORS, "fault")
    context = _context(datetime.now(timezone.utc), DEFAULT_LIMITS)
    return _injected(selected, ERROR_INJECTORS, completion_requests(), context)


def questionable_completion_requests(
    codes: Iterable[str] | None = None,
    *,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> st.SearchStrategy[tuple[Body, str]]:
    """Generate ``(body, expected_code)`` pairs, each body with exactly one warning.

    Each body is a generated warning-free body with one questionable value
    injected: a deprecated field, a timestamp in the future or before the
    floor date, a duration with years or months, of zero or too long, no or a
    blank identifier, or ``unmapped_value`` without ``source_value``. Checked
    with the same ``now`` and ``limits``, the body has no error and exactly
    one issue, a warning with ``expected_code``.

    Arguments:
        codes: Draw only these codes (a subset of ``QUESTIONABLE_CODES``); default all.
        now: The clock the bodies will be checked against (aware); defaults to
            the clock when the strategy is built. Future timestamps lie at
            least a day beyond it plus the tolerance.
        limits: The sense-check thresholds the bodies will be checked with.

    Example: ``questionable_completion_requests(codes=["LMS202"], now=fixed_now)``.
    """
    selected = _select(codes, WARNING_INJECTORS, "questionable value")
    clock = _check_aware(now)
    bodies = completion_requests(warning_free=True, now=clock, limits=limits)
    return _injected(selected, WARNING_INJECTORS, bodies, _context(clock, limits)).map(_as_body_pair)


def _as_body_pair(pair: tuple[object, str]) -> tuple[Body, str]:
    body, code = pair
    if not isinstance(body, dict):
        raise TypeError(f"the injector of {code} returned {type(body).__name__}, not a body object")
    return body, code
