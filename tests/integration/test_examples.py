"""The examples run end to end against the emulator (what `make demo` shows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_quickstart_runs_against_the_emulator(emulator_url: str) -> None:
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL_SAGEMAKER": emulator_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
    }
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("poll 1" in line and "Completed" in line for line in lines), result.stdout
    assert any(line.strip().endswith("is InService") for line in lines), result.stdout
    created = next(line for line in lines if line.startswith("1. training job "))
    name = created.removeprefix("1. training job ")
    assert any(line.strip().startswith(f"model    {name}") for line in lines), result.stdout
    assert any(line.strip().startswith(f"endpoint {name}") for line in lines), result.stdout
