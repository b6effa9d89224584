"""``renshe serve`` and ``renshe manage``: run the platform and Django's own commands."""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

#: gunicorn's processes and threads per process (benchmarked in bench/planner.py).
#: One process per core, many threads each: each worker's planning process (renshe.planner.core.serving)
#: plans the requests waiting in that worker together, so fewer, fuller workers serve more plans
#: per CPU second (with planning processes, 2 × 25 gave 546–587 plans/s; 3 × 17, 506–561; 4 × 13,
#: 501–509, runs interleaved on 2026-11-26; with planning threads earlier, 2 × 32 gave 490 at
#: 3.6 ms CPU each, 4 × 16, 473 at 4.1 ms). Not fewer threads:
#: gunicorn's gthread worker gives each new connection a thread that waits up to 5 s for the
#: request, so a client that connects and then thinks holds a thread; with 2 × 12 threads, 50
#: users with think time saw p99 660–710 ms, with 2 × 25, 13–15 ms. (Closed loop, 12 and 25
#: threads measured alike, 726–1,048 plans/s either way on 2026-11-26: the machine's noise.)
SERVE_WORKERS = max(2, os.cpu_count() or 1)
SERVE_THREADS = 25


def gunicorn_args(workers: int, threads: int) -> list[str]:
    """The worker options ``renshe serve`` gives gunicorn (the benchmark starts it the same way).

    A gthread process accepts up to 1,000 connections and, with keep-alive, keeps them: under
    load one process could hold most clients while the other idled (measured: 42 of 50
    connections on one process, 440 instead of 530 plans/s, p99 230 instead of 135 ms). So each
    process takes no more connections than it has threads, and closes each after its answer
    (keep-alive off, as behind a reverse proxy): a free process picks up the next connection.
    Capacity: workers × threads requests at once; more wait in the listen queue.
    """
    return ["--workers", str(workers), "--threads", str(threads), "--worker-connections", str(threads),
            "--keep-alive", "0", "--max-requests", str(MAX_REQUESTS), "--max-requests-jitter",
            str(MAX_REQUESTS // 10)]


#: A web worker is replaced by a fresh one after this many requests (± a tenth, so the workers
#: do not all restart at once): memory a request leaves behind (a large upload's parse, a
#: fragmented heap) is given back to the machine instead of held until the next restart
#: (issue 13, item 6: workers kept 3.6 GB after a 19 MB CSV). High enough that recycling, which
#: starts the worker's planning process anew, costs nothing measurable: at the benchmark's
#: ~550 plans/s a worker is replaced about once a minute.
MAX_REQUESTS = 20_000

#: The access log: method, path, status, size, time — without the query string and the
#: Referer (issue 13, item 11). The public's questions to 云普法 and its policy-list answers
#: travel in query strings (``/knowledge/?q=…``), and a page's URL comes back as the Referer
#: of every asset and link fetched from it (Referrer-Policy same-origin), so either field
#: would write what a citizen asked into the log. One format for every path, rather than a
#: list of sensitive paths to keep up to date, and rather than turning searches into POST
#: forms (a search result must stay a link that can be bookmarked and shared).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def _django(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["renshe manage", *argv])


def _manage(args: argparse.Namespace) -> int:
    _django(args.args)
    return 0


def _die_with_parent() -> None:
    """In a child before it runs: ask Linux for SIGTERM when ``renshe serve`` dies, even by
    SIGKILL (prctl PR_SET_PDEATHSIG), so nothing outlives it; elsewhere nothing to do."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


#: How ``renshe serve`` starts its children: each in its own session, so a signal to our
#: process group (Ctrl-C in a terminal, ``kill -- -PGID``) reaches only us and each child is
#: asked to stop once, by :func:`_stop`. Twice is not harmless: the queue worker's SIGTERM
#: handler (django-q2's ``Cluster.sig_handler``) deadlocks when a second signal arrives while it
#: runs, and stopping then took 33 s and a SIGKILL instead of about 2 s (measured 2026-11-26).
_CHILD = {"start_new_session": True, "preexec_fn": _die_with_parent}


def _serve(args: argparse.Namespace) -> int:
    """Migrate, load the demo data, start the queue worker and gunicorn on loopback."""
    # A service manager stops us with SIGTERM, a terminal with Ctrl-C (SIGINT): leave through
    # ``finally`` (exit code 128 + the signal, no traceback) so the web server and the queue
    # worker stop with us instead of running on as orphans.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    _django(["migrate", "--noinput", "-v", "0"])
    if not args.no_demo:
        _django(["load_demo"])
    settings = os.environ["DJANGO_SETTINGS_MODULE"]
    if not settings.endswith(".dev"):
        _django(["collectstatic", "--noinput", "-v", "0"])
    started: list[subprocess.Popen] = []
    # gunicorn's control socket: one per instance (its default, ~/.gunicorn/gunicorn.ctl, is one
    # per machine user, so a second `renshe serve` took over the first's), in a directory of
    # this instance's own, removed when it stops.
    run_dir = Path(tempfile.mkdtemp(prefix="renshe-serve-"))
    try:
        started.append(subprocess.Popen([sys.executable, "-m", "renshe.cli", "manage", "qcluster"], **_CHILD))
        print(f"人社数字法治平台: http://{args.host}:{args.port}/", flush=True)
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "renshe.platform.wsgi:application",
                "--bind", f"{args.host}:{args.port}",
                *gunicorn_args(args.workers, args.threads),
                "--control-socket", str(run_dir / "gunicorn.ctl"),
                "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT,
            ],
            **_CHILD,
        )
        started.append(server)
        return server.wait()
    finally:
        _stop(*started)
        shutil.rmtree(run_dir, ignore_errors=True)


def _stop(*procs: subprocess.Popen) -> None:
    """Ask each process to stop (SIGTERM: gunicorn and qcluster shut down gracefully), then wait."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="启动平台 / start the platform")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=SERVE_WORKERS)
    p.add_argument("--threads", type=int, default=SERVE_THREADS)
    p.add_argument("--no-demo", action="store_true", help="不加载演示数据 / skip demo data")
    p.set_defaults(func=_serve)
    p = sub.add_parser("manage", help="Django 管理命令 / Django management commands")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_manage)
