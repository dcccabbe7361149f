"""The coding tables: each CAMEO code with its label, PLOVER type, mode and context, Goldstein
score and QuadClass (data/cameo.tsv, built by `build_tables`), and the CAMEO actor record
(country, sector) of a participant's mention.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pantau.model import Actor, Mention

CAMEO_TSV = Path(__file__).parent / "data" / "cameo.tsv"

SECTORS = ("GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "MED", "BUS", "CVL", "REF", "SPY", "PTY", "IGO",
           "NGO", "ELI", "EDU", "HLH", "LAB", "RAD", "UAF", "CRM", "MOD", "IMG", "AGR", "REL")


@dataclass(frozen=True)
class CameoInfo:
    code: str
    label: str
    plover: str
    mode: str
    context: str
    goldstein: float | None
    quad_class: int


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    table = {}
    with open(CAMEO_TSV, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            table[row["code"]] = CameoInfo(row["code"], row["label"], row["plover"], row["mode"] or "",
                                           row["context"] or "",
                                           float(row["goldstein"]) if row["goldstein"] else None,
                                           int(row["quad_class"]))
    return table


@lru_cache(maxsize=None)
def plover_default(plover_type: str) -> CameoInfo:
    """The cameo.tsv entry whose code is the root-most (shortest, then lowest) code mapped to `plover_type`."""
    entries = [info for info in cameo_table().values() if info.plover == plover_type]
    if not entries:
        raise KeyError(f"no CAMEO code is mapped to the PLOVER type {plover_type!r}")
    return min(entries, key=lambda info: (len(info.code), info.code))


def actor_of(m: Mention) -> Actor:
    """The actor record of a participant's mention: its CAMEO code split into country and sector."""
    code = m.code or ""
    sector = code[3:6] if len(code) > 3 and code[:3].isalpha() and code[3:6] in SECTORS else None
    country = m.country or (code[:3] if len(code) >= 3 and code[:3] not in SECTORS and not code.startswith("IGO") else None)
    return Actor(code=code or None, country=country, sector=sector, entity_id=m.entity_id, text=m.text)
