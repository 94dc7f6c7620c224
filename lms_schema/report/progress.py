"""Progress on standard error while long inputs are checked, drawn with rich.

Progress is shown only to a person watching a terminal, and only when the
inputs are large enough to take a while. It is never shown when standard
error is not a TTY (piped or redirected), under CI (``CI`` set) or under
pre-commit (``PRE_COMMIT`` set).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# Inputs of this many bytes or more get a progress display. An estimate:
# 4 MiB of JSON Lines is about 20,000 bodies, which take a few seconds.
LARGE_INPUT_BYTES = 4 * 1024 * 1024


def input_bytes(paths: Iterable[str]) -> int:
    """Return the total size of the input files that exist; standard input counts as 0."""
    total = 0
    for path in paths:
        if path == "-":
            continue
        try:
            total += os.path.getsize(path)
        except OSError:
            continue
    return total


def progress_wanted(paths: Iterable[str], *, stderr_is_tty: bool, environ: Mapping[str, str]) -> bool:
    """Decide whether to show progress for a run over ``paths``."""
    if not stderr_is_tty:
        return False
    if environ.get("CI") or environ.get("PRE_COMMIT"):
        return False
    return input_bytes(paths) >= LARGE_INPUT_BYTES


class BodyProgress:
    """A progress line on standard error: file, bodies checked, bodies per second.

    Use it as a context manager; it removes its line when it closes.
    """

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress: Progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed:,.0f} bodies"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task: TaskID = self._progress.add_task("", total=None, rate="")

    def __enter__(self) -> BodyProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    @property
    def bodies_done(self) -> int:
        """The number of bodies counted so far."""
        return int(self._progress.tasks[0].completed)

    def start_file(self, path: str) -> None:
        """Show ``path`` as the input being checked."""
        self._progress.update(self._task, description=path)

    def advance(self, bodies: int) -> None:
        """Count ``bodies`` more bodies as checked and update the rate."""
        self._progress.advance(self._task, bodies)
        speed = self._progress.tasks[0].speed
        rate = f"{speed:,.0f} bodies/s" if speed else ""
        self._progress.update(self._task, rate=rate)


@contextmanager
def body_progress(enabled: bool) -> Iterator[BodyProgress | None]:
    """Yield a started ``BodyProgress`` when ``enabled``, else ``None``."""
    if not enabled:
        yield None
        return
    with BodyProgress() as progress:
        yield progress
