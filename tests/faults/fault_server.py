"""A scripted HTTP/1.1 server on 127.0.0.1 for fault injection.

Each test queues behaviours (``server.script(Reset(), Reply(503), Reply(200, body))``); every
request that arrives is recorded (method, path, headers, body, client port) and answered with the
next behaviour, or with ``default`` once the queue is empty. Connections are kept alive between
requests like a real service, unless a behaviour breaks them.

Everything stops by itself: the accept loop and every connection poll a stop event, sockets have
timeouts, and stalls wait on the stop event rather than sleeping.
"""

from __future__ import annotations

import collections
import email.utils
import json
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any

_IO_TIMEOUT = 5.0
_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 500: "Internal Server Error"}


@dataclass(frozen=True)
class Received:
    """One request as the server saw it (header names lower-case)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int

    def json(self) -> Any:
        return json.loads(self.body)


class Behaviour:
    """How to answer one request."""

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        """Answer on ``conn``; True to keep the connection for the next request."""
        raise NotImplementedError


@dataclass(frozen=True)
class Reply(Behaviour):
    """A complete response: status, body (bytes, or a value sent as JSON) and headers."""

    status: int = 200
    body: Any = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/x-amz-json-1.1"
    request_id: str = "fault-req-1"
    date: str | None = None

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()

    def head(self, length: int) -> bytes:
        headers = {
            "Content-Type": self.content_type,
            "Content-Length": str(length),
            "x-amzn-RequestId": self.request_id,
            "Date": self.date or email.utils.formatdate(usegmt=True),
            **self.headers,
        }
        lines = [f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'Status')}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        payload = self.payload()
        conn.sendall(self.head(len(payload)) + payload)
        return True


def error_reply(status: int, code: str, message: str = "", **kwargs: Any) -> Reply:
    """An AWS JSON 1.1 error response."""
    return Reply(status, {"__type": code, "message": message}, **kwargs)


@dataclass(frozen=True)
class Reset(Behaviour):
    """Read the request, then reset the connection (RST) without a byte of response."""

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return False


@dataclass(frozen=True)
class Stall(Behaviour):
    """Read the request and say nothing for ``seconds`` (or until the server stops)."""

    seconds: float = 5.0

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        server.stopped.wait(self.seconds)
        return False


@dataclass(frozen=True)
class Partial(Behaviour):
    """Promise the whole body in Content-Length, send only its first ``sent`` bytes, close."""

    reply: Reply = field(default_factory=Reply)
    sent: int = 10

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        payload = self.reply.payload()
        conn.sendall(self.reply.head(len(payload)) + payload[: self.sent])
        return False


@dataclass(frozen=True)
class Delay(Behaviour):
    """Wait ``seconds``, then answer with ``then``."""

    seconds: float
    then: Behaviour = field(default_factory=Reply)

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        if server.stopped.wait(self.seconds):
            return False
        return self.then.perform(server, conn)


@dataclass(frozen=True)
class Raw(Behaviour):
    """Send raw bytes (not necessarily HTTP) and close."""

    data: bytes

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        conn.sendall(self.data)
        return False


@dataclass(frozen=True)
class Huge(Behaviour):
    """A 200 whose body is ``size`` bytes of JSON-ish filler, streamed in 1 MiB chunks."""

    size: int
    status: int = 200

    def perform(self, server: FaultServer, conn: socket.socket) -> bool:
        reply = Reply(self.status)
        conn.sendall(reply.head(self.size))
        chunk = b" " * (1 << 20)
        remaining = self.size
        try:
            while remaining > 0 and not server.stopped.is_set():
                piece = chunk[: min(remaining, len(chunk))]
                conn.sendall(piece)
                remaining -= len(piece)
        except OSError:
            return False  # the client stopped reading and closed: what a limit should do
        return True


class FaultServer:
    """The scripted server; use the ``fault_server`` fixture, which starts and stops it."""

    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self.ssl_context = ssl_context
        self.requests: list[Received] = []
        self.default: Behaviour = Reply(200, {})
        self.stopped = threading.Event()
        self._queue: collections.deque[Behaviour] = collections.deque()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self.url = f"{'https' if ssl_context else 'http'}://127.0.0.1:{self.port}"
        self.connections = 0
        self._open: set[socket.socket] = set()

    # -- test-facing -------------------------------------------------------------------------

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._queue.extend(behaviours)

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def start(self) -> None:
        thread = threading.Thread(target=self._accept_loop, name="fault-server", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self) -> None:
        self.stopped.set()
        # Shutting the sockets down wakes the threads blocked on them at once.
        for sock in [self._listener, *self._open]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in list(self._threads):
            thread.join(timeout=2)
        self._listener.close()

    # -- server side ---------------------------------------------------------------------------

    def _next(self) -> Behaviour:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _accept_loop(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(
                target=self._serve, args=(conn, address[1]), name="fault-conn", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket, port: int) -> None:
        conn.settimeout(0.05)
        buffer = b""
        raw = conn
        with self._lock:
            self._open.add(raw)
        try:
            if self.ssl_context is not None:
                conn.settimeout(_IO_TIMEOUT)
                conn = self.ssl_context.wrap_socket(conn, server_side=True)
                conn.settimeout(0.05)
            while not self.stopped.is_set():
                request, buffer = self._read_request(conn, buffer, port)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                conn.settimeout(_IO_TIMEOUT)
                if not self._next().perform(self, conn):
                    return
                conn.settimeout(0.05)
        except OSError:
            return
        finally:
            with self._lock:
                self._open.discard(raw)
            conn.close()

    def _read_request(
        self, conn: socket.socket, buffer: bytes, port: int
    ) -> tuple[Received | None, bytes]:
        deadline = time.monotonic() + _IO_TIMEOUT
        while b"\r\n\r\n" not in buffer:
            data = self._recv(conn, deadline)
            if not data:
                return None, b""
            buffer += data
        head, _, rest = buffer.partition(b"\r\n\r\n")
        request_line, *header_lines = head.decode("latin-1").split("\r\n")
        method, path, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            data = self._recv(conn, deadline)
            if not data:
                return None, b""
            rest += data
        received = Received(method, path, headers, rest[:length], port)
        return received, rest[length:]

    def _recv(self, conn: socket.socket, deadline: float) -> bytes:
        while not self.stopped.is_set() and time.monotonic() < deadline:
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue
        return b""


def _serve_in_child(pipe: Any, script: list[Behaviour], default: Behaviour) -> None:
    server = FaultServer()
    server.script(*script)
    server.default = default
    server.start()
    pipe.send(server.url)
    pipe.recv()  # until the test is done
    pipe.send(server.requests)
    server.stop()


class ChildFaultServer:
    """A ``FaultServer`` in its own process, for tests where its threads must not compete with
    the code under test for the GIL (timing of the event loop). Scripted before it starts."""

    def __init__(self, *script: Behaviour, default: Behaviour) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._pipe, child_pipe = context.Pipe()
        self._process = context.Process(
            target=_serve_in_child, args=(child_pipe, list(script), default), daemon=True
        )
        self.url = ""
        self.requests: list[Received] = []

    def __enter__(self) -> ChildFaultServer:
        self._process.start()
        if not self._pipe.poll(30):
            raise RuntimeError("the fault server process did not start")
        self.url = self._pipe.recv()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pipe.send("stop")
        if self._pipe.poll(10):
            self.requests = self._pipe.recv()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
