"""Hypothesis strategies for plain JSON values and identifier text."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import strategies as st

# Characters that str.strip() never removes: whitespace is in the Unicode
# categories Z (separators) and Cc (controls), and Cs (lone surrogates) cannot
# be encoded as UTF-8.
_VISIBLE_CHARACTERS = st.characters(exclude_categories=("Z", "Cc", "Cs"))

# Whitespace that str.strip() removes, including a no-break and an em space.
BLANK_TEXT = st.text(alphabet=" \t\r\n\u00a0\u2003", max_size=4)

# Integers within 64 bits, as most JSON parsers read them exactly. Unbounded
# integers could pass Python's limit of 4,300 digits for int-to-text conversion.
INTEGERS = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@functools.cache
def json_scalars() -> st.SearchStrategy[Any]:
    """Generate JSON scalars: null, booleans, finite numbers and strings."""
    return st.one_of(
        st.none(),
        st.booleans(),
        INTEGERS,
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    )


@functools.cache
def json_values(max_leaves: int = 8) -> st.SearchStrategy[Any]:
    """Generate JSON values, nested arrays and objects included, that json.dumps can write."""
    return st.recursive(
        json_scalars(),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
        max_leaves=max_leaves,
    )


@functools.cache
def values_of_type(json_type: str) -> st.SearchStrategy[Any]:
    """Generate values of one JSON type (``null``, ``boolean``, ``number``, ...)."""
    strategies: dict[str, st.SearchStrategy[Any]] = {
        "null": st.none(),
        "boolean": st.booleans(),
        "number": INTEGERS | st.floats(allow_nan=False, allow_infinity=False),
        "string": st.text(),
        "object": st.dictionaries(st.text(), json_values(), max_size=3),
        "array": st.lists(json_values(), max_size=3),
    }
    return strategies[json_type]


@functools.cache
def non_blank_text() -> st.SearchStrategy[str]:
    """Generate text with at least one character that is not whitespace."""
    return st.builds(
        lambda before, visible, after: before + visible + after,
        st.text(max_size=4),
        _VISIBLE_CHARACTERS,
        st.text(max_size=4),
    )
