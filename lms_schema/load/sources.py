"""Read the request bodies of one input: a JSON file, or JSON Lines.

A JSON file contains one body or a JSON array of bodies and is parsed in one
piece, so it is read only if it fits the size limit. A JSON Lines file
(``.jsonl``, ``.ndjson``) contains one body per line and is read line by line
with a bounded ``readline``: an over-long line is skipped without being held
in memory, and the lines after it are still read.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, Literal

from lms_schema.issues import Issue, make_issue
from lms_schema.load.fast_json import NOT_PARSED, orjson_in_use, parse_json_bytes, parse_json_lines
from lms_schema.load.json_text import (
    JSON_WHITESPACE,
    ForeignBytesError,
    JsonTextError,
    decode_json_bytes,
    parse_json_text,
)
from lms_schema.load.limits import DEFAULT_READ_LIMITS, ReadLimits, describe_byte_size

InputFormat = Literal["json", "jsonl"]

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")

# How much of an over-long line is read per call while skipping it.
_SKIP_CHUNK_BYTES = 64 * 1024
# How much of the start of a JSON Lines stream is checked for NUL bytes, as git does.
_BINARY_PEEK_BYTES = 8000
_JSON_WHITESPACE_BYTES = JSON_WHITESPACE.encode("ascii")


def format_for_name(name: str) -> InputFormat:
    """Return the input format implied by a file name."""
    return "jsonl" if name.lower().endswith(JSON_LINES_SUFFIXES) else "json"


@dataclass(frozen=True)
class SourceBody:
    """One body read from an input.

    Attributes:
        value: The body as Python data.
        text: The JSON text the body was read from: the whole document for
            JSON, the line for JSON Lines. Positions are computed in it.
        pointer_prefix: Pointer of the body within the document (``/3`` for
            the fourth element of an array, ``""`` otherwise).
        body: Array index or JSON Lines line number; ``None`` for a lone body.
        first_line: Line number in the file of the first line of ``text``.
        json_lines: True when the body is one line of a JSON Lines input.
    """

    value: Any
    text: str
    pointer_prefix: str
    body: int | None
    first_line: int
    json_lines: bool = False


SourceItem = SourceBody | Issue




def read_json_stream(stream: BinaryIO, *, limits: ReadLimits = DEFAULT_READ_LIMITS) -> Iterator[SourceItem]:
    """Yield the bodies of the JSON document in ``stream``, reading at most ``max_body_bytes + 1`` bytes.

    A document larger than the limit yields one ``LMS008`` issue and is not
    parsed; the rest of the stream is left unread.
    """
    data = stream.read(limits.max_body_bytes + 1)
    if len(data) > limits.max_body_bytes:
        yield _document_too_large_issue(_stream_size(stream), limits)
        return
    yield from read_json_document(data, limits=limits)


def read_json_document(data: bytes, *, limits: ReadLimits = DEFAULT_READ_LIMITS) -> Iterator[SourceItem]:
    """Yield the bodies of a JSON document, or the issues that stop it being read."""
    if len(data) > limits.max_body_bytes:
        yield _document_too_large_issue(len(data), limits)
        return

    try:
        decoded = decode_json_bytes(data)
        yield from decoded.warnings
        document = parse_json_text(decoded.text, max_depth=limits.max_depth)
    except JsonTextError as error:
        yield from error.issues
        return

    if isinstance(document, list):
        if not document:
            yield make_issue(
                "LMS011",
                "",
                "the JSON array is empty, so no request body was checked",
                "add the bodies, or remove the file from the inputs",
            ).at(1, 1)
        for index, element in enumerate(document):
            yield SourceBody(element, decoded.text, f"/{index}", index, 1)
        return

    yield SourceBody(document, decoded.text, "", None, 1)


@dataclass(frozen=True)
class SourceBatch:
    """Consecutive JSON Lines bodies that were read together.

    Each value is exactly what the line-by-line reader reads from its line,
    and none of the lines has anything the reader reports.

    Attributes:
        values: The bodies as Python data.
        lines: The text of each line, as UTF-8 bytes.
        line_numbers: The line number of each body in the file.
    """

    values: list[Any]
    lines: list[bytes]
    line_numbers: list[int]

    def bodies(self) -> Iterator[SourceBody]:
        """Yield each body as the line-by-line reader would have."""
        for value, content, line_number in zip(self.values, self.lines, self.line_numbers, strict=True):
            yield SourceBody(value, content.decode("utf-8"), "", line_number, line_number, json_lines=True)


def read_json_lines(stream: BinaryIO, *, limits: ReadLimits = DEFAULT_READ_LIMITS) -> Iterator[SourceItem]:
    """Yield the bodies of a JSON Lines stream, one per non-blank line (``read_json_line_batches`` without batches)."""
    for item in read_json_line_batches(stream, limits=limits, batch_size=0):
        if isinstance(item, SourceBatch):  # pragma: no cover - batch_size 0 yields no batch
            yield from item.bodies()
        else:
            yield item


def read_json_line_batches(
    stream: BinaryIO, *, limits: ReadLimits = DEFAULT_READ_LIMITS, batch_size: int = 0
) -> Iterator[SourceItem | SourceBatch]:
    """Yield the bodies of a JSON Lines stream, one per non-blank line, or in batches.

    A line that cannot be read yields its issues, with ``body`` set to its
    line number, and reading goes on with the next line. A line longer than
    ``max_body_bytes`` is skipped in chunks without being held in memory.

    When the first non-blank line shows that the whole input is not UTF-8
    text, one issue is reported and the rest is not read, because every line
    would fail the same way. That is the case when the line is UTF-16 or
    UTF-32 text or contains a NUL byte. It is also the case when the line is
    not UTF-8 and the first 8,000 bytes contain a NUL byte, which is checked
    only on streams that can ``peek``, such as files opened in binary mode.

    With ``batch_size`` above zero and orjson in use, up to that many lines
    after the first are parsed together and yielded as one ``SourceBatch``.
    A batch with any line that only the strict reader can tell is read line
    by line instead, so the items differ from the unbatched reader's only in
    being grouped.
    """
    if not orjson_in_use():
        # Without orjson every batch would be read line by line anyway.
        batch_size = 0
    head_nul = _peek_nul_offset(stream)
    non_blank_lines = 0
    line_number = 0
    pending: list[tuple[bytes, int]] = []
    while (line := _read_bounded_line(stream, limits.max_body_bytes)) is not None:
        line_number += 1
        if line.content is None:
            non_blank_lines += 1
            yield from _flush_batch(pending, limits)
            yield _on_line(_line_too_large_issue(line_number, line.size, limits), line_number)
            continue
        if line.content.strip(_JSON_WHITESPACE_BYTES) == b"":
            continue

        non_blank_lines += 1
        if batch_size > 0 and non_blank_lines > 1:
            pending.append((line.content, line_number))
            if len(pending) >= batch_size:
                yield from _flush_batch(pending, limits)
            continue

        try:
            yield from _read_line(line.content, line_number, limits)
        except JsonTextError as error:
            if non_blank_lines == 1 and (isinstance(error, ForeignBytesError) or head_nul is not None):
                yield _on_line(_unread_input_issue(error, head_nul), line_number)
                return
            yield _on_line(error.issue, line_number)

    yield from _flush_batch(pending, limits)
    if non_blank_lines == 0:
        yield make_issue(
            "LMS002",
            "",
            "the JSON Lines input has no content: it is empty or only blank lines",
            "write one JSON object per line, or remove the file from the inputs",
        )


def _flush_batch(pending: list[tuple[bytes, int]], limits: ReadLimits) -> Iterator[SourceItem | SourceBatch]:
    """Yield the pending lines as one batch, or line by line when the batch cannot be parsed at once."""
    if not pending:
        return
    lines = [content for content, _ in pending]
    line_numbers = [number for _, number in pending]
    pending.clear()

    values = parse_json_lines(lines, max_depth=limits.max_depth)
    if values is not NOT_PARSED:
        yield SourceBatch(values, lines, line_numbers)
        return
    for content, line_number in zip(lines, line_numbers, strict=True):
        try:
            yield from _read_line(content, line_number, limits)
        except JsonTextError as error:
            yield _on_line(error.issue, line_number)


def _read_line(content: bytes, line_number: int, limits: ReadLimits) -> Iterator[SourceItem]:
    """Yield the body of one non-blank line, or its issues.

    Raises:
        JsonTextError: The line is not UTF-8 text; the caller decides how to report it.
    """
    # orjson, when installed, reads most lines. parse_json_bytes returns
    # NOT_PARSED for every line that only the strict reader below reads exactly.
    value = parse_json_bytes(content, max_depth=limits.max_depth)
    if value is not NOT_PARSED:
        yield SourceBody(value, content.decode("utf-8"), "", line_number, line_number, json_lines=True)
        return

    decoded = decode_json_bytes(content)
    for warning in decoded.warnings:
        yield _on_line(warning, line_number)
    try:
        value = parse_json_text(decoded.text, max_depth=limits.max_depth)
    except JsonTextError as error:
        for issue in error.issues:
            yield _on_line(issue, line_number)
        return
    yield SourceBody(value, decoded.text, "", line_number, line_number, json_lines=True)


def _peek_nul_offset(stream: BinaryIO) -> int | None:
    """Return the offset of the first NUL byte in the buffered start of ``stream``, without consuming it."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return None
    head: bytes = peek(_BINARY_PEEK_BYTES)[:_BINARY_PEEK_BYTES]
    nul = head.find(b"\x00")
    return nul if nul >= 0 else None


