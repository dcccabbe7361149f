"""The long fuzz run (issue 25): many hostile files through the readers and hostile texts through
`pantau.analyze`, with the properties of tests/fuzz_inputs.py; counts crashes (an exception or a
broken property) and hangs (an input over --hang seconds) and prints them per million inputs.

    python scripts/fuzz.py --readers 100000 --analyze 5000 [--hang 10] [--seed 0]

The CI suite runs the same properties on a few hundred examples (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_inputs import NEWS_TEXT, check_analyze, check_read, files  # noqa: E402

CHUNK = 5_000
PUBLISHED = st.sampled_from([None, "2021-03-01", "9999-12-31", "0001-01-01", "2020-02-29"])


def run(name: str, strategy, check, n: int, hang: float, random_seed: int) -> dict:
    tally = {"inputs": 0, "crashes": 0, "hangs": 0, "seconds": 0.0, "slowest": 0.0, "examples": []}

    def one(args):
        t0 = time.perf_counter()
        try:
            check(*args)
        except Exception as exc:  # noqa: BLE001 - counted, not raised: the run goes on
            tally["crashes"] += 1
            if len(tally["examples"]) < 5:
                tally["examples"].append(f"{type(exc).__name__}: {str(exc)[:160]} on {str(args)[:160]!r}")
        took = time.perf_counter() - t0
        tally["inputs"] += 1
        tally["seconds"] += took
        tally["slowest"] = max(tally["slowest"], took)
        if took > hang:
            tally["hangs"] += 1

    # Hypothesis keeps every example of a run to steer the next: over ~10,000 a run slows down
    # and grows, so the inputs come in runs of CHUNK, each with its own seed.
    for chunk in range(0, n, CHUNK):
        seed(random_seed * 1_000_003 + chunk)(settings(
            max_examples=min(CHUNK, n - chunk), deadline=None, database=None,
            suppress_health_check=list(HealthCheck))(given(strategy)(one)))()
        print(f"  {name}: {tally['inputs']:,} inputs, {tally['seconds']:.0f} s in checks", file=sys.stderr, flush=True)
    per_million = 1_000_000 / max(tally["inputs"], 1)
    print(f"{name}: {tally['inputs']:,} inputs in {tally['seconds']:.0f} s "
          f"({tally['inputs'] / max(tally['seconds'], 1e-9):,.0f}/s, slowest {tally['slowest']:.2f} s); "
          f"crashes {tally['crashes']} ({tally['crashes'] * per_million:,.0f} per million), "
          f"hangs over {hang:g} s {tally['hangs']} ({tally['hangs'] * per_million:,.0f} per million)")
    for example in tally["examples"]:
        print("   ", example)
    return tally


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--readers", type=int, default=100_000, help="files through the readers")
    ap.add_argument("--analyze", type=int, default=5_000, help="texts through pantau.analyze")
    ap.add_argument("--hang", type=float, default=10.0, help="seconds after which an input counts as a hang")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every page it cannot parse
    bad = 0
    if args.readers:
        t = run("readers", files().map(lambda f: f), check_read, args.readers, args.hang, args.seed)
        bad += t["crashes"] + t["hangs"]
    if args.analyze:
        from pantau.pipeline import analyze

        analyze("Pemanasan.")  # load the pipeline before the clock starts
        t = run("analyze", st.tuples(NEWS_TEXT.filter(lambda s: s.strip()), PUBLISHED), check_analyze,
                args.analyze, args.hang, args.seed)
        bad += t["crashes"] + t["hangs"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
