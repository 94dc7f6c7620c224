"""The pre-commit hooks, run by the real pre-commit, block invalid payloads and let valid ones through.

The hooks come from a snapshot of this checkout (committed files plus
uncommitted changes) in a temporary git repository, so the test checks the
code as it is on disk, in a clean clone as in a working tree. pre-commit
builds the hook's virtualenv from PyPI the first time, which can take a
minute.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
# Installing the hook environment downloads packages; allow for a slow index.
TIMEOUT_SECONDS = 900

VALID = '{\n  "learning_object_external_reference": "course-1",\n  "time_spent": "PT5M"\n}\n'
INVALID = '{\n  "learning_object_external_reference": "course-1",\n  "timeSpent": "PT5M"\n}\n'
DEPRECATED = '{\n  "content_id": "video-1",\n  "learning_object_external_reference": "course-1"\n}\n'
PACKAGE_JSON = '{\n  "name": "payload-repo",\n  "private": true\n}\n'

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@dataclass(frozen=True)
class HookSource:
    """A git repository that contains a snapshot of this checkout, and the commit to use."""

    path: Path
    revision: str
    environ: dict[str, str]


def git(folder: Path, environ: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *arguments],
        cwd=folder,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_SECONDS,
    )


def isolated_environ(home: Path) -> dict[str, str]:
    """Return an environment that shields git and pre-commit from the user's settings."""
    empty_config = home / "gitconfig"
    empty_config.touch()
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    environ.update(
        {
            "GIT_CONFIG_GLOBAL": str(empty_config),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        }
    )
    return environ


def snapshot_files() -> list[str]:
    """List the files of this checkout that git tracks or would track, uncommitted ones included."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
        timeout=60,
    )
    names = [name.decode() for name in listed.stdout.split(b"\0") if name]
    return [name for name in names if (REPOSITORY / name).is_file()]


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HookSource]:
    if not (REPOSITORY / ".git").exists():
        pytest.skip(f"{REPOSITORY} is not a git checkout, so there is nothing to snapshot")
    home = tmp_path_factory.mktemp("home")
    environ = isolated_environ(home)

    source = tmp_path_factory.mktemp("hook-source")
    for name in snapshot_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, target)

    assert git(source, environ, "init", "--quiet").returncode == 0
    assert git(source, environ, "add", "--all").returncode == 0
    committed = git(source, environ, "commit", "--quiet", "--no-verify", "-m", "snapshot")
    assert committed.returncode == 0, committed.stderr
    revision = git(source, environ, "rev-parse", "HEAD").stdout.strip()
    yield HookSource(source, revision, environ)


def payload_repository(folder: Path, source: HookSource) -> Path:
    """Create a git repository whose pre-commit hook runs both hooks on their own folders."""
    config = (
        "repos:\n"
        f"  - repo: {source.path.as_posix()}\n"
        f"    rev: {source.revision}\n"
        "    hooks:\n"
        "      - id: lms-schema\n"
        "        files: ^payloads/\n"
        "      - id: lms-schema-strict\n"
        "        files: ^strict-payloads/\n"
    )
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    assert git(folder, source.environ, "init", "--quiet").returncode == 0
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=folder,
        env=source.environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT_SECONDS,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return folder


def commit(folder: Path, source: HookSource, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Write and stage ``files``, then commit through the installed hook."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert git(folder, source.environ, "add", ".pre-commit-config.yaml", *files).returncode == 0
    return git(folder, source.environ, "commit", "-m", "add payloads")


def test_hook_passes_valid_payload(tmp_path: Path, hook_source: HookSource) -> None:
    folder = payload_repository(tmp_path, hook_source)
    result = commit(folder, hook_source, {"payloads/valid.json": VALID, "package.json": PACKAGE_JSON})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lms-schema" in result.stdout + result.stderr
    assert git(folder, hook_source.environ, "rev-parse", "--verify", "HEAD").returncode == 0


def test_hook_blocks_invalid_payload(tmp_path: Path, hook_source: HookSource) -> None:
    folder = payload_repository(tmp_path, hook_source)
    result = commit(folder, hook_source, {"payloads/valid.json": VALID, "payloads/invalid.json": INVALID})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "payloads/invalid.json:3:3: LMS101 error: /timeSpent" in output
    assert "rename it to 'time_spent'" in output
    assert "payloads/valid.json:" not in output
    assert git(folder, hook_source.environ, "rev-parse", "--verify", "HEAD").returncode != 0


def test_strict_hook_blocks_warnings(tmp_path: Path, hook_source: HookSource) -> None:
    folder = payload_repository(tmp_path, hook_source)
    relaxed = commit(folder, hook_source, {"payloads/deprecated.json": DEPRECATED})
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr

    strict = commit(folder, hook_source, {"strict-payloads/deprecated.json": DEPRECATED})
    assert strict.returncode != 0
    assert "strict-payloads/deprecated.json:2:3: LMS201 error: /content_id" in strict.stdout + strict.stderr
