"""Performs the commands of a call flow and a waiter flow without blocking the event loop."""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.to_thread

from sagemaker_client._core.errors import ServiceError
from sagemaker_client._core.flow import Command, GetCredentials, Reply, Send, Sleep
from sagemaker_client._core.signing import Credentials
from sagemaker_client._core.specs import OperationSpec
from sagemaker_client._core.waiter import Pause, Poll, Progress, WaitCommand
from sagemaker_client._credentials import CredentialResolver

if TYPE_CHECKING:
    from sagemaker_client._aiohttp import AiohttpPool
    from sagemaker_client._core.http import Timeouts
    from sagemaker_client._httpx import AsyncHttpxPool

OutputT = TypeVar("OutputT")


async def run_call(
    flow: Generator[Command, Reply, OutputT],
    *,
    http: AsyncHttpxPool | AiohttpPool,
    credentials: CredentialResolver,
    timeouts: Timeouts,
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
            reply = await http.send(command.request, timeouts)
        elif isinstance(command, GetCredentials):
            reply = await resolve_credentials(credentials)
        elif isinstance(command, Sleep):
            await anyio.sleep(command.seconds)
            reply = None


_SIGNER_MODULES = ("botocore.auth", "botocore.awsrequest")


async def resolve_credentials(credentials: CredentialResolver) -> Credentials:
    """Credentials without blocking: cached ones directly, else resolved in a worker thread.

    The flow signs on the event loop right after; importing botocore's signer the first time
    takes a quarter of a second, so that import happens in a worker thread too.
    """
    if not all(name in sys.modules for name in _SIGNER_MODULES):
        await anyio.to_thread.run_sync(_import_signer)
    cached = credentials.cached()
    if cached is not None:
        return cached
    return await anyio.to_thread.run_sync(credentials.resolve)


def _import_signer() -> None:
    for name in _SIGNER_MODULES:
        importlib.import_module(name)


async def run_wait(
    flow: Generator[WaitCommand, Any, OutputT | None],
    *,
    invoke: Callable[[OperationSpec[Any, Any], Any], Awaitable[Any]],
    operation: OperationSpec[Any, Any],
    on_poll: Callable[[int, float, Any], object] | None,
) -> OutputT | None:
    """Drive a waiter to its last output (or its WaiterError); ``on_poll`` may be async."""
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
                reply = await invoke(operation, command.params)
            except ServiceError as error:
                reply = error
        elif isinstance(command, Progress):
            if on_poll is not None:
                notified = on_poll(command.attempt, command.elapsed, command.output)
                if inspect.isawaitable(notified):
                    await notified
        elif isinstance(command, Pause):
            await anyio.sleep(command.seconds)
