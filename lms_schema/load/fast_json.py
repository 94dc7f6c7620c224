"""Parse one JSON text with orjson when that provably gives the reference reader's value.

orjson parses several times faster than Python's ``json`` module, but reads
some texts differently from the strict reader in ``json_text``, which
reports them as issues:

- it keeps the last of duplicate keys silently;
- it reads integers beyond the 64-bit range as floats, where ``json`` keeps
  them exact;
- it nests up to 1,024 levels, deeper than the reader's limit.

orjson rejects the other texts that the strict reader reports (``NaN`` and
``Infinity``, numbers that overflow to infinity, lone surrogate escapes,
invalid UTF-8, a byte order mark, NUL bytes). So ``parse_json_bytes`` returns
orjson's value only when none of the three cases above can apply. Otherwise
it returns ``NOT_PARSED``, and the caller runs the strict reader, which
reports exactly what it always reports.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from lms_schema.load.limits import DEFAULT_MAX_DEPTH


class _NotParsed(enum.Enum):
    NOT_PARSED = enum.auto()


NOT_PARSED: Final = _NotParsed.NOT_PARSED
"""Returned when the text must go through the strict reader."""

# orjson reads integers from -2**63 to 2**64 - 1 exactly. Every integer of
# fewer digits than this fits that range, and a longer run may not.
_LONG_DIGIT_RUN = 19

# Maps each digit to "0" and every other byte to " ", so that one substring
# search finds a run of digits.
_DIGITS_AS_ZEROS = bytes(ord("0") if ord("0") <= byte <= ord("9") else ord(" ") for byte in range(256))
_DIGIT_RUN = b"0" * _LONG_DIGIT_RUN

# The JSON escapes \u0030 to \u003F, which include the colon (\u003a). The
# duplicate-key check counts colons, so such an escape sends the text to the
# strict reader.
_COLON_RANGE_ESCAPE = b"\\u003"


class _Orjson:
    """orjson's loads and dumps, with the exceptions they raise."""

    def __init__(self, module: Any) -> None:
        self.loads: Callable[[bytes], Any] = module.loads
        self.dumps: Callable[[Any], bytes] = module.dumps
        self.errors: tuple[type[Exception], ...] = (module.JSONDecodeError, module.JSONEncodeError)


def _import_orjson() -> _Orjson | None:
    try:
        return _Orjson(importlib.import_module("orjson"))
    except ImportError:
        return None


@dataclass
class _Parser:
    """The orjson functions in use; None sends every text to the strict reader."""

    orjson: _Orjson | None


_INSTALLED = _import_orjson()
_parser = _Parser(_INSTALLED)


def orjson_installed() -> bool:
    """Return whether orjson can be imported."""
    return _INSTALLED is not None


def orjson_in_use() -> bool:
    """Return whether ``parse_json_bytes`` and ``parse_json_lines`` use orjson now."""
    return _parser.orjson is not None


def use_orjson(enabled: bool | None) -> None:
    """Choose whether ``parse_json_bytes`` uses orjson.

    Arguments:
        enabled: False to send every text to the strict reader; True or None
            to use orjson when it is installed (the default).
    """
    _parser.orjson = None if enabled is False else _INSTALLED


def parse_json_bytes(data: bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Return the value of the JSON text ``data``, or ``NOT_PARSED`` when only the strict reader can tell.

    A value returned here equals what ``json_text.parse_json_text`` returns
    for the same text decoded as UTF-8, and that text has nothing the strict
    reader reports. ``NOT_PARSED`` means only that the strict reader must
    read the text, which may well be valid.

    Arguments:
        data: The JSON text as UTF-8 bytes, without a byte order mark.
        max_depth: The reader's nesting limit.
    """
    orjson = _parser.orjson
    if orjson is None:
        return NOT_PARSED

    # No more brackets than the limit means no nesting beyond it, and a text
    # no longer than the limit cannot contain more brackets than that.
    if len(data) > max_depth and data.count(b"[") + data.count(b"{") > max_depth:
        return NOT_PARSED
    if _DIGIT_RUN in data.translate(_DIGITS_AS_ZEROS):
        return NOT_PARSED
    # Looking for one byte is much faster than for the escape, and most texts have no backslash.
    if b"\\" in data and _COLON_RANGE_ESCAPE in data:
        return NOT_PARSED

    try:
        value = orjson.loads(data)
        canonical = orjson.dumps(value)
    except orjson.errors:
        return NOT_PARSED

    # Outside strings, JSON text has one colon per object member. Inside
    # strings, the text and orjson's output have the same colons, because no
    # escape in the text can produce one (checked above). So fewer colons in
    # the output means that orjson dropped a member: a duplicate key.
    if data.count(b":") != canonical.count(b":"):
        return NOT_PARSED
    return value


def parse_json_lines(lines: Sequence[bytes], *, max_depth: int = DEFAULT_MAX_DEPTH) -> list[Any] | _NotParsed:
    """Return the values of several JSON texts, or ``NOT_PARSED`` unless every one is exact.

    The same guarantee as ``parse_json_bytes`` for each text, with the byte
    checks run once over all of them. One text that only the strict reader
    can tell sends the whole batch back, and the caller reads it line by line.

    Arguments:
        lines: JSON texts as UTF-8 bytes, each one line without its line break.
        max_depth: The reader's nesting limit.
    """
    orjson = _parser.orjson
    if orjson is None:
        return NOT_PARSED

    for data in lines:
        if len(data) > max_depth and data.count(b"[") + data.count(b"{") > max_depth:
            return NOT_PARSED
    # The line breaks that join the texts hold no digit, backslash or colon.
    joined = b"\n".join(lines)
    if _DIGIT_RUN in joined.translate(_DIGITS_AS_ZEROS):
        return NOT_PARSED
    if b"\\" in joined and _COLON_RANGE_ESCAPE in joined:
        return NOT_PARSED

    loads = orjson.loads
    try:
        values = [loads(data) for data in lines]
        canonical = orjson.dumps(values)
    except orjson.errors:
        return NOT_PARSED

    # As in parse_json_bytes: fewer colons in the output means a dropped duplicate key.
    if joined.count(b":") != canonical.count(b":"):
        return NOT_PARSED
    return values
