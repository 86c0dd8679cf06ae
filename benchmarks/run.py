"""The benchmark runner: every client, every workload, in fresh processes, taking turns.

``python -m benchmarks`` (``make bench``) starts the fake server (``benchmarks/server.py``),
compiles the bytecode of everything the measured processes import, then runs ``--rounds``
rounds. In each round every workload runs once per client (``cold`` ``--cold-runs`` times), each
in a fresh ``benchmarks/child.py`` process, the client order rotating from round to round so a
slow spell of this shared machine does not land on one client. It prints medians, ratios and the
targets, writes ``benchmarks/results/latest.json`` and, unless ``--no-docs``, refreshes
``docs/performance.md`` and ``docs/performance.png``.

Run it in ``.venv-bench`` (``make bench`` creates it): aiobotocore pins an older botocore than the
dev extra does, and a virtualenv with only the runtime dependencies and the compared clients is
what a user has (in the dev virtualenv, httpx also imports rich and click, which dev tools install).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.child import ASYNC_CLIENTS, CLIENTS, MODEL_COUNT, SYNC_CLIENTS, WORKLOADS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "latest.json"
CHILD_TIMEOUT_SECONDS = 600.0


@dataclass(frozen=True)
class Settings:
    """How much to measure."""

    rounds: int = 5
    cold_runs: int = 4
    calls: int = 1000
    concurrent_calls: int = 3000
    concurrency: int = 64
    paging_repeat: int = 3
    paging_items: int = MODEL_COUNT
    clients: tuple[str, ...] = CLIENTS
    workloads: tuple[str, ...] = WORKLOADS


@dataclass
class Samples:
    """Everything measured, per workload and client: one dict per fresh process."""

    runs: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)

    def add(self, workload: str, client: str, result: dict[str, Any]) -> None:
        """Record one process's result."""
        self.runs.setdefault(workload, {}).setdefault(client, []).append(result)


def workloads_of(client: str) -> tuple[str, ...]:
    """The workloads a client takes part in (concurrency is an async-only workload)."""
    if client == "bare":
        return ("cold",)
    if client in ASYNC_CLIENTS:
        return ("cold", "sequential", "concurrent", "paging")
    return ("cold", "sequential", "paging")


