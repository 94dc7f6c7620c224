"""Measure lms-schema against plain jsonschema and a parse-only loop, and print the ratios.

Run from a checkout with the benchmark extra installed::

    pip install -e ".[fast,bench]"
    python benchmarks/speed.py            # the full run recorded in docs/benchmarks.md
    python benchmarks/speed.py --quick    # a short run that only checks the script works

Four figures, each measured in this one process except peak memory:

1. ``validate()`` of valid bodies, without and with deprecated fields, against
   ``Draft202012Validator(...).is_valid`` with jsonschema's format checker
   (which checks ``date-time`` with rfc3339-validator and ``duration`` with
   isoduration) on the same bodies.
2. ``validate()`` of invalid bodies, which builds the full report, against
   the same validator's ``iter_errors`` listing every error.
3. The command line's ``main`` over a JSON Lines file against a loop that only
   parses the same file (orjson when installed, else json).
4. Peak resident memory of the command line, run as a child process and
   polled from here with psutil, on a small and a large JSON Lines file.

Each body is distinct (its own timestamps, durations and identifiers), so no
cache keyed by value can flatter a figure. Each timing is the best of several
rounds; the baseline and lms-schema alternate within a round.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import psutil
from jsonschema import Draft202012Validator

import lms_schema
from lms_schema import LmsDeprecationWarning, validate
from lms_schema.check import fast
from lms_schema.cli import main as cli_main
from lms_schema.load import fast_json
from lms_schema.schema import load_schema

MEBIBYTE = 1024 * 1024

# How often the memory poller samples the child's resident set size, in seconds.
POLL_INTERVAL = 0.005

# Bodies per timed chunk.
CHUNK = 250

# The targets, as ratios: speed-ups for valid bodies, a slowdown bound for
# invalid ones, a fraction of the parse-only throughput, and megabytes.
TARGET_VALID_PLAIN_PYTHON = 10.0
TARGET_VALID_ACCELERATED = 25.0
TARGET_VALID_DEPRECATED = 5.0
TARGET_INVALID_SLOWDOWN = 2.0
TARGET_CLI_ACCELERATED = 1 / 4
TARGET_CLI_PLAIN_PYTHON = 1 / 8
TARGET_MEMORY_GROWTH_MB = 20.0


# -- generated bodies -------------------------------------------------------------------

OFFSETS = ("Z", "+00:00", "+01:00", "-05:00", "+05:30", "-08:00", "+09:00")
STATUSES = ("Pass", "Fail")
SOURCE_VALUES: tuple[object, ...] = ("passed", "failed", "completed", 1, 0, True, 0.85)


def random_timestamp(rng: random.Random) -> str:
    """Return a distinct, valid RFC 3339 timestamp between 2015 and 2025."""
    year = rng.randrange(2015, 2026)
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    clock = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"
    fraction = f".{rng.randrange(1000):03d}" if rng.random() < 0.5 else ""
    return f"{year:04d}-{month:02d}-{day:02d}T{clock}{fraction}{rng.choice(OFFSETS)}"


def random_duration(rng: random.Random) -> str:
    """Return a valid duration of a minute to a few days, in one of several shapes."""
    shape = rng.randrange(4)
    if shape == 0:
        return f"PT{rng.randrange(1, 10)}H{rng.randrange(60)}M{rng.randrange(60)}S"
    if shape == 1:
        return f"PT{rng.randrange(1, 600)}M"
    if shape == 2:
        return f"P{rng.randrange(1, 5)}DT{rng.randrange(24)}H"
    return f"PT{rng.randrange(1, 40000)}S"


def valid_body(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a valid body with all six current fields and no warning."""
    return {
        "learning_object_external_reference": f"course-{index}-{rng.randrange(10**9)}",
        "learning_object_id": f"lo-{rng.randrange(16**8):08x}-{index}",
        "result": {"value": rng.choice(STATUSES), "source_value": rng.choice(SOURCE_VALUES)},
        "completed_at": random_timestamp(rng),
        "time_spent": random_duration(rng),
        "passthrough": {"cohort": f"cohort-{rng.randrange(100)}", "attempt": rng.randrange(1, 5)},
    }


