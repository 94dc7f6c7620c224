"""Assertion helpers for tests of code that builds completion request bodies.

They raise a plain ``AssertionError``, so they work under pytest, unittest or
no test runner at all. The message lists each issue with its pointer, code,
name, severity, message and hint, one issue per line in the indented style of
pytest's own assertion explanations.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from lms_schema.api import collect_issues
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.issues import Issue, Report

# How much of the body a failure message shows before cutting it short.
_MAX_BODY_CHARACTERS = 300


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _body_excerpt(body: object) -> str:
    try:
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(body)
    if len(text) > _MAX_BODY_CHARACTERS:
        text = text[: _MAX_BODY_CHARACTERS - 3] + "..."
    return text


def format_issue_lines(issues: Iterable[Issue]) -> list[str]:
    """Render issues as indented lines: ``pointer: CODE name (severity): message``, then the hint."""
    lines: list[str] = []
    for issue in issues:
        pointer = issue.pointer or "(body)"
        lines.append(f"  {pointer}: {issue.code} {issue.name} ({issue.severity}): {issue.message}")
        if issue.hint:
            lines.append(f"    hint: {issue.hint}")
    return lines


def _failure_message(title: str, report: Report, body: object) -> str:
    ordered = [*report.errors, *report.warnings]
    lines = [title, *format_issue_lines(ordered), f"  body: {_body_excerpt(body)}"]
    return "\n".join(lines)


def assert_valid_completion(
    body: object,
    *,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Report:
    """Assert that ``body`` is a valid completion request body and return its report.

    Warnings pass unless ``strict`` is true. No ``LmsDeprecationWarning`` is
    emitted: deprecated fields are reported as issues only.

    Arguments:
        body: The body as Python data, such as the dict a client is about to send.
        strict: Fail on warnings too.
        now: The clock for the future-timestamp check (aware); defaults to the clock.
        limits: The thresholds of the sense checks.

    Raises:
        AssertionError: The body has an error (or, with ``strict``, a warning);
            the message lists every issue.
    """
    __tracebackhide__ = True
    report = collect_issues(body, strict=strict, now=now, limits=limits)
    if not report.valid:
        title = (
            f"completion body is invalid: {_count(len(report.errors), 'error')}, "
            f"{_count(len(report.warnings), 'warning')}"
        )
        raise AssertionError(_failure_message(title, report, body))
    return report


def assert_completion_issues(
    body: object,
    *codes: str,
    strict: bool = False,
    now: datetime | None = None,
    limits: SenseLimits = DEFAULT_LIMITS,
) -> Report:
    """Assert that checking ``body`` reports exactly the issues ``codes``, in any order.

    Pass no codes to assert that the body has no issue at all, warnings included.
    A code given twice expects two issues with that code.

    Raises:
        AssertionError: The reported codes differ; the message names the
            missing and the unexpected codes and lists every issue.
    """
    __tracebackhide__ = True
    report = collect_issues(body, strict=strict, now=now, limits=limits)
    expected = Counter(code.upper() for code in codes)
    found = Counter(report.codes)
    if found == expected:
        return report

    missing = sorted((expected - found).elements())
    unexpected = sorted((found - expected).elements())
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if unexpected:
        parts.append(f"unexpected {', '.join(unexpected)}")
    title = f"completion body issues differ: {'; '.join(parts)}"
    if not report.issues:
        title += " (the body has no issue)"
    raise AssertionError(_failure_message(title, report, body))


@dataclass(frozen=True)
class CompletionContract:
    """The assertion helpers with shared settings; the ``completion_contract`` fixture returns one.

    Attributes:
        strict: ``assert_valid`` fails on warnings too.
        now: The clock for the future-timestamp check; ``None`` reads the clock.
        limits: The thresholds of the sense checks.
    """

    strict: bool = False
    now: datetime | None = None
    limits: SenseLimits = field(default=DEFAULT_LIMITS)

    def check(self, body: object) -> Report:
        """Return the report of ``body`` without asserting anything."""
        return collect_issues(body, strict=self.strict, now=self.now, limits=self.limits)

    def assert_valid(self, body: object) -> Report:
        """Assert that ``body`` is valid, as ``assert_valid_completion`` does."""
        __tracebackhide__ = True
        return assert_valid_completion(body, strict=self.strict, now=self.now, limits=self.limits)

    def assert_issues(self, body: object, *codes: str) -> Report:
        """Assert that ``body`` has exactly the issues ``codes``, as ``assert_completion_issues`` does."""
        __tracebackhide__ = True
        return assert_completion_issues(body, *codes, strict=self.strict, now=self.now, limits=self.limits)
