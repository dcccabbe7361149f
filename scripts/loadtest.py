"""Load test of `pantau serve`: N concurrent clients on loopback against /api/events and an
article page, over a store of ≥ 10,000 articles. A script, not a unit test.

    # 1. a big store: the bench corpus analysed once, then copied under new ids (408 × 25 = 10,200)
    python scripts/loadtest.py build --corpus ../shared/bench/kompas-pfsa-408.jsonl --copies 25 --db /tmp/load.duckdb
    # 2. 100 clients for 60 s against a server started by the script
    python scripts/loadtest.py run --db /tmp/load.duckdb --clients 100 --seconds 60 [--workers 2]

Each client loops without pause (or, with --think S, pauses a random S seconds on average, as a
person reading would): half of its requests are GET /api/events with a random page
(offset) and, for some, a filter (type, actor, date window); the other half GET /articles/{id}
of a random article (the server-rendered page with its highlights). It reports p50/p95/p99 and
the maximum latency, the throughput and every error (non-200 or transport failure), per
endpoint. The load generator runs in its own process on the same machine, so the server and the
clients share the CPUs: the figures are a pessimistic bound for a machine of this size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import duckdb
from serving import free_port, start_server

TABLES = ("sentences", "mentions", "time_values", "events", "event_actors", "quotes")


def build(corpus: Path, copies: int, db: Path) -> None:
    """Analyse the corpus once into `db`, then add copies 1..copies-1 of every article with the id
    suffixed "-c{k}" (and its child rows), so the store holds copies × the corpus."""
    from pantau.runner import ingest
    from pantau.store import Store

    t0 = time.time()
    if db.exists():
        db.unlink()
    with Store(db) as st:
        summary = ingest([corpus], st)
    print(f"analysed {summary.ingested} articles in {time.time() - t0:.1f} s")
    con = duckdb.connect(str(db))
    for k in range(1, copies):
        con.execute("BEGIN")
        con.execute(f"INSERT INTO articles SELECT * REPLACE (id || '-c{k}' AS id) FROM articles WHERE NOT contains(id, '-c')")
        for table in TABLES:
            con.execute(f"INSERT INTO {table} SELECT * REPLACE (doc_id || '-c{k}' AS doc_id) FROM {table} "
                        "WHERE NOT contains(doc_id, '-c')")
        con.execute("COMMIT")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'fts_dirty'")
    con.close()
    with Store(db) as st:
        if st.fts:
            st.rebuild_search_index()
        s = st.stats()
    print(f"{db}: {s['articles']} articles, {s['events']} events, {s['mentions']} mentions "
          f"({time.time() - t0:.1f} s, {db.stat().st_size / 2**20:.0f} MB)")


def store_sample(base: str) -> tuple[list[str], list[str]]:
    """Article ids (the first 1,000) and event types of the served store, to draw requests from."""
    ids = [a["id"] for a in json.load(urllib.request.urlopen(f"{base}/api/articles?limit=1000"))["items"]]
    types = list(json.load(urllib.request.urlopen(f"{base}/api/stats"))["event_types"])
    return ids, types


def next_request(rng: random.Random, ids: list[str], types: list[str]) -> tuple[str, str]:
    """One request of the mix: (endpoint name, path with query)."""
    if rng.random() < 0.5:
        params = {"limit": 50, "offset": rng.randrange(0, 2000)}
        pick = rng.random()
        if pick < 0.25:
            params["type"] = rng.choice(types)
        elif pick < 0.4:
            params["actor"] = rng.choice(["IDN", "IDNGOV", "USA", "CHN", "Jokowi", "polisi"])
        elif pick < 0.5:
            params["from"], params["to"] = "2020-03", "2020-06"
        return "GET /api/events", "/api/events?" + urlencode(params)
    return "GET /articles/{id}", f"/articles/{rng.choice(ids)}"


async def client(http, base: str, ids: list[str], types: list[str], deadline: float, rng: random.Random,
                 results: dict[str, list[float]], errors: list[str], think: float = 0.0) -> None:
    while time.perf_counter() < deadline:
        if think:  # a person reading: an exponential pause between requests (mean `think` s)
            await asyncio.sleep(rng.expovariate(1 / think))
        name, path = next_request(rng, ids, types)
        t0 = time.perf_counter()
        try:
            r = await http.get(base + path)
            elapsed = time.perf_counter() - t0
            if r.status_code != 200:
                errors.append(f"{name}: HTTP {r.status_code}")
            else:
                results.setdefault(name, []).append(elapsed)
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            errors.append(f"{name}: {type(exc).__name__}: {exc}")


def random_paths(base: str, n: int, seed: int) -> list[str]:
    """The python client's mix as a list of paths, for wrk."""
    ids, types = store_sample(base)
    rng = random.Random(seed)
    return [next_request(rng, ids, types)[1] for _ in range(n)]


