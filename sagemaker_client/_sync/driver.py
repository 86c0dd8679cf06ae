"""Performs the commands of a call flow and a waiter flow, blocking."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar

from sagemaker_client._core.errors import ServiceError
from sagemaker_client._core.flow import Command, GetCredentials, Reply, Send, Sleep
from sagemaker_client._core.specs import OperationSpec
from sagemaker_client._core.waiter import Pause, Poll, Progress, WaitCommand
from sagemaker_client._credentials import CredentialResolver

if TYPE_CHECKING:
    from sagemaker_client._core.http import Timeouts
    from sagemaker_client._httpx import HttpxPool
    from sagemaker_client._urllib3 import Urllib3Pool

OutputT = TypeVar("OutputT")


def run_call(
    flow: Generator[Command, Reply, OutputT],
    *,
    http: HttpxPool | Urllib3Pool,
    credentials: CredentialResolver,
    timeouts: Timeouts,
    sleep: Callable[[float], None] | None = None,
) -> OutputT:
    """Drive one call to its output (or its error)."""
    reply: Reply = None
    while True:
        try:
            command = flow.send(reply)
        except StopIteration as stop:
            result: OutputT = stop.value
            return result
        if isinstance(command, Send):
            reply = http.send(command.request, timeouts)
        elif isinstance(command, GetCredentials):
            reply = credentials.resolve()
        elif isinstance(command, Sleep):
            (sleep or time.sleep)(command.seconds)
            reply = None


def run_wait(
    flow: Generator[WaitCommand, Any, OutputT | None],
    *,
    invoke: Callable[[OperationSpec[Any, Any], Any], Any],
    operation: OperationSpec[Any, Any],
    on_poll: Callable[[int, float, Any], object] | None,
    sleep: Callable[[float], None] | None = None,
) -> OutputT | None:
    """Drive a waiter to its last output (or its WaiterError)."""
    reply: Any = None
    while True:
        try:
            command = flow.send(reply)
        except StopIteration as stop:
            result: OutputT | None = stop.value
            return result
        reply = None
        if isinstance(command, Poll):
            try:
                reply = invoke(operation, command.params)
            except ServiceError as error:
                reply = error
        elif isinstance(command, Progress):
            if on_poll is not None:
                on_poll(command.attempt, command.elapsed, command.output)
        elif isinstance(command, Pause):
            (sleep or time.sleep)(command.seconds)
