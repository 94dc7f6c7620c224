"""Find where in JSON text the problems are that a JSON parser reports without a place.

Python's ``json`` module calls a hook for a duplicate key or ``NaN`` without
saying where it is, silently reads ``1e400`` as infinity, and raises bare
exceptions for deep nesting and very long integers. The scanner here walks
the tokens of the text to find the offset and JSON Pointer of each such spot.
It runs only when a problem is known or suspected, and never recurses, so
any nesting depth is safe.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal

# One token of JSON text. Whitespace between tokens is skipped by finditer. A
# string may lack its closing quote only where the text is invalid anyway.
_TOKEN = re.compile(
    r"""
      "[^"\\]*(?:\\.[^"\\]*)*"?      # a string with its escapes
    | [\[\]{}:,]                     # a structural character
    | [^ \t\n\r"\[\]{}:,]+           # a number or a literal such as true, NaN
    """,
    re.VERBOSE | re.DOTALL,
)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_CHANGE = {"[": 1, "{": 1, "]": -1, "}": -1}

_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_NUMBER_START = frozenset("-0123456789")
NON_FINITE_LITERALS = frozenset({"NaN", "Infinity", "-Infinity"})

# An escape inside a JSON string: \uXXXX (group 1 captures the hex digits) or a one-letter escape.
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")

TokenKind = Literal["open", "close", "key", "value"]
FindingKind = Literal["duplicate-key", "non-finite", "lone-surrogate", "out-of-range", "long-integer"]


@dataclass(frozen=True)
class Token:
    """A token of JSON text that the walker reports.

    Attributes:
        kind: ``open`` or ``close`` for a bracket, ``key`` for a member name,
            ``value`` for a string, number or literal that is not a key.
        text: The token as written in the text.
        offset: Index of the token's first character in the text.
    """

    kind: TokenKind
    text: str
    offset: int


@dataclass
class _Frame:
    """An open array or object on the walker's stack."""

    is_object: bool
    index: int = 0
    key: str | None = None
    key_offsets: dict[str, int] = field(default_factory=dict)


def decode_string_token(token: str) -> str:
    """Return the value of a JSON string token, or its raw inner text if it does not decode."""
    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1] if token.endswith('"') and len(token) > 1 else token[1:]
    return value if isinstance(value, str) else token


def escape_pointer_token(name: str) -> str:
    """Escape one reference token of a JSON Pointer (RFC 6901)."""
    return name.replace("~", "~0").replace("/", "~1")


class TokenWalker:
    """A walk over the tokens of JSON text that tracks the JSON Pointer of each.

    Iterating yields every bracket, key and scalar in text order. While a
    token is being handled, ``pointer()`` returns the pointer of the value it
    belongs to: for an ``open`` token the container it opens, for a ``key``
    the member it names. For a key seen before in the same object,
    ``first_key_offset`` is the offset of the earlier occurrence.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._frames: list[_Frame] = []
        self.first_key_offset: int | None = None

    @property
    def depth(self) -> int:
        """The number of arrays and objects open around the current token."""
        return len(self._frames)

    def pointer(self, max_segments: int | None = None) -> str:
        """Return the JSON Pointer of the current token, cut to ``max_segments`` if given."""
        frames = self._frames if max_segments is None else self._frames[:max_segments]
        parts: list[str] = []
        for frame in frames:
            name = (frame.key or "") if frame.is_object else str(frame.index)
            parts.append("/" + escape_pointer_token(name))
        return "".join(parts)

    def __iter__(self) -> Iterator[Token]:
        expect_key = False
        for match in _TOKEN.finditer(self._text):
            text = match.group()
            offset = match.start()
            first = text[0]

            if first in "[{":
                yield Token("open", text, offset)
                self._frames.append(_Frame(is_object=first == "{"))
                expect_key = first == "{"
            elif first in "]}":
                yield Token("close", text, offset)
                if self._frames:
                    self._frames.pop()
                expect_key = False
            elif first == ",":
                expect_key = self._next_member()
            elif first == ":":
                continue
            elif expect_key and first == '"':
                self._enter_key(text, offset)
                expect_key = False
                yield Token("key", text, offset)
            else:
                yield Token("value", text, offset)

    def _next_member(self) -> bool:
        """Move past a comma; return whether a key comes next."""
        if not self._frames:
            return False
        top = self._frames[-1]
        if top.is_object:
            return True
        top.index += 1
        return False

    def _enter_key(self, text: str, offset: int) -> None:
        top = self._frames[-1]
        key = decode_string_token(text)
        top.key = key
        self.first_key_offset = top.key_offsets.get(key)
        if self.first_key_offset is None:
            top.key_offsets[key] = offset


def max_nesting_depth(text: str) -> int:
    """Return how deeply arrays and objects nest in ``text``; a scalar document has depth 0.

    Brackets inside strings do not count. Runs in C-level loops, without recursion.
    """
    skeleton = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_DEPTH_CHANGE.__getitem__, skeleton)), default=0)


@dataclass(frozen=True)
class DepthExcess:
    """The first bracket that opens a level deeper than the limit.

    Attributes:
        offset: Index of the bracket in the text.
        pointer: Pointer of the member that contains the deep nesting, which
            is the path to the bracket cut to its first two segments, because
            the whole path would be hundreds of segments long.
        depth: The deepest nesting in the whole text.
    """

    offset: int
    pointer: str
    depth: int


def find_depth_excess(text: str, max_depth: int) -> DepthExcess | None:
    """Return where ``text`` first nests deeper than ``max_depth`` levels, or ``None``.

    A document with no more opening brackets than the limit is passed without
    a scan, so ordinary bodies cost two ``str.count`` calls.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth = max_nesting_depth(text)
    if depth <= max_depth:
        return None

    walker = TokenWalker(text)
    for token in walker:
        if token.kind == "open" and walker.depth >= max_depth:
            return DepthExcess(offset=token.offset, pointer=walker.pointer(max_segments=2), depth=depth)
    return None  # pragma: no cover - the skeleton count above found the excess


@dataclass(frozen=True)
class Finding:
    """A spot in valid JSON text where parsers may read different values.

    Attributes:
        kind: What was found.
        offset: Index in the text of the second occurrence of a duplicate
            key, of the escape or character that is a lone surrogate, or of
            the number or literal.
        pointer: JSON Pointer of the member or element.
        token: The token as written (for a lone surrogate, the escape).
        first_offset: For a duplicate key, the offset of its first occurrence.
    """

    kind: FindingKind
    offset: int
    pointer: str
    token: str
    first_offset: int | None = None


def find_long_integer(text: str, max_digits: int) -> Finding | None:
    """Return the first integer literal with more than ``max_digits`` digits, or ``None``.

    Strings that contain long digit runs do not count. The scan runs only when a
    run of that many digits occurs at all.
    """
    if _digit_run(max_digits + 1).search(text) is None:
        return None

    walker = TokenWalker(text)
    for token in walker:
        if token.kind == "value" and _INTEGER.fullmatch(token.text) and len(token.text.lstrip("-")) > max_digits:
            return Finding("long-integer", token.offset, walker.pointer(), token.text)
    return None


@functools.cache
def _digit_run(length: int) -> re.Pattern[str]:
    """Return a pattern for ``length`` digits at the start of a run; the lookbehind keeps the search linear."""
    return re.compile(rf"(?<![0-9])[0-9]{{{length}}}")


def scan_findings(text: str, kinds: frozenset[FindingKind]) -> list[Finding]:
    """Return every spot of the requested kinds in ``text``, in text order.

    ``text`` should be valid JSON apart from the findings themselves (it has
    been parsed already); on other text the findings are a best effort.
    """
    findings: list[Finding] = []
    walker = TokenWalker(text)
    for token in walker:
        if token.kind == "key":
            if "duplicate-key" in kinds and walker.first_key_offset is not None:
                findings.append(
                    Finding("duplicate-key", token.offset, walker.pointer(), token.text, walker.first_key_offset)
                )
            if "lone-surrogate" in kinds:
                findings.extend(_lone_surrogates(token, walker.pointer()))
        elif token.kind == "value":
            findings.extend(_value_findings(token, walker, kinds))
    return findings


def _value_findings(token: Token, walker: TokenWalker, kinds: frozenset[FindingKind]) -> Iterator[Finding]:
    text = token.text
    if text.startswith('"'):
        if "lone-surrogate" in kinds:
            yield from _lone_surrogates(token, walker.pointer())
        return

    if "non-finite" in kinds and text in NON_FINITE_LITERALS:
        yield Finding("non-finite", token.offset, walker.pointer(), text)
    elif "out-of-range" in kinds and text[0] in _NUMBER_START and _overflows_double(text):
        yield Finding("out-of-range", token.offset, walker.pointer(), text)


def _overflows_double(number: str) -> bool:
    try:
        return math.isinf(float(number))
    except ValueError:
        return False


def _lone_surrogates(token: Token, pointer: str) -> Iterator[Finding]:
    """Yield each unpaired surrogate in a string token, escaped (``\\ud800``) or raw."""
    for raw in _RAW_SURROGATE.finditer(token.text):
        yield Finding("lone-surrogate", token.offset + raw.start(), pointer, raw.group())

    pending_high: re.Match[str] | None = None
    for escape in _ESCAPE.finditer(token.text):
        unit = int(escape[1], 16) if escape[1] else -1
        if pending_high is not None:
            follows_directly = escape.start() == pending_high.end()
            if _is_low_surrogate(unit) and follows_directly:
                pending_high = None
                continue
            yield Finding("lone-surrogate", token.offset + pending_high.start(), pointer, pending_high.group())
            pending_high = None

        if _is_high_surrogate(unit):
            pending_high = escape
        elif _is_low_surrogate(unit):
            yield Finding("lone-surrogate", token.offset + escape.start(), pointer, escape.group())

    if pending_high is not None:
        yield Finding("lone-surrogate", token.offset + pending_high.start(), pointer, pending_high.group())


def _is_high_surrogate(unit: int) -> bool:
    return 0xD800 <= unit <= 0xDBFF


def _is_low_surrogate(unit: int) -> bool:
    return 0xDC00 <= unit <= 0xDFFF
