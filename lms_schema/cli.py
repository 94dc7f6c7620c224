"""The ``lms-schema`` command line.

Exit status: 0 when no input has an error (warnings allowed), 1 when any
input has an error or is not JSON, 2 for a usage or input/output error. When
both 1 and 2 apply in one run, 2 wins.

Each subcommand is one entry of ``COMMANDS``: a function that adds its
parser and a function that runs it with the parsed arguments.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import IO, TypeAlias

from lms_schema import __version__, drift
from lms_schema.check.formats import FormatError, read_duration
from lms_schema.check.sense import DEFAULT_LIMITS, SenseLimits
from lms_schema.codes import CODES, CodeInfo, render_code_page
from lms_schema.issues import Issue
from lms_schema.load.limits import DEFAULT_READ_LIMITS, ReadLimits, parse_byte_size
from lms_schema.load.sources import format_for_name
from lms_schema.report.base import Renderer, RenderSettings, Summary
from lms_schema.report.github import GitHubRenderer
from lms_schema.report.json_output import JsonRenderer
from lms_schema.report.progress import body_progress, progress_wanted
from lms_schema.report.text import TextRenderer
from lms_schema.runner import (
    STDIN_NAME,
    CheckOptions,
    CodeSelection,
    FileResult,
    SelectorError,
    check_file,
    exit_status,
    iter_input_files,
)
from lms_schema.schema import schema_facts, schema_text

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "github": GitHubRenderer,
}

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
AddParser = Callable[[Subparsers], argparse.ArgumentParser]
RunCommand = Callable[[argparse.Namespace], int]

_DESCRIPTION = """\
Check request bodies for StackOne's LMS create-completion endpoint
(POST /unified/lms/users/{id}/completions) before they are sent: the JSON
Schema of the contract, strict RFC 3339 timestamps and durations, sense
checks and deprecation warnings. Every problem is reported with its file,
line, column, JSON Pointer, a stable code and a fix.
"""

_EPILOG = """\
examples:
  lms-schema validate examples/                 check every .json/.jsonl/.ndjson file below a folder
  lms-schema validate body.json --strict        treat warnings as errors
  lms-schema validate export.ndjson -o json     one JSON document with every issue, for tools
  cat body.json | lms-schema validate -         read one body from standard input
  lms-schema explain LMS105                     show what a code means and how to fix it
  lms-schema schema > completion.schema.json    print the JSON Schema

exit status: 0 no errors (warnings allowed), 1 an input has errors,
2 usage or input/output error.

Run 'lms-schema COMMAND --help' for the options of one command.
"""

_VALIDATE_DESCRIPTION = """\
Check request bodies. A .json file contains one body or a JSON array of
bodies; .jsonl and .ndjson files contain one body per line. Folders are
searched for those files (hidden folders such as .git are skipped). Use - to
read standard input.

Each problem is printed as
  path:line:column: CODE severity: pointer: message
followed by a hint on how to fix it. Errors break the contract and make the
exit status 1; warnings (deprecated fields, suspicious values) do not,
unless --strict is given.
"""

_VALIDATE_EPILOG = """\
selecting codes:
  --select and --ignore take codes (LMS201), prefixes (LMS2 for every body
  warning) or ALL, comma-separated or repeated. An ignored code is dropped
  entirely: it is not printed and does not count toward the exit status.
  When both match a code, the more specific one wins.

examples:
  lms-schema validate payloads/ --ignore LMS201       allow deprecated fields
  lms-schema validate payloads/ --select LMS1         only contract errors
  lms-schema validate payloads/ -o github             annotations in GitHub Actions
  producer | lms-schema validate - --stdin-format jsonl

exit status: 0 no errors (warnings allowed), 1 an input has errors,
2 usage error or an input that cannot be read.
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


def _parse_depth(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9) or int(digits) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of levels from 1 upwards, such as 512")
    return int(digits)


