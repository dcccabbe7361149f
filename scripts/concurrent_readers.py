"""Issue 25's concurrency bar, end to end: while `pantau ingest` loads a corpus into a fresh
store, run `pantau events` every INTERVAL seconds (and optionally poll a running `pantau serve`)
and report every failure. Exit 1 if any read failed.

    python scripts/concurrent_readers.py ../shared/bench/kompas-pfsa-408.jsonl [--interval 2] [--serve]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pantau(*args: str) -> list[str]:
    return [sys.executable, "-m", "pantau.cli", *args]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--serve", action="store_true", help="also run `pantau serve` and poll /api/stats")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pantau-concurrency-"))
    db = work / "store.duckdb"
    # a first small ingest so that the readers (and the server) have a store to open
    subprocess.run(pantau("ingest", "examples", "--db", str(db)), check=True, capture_output=True)
    server = base = None
    if args.serve:
        from serving import free_port, start_server

        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
    t0 = time.time()
    ingest = subprocess.Popen(pantau("ingest", args.corpus, "--db", str(db)), stderr=subprocess.PIPE, text=True)
    reads, failures, seen = 0, [], []
    while ingest.poll() is None:
        started = time.time()
        r = subprocess.run(pantau("events", "--db", str(db), "-n", "1", "--format", "json"), capture_output=True, text=True)
        reads += 1
        if r.returncode != 0:
            failures.append(f"{started - t0:6.1f} s  events: {r.stderr.strip()}")
        if base:
            try:
                with urllib.request.urlopen(f"{base}/api/stats", timeout=30) as resp:
                    seen.append(json.load(resp)["articles"])
            except Exception as exc:  # noqa: BLE001 - every failure is the finding
                failures.append(f"{started - t0:6.1f} s  /api/stats: {exc}")
        time.sleep(max(0.0, args.interval - (time.time() - started)))
    tail = ingest.stderr.read().strip().splitlines()[-1:]
    if server is not None:
        server.terminate()
    print(f"ingest: exit {ingest.returncode} after {time.time() - t0:.1f} s: {' '.join(tail)}")
    print(f"reads: {reads} `pantau events` runs, {len(failures)} failed")
    if seen:
        print(f"server: article counts seen during the run: {sorted(set(seen))[:3]} ... {max(seen)} ({len(seen)} polls)")
    for f in failures:
        print("  " + f)
    return 1 if failures or ingest.returncode != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
