"""The schema file itself, the facts read from it, and the code registry."""

from __future__ import annotations

import json
import typing

from jsonschema import Draft202012Validator

import lms_schema
from lms_schema.codes import CODES, render_codes_markdown
from lms_schema.schema import SCHEMA_FILE_NAME
from lms_schema.types import CompletionRequestBody, CompletionResultBody
from tests.conftest import REPOSITORY

SCHEMA_PATH = REPOSITORY / "schemas" / SCHEMA_FILE_NAME


def test_schema_meets_metaschema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_schema_declares_draft_2020_12() -> None:
    schema = lms_schema.load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def test_every_property_is_documented() -> None:
    schema = lms_schema.load_schema()
    result = schema["$defs"]["result"]
    for name, spec in [*schema["properties"].items(), *result["properties"].items()]:
        assert spec.get("description"), name
        assert spec.get("examples"), name


def test_examples_in_schema_validate() -> None:
    schema = lms_schema.load_schema()
    for name, spec in schema["properties"].items():
        for example in spec["examples"]:
            report = lms_schema.api.collect_issues({name: example, "learning_object_id": "x"})
            assert [issue.code for issue in report.errors] == [], name


def test_unknown_properties_forbidden() -> None:
    schema = lms_schema.load_schema()
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["result"]["additionalProperties"] is False


def test_facts_read_from_schema() -> None:
    facts = lms_schema.schema_facts()
    assert facts.formats == {"completed_at": "date-time", "time_spent": "duration"}
    assert facts.deprecated == {
        "content_external_reference": "learning_object_external_reference",
        "content_id": "learning_object_id",
    }
    assert set(facts.identifiers) == {
        "learning_object_id",
        "learning_object_external_reference",
        "content_external_reference",
        "content_id",
    }
    assert facts.result_values == ("Pass", "Fail", "unmapped_value")


def test_replacements_are_fields() -> None:
    facts = lms_schema.schema_facts()
    for replacement in facts.deprecated.values():
        assert replacement in facts.fields


def test_typed_dict_matches_schema() -> None:
    facts = lms_schema.schema_facts()
    assert tuple(typing.get_type_hints(CompletionRequestBody)) == facts.fields
    assert tuple(typing.get_type_hints(CompletionResultBody)) == facts.result_fields


def test_load_schema_returns_copy() -> None:
    first = lms_schema.load_schema()
    first["properties"].clear()
    assert lms_schema.load_schema()["properties"]


def test_codes_page_is_generated() -> None:
    page = (REPOSITORY / "docs" / "codes.md").read_text(encoding="utf-8")
    assert page == render_codes_markdown(), "run: python -m lms_schema.codes > docs/codes.md"


def test_codes_are_unique_and_well_formed() -> None:
    names = [info.name for info in CODES.values()]
    assert len(set(names)) == len(names)
    for code, info in CODES.items():
        assert code == info.code
        assert len(code) == 6
        assert code.startswith("LMS")
        assert info.summary
        assert info.fix


def test_py_typed_is_shipped() -> None:
    assert (REPOSITORY / "lms_schema" / "py.typed").exists()
