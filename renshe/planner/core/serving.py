"""Plan the API's requests in a planning process beside each web worker, many at a time.

The optimiser plans a million households at about 70 µs each but one household at a few
milliseconds: most of a single plan is the fixed cost of the array arithmetic. Under load
many requests are waiting at once, so the planner takes every request that has arrived,
plans them together with :func:`renshe.planner.core.explain.plan_data_many` and hands each its own
result. Nothing waits for a batch to fill: an idle planner plans a lone request at once, a
busy one plans whatever queued while the previous batch ran ("natural batching"). The
results are the same as planning each alone (tests/planner/test_serving.py).

Why a process and not a thread of the web worker: planning is pure-Python work for the
most part, so a planning thread holds the GIL for tens of milliseconds per batch while the
worker's request threads wait to parse requests and write answers. In its own process the
planner has an interpreter to itself and the request threads only parse, validate and
answer. Measured with bench/planner.py's load on 2 cores (50 clients back to back, three
interleaved runs each, 2026-11-26): 415–483 plans/s at 3.6–4.2 ms of CPU each with a planning
thread, 486–587 at 3.2–3.9 ms with a planning process, the same gunicorn settings.

Each web worker starts its own planner on first use (and ``renshe.platform.wsgi`` starts it
when the worker boots), a plain ``python -m renshe.planner.core.serving`` connected by a socket
pair; it needs neither Django nor the network. It ends when its worker does (the socket
closes). If it dies, a new one is started and each request that was waiting is sent to it
once more; a request that still gets no answer fails with :class:`PlannerUnavailable`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import orjson

from renshe.planner.core.explain import plan_data, plan_data_many
from renshe.planner.core.models import Profile

#: the most households planned in one pass (bounds the latency a batch adds to its first request)
MAX_BATCH = 32
#: seconds a request waits for its plan before giving up (a batch of 32 takes well under one)
TIMEOUT = 30.0


class PlannerUnavailable(RuntimeError):
    """The planning process stopped or did not answer in time."""


@dataclass
class _Pending:
    """A request waiting for its plan."""

    done: threading.Event = field(default_factory=threading.Event)
    result: bytes | None = None  # the plan as JSON
    error: BaseException | None = None


def plan_batch(profiles: list[Profile]) -> list[tuple[bytes | None, BaseException | None]]:
    """Plan the households together, each answer as JSON (UTF-8) or the error that stopped it.

    If the batch fails, each household is planned alone, so one household's failure fails
    only its own request."""
    try:
        results: list[dict | None] = plan_data_many(profiles)
    except Exception:  # noqa: BLE001 - planned one by one below
        results = [None] * len(profiles)
    out: list[tuple[bytes | None, BaseException | None]] = []
    for profile, result in zip(profiles, results, strict=True):
        try:
            out.append((orjson.dumps(result if result is not None else plan_data(profile)), None))
        except Exception as exc:  # noqa: BLE001 - handed to the waiting request
            out.append((None, exc))
    return out


def _picklable(exc: BaseException) -> BaseException:
    """The error itself if it can cross the socket, else a RuntimeError that says what it was."""
    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def serve(conn: Connection, max_batch: int = MAX_BATCH) -> None:
    """The planning process's loop: take every request waiting (up to ``max_batch``), plan
    them together, send the answers back as one message; stop when the worker goes away."""
    while True:
        try:
            batch = [conn.recv()]
            while len(batch) < max_batch and conn.poll():
                batch.append(conn.recv())
        except (EOFError, OSError):
            return
        answers = plan_batch([profile for _, profile in batch])
        conn.send([(key, data, None if exc is None else _picklable(exc))
                   for (key, _), (data, exc) in zip(batch, answers, strict=True)])


class Planner:
    """The web worker's side: sends each request to its planning process and waits for the answer.

    Thread-safe; one per worker process (a forked worker starts its own planner)."""

    def __init__(self, max_batch: int = MAX_BATCH, timeout: float = TIMEOUT) -> None:
        self.max_batch = max_batch
        self.timeout = timeout
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._pid: int | None = None  # the worker process the planner was started for
        self._conn: Connection | None = None
        self._sock: socket.socket | None = None
        self.process: subprocess.Popen | None = None
        self._waiting: dict[int, _Pending] = {}
        self._keys = itertools.count()

    def plan_json(self, profile: Profile) -> bytes:
        """Plan ``profile`` (with whatever else is waiting) and return the plan as JSON (UTF-8).

        Planning is pure, so a request whose planning process died under it is sent once more,
        to the process started in its place."""
        for _ in range(2):
            item = _Pending()
            key = next(self._keys)
            self._waiting[key] = item
            try:
                self._send(key, profile)
            except OSError:  # it died since the last request
                self._waiting.pop(key, None)
                self._stopped(self._conn)
                continue
            if not item.done.wait(self.timeout):
                self._waiting.pop(key, None)
                raise PlannerUnavailable("规划进程没有按时回答 / the planning process did not answer in time")
            if isinstance(item.error, PlannerUnavailable):
                continue
            if item.error is not None:
                raise item.error
            assert item.result is not None
            return item.result
        raise PlannerUnavailable("规划进程意外停止 / the planning process stopped")

    def _send(self, key: int, profile: Profile) -> None:
        conn = self.start()
        with self._send_lock:
            conn.send((key, profile))

    def start(self) -> Connection:
        """The connection to this worker's planning process, started if it is not running."""
        conn = self._conn
        if self._pid == os.getpid() and conn is not None:
            return conn
        with self._lock:
            if self._pid != os.getpid() or self._conn is None:
                mine, theirs = socket.socketpair()
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "renshe.planner.core.serving", "--fd", str(theirs.fileno()),
                     "--max-batch", str(self.max_batch)],
                    pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                )
                theirs.close()
                # The connection reads and writes a copy of the socket's descriptor; the socket
                # itself is kept to shut down, which wakes the thread blocked reading answers
                # (closing a descriptor another thread is reading does not).
                self._sock, self._conn = mine, Connection(os.dup(mine.fileno()))
                self._pid = os.getpid()
                threading.Thread(target=self._receive, args=(self._conn, mine), name="plan-answers", daemon=True).start()
            return self._conn

    def stop(self, timeout: float = 10.0) -> None:
        """Close the connection; the planning process sees it close and ends (waited for here)."""
        process = self.process
        self._stopped(self._conn)
        if process is not None:
            process.wait(timeout)

    def _receive(self, conn: Connection, sock: socket.socket) -> None:
        """Hand each answer to its waiting request, until the planning process goes away."""
        while True:
            try:
                answers = conn.recv()
            except (EOFError, OSError):
                self._stopped(conn)
                conn.close()
                sock.close()
                return
            for key, data, exc in answers:
                item = self._waiting.pop(key, None)
                if item is not None:  # None: the request gave up waiting
                    item.result, item.error = data, exc
                    item.done.set()

    def _stopped(self, conn: Connection | None) -> None:
        """Forget a planning process that went away and fail the requests still waiting for it."""
        with self._lock:
            if conn is None or self._conn is not conn:
                return
            self._conn = None
            with contextlib.suppress(OSError):  # already shut
                self._sock.shutdown(socket.SHUT_RDWR)  # the planning process reads the end of input
            if self.process is not None:
                self.process.poll()  # reaped, if it has ended
            for key in list(self._waiting):
                item = self._waiting.pop(key, None)
                if item is not None and not item.done.is_set():
                    item.error = PlannerUnavailable("规划进程意外停止 / the planning process stopped")
                    item.done.set()


planner = Planner()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="the planning process of one web worker (started by it)")
    ap.add_argument("--fd", type=int, required=True, help="the worker's end of the socket pair")
    ap.add_argument("--max-batch", type=int, default=MAX_BATCH)
    args = ap.parse_args(argv)
    conn = Connection(args.fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the worker; the planner ends with it
    # Everything imported so far lives as long as the process: keep it out of the collector's
    # walks, and collect the youngest generation less often (see renshe.platform.wsgi).
    gc.freeze()
    gc.set_threshold(20_000, 20, 10)
    serve(conn, args.max_batch)


if __name__ == "__main__":
    main()
