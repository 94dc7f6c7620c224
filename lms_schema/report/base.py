"""The renderer interface: turn checked files into output text.

Renderers only format; every verdict is already in the issues.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

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
    """Formats the results of a run for one output format."""

    def __init__(self, settings: RenderSettings | None = None) -> None:
        self.settings = settings or RenderSettings()

    @abstractmethod
    def render(self, results: Sequence[FileResult]) -> str:
        """Return the whole output for ``results``."""
