"""The fast path of ``collect_issues``: a cheap verdict first, the full report only when needed.

Most bodies in production pass. For them the reference path (jsonschema's
``iter_errors`` plus every sense check) spends its time proving that nothing
is wrong. The fast path proves it with checks compiled from the schema
(``compiled``), or with jsonschema-rs when the optional accelerator is
installed, plus the format screens (``screens``) and a screen that mirrors
the identifier, deprecation and result checks.

Each step either proves its part of the report or hands that part to the
reference code, so the report equals the reference path's in every case. A
body that fails the verdict gets jsonschema's full report. A body that may
deserve a warning other than a deprecation goes through ``check_sense``. A
differential test compares the two paths on generated bodies.
"""

from __future__ import annotations

import functools
import importlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from lms_schema.check.clean_schema import build_clean_schema
from lms_schema.check.compiled import UnsupportedSchemaError, ValueCheck, compile_schema
from lms_schema.check.formats import FORMAT_READERS, FormatError
from lms_schema.check.schema_check import check_schema
from lms_schema.check.screens import (
    CLEAN,
    FAST_FORMAT_CHECKS,
    FORMAT_SCREENS,
    INVALID,
    VERDICT_ONLY,
    FormatScreen,
    SenseWindows,
)
from lms_schema.check.sense import SenseLimits, check_sense
from lms_schema.issues import Issue, Report
from lms_schema.schema import SchemaFacts, _schema, schema_facts

logger = logging.getLogger(__name__)

# Codes whose issue text depends on the schema alone, so one instance is
# built in advance and reused (issues are immutable).
_DEPRECATED_CODE = "LMS201"
_NO_IDENTIFIER_CODE = "LMS207"

# The report of every clean body; reports are immutable, so one is shared.
_EMPTY_REPORT = Report(())


