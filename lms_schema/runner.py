"""Check files of request bodies: the pipeline behind ``lms-schema validate``.

Each input is read (``load``), each body checked (``api.collect_issues``) and
every issue placed in its file: the pointer becomes relative to the JSON
document, and the line and column are added where they can be found.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from lms_schema.api import collect_issues
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.issues import Issue, make_issue
from lms_schema.load.sources import (
    InputFormat,
    SourceBody,
    format_for_name,
    read_json_document,
    read_json_lines,
)

logger = logging.getLogger(__name__)

STDIN_NAME = "-"
INPUT_SUFFIXES = (".json", ".jsonl", ".ndjson")

# Locates a pointer in JSON text: (text, pointer, is_key) -> (line, column).
Locator = Callable[[str, str, bool], "tuple[int, int] | None"]


@dataclass(frozen=True)
class CheckOptions:
    """Settings of one run over files.

    Attributes:
        strict: Report warnings as errors.
        now: The current time for the future check; ``None`` reads the clock.
        limits: Thresholds of the sense checks.
        stdin_format: How to read ``-``.
    """

    strict: bool = False
    now: datetime | None = None
    limits: SenseLimits = DEFAULT_LIMITS
    stdin_format: InputFormat = "json"


@dataclass
class FileResult:
    """The outcome of checking one input.

    Attributes:
        path: The path as given (``-`` for standard input).
        bodies: How many bodies were read and checked.
        issues: Every issue, located in the file.
        unreadable: True when the input could not be read at all (exit status 2).
    """

    path: str
    bodies: int = 0
    issues: list[Issue] = field(default_factory=list)
    unreadable: bool = False

    @property
    def errors(self) -> int:
        """The number of issues with severity ``error``."""
        return sum(1 for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> int:
        """The number of issues with severity ``warning``."""
        return sum(1 for issue in self.issues if issue.severity == "warning")


def iter_input_files(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders into the JSON files below them, in sorted order.

    Other paths, missing ones included, are yielded as given so that reading
    them reports the problem. Hidden folders are skipped, and a symbolic link
    to a folder already walked is skipped with a log record instead of
    followed twice.
    """
    for given in paths:
        path = Path(given)
        if given != STDIN_NAME and path.is_dir():
            yield from (str(found) for found in _walk_folder(path))
        else:
            yield given


def _walk_folder(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        identity = (stat.st_dev, stat.st_ino)
        if identity in seen:
            logger.warning("skipping %s: it links back to a folder already walked", folder)
            subfolders[:] = []
            continue
        seen.add(identity)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(INPUT_SUFFIXES):
                yield Path(folder) / name


def _unreadable(path: str, reason: str) -> FileResult:
    issue = make_issue(
        "LMS901",
        "",
        f"cannot read {path}: {reason}",
        "check the path and its permissions",
    )
    return FileResult(path=path, issues=[replace(issue, file=path)], unreadable=True)


def _locate_issue(issue: Issue, source: SourceBody, locate: Locator | None) -> Issue:
    pointer = source.pointer_prefix + issue.pointer
    line, column = issue.line, issue.column
    if line is None and locate is not None:
        position = locate(source.text, pointer, issue.code == "LMS101")
        if position is not None:
            line, column = position[0] + source.first_line - 1, position[1]
    if line is None and source.json_lines:
        line = source.first_line
    return replace(issue, pointer=pointer, line=line, column=column, body=source.body)


def check_file(path: str, options: CheckOptions, locate: Locator | None = None) -> FileResult:
    """Read one input and check every body in it."""
    result = FileResult(path=path)
    input_format = options.stdin_format if path == STDIN_NAME else format_for_name(path)

    try:
        if path == STDIN_NAME:
            stream = sys.stdin.buffer
            items = read_json_lines(stream) if input_format == "jsonl" else read_json_document(stream.read())
            _collect(result, items, options, locate)
        elif input_format == "jsonl":
            with open(path, "rb") as stream:
                _collect(result, read_json_lines(stream), options, locate)
        else:
            with open(path, "rb") as stream:
                data = stream.read()
            _collect(result, read_json_document(data), options, locate)
    except IsADirectoryError:
        return _unreadable(path, "it is a folder")
    except OSError as error:
        return _unreadable(path, error.strerror or str(error))
    return result


def _collect(
    result: FileResult,
    items: Iterable[SourceBody | Issue],
    options: CheckOptions,
    locate: Locator | None,
) -> None:
    for item in items:
        if isinstance(item, Issue):
            issue = item.as_error() if options.strict else item
            result.issues.append(replace(issue, file=result.path))
            continue

        result.bodies += 1
        report = collect_issues(item.value, strict=options.strict, now=options.now, limits=options.limits)
        for issue in report.issues:
            result.issues.append(replace(_locate_issue(issue, item, locate), file=result.path))


def exit_status(results: Iterable[FileResult]) -> int:
    """Return 2 if any input was unreadable, else 1 if any error, else 0."""
    results = list(results)
    if any(result.unreadable for result in results):
        return 2
    if any(result.errors for result in results):
        return 1
    return 0
