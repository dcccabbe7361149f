"""Agreement between two independent readings of the same texts (plover-id format).

    python training/agreement.py FIRST.jsonl... --second SECOND.jsonl --articles UNITS.jsonl

For the articles read twice: F1 of the events matched (a) by sentence, (b) by sentence and a
shared type, (c) by sentence, a shared type and the actor and recipient countries (first three
letters of any code on each side, or both sides empty), as in plover-id's README. Each event of
one reading matches at most one of the other.
"""

from __future__ import annotations

import argparse
import json


def sentence_of(text: str, evidence: str) -> int | None:
    at = text.find(evidence)
    return None if at < 0 else text.count("\n\n", 0, at)


def countries(ps: list[dict]) -> frozenset[str]:
    return frozenset((p.get("code") or "")[:3] for p in ps if p.get("code"))


def matches(a: dict, b: dict, level: str) -> bool:
    if level == "sentence":
        return True
    if not set(a["types"]) & set(b["types"]):
        return False
    if level == "type":
        return True
    return countries(a["actors"]) == countries(b["actors"]) and countries(a["recipients"]) == countries(b["recipients"])


def f1(first: list[dict], second: list[dict], text: str, level: str) -> tuple[int, int, int]:
    used = set()
    hits = 0
    for a in first:
        sa = sentence_of(text, a["evidence"])
        for k, b in enumerate(second):
            if k not in used and sentence_of(text, b["evidence"]) == sa and matches(a, b, level):
                used.add(k)
                hits += 1
                break
    return hits, len(first), len(second)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("first", nargs="+")
    ap.add_argument("--second", required=True)
    ap.add_argument("--articles", required=True)
    args = ap.parse_args()
    texts = {r["id"]: r["text"] for r in map(json.loads, open(args.articles, encoding="utf-8"))}
    first = {}
    for path in args.first:
        for line in open(path, encoding="utf-8"):
            rec = json.loads(line)
            first.setdefault(rec["id"], rec["events"])
    second = {r["id"]: r["events"] for r in map(json.loads, open(args.second, encoding="utf-8"))}
    report = {"articles": len(second), "events_first": sum(len(first[a]) for a in second),
              "events_second": sum(len(v) for v in second.values())}
    for level in ("sentence", "type", "countries"):
        h = n1 = n2 = 0
        for aid, evs in second.items():
            x, y, z = f1(first[aid], evs, texts[aid], level)
            h, n1, n2 = h + x, n1 + y, n2 + z
        report[f"f1_{level}"] = round(2 * h / (n1 + n2), 3) if n1 + n2 else None
    print(json.dumps(report))


if __name__ == "__main__":
    main()
