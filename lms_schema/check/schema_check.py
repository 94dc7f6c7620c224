"""Check a body against the JSON Schema and turn each violation into issues."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from lms_schema.check.formats import FORMAT_READERS, FormatError
from lms_schema.check.hints import (
    advise_date_time,
    describe_duration_problem,
    suggest_duration,
    suggest_epoch,
)
from lms_schema.issues import Issue, make_issue
from lms_schema.schema import _schema

# Format name in the schema to the code reported when a value breaks it.
_FORMAT_CODES = {"date-time": "LMS104", "duration": "LMS105"}


def pointer_from_path(path: Iterable[str | int]) -> str:
    """Build an RFC 6901 JSON Pointer from a sequence of keys and indexes."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _build_format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, reader in FORMAT_READERS.items():

        def check(instance: object, reader: Any = reader) -> bool:
            if isinstance(instance, str):
                reader(instance)
            return True

        checker.checks(name, raises=FormatError)(check)
    return checker


# Integers longer than this are described by their digit count: repr() of an
# int over 4,300 digits raises ValueError (sys.get_int_max_str_digits).
_MAX_SHOWN_INTEGER_BITS = 1000


def _is_huge_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_SHOWN_INTEGER_BITS


def short_repr(value: object) -> str:
    """Return a shortened repr of a JSON value for a message, without raising for any JSON value.

    Containers are named by their JSON type, so a deeply nested value cannot
    exhaust the stack, and a huge integer is described by its size.
    """
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, int) and _is_huge_integer(value):
        digits = int(value.bit_length() * 0.30103) + 1
        return f"an integer of about {digits:,} digits"

    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return shown


def _json_equal(first: object, second: object) -> bool:
    """Compare two JSON values as JSON does: true is not 1, and 1 equals 1.0."""
    if isinstance(first, bool) or isinstance(second, bool):
        return type(first) is type(second) and first == second
    if isinstance(first, (int, float)) and isinstance(second, (int, float)):
        return first == second
    if type(first) is not type(second):
        return False
    if isinstance(first, list) and isinstance(second, list):
        return len(first) == len(second) and all(map(_json_equal, first, second))
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(_json_equal(first[key], second[key]) for key in first)
    return first == second


