#!/usr/bin/env python3
"""Coverage-guided fuzzing of the reader, the format checkers and the hints with atheris.

Not collected by pytest and not run in CI, because atheris is an optional
tool that ships wheels for a few platforms only. Run it by hand:

    pip install atheris
    python tests/fuzz_atheris.py -max_total_time=300 -rss_limit_mb=2048 CORPUS_FOLDER

Any exception that escapes ``fuzz_one`` is a crash: atheris prints the input
and stops. Each crash belongs in ``tests/test_fuzz.py`` as a regression test.
"""

from __future__ import annotations

import io
import math
import sys

import atheris

with atheris.instrument_imports():
    from lms_schema.check.formats import FormatError, is_date_time, is_duration, read_date_time, read_duration
    from lms_schema.check.hints import advise_date_time, describe_duration_problem, suggest_duration, suggest_epoch
    from lms_schema.issues import Issue
    from lms_schema.load.json_text import JsonTextError, parse_json_text
    from lms_schema.load.limits import ReadLimits
    from lms_schema.load.sources import SourceBody, read_json_document, read_json_lines

_SMALL_LIMITS = ReadLimits(max_depth=16, max_body_bytes=512)
_TARGETS = 6


def _check_reader(data: bytes) -> None:
    for limits in (ReadLimits(), _SMALL_LIMITS):
        for item in read_json_document(data, limits=limits):
            assert isinstance(item, (SourceBody, Issue))
        for item in read_json_lines(io.BytesIO(data), limits=limits):
            assert isinstance(item, (SourceBody, Issue))


def _check_text(text: str) -> None:
    try:
        parse_json_text(text, max_depth=16)
    except JsonTextError as error:
        assert error.issues


def _check_date_time(text: str) -> None:
    try:
        read_date_time(text)
    except FormatError:
        advice = advise_date_time(text)
        assert advice.suggestion is None or is_date_time(advice.suggestion), advice


def _check_duration(text: str) -> None:
    try:
        read_duration(text)
    except FormatError as error:
        assert describe_duration_problem(text, error)
    suggestion = suggest_duration(text)
    assert suggestion is None or is_duration(suggestion), suggestion


def _check_numbers(provider: atheris.FuzzedDataProvider) -> None:
    number = provider.ConsumeFloat() if provider.ConsumeBool() else provider.ConsumeInt(16)
    suggestion = suggest_duration(number)
    assert suggestion is None or is_duration(suggestion), suggestion
    if isinstance(number, float) and not math.isfinite(number):
        return
    epoch = suggest_epoch(float(number))
    assert epoch is None or is_date_time(epoch), epoch


def fuzz_one(data: bytes) -> None:
    """Run one input through the target that its first byte selects."""
    provider = atheris.FuzzedDataProvider(data)
    target = provider.ConsumeIntInRange(0, _TARGETS - 1)
    if target == 0:
        _check_reader(provider.ConsumeBytes(provider.remaining_bytes()))
    elif target == 1:
        _check_text(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()))
    elif target == 2:
        _check_text(provider.ConsumeUnicode(provider.remaining_bytes()))
    elif target == 3:
        _check_date_time(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()))
    elif target == 4:
        _check_duration(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()))
    else:
        _check_numbers(provider)


def main() -> None:
    """Start atheris with the command-line arguments (libFuzzer options and corpus folders)."""
    atheris.Setup(sys.argv, fuzz_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