class FastPath:
    """Builds the same report as the reference path, faster for bodies that pass.

    Arguments:
        schema: The completion schema.
        facts: The facts the sense checks read from the schema.
        accelerated: Decide types, enums and unknown fields with jsonschema-rs
            instead of the compiled Python checks. Formats stay with the
            package's strict checkers either way.

    Raises:
        UnsupportedSchemaError: The schema uses a keyword the compiler does
            not handle, or a sense warning is not a fixed issue.
        ImportError: ``accelerated`` is set but jsonschema-rs is not installed.
    """

    def __init__(self, schema: Mapping[str, Any], facts: SchemaFacts, *, accelerated: bool = False) -> None:
        compiled = compile_schema(schema, format_checks(), defer_top_level_formats=True)
        self.accelerated = accelerated
        self._structure: ValueCheck = compiled.check
        self._rs_is_valid: Callable[[Any], bool] | None = None
        self._jsonschema_rs: Any = None
        self._schema = dict(schema)
        self._clean_validators: dict[tuple[str, str, float], Callable[[Any], bool]] = {}
        self._clean_array_validators: dict[tuple[str, str, float], Callable[[Any], bool]] = {}
        if accelerated:
            if compiled.inline_formats:
                raise UnsupportedSchemaError(
                    "a format below the top level of the body would be left to jsonschema-rs"
                )
            jsonschema_rs: Any = importlib.import_module("jsonschema_rs")
            self._rs_is_valid = jsonschema_rs.validator_for(dict(schema), validate_formats=False).is_valid
            self._jsonschema_rs = jsonschema_rs

        self._facts = facts
        self._format_screens = tuple(
            (name, _screen_for(format_name)) for name, format_name in compiled.deferred_formats
        )
        self._deprecations = tuple((name, _deprecation_issue(name, facts)) for name in facts.deprecated)
        self._identifiers = facts.identifiers
        self._no_identifier_issue = _no_identifier_issue(facts)
        self._windows: SenseWindows | None = None

    def collect(self, body: object, *, now: datetime | None, limits: SenseLimits, strict: bool) -> Report:
        """Check ``body`` and return the report that the reference path returns.

        Arguments:
            body: The body as Python data.
            now: The current time as an aware datetime. None reads the clock
                when a timestamp or a sense check needs it.
            limits: Thresholds of the sense checks.
            strict: Report every warning as an error.
        """
        if type(body) is not dict and not isinstance(body, Mapping):
            return Report.of(check_schema(body), strict=strict)

        if self._jsonschema_rs is not None and self._is_clean(body, self._sense_windows(now, limits)):
            return _EMPTY_REPORT

        valid = self._structure_is_valid(body)
        sense_is_clean = True
        windows: SenseWindows | None = None
        for name, screen in self._format_screens:
            value = body.get(name)
            if not isinstance(value, str):
                continue
            if windows is None:
                windows = self._sense_windows(now, limits)
            state = screen(value, windows)
            if state != CLEAN:
                if state == INVALID:
                    valid = False
                else:
                    sense_is_clean = False

        sense = self._screen_sense(body) if sense_is_clean else None
        if valid and sense is not None and not sense:
            return _EMPTY_REPORT

        issues = [] if valid else check_schema(body)
        if sense is None:
            if now is None:
                now = datetime.now(timezone.utc)
            sense = check_sense(body, self._facts, now=now, limits=limits)
        issues.extend(sense)
        if not issues:
            return _EMPTY_REPORT
        return Report.of(issues, strict=strict)

    def is_valid(self, body: object) -> bool:
        """Return whether ``body`` passes the schema; False may also mean "not sure", as in ``compiled``."""
        if not self._structure_is_valid(body):
            return False
        if not isinstance(body, Mapping):
            return True
        for name, screen in self._format_screens:
            value = body.get(name)
            if isinstance(value, str) and screen(value, VERDICT_ONLY) == INVALID:
                return False
        return True

    def _is_clean(self, body: object, windows: SenseWindows) -> bool:
        """Return True when jsonschema-rs proves that ``body`` has no issue at all (``clean_schema``).

        False means "not proven": the usual checks then build the report.
        """
        key = (windows.first_date, windows.last_date, windows.max_seconds)
        is_clean = self._clean_validators.get(key)
        if is_clean is None:
            clean = build_clean_schema(self._schema, self._facts, windows)
            is_clean = self._jsonschema_rs.validator_for(clean, validate_formats=False).is_valid
            if len(self._clean_validators) > 8:
                self._clean_validators.clear()
            self._clean_validators[key] = is_clean
        try:
            return is_clean(body)
        except (ValueError, TypeError, OverflowError, RecursionError):
            # Raised for Python types outside JSON: Decimal, a str subclass, a non-string key.
            return False

    def all_clean(self, bodies: list[Any], *, now: datetime | None, limits: SenseLimits) -> bool:
        """Return True when jsonschema-rs proves, in one call, that no body of ``bodies`` has an issue.

        False means "not proven" (or no jsonschema-rs): check the bodies one by one.
        """
        if self._jsonschema_rs is None:
            return False
        windows = self._sense_windows(now, limits)
        key = (windows.first_date, windows.last_date, windows.max_seconds)
        are_clean = self._clean_array_validators.get(key)
        if are_clean is None:
            clean = build_clean_schema(self._schema, self._facts, windows)
            # "$defs" stays at the root, so the schema's "#/$defs/..." references still resolve.
            item = {name: value for name, value in clean.items() if name not in ("$schema", "$id", "$defs")}
            array_schema = {"$defs": clean.get("$defs", {}), "type": "array", "items": item}
            are_clean = self._jsonschema_rs.validator_for(array_schema, validate_formats=False).is_valid
            if len(self._clean_array_validators) > 8:
                self._clean_array_validators.clear()
            self._clean_array_validators[key] = are_clean
        try:
            return bool(are_clean(bodies))
        except (ValueError, TypeError, OverflowError, RecursionError):
            return False

    def _structure_is_valid(self, body: object) -> bool:
        """Return the verdict on everything but the deferred formats, from jsonschema-rs when it is used."""
        rs_is_valid = self._rs_is_valid
        if rs_is_valid is None:
            return self._structure(body)
        try:
            return rs_is_valid(body)
        except (ValueError, TypeError, OverflowError, RecursionError):
            # Raised for Python types outside JSON: Decimal, a str subclass, a non-string key.
            return False

    def _sense_windows(self, now: datetime | None, limits: SenseLimits) -> SenseWindows:
        """Return the windows for ``now`` (None reads the clock) and ``limits``, reusing the last ones if they apply."""
        windows = self._windows
        if now is None:
            seconds = time.time()
            if windows is not None and windows.limits is limits and windows.day_start <= seconds < windows.day_end:
                return windows
            windows = SenseWindows.of(datetime.fromtimestamp(seconds, timezone.utc), limits)
        elif windows is None or not windows.applies_to(now, limits):
            windows = SenseWindows.of(now, limits)
        else:
            return windows
        self._windows = windows
        return windows

    def _screen_sense(self, body: Mapping[str, Any]) -> list[Issue] | None:
        """Return the sense issues of ``body`` when they are only prebuilt ones, else None.

        NOTE: this mirrors the deprecation, identifier and result checks of
        ``sense.check_sense``; the format screens cover the rest. A new sense
        check must be mirrored here and in ``clean_schema`` too, and the
        differential tests compare the paths on generated bodies.
        """
        issues: list[Issue] = []
        for name, issue in self._deprecations:
            if body.get(name) is not None:
                issues.append(issue)

        has_identifier = False
        for name in self._identifiers:
            value = body.get(name)
            if value is None:
                continue
            if isinstance(value, str) and value.strip() == "":
                return None
            has_identifier = True
        if not has_identifier:
            issues.append(self._no_identifier_issue)

        result = body.get("result")
        if isinstance(result, dict) and result.get("value") == "unmapped_value" and result.get("source_value") is None:
            return None
        return issues


