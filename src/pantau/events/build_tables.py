"""Build `events/data/cameo.tsv`: one row per CAMEO code with its label, PLOVER type/mode/context,
Goldstein score and QuadClass.

Sources (see events/data/SOURCES.md):
- labels: ../shared/data/cameo-codebook/CAMEO_codefile.txt (MIT)
- PLOVER mapping: ../shared/data/plover/CAMEO2PLOVER-2021.txt (CC BY-SA 4.0; so is cameo.tsv)
- Goldstein: events/data/goldstein.tsv (GDELT's CAMEO.goldsteinscale.txt lookup)

Run: python -m pantau.events.build_tables [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

HERE = Path(__file__).parent / "data"

# CAMEO 02 (APPEAL) is absent from the 2021 CAMEO→PLOVER table; the PLOVER manual folds appeals
# into REQUEST, so we do the same. CAMEO 01 (public statements) has no PLOVER type and is not coded.
APPEAL_TYPE = "REQUEST"


def quad_class(code: str) -> int:
    """GDELT QuadClass from the CAMEO root: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def read_labels(path: Path) -> dict[str, str]:
    labels: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"LABEL:\s*(\d+)=\s*(.+)", line)  # LABELi (ICEWS wording) lines are skipped
        if m and m.group(1) not in labels:
            labels[m.group(1)] = m.group(2).strip()
    return labels


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)", line)
        if not m:
            continue
        code, event, mode, context = m.groups()
        table.setdefault(code, (event, mode.strip(), context.strip().replace(" ", "")))
    return table


def build(data_dir: Path, out: Path = HERE / "cameo.tsv") -> int:
    labels = read_labels(data_dir / "cameo-codebook" / "CAMEO_codefile.txt")
    plover = read_plover(data_dir / "plover" / "CAMEO2PLOVER-2021.txt")
    goldstein = dict(
        line.split("\t") for line in (HERE / "goldstein.tsv").read_text().splitlines()[1:] if line.strip()
    )
    rows = ["code\tlabel\tplover\tmode\tcontext\tgoldstein\tquad_class"]
    for code in sorted(set(labels) | set(plover), key=lambda c: (c[:2], c)):
        if len(code) < 3:
            continue
        event, mode, context = plover.get(code, ("", "", ""))
        if not event and code.startswith("02"):
            event = APPEAL_TYPE
        if not event:
            continue  # 01x statements: no PLOVER type
        rows.append("\t".join([code, labels.get(code, ""), event, mode, context,
                               goldstein.get(code, goldstein.get(code[:3], "")), str(quad_class(code))]))
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows) - 1


def main() -> None:
    default = os.environ.get("PANTAU_SHARED_DATA", str(Path(__file__).resolve().parents[3] / ".." / "shared" / "data"))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=default)
    args = ap.parse_args()
    print(f"wrote {build(Path(args.data))} CAMEO codes to {HERE / 'cameo.tsv'}")


if __name__ == "__main__":
    main()
