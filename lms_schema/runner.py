"""Check files of request bodies: the pipeline behind ``lms-schema validate``.

Each input is read (``load``), each body checked (``api.collect_issues``) and
every issue placed in its file: the pointer becomes relative to the JSON
document, and the line and column of the offending key or value are added.
Positions are computed only for bodies that have issues, so a clean body
costs no more than its check.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from lms_schema.api import collect_issues
from lms_schema.check.fast import fast_path
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.codes import CODES
from lms_schema.issues import Issue, make_issue
from lms_schema.load.limits import DEFAULT_READ_LIMITS, ReadLimits
from lms_schema.load.positions import SourceMap
from lms_schema.load.sources import (
    InputFormat,
    SourceBatch,
    SourceBody,
    SourceItem,
    format_for_name,
    read_json_line_batches,
    read_json_stream,
)

logger = logging.getLogger(__name__)

STDIN_NAME = "-"
INPUT_SUFFIXES = (".json", ".jsonl", ".ndjson")

# Codes about a member's name rather than its value; they point at the key.
KEY_CODES = frozenset({"LMS101", "LMS201"})

# How many bodies pass between two calls of a progress callback.
PROGRESS_BATCH = 500
# Lines of a JSON Lines file parsed and checked together when the accelerators
# are installed. A batch that is not all clean is checked line by line.
JSON_LINES_BATCH = 256

# Receives the number of bodies checked since its previous call.
ProgressCallback = Callable[[int], None]


class SelectorError(ValueError):
    """A ``--select`` or ``--ignore`` value that matches no issue code."""


@dataclass(frozen=True)
class CodeSelection:
    """The issue codes a run reports, chosen the way linters such as ruff choose rules.

    A selector is a code (``LMS201``) or a prefix of codes (``LMS2`` for every
    warning about a body); ``ALL`` matches every code. A code is reported when
    it matches a ``select`` selector (or ``select`` is empty) and no
    ``ignore`` selector that is at least as specific. So ``select=("LMS2",),
    ignore=("LMS201",)`` reports the warnings except deprecations, and
    ``select=("LMS201",), ignore=("LMS2",)`` reports only deprecations.

    Attributes:
        select: Selectors of the codes to report; empty reports every code.
        ignore: Selectors of the codes to drop.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def parse(cls, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> CodeSelection:
        """Build a selection from option values, each a comma-separated list of selectors.

        Raises:
            SelectorError: A selector is not a known code, a prefix of one, or ``ALL``.
        """
        return cls(select=_parse_selectors(select), ignore=_parse_selectors(ignore))

    def allows(self, code: str) -> bool:
        """Return whether issues with ``code`` are reported."""
        selected = _longest_match(code, self.select) if self.select else 0
        if selected is None:
            return False
        ignored = _longest_match(code, self.ignore)
        return ignored is None or ignored < selected


def _parse_selectors(values: Iterable[str]) -> tuple[str, ...]:
    selectors: list[str] = []
    for value in values:
        for part in value.split(","):
            selector = part.strip().upper()
            if not selector:
                continue
            by_name = next((info.code for info in CODES.values() if info.name.upper() == selector), None)
            if by_name is not None:
                selector = by_name
            if selector != "ALL" and not any(code.startswith(selector) for code in CODES):
                raise SelectorError(
                    f"{part.strip()!r} matches no issue code; use a code such as LMS201, a prefix such as "
                    "LMS2, or ALL (lms-schema explain all lists the codes)"
                )
            selectors.append(selector)
        if not selectors:
            raise SelectorError(
                f"{value!r} names no issue code; use a code such as LMS201, a prefix such as LMS2, or ALL"
            )
    return tuple(selectors)


def _longest_match(code: str, selectors: tuple[str, ...]) -> int | None:
    """Return the length of the most specific selector matching ``code``; ``ALL`` counts as 0."""
    lengths = [0 if selector == "ALL" else len(selector) for selector in selectors
               if selector == "ALL" or code.startswith(selector)]
    return max(lengths) if lengths else None


@dataclass(frozen=True)
class CheckOptions:
    """Settings of one run over files.

    Attributes:
        strict: Report warnings as errors.
        now: The current time for the future check; ``None`` reads the clock.
        limits: Thresholds of the sense checks.
        stdin_format: How to read ``-``.
        selection: Which codes to report; the others are dropped entirely.
        errors_only: Drop warnings (after ``strict`` has turned them into errors).
        read_limits: The nesting depth and body size that reading accepts.
    """

    strict: bool = False
    now: datetime | None = None
    limits: SenseLimits = DEFAULT_LIMITS
    stdin_format: InputFormat = "json"
    selection: CodeSelection = CodeSelection()
    errors_only: bool = False
    read_limits: ReadLimits = DEFAULT_READ_LIMITS

    def keeps(self, issue: Issue) -> bool:
        """Return whether ``issue`` is reported under these options.

        An error that stopped an input from being read (bad JSON text, a
        missing file) is always kept, as linters always report syntax errors:
        otherwise ``--select LMS1`` would let a broken file pass.
        """
        if issue.severity == "error" and issue.code in CODES and CODES[issue.code].scope in ("text", "file"):
            return True
        if self.errors_only and issue.severity != "error":
            return False
        return self.selection.allows(issue.code)


# Receives each reported issue as soon as it is found (see check_file).
IssueSink = Callable[[Issue], None]


@dataclass
class FileResult:
    """The outcome of checking one input.

    Attributes:
        path: The path as given (``-`` for standard input).
        input_format: ``json`` for one body or an array of bodies, ``jsonl`` for JSON Lines.
        bodies: How many bodies were read and checked.
        issues: Every reported issue, located in the file, unless they were
            streamed to a sink instead (then empty, and only counted).
        hidden: How many issues ``--select``, ``--ignore`` or ``--quiet`` dropped.
        streamed_errors: Errors sent to a sink rather than kept in ``issues``.
        streamed_warnings: Warnings sent to a sink rather than kept in ``issues``.
        streamed_unreadable: True when an issue sent to a sink reports that the input could not be read.
    """

    path: str
    input_format: InputFormat = "json"
    bodies: int = 0
    issues: list[Issue] = field(default_factory=list)
    hidden: int = 0
    streamed_errors: int = 0
    streamed_warnings: int = 0
    streamed_unreadable: bool = False

    @property
    def errors(self) -> int:
        """The number of reported issues with severity ``error``."""
        return self.streamed_errors + sum(1 for issue in self.issues if issue.severity == "error")

    @property
    def warnings(self) -> int:
        """The number of reported issues with severity ``warning``."""
        return self.streamed_warnings + sum(1 for issue in self.issues if issue.severity == "warning")

    @property
    def unreadable(self) -> bool:
        """True when a reported issue is that the input could not be read (exit status 2)."""
        return self.streamed_unreadable or any(_is_read_failure(issue) for issue in self.issues)

    def report(self, issue: Issue, options: CheckOptions, sink: IssueSink | None) -> None:
        """Keep ``issue`` (or send it to ``sink``) unless the options drop it, which is counted."""
        if not options.keeps(issue):
            self.hidden += 1
            return
        if sink is None:
            self.issues.append(issue)
            return
        if issue.severity == "error":
            self.streamed_errors += 1
        else:
            self.streamed_warnings += 1
        self.streamed_unreadable = self.streamed_unreadable or _is_read_failure(issue)
        sink(issue)


def _is_read_failure(issue: Issue) -> bool:
    return issue.code in CODES and CODES[issue.code].scope == "file"


def iter_input_files(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders into the JSON and JSON Lines files below them, in sorted order.

    Other paths, missing ones included, are yielded as given so that reading
    them reports the problem. Below a folder, hidden folders (``.git``
    among them) are skipped, and a symbolic link that leads back to a folder
    already walked, or that loops on itself, is skipped with a logged warning.
    """
    for given in paths:
        path = Path(given)
        if given != STDIN_NAME and path.is_dir():
            found = 0
            for file_path in _walk_folder(path):
                found += 1
                yield str(file_path)
            if found == 0:
                # Reading the folder itself reports LMS902, so an empty folder cannot pass unnoticed.
                yield given
        else:
            yield given


def _walk_folder(root: Path) -> Iterator[Path]:
    walked: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True, onerror=_log_walk_error):
        stat = os.stat(folder)
        identity = (stat.st_dev, stat.st_ino)
        if identity in walked:
            logger.warning("skipping %s: it links back to a folder that was already walked", folder)
            subfolders[:] = []
            continue
        walked.add(identity)

        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.lower().endswith(INPUT_SUFFIXES):
                continue
            file_path = Path(folder) / name
            if _is_symlink_loop(file_path):
                logger.warning("skipping %s: it is a symbolic link that loops back on itself", file_path)
                continue
            yield file_path


def _log_walk_error(error: OSError) -> None:
    # NOTE: a folder that cannot be listed is skipped with this warning and
    # does not change the exit status, unlike a file that cannot be read.
    logger.warning("skipping %s: %s", error.filename, error.strerror or error)


def _is_symlink_loop(path: Path) -> bool:
    if not path.is_symlink():
        return False
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _unreadable(path: str, reason: str) -> FileResult:
    issue = make_issue(
        "LMS901",
        "",
        f"cannot read {path}: {reason}",
        "check the path and its permissions",
    )
    return FileResult(path=path, issues=[replace(issue, file=path)])


def _no_inputs(path: str) -> FileResult:
    issue = make_issue(
        "LMS902",
        "",
        f"no .json, .jsonl or .ndjson files found in the folder {path}",
        "check the path, or add the payload files to the folder",
    )
    return FileResult(path=path, issues=[replace(issue, file=path)])


def check_file(
    path: str,
    options: CheckOptions,
    on_progress: ProgressCallback | None = None,
    on_issue: IssueSink | None = None,
) -> FileResult:
    """Read one input and check every body in it.

    Arguments:
        path: A file path, or ``-`` for standard input.
        options: The settings of the run.
        on_progress: Called with the number of bodies checked, in batches of
            ``PROGRESS_BATCH`` and once more at the end of the file.

    Returns:
        The result; an input that cannot be read gets an ``LMS901`` issue.
    """
    input_format = options.stdin_format if path == STDIN_NAME else format_for_name(path)
    result = FileResult(path=path, input_format=input_format)

    try:
        if path == STDIN_NAME:
            stream = sys.stdin.buffer
            if input_format == "jsonl":
                items = read_json_line_batches(stream, limits=options.read_limits, batch_size=JSON_LINES_BATCH)
            else:
                items = read_json_stream(stream, limits=options.read_limits)
            _collect(result, items, options, on_progress, on_issue)
        elif input_format == "jsonl":
            with open(path, "rb") as stream:
                lines = read_json_line_batches(stream, limits=options.read_limits, batch_size=JSON_LINES_BATCH)
                _collect(result, lines, options, on_progress, on_issue)
        else:
            with open(path, "rb") as stream:
                items = read_json_stream(stream, limits=options.read_limits)
                _collect(result, items, options, on_progress, on_issue)
    except IsADirectoryError:
        result = _reported(_no_inputs(path), options, on_issue)
    except OSError as error:
        result = _reported(_unreadable(path, error.strerror or str(error)), options, on_issue)
    return result


def _reported(unread: FileResult, options: CheckOptions, on_issue: IssueSink | None) -> FileResult:
    """Pass the issues of an input that could not be read through the options and the sink."""
    result = FileResult(path=unread.path, input_format=unread.input_format)
    for issue in unread.issues:
        result.report(issue, options, on_issue)
    return result


def _collect(
    result: FileResult,
    items: Iterable[SourceItem | SourceBatch],
    options: CheckOptions,
    on_progress: ProgressCallback | None,
    on_issue: IssueSink | None,
) -> None:
    # The bodies of one JSON array share their text, so they share one map.
    source_map: SourceMap | None = None
    unreported = 0

    for item in _unbatched(items, options):
        if isinstance(item, Issue):
            issue = item.as_error() if options.strict else item
            result.report(replace(issue, file=result.path), options, on_issue)
            continue
        if isinstance(item, int):
            # A count of clean bodies, proven in one call: nothing to report.
            result.bodies += item
            unreported += item
            while on_progress is not None and unreported >= PROGRESS_BATCH:
                on_progress(PROGRESS_BATCH)
                unreported -= PROGRESS_BATCH
            continue

        result.bodies += 1
        unreported += 1
        if on_progress is not None and unreported >= PROGRESS_BATCH:
            on_progress(unreported)
            unreported = 0

        report = collect_issues(item.value, strict=options.strict, now=options.now, limits=options.limits)
        if not report.issues:
            continue
        if source_map is None or source_map.text is not item.text:
            source_map = SourceMap(item.text)
        located = [_locate_issue(issue, item, source_map, result.path) for issue in report.issues]
        for issue in sorted(located, key=_reading_order):
            result.report(issue, options, on_issue)

    if on_progress is not None and unreported:
        on_progress(unreported)


def _unbatched(items: Iterable[SourceItem | SourceBatch], options: CheckOptions) -> Iterator[SourceBody | Issue | int]:
    """Yield items one body at a time, but a batch proven clean as the count of its bodies."""
    fast = fast_path()
    for item in items:
        if not isinstance(item, SourceBatch):
            yield item
        elif fast is not None and fast.all_clean(item.values, now=options.now, limits=options.limits):
            yield len(item.values)
        else:
            yield from item.bodies()


def _locate_issue(issue: Issue, source: SourceBody, source_map: SourceMap, path: str) -> Issue:
    """Make the pointer relative to the document and add the line and column."""
    pointer = source.pointer_prefix + issue.pointer
    line, column = issue.line, issue.column
    if line is None:
        position = source_map.nearest_position(pointer, key=issue.code in KEY_CODES)
        if position is not None:
            line, column = position.line + source.first_line - 1, position.column
        elif source.json_lines:
            line = source.first_line
    return replace(issue, pointer=pointer, line=line, column=column, body=source.body, file=path)


def _reading_order(issue: Issue) -> tuple[int, int]:
    """Sort key that lists the issues of one body from top to bottom, unplaced ones last."""
    line = sys.maxsize if issue.line is None else issue.line
    return line, issue.column or 0


def exit_status(results: Iterable[FileResult]) -> int:
    """Return 2 if any input was unreadable, else 1 if any error, else 0."""
    results = list(results)
    if any(result.unreadable for result in results):
        return 2
    if any(result.errors for result in results):
        return 1
    return 0
