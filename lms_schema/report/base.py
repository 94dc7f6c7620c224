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

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Summary:
        """Add up the totals of ``results``."""
        return cls(
            files=len(results),
            bodies=sum(result.bodies for result in results),
            errors=sum(result.errors for result in results),
            warnings=sum(result.warnings for result in results),
        )


class Renderer(ABC):
    """Formats the results of a run for one output format."""

    @abstractmethod
    def render(self, results: Sequence[FileResult]) -> str:
        """Return the whole output for ``results``."""
