"""Start the local SageMaker emulator (moto's server) on 127.0.0.1, and stop it again.

``python scripts/emulator.py -- CMD ...`` runs CMD with the emulator up and
``AWS_ENDPOINT_URL_SAGEMAKER`` pointing at it, with the emulator's dummy credentials (your own
AWS credentials and profile are kept out of it) and ``AWS_REGION`` defaulting to us-east-1; then it
stops the emulator and exits with CMD's status. Tests use ``running_emulator()``.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

STARTUP_TIMEOUT_SECONDS = 60.0
_OWN_CREDENTIALS = {
    "AWS_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def emulator_env() -> dict[str, str]:
    """This environment with the emulator's dummy credentials in place of the user's own."""
    env = {key: value for key, value in os.environ.items() if key not in _OWN_CREDENTIALS}
    env["AWS_ACCESS_KEY_ID"] = "testing"
    env["AWS_SECRET_ACCESS_KEY"] = "testing"
    env.setdefault("AWS_REGION", "us-east-1")
    return env


@contextlib.contextmanager
def running_emulator() -> Iterator[str]:
    """Run ``moto.server`` on a free loopback port; yields its URL and stops it on exit."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=emulator_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the emulator exited with {process.returncode}: {error[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"the emulator did not answer on {url} within {STARTUP_TIMEOUT_SECONDS} s")


def main(argv: list[str]) -> int:
    """Run the command after ``--`` with the emulator up; returns its exit status."""
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    if not command:
        print("usage: python scripts/emulator.py -- CMD [ARGS...]", file=sys.stderr)
        return 2
    with running_emulator() as url:
        env = emulator_env()
        env["AWS_ENDPOINT_URL_SAGEMAKER"] = url
        print(f"emulator: moto server on {url}", file=sys.stderr)
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
