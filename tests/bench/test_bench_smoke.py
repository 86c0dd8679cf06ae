"""The benchmark runner, once, with tiny counts: every client, every metric, so it cannot rot.

It runs in ``.venv-bench`` like ``make bench`` (``make test`` creates it first); the numbers of
such a short run mean nothing, so only their presence and the report's shape are checked.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"

SYNC_CLIENTS = ["sagemaker-client", "boto3", "raw-httpx"]
ASYNC_CLIENTS = ["sagemaker-client-async", "aiobotocore", "raw-httpx-async"]
EVERY_CLIENT_METRIC = [
    "cold_start_ms",
    "rss_mib",
    "sequential_calls_per_s",
    "sequential_cpu_us",
    "paging_items_per_s",
]

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        not BENCH_PYTHON.exists(),
        reason="no .venv-bench (aiobotocore and boto3 for the benchmarks): run `make bench-setup`",
    ),
]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench")
    docs = out / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "docs" / "performance.md", docs / "performance.md")
    completed = subprocess.run(
        [
            str(BENCH_PYTHON),
            "-m",
            "benchmarks",
            "--rounds=1",
            "--cold-runs=1",
            "--calls=20",
            "--concurrent-calls=128",
            "--paging-items=250",
            "--paging-repeat=1",
            f"--output={out / 'latest.json'}",
            f"--docs-dir={docs}",
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return {
        "results": json.loads((out / "latest.json").read_text()),
        "stdout": completed.stdout,
        "docs": docs,
    }


def test_every_client_has_every_metric(run: dict[str, Any]) -> None:
    summary = run["results"]["summary"]
    for client in SYNC_CLIENTS + ASYNC_CLIENTS:
        metrics = EVERY_CLIENT_METRIC + (
            ["concurrent_calls_per_s"] if client in ASYNC_CLIENTS else []
        )
        for metric in metrics:
            value = summary[client][metric]
            assert math.isfinite(value), (client, metric, value)
            assert value > 0, (client, metric, value)
    assert run["results"]["notes"] == []


def test_each_process_did_the_work_it_reports(run: dict[str, Any]) -> None:
    samples = run["results"]["samples"]
    for result in samples["paging"]["sagemaker-client"]:
        assert result["count"] == 250
        # One DescribeTrainingJob and one page to warm up, then 3 pages (100, 100 and 50 items).
        assert result["server_requests"] == 5
    for result in samples["sequential"]["boto3"]:
        assert result["count"] == 20
        assert result["server_requests"] >= 20
    for result in samples["concurrent"]["sagemaker-client-async"]:
        assert result["count"] == 128


def test_every_target_is_judged(run: dict[str, Any]) -> None:
    targets = run["results"]["targets"]
    assert len(targets) == 7
    for target in targets:
        assert math.isfinite(target["ratio"]), target
        assert target["met"] in (True, False)


def test_table_docs_and_chart_are_written(run: dict[str, Any]) -> None:
    for client in SYNC_CLIENTS + ASYNC_CLIENTS:
        assert client in run["stdout"]
    page = (run["docs"] / "performance.md").read_text()
    assert "| sagemaker-client |" in page
    assert "![benchmark medians](performance.png)" in page
    assert (run["docs"] / "performance.png").read_bytes().startswith(b"\x89PNG")
    assert run["results"]["server"]["concurrent"]["server_cpu_us_per_request"] > 0


def test_cold_steps_times_every_step_without_httpx() -> None:
    completed = subprocess.run(
        [str(BENCH_PYTHON), "-m", "benchmarks.coldsteps", "--runs=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    header, row = completed.stdout.strip().splitlines()
    assert header.split()[1:] == [
        "signer",
        "httpx",
        "attrs",
        "runtime",
        "generated",
        "first",
        "call",
        "total",
    ]
    values = [float(value) for value in row.split()[-7:]]
    steps, total = values[:-1], values[-1]
    assert steps[1] == 0.0  # a default sync client does not import httpx, so that step is empty
    assert all(value > 0 for value in steps[:1] + steps[2:])
    assert math.isclose(sum(steps), total, abs_tol=0.35)  # each figure is rounded to 0.1
