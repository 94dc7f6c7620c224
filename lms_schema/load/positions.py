"""Find where a JSON Pointer's key or value starts in JSON text.

The checks report problems by JSON Pointer (RFC 6901). This module turns a
pointer into the line and column of the spot in the source text, so that an
editor can jump to it. Lines and columns are 1-based. Columns count Unicode
code points, a leading byte order mark is not counted, and a CR LF pair ends a
line like a single LF does.

No maintained package on PyPI maps pointers to positions correctly:
json-source-map 1.0.5 builds its pointers from the raw key text, so a key
written with escapes (``"a\\u0062"``) gets the pointer ``/a\\u0062`` instead
of ``/ab``. The scanner here decodes keys as JSON does.

The scanner assumes the text has already been parsed by a JSON parser and is
valid. It indexes only the containers on the path to a pointer, each once,
and skips every other value with regular expressions, so locating several
pointers in one large document costs about one pass over the text.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

BYTE_ORDER_MARK = "\ufeff"

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LINE_BREAK = re.compile(r"\n")
# A JSON string: quote, then runs of plain characters or escapes, then quote.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# A number, true, false or null: everything up to the next delimiter.
_SCALAR = re.compile(r"[^\s,:\[\]{}\"]+")
# What matters when skipping a container: strings (which may hold brackets) and brackets.
_CONTAINER_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


@dataclass(frozen=True)
class Position:
    """A spot in JSON text.

    Attributes:
        line: 1-based line number.
        column: 1-based column in Unicode code points.
        offset: 0-based index of the spot in the text, in code points.
    """

    line: int
    column: int
    offset: int


class PointerSyntaxError(ValueError):
    """A string that is not an RFC 6901 JSON Pointer."""


def split_pointer(pointer: str) -> list[str]:
    """Split a JSON Pointer into its unescaped reference tokens.

    Raises:
        PointerSyntaxError: The pointer is not empty and does not start with ``/``.
    """
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PointerSyntaxError(f"{pointer!r} is not a JSON Pointer: it must be empty or start with '/'")
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


@dataclass(frozen=True)
class _Member:
    """The offsets of one object member or array element in the text."""

    key_offset: int | None
    value_offset: int


class _ScanError(Exception):
    """The text at an offset is not the JSON the scanner expected."""


class SourceMap:
    """Locates pointers in one JSON text, indexing containers lazily.

    Build one per text and call ``value_position`` or ``key_position`` for
    each pointer; containers indexed for one pointer are reused for the next.
    For example ``SourceMap('{"a": [1, 2]}').value_position("/a/1")`` is line
    1, column 11.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._objects: dict[int, dict[str, _Member]] = {}
        self._arrays: dict[int, list[_Member]] = {}
        self._line_starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        """Return the position of a code point offset in the text."""
        # The offsets where lines start are found once, so each lookup is a
        # binary search instead of a count over the text before the offset.
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(self.text))]
        line = bisect.bisect_right(self._line_starts, offset)
        column = offset - self._line_starts[line - 1] + 1
        if line == 1 and offset > 0 and self.text.startswith(BYTE_ORDER_MARK):
            column -= 1
        return Position(line, column, offset)

    def value_position(self, pointer: str) -> Position | None:
        """Return where the value at ``pointer`` starts, or ``None`` if there is none."""
        member = self._resolve(split_pointer(pointer))
        return None if member is None else self.position(member.value_offset)

    def key_position(self, pointer: str) -> Position | None:
        """Return where the key of the member at ``pointer`` starts (its opening quote).

        For an array element, which has no key, this is where its value starts.
        Returns ``None`` when the pointer leads nowhere; the empty pointer has no key.
        """
        tokens = split_pointer(pointer)
        if not tokens:
            return None
        member = self._resolve(tokens)
        if member is None:
            return None
        offset = member.value_offset if member.key_offset is None else member.key_offset
        return self.position(offset)

    def nearest_position(self, pointer: str, *, key: bool = False) -> Position | None:
        """Locate ``pointer``, or else the deepest of its parents that exists.

        Arguments:
            pointer: The JSON Pointer to locate.
            key: Point at the member's key instead of its value.

        Returns:
            The position, or ``None`` when not even the root can be located
            (the text is empty or not JSON).
        """
        tokens = split_pointer(pointer)
        member = self._resolve(tokens)
        if member is not None:
            if key and member.key_offset is not None:
                return self.position(member.key_offset)
            return self.position(member.value_offset)

        while tokens:
            tokens = tokens[:-1]
            parent = self._resolve(tokens)
            if parent is not None:
                return self.position(parent.value_offset)
        return None

    def _resolve(self, tokens: list[str]) -> _Member | None:
        try:
            member = _Member(None, self._skip_whitespace(0))
            for token in tokens:
                found = self._child(member.value_offset, token)
                if found is None:
                    return None
                member = found
        except _ScanError:
            return None
        if member.value_offset >= len(self.text):
            return None
        return member

    def _child(self, offset: int, token: str) -> _Member | None:
        opening = self.text[offset : offset + 1]
        if opening == "{":
            return self._object_members(offset).get(token)
        if opening == "[":
            if not _ARRAY_INDEX.fullmatch(token):
                return None
            elements = self._array_elements(offset)
            index = int(token)
            return elements[index] if index < len(elements) else None
        return None

    def _object_members(self, offset: int) -> dict[str, _Member]:
        members = self._objects.get(offset)
        if members is not None:
            return members

        members = {}
        text = self.text
        position = self._skip_whitespace(offset + 1)
        if text.startswith("}", position):
            self._objects[offset] = members
            return members

        while True:
            key_match = _STRING.match(text, position)
            if key_match is None:
                raise _ScanError(offset)
            key = _decode_string(key_match.group())
            position = self._skip_whitespace(key_match.end())
            if not text.startswith(":", position):
                raise _ScanError(position)
            value_offset = self._skip_whitespace(position + 1)
            # A repeated key keeps its first position because the loader
            # rejects duplicates before any pointer is located.
            members.setdefault(key, _Member(key_match.start(), value_offset))
            position = self._skip_whitespace(self._skip_value(value_offset))
            if text.startswith(",", position):
                position = self._skip_whitespace(position + 1)
                continue
            if text.startswith("}", position):
                break
            raise _ScanError(position)

        self._objects[offset] = members
        return members

    def _array_elements(self, offset: int) -> list[_Member]:
        elements = self._arrays.get(offset)
        if elements is not None:
            return elements

        elements = []
        text = self.text
        position = self._skip_whitespace(offset + 1)
        if text.startswith("]", position):
            self._arrays[offset] = elements
            return elements

        while True:
            elements.append(_Member(None, position))
            position = self._skip_whitespace(self._skip_value(position))
            if text.startswith(",", position):
                position = self._skip_whitespace(position + 1)
                continue
            if text.startswith("]", position):
                break
            raise _ScanError(position)

        self._arrays[offset] = elements
        return elements

    def _skip_whitespace(self, offset: int) -> int:
        if offset == 0 and self.text.startswith(BYTE_ORDER_MARK):
            offset = 1
        match = _WHITESPACE.match(self.text, offset)
        return offset if match is None else match.end()

    def _skip_value(self, offset: int) -> int:
        """Return the offset just past the value that starts at ``offset``."""
        opening = self.text[offset : offset + 1]
        if opening in ("{", "["):
            return self._skip_container(offset)
        pattern = _STRING if opening == '"' else _SCALAR
        match = pattern.match(self.text, offset)
        if match is None:
            raise _ScanError(offset)
        return match.end()

    def _skip_container(self, offset: int) -> int:
        depth = 0
        for token in _CONTAINER_TOKEN.finditer(self.text, offset):
            bracket = token.group()
            if bracket in ("{", "["):
                depth += 1
            elif bracket in ("}", "]"):
                depth -= 1
                if depth == 0:
                    return token.end()
        raise _ScanError(offset)


def _decode_string(literal: str) -> str:
    if "\\" not in literal:
        return literal[1:-1]
    try:
        decoded: str = json.loads(literal)
    except json.JSONDecodeError:
        raise _ScanError(literal) from None
    return decoded


def locate_pointer(text: str, pointer: str, *, key: bool = False) -> Position | None:
    """Return where the value (or, with ``key``, the key) at ``pointer`` starts in ``text``.

    Returns ``None`` when the pointer leads nowhere. To locate several
    pointers in one text, build one ``SourceMap`` and reuse it.
    """
    source = SourceMap(text)
    return source.key_position(pointer) if key else source.value_position(pointer)
