"""Build `entities/data/common_words.txt.gz`: Indonesian words that are mostly written in
lowercase, so that a capitalised occurrence is weak evidence of a name ("Kota", "Negara", "Anda",
"Surat" are also GeoNames towns).

Source: the train splits of UD Indonesian CSUI, idner-news-2k and NERGrit in ../shared/data
(CC BY-SA / MIT / Apache-2.0); only word counts are derived. NERP is left out: it is lowercased.

Run: python -m pantau.entities.build_common_words [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import os
from pathlib import Path

OUT = Path(__file__).parent / "data" / "common_words.txt.gz"


def count(data: Path) -> tuple[collections.Counter, collections.Counter]:
    lower: collections.Counter = collections.Counter()
    capital: collections.Counter = collections.Counter()

    def see(tok: str, first: bool) -> None:
        if not tok.isalpha():
            return
        if tok.islower():
            lower[tok] += 1
        elif tok[0].isupper() and not first:
            capital[tok.lower()] += 1

    ud = data / "ud-indonesian" / "id_csui-ud-train.conllu"
    first = True
    for line in ud.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            first = True
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        see(cols[1], first)
        first = False
    for path, sep in ((data / "idner-news-2k" / "train.txt", " "), (data / "indonlu-nergrit" / "train_preprocess.txt", "\t")):
        first = True
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip():
                first = True
                continue
            see(line.split(sep)[0], first)
            first = False
    return lower, capital


def build(data: Path) -> int:
    lower, capital = count(data)
    # mostly lowercase, seen at least twice: a common word
    words = sorted(w for w, n in lower.items() if n >= 2 and n >= capital[w])
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(("\n".join(words) + "\n").encode("utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    return len(words)


def main() -> None:
    default = os.environ.get("PANTAU_SHARED_DATA", str(Path(__file__).resolve().parents[3] / ".." / "shared" / "data"))
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=default)
    print(f"wrote {build(Path(ap.parse_args().data))} common words to {OUT}")


if __name__ == "__main__":
    main()
