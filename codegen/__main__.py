"""``python -m codegen``: spec/ -> sagemaker_client/_generated/.

``--check`` regenerates into a temporary directory and exits 1 listing the files that differ from
the output directory. Every problem in the inputs is printed (all of them, not just the first) and
the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from codegen import build, load, render

ROOT = Path(__file__).resolve().parent.parent


def generate(spec_dir: Path, out_dir: Path) -> tuple[list[str], list[str]]:
    """Write the generated files; returns (problems, notes) as printable lines."""
    inputs, problems = load.load(spec_dir)
    if inputs is None:
        return [str(p) for p in problems], []
    service, problems = build.build(inputs)
    if service is None:
        return [str(p) for p in problems], []
    try:
        render.write(service, out_dir)
    except render.RenderError as exc:
        return [str(exc)], list(service.notes)
    return [], list(service.notes)


def differences(expected_dir: Path, actual_dir: Path) -> list[str]:
    """Names of files that differ, are missing from, or are extra in ``actual_dir``."""
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_bytes() for p in expected_dir.rglob("*.py")
    }
    actual = (
        {p.relative_to(actual_dir).as_posix(): p.read_bytes() for p in actual_dir.rglob("*.py")}
        if actual_dir.is_dir()
        else {}
    )
    return sorted(
        name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    parser.add_argument("--spec-dir", type=Path, default=ROOT / "spec")
    parser.add_argument("--out", type=Path, default=ROOT / "sagemaker_client" / "_generated")
    parser.add_argument("--check", action="store_true", help="fail if --out is not up to date")
    args = parser.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            problems, notes = generate(args.spec_dir, Path(tmp))
            stale = [] if problems else differences(Path(tmp), args.out)
    else:
        problems, notes = generate(args.spec_dir, args.out)
        stale = []
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.spec_dir}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if stale:
        print(
            f"{args.out} is not up to date; run python -m codegen. Differing files:",
            file=sys.stderr,
        )
        for name in stale:
            print(f"  {args.out / name}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
