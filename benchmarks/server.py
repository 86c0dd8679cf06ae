"""A fake SageMaker endpoint on 127.0.0.1 for the benchmarks: canned AWS JSON 1.1 answers.

``python -m benchmarks.server`` prints ``{"port": N}`` on one line once it listens, then serves
HTTP/1.1 with keep-alive (and pipelining) on one asyncio loop until it is terminated, its standard
input closes, or ``--max-seconds`` pass. Every response body is encoded once and reused, so a
request costs the server only a header scan and a write; ``GET /__stats`` reports the requests
served and the server's own CPU seconds, which the runner uses to show that the server is not the
bottleneck. A request without an ``Authorization`` header is refused, as AWS would.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import threading
import time
from email.utils import formatdate

from benchmarks import bodies

_JSON_TYPE = b"application/x-amz-json-1.1"


class FakeSageMaker:
    """Turns one request (head and body) into the complete response bytes."""

    def __init__(self) -> None:
        self.requests = 0
        self._static = {
            b"SageMaker.DescribeTrainingJob": bodies.encode(bodies.describe_training_job()),
            b"SageMaker.DescribeEndpoint": bodies.encode(bodies.describe_endpoint()),
        }
        self._pages: dict[tuple[int, int], bytes] = {}
        self._date = b""
        self._date_second = -1

    def respond(self, head: bytes, lower: bytes, body: bytes) -> tuple[bytes, bool]:
        """The response to send, and whether to close the connection after it.

        ``lower`` is ``head`` in lower case: header lookups are substring searches, not a parse.
        """
        self.requests += 1
        close = b"\r\nconnection: close" in lower
        if head.startswith(b"GET /__stats "):
            stats = {"requests": self.requests - 1, "cpu_seconds": time.process_time()}
            return self._response(200, json.dumps(stats).encode(), b"application/json"), close
        if b"\r\nauthorization:" not in lower:
            return self._error(400, "MissingAuthenticationTokenException", "not signed"), close
        start = lower.find(b"\r\nx-amz-target:")
        end = lower.find(b"\r\n", start + 2)
        target = head[start + 16 : end if end >= 0 else len(head)].strip() if start >= 0 else b""
        payload = self._static.get(target)
        if payload is None and target == b"SageMaker.ListModels":
            payload = self._list_models(body)
        if payload is None:
            name = target.decode("latin-1")
            return self._error(400, "UnknownOperationException", f"unknown: {name}"), close
        return self._response(200, payload, _JSON_TYPE), close

    def _list_models(self, body: bytes) -> bytes:
        request = json.loads(body or b"{}")
        token = request.get("NextToken")
        start = int(token.rsplit("-", 1)[1]) if token else 0
        size = int(request.get("MaxResults") or 10)
        page = self._pages.get((start, size))
        if page is None:
            page = self._pages[start, size] = bodies.encode(bodies.list_models_page(start, size))
        return page

    def _error(self, status: int, code: str, message: str) -> bytes:
        body = json.dumps({"__type": code, "message": message}).encode()
        return self._response(status, body, _JSON_TYPE)

    def _response(self, status: int, body: bytes, content_type: bytes) -> bytes:
        now = int(time.time())
        if now != self._date_second:
            self._date_second = now
            self._date = formatdate(now, usegmt=True).encode()
        reason = b"OK" if status == 200 else b"Bad Request"
        request_id = f"{self.requests:08x}-b3c5-4e1a-9f0d-5a6b7c8d9e0f".encode()
        return b"".join(
            (
                b"HTTP/1.1 %d %s\r\n" % (status, reason),
                b"x-amzn-RequestId: " + request_id + b"\r\n",
                b"Content-Type: " + content_type + b"\r\n",
                b"Content-Length: %d\r\n" % len(body),
                b"Date: " + self._date + b"\r\n\r\n",
                body,
            )
        )


class _Connection(asyncio.Protocol):
    def __init__(self, app: FakeSageMaker) -> None:
        self._app = app
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        assert self._transport is not None
        buffer = self._buffer
        buffer += data
        while True:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(buffer[:end])
            lower = head.lower()
            length = 0
            marker = lower.find(b"\r\ncontent-length:")
            if marker >= 0:
                stop = lower.find(b"\r\n", marker + 2)
                length = int(head[marker + 17 : stop if stop >= 0 else len(head)])
            total = end + 4 + length
            if len(buffer) < total:
                return
            body = bytes(buffer[end + 4 : total])
            del buffer[:total]
            response, close = self._app.respond(head, lower, body)
            self._transport.write(response)
            if close:
                self._transport.close()
                return


async def serve(port: int, max_seconds: float, ready: asyncio.Future[int] | None = None) -> None:
    """Listen on 127.0.0.1:``port`` (0 picks one) until cancelled or ``max_seconds`` pass."""
    loop = asyncio.get_running_loop()
    app = FakeSageMaker()
    server = await loop.create_server(
        lambda: _Connection(app), "127.0.0.1", port, backlog=1024, reuse_address=True
    )
    bound = server.sockets[0].getsockname()[1]
    if ready is not None:
        ready.set_result(bound)
    else:
        print(json.dumps({"port": bound}), flush=True)
    async with server:
        await asyncio.wait_for(_until_stdin_closes(), timeout=max_seconds)


async def _until_stdin_closes() -> None:
    loop = asyncio.get_running_loop()
    closed = asyncio.Event()

    def watch() -> None:
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(closed.set)

    # A daemon thread, so a server stopped by --max-seconds does not wait for stdin at exit.
    threading.Thread(target=watch, daemon=True).start()
    await closed.wait()


def main() -> None:
    """Command line entry: serve until standard input closes (the runner holds it open)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=3600.0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt, TimeoutError, asyncio.TimeoutError):
        asyncio.run(serve(args.port, args.max_seconds))


if __name__ == "__main__":
    main()
