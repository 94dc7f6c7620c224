"""Limits on what one read may cost: nesting depth and body size.

A validator is where bad data should stop, so reading must neither exhaust
the stack on deep nesting nor memory on a huge body. Both limits are checked
before the text reaches a JSON parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_MAX_DEPTH = 512
DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024

# Python converts at most this many digits of an integer literal by default
# (sys.get_int_max_str_digits(), added in Python 3.11 and 3.10.7). The reader applies
# the same limit whatever the process setting, so a verdict never depends on it.
MAX_INTEGER_DIGITS = 4300

_UNIT_FACTORS = {
    "": 1,
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}
_SIZE = re.compile(r"\s*(?P<number>[0-9]+)\s*(?P<unit>[A-Za-z]*)\s*", re.ASCII)


@dataclass(frozen=True)
class ReadLimits:
    """Limits applied while reading JSON text.

    Attributes:
        max_depth: The deepest nesting of arrays and objects accepted; the
            document itself is level 1, so ``{"a": [1]}`` is 2 levels deep.
        max_body_bytes: The largest JSON text read at once, in bytes: one
            line of JSON Lines, or a whole JSON document (a ``.json`` file or
            standard input), which is parsed in one piece.
    """

    max_depth: int = DEFAULT_MAX_DEPTH
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES

    def __post_init__(self) -> None:
        if self.max_depth < 1:
            raise ValueError(f"max_depth must be at least 1, not {self.max_depth}")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, not {self.max_body_bytes}")


DEFAULT_READ_LIMITS = ReadLimits()


def parse_byte_size(text: str) -> int:
    """Read a size such as ``4194304``, ``512KiB``, ``4MiB`` or ``10MB`` as a number of bytes.

    ``kB``, ``MB`` and ``GB`` are powers of 1000; ``KiB``, ``MiB`` and ``GiB``
    are powers of 1024. Units are case-insensitive.

    Raises:
        ValueError: The text is not a whole number with one of those units,
            or the size is zero.
    """
    found = _SIZE.fullmatch(text)
    factor = _UNIT_FACTORS.get(found["unit"].lower()) if found else None
    if found is None or factor is None:
        raise ValueError(f"{text!r} is not a size in bytes such as 4194304, 512KiB or 4MiB")

    size = int(found["number"]) * factor
    if size < 1:
        raise ValueError(f"{text!r} is zero; the size must be at least 1 byte")
    return size


def describe_byte_size(size: int) -> str:
    """Render a number of bytes for a message, such as ``4,194,304 bytes (4 MiB)``."""
    exact = f"{size:,} bytes" if size != 1 else "1 byte"
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            amount = size / factor
            amount_text = f"{amount:.0f}" if amount == int(amount) else f"{amount:.1f}"
            return f"{exact} ({amount_text} {unit})"
    return exact
