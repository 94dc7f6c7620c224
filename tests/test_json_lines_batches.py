"""JSON Lines read and checked in batches give the same results as line by line."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms_schema import runner
from lms_schema.load import sources
from lms_schema.load.limits import ReadLimits
from lms_schema.runner import CheckOptions, FileResult, check_file
from lms_schema.testing.strategies import (
    completion_requests,
    invalid_completion_requests,
    questionable_completion_requests,
)
from tests.conftest import NOW

pytest.importorskip("orjson", reason="orjson is not installed (the fast extra)")
pytest.importorskip("jsonschema_rs", reason="jsonschema-rs is not installed (the fast extra)")

OPTIONS = CheckOptions(now=NOW, read_limits=ReadLimits(max_depth=8, max_body_bytes=400))


def as_line(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False)


ODD_LINES = [
    "",
    "   ",
    '{"learning_object_id": "a", "learning_object_id": "b"}',
    '\ufeff{"learning_object_id": "a"}',
    '{"learning_object_id": "a", "passthrough": {"n": 12345678901234567890123}}',
    '{"learning_object_id": "a", "passthrough": {"x": NaN}}',
    '{"content_id": "\\ud800"}',
    '{"learning_object_id": "\\u003a"}',
    '{"learning_object_id": "a", "passthrough": [[[[[[[[[[1]]]]]]]]]]}',
    '{"learning_object_id": "a"',
    '{"learning_object_id": "a"}, {"learning_object_id": "b"}',
    '[{"learning_object_id": "a"}',
    '"course-1"',
    "not json",
    '{"learning_object_id": "' + "x" * 500 + '"}',
    '{"learning_object_id": "a", "completed_at": "2016-12-31T23:59:60Z"}',
]
odd_lines = st.sampled_from(ODD_LINES)

body_lines = st.one_of(
    completion_requests(warning_free=True, now=NOW, require_identifier=True).map(as_line),
    completion_requests(now=NOW).map(as_line),
    invalid_completion_requests().map(lambda pair: as_line(pair[0])),
    questionable_completion_requests(now=NOW).map(lambda pair: as_line(pair[0])),
    odd_lines,
)


def check_with_batch(text: str, batch: int, line_break: str) -> FileResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bodies.jsonl"
        path.write_text(text.replace("\n", line_break), encoding="utf-8", errors="surrogatepass")
        original = runner.JSON_LINES_BATCH
        runner.JSON_LINES_BATCH = batch
        try:
            result = check_file(str(path), OPTIONS)
        finally:
            runner.JSON_LINES_BATCH = original
    result.path = "bodies.jsonl"
    result.issues = [issue for issue in result.issues]
    return result


def comparable(result: FileResult) -> tuple[int, list[tuple[Any, ...]]]:
    issues = [
        (issue.code, issue.severity, issue.pointer, issue.line, issue.column, issue.body, issue.message, issue.hint)
        for issue in result.issues
    ]
    return result.bodies, issues


@given(
    st.lists(body_lines, max_size=30),
    st.sampled_from([1, 2, 3, 7, 256]),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_batches_match_line_by_line(lines: list[str], batch: int, line_break: str, final_break: bool) -> None:
    text = "\n".join(lines) + ("\n" if final_break else "")
    assert comparable(check_with_batch(text, batch, line_break)) == comparable(check_with_batch(text, 0, line_break))


def test_clean_batch_counts_bodies() -> None:
    lines = [
        as_line({"learning_object_external_reference": f"c-{index}", "time_spent": "PT5M"}) for index in range(600)
    ]
    result = check_with_batch("\n".join(lines) + "\n", 256, "\n")
    assert result.bodies == 600
    assert result.issues == []


def test_batch_with_one_fault_reports_its_line() -> None:
    lines = [as_line({"learning_object_external_reference": f"c-{index}"}) for index in range(10)]
    lines[6] = as_line({"learning_object_external_reference": "c-6", "time_spent": "1:30:45"})
    result = check_with_batch("\n".join(lines) + "\n", 256, "\n")
    assert [(issue.code, issue.line) for issue in result.issues] == [("LMS105", 7)]


def test_reader_batches_only_after_first_line() -> None:
    data = b'{"learning_object_id": "a"}\n{"learning_object_id": "b"}\n{"learning_object_id": "c"}\n'
    with tempfile.TemporaryFile() as stream:
        stream.write(data)
        stream.seek(0)
        items = list(sources.read_json_line_batches(stream, batch_size=8))
    assert isinstance(items[0], sources.SourceBody)
    assert isinstance(items[1], sources.SourceBatch)
    assert items[1].line_numbers == [2, 3]


CLEAN_LINE = '{"learning_object_external_reference": "c-%d", "time_spent": "PT5M"}'


@pytest.mark.parametrize("odd", ODD_LINES)
@pytest.mark.parametrize("position", [1, 5, 9])
def test_odd_line_among_clean_lines(odd: str, position: int) -> None:
    lines = [CLEAN_LINE % index for index in range(10)]
    lines[position] = odd
    text = "\n".join(lines) + "\n"
    assert comparable(check_with_batch(text, 256, "\n")) == comparable(check_with_batch(text, 0, "\n"))