def child_environment(config_dir: Path) -> dict[str, str]:
    """The measured processes' environment: bytecode caches on, no AWS setting of the user's."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key not in {"PYTHONDONTWRITEBYTECODE", "PYTHONPATH"}
    }
    for name in ("config", "credentials"):
        (config_dir / name).write_text("")
    env["AWS_CONFIG_FILE"] = str(config_dir / "config")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(config_dir / "credentials")
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env


def compile_bytecode(env: dict[str, str], root: Path = ROOT) -> None:
    """``compileall`` the repository (or another checkout of it) and the interpreter's
    site-packages, once, up front."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "sagemaker_client", "benchmarks"],
        cwd=root,
        env=env,
        check=True,
    )
    script = (
        "import compileall, sysconfig\n"
        "compileall.compile_dir(sysconfig.get_paths()['purelib'], quiet=1)"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


@contextmanager
def fake_server(env: dict[str, str]) -> Iterator[str]:
    """Run the fake server in its own process; yields its URL. Its stdin closing stops it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.server"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the fake server did not start")
        yield f"http://127.0.0.1:{json.loads(line)['port']}"
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_stats(url: str) -> dict[str, float]:
    """The server's request count and CPU seconds so far."""
    with urllib.request.urlopen(f"{url}/__stats", timeout=10) as response:
        stats: dict[str, float] = json.loads(response.read())
    return stats


def run_child(
    client: str, workload: str, url: str, settings: Settings, env: dict[str, str]
) -> dict[str, Any]:
    """One fresh measured process; adds its wall time from spawn to exit and the server's load."""
    count = settings.concurrent_calls if workload == "concurrent" else settings.calls
    command = [
        sys.executable,
        "-m",
        "benchmarks.child",
        "--client",
        client,
        "--workload",
        workload,
        "--url",
        url,
        "--count",
        str(count),
        "--repeat",
        str(settings.paging_repeat),
        "--items",
        str(settings.paging_items),
        "--concurrency",
        str(settings.concurrency),
    ]
    before = server_stats(url)
    started = time.perf_counter()
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
    elapsed = time.perf_counter() - started
    after = server_stats(url)
    if completed.returncode != 0:
        raise RuntimeError(
            f"{client} {workload} failed (exit {completed.returncode}):\n{completed.stderr}"
        )
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["process_seconds"] = elapsed
    result["server_requests"] = after["requests"] - before["requests"] - 1
    result["server_cpu_seconds"] = after["cpu_seconds"] - before["cpu_seconds"]
    return result


def schedule(settings: Settings, clients: list[str], round_index: int) -> list[tuple[str, str]]:
    """One round: (workload, client) pairs, clients rotated by the round number."""
    shift = round_index % len(clients)
    order = clients[shift:] + clients[:shift]
    jobs: list[tuple[str, str]] = []
    for workload in settings.workloads:
        for client in order:
            if workload in workloads_of(client):
                repeats = settings.cold_runs if workload == "cold" else 1
                jobs.extend([(workload, client)] * repeats)
    return jobs


def missing_clients(clients: tuple[str, ...]) -> dict[str, str]:
    """Clients whose package this interpreter lacks, with the reason."""
    packages = {"boto3": "boto3", "aiobotocore": "aiobotocore"}
    return {
        client: f"{client}: not installed in {sys.executable} (`make bench` uses .venv-bench)"
        for client in clients
        if client in packages and importlib.util.find_spec(packages[client]) is None
    }


def measure(settings: Settings, progress: bool = True) -> tuple[Samples, list[str]]:
    """Run every round; returns the samples and notes on the clients that were left out."""
    missing = missing_clients(settings.clients)
    clients = [name for name in settings.clients if name in CLIENTS and name not in missing]
    samples = Samples()
    with tempfile.TemporaryDirectory() as config_dir:
        env = child_environment(Path(config_dir))
        compile_bytecode(env)
        with fake_server(env) as url:
            for round_index in range(settings.rounds):
                jobs = schedule(settings, ["bare", *clients], round_index)
                for number, (workload, client) in enumerate(jobs, 1):
                    if progress:
                        print(
                            f"\rround {round_index + 1}/{settings.rounds} "
                            f"job {number}/{len(jobs)}: {workload} {client}".ljust(70),
                            end="",
                            file=sys.stderr,
                            flush=True,
                        )
                    result = run_child(client, workload, url, settings, env)
                    samples.add(workload, client, result)
            if progress:
                print(file=sys.stderr)
    return samples, list(missing.values())


# -- summarising -----------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(samples: Samples) -> dict[str, dict[str, float]]:
    """Medians per client: the five headline metrics and a few supporting ones."""
    runs = samples.runs
    cold = runs.get("cold", {})
    summary: dict[str, dict[str, float]] = {}
    for client in CLIENTS:
        if not any(client in by_client for by_client in runs.values()):
            continue
        row: dict[str, float] = {}
        if client in cold:
            base = cold["bare"]
            base_wall = _median([r["process_seconds"] for r in base])
            base_rss = _median([r["rss_kib"] for r in base])
            row["cold_start_ms"] = 1000 * (
                _median([r["process_seconds"] for r in cold[client]]) - base_wall
            )
            row["rss_mib"] = (_median([r["rss_kib"] for r in cold[client]]) - base_rss) / 1024
        sequential = runs.get("sequential", {}).get(client)
        if sequential:
            row["sequential_calls_per_s"] = _median(
                [r["count"] / r["wall_seconds"] for r in sequential]
            )
            row["sequential_cpu_us"] = _median(
                [1e6 * r["cpu_seconds"] / r["count"] for r in sequential]
            )
        concurrent = runs.get("concurrent", {}).get(client)
        if concurrent:
            row["concurrent_calls_per_s"] = _median(
                [r["count"] / r["wall_seconds"] for r in concurrent]
            )
        paging = runs.get("paging", {}).get(client)
        if paging:
            row["paging_items_per_s"] = _median([r["count"] / r["wall_seconds"] for r in paging])
            row["paging_cpu_us_per_item"] = _median(
                [1e6 * r["cpu_seconds"] / r["count"] for r in paging]
            )
        summary[client] = row
    summary["bare"] = {
        "process_ms": 1000 * _median([r["process_seconds"] for r in cold.get("bare", [])]),
        "rss_mib": _median([r["rss_kib"] for r in cold.get("bare", [])]) / 1024,
    }
    return summary


def server_load(samples: Samples) -> dict[str, dict[str, float]]:
    """Per workload: the server's CPU per request and its busiest share of one core."""
    load: dict[str, dict[str, float]] = {}
    for workload in ("sequential", "concurrent", "paging"):
        per_request: list[float] = []
        share: list[float] = []
        for runs in samples.runs.get(workload, {}).values():
            for r in runs:
                if r["server_requests"] > 0:
                    per_request.append(1e6 * r["server_cpu_seconds"] / r["server_requests"])
                    share.append(r["server_cpu_seconds"] / r["process_seconds"])
        if per_request:
            load[workload] = {
                "server_cpu_us_per_request": _median(per_request),
                "server_core_share_max": max(share),
            }
    return load


def versions() -> dict[str, str]:
    """Installed versions of every measured package."""
    found = {"python": platform.python_version()}
    for name in (
        "sagemaker-client",
        "httpx",
        "httpcore",
        "aiohttp",
        "urllib3",
        "attrs",
        "cattrs",
        "botocore",
        "boto3",
        "aiobotocore",
    ):
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    defaults = Settings()
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=defaults.rounds)
    parser.add_argument("--cold-runs", type=int, default=defaults.cold_runs, help="per round")
    parser.add_argument("--calls", type=int, default=defaults.calls, help="sequential calls")
    parser.add_argument("--concurrent-calls", type=int, default=defaults.concurrent_calls)
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--paging-repeat", type=int, default=defaults.paging_repeat)
    parser.add_argument("--paging-items", type=int, default=defaults.paging_items)
    parser.add_argument("--clients", nargs="+", choices=CLIENTS, default=list(CLIENTS))
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS))
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--no-docs", action="store_true", help="leave docs/ alone")
    parser.add_argument(
        "--docs-dir",
        type=Path,
        default=ROOT / "docs",
        help="where performance.md (with its results markers) and performance.png are",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Measure, print, write the JSON and (unless told not to) the docs."""
    args = parse_args(argv)
    settings = Settings(
        rounds=args.rounds,
        cold_runs=args.cold_runs,
        calls=args.calls,
        concurrent_calls=args.concurrent_calls,
        concurrency=args.concurrency,
        paging_repeat=args.paging_repeat,
        paging_items=args.paging_items,
        clients=tuple(args.clients),
        workloads=tuple(args.workloads),
    )
    load_before = os.getloadavg()
    started = time.time()
    samples, notes = measure(settings, progress=sys.stderr.isatty() and not args.quiet)
    summary = summarise(samples)
    targets = report.evaluate_targets(summary)
    results = {
        "settings": settings.__dict__
        | {"clients": list(settings.clients), "workloads": list(settings.workloads)},
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "duration_seconds": time.time() - started,
        "machine": report.machine(load_before, os.getloadavg()),
        "versions": versions(),
        "notes": notes,
        "sync_clients": list(SYNC_CLIENTS),
        "async_clients": list(ASYNC_CLIENTS),
        "summary": summary,
        "server": server_load(samples),
        "targets": targets,
        "samples": samples.runs,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(report.text_table(results))
    print(f"\nwrote {args.output}")
    if not args.no_docs:
        for written in report.write_docs(results, args.docs_dir):
            print(f"wrote {written}")
    missed = [target for target in targets if not target["met"]]
    return 1 if args.strict and missed else 0
