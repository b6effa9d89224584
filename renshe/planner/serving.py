"""Coalesce concurrent plan requests in one server process into one vectorised call.

The optimiser plans a million households at about 70 µs each but one household at a few
milliseconds: most of a single plan is the fixed cost of the array arithmetic. Under load
many requests are waiting at once, so a planning thread takes every request that has
arrived, plans them together with :func:`renshe.planner.explain.plan_data_many` and hands
each its own result. Nothing waits for a batch to fill: an idle server plans a lone request
at once, a busy one plans whatever queued while the previous batch ran ("natural batching").
The results are the same as planning each alone (tests/planner/test_serving.py).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from dataclasses import dataclass, field

import orjson

from renshe.planner.explain import plan_data, plan_data_many
from renshe.planner.models import Profile

#: the most households planned in one pass (bounds the latency a batch adds to its first request)
MAX_BATCH = 32
#: seconds between forced GIL hand-overs in a process that plans (CPython's default is 0.005)
SWITCH_INTERVAL = 0.001


@dataclass
class _Pending:
    profile: Profile
    done: threading.Event = field(default_factory=threading.Event)
    result: bytes | None = None  # the plan as JSON
    error: BaseException | None = None


class PlanBatcher:
    """One planning thread per process, started on first use (after gunicorn forks)."""

    def __init__(self, max_batch: int = MAX_BATCH) -> None:
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._pid: int | None = None
        self.largest_batch = 0  # the most households planned together so far (for the curious)

    def plan_json(self, profile: Profile) -> bytes:
        """Plan ``profile`` (with whatever else is waiting) and return the plan as JSON (UTF-8).

        The planning thread serialises too, so a request thread needs the GIL only to parse
        the request and write the answer."""
        self._ensure_thread()
        item = _Pending(profile)
        self._queue.put(item)
        item.done.wait()
        if item.error is not None:
            raise item.error
        assert item.result is not None
        return item.result

    def _ensure_thread(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():  # a forked child inherits the flag but not the thread
                # The planning thread holds the GIL for tens of milliseconds per batch; a short
                # switch interval lets the request threads parse and answer in between (in our
                # closed-loop runs of bench/planner.py the 5 ms default gave 282–490 req/s from run
                # to run, 1 ms gave 420–465: steadier, not faster).
                sys.setswitchinterval(SWITCH_INTERVAL)
                self._queue = queue.SimpleQueue()
                threading.Thread(target=self._run, name="plan-batcher", daemon=True).start()
                self._pid = os.getpid()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self.largest_batch = max(self.largest_batch, len(batch))
            self._plan(batch)

    @staticmethod
    def _plan(batch: list[_Pending]) -> None:
        """Plan the batch together; if that fails, each household alone, so one household's
        failure fails only its own request. Every waiting request is answered, whatever happens."""
        try:
            results: list[dict | None] = plan_data_many([item.profile for item in batch])
        except Exception:  # noqa: BLE001 - planned one by one below
            results = [None] * len(batch)
        for item, result in zip(batch, results, strict=True):
            try:
                item.result = orjson.dumps(result if result is not None else plan_data(item.profile))
            except Exception as exc:  # noqa: BLE001 - handed to the waiting request
                item.error = exc
            finally:
                item.done.set()


batcher = PlanBatcher()