@functools.cache
def format_checks() -> dict[str, Callable[[str], bool]]:
    """Return a fast checker for each format that the reference validator asserts."""
    return {name: FAST_FORMAT_CHECKS.get(name) or _check_with_reader(reader) for name, reader in FORMAT_READERS.items()}


def _check_with_reader(reader: Callable[[str], object]) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        try:
            reader(text)
        except FormatError:
            return False
        return True

    return check


def _screen_for(format_name: str) -> FormatScreen:
    """Return the screen of a format; a format that no sense check reads is only checked."""
    screen = FORMAT_SCREENS.get(format_name)
    if screen is not None:
        return screen
    check = format_checks()[format_name]

    def screen_format_only(value: str, windows: SenseWindows) -> int:
        return CLEAN if check(value) else INVALID

    return screen_format_only


def _deprecation_issue(name: str, facts: SchemaFacts) -> Issue:
    """Build the deprecation warning of field ``name`` with the reference sense check."""
    now = datetime.now(timezone.utc)
    found = [
        tuple(issue for issue in check_sense({name: sample}, facts, now=now) if issue.code == _DEPRECATED_CODE)
        for sample in ("sample-a", "sample-b")
    ]
    if len(found[0]) != 1 or found[0] != found[1]:
        raise UnsupportedSchemaError(f"the deprecation warning of {name!r} is not one fixed issue")
    return found[0][0]


def _no_identifier_issue(facts: SchemaFacts) -> Issue:
    """Build the missing-identifier warning with the reference sense check."""
    now = datetime.now(timezone.utc)
    found = [issue for issue in check_sense({}, facts, now=now) if issue.code == _NO_IDENTIFIER_CODE]
    if len(found) != 1:
        raise UnsupportedSchemaError("the missing-identifier warning is not one fixed issue")
    return found[0]


# -- choosing the fast path --------------------------------------------------------

@dataclass
class _AcceleratorChoice:
    """The choice of ``use_accelerator``: True, False, or None for "when installed"."""

    enabled: bool | None = None


_choice = _AcceleratorChoice()


def use_accelerator(enabled: bool | None) -> None:
    """Choose whether the fast path uses jsonschema-rs.

    Arguments:
        enabled: True to require it (``fast_path`` then raises ImportError
            when it is missing), False to use the compiled Python checks
            only, None to use it when it is installed (the default).
    """
    _choice.enabled = enabled
    fast_path.cache_clear()


def accelerator_installed() -> bool:
    """Return whether jsonschema-rs can be imported."""
    try:
        importlib.import_module("jsonschema_rs")
    except ImportError:
        return False
    return True


@functools.cache
def fast_path() -> FastPath | None:
    """Return the fast path for the packaged schema, or None when only jsonschema can check it."""
    accelerated = accelerator_installed() if _choice.enabled is None else _choice.enabled
    if accelerated:
        try:
            return FastPath(_schema(), schema_facts(), accelerated=True)
        except UnsupportedSchemaError as error:
            if _choice.enabled:
                raise
            logger.info("not using jsonschema-rs: %s", error)
    try:
        return FastPath(_schema(), schema_facts(), accelerated=False)
    except UnsupportedSchemaError as error:
        logger.info("checking every body with jsonschema, because the schema cannot be compiled: %s", error)
        return None