def _unread_input_issue(error: JsonTextError, head_nul: int | None) -> Issue:
    """Build the one issue for an input whose first line shows it is not UTF-8 text."""
    if isinstance(error, ForeignBytesError) or head_nul is None:
        return replace(error.issue, message=f"{error.issue.message}; the rest of the file was not read")
    return make_issue(
        "LMS012",
        "",
        f"the input contains a NUL byte at byte offset {head_nul}, so it is binary, not JSON text; "
        "the file was not read",
        "point the command at a JSON Lines file",
    )


@dataclass(frozen=True)
class _Line:
    """One line of a JSON Lines stream, without its line break.

    Attributes:
        content: The bytes of the line, or ``None`` when it is longer than the limit.
        size: The length of the line in bytes.
    """

    content: bytes | None
    size: int


def _read_bounded_line(stream: BinaryIO, limit: int) -> _Line | None:
    """Read the next line, holding at most ``limit + 2`` bytes of it; ``None`` at the end."""
    # Two bytes more than the limit leave room for a CR LF after a line of exactly the limit.
    chunk = stream.readline(limit + 2)
    if not chunk:
        return None

    if chunk.endswith(b"\n"):
        content = _strip_line_break(chunk)
        return _Line(content if len(content) <= limit else None, len(content))
    if len(chunk) < limit + 2:
        # The last line of the stream, with no line break after it.
        return _Line(chunk if len(chunk) <= limit else None, len(chunk))

    return _Line(None, len(chunk) + _skip_rest_of_line(stream, chunk.endswith(b"\r")))


