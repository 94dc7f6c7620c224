"""lms-schema drift: one small OpenAPI document per kind of change, and the provider's real documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lms_schema import load_schema
from lms_schema.cli import main
from lms_schema.codes import CODES
from lms_schema.drift import (
    CATEGORY_BY_CODE,
    DEFAULT_COMPONENT,
    compare_shapes,
    load_openapi,
    package_shape,
    provider_shape,
    yaml_loader,
)
from tests.conftest import shared_fixtures

DOCUMENTS = Path(__file__).resolve().parent / "openapi"


def run_drift(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    status = main(["drift", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def drift_json(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict[str, Any]]:
    status, output, _ = run_drift(capsys, str(path), "--output", "json")
    return status, json.loads(output)


def found(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(issue["code"], issue["pointer"]) for issue in document["issues"]]


# One document per kind of change: what drift reports and its exit status.
CHANGES = [
    ("matching.yaml", [], 0),
    ("openapi-3.0.json", [], 0),
    ("type-lists-3.1.yaml", [], 0),
    ("removed-field.yaml", [("LMS301", "/content_id")], 1),
    ("required-field.yaml", [("LMS302", "/learning_object_external_reference")], 1),
    ("null-rejected.yaml", [("LMS303", "/learning_object_id")], 1),
    ("nullable-beside-allof.yaml", [("LMS303", "/result")], 1),
    ("type-narrowed.yaml", [("LMS304", "/result/source_value")], 1),
    ("enum-narrowed.yaml", [("LMS305", "/result/value")], 1),
    ("format-changed.yaml", [("LMS306", "/time_spent")], 1),
    ("object-closed.yaml", [("LMS307", "/passthrough")], 1),
    ("constraint-added.yaml", [("LMS308", "/learning_object_id")], 1),
    ("field-added.yaml", [("LMS321", "/completion_source")], 0),
    ("type-widened.yaml", [("LMS324", "/passthrough")], 0),
    ("enum-widened.yaml", [("LMS325", "/result/value")], 0),
    ("deprecation-changed.yaml", [("LMS326", "/learning_object_id"), ("LMS326", "/content_id")], 0),
    ("recursive-ref.yaml", [("LMS321", "/passthrough/child")], 0),
    (
        "package-stricter.yaml",
        [("LMS342", ""), ("LMS342", "/result"), ("LMS341", "/completed_at"), ("LMS341", "/time_spent")],
        0,
    ),
]


@pytest.mark.parametrize(("name", "expected", "status"), CHANGES, ids=[row[0] for row in CHANGES])
def test_drift_reports_change(
    capsys: pytest.CaptureFixture[str], name: str, expected: list[tuple[str, str]], status: int
) -> None:
    exit_status, document = drift_json(capsys, DOCUMENTS / name)
    assert found(document) == expected
    assert exit_status == status


@pytest.mark.parametrize(("name", "expected", "status"), CHANGES, ids=[row[0] for row in CHANGES])
def test_drift_breaking_flag_matches_status(
    capsys: pytest.CaptureFixture[str], name: str, expected: list[tuple[str, str]], status: int
) -> None:
    _, document = drift_json(capsys, DOCUMENTS / name)
    assert document["breaking"] is (status == 1)


def test_every_contract_code_has_category() -> None:
    contract_codes = {code for code, info in CODES.items() if info.scope == "contract"}
    assert set(CATEGORY_BY_CODE) == contract_codes


def test_breaking_codes_are_errors() -> None:
    for code, category in CATEGORY_BY_CODE.items():
        expected = "error" if category == "breaking" else "warning"
        assert CODES[code].severity == expected, code


def test_change_documents_cover_provider_codes() -> None:
    covered = {code for _, expected, _ in CHANGES for code, _ in expected}
    # These need a package schema that differs from the packaged one; the tests below build one.
    needs_other_package = {"LMS322", "LMS323", "LMS343"}
    assert covered | needs_other_package == set(CATEGORY_BY_CODE)


def matching_provider() -> Any:
    return provider_shape(load_openapi(DOCUMENTS / "matching.yaml"), DEFAULT_COMPONENT)


def test_package_requiring_more_reports_optional() -> None:
    schema = load_schema()
    schema["required"] = ["learning_object_id"]
    issues = compare_shapes(matching_provider(), package_shape(schema))
    assert [(issue.code, issue.pointer) for issue in issues] == [("LMS322", "/learning_object_id")]


def test_package_without_null_reports_null_allowed() -> None:
    schema = load_schema()
    schema["properties"]["time_spent"]["type"] = "string"
    issues = compare_shapes(matching_provider(), package_shape(schema))
    assert [(issue.code, issue.pointer) for issue in issues] == [("LMS323", "/time_spent")]


def test_package_rule_reports_package_constraint() -> None:
    schema = load_schema()
    schema["properties"]["learning_object_id"]["maxLength"] = 64
    issues = compare_shapes(matching_provider(), package_shape(schema))
    assert [(issue.code, issue.pointer) for issue in issues] == [("LMS343", "/learning_object_id")]


def test_package_schema_matches_itself() -> None:
    assert compare_shapes(package_shape(), package_shape()) == []


# -- documents drift cannot compare -----------------------------------------------------

BAD_INPUTS = [
    ("missing file", ["missing.yaml"], "missing.yaml: file not found"),
    ("folder", ["."], ": is a folder"),
    ("not OpenAPI", ["not-openapi.yaml"], "not an OpenAPI document: it has no 'openapi' version field"),
    ("Swagger 2.0", ["swagger-2.yaml"], "a Swagger 2.0 document; convert it to OpenAPI 3 first"),
    ("YAML syntax", ["broken.yaml"], "broken.yaml:6:1: not valid YAML"),
    ("external ref", ["external-ref.yaml"], "points outside the document"),
    ("dangling ref", ["dangling-ref.yaml"], "points to nothing in the document"),
    (
        "misspelt component",
        ["matching.yaml", "--component", "LmsCreateCompletionRequest"],
        "did you mean LmsCreateCompletionRequestDto?",
    ),
    ("unknown component", ["matching.yaml", "--component", "Nope"], "no schema component 'Nope'"),
]


@pytest.mark.parametrize(("case", "arguments", "message"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_bad_input_exits_2_with_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str, arguments: list[str], message: str
) -> None:
    monkeypatch.chdir(DOCUMENTS)
    status, output, error = run_drift(capsys, *arguments)
    assert status == 2
    assert message in error
    assert output == ""


@pytest.mark.parametrize(
    ("case", "content", "message"),
    [
        ("top-level list", "- openapi\n", "the top level is array"),
        ("OpenAPI 2", 'openapi: "2.0"\n', "OpenAPI 2.0 is not supported"),
        ("invalid JSON", '{"openapi": "3.1.0",}', "not valid JSON"),
        ("not UTF-8", b"openapi: \xe9\n", "not UTF-8 text (invalid byte at offset 9)"),
    ],
)
def test_unreadable_document_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, content: str | bytes, message: str
) -> None:
    suffix = ".json" if case == "invalid JSON" else ".yaml"
    path = tmp_path / f"document{suffix}"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    status, _, error = run_drift(capsys, str(path))
    assert status == 2
    assert message in error


# -- output ------------------------------------------------------------------------------


def test_text_output_separates_categories(capsys: pytest.CaptureFixture[str]) -> None:
    status, output, _ = run_drift(capsys, str(DOCUMENTS / "package-stricter.yaml"))
    lines = output.splitlines()
    assert status == 0
    assert "Provider changes that can break a client: none" in lines
    assert "Provider changes that do not break a client: none" in lines
    assert "Where the package is deliberately stricter (lms-schema explain LMS34): 4" in lines
    assert lines[-1] == "0 breaking, 0 compatible, 4 deliberately stricter"


def test_text_output_lists_hint(capsys: pytest.CaptureFixture[str]) -> None:
    _, output, _ = run_drift(capsys, str(DOCUMENTS / "required-field.yaml"))
    assert (
        "  /learning_object_external_reference: LMS302 provider-requires-field: "
        "the provider requires 'learning_object_external_reference'; the package treats it as optional"
    ) in output.splitlines()
    assert (
        "    hint: clients: send the field in every body. Package maintainers: add it to required in the schema"
    ) in output


def test_json_output_layout(capsys: pytest.CaptureFixture[str]) -> None:
    _, document = drift_json(capsys, DOCUMENTS / "enum-narrowed.yaml")
    assert document["version"] == 1
    assert document["component"] == DEFAULT_COMPONENT
    assert document["openapi"] == "3.1.0"
    assert document["summary"] == {"breaking": 1, "compatible": 0, "package-stricter": 0}
    issue = document["issues"][0]
    assert issue["category"] == "breaking"
    assert issue["name"] == "provider-narrowed-enum"
    assert issue["severity"] == "error"


def test_input_file_is_left_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    original = (DOCUMENTS / "required-field.yaml").read_bytes()
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(original)
    run_drift(capsys, str(copy))
    assert copy.read_bytes() == original


def test_yaml_loader_is_c_accelerated_when_available() -> None:
    import yaml

    expected = "CSafeLoader" if hasattr(yaml, "CSafeLoader") else "SafeLoader"
    assert yaml_loader().__name__ == expected


# -- the provider's published documents ---------------------------------------------------


def test_modelled_revision_has_only_documented_strictness(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_fixtures("stackone-openapi", "stackone-2025-07-21.openapi.yaml")
    status, document = drift_json(capsys, path)
    assert status == 0
    assert {issue["category"] for issue in document["issues"]} == {"package-stricter"}
    assert ("LMS341", "/completed_at") in found(document)


def test_later_revision_requires_reference(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_fixtures("stackone-openapi", "stackone-2025-10-23.openapi.yaml")
    status, document = drift_json(capsys, path)
    breaking = [(code, pointer) for code, pointer in found(document) if CATEGORY_BY_CODE[code] == "breaking"]
    assert status == 1
    assert sorted(breaking) == [
        ("LMS302", "/learning_object_external_reference"),
        ("LMS303", "/learning_object_external_reference"),
    ]