def _type_keyword(validator: Any, types: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    names = [types] if isinstance(types, str) else list(types)
    if not any(validator.is_type(instance, name) for name in names):
        yield ValidationError(f"{short_repr(instance)} is not of type {', '.join(map(repr, names))}")


def _enum_keyword(validator: Any, enums: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not any(_json_equal(instance, allowed) for allowed in enums):
        yield ValidationError(f"{short_repr(instance)} is not one of {enums!r}")


# jsonschema's own "type" and "enum" build their messages with repr() of the
# whole value, which raises for huge integers and recurses through deep
# containers. These versions decide the same way and describe values safely.
_SafeValidator = validators.extend(  # type: ignore[no-untyped-call]  # the stubs leave extend untyped
    Draft202012Validator,
    validators={"type": _type_keyword, "enum": _enum_keyword},
)


@functools.cache
def schema_validator() -> Any:
    """Return the validator for the packaged schema with the strict format checkers."""
    return _SafeValidator(_schema(), format_checker=_build_format_checker())


def describe_value(value: object) -> str:
    """Describe a JSON value for a message: its text (shortened) and its JSON type."""
    kind = json_type(value)
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return short_repr(value)
    shown = short_repr(value)
    return f"{shown} (a {kind})" if kind != "string" else shown


def json_type(value: object) -> str:
    """Return the JSON type name of a Python value from ``json.loads``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _snake_case(name: str) -> str:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[\s\-]+", "_", spaced).lower()


def suggest_field(name: str, known: Iterable[str]) -> str | None:
    """Return the wire name that an unknown field most likely means, if any."""
    choices = list(known)
    snake = _snake_case(name)
    if snake in choices:
        return snake
    close = difflib.get_close_matches(snake, choices, n=1, cutoff=0.75)
    return close[0] if close else None


def _subschema(error: ValidationError) -> dict[str, Any]:
    """Return the schema object whose keyword failed (typed for mypy)."""
    return error.schema if isinstance(error.schema, dict) else {}


def _instance(error: ValidationError) -> Any:
    return error.instance


def _keyword_value(error: ValidationError) -> Any:
    return error.validator_value


def _unknown_field_issues(error: ValidationError, base: str) -> Iterator[Issue]:
    known = list(_subschema(error).get("properties", {}))
    for key in _instance(error):
        if key in known:
            continue
        pointer = base + pointer_from_path([key])
        suggestion = suggest_field(str(key), known)
        where = "the body" if base == "" else base
        message = f"unknown field {key!r} in {where}; the contract defines no such field"
        if suggestion is not None:
            hint = f"rename it to {suggestion!r}, the wire name"
        else:
            hint = f"remove it; the known fields are {', '.join(known)}"
        yield make_issue("LMS101", pointer, message, hint, suggestion=suggestion)


def _with_article(type_name: str) -> str:
    """Return a JSON type name as a message uses it: ``null``, ``an object``, ``a string``."""
    if type_name == "null":
        return type_name
    article = "an" if type_name[0] in "aeiou" else "a"
    return f"{article} {type_name}"


def _allowed_types(error: ValidationError) -> str:
    allowed = _keyword_value(error)
    names = [allowed] if isinstance(allowed, str) else list(allowed)
    names = [_with_article(name) for name in names]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _wrong_type_issue(error: ValidationError, pointer: str) -> Issue:
    value = _instance(error)
    if pointer == "":
        return make_issue(
            "LMS100",
            "",
            f"the body is {describe_value(value)}, not a JSON object",
            "send one JSON object with the completion fields, such as "
            "{\"learning_object_external_reference\": \"course-1\"}",
        )

    message = f"{describe_value(value)} must be {_allowed_types(error)}"
    suggestion: str | None = None
    hint = f"send {_allowed_types(error)}"
    value_format = _subschema(error).get("format")
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)

    if value_format == "duration" and is_number:
        suggestion = suggest_duration(value)
        if suggestion is not None:
            hint = f"{value} seconds is {suggestion!r}; send that string"
    elif value_format == "date-time" and is_number:
        suggestion = suggest_epoch(value)
        if suggestion is not None:
            hint = f"read as a Unix epoch time, {value} is {suggestion!r}; send that string"
    elif "string" in _allowed_types(error) and is_number and value_format is None and not _is_huge_integer(value):
        suggestion = str(value)
        hint = f"send it as a string: {suggestion!r}"
    return make_issue("LMS102", pointer, message, hint, suggestion=suggestion)


def _enum_issue(error: ValidationError, pointer: str) -> Issue:
    allowed = [value for value in _keyword_value(error) if value is not None]
    listed = ", ".join(repr(value) for value in allowed)
    value = _instance(error)
    message = f"{describe_value(value)} is not one of {listed} (or null)"

    suggestion = None
    if isinstance(value, str):
        matches = [item for item in allowed if str(item).lower() == value.strip().lower()]
        if matches:
            suggestion = str(matches[0])
    if suggestion is not None:
        hint = f"the values are case-sensitive; send {suggestion!r}"
    else:
        hint = (
            f"send one of {listed}; keep the provider's own status "
            f"{describe_value(value)} in 'source_value'"
        )
    return make_issue("LMS103", pointer, message, hint, suggestion=suggestion)


def _format_issue(error: ValidationError, pointer: str) -> Issue:
    format_name = str(_keyword_value(error))
    code = _FORMAT_CODES.get(format_name, "LMS199")
    value = _instance(error)
    cause = error.cause

    if format_name == "duration" and isinstance(value, str) and isinstance(cause, FormatError):
        reason = describe_duration_problem(value, cause)
        suggestion = suggest_duration(value)
        message = f"{value!r} is not an ISO 8601 duration in the RFC 3339 grammar: it {reason}"
        if suggestion is not None:
            hint = f"write it as {suggestion!r}"
        else:
            hint = "write it as in 'PT1H30M45S' (P, then units in order; T before hours, minutes and seconds)"
        return make_issue(code, pointer, message, hint, suggestion=suggestion)

    if format_name == "date-time" and isinstance(value, str):
        advice = advise_date_time(value)
        message = f"{value!r} is not an RFC 3339 date-time: it {advice.reason}"
        if advice.out_of_range:
            hint = "the form is right but a field is out of range; correct that field"
        elif advice.suggestion is None:
            hint = "write it as in '2021-07-21T14:00:00Z' (date, T, time with seconds, Z or ±hh:mm)"
        elif advice.time_assumed:
            hint = (
                f"add the time and its UTC offset: {advice.suggestion!r} if midnight UTC is meant, "
                "otherwise the real time, such as '2021-07-21T14:00:00+02:00'"
            )
        elif advice.offset_assumed:
            hint = (
                f"write it as {advice.suggestion!r} if the time is UTC, "
                "otherwise with its own offset such as '+02:00'"
            )
        else:
            hint = f"write it as {advice.suggestion!r}"
        return make_issue(code, pointer, message, hint, suggestion=advice.suggestion)

    return make_issue(code, pointer, f"{describe_value(value)} is not a valid {format_name}", str(error.message))


def _issues_for_error(error: ValidationError) -> Iterator[Issue]:
    pointer = pointer_from_path(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        yield from _unknown_field_issues(error, pointer)
    elif kind == "type":
        yield _wrong_type_issue(error, pointer)
    elif kind == "enum":
        yield _enum_issue(error, pointer)
    elif kind == "format":
        yield _format_issue(error, pointer)
    else:
        message = f"schema rule {kind!r} failed: {error.message}"
        yield make_issue("LMS199", pointer, message, "change the value so it meets the rule")


def check_schema(body: object) -> list[Issue]:
    """Return one issue per schema violation in ``body``.

    Body-level violations (unknown fields included) come first, then the
    violations inside fields in the order the fields appear in the body.
    """
    key_order = {key: index for index, key in enumerate(body)} if isinstance(body, dict) else {}

    def document_order(error: ValidationError) -> tuple[int, str]:
        if not error.absolute_path:
            return (-1, "")
        return (key_order.get(error.absolute_path[0], len(key_order)), pointer_from_path(error.absolute_path))

    errors = sorted(schema_validator().iter_errors(body), key=document_order)
    issues: list[Issue] = []
    for error in errors:
        issues.extend(_issues_for_error(error))
    return issues
