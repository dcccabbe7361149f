"""`pantau serve` in a subprocess on a free loopback port, for the scripts in this folder."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, *options: str) -> subprocess.Popen:
    """Start `pantau serve --db DB --port PORT [options]` and return once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "pantau.cli", "serve", "--db", str(db), "--port", str(port),
                             *options])
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"pantau serve exited with {proc.returncode}")
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")