def _parse_size(text: str) -> int:
    try:
        return parse_byte_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parse_selectors(text: str) -> str:
    try:
        CodeSelection.parse(select=[text])
    except SelectorError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_validate_parser(commands: Subparsers) -> argparse.ArgumentParser:
    """Add the ``validate`` subcommand and its options."""
    validate = commands.add_parser(
        "validate",
        help="check request bodies in files, folders or standard input",
        description=_VALIDATE_DESCRIPTION,
        epilog=_VALIDATE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for standard input")

    output = validate.add_argument_group("output")
    output.add_argument(
        "--output", "-o", choices=sorted(RENDERERS), default="text",
        help="text: one line per problem (default); json: one document for tools; "
        "github: GitHub Actions annotations",
    )
    output.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour the text output: auto colours only a terminal and honours NO_COLOR (default: auto)",
    )
    output.add_argument("--quiet", "-q", action="store_true", help="print only errors, without the summary line")
    output.add_argument(
        "--no-progress", action="store_true",
        help="never show progress; by default it shows on a terminal for inputs of 4 MiB or more",
    )

    selection = validate.add_argument_group("selecting problems")
    selection.add_argument("--strict", action="store_true", help="report warnings as errors")
    selection.add_argument(
        "--select", action="append", default=[], type=_parse_selectors, metavar="CODES",
        help="report only these codes or prefixes, such as LMS1 or LMS104,LMS105",
    )
    selection.add_argument(
        "--ignore", action="append", default=[], type=_parse_selectors, metavar="CODES",
        help="drop these codes or prefixes, such as LMS201",
    )

    reading = validate.add_argument_group("reading input")
    reading.add_argument(
        "--stdin-format", choices=("json", "jsonl"), default="json",
        help="how to read - (standard input): one JSON document, or JSON Lines (default: json)",
    )
    reading.add_argument(
        "--max-depth", type=_parse_depth, default=DEFAULT_READ_LIMITS.max_depth, metavar="LEVELS",
        help="deepest nesting of arrays and objects accepted, in levels (default: 512)",
    )
    reading.add_argument(
        "--max-body-bytes", type=_parse_size, default=DEFAULT_READ_LIMITS.max_body_bytes, metavar="SIZE",
        help="largest JSON text read at once, in bytes: one JSON Lines line, or a whole .json file; "
        "suffixes kB, MB, KiB, MiB accepted (default: 4MiB)",
    )

    sense = validate.add_argument_group("sense checks")
    sense.add_argument(
        "--now", type=_parse_instant, metavar="DATE_TIME",
        help="current time for the future-timestamp check, as RFC 3339 (default: the clock)",
    )
    sense.add_argument(
        "--future-tolerance", type=_parse_span, default=DEFAULT_LIMITS.future_tolerance, metavar="DURATION",
        help="how far completed_at may lie in the future, as a duration (default: PT5M)",
    )
    sense.add_argument(
        "--earliest", type=_parse_instant, default=DEFAULT_LIMITS.earliest, metavar="DATE_TIME",
        help="completed_at before this is reported (default: 2000-01-01T00:00:00Z)",
    )
    sense.add_argument(
        "--max-time-spent", type=_parse_span, default=DEFAULT_LIMITS.max_time_spent, metavar="DURATION",
        help="time_spent longer than this is reported (default: P30D)",
    )
    return validate


