"""The renderer interface: turn checked files into output text.

Renderers only format; every verdict is already in the issues.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from lms_schema.issues import Issue
from lms_schema.runner import FileResult


@dataclass(frozen=True)
class Summary:
    """Totals over one run."""

    files: int
    bodies: int
    errors: int
    warnings: int
    hidden: int = 0

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        """Add up the totals of ``results``."""
        return cls(
            files=len(results),
            bodies=sum(result.bodies for result in results),
            errors=sum(result.errors for result in results),
            warnings=sum(result.warnings for result in results),
            hidden=sum(result.hidden for result in results),
        )


def plural(count: int, word: str, plural_word: str = "") -> str:
    """Return ``count`` with the singular or plural of ``word``, as in ``3 bodies``."""
    return f"{count} {word}" if count == 1 else f"{count} {plural_word or word + 's'}"


def summary_line(summary: Summary) -> str:
    """Return the one-line summary of a run, as in ``2 files, 5 bodies checked: 1 error, 0 warnings``."""
    return (
        f"{plural(summary.files, 'file')}, {plural(summary.bodies, 'body', 'bodies')} checked: "
        f"{plural(summary.errors, 'error')}, {plural(summary.warnings, 'warning')}"
        + (f" ({summary.hidden} more hidden by --select, --ignore or --quiet)" if summary.hidden else "")
    )


@dataclass(frozen=True)
class RenderSettings:
    """Output settings chosen on the command line.

    Attributes:
        color: Colour the text with ANSI escape codes.
        quiet: Leave out everything but the issues (the text summary line).
    """

    color: bool = False
    quiet: bool = False


class Renderer(ABC):
    """Formats the results of a run for one output format.

    The output is produced in pieces, so the command line can write each
    issue as soon as it is found and keep no issue in memory: ``begin``,
    then per input ``begin_file``, ``render_issue`` for each issue and
    ``end_file``, then ``end``. ``render`` joins the pieces for results
    held in memory.
    """

    def __init__(self, settings: RenderSettings | None = None) -> None:
        self.settings = settings or RenderSettings()

    def begin(self) -> str:
        """Return the text before the first input."""
        return ""

    def begin_file(self, path: str, input_format: str) -> str:
        """Return the text before the issues of one input."""
        return ""

    @abstractmethod
    def render_issue(self, issue: Issue) -> str:
        """Return the text of one issue."""

    def end_file(self, result: FileResult) -> str:
        """Return the text after the issues of one input, whose totals are in ``result``."""
        return ""

    def end(self, summary: Summary) -> str:
        """Return the text after the last input."""
        return ""

    def render(self, results: Sequence[FileResult]) -> str:
        """Return the whole output for ``results``."""
        parts = [self.begin()]
        for result in results:
            parts.append(self.begin_file(result.path, result.input_format))
            parts.extend(self.render_issue(issue) for issue in result.issues)
            parts.append(self.end_file(result))
        parts.append(self.end(Summary.of(results)))
        return "".join(parts)
