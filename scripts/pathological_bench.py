"""Time the analysis of generated pathological articles at growing sizes, to see that it grows
linearly with the article's length (issue 25; the limits are in docs/LIMITS.md).

    .venv/bin/python scripts/pathological_bench.py                      # every kind, 10k..80k chars
    .venv/bin/python scripts/pathological_bench.py --kinds dash,a --sizes 10000,20000,40000
    .venv/bin/python scripts/pathological_bench.py --stages             # + the slowest stage per row

Each row: the seconds for `prepare` + the whole pipeline (the pipeline is loaded first, not
timed), seconds per 10,000 characters, and the ratio to the row before (2.0 for a doubled
input is linear; 4.0 quadratic). A row over the per-article time budget shows the failure.
"""

from __future__ import annotations

import argparse
import sys
import time

SENTENCE = ("Presiden Joko Widodo mengatakan di Jakarta, Senin (2/1/2018), bahwa album-album itu dijual "
            "kepada Al-Mayadeen. ")

#: kind → a function of the size in characters giving the article's text
KINDS = {
    "normal": lambda n: (SENTENCE * (n // len(SENTENCE) + 1))[:n],  # a long ordinary article
    "kata": lambda n: ("kata " * (n // 5 + 1))[:n],  # one word repeated, no full stop
    "dash": lambda n: SENTENCE + "-" * n + " " + SENTENCE,  # the 16,000-dash article of issue 25
    "a": lambda n: "a" * n,  # one word, no space
    "a-": lambda n: ("a-" * (n // 2 + 1))[:n],
    "Aa-": lambda n: ("Aa-" * (n // 3 + 1))[:n],
    "nospace": lambda n: (SENTENCE.replace(" ", "") * (n // len(SENTENCE) + 1))[:n],  # text glued together
    "sentence": lambda n: ("kata Jakarta Senin " * (n // 19 + 1))[:n],  # one sentence, no full stop
    "newlines": lambda n: SENTENCE + "\n" * n + SENTENCE,
    "lines": lambda n: ("Kata kata.\n" * (n // 11 + 1))[:n],  # many one-line paragraphs
    "brackets": lambda n: "(" * (n // 2) + "kata" + ")" * (n // 2),  # deep brackets
    "mixed_brackets": lambda n: ("([" * (n // 4)) + "kata" + ("])" * (n // 4)),
    "quotes": lambda n: ('"kata ' * (n // 6 + 1))[:n],  # many unbalanced quotes
    "quote_run": lambda n: SENTENCE + '"' * n + " " + SENTENCE,
    "digits": lambda n: "1" * n,
    "dates": lambda n: ("Senin (2/1/2018) " * (n // 17 + 1))[:n],
    "names": lambda n: ("Joko Widodo " * (n // 12 + 1))[:n],  # one capitalised name run
    "caption": lambda n: "(FOTO/" * (n // 6),
}

DEFAULT_SIZES = (10_000, 20_000, 40_000, 80_000)


def time_one(text: str, nlp, stages: bool) -> tuple[float, str, str]:
    """(seconds, slowest stage or "", error or "")."""
    from pantau.pipeline import analyze_documents, prepare

    t0 = time.perf_counter()
    if not stages:
        errors: list[str] = []
        try:
            docs = list(analyze_documents([prepare(text, published="2020-01-06")],
                                          on_error=lambda d, stage, exc: errors.append(f"{stage}: {exc}")))
        except Exception as exc:  # noqa: BLE001 - a row, not a crash
            return time.perf_counter() - t0, "", f"{type(exc).__name__}: {exc}"
        return time.perf_counter() - t0, "", "" if docs else (errors[0] if errors else "dropped")
    document = prepare(text, published="2020-01-06")
    times = {"clean": time.perf_counter() - t0}
    t = time.perf_counter()
    doc = nlp.make_doc(document.clean_text)
    times["tokenizer"] = time.perf_counter() - t
    doc._context = document
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        try:
            doc = proc(doc)
        except Exception as exc:  # noqa: BLE001
            return time.perf_counter() - t0, name, f"{type(exc).__name__}: {exc}"
        times[name] = time.perf_counter() - t
    slowest = max(times, key=times.get)
    return time.perf_counter() - t0, f"{slowest} {times[slowest]:.2f}s", ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="characters, comma-separated")
    parser.add_argument("--stages", action="store_true", help="run the stages one by one and name the slowest")
    parser.add_argument("--no-parse", action="store_true", help="without the dependency parse")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)}")
    sizes = [int(s) for s in args.sizes.split(",")]

    from pantau import assembly

    t = time.perf_counter()
    nlp = assembly.load(not args.no_parse)
    print(f"pipeline loaded in {time.perf_counter() - t:.1f} s (not counted below)", file=sys.stderr)
    time_one(SENTENCE, nlp, False)  # warm up (first-call caches)

    header = f"{'kind':<15} {'chars':>8} {'seconds':>8} {'s/10k':>7} {'x prev':>6}"
    print(header + ("  slowest stage" if args.stages else "") + "  error")
    print("-" * (len(header) + 20))
    for kind in kinds:
        prev = None
        for n in sizes:
            text = KINDS[kind](n)
            seconds, slowest, error = time_one(text, nlp, args.stages)
            ratio = f"{seconds / prev:6.1f}" if prev else f"{'':6}"
            print(f"{kind:<15} {len(text):>8} {seconds:8.3f} {seconds / len(text) * 10_000:7.3f} {ratio}"
                  + (f"  {slowest}" if args.stages else "") + (f"  {error}" if error else ""), flush=True)
            prev = max(seconds, 1e-4)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
