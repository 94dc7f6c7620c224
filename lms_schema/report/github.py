"""GitHub Actions output: workflow commands that show issues inline on pull requests.

Each issue becomes ``::error file=…,line=…,col=…,title=…::message`` (or
``::warning``). GitHub reads these lines from a step's output and annotates
the file at that line. A plain summary line follows for the job log.
"""

from __future__ import annotations

from lms_schema.issues import Issue
from lms_schema.report.base import Renderer, Summary, summary_line
from lms_schema.runner import STDIN_NAME


def escape_data(text: str) -> str:
    """Escape the message of a workflow command: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(issue: Issue) -> str:
    """Return the ``::error`` or ``::warning`` command for one issue."""
    properties: list[str] = []
    if issue.file and issue.file != STDIN_NAME:
        properties.append(f"file={escape_property(issue.file)}")
    if issue.line is not None:
        properties.append(f"line={issue.line}")
        if issue.column is not None:
            properties.append(f"col={issue.column}")
    title = f"{issue.code} {issue.name}" if issue.name else issue.code
    properties.append(f"title={escape_property(title)}")

    message = f"{issue.pointer_label}: {issue.message}"
    if issue.hint:
        message += f"\nhint: {issue.hint}"
    command = "error" if issue.severity == "error" else "warning"
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


class GitHubRenderer(Renderer):
    """Renders one workflow command per issue and a summary line."""

    def render_issue(self, issue: Issue) -> str:
        return workflow_command(issue) + "\n"

    def end(self, summary: Summary) -> str:
        return "" if self.settings.quiet else summary_line(summary) + "\n"