WRK_SCRIPT = """
local paths = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %%d, "seconds": %%.1f, "p50_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, ' ..
    '"max_ms": %%.1f, "connect": %%d, "read": %%d, "write": %%d, "non_2xx": %%d, "timeout": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def run_wrk(base: str, clients: int, seconds: float, seed: int) -> dict:
    """The same mix with wrk (C, event-driven): the load generator takes far less CPU than the
    Python client, so more of the machine is left to the server."""
    import tempfile

    paths = random_paths(base, 20000, seed)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % (",".join(json.dumps(p) for p in paths), seed))
    out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{int(seconds)}s", "--timeout", "30s", "-s", f.name, base],
                         capture_output=True, text=True, check=True).stdout
    stats = json.loads(out.split("WRK ", 1)[1])
    stats["per_s"] = round(stats["requests"] / stats["seconds"], 1)
    stats["errors"] = sum(stats[k] for k in ("connect", "read", "write", "non_2xx", "timeout"))
    return {"clients": clients, "tool": "wrk", "all": stats}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def run_load(base: str, clients: int, seconds: float, seed: int, think: float = 0.0) -> dict:
    import httpx

    ids, types = store_sample(base)
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await http.get(base + "/api/events?limit=1")  # warm up
        start = time.perf_counter()
        deadline = start + seconds
        await asyncio.gather(*(client(http, base, ids, types, deadline, random.Random(seed + i), results, errors, think)
                               for i in range(clients)))
        wall = time.perf_counter() - start
    report = {"clients": clients, "think_s": think, "seconds": round(wall, 1), "errors": len(errors),
              "error_samples": sorted(set(errors))[:5], "endpoints": {}}
    everything = [x for xs in results.values() for x in xs]
    for name, xs in sorted(results.items()) + [("all", everything)]:
        report["endpoints"][name] = {
            "requests": len(xs), "per_s": round(len(xs) / wall, 1),
            "p50_ms": round(1000 * statistics.median(xs), 1), "p95_ms": round(1000 * pct(xs, 95), 1),
            "p99_ms": round(1000 * pct(xs, 99), 1), "max_ms": round(1000 * max(xs), 1)}
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--corpus", type=Path, default=Path("../shared/bench/kompas-pfsa-408.jsonl"))
    b.add_argument("--copies", type=int, default=25)
    b.add_argument("--db", type=Path, default=Path("/tmp/pantau-load.duckdb"))
    r = sub.add_parser("run")
    r.add_argument("--db", type=Path, default=Path("/tmp/pantau-load.duckdb"))
    r.add_argument("--clients", type=int, default=100)
    r.add_argument("--seconds", type=float, default=60)
    r.add_argument("--workers", type=int, default=1, help="server processes")
    r.add_argument("--no-cache", action="store_true", help="start the server without its response cache")
    r.add_argument("--url", help="an already running server instead of starting one")
    r.add_argument("--seed", type=int, default=7)
    r.add_argument("--think", type=float, default=0.0,
                   help="python tool: mean pause (s) between a client's requests; 0 = none (closed loop)")
    r.add_argument("--tool", choices=["python", "wrk"], default="python",
                   help="load generator: asyncio + httpx (per-endpoint figures), or wrk (lighter, overall figures)")
    args = ap.parse_args()
    if args.cmd == "build":
        build(args.corpus, args.copies, args.db)
        return
    server = None
    base = args.url
    if base is None:
        port = free_port()
        server = start_server(args.db, port, "--workers", str(args.workers),
                              "--cache" if not args.no_cache else "--no-cache")
        base = f"http://127.0.0.1:{port}"
    try:
        if args.tool == "wrk":
            report = run_wrk(base, args.clients, args.seconds, args.seed)
        else:
            report = asyncio.run(run_load(base, args.clients, args.seconds, args.seed, args.think))
    finally:
        if server:
            server.terminate()
            server.wait(20)
    report["workers"], report["cache"] = args.workers, not args.no_cache
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
