"""The one issue model used for everything the package reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from lms_schema.codes import CODES, Severity


@dataclass(frozen=True)
class Issue:
    """One problem found in a body or in its JSON text.

    Attributes:
        code: Stable code such as ``LMS105``; ``lms-schema explain CODE`` documents it.
        severity: ``"error"`` or ``"warning"``.
        pointer: RFC 6901 JSON Pointer into the body (``""`` is the body itself).
        message: What is wrong, naming the value and the rule.
        hint: How to fix it; a computed replacement value where the intent is clear.
        line: 1-based line in the source text, when known.
        column: 1-based column in Unicode code points, when known.
        suggestion: The computed replacement value quoted in ``hint``, if any.
        file: The input file, when the issue comes from the command line.
        body: Which body of the file: the array index for a JSON array, the
            line number for JSON Lines, ``None`` for a file with one body.
    """

    code: str
    severity: Severity
    pointer: str
    message: str
    hint: str = ""
    line: int | None = None
    column: int | None = None
    suggestion: str | None = None
    file: str | None = None
    body: int | None = None

    @property
    def name(self) -> str:
        """The short name of the code, such as ``invalid-duration``."""
        info = CODES.get(self.code)
        return info.name if info else ""

    @property
    def pointer_label(self) -> str:
        """The pointer for display: ``(body)`` for the whole body, ``(input)`` for the JSON text or file."""
        if self.pointer:
            return self.pointer
        info = CODES.get(self.code)
        return "(input)" if info is not None and info.scope in ("text", "file") else "(body)"

    def as_error(self) -> Issue:
        """Return this issue with severity ``error``."""
        return dataclasses.replace(self, severity="error")

    def at(self, line: int | None, column: int | None) -> Issue:
        """Return this issue with a source position."""
        return dataclasses.replace(self, line=line, column=column)


def make_issue(
    code: str,
    pointer: str,
    message: str,
    hint: str = "",
    *,
    suggestion: str | None = None,
) -> Issue:
    """Build an issue with the documented default severity of ``code``."""
    return Issue(
        code=code,
        severity=CODES[code].severity,
        pointer=pointer,
        message=message,
        hint=hint,
        suggestion=suggestion,
    )


@dataclass(frozen=True)
class Report:
    """The outcome of checking one body.

    Attributes:
        issues: Every problem found, errors and warnings, in the order found.
    """

    issues: tuple[Issue, ...] = field(default_factory=tuple)

    @property
    def valid(self) -> bool:
        """True when no issue has severity ``error``."""
        return not any(issue.severity == "error" for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The issues with severity ``error``."""
        return tuple(issue for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The issues with severity ``warning``."""
        return tuple(issue for issue in self.issues if issue.severity == "warning")

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all issues, in order."""
        return tuple(issue.code for issue in self.issues)

    @classmethod
    def of(cls, issues: Iterable[Issue], *, strict: bool = False) -> Report:
        """Build a report; with ``strict`` every warning becomes an error."""
        if strict:
            return cls(tuple(issue.as_error() for issue in issues))
        return cls(tuple(issues))