def _skip_rest_of_line(stream: BinaryIO, ends_with_cr: bool) -> int:
    """Read past the end of the current line in chunks; return the bytes skipped before its line break."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK_BYTES)
        if not chunk:
            return skipped
        if chunk.endswith(b"\n"):
            content = _strip_line_break(chunk)
            skipped += len(content)
            if chunk == b"\n" and ends_with_cr:
                skipped -= 1
            return skipped
        skipped += len(chunk)
        ends_with_cr = chunk.endswith(b"\r")


def _strip_line_break(chunk: bytes) -> bytes:
    if chunk.endswith(b"\r\n"):
        return chunk[:-2]
    if chunk.endswith(b"\n"):
        return chunk[:-1]
    return chunk


def _stream_size(stream: BinaryIO) -> int | None:
    """Return the total size of a regular file behind ``stream``, or ``None`` when unknown.

    A pipe is not drained to measure it, because it may never end.
    """
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _document_too_large_issue(size: int | None, limits: ReadLimits) -> Issue:
    limit = describe_byte_size(limits.max_body_bytes)
    size_text = f"{describe_byte_size(size)}, more than" if size is not None else "larger than"
    return make_issue(
        "LMS008",
        "",
        f"the JSON document is {size_text} the limit of {limit} for one JSON text; "
        "a JSON document is parsed in one piece, so it was not read",
        "write large batches as JSON Lines (.jsonl, one body per line), or raise the limit with --max-body-bytes",
    )


def _line_too_large_issue(line_number: int, size: int, limits: ReadLimits) -> Issue:
    return make_issue(
        "LMS008",
        "",
        f"line {line_number} is {describe_byte_size(size)}, more than the limit of "
        f"{describe_byte_size(limits.max_body_bytes)} for one body; it was skipped and the next lines were read",
        "split the data into smaller bodies, or raise the limit with --max-body-bytes",
    )


def _on_line(issue: Issue, line_number: int) -> Issue:
    """Place an issue found in one JSON Lines line at that line of the file."""
    return replace(issue, body=line_number, line=line_number)
