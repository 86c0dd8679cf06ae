"""Secrets stay out of reprs, errors and logs; logging is the application's business."""

from __future__ import annotations

import datetime
import email.utils
import logging
import os
import pickle
import socket
import subprocess
import sys
import textwrap

import pytest
from fault_clients import (
    ACCESS_KEY,
    ENDPOINT_BODY,
    SECRET_KEY,
    SESSION_TOKEN,
)
from fault_server import Reply, Reset, error_reply

from sagemaker_client import _config
from sagemaker_client.errors import ConfigurationError, SageMakerError

DISTINCTIVE_NAME = "endpoint-name-only-in-the-body-4f1c"


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


async def test_secrets_never_in_reprs_errors_or_logs(caller, fault_server, caplog):
    caplog.set_level(logging.DEBUG, logger="sagemaker_client")
    skewed = email.utils.format_datetime(
        datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1), True
    )
    fault_server.script(
        Reply(503, b"busy"),
        Reply(200, ENDPOINT_BODY),
        error_reply(400, "ValidationException", "Could not find endpoint"),
        error_reply(403, "RequestTimeTooSkewed", "skewed", date=skewed),
        Reply(200, ENDPOINT_BODY),
        Reset(),
        Reset(),
    )
    client = caller.client(aws_session_token=SESSION_TOKEN, max_attempts=2)
    errors: list[BaseException] = []

    await caller.call(client, "describe_endpoint", endpoint_name=DISTINCTIVE_NAME)
    errors.append(await caller.fails(client, endpoint_name=DISTINCTIVE_NAME))
    await caller.call(client, "describe_endpoint", endpoint_name=DISTINCTIVE_NAME)
    errors.append(await caller.fails(client, endpoint_name=DISTINCTIVE_NAME))
    errors.append(await caller.fails(client, endpoint_name=5))

    texts = [
        repr(client),
        str(client),
        repr(client.with_options(timeout=1)),
        repr(client._state.config),
        repr(client._state.context),
        repr(client._state.credentials),
        repr(client._state.credentials.resolve()),
        caplog.text,
        *(record.getMessage() for record in caplog.records),
    ]
    for error in errors:
        assert isinstance(error, SageMakerError)
        for linked in _chain(error):
            assert isinstance(linked, SageMakerError), repr(linked)  # no httpx/botocore inside
        texts += [
            str(error),
            repr(error),
            repr(vars(error)),
            repr(pickle.loads(pickle.dumps(error))),
        ]

    for text in texts:
        assert SECRET_KEY not in text
        assert SESSION_TOKEN not in text
    # the secrets were really in play: the wire carried the token, the logs the redaction
    assert all(r.headers["x-amz-security-token"] == SESSION_TOKEN for r in fault_server.requests)
    assert "'Authorization': '<redacted>'" in caplog.text
    assert "'X-Amz-Security-Token': '<redacted>'" in caplog.text
    assert f"Credential={ACCESS_KEY}" not in caplog.text
    # bodies are never logged, at any level; their size is
    assert DISTINCTIVE_NAME not in caplog.text
    assert "body=" in caplog.text
    # what is logged at which level
    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert len(info) == 1
    assert "RequestTimeTooSkewed" in info[0]
    assert any("retrying in" in r.getMessage() for r in caplog.records)


async def test_no_log_output_unless_configured(caller, fault_server, capfd):
    logger = logging.getLogger("sagemaker_client")
    assert [type(h).__name__ for h in logger.handlers] == ["NullHandler"]
    assert logger.level == logging.NOTSET
    fault_server.script(Reply(503), Reply(200, ENDPOINT_BODY))
    client = caller.client()
    await caller.describe(client)
    assert [type(h).__name__ for h in logger.handlers] == ["NullHandler"]
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_unknown_log_level_in_the_environment_is_named():
    with pytest.raises(ConfigurationError) as caught:
        _config.configure_logging({"SAGEMAKER_CLIENT_LOG": "verbose"})
    assert "SAGEMAKER_CLIENT_LOG" in str(caught.value)
    assert "verbose" in str(caught.value)
    assert [type(h).__name__ for h in logging.getLogger("sagemaker_client").handlers] == [
        "NullHandler"
    ]


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SAGEMAKER_CLIENT")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )


def test_import_prints_nothing_and_configures_no_logging():
    result = _python(
        """
        import logging
        import sagemaker_client, sagemaker_client.models, sagemaker_client.errors
        from sagemaker_client import AsyncSageMakerClient, SageMakerClient
        assert logging.getLogger().handlers == [], logging.getLogger().handlers
        package = logging.getLogger("sagemaker_client")
        assert [type(h).__name__ for h in package.handlers] == ["NullHandler"], package.handlers
        assert package.level == logging.NOTSET and package.propagate
        """,
        SAGEMAKER_CLIENT_LOG="debug",  # honoured by clients, never by the import
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_sagemaker_client_log_debug_logs_redacted_attempts_to_stderr():
    with socket.socket() as probe:  # a port nobody listens on: connection refused at once
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _python(
        f"""
        import logging
        from sagemaker_client import SageMakerClient
        from sagemaker_client.errors import ConnectionFailedError
        client = SageMakerClient(
            region="us-east-1", endpoint_url="http://127.0.0.1:{port}", max_attempts=1,
            aws_access_key_id="{ACCESS_KEY}", aws_secret_access_key="{SECRET_KEY}",
            aws_session_token="{SESSION_TOKEN}",
        )
        SageMakerClient(region="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
        assert logging.getLogger().handlers == []
        try:
            client.describe_endpoint(endpoint_name="{DISTINCTIVE_NAME}")
        except ConnectionFailedError:
            pass
        """,
        SAGEMAKER_CLIENT_LOG="debug",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "sagemaker_client DEBUG DescribeEndpoint attempt 1/1: POST" in result.stderr
    assert "'Authorization': '<redacted>'" in result.stderr
    assert "could not connect" in result.stderr
    assert result.stderr.count("attempt 1/1: POST") == 1  # one handler for two clients
    for secret in (SECRET_KEY, SESSION_TOKEN, DISTINCTIVE_NAME):
        assert secret not in result.stderr