def use_color(choice: str, stream: IO[str], environ: Mapping[str, str]) -> bool:
    """Decide whether to colour output written to ``stream``.

    ``always`` and ``never`` win over the environment. ``auto`` colours only
    a terminal, and not when ``NO_COLOR`` is set to a non-empty value or
    ``TERM`` is ``dumb``.
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def _check_options(arguments: argparse.Namespace) -> CheckOptions:
    return CheckOptions(
        strict=arguments.strict,
        now=arguments.now,
        limits=SenseLimits(
            future_tolerance=arguments.future_tolerance,
            earliest=arguments.earliest,
            max_time_spent=arguments.max_time_spent,
        ),
        stdin_format=arguments.stdin_format,
        selection=CodeSelection.parse(select=arguments.select, ignore=arguments.ignore),
        errors_only=arguments.quiet,
        read_limits=ReadLimits(max_depth=arguments.max_depth, max_body_bytes=arguments.max_body_bytes),
    )


def run_validate(arguments: argparse.Namespace) -> int:
    """Check the inputs, print the report and return the exit status."""
    if arguments.paths.count(STDIN_NAME) > 1:
        sys.stderr.write("lms-schema: standard input (-) can be named only once\n")
        return EXIT_USAGE
    options = _check_options(arguments)
    paths = list(iter_input_files(arguments.paths))
    show_progress = not arguments.no_progress and progress_wanted(
        paths, stderr_is_tty=sys.stderr.isatty(), environ=os.environ
    )

    settings = RenderSettings(
        color=arguments.output == "text" and use_color(arguments.color, sys.stdout, os.environ),
        quiet=arguments.quiet,
    )
    renderer = RENDERERS[arguments.output](settings)

    results: list[FileResult] = []
    with body_progress(show_progress) as progress:
        if progress is not None:
            # The progress display redraws the terminal, so the report is
            # written once the run is over instead of issue by issue.
            for path in paths:
                progress.start_file(path)
                results.append(check_file(path, options, progress.advance))
            sys.stdout.write(renderer.render(results))
            return exit_status(results)

    # Each issue is written as soon as it is found and not kept, so memory
    # does not grow with the number of issues in a large input.
    write = sys.stdout.write

    def write_issue(issue: Issue) -> None:
        write(renderer.render_issue(issue))

    write(renderer.begin())
    for path in paths:
        input_format = options.stdin_format if path == STDIN_NAME else format_for_name(path)
        write(renderer.begin_file(path, input_format))
        result = check_file(path, options, on_issue=write_issue)
        write(renderer.end_file(result))
        results.append(result)
    write(renderer.end(Summary.of(results)))
    return exit_status(results)


def add_schema_parser(commands: Subparsers) -> argparse.ArgumentParser:
    """Add the ``schema`` subcommand."""
    return commands.add_parser(
        "schema",
        help="print the JSON Schema of the request body",
        description="Print the JSON Schema (draft 2020-12) that decides what a valid body is, "
        "exactly as shipped with this version.",
    )


def run_schema(arguments: argparse.Namespace) -> int:
    """Print the schema."""
    sys.stdout.write(schema_text())
    return EXIT_OK


def add_explain_parser(commands: Subparsers) -> argparse.ArgumentParser:
    """Add the ``explain`` subcommand."""
    explain = commands.add_parser(
        "explain",
        help="show the documentation of an issue code",
        description="Show what an issue code means, why it matters and how to fix it.",
    )
    explain.add_argument("code", metavar="CODE", help="a code such as LMS105, a name such as invalid-duration, or all")
    return explain


def find_code(text: str) -> CodeInfo | None:
    """Return the code whose identifier (``LMS105``) or name (``invalid-duration``) is ``text``."""
    info = CODES.get(text.upper())
    if info is not None:
        return info
    return next((candidate for candidate in CODES.values() if candidate.name == text.lower()), None)


def run_explain(arguments: argparse.Namespace) -> int:
    """Print the documentation page of one code, or of all of them."""
    text: str = arguments.code
    if text.lower() == "all":
        sys.stdout.write("\n".join(render_code_page(info) for info in CODES.values()))
        return EXIT_OK

    info = find_code(text)
    prefixed = [candidate for candidate in CODES.values() if candidate.code.startswith(text.upper())]
    if info is None and prefixed:
        sys.stdout.write("\n".join(render_code_page(candidate) for candidate in prefixed))
        return EXIT_OK
    if info is None:
        names = [candidate.name for candidate in CODES.values()]
        close = difflib.get_close_matches(text.upper(), list(CODES), n=1) or difflib.get_close_matches(
            text.lower(), names, n=1
        )
        advice = f"did you mean {close[0]}? " if close else ""
        sys.stderr.write(
            f"lms-schema: unknown code {text!r}; {advice}run 'lms-schema explain all' to list every code\n"
        )
        return EXIT_USAGE
    sys.stdout.write(render_code_page(info))
    return EXIT_OK


COMMANDS: tuple[tuple[AddParser, RunCommand], ...] = (
    (add_validate_parser, run_validate),
    (add_schema_parser, run_schema),
    (add_explain_parser, run_explain),
    (drift.add_parser, drift.run),
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="lms-schema",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version",
        version=f"lms-schema {__version__} (contract revision {schema_facts().revision})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_parser, run in COMMANDS:
        add_parser(commands).set_defaults(run=run)
    return parser


@contextmanager
def _log_to_stderr() -> Iterator[None]:
    """Send the package's log records (such as skipped folders) to standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("lms-schema: %(message)s"))
    package_logger = logging.getLogger("lms_schema")
    package_logger.addHandler(handler)
    if package_logger.level == logging.NOTSET:
        package_logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        package_logger.removeHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE

    # Deprecations are reported as issues; no PYTHONWARNINGS setting may turn
    # one into an exception here.
    with _log_to_stderr(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        status: int = arguments.run(arguments)
    return status


def entry_point() -> None:
    """Console-script entry point: run ``main`` and exit with its status."""
    try:
        status = main()
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading, such as head.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_INVALID
    sys.exit(status)
