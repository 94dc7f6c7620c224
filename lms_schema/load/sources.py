"""Read the request bodies of one input: a JSON file, or JSON Lines.

A JSON file holds one body or a JSON array of bodies. A JSON Lines file
(``.jsonl``, ``.ndjson``) holds one body per line and is read line by line,
so memory does not grow with the size of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO, Literal

from lms_schema.issues import Issue, make_issue
from lms_schema.load.json_text import JsonTextError, decode_json_bytes, parse_json_text

InputFormat = Literal["json", "jsonl"]

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


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


def read_json_document(data: bytes) -> Iterator[SourceItem]:
    """Yield the bodies of a JSON document, or the issues that stop it being read."""
    try:
        decoded = decode_json_bytes(data)
        yield from decoded.warnings
        document = parse_json_text(decoded.text)
    except JsonTextError as error:
        yield error.issue
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


def read_json_lines(stream: BinaryIO) -> Iterator[SourceItem]:
    """Yield the bodies of a JSON Lines stream, one per non-blank line.

    A line that cannot be read yields its issue, with ``body`` set to its line
    number, and reading goes on with the next line.
    """
    bodies = 0
    for line_number, raw in enumerate(stream, start=1):
        line = raw.rstrip(b"\r\n")
        if line.strip() == b"":
            continue
        bodies += 1
        try:
            decoded = decode_json_bytes(line)
            for warning in decoded.warnings:
                yield _on_line(warning, line_number)
            value = parse_json_text(decoded.text)
        except JsonTextError as error:
            yield _on_line(error.issue, line_number)
            continue
        yield SourceBody(value, decoded.text, "", line_number, line_number, json_lines=True)

    if bodies == 0:
        yield make_issue(
            "LMS002",
            "",
            "the JSON Lines input has no content: it is empty or only blank lines",
            "write one JSON object per line, or remove the file from the inputs",
        )


def _on_line(issue: Issue, line_number: int) -> Issue:
    """Place an issue found in one JSON Lines line at that line of the file."""
    return replace(issue, body=line_number, line=line_number)
