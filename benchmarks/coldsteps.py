"""Where a sync client's cold start goes: the step table of docs/performance.md.

``python -m benchmarks.coldsteps [--runs N] [--trees DIR ...]`` starts the fake server, then runs
fresh processes (bytecode compiled, no AWS setting of the user's) that import the pieces of a
cold start in order and time every step: botocore's signer, httpx (only if the SDK's modules
import it; it is then its own step), attrs, the SDK's runtime modules, the generated client with
its tables, and the client's first DescribeTrainingJob (its models imported and parsed, connect,
sign, send). Each ``--trees`` entry is a checkout of this repository (``git worktree add``), so
two commits can be compared; their processes take turns. It prints the minimum of each step over
``--runs`` processes: interpreter start-up and exit are not part of it, and on a shared machine
the minimum is the least disturbed figure of a step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.run import ROOT, child_environment, compile_bytecode, fake_server

STEPS = ("signer", "httpx", "attrs", "runtime", "generated", "first call")

# The measured process: nothing but sys and time is imported before the first step.
PROGRAM = """
import sys, time
url, with_httpx = sys.argv[1], sys.argv[2] == "1"
marks = [time.perf_counter()]
import urllib3, botocore.auth, botocore.awsrequest
marks.append(time.perf_counter())
if with_httpx:
    import httpx
marks.append(time.perf_counter())
import attrs
marks.append(time.perf_counter())
import sagemaker_client, sagemaker_client._sync.client, sagemaker_client._urllib3
marks.append(time.perf_counter())
import sagemaker_client._generated.client
marks.append(time.perf_counter())
from sagemaker_client import SageMakerClient
client = SageMakerClient(
    region="us-east-1", endpoint_url=url, aws_access_key_id="AK", aws_secret_access_key="SK"
)
client.describe_training_job(training_job_name="bench-training-job")
marks.append(time.perf_counter())
print(" ".join(f"{(b - a) * 1000:.3f}" for a, b in zip(marks, marks[1:])))
"""

PROBE = "import sys, sagemaker_client._sync.client; print(int('httpx' in sys.modules))"


def measure(trees: list[Path], runs: int) -> dict[Path, list[list[float]]]:
    """Step times (ms) of ``runs`` processes per tree, the trees taking turns."""
    with tempfile.TemporaryDirectory() as config_dir:
        env = child_environment(Path(config_dir))
        for tree in trees:
            compile_bytecode({**env, "PYTHONPATH": str(tree)}, root=tree)
        imports_httpx = {
            tree: subprocess.run(
                [sys.executable, "-c", PROBE],
                cwd=config_dir,
                env={**env, "PYTHONPATH": str(tree)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            for tree in trees
        }
        samples: dict[Path, list[list[float]]] = {tree: [] for tree in trees}
        with fake_server(env) as url:
            for run in range(runs):
                for tree in trees[run % len(trees) :] + trees[: run % len(trees)]:
                    result = subprocess.run(
                        [sys.executable, "-c", PROGRAM, url, imports_httpx[tree]],
                        cwd=config_dir,
                        env={**env, "PYTHONPATH": str(tree)},
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    samples[tree].append([float(value) for value in result.stdout.split()])
    return samples


def main(argv: list[str] | None = None) -> None:
    """Command line entry: prints one row per tree, minimum per step and their sum."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--trees", nargs="+", type=Path, default=[ROOT])
    args = parser.parse_args(argv)
    samples = measure([tree.resolve() for tree in args.trees], args.runs)
    print("tree".ljust(30) + "".join(f"{step:>12}" for step in STEPS) + f"{'total':>10}")
    for tree, rows in samples.items():
        minima = [min(column) for column in zip(*rows, strict=True)]
        cells = "".join(f"{value:12.1f}" for value in minima)
        print(f"{str(tree)[-30:]:30}{cells}{sum(minima):10.1f}")


if __name__ == "__main__":
    main()
