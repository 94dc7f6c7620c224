"""The registry of issue codes: one documented entry per code.

Codes are public API. A code keeps its meaning forever; a retired code is
never reused. ``docs/codes.md`` is generated from this registry
(``python -m lms_schema.codes``) and a test keeps the two in step, so each
code is documented exactly once.

Ranges: ``LMS0xx`` JSON text, ``LMS1xx`` contract errors in a body,
``LMS2xx`` warnings about a body, ``LMS3xx`` drift between the provider's
OpenAPI document and the package schema, ``LMS9xx`` files and input/output.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class CodeInfo:
    """Documentation of one issue code.

    Attributes:
        code: The stable code, such as ``LMS105``.
        name: A short kebab-case name, such as ``invalid-duration``.
        severity: The severity the code is reported with unless strict mode
            turns warnings into errors.
        scope: ``text`` for codes about JSON text, ``body`` for codes that a
            Python body (a dict) can produce, ``file`` for input and output,
            ``contract`` for what ``lms-schema drift`` finds in an OpenAPI document.
        summary: One line on what was found.
        explanation: Why it matters.
        fix: How to fix it.
        example: A small input that triggers the code.
    """

    code: str
    name: str
    severity: Severity
    scope: Literal["text", "body", "file", "contract"]
    summary: str
    explanation: str
    fix: str
    example: str


_ENTRIES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "LMS001", "invalid-json", "error", "text",
        "The text is not valid JSON.",
        "The API rejects a body it cannot parse. Common causes are a trailing comma, "
        "single quotes, comments and unquoted keys.",
        "Fix the JSON syntax at the reported line and column.",
        '{"time_spent": "PT10M",}',
    ),
    CodeInfo(
        "LMS002", "empty-input", "error", "text",
        "The input has no content, or only whitespace.",
        "An empty file or an empty standard input holds no request body.",
        "Write a JSON object into the file, or remove the file from the list of inputs.",
        "(an empty file)",
    ),
    CodeInfo(
        "LMS003", "invalid-encoding", "error", "text",
        "The bytes are not valid UTF-8.",
        "JSON exchanged between systems must be UTF-8 (RFC 8259, section 8.1). "
        "The message gives the byte offset of the first invalid byte, or names the "
        "UTF-16 or UTF-32 encoding that the first bytes show.",
        "Save the file as UTF-8.",
        "(Latin-1 bytes such as 0xE9)",
    ),
    CodeInfo(
        "LMS004", "non-finite-number", "error", "text",
        "The text uses NaN, Infinity or -Infinity.",
        "These are not JSON numbers. Python's json module accepts them by default, "
        "but most other parsers, and the API, reject them.",
        "Use a finite number, or null.",
        '{"passthrough": {"score": NaN}}',
    ),
    CodeInfo(
        "LMS005", "duplicate-key", "error", "text",
        "An object has the same key twice.",
        "RFC 8259 leaves the meaning of duplicate keys open: some parsers keep the "
        "first value, others the last, so the body is ambiguous.",
        "Keep one of the two keys.",
        '{"time_spent": "PT1M", "time_spent": "PT2M"}',
    ),
    CodeInfo(
        "LMS006", "lone-surrogate", "error", "text",
        "A string contains an unpaired UTF-16 surrogate escape such as \\ud800.",
        "An unpaired surrogate is not a Unicode character, so the string cannot be "
        "encoded as UTF-8 and other systems reject or mangle it.",
        "Write the full surrogate pair, or the character itself.",
        '{"content_id": "\\ud800"}',
    ),
    CodeInfo(
        "LMS007", "nesting-too-deep", "error", "text",
        "Arrays and objects are nested deeper than the limit (default 512 levels).",
        "Deep nesting exhausts the stack of recursive parsers and is never needed "
        "in a completion body. The depth is counted before parsing, so any depth "
        "gives this error quickly; the position is where the limit is first passed.",
        "Flatten the value, or raise the limit with --max-depth.",
        '{"passthrough": [[[[...]]]]}',
    ),
    CodeInfo(
        "LMS008", "body-too-large", "error", "text",
        "One body, or one JSON document, is larger than the size limit (default 4 MiB).",
        "A completion body is a few hundred bytes; a body of megabytes is almost "
        "certainly a mistake, and reading it would cost memory. The limit applies to "
        "each JSON text parsed in one piece: a line of JSON Lines, which is skipped "
        "while the next lines are still read, or a whole .json file, which is not read.",
        "Split the data, or raise the limit with --max-body-bytes.",
        "(a 10 MB line in a JSON Lines file)",
    ),
    CodeInfo(
        "LMS009", "number-too-long", "error", "text",
        "An integer has more digits than Python converts by default (4,300).",
        "Such numbers lose precision in most parsers and are rejected by Python's "
        "int conversion limit, so the value would not survive a round trip. The "
        "reader applies the 4,300-digit limit whatever the process setting. Shorter "
        "integers are read exactly, unless they are beyond the range of a 64-bit "
        "float (LMS013).",
        "Send the number as a string.",
        '{"passthrough": {"n": 1000...(5000 digits)}}',
    ),
    CodeInfo(
        "LMS010", "byte-order-mark", "warning", "text",
        "The text starts with a UTF-8 byte order mark.",
        "RFC 8259 says senders must not add a byte order mark; some parsers reject it. "
        "The body is read without it.",
        "Save the file as UTF-8 without a byte order mark.",
        "(bytes EF BB BF at the start of the file)",
    ),
    CodeInfo(
        "LMS011", "no-bodies", "warning", "text",
        "A JSON array holds no request body.",
        "An empty batch validates nothing; the file may be a placeholder. (A JSON Lines "
        "file with no body is empty input, LMS002, because it has no JSON text at all.)",
        "Add the bodies, or remove the file from the list of inputs.",
        "[]",
    ),
    CodeInfo(
        "LMS012", "binary-content", "error", "text",
        "The input contains NUL bytes, so it is a binary file, not JSON text.",
        "JSON text never contains a NUL byte outside an escape.",
        "Point the command at the JSON file, or exclude binary files.",
        "(a PNG file)",
    ),
    CodeInfo(
        "LMS013", "number-out-of-range", "error", "text",
        "A number is beyond the range of a 64-bit floating-point number (about 1.8e308).",
        "Python and JavaScript read such a number as infinity, which JSON cannot "
        "write back; other parsers reject it. Numbers too small to represent, such "
        "as 1e-400, read as zero and are accepted.",
        "Send the value as a string, or in a unit that keeps it in range.",
        '{"passthrough": {"score": 1e400}}',
    ),
    CodeInfo(
        "LMS100", "body-not-object", "error", "body",
        "The body is not a JSON object.",
        "The request body must be an object such as {\"learning_object_external_reference\": "
        "\"course-1\"}; a string, number, array or null is rejected.",
        "Wrap the fields in an object.",
        '"course-1"',
    ),
    CodeInfo(
        "LMS101", "unknown-field", "error", "body",
        "The body has a field that the contract does not define.",
        "The schema forbids unknown fields at the top level and in result, so a "
        "misspelt field is caught instead of silently dropped. The hint names the "
        "wire name it most likely means (completedAt suggests completed_at).",
        "Rename the field to the suggested wire name, or remove it.",
        '{"completedAt": "2021-07-21T14:00:00Z"}',
    ),
    CodeInfo(
        "LMS102", "wrong-type", "error", "body",
        "A field has the wrong JSON type.",
        "Each field has one type (or null). Where the intent is clear the hint "
        "computes the fix: 5445 as time_spent becomes \"PT1H30M45S\", a Unix epoch "
        "number as completed_at becomes its RFC 3339 text.",
        "Send the value with the type the contract gives, as the hint shows.",
        '{"time_spent": 5445}',
    ),
    CodeInfo(
        "LMS103", "invalid-result-value", "error", "body",
        "result.value is not one of the unified status values.",
        "The unified status is case-sensitive: Pass, Fail or unmapped_value. The "
        "provider's own status belongs in result.source_value.",
        "Map the provider status to Pass or Fail, or send unmapped_value with the "
        "original in source_value.",
        '{"result": {"value": "passed"}}',
    ),
    CodeInfo(
        "LMS104", "invalid-date-time", "error", "body",
        "completed_at is not an RFC 3339 date-time.",
        "RFC 3339 section 5.6 requires a full date, T, a full time with seconds and "
        "a UTC offset (Z or +hh:mm). The day must exist, and a leap second is only "
        "allowed at 23:59:60 UTC.",
        "Write the instant as in 2021-07-21T14:00:00Z; the hint computes it where it can.",
        '{"completed_at": "2024-03-05T09:15:27"}',
    ),
    CodeInfo(
        "LMS105", "invalid-duration", "error", "body",
        "time_spent is not a duration in the grammar of RFC 3339 Appendix A.",
        "That grammar (what JSON Schema 2020-12 means by format duration) is stricter "
        "than ISO 8601: P, then units in order without skipping one (PT1H0M2S, not "
        "PT1H2S), T before time units, weeks only alone, whole numbers only, no sign.",
        "Write the duration as in PT1H30M45S; the hint computes it where it can.",
        '{"time_spent": "1:30:45"}',
    ),
    CodeInfo(
        "LMS199", "schema-violation", "error", "body",
        "The body breaks a schema rule that has no more specific code.",
        "This code catches any rule added to the schema before the package gives it "
        "a code of its own, so no violation goes unreported.",
        "Read the message: it names the rule and the value.",
        "(depends on the schema)",
    ),
    CodeInfo(
        "LMS201", "deprecated-field", "warning", "body",
        "The body uses a deprecated field.",
        "content_external_reference and content_id still work but are deprecated. "
        "Each deprecated field gets one warning, even when its replacement is also "
        "present, because the values may rightly differ. A deprecated field set to "
        "null counts as absent.",
        "Send the value in the replacement field the message names.",
        '{"content_id": "16873-ENG-VIDEO-1"}',
    ),
    CodeInfo(
        "LMS202", "completed-in-future", "warning", "body",
        "completed_at lies in the future by more than the clock-skew tolerance "
        "(default 5 minutes).",
        "A completion cannot happen in the future; the value is often a local time "
        "sent with Z, or a wrong time zone.",
        "Check the clock and the UTC offset of the value.",
        '{"completed_at": "2999-01-01T00:00:00Z"}',
    ),
    CodeInfo(
        "LMS203", "completed-too-early", "warning", "body",
        "completed_at is before the floor date (default 2000-01-01T00:00:00Z).",
        "Such dates are usually a default value such as the Unix epoch or 0001-01-01 "
        "sent by mistake. The floor is fixed, so verdicts do not change over time.",
        "Send the real completion time, or null when it is unknown.",
        '{"completed_at": "1970-01-01T00:00:00Z"}',
    ),
    CodeInfo(
        "LMS204", "calendar-duration", "warning", "body",
        "time_spent uses years or months.",
        "The length of a year or a month depends on the calendar, so the time spent "
        "is not a fixed amount.",
        "Write the duration in days, hours, minutes and seconds.",
        '{"time_spent": "P1M"}',
    ),
    CodeInfo(
        "LMS205", "zero-duration", "warning", "body",
        "time_spent is zero.",
        "Zero time spent usually means the value was not tracked.",
        "Send the real time spent, or null when it is unknown.",
        '{"time_spent": "PT0S"}',
    ),
    CodeInfo(
        "LMS206", "duration-too-long", "warning", "body",
        "time_spent is longer than the ceiling (default 30 days).",
        "Such a duration is usually the time between enrolment and completion, or a "
        "value in the wrong unit.",
        "Check the unit and the value.",
        '{"time_spent": "P400D"}',
    ),
    CodeInfo(
        "LMS207", "missing-identifier", "warning", "body",
        "No learning object identifier is given.",
        "Without learning_object_external_reference, learning_object_id or one of "
        "their deprecated predecessors holding a non-blank value, the provider cannot "
        "tell which learning object was completed. Unknown fields do not count.",
        "Send learning_object_external_reference.",
        '{"completed_at": "2021-07-21T14:00:00Z"}',
    ),
    CodeInfo(
        "LMS208", "blank-identifier", "warning", "body",
        "An identifier field is empty or only whitespace.",
        "A blank identifier names no learning object.",
        "Send the real identifier, or null.",
        '{"learning_object_id": "  "}',
    ),
    CodeInfo(
        "LMS209", "unmapped-without-source", "warning", "body",
        "result.value is unmapped_value but result.source_value is missing.",
        "unmapped_value says the provider's status had no unified equivalent; "
        "without source_value that status is lost.",
        "Send the provider's original status in result.source_value.",
        '{"result": {"value": "unmapped_value"}}',
    ),
    CodeInfo(
        "LMS301", "provider-removed-field", "error", "contract",
        "The provider's component no longer defines a field that the package accepts.",
        "Clients that send the field may have it rejected or silently dropped.",
        "Check the provider's changelog; stop sending the field and remove it from the package schema.",
        "(content_id missing from the component's properties)",
    ),
    CodeInfo(
        "LMS302", "provider-requires-field", "error", "contract",
        "The provider requires a field that the package treats as optional.",
        "A body without the field passes the package but is rejected by the provider.",
        "Send the field in every body, and add it to required in the package schema.",
        "required: [learning_object_external_reference]",
    ),
    CodeInfo(
        "LMS303", "provider-rejects-null", "error", "contract",
        "The provider no longer accepts null for a field that the package lets be null.",
        "A body with null passes the package but is rejected by the provider.",
        "Send a value, or leave out an optional field; remove null from the field's type in the package schema.",
        "(nullable: true removed from a field)",
    ),
    CodeInfo(
        "LMS304", "provider-narrowed-type", "error", "contract",
        "The provider accepts fewer JSON types for a field than the package does.",
        "A value of a type the provider dropped passes the package but is rejected by the provider.",
        "Send only the types the provider lists, and narrow the type in the package schema.",
        "(source_value: type string only)",
    ),
    CodeInfo(
        "LMS305", "provider-narrowed-enum", "error", "contract",
        "The provider no longer accepts an enum value that the package accepts, or adds an enum.",
        "A body with that value passes the package but is rejected by the provider.",
        "Map the value to one the provider lists, and update the enum in the package schema.",
        "(result.value enum without unmapped_value)",
    ),
    CodeInfo(
        "LMS306", "provider-changed-format", "error", "contract",
        "The provider requires a format that the package does not check, or a different one.",
        "Text that passes the package may break the provider's format and be rejected.",
        "Write the values in the provider's format, and put that format in the package schema.",
        "(time_spent: format date-time)",
    ),
    CodeInfo(
        "LMS307", "provider-closed-object", "error", "contract",
        "The provider rejects members of an object that it does not define, where the package allows any.",
        "A body with extra members passes the package but is rejected by the provider.",
        "Send only the members the provider defines, and set additionalProperties to false in the package schema.",
        "(passthrough: additionalProperties: false)",
    ),
    CodeInfo(
        "LMS308", "provider-added-constraint", "error", "contract",
        "The provider constrains a field with a rule (such as maxLength or pattern) the package does not check.",
        "A value that breaks the rule passes the package but is rejected by the provider.",
        "Keep the values within the rule, and add it to the package schema.",
        "(learning_object_id: maxLength: 255)",
    ),
    CodeInfo(
        "LMS321", "provider-added-field", "warning", "contract",
        "The provider defines a field that the package does not know.",
        "Nothing breaks, but the package rejects the field as unknown until its schema adds it.",
        "Add the field to the package schema to let clients send it.",
        "(a new field completion_source in the component)",
    ),
    CodeInfo(
        "LMS322", "provider-made-field-optional", "warning", "contract",
        "The provider no longer requires a field that the package requires.",
        "Nothing breaks; the package is stricter than it needs to be.",
        "Remove the field from required in the package schema.",
        "(a field dropped from required)",
    ),
    CodeInfo(
        "LMS323", "provider-allows-null", "warning", "contract",
        "The provider accepts null for a field where the package does not.",
        "Nothing breaks; the package rejects null where the provider accepts it.",
        "Add null to the field's type in the package schema if clients need it.",
        "(nullable: true added to a field)",
    ),
    CodeInfo(
        "LMS324", "provider-widened-type", "warning", "contract",
        "The provider accepts more JSON types for a field than the package does.",
        "Nothing breaks; the package rejects types that the provider accepts.",
        "Add the types to the package schema if clients need them.",
        "(passthrough: type object or array)",
    ),
    CodeInfo(
        "LMS325", "provider-widened-enum", "warning", "contract",
        "The provider accepts enum values that the package does not, or drops the enum.",
        "Nothing breaks; the package rejects values that the provider accepts.",
        "Add the values to the enum in the package schema.",
        "(result.value enum with Incomplete)",
    ),
    CodeInfo(
        "LMS326", "provider-changed-deprecation", "warning", "contract",
        "The provider marks a field deprecated that the package does not, or the reverse.",
        "A newly deprecated field still works but may be removed later; the package's "
        "deprecation warnings are then out of date.",
        "Update deprecated (and x-replaced-by) in the package schema.",
        "(learning_object_id: deprecated: true)",
    ),
    CodeInfo(
        "LMS341", "package-checks-format", "warning", "contract",
        "The package checks a format that the provider's component does not state.",
        "Deliberate: the package checks the formats that the provider's descriptions and "
        "examples use (RFC 3339 date-time and duration), so a malformed value is caught "
        "before the provider sees it. A format named after a JSON type, such as format: "
        "string, restricts nothing and counts as no format.",
        "Nothing to do; docs/drift.md lists the deliberate differences.",
        "(completed_at without format in the component)",
    ),
    CodeInfo(
        "LMS342", "package-rejects-unknown-fields", "warning", "contract",
        "The package rejects members of an object that the provider's component leaves open.",
        "Deliberate: the package sets additionalProperties to false so that a misspelt "
        "field (completedAt) is reported instead of silently dropped.",
        "Nothing to do; docs/drift.md lists the deliberate differences.",
        "(the component without additionalProperties: false)",
    ),
    CodeInfo(
        "LMS343", "package-checks-constraint", "warning", "contract",
        "The package constrains a field with a rule (such as maxLength) that the provider does not state.",
        "The package rejects values the provider may accept. Keep such a rule only when "
        "it is deliberate and documented.",
        "Document the rule in docs/drift.md, or remove it from the package schema.",
        "(learning_object_id: maxLength: 255 in the package only)",
    ),
    CodeInfo(
        "LMS901", "unreadable-input", "error", "file",
        "An input file or folder is missing or cannot be read.",
        "The command exits with status 2, since this is a problem with the command "
        "line or the machine, not with the data.",
        "Check the path and its permissions.",
        "lms-schema validate missing.json",
    ),
    CodeInfo(
        "LMS902", "no-inputs", "error", "file",
        "A folder given on the command line holds no .json, .jsonl or .ndjson file.",
        "A check that finds nothing to check would pass silently, for example after a "
        "folder was renamed. The command exits with status 2.",
        "Check the path, or add the payload files to the folder.",
        "lms-schema validate empty-folder/",
    ),
)

CODES: dict[str, CodeInfo] = {entry.code: entry for entry in _ENTRIES}


def code_info(code: str) -> CodeInfo:
    """Return the documentation of ``code``.

    Raises:
        KeyError: ``code`` is not a known code.
    """
    return CODES[code.upper()]


def render_code_page(info: CodeInfo) -> str:
    """Render the documentation page of one code as Markdown."""
    return (
        f"## {info.code} {info.name}\n\n"
        f"Severity: {info.severity}. Scope: {info.scope}.\n\n"
        f"{info.summary}\n\n"
        f"**Why:** {info.explanation}\n\n"
        f"**Fix:** {info.fix}\n\n"
        f"**Example:** `{info.example}`\n"
    )


def render_codes_markdown() -> str:
    """Render ``docs/codes.md``, the one page that documents every code."""
    header = (
        "# Issue codes\n\n"
        "Generated from `lms_schema/codes.py` by `python -m lms_schema.codes`; "
        "do not edit by hand.\n\n"
        "Codes are stable: a code keeps its meaning and a retired code is never "
        "reused. Scope `text` codes come from reading JSON text, `body` codes from "
        "checking a body (also one passed in as a Python dict), `file` codes from "
        "the command line, `contract` codes from `lms-schema drift`, which compares "
        "the provider's OpenAPI document with the package schema (errors there are "
        "changes that can break a client). Strict mode reports every warning as an error.\n\n"
        "| code | name | severity | summary |\n|---|---|---|---|\n"
    )
    rows = "".join(
        f"| {info.code} | {info.name} | {info.severity} | {info.summary} |\n"
        for info in _ENTRIES
    )
    pages = "\n".join(render_code_page(info) for info in _ENTRIES)
    return header + rows + "\n" + pages


if __name__ == "__main__":
    sys.stdout.write(render_codes_markdown())
