"""Typed shapes of the wire body, for type checkers."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

ResultValue = Literal["Pass", "Fail", "unmapped_value"]


class CompletionResultBody(TypedDict, total=False):
    """The ``result`` object as sent on the wire."""

    value: ResultValue | None
    source_value: str | int | float | bool | dict[str, Any] | list[Any] | None


class CompletionRequestBody(TypedDict, total=False):
    """The body of ``POST /unified/lms/users/{id}/completions`` as sent on the wire.

    Every field is optional and may be null. ``content_external_reference`` and
    ``content_id`` are deprecated. A test checks these keys against the schema.
    """

    passthrough: dict[str, Any] | None
    result: CompletionResultBody | None
    completed_at: str | None
    learning_object_id: str | None
    learning_object_external_reference: str | None
    time_spent: str | None
    content_external_reference: str | None
    content_id: str | None
