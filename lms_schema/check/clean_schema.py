"""A stricter schema that accepts only bodies with no issue at all.

jsonschema-rs evaluates a schema in native code, so a body it accepts costs
about a microsecond. This module derives from the package schema a "clean
body" schema: the package schema plus conservative rules for everything the
Python checks add (strict formats, sense checks, deprecations). A body it
accepts has an empty report on the reference path. A body it rejects may
still be fine, so it goes through the usual checks. So it may only ever be
too strict, never too lenient, and a differential test checks that.

NOTE: the rules mirror ``sense.check_sense`` and the format checkers. A new
sense check must be mirrored here (or make this schema reject what it looks
at), like the screens of ``fast``.
"""

from __future__ import annotations

import copy
from typing import Any

from lms_schema.check.screens import SenseWindows
from lms_schema.schema import SchemaFacts

# The first character of a clean identifier: printable ASCII other than space,
# so that no definition of whitespace can make the value blank.
_NON_BLANK = "^[!-~]"

_SECONDS_PER_DAY = 86400


def _month_ranges(first_date: str, last_date: str) -> dict[int, list[int]]:
    """Return, per year, the months whose days 01 to 28 all lie within the two dates."""
    if not first_date or not last_date or first_date > last_date:
        return {}
    months: dict[int, list[int]] = {}
    for year in range(int(first_date[:4]), int(last_date[:4]) + 1):
        for month in range(1, 13):
            if f"{year:04d}-{month:02d}-01" >= first_date and f"{year:04d}-{month:02d}-28" <= last_date:
                months.setdefault(year, []).append(month)
    return months


def _date_pattern(first_date: str, last_date: str) -> str | None:
    """Return a pattern of the dates between the bounds, days 01 to 28 only, or None."""
    alternatives = []
    for year, months in _month_ranges(first_date, last_date).items():
        if months == list(range(1, 13)):
            month_part = "(?:0[1-9]|1[0-2])"
        else:
            month_part = "(?:" + "|".join(f"{month:02d}" for month in months) + ")"
        alternatives.append(f"{year:04d}-{month_part}")
    if not alternatives:
        return None
    return "(?:" + "|".join(alternatives) + ")-(?:0[1-9]|1[0-9]|2[0-8])"


def date_time_rule(windows: SenseWindows) -> dict[str, Any]:
    """Return the rule for a clean ``date-time``: valid, no leap second, and no timestamp warning.

    Days 29 to 31 and leap seconds are left to the Python checks, so no
    calendar arithmetic is needed here.
    """
    dates = _date_pattern(windows.first_date, windows.last_date)
    if dates is None:
        return {"not": {"type": "string"}}
    time = "[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?"
    offset = "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
    return {"pattern": f"^{dates}{time}{offset}$"}


def _time_part(first: str) -> str:
    """Return a pattern of the time part, ``first`` being the digits of the leading unit.

    Up to 99 hours with minutes and seconds of up to two digits, up to 9,999
    minutes with seconds, or up to 999,999 seconds (about 11.6 days).
    """
    minutes, seconds = "[0-9]{1,2}M", "[0-9]{1,2}S"
    return (
        f"T(?:{first}{{0,1}}H(?:{minutes}(?:{seconds})?)?"
        f"|{first}{{0,3}}M(?:{seconds})?"
        f"|{first}{{0,5}}S)"
    )


# The maximum length in seconds of a time part the patterns accept (999,999
# seconds alone), and of one with up to nine days before it.
_MAX_TIME_PART = 999_999
_MAX_WITH_DAYS = 9 * _SECONDS_PER_DAY + _MAX_TIME_PART


def duration_rule(windows: SenseWindows) -> dict[str, Any]:
    """Return the rule for a clean ``duration``: valid, not zero, no years or months, under the ceiling.

    The leading unit is non-zero and written without leading zeros, so the
    duration is not zero; the digit counts keep it under the ceiling.
    """
    # "[1-9][0-9]" then a repeat count: a non-zero leading unit; "[0-9][0-9]" any value.
    non_zero_time = _time_part("[1-9][0-9]")
    any_time = _time_part("[0-9][0-9]")
    if windows.max_seconds >= _MAX_WITH_DAYS:
        return {"pattern": f"^P(?:{non_zero_time}|[1-9]D(?:{any_time})?)$"}
    if windows.max_seconds >= _MAX_TIME_PART:
        return {"pattern": f"^P{non_zero_time}$"}
    return {"not": {"type": "string"}}


def _result_rule() -> dict[str, Any]:
    """Return the rule for ``result``: ``unmapped_value`` only with a ``source_value``."""
    unmapped = {"required": ["value"], "properties": {"value": {"const": "unmapped_value"}}}
    with_source = {"required": ["source_value"], "properties": {"source_value": {"not": {"type": "null"}}}}
    return {"anyOf": [{"not": {"type": "object"}}, {"not": unmapped}, with_source]}


def build_clean_schema(schema: dict[str, Any], facts: SchemaFacts, windows: SenseWindows) -> dict[str, Any]:
    """Return the package schema with the rules of a body that has no issue.

    Raises:
        ValueError: The schema already uses ``allOf`` at the top level, where
            the clean rules go, or a format has no clean rule.
    """
    if "allOf" in schema:
        raise ValueError("the schema has allOf at the top level")

    properties: dict[str, Any] = {}
    for name, format_name in facts.formats.items():
        if format_name == "date-time":
            properties[name] = date_time_rule(windows)
        elif format_name == "duration":
            properties[name] = duration_rule(windows)
        else:
            raise ValueError(f"no clean rule for format {format_name!r}")

    for name in facts.deprecated:
        properties[name] = {"type": "null"}

    current_identifiers = [name for name in facts.identifiers if name not in facts.deprecated]
    for name in current_identifiers:
        properties[name] = {"pattern": _NON_BLANK}
    properties["result"] = _result_rule()

    some_identifier = [{"required": [name], "properties": {name: {"type": "string"}}} for name in current_identifiers]

    clean = copy.deepcopy(schema)
    clean["allOf"] = [{"properties": properties, "anyOf": some_identifier}]
    return clean
