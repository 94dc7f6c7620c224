"""The wheel, built from this checkout and installed into a fresh virtualenv, works from another folder."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel, install it into a new virtualenv, and return that virtualenv's bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(REPOSITORY)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheels = list((work / "dist").glob("lms_schema-*.whl"))
    assert len(wheels) == 1

    environment = work / "env"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_folder = environment / "bin"
    subprocess.run(
        [str(bin_folder / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return bin_folder


def test_wheel_ships_schema(installed: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [str(installed / "python"), "-c", "import lms_schema; print(lms_schema.load_schema()['$id'])"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert run.stdout.strip() == lms_schema_id()


def lms_schema_id() -> str:
    schema = json.loads((REPOSITORY / "schemas" / "lms-create-completion-request.schema.json").read_text("utf-8"))
    return str(schema["$id"])


def test_wheel_cli_validates_from_other_folder(installed: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text('{"learning_object_external_reference": "c-1", "time_spent": "PT5M"}', encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"learning_object_external_reference": "c-1", "time_spent": "1:30:45"}', encoding="utf-8")

    passed = subprocess.run(
        [str(installed / "lms-schema"), "validate", "good.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    failed = subprocess.run(
        [str(installed / "lms-schema"), "validate", "bad.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )

    assert passed.returncode == 0, passed.stderr
    assert failed.returncode == 1, failed.stderr
    assert "PT1H30M45S" in failed.stdout


def test_wheel_has_type_marker(installed: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import importlib.resources as r; print(r.files('lms_schema').joinpath('py.typed').is_file())",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert run.stdout.strip() == "True"


def test_python_dash_m_runs(installed: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [str(installed / "python"), "-m", "lms_schema", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0
    assert run.stdout.startswith("lms-schema ")
