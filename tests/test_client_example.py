"""A client's contract tests, as docs/contract-testing.md shows them.

The client code under test builds completion bodies from its own records and
posts them to the API. A test double of the API runs on 127.0.0.1: it checks
each body with lms-schema and responds with 201, or with 400 and the issue codes.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms_schema.api import collect_issues
from lms_schema.testing import CompletionContract
from lms_schema.testing.strategies import completion_requests, invalid_completion_requests

# -- the client code under test ------------------------------------------------


@dataclass(frozen=True)
class LearningRecord:
    """A course completion as the client's own system stores it."""

    course_reference: str
    passed: bool
    finished_at: datetime
    seconds_spent: int


def completion_body(record: LearningRecord) -> dict[str, Any]:
    """Build the body of POST /unified/lms/users/{id}/completions from a record."""
    hours, rest = divmod(record.seconds_spent, 3600)
    minutes, seconds = divmod(rest, 60)
    return {
        "learning_object_external_reference": record.course_reference,
        "result": {"value": "Pass" if record.passed else "Fail", "source_value": record.passed},
        "completed_at": record.finished_at.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "time_spent": f"PT{hours}H{minutes}M{seconds}S",
    }


class CompletionRejectedError(Exception):
    """The API responded with 400; ``codes`` contains the issue codes it sent back."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(f"the API rejected the completion: {', '.join(codes)}")
        self.codes = codes


def post_completion(base_url: str, user_id: str, body: object) -> int:
    """Send one completion body and return the HTTP status."""
    request = urllib.request.Request(
        f"{base_url}/unified/lms/users/{user_id}/completions",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        if error.code == 400:
            raise CompletionRejectedError(json.loads(error.read())["codes"]) from None
        raise


# -- the test double of the API --------------------------------------------------


class FakeApiServer(ThreadingHTTPServer):
    """The test double's server; ``received`` contains every body posted to it."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FakeCompletionsApi)
        self.received: list[object] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class FakeCompletionsApi(BaseHTTPRequestHandler):
    """Checks each posted body with lms-schema, as the real API would check it."""

    server: FakeApiServer

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        self.server.received.append(body)
        report = collect_issues(body)
        if report.valid:
            self.send_response(201)
            self.end_headers()
            return
        answer = json.dumps({"codes": [issue.code for issue in report.errors]}).encode("utf-8")
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def api() -> Iterator[FakeApiServer]:
    server = FakeApiServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# -- the contract tests ------------------------------------------------------------

records = st.builds(
    LearningRecord,
    course_reference=st.text(min_size=1).filter(str.strip),
    passed=st.booleans(),
    finished_at=st.datetimes(
        min_value=datetime(2000, 1, 2), max_value=datetime(2024, 12, 31), timezones=st.just(timezone.utc)
    ),
    seconds_spent=st.integers(min_value=1, max_value=int(timedelta(days=30).total_seconds())),
)


@settings(max_examples=50, deadline=None)
@given(records)
def test_record_becomes_valid_body(record: LearningRecord) -> None:
    CompletionContract(strict=True).assert_valid(completion_body(record))


@settings(max_examples=25, deadline=None)
@given(completion_requests(require_identifier=True))
def test_api_accepts_every_valid_body(api: FakeApiServer, body: dict[str, Any]) -> None:
    assert post_completion(api.url, "user-1", body) == 201
    assert api.received[-1] == body


@settings(max_examples=25, deadline=None)
@given(invalid_completion_requests())
def test_client_reports_rejection_code(api: FakeApiServer, case: tuple[object, str]) -> None:
    body, expected_code = case
    with pytest.raises(CompletionRejectedError) as rejected:
        post_completion(api.url, "user-1", body)
    assert rejected.value.codes == [expected_code]


# -- the documentation quotes this file ------------------------------------------------

QUOTE_MARK = "# tests/test_client_example.py\n"


def test_docs_quote_this_file() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "contract-testing.md"
    blocks = re.findall(r"```python\n(.*?)```", docs.read_text(encoding="utf-8"), flags=re.DOTALL)
    quotes = [block.removeprefix(QUOTE_MARK) for block in blocks if block.startswith(QUOTE_MARK)]
    source = Path(__file__).read_text(encoding="utf-8")
    assert quotes
    for quote in quotes:
        assert quote in source, quote