def deprecated_body(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a valid body that also sends one or both deprecated fields."""
    body = valid_body(rng, index)
    choice = rng.randrange(3)
    if choice in (0, 2):
        body["content_id"] = f"content-{index}"
    if choice in (1, 2):
        body["content_external_reference"] = f"CONTENT-REF-{rng.randrange(10**6)}"
    return body


def rename_to_camel_case(body: dict[str, Any], rng: random.Random) -> None:
    """Send the reference under its camelCase name, an unknown field."""
    body["learningObjectExternalReference"] = body.pop("learning_object_external_reference")


def send_seconds_as_number(body: dict[str, Any], rng: random.Random) -> None:
    """Send the time spent as a number of seconds, the wrong type."""
    body["time_spent"] = rng.randrange(60, 40000)


def drop_time_zone(body: dict[str, Any], rng: random.Random) -> None:
    """Send the timestamp without T and offset."""
    body["completed_at"] = body["completed_at"][:19].replace("T", " ")


def send_clock_time(body: dict[str, Any], rng: random.Random) -> None:
    """Send the time spent as a clock time, not a duration."""
    body["time_spent"] = f"{rng.randrange(1, 9)}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"


def lowercase_status(body: dict[str, Any], rng: random.Random) -> None:
    """Send the result status in the wrong case."""
    body["result"]["value"] = body["result"]["value"].lower()


def add_unknown_field(body: dict[str, Any], rng: random.Random) -> None:
    """Send a field the contract does not define."""
    body["completion_state"] = rng.choice(("done", "finished", "complete"))


FAULTS: tuple[Callable[[dict[str, Any], random.Random], None], ...] = (
    rename_to_camel_case,
    send_seconds_as_number,
    drop_time_zone,
    send_clock_time,
    lowercase_status,
    add_unknown_field,
)


def invalid_body(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a body with one to three different faults."""
    body = valid_body(rng, index)
    for fault in rng.sample(FAULTS, rng.randrange(1, 4)):
        fault(body, rng)
    return body


def generate(make: Callable[[random.Random, int], dict[str, Any]], count: int, seed: int) -> list[dict[str, Any]]:
    """Return ``count`` bodies from ``make`` with a fixed seed."""
    rng = random.Random(seed)
    return [make(rng, index) for index in range(count)]


# -- timing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """Best per-body times of the baseline and of lms-schema on the same bodies, in microseconds."""

    label: str
    baseline_us: float
    ours_us: float

    @property
    def speedup(self) -> float:
        """How many times faster lms-schema is than the baseline."""
        return self.baseline_us / self.ours_us


def best_time(run: Callable[[], object], rounds: int) -> float:
    """Return the shortest wall time of ``rounds`` calls of ``run``, in seconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def time_calls(check: Callable[[object], object], bodies: Sequence[object]) -> float:
    """Return the wall time of calling ``check`` on each body once, in seconds."""
    start = time.perf_counter()
    for body in bodies:
        check(body)
    return time.perf_counter() - start


def compare(
    label: str,
    bodies: Sequence[object],
    baseline: Callable[[object], object],
    ours: Callable[[object], object],
    rounds: int,
) -> Comparison:
    """Time ``baseline`` and ``ours`` on the same bodies, chunk by chunk.

    Each chunk of bodies is timed ``rounds`` times with the two alternating,
    and the best time of each side counts. Short chunks keep both sides under
    the same load of the machine, and the sums over all chunks cover every body.
    """
    for body in bodies[:CHUNK]:
        # One untimed call each, so that caches built on first use are not timed.
        baseline(body)
        ours(body)

    baseline_total, our_total = 0.0, 0.0
    for start in range(0, len(bodies), CHUNK):
        chunk = bodies[start : start + CHUNK]
        baseline_times, our_times = [], []
        for _ in range(rounds):
            baseline_times.append(time_calls(baseline, chunk))
            our_times.append(time_calls(ours, chunk))
        baseline_total += min(baseline_times)
        our_total += min(our_times)
    scale = 1e6 / len(bodies)
    return Comparison(label, baseline_total * scale, our_total * scale)


def baseline_validator() -> Draft202012Validator:
    """Return plain jsonschema with its format checker, failing if it would skip a format."""
    checker = Draft202012Validator.FORMAT_CHECKER
    missing = {"date-time", "duration"} - set(checker.checkers)
    if missing:
        raise SystemExit(
            f"jsonschema would not check {', '.join(sorted(missing))}: install the benchmark extra "
            "(pip install -e '.[bench]'), which brings rfc3339-validator and isoduration"
        )
    return Draft202012Validator(load_schema(), format_checker=checker)


def check_bodies(label: str, bodies: Sequence[dict[str, Any]], expect_valid: bool) -> None:
    """Stop the run when a generated body does not have the expected verdict."""
    for body in bodies:
        if validate(body).valid != expect_valid:
            raise SystemExit(f"a generated {label} body has the wrong verdict: {body}")


def time_bodies(count: int, rounds: int) -> list[Comparison]:
    """Time valid and invalid bodies, with and without the accelerator."""
    validator = baseline_validator()
    plain = generate(valid_body, count, seed=1)
    deprecated = generate(deprecated_body, count, seed=2)
    broken = generate(invalid_body, count, seed=3)

    def report_issues(body: object) -> object:
        return validate(body).issues

    def all_errors(body: object) -> object:
        return list(validator.iter_errors(body))

    comparisons = []
    for accelerated in accelerator_settings():
        fast.use_accelerator(accelerated)
        suffix = "accelerated" if accelerated else "plain Python"
        check_bodies("valid", plain, expect_valid=True)
        check_bodies("deprecated", deprecated, expect_valid=True)
        check_bodies("invalid", broken, expect_valid=False)
        is_valid = validator.is_valid
        comparisons.append(compare(f"valid, no deprecated field ({suffix})", plain, is_valid, validate, rounds))
        comparisons.append(compare(f"valid, deprecated fields ({suffix})", deprecated, is_valid, validate, rounds))
        comparisons.append(compare(f"invalid, full report ({suffix})", broken, all_errors, report_issues, rounds))
    fast.use_accelerator(None)
    return comparisons


def accelerator_settings() -> list[bool]:
    """Return the settings to measure: plain Python, and the accelerator when installed."""
    return [False, True] if fast.accelerator_installed() and fast_json.orjson_installed() else [False]


# -- JSON Lines through the command line --------------------------------------------------


def write_json_lines(path: Path, target_bytes: int, seed: int) -> int:
    """Write distinct valid bodies to ``path`` until it reaches ``target_bytes``; return the line count."""
    rng = random.Random(seed)
    written = 0
    lines = 0
    with path.open("w", encoding="utf-8") as stream:
        while written < target_bytes:
            line = json.dumps(valid_body(rng, lines), separators=(",", ":")) + "\n"
            stream.write(line)
            written += len(line)
            lines += 1
    return lines


def parse_only(path: Path, use_orjson: bool) -> None:
    """Parse every line of ``path`` and do nothing else."""
    if use_orjson:
        import orjson

        loads: Callable[[bytes], object] = orjson.loads
    else:
        loads = json.loads
    with path.open("rb") as stream:
        for line in stream:
            loads(line)


def run_cli_quietly(path: Path) -> None:
    """Run ``lms-schema validate PATH`` in this process and fail unless it reports no error."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        status = cli_main(["validate", str(path)])
    if status != 0:
        tail = output.getvalue()[-2000:]
        raise SystemExit(f"the command line exited with {status} on generated valid bodies:\n{tail}")


@dataclass(frozen=True)
class Throughput:
    """Lines per second of the command line and of a parse-only loop over the same file."""

    label: str
    lines: int
    cli_seconds: float
    parse_seconds: float
    parser: str

    @property
    def fraction(self) -> float:
        """The command line's throughput as a fraction of the parse-only loop's."""
        return self.parse_seconds / self.cli_seconds


def time_cli(folder: Path, target_bytes: int, rounds: int) -> list[Throughput]:
    """Time the command line over a JSON Lines file against parse-only loops, alternating within each round."""
    path = folder / "throughput.jsonl"
    lines = write_json_lines(path, target_bytes, seed=4)
    parsers = {"json": False, "orjson": True} if fast_json.orjson_installed() else {"json": False}

    results = []
    for accelerated in accelerator_settings():
        fast.use_accelerator(accelerated)
        fast_json.use_orjson(accelerated)
        parse_times: dict[str, list[float]] = {name: [] for name in parsers}
        cli_times = []
        for _ in range(rounds):
            for name, use_orjson in parsers.items():
                parse_times[name].append(best_time(functools.partial(parse_only, path, use_orjson), 1))
            cli_times.append(best_time(functools.partial(run_cli_quietly, path), 1))

        label = "accelerated" if accelerated else "plain Python"
        # The parse-only loop of each setting comes first: orjson with the accelerator, json without.
        own_parser = "orjson" if accelerated else "json"
        for name in sorted(parsers, key=lambda name: name != own_parser):
            results.append(Throughput(label, lines, min(cli_times), min(parse_times[name]), name))
    fast.use_accelerator(None)
    fast_json.use_orjson(None)
    path.unlink()
    return results


# -- peak memory -----------------------------------------------------------------------------


def peak_rss_of_cli(path: Path) -> int:
    """Run the command line on ``path`` as a child process and return its peak resident set size in bytes."""
    command = [sys.executable, "-m", "lms_schema", "validate", str(path)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            peak = max(peak, watched.memory_info().rss)
        time.sleep(POLL_INTERVAL)
    _, errors = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"the command line exited with {child.returncode} on {path}: {errors.decode()[-2000:]}")
    return peak


@dataclass(frozen=True)
class Memory:
    """Peak resident set size of the command line on one file."""

    file_mb: float
    lines: int
    peak_mb: float


def measure_memory(folder: Path, sizes_mb: Sequence[int]) -> list[Memory]:
    """Write a JSON Lines file of each size in turn, measure the command line on it, and delete it."""
    results = []
    for size_mb in sizes_mb:
        free = shutil.disk_usage(folder).free
        if free < 2 * size_mb * MEBIBYTE:
            raise SystemExit(f"only {free // MEBIBYTE} MiB free in {folder}; the {size_mb} MiB file needs twice that")
        path = folder / f"memory-{size_mb}.jsonl"
        lines = write_json_lines(path, size_mb * MEBIBYTE, seed=5)
        try:
            peak = peak_rss_of_cli(path)
        finally:
            path.unlink()
        results.append(Memory(size_mb, lines, peak / MEBIBYTE))
    return results


# -- output -----------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    """Return the word printed next to a figure and its target."""
    return "met" if met else "MISSED"


def cpu_name() -> str:
    """Return the processor's model name, from /proc/cpuinfo where there is one."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def print_machine() -> None:
    """Print what the figures were measured on."""
    memory = psutil.virtual_memory().total / 1024**3
    print(f"machine: {cpu_name()}, {os.cpu_count()} cores, {memory:.1f} GiB RAM")
    print(f"python: {platform.python_implementation()} {platform.python_version()} on {platform.system()}")
    versions = [f"lms-schema {lms_schema.__version__}", f"jsonschema {jsonschema_version()}"]
    versions.append(f"jsonschema-rs {package_version('jsonschema_rs')}")
    versions.append(f"orjson {package_version('orjson')}")
    print("packages: " + ", ".join(versions))


def jsonschema_version() -> str:
    """Return the installed jsonschema version."""
    return package_version("jsonschema") if hasattr(jsonschema, "__name__") else "?"


def package_version(name: str) -> str:
    """Return the installed version of a distribution, or ``not installed``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name.replace("_", "-"))
    except PackageNotFoundError:
        return "not installed"


