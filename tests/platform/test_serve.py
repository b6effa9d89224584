"""``renshe serve`` (what ``scripts/dev serve`` runs): it answers /health, and SIGTERM stops
gunicorn and the queue worker with it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout
    return bool(state.strip()) and not state.startswith("Z")


def test_serve_answers_health_and_stops_cleanly(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "renshe.platform.settings.dev",
        "RENSHE_VAR": str(tmp_path),
        "PYTHONPATH": str(REPO),
        "RENSHE_DEMO_PASSWORD": "serve-Test-2025",
    }
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "renshe.cli", "serve", "--port", str(port), "--workers", "1"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        health = None
        # Start-up migrates and loads every module's demo data (the arrears demo province takes
        # tens of seconds on a busy 2-core machine), so allow a few minutes before giving up.
        give_up_at = time.monotonic() + 300
        while health is None and time.monotonic() < give_up_at and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                    health = json.load(r)
            except OSError:
                time.sleep(0.5)
        assert health is not None and health["status"] == "ok", "no answer on /health"
        children = _children(proc.pid)
        assert len(children) == 2  # gunicorn and the qcluster worker
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not [c for c in children if _alive(c)], "children outlived renshe serve"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
