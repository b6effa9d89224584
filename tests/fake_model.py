"""A scripted OpenAI-compatible chat endpoint on loopback, for the optional-model features.

The model is not ours to test; what we test is how an answer is checked and shown. Each
request pops the next scripted reply and records the user prompt it was sent.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer


@dataclass
class Script:
    url: str
    replies: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)


@contextmanager
def scripted_model() -> Iterator[Script]:
    """Serve ``/v1/chat/completions`` until the block ends; yields the script to fill."""
    script = Script(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.prompts.append(body["messages"][1]["content"])
            out = json.dumps({"choices": [{"message": {"content": script.replies.pop(0)}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            return None

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script.url = f"http://127.0.0.1:{server.server_port}/v1"
    try:
        yield script
    finally:
        server.shutdown()