def print_comparisons(comparisons: Sequence[Comparison]) -> None:
    """Print the body timings with their ratios and targets."""
    print("\nvalidate() against jsonschema (microseconds per body, best round)")
    for comparison in comparisons:
        if comparison.label.startswith("invalid"):
            slowdown = comparison.ours_us / comparison.baseline_us
            met = verdict(slowdown <= TARGET_INVALID_SLOWDOWN)
            target = f"target at most {TARGET_INVALID_SLOWDOWN:.0f}x the baseline's time: {met}"
            ratio = f"{slowdown:5.2f}x the baseline's time"
        else:
            goal = target_speedup(comparison.label)
            target = f"target {goal:.0f}x: {verdict(comparison.speedup >= goal)}"
            ratio = f"{comparison.speedup:5.1f}x faster"
        print(
            f"  {comparison.label:45} baseline {comparison.baseline_us:8.2f}  lms-schema {comparison.ours_us:8.2f}"
            f"  {ratio}  ({target})"
        )


def target_speedup(label: str) -> float:
    """Return the speed-up target of a valid-body comparison."""
    if "deprecated fields" in label:
        return TARGET_VALID_DEPRECATED
    if "accelerated" in label:
        return TARGET_VALID_ACCELERATED
    return TARGET_VALID_PLAIN_PYTHON


