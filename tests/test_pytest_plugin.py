"""The pytest plugin and the assertion helpers, run for real inside pytest's pytester."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from lms_schema.testing import assert_completion_issues, assert_valid_completion
from tests.conftest import NOW

pytest_plugins = ["pytester"]

PLUGIN_MODULE = "lms_schema.testing.pytest_plugin"

VALID = {"learning_object_external_reference": "course-1", "time_spent": "PT1H30M45S"}
TWO_ERRORS = {"learning_object_external_reference": "course-1", "time_spent": "1:30:45", "completedAt": "x"}


def test_entry_point_names_plugin_module() -> None:
    plugins = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert plugins.get("lms_schema") == PLUGIN_MODULE


def test_plugin_import_adds_nothing_optional() -> None:
    # pytest and lms_schema are loaded before the plugin in a real run; the
    # plugin itself must add only its own modules, and never hypothesis.
    script = (
        "import sys, pytest, lms_schema\n"
        "before = set(sys.modules)\n"
        f"import {PLUGIN_MODULE}\n"
        "added = sorted(set(sys.modules) - before)\n"
        "print('\\n'.join(added))\n"
        "print('hypothesis loaded' if 'hypothesis' in sys.modules else 'hypothesis absent')\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    lines = output.splitlines()
    assert lines[-1] == "hypothesis absent"
    foreign = [name for name in lines[:-1] if not name.startswith("lms_schema.testing")]
    assert foreign == []


def test_assert_valid_returns_report() -> None:
    report = assert_valid_completion(VALID, now=NOW)
    assert report.issues == ()


def test_assert_valid_allows_warnings() -> None:
    report = assert_valid_completion({"content_id": "c-1"}, now=NOW)
    assert report.codes == ("LMS201",)


def test_assert_valid_strict_fails_on_warning() -> None:
    with pytest.raises(AssertionError, match=r"/content_id: LMS201 deprecated-field \(error\)"):
        assert_valid_completion({"content_id": "c-1"}, strict=True, now=NOW)


def test_assert_valid_message_lists_each_issue() -> None:
    with pytest.raises(AssertionError) as raised:
        assert_valid_completion(TWO_ERRORS, now=NOW)
    lines = str(raised.value).splitlines()
    assert lines[0] == "completion body is invalid: 2 errors, 0 warnings"
    assert lines[1].startswith("  /completedAt: LMS101 unknown-field (error): unknown field 'completedAt'")
    assert lines[2] == "    hint: rename it to 'completed_at', the wire name"
    assert lines[3].startswith("  /time_spent: LMS105 invalid-duration (error): '1:30:45'")
    assert lines[4].startswith("    hint: write it as 'PT1H30M45S'")
    assert lines[5].startswith("  body: {")


@pytest.mark.parametrize(
    ("case", "body", "codes"),
    [
        ("no issue", VALID, ()),
        ("one error", {**VALID, "time_spent": 5445}, ("LMS102",)),
        ("codes in any order", {"time_spent": "P1M", "content_id": " "}, ("LMS207", "LMS204", "LMS208", "LMS201")),
    ],
)
def test_assert_issues_passes_on_exact_codes(case: str, body: object, codes: tuple[str, ...]) -> None:
    assert_completion_issues(body, *codes, now=NOW)


def test_assert_issues_names_missing_and_unexpected() -> None:
    with pytest.raises(AssertionError) as raised:
        assert_completion_issues({**VALID, "time_spent": 5445}, "LMS105", now=NOW)
    assert str(raised.value).splitlines()[0] == "completion body issues differ: missing LMS105; unexpected LMS102"


def test_assert_issues_says_when_body_has_none() -> None:
    with pytest.raises(AssertionError, match=r"missing LMS105 \(the body has no issue\)"):
        assert_completion_issues(VALID, "LMS105", now=NOW)


CLIENT_TESTS = """
import pytest
from lms_schema.testing import assert_valid_completion

BODY = {"learning_object_external_reference": "course-1", "time_spent": "1:30:45", "completedAt": "x"}

def test_helper():
    assert_valid_completion(BODY)

def test_fixture(completion_contract):
    completion_contract.assert_valid(BODY)

def test_fixture_passes(completion_contract):
    completion_contract.assert_valid({"learning_object_external_reference": "course-1"})

def test_fixture_checks_codes(completion_contract):
    completion_contract.assert_issues({"time_spent": 5445}, "LMS102", "LMS207")
"""


def test_plugin_failure_output_in_pytest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_client=CLIENT_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "E       AssertionError: completion body is invalid: 2 errors, 0 warnings",
            "E         /completedAt: LMS101 unknown-field (error): unknown field 'completedAt'*",
            "E           hint: rename it to 'completed_at', the wire name",
            "E         /time_spent: LMS105 invalid-duration (error): '1:30:45'*",
            "E           hint: write it as 'PT1H30M45S'",
            "E         body: {*",
        ]
    )


def test_plugin_hides_helper_frames(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_client=CLIENT_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "test_fixture and not passes and not codes")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([">       completion_contract.assert_valid(BODY)"])
    result.stdout.no_fnmatch_line("*assertions.py*")


STRICT_TESTS = """
def test_deprecated_field(completion_contract):
    completion_contract.assert_valid({"content_id": "c-1"})
"""


@pytest.mark.parametrize(("setting", "outcome"), [("false", "passed"), ("true", "failed")])
def test_strict_ini_option(pytester: pytest.Pytester, setting: str, outcome: str) -> None:
    pytester.makeini(f"[pytest]\nlms_schema_strict = {setting}\n")
    pytester.makepyfile(test_strict=STRICT_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(**{outcome: 1})


def test_plugin_lists_fixture(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["completion_contract*", "*Return assertion helpers for completion request bodies*"])
