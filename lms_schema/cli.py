"""The ``lms-schema`` command line.

Exit status: 0 when no input has an error (warnings allowed), 1 when any
input has an error or is not JSON, 2 for a usage or input/output error. When
both 1 and 2 apply in one run, 2 wins.
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from collections.abc import Sequence
from datetime import datetime, timedelta

from lms_schema import __version__
from lms_schema.check.formats import FormatError, read_duration
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.codes import CODES, render_code_page
from lms_schema.report.base import Renderer
from lms_schema.report.json_output import JsonRenderer
from lms_schema.report.text import TextRenderer
from lms_schema.runner import CheckOptions, FileResult, check_file, exit_status, iter_input_files
from lms_schema.schema import schema_text

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
}

_DESCRIPTION = """\
Validate request bodies for StackOne's LMS create-completion endpoint
(POST /unified/lms/users/{id}/completions) against the contract schema,
with strict RFC 3339 timestamps and durations, sense checks and
deprecation warnings.
"""

_EPILOG = """\
examples:
  lms-schema validate examples/                 check every .json/.jsonl/.ndjson file below a folder
  lms-schema validate body.json --strict        treat warnings as errors
  cat body.json | lms-schema validate -         read one body from standard input
  lms-schema explain LMS105                     show what a code means and how to fix it
  lms-schema schema > completion.schema.json    print the JSON Schema

exit status: 0 no errors (warnings allowed), 1 an input has errors,
2 usage or input/output error.
"""


def _parse_instant(text: str) -> datetime:
    from lms_schema.api import parse_date_time

    try:
        value, _ = parse_date_time(text)
    except (FormatError, ValueError) as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an RFC 3339 date-time such as 2026-01-01T00:00:00Z ({error})"
        ) from None
    return value


def _parse_span(text: str) -> timedelta:
    try:
        parts = read_duration(text)
    except FormatError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as PT5M or P30D: it {error}") from None
    if parts.has_calendar_units:
        raise argparse.ArgumentTypeError(f"{text!r} uses years or months; use days, hours, minutes and seconds")
    return timedelta(seconds=parts.minimum_seconds())


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="lms-schema",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"lms-schema {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check request bodies in files, folders or standard input",
        description="Check request bodies. A .json file holds one body or a JSON array of bodies; "
        ".jsonl and .ndjson files hold one body per line. Folders are searched for those files.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for standard input")
    validate.add_argument("--strict", action="store_true", help="report warnings as errors")
    validate.add_argument(
        "--output", "-o", choices=sorted(RENDERERS), default="text", help="output format (default: text)"
    )
    validate.add_argument(
        "--stdin-format", choices=("json", "jsonl"), default="json",
        help="how to read - (standard input): one JSON document or JSON Lines (default: json)",
    )
    validate.add_argument(
        "--now", type=_parse_instant, metavar="DATE_TIME",
        help="current time for the future-timestamp check, as RFC 3339 (default: the clock)",
    )
    validate.add_argument(
        "--future-tolerance", type=_parse_span, default=DEFAULT_LIMITS.future_tolerance, metavar="DURATION",
        help="how far completed_at may lie in the future, as a duration (default: PT5M)",
    )
    validate.add_argument(
        "--earliest", type=_parse_instant, default=DEFAULT_LIMITS.earliest, metavar="DATE_TIME",
        help="completed_at before this is reported (default: 2000-01-01T00:00:00Z)",
    )
    validate.add_argument(
        "--max-time-spent", type=_parse_span, default=DEFAULT_LIMITS.max_time_spent, metavar="DURATION",
        help="time_spent longer than this is reported (default: P30D)",
    )

    commands.add_parser("schema", help="print the JSON Schema of the request body")

    explain = commands.add_parser("explain", help="show the documentation of an issue code")
    explain.add_argument("code", metavar="CODE", help="issue code such as LMS105, or 'all'")
    return parser


def _run_validate(arguments: argparse.Namespace) -> int:
    options = CheckOptions(
        strict=arguments.strict,
        now=arguments.now,
        limits=SenseLimits(
            future_tolerance=arguments.future_tolerance,
            earliest=arguments.earliest,
            max_time_spent=arguments.max_time_spent,
        ),
        stdin_format=arguments.stdin_format,
    )

    results: list[FileResult] = [check_file(path, options) for path in iter_input_files(arguments.paths)]

    renderer = RENDERERS[arguments.output]()
    sys.stdout.write(renderer.render(results))
    return exit_status(results)


def _run_explain(code: str) -> int:
    if code.lower() == "all":
        sys.stdout.write("\n".join(render_code_page(info) for info in CODES.values()))
        return EXIT_OK
    info = CODES.get(code.upper())
    if info is None:
        sys.stderr.write(f"lms-schema: unknown code {code!r}; known codes: {', '.join(CODES)}\n")
        return EXIT_USAGE
    sys.stdout.write(render_code_page(info))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    logging.basicConfig(format="lms-schema: %(message)s", level=logging.WARNING, stream=sys.stderr)
    parser = build_parser()
    arguments = parser.parse_args(argv)

    # Deprecations are reported as issues; no PYTHONWARNINGS setting may turn
    # one into an exception here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if arguments.command == "validate":
            return _run_validate(arguments)
        if arguments.command == "schema":
            sys.stdout.write(schema_text())
            return EXIT_OK
        if arguments.command == "explain":
            return _run_explain(arguments.code)

    parser.print_help(sys.stderr)
    return EXIT_USAGE


def entry_point() -> None:
    """Console-script entry point: run ``main`` and exit with its status."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        status = EXIT_INVALID
    sys.exit(status)