def print_throughputs(throughputs: Sequence[Throughput]) -> None:
    """Print the command line's throughput as a fraction of the parse-only loop's."""
    print("\nlms-schema validate FILE.jsonl (in this process) against a parse-only loop (best round)")
    for result in throughputs:
        cli_rate = result.lines / result.cli_seconds
        parse_rate = result.lines / result.parse_seconds
        own_parser = "orjson" if result.label == "accelerated" else "json"
        if result.parser == own_parser:
            goal = TARGET_CLI_ACCELERATED if result.label == "accelerated" else TARGET_CLI_PLAIN_PYTHON
            target = f"target 1/{1 / goal:.0f}: {verdict(result.fraction >= goal)}"
        else:
            target = "for comparison"
        print(
            f"  {result.label:13} {result.lines} lines: command line {cli_rate:9,.0f} lines/s, "
            f"{result.parser:6} parse-only {parse_rate:10,.0f} lines/s, fraction 1/{1 / result.fraction:.1f} "
            f"({target})"
        )


def print_memory(results: Sequence[Memory]) -> None:
    """Print peak memory per file size and the growth between the smallest and largest file."""
    print("\npeak resident memory of lms-schema validate FILE.jsonl (child process, polled with psutil)")
    for result in results:
        print(f"  {result.file_mb:6.0f} MiB file, {result.lines:9} lines: peak {result.peak_mb:7.1f} MiB")
    if len(results) >= 2:
        growth = results[-1].peak_mb - results[0].peak_mb
        print(
            f"  growth from {results[0].file_mb:.0f} MiB to {results[-1].file_mb:.0f} MiB: {growth:+.1f} MiB "
            f"(target within {TARGET_MEMORY_GROWTH_MB:.0f} MiB: {verdict(abs(growth) <= TARGET_MEMORY_GROWTH_MB)})"
        )


# -- command line ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How much work one run does."""

    bodies: int
    rounds: int
    cli_mb: int
    memory_mb: tuple[int, ...]


FULL = Settings(bodies=5000, rounds=7, cli_mb=50, memory_mb=(10, 500))
QUICK = Settings(bodies=200, rounds=1, cli_mb=1, memory_mb=(1, 2))


def parse_arguments(argv: Sequence[str] | None) -> Settings:
    """Read the command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a short run that only checks the script works")
    parser.add_argument("--bodies", type=int, help=f"distinct bodies per group (default {FULL.bodies})")
    parser.add_argument("--rounds", type=int, help=f"rounds per timing; the best counts (default {FULL.rounds})")
    parser.add_argument("--cli-mb", type=int, help=f"size of the throughput file in MiB (default {FULL.cli_mb})")
    parser.add_argument(
        "--memory-mb", type=int, nargs="+", help=f"sizes of the memory files in MiB (default {FULL.memory_mb})"
    )
    arguments = parser.parse_args(argv)
    base = QUICK if arguments.quick else FULL
    return Settings(
        bodies=arguments.bodies or base.bodies,
        rounds=arguments.rounds or base.rounds,
        cli_mb=arguments.cli_mb or base.cli_mb,
        memory_mb=tuple(arguments.memory_mb or base.memory_mb),
    )


@contextlib.contextmanager
def temporary_folder() -> Iterator[Path]:
    """Yield a temporary folder that is removed afterwards, even on failure."""
    with tempfile.TemporaryDirectory(prefix="lms-schema-bench-") as name:
        yield Path(name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement and print the figures."""
    settings = parse_arguments(argv)
    # validate() warns once per deprecated field; the warning filter is not what is measured.
    warnings.simplefilter("ignore", LmsDeprecationWarning)

    print_machine()
    print(f"settings: {settings}")
    print_comparisons(time_bodies(settings.bodies, settings.rounds))
    with temporary_folder() as folder:
        print_throughputs(time_cli(folder, settings.cli_mb * MEBIBYTE, settings.rounds))
        print_memory(measure_memory(folder, settings.memory_mb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
