"""Score pipeline output against a gold file (schema "pantau-gold/1").

The rules are those of `shared/gold/README.md`; where it leaves a choice open, the choice is
written next to the code that makes it (and summarised in `DECISIONS`).

Every score is a `Ratio` (hits / total) kept under a dotted key such as "events.recall", per
document and micro-averaged over documents (ratios are summed, not their values averaged).
Next to the scores each document keeps `problems`: the misses and false positives, by key.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import text as T

GOLD_SCHEMA = "pantau-gold/1"


# --------------------------------------------------------------------------- records


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.hit += int(bool(ok))
        self.total += 1

    def __add__(self, other: "Ratio") -> "Ratio":
        return Ratio(self.hit + other.hit, self.total + other.total)

    def __str__(self) -> str:
        v = self.value
        return "n/a" if v is None else f"{v:.2f} ({self.hit}/{self.total})"


# key -> label, in report order. Headline metrics first in each group.
METRICS: dict[str, str] = {
    "events.recall": "Events: required recall",
    "events.precision": "Events: precision (actor-recipient pairs)",
    "events.precision_unexpanded": "Events: precision (unexpanded events)",
    "events.sector": "Events: sector right (matched)",
    "events.date": "Events: date right (matched)",
    "events.location": "Events: location right (matched)",
    "events.modality": "Events: modality right (matched)",
    "dates.score": "Dates: found with right value (applicable)",
    "dates.without_published": "Dates: not needing the publication date",
    "entities.linked": "Entities: surface forms linked (strict)",
    "entities.linked_lenient": "Entities: surface forms linked (case/diacritics-insensitive)",
    "entities.type": "Entities: type right (linked forms)",
    "quotes.found": "Quotes: found",
    "quotes.speaker": "Quotes: right speaker",
    "boilerplate.removed": "Boilerplate + metadata lines removed",
    "boilerplate.boilerplate": "  boilerplate strings removed",
    "boilerplate.metadata": "  metadata lines removed",
    "boilerplate.body_kept": "Body sentences kept",
    "metadata.score": "Metadata fields right",
    "metadata.outlet": "  outlet",
    "metadata.dateline": "  dateline",
    "metadata.published": "  published",
    "metadata.title": "  title",
}

DECISIONS = """\
- Outputs are keyed by the gold `doc` name; a gold document without output scores as an empty
  document (and is flagged), outputs without a gold document are listed and not scored.
- Events: precision counts the expanded actor-recipient pairs (an event with actors A, B and
  recipient C is two output events, A-C and B-C); `events.precision_unexpanded` counts an
  unexpanded event as right when at least one of its pairs matches a gold event and none hits
  a must_not entry. An event without actors pairs with actor None (matches only a gold actor
  null); one without recipients pairs with recipient None.
- Events: an actor's country is the first three letters of its `code`, else its `country`.
- Events: matching is many-to-one, as the README says: several output pairs may match the same
  gold event, and each of them counts as right for precision.
- Events: a pair that matches a must_not entry is a false positive even if it would also match
  a gold event, and it counts towards no recall.
- Events: "reciprocal" gold events (note contains "reciprocal") also match actor/recipient swapped.
- Events: sector, date, location and modality are scored per matched gold event (required or
  optional) where the gold gives them; right when any pair matching that gold event has it right.
  Sector compares letters 4-6 of the output code (else its `sector`) with the gold code's, for
  the actor and, where the gold recipient code has a sector, the recipient too.
- Events: a location is right when its `name` or `text` equals the gold location, or contains it
  (or is contained in it) as whole words, case- and diacritic-insensitively; the gold entity
  list of the document serves as alias table ("Moskow" also accepts "Moscow").
- Dates: an output time value matches when its whitespace-normalised, case-folded text equals,
  contains or is contained in the gold text, and its value equals the gold value exactly
  ("2018-W52" as a string). requires_published items count only with with_published=True.
  The dates bar uses the items that do not require the publication date.
- Entities: for a surface form, the output mentions with exactly that text are used; only when
  there is none, those equal case-insensitively. Strict needs canonical_name equal; lenient
  compares case- and diacritic-insensitively. Type accuracy is over the linked forms, and a
  mention typed GPE counts as LOC (the gold types countries LOC).
- Quotes: an output quote matches when, quote marks stripped and case folded, it starts with the
  gold `starts` or contains it within its first 50 characters. Speaker right: speaker_name equals
  the gold canonical. The bar is at least 10 of 13 (scaled: ceil(10/13 * total)).
- Boilerplate and metadata lines: a string counts as removed when it occurs in clean_text
  (case-sensitive, whitespace-normalised) no more often than in the expected body text (the raw
  text with the gold boilerplate, metadata lines and title taken out as whole lines or where
  glued to a line's start or end). So a "Baca Juga" or "TAG" line left in is caught, while the
  same letters inside a body sentence are not.
- Body sentences: the expected body split into sentences (of at least 3 words); a sentence is
  kept when it occurs in clean_text, compared with typographic quotes/dashes unified and all
  whitespace removed. The first sentence may also have lost its dateline/outlet lead
  ("Damaskus, Purna Warta – "). Without raw text the check cannot run and the bar fails.
- Metadata: outlet and dateline equal case-insensitively (gold null: output must be null);
  published: the output starts with the gold value (gold null: output must be null); title
  (only where the gold has one) equal case-insensitively after whitespace normalisation.
"""


@dataclass
class DocReport:
    doc: str
    scores: dict[str, Ratio] = field(default_factory=dict)
    problems: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    missing_output: bool = False
    body_checked: bool = True

    def ratio(self, key: str) -> Ratio:
        return self.scores.setdefault(key, Ratio())

    def problem(self, key: str, **item: Any) -> None:
        self.problems.setdefault(key, []).append(item)


@dataclass
class Bar:
    name: str
    description: str
    passed: bool
    value: str


@dataclass
class Report:
    documents: list[DocReport]
    overall: dict[str, Ratio]
    bars: list[Bar]
    with_published: bool = False
    unscored_outputs: list[str] = field(default_factory=list)  # outputs with no gold document

    def score(self, key: str, doc: str | None = None) -> float | None:
        """The value of one metric, overall or for one document (None when nothing to score)."""
        if doc is None:
            return self.overall.get(key, Ratio()).value
        for d in self.documents:
            if d.doc == doc:
                return d.scores.get(key, Ratio()).value
        raise KeyError(doc)

    @property
    def passed(self) -> bool:
        return all(b.passed for b in self.bars)


# --------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> dict:
    """Read and check a gold file. The path is kept under "_path" to find ../seeds/ later."""
    path = Path(path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    if gold.get("schema") != GOLD_SCHEMA:
        raise ValueError(f"{path}: schema {gold.get('schema')!r}, expected {GOLD_SCHEMA!r}")
    if not isinstance(gold.get("documents"), list):
        raise ValueError(f"{path}: no 'documents' list")
    gold["_path"] = str(path.resolve())
    return gold


def _as_dict(output: Any) -> dict:
    """A Document, or its to_json_dict() form, as a plain dict (raw_text kept when present)."""
    if output is None:
        return {}
    if isinstance(output, dict):
        return output
    if hasattr(output, "to_dict"):
        return output.to_dict()
    raise TypeError(f"cannot score a {type(output).__name__}")


def outputs_by_stem(records: Iterable[Any]) -> dict[str, Any]:
    """Key `pantau analyze` records by the stem of their `source` path ("…/000_ff50….txt" ->
    "000_ff50…"), which is how the gold names documents."""
    out = {}
    for rec in records:
        d = _as_dict(rec)
        src = d.get("source") or d.get("id") or ""
        out[Path(str(src)).stem] = rec
    return out


# --------------------------------------------------------------------------- events


def _country(actor: dict | None) -> str | None:
    if not actor:
        return None
    code = actor.get("code")
    if code:
        return str(code)[:3].upper()
    country = actor.get("country")
    return str(country).upper() if country else None


def _sector(actor: dict | None) -> str | None:
    if not actor:
        return None
    code = actor.get("code") or ""
    if len(code) > 3:
        return code[3:].upper()
    sector = actor.get("sector")
    return str(sector).upper() if sector else None


def _side_ok(gold_code: str | None, out_country: str | None) -> bool:
    """A gold side matches when the gold is null (any) or the countries agree."""
    return gold_code is None or out_country == str(gold_code)[:3].upper()


def _is_reciprocal(g: dict) -> bool:
    return "reciprocal" in str(g.get("note") or "").lower()


@dataclass
class _Pair:
    event: dict
    actor: dict | None
    recipient: dict | None

    @property
    def type(self) -> str:
        return str(self.event.get("event_type") or "").upper()

    def describe(self) -> dict[str, Any]:
        ev = self.event.get("evidence") or {}
        return {
            "event": self.event.get("id"),
            "type": self.type,
            "actor": (self.actor or {}).get("code") or _country(self.actor),
            "recipient": (self.recipient or {}).get("code") or _country(self.recipient),
            "evidence": T.ws(ev.get("text") if isinstance(ev, dict) else "")[:160],
        }


def expand_pairs(event: dict) -> list[_Pair]:
    """One pair per actor-recipient combination; a missing side pairs as None."""
    actors = list(event.get("actors") or []) or [None]
    recipients = list(event.get("recipients") or []) or [None]
    return [_Pair(event, a, r) for a in actors for r in recipients]


def match_orientation(pair: _Pair, g: dict) -> str | None:
    """"direct" or "swapped" when the pair matches gold event `g`, else None."""
    types = {t.upper() for t in g.get("types") or []}
    if pair.type not in types:
        return None
    a, r = _country(pair.actor), _country(pair.recipient)
    if _side_ok(g.get("actor"), a) and _side_ok(g.get("recipient"), r):
        return "direct"
    if (_is_reciprocal(g) and g.get("actor") and g.get("recipient")
            and _side_ok(g["actor"], r) and _side_ok(g["recipient"], a)):
        return "swapped"
    return None


def matches_must_not(pair: _Pair, m: dict) -> bool:
    types = {t.upper() for t in m.get("types") or []}
    if types and pair.type not in types:
        return False
    return _side_ok(m.get("actor"), _country(pair.actor)) and _side_ok(m.get("recipient"), _country(pair.recipient))


def _location_names(gold_loc: str, gold_doc: dict) -> set[str]:
    """The gold location and its aliases from the document's gold entities, folded."""
    names = {T.fold(gold_loc)}
    for ent in gold_doc.get("entities") or []:
        forms = {T.fold(ent.get("canonical"))} | {T.fold(m) for m in ent.get("mentions") or []}
        if names & forms:
            names |= forms
    return {n for n in names if n}


def _location_right(event: dict, gold_loc: str, gold_doc: dict) -> bool:
    loc = event.get("location") or {}
    got = {T.fold(loc.get("name")), T.fold(loc.get("text"))} - {""}
    for want in _location_names(gold_loc, gold_doc):
        for g in got:
            if g == want or T.contains_words(g, want) or T.contains_words(want, g):
                return True
    return False


def _sector_right(pair: _Pair, g: dict, orientation: str) -> bool:
    """Every side where the gold code has a sector (TURMIL) has the same sector in the output."""
    actor, recipient = (pair.actor, pair.recipient) if orientation == "direct" else (pair.recipient, pair.actor)
    checks = []
    for gold_code, out in ((g.get("actor"), actor), (g.get("recipient"), recipient)):
        if gold_code and len(gold_code) > 3:
            checks.append(_sector(out) == gold_code[3:].upper())
    return all(checks)


def score_events(gold_doc: dict, out: dict, rep: DocReport) -> None:
    gold_events = list(gold_doc.get("events") or [])
    must_not = list(gold_doc.get("must_not") or [])
    matches: dict[str, list[tuple[_Pair, str]]] = {g["id"]: [] for g in gold_events}
    precision, unexpanded = rep.ratio("events.precision"), rep.ratio("events.precision_unexpanded")

    for event in out.get("events") or []:
        event_ok, event_bad = False, False
        for pair in expand_pairs(event):
            hit = next((m for m in must_not if matches_must_not(pair, m)), None)
            if hit is not None:
                rep.problem("events.must_not", why=hit.get("why"), **pair.describe())
                rep.problem("events.false_positives", why=f"must_not: {hit.get('why')}", **pair.describe())
                precision.add(False)
                event_bad = True
                continue
            matched = False
            for g in gold_events:
                orientation = match_orientation(pair, g)
                if orientation:
                    matches[g["id"]].append((pair, orientation))
                    matched = True
            precision.add(matched)
            event_ok |= matched
            if not matched:
                rep.problem("events.false_positives", why="matches no gold event", **pair.describe())
        unexpanded.add(event_ok and not event_bad)

    recall = rep.ratio("events.recall")
    for g in gold_events:
        found = matches[g["id"]]
        if g.get("required"):
            recall.add(bool(found))
            if not found:
                rep.problem("events.missed", gold=g["id"], types=g.get("types"), actor=g.get("actor"),
                            recipient=g.get("recipient"), evidence=g.get("evidence"))
        if not found:
            continue
        _score_event_attributes(g, found, gold_doc, rep)


def _score_event_attributes(g: dict, found: list[tuple[_Pair, str]], gold_doc: dict, rep: DocReport) -> None:
    def record(key: str, ok: bool, expected: Any, got: list[Any]) -> None:
        rep.ratio(key).add(ok)
        if not ok:
            rep.problem(key, gold=g["id"], expected=expected, got=sorted({str(x) for x in got}))

    if any(len(code or "") > 3 for code in (g.get("actor"), g.get("recipient"))):
        ok = any(_sector_right(p, g, o) for p, o in found)
        got = [f"{p.describe()['actor']}->{p.describe()['recipient']}" for p, _ in found]
        record("events.sector", ok, f"{g.get('actor')}->{g.get('recipient')}", got)
    if g.get("date"):
        got = [p.event.get("date") for p, _ in found]
        record("events.date", str(g["date"]) in {str(x) for x in got}, g["date"], got)
    if g.get("location"):
        ok = any(_location_right(p.event, g["location"], gold_doc) for p, _ in found)
        got = [((p.event.get("location") or {}).get("name"), (p.event.get("location") or {}).get("text")) for p, _ in found]
        record("events.location", ok, g["location"], got)
    if g.get("modality"):
        got = [p.event.get("modality") for p, _ in found]
        record("events.modality", g["modality"] in got, g["modality"], got)


# --------------------------------------------------------------------------- dates


def _texts_agree(a: str | None, b: str | None) -> bool:
    a, b = T.ws(a).casefold(), T.ws(b).casefold()
    return bool(a and b) and (a == b or a in b or b in a)


def score_dates(gold_doc: dict, out: dict, rep: DocReport, with_published: bool) -> None:
    times = list(out.get("time_values") or [])
    score, core = rep.ratio("dates.score"), rep.ratio("dates.without_published")
    for item in gold_doc.get("dates") or []:
        same_text = [t for t in times if _texts_agree(t.get("text"), item["text"])]
        ok = any(str(t.get("value")) == str(item["value"]) for t in same_text)
        needs_published = bool(item.get("requires_published"))
        if needs_published and not with_published:
            rep.problem("dates.not_applicable", text=item["text"], value=item["value"],
                        why="requires the publication date; run with with_published=True")
            continue
        score.add(ok)
        if not needs_published:
            core.add(ok)
        if not ok:
            rep.problem("dates.missed", text=item["text"], expected=item["value"],
                        got=[[t.get("text"), t.get("value")] for t in same_text])


# --------------------------------------------------------------------------- entities


def _candidates(mentions: list[dict], surface: str) -> list[dict]:
    exact = [m for m in mentions if m.get("text") == surface]
    if exact:
        return exact
    folded = surface.casefold()
    return [m for m in mentions if str(m.get("text") or "").casefold() == folded]


def _type_right(got: str | None, want: str | None) -> bool:
    norm = {"GPE": "LOC"}
    return bool(want) and norm.get(str(got).upper(), str(got).upper()) == norm.get(want.upper(), want.upper())


def score_entities(gold_doc: dict, out: dict, rep: DocReport) -> None:
    mentions = list(out.get("mentions") or [])
    strict, lenient, types = rep.ratio("entities.linked"), rep.ratio("entities.linked_lenient"), rep.ratio("entities.type")
    for ent in gold_doc.get("entities") or []:
        canonical = ent["canonical"]
        for surface in ent.get("mentions") or []:
            cands = _candidates(mentions, surface)
            linked = [m for m in cands if m.get("canonical_name") == canonical]
            loose = [m for m in cands if T.fold(m.get("canonical_name")) == T.fold(canonical)]
            strict.add(bool(linked))
            lenient.add(bool(loose))
            if linked:
                ok = any(_type_right(m.get("type"), ent.get("type")) for m in linked)
                types.add(ok)
                if not ok:
                    rep.problem("entities.type", canonical=canonical, surface=surface, expected=ent.get("type"),
                                got=sorted({str(m.get("type")) for m in linked}))
            else:
                got = sorted({str(m.get("canonical_name")) for m in cands}) if cands else "no mention with this text"
                rep.problem("entities.missed", canonical=canonical, surface=surface, got=got)


# --------------------------------------------------------------------------- quotes

QUOTE_START_WINDOW = 50  # "contains it near its start": within this many characters


def quote_matches(quote_text: str | None, starts: str) -> bool:
    q = T.strip_quote_marks(quote_text).casefold()
    s = T.strip_quote_marks(starts).casefold()
    if not s:
        return False
    pos = q.find(s)
    return pos == 0 or 0 < pos <= QUOTE_START_WINDOW


def score_quotes(gold_doc: dict, out: dict, rep: DocReport) -> None:
    quotes = list(out.get("quotes") or [])
    found, speaker = rep.ratio("quotes.found"), rep.ratio("quotes.speaker")
    for gq in gold_doc.get("quotes") or []:
        hits = [q for q in quotes if quote_matches(q.get("text"), gq["starts"])]
        right = any(q.get("speaker_name") == gq["speaker"] for q in hits)
        found.add(bool(hits))
        speaker.add(right)
        if not hits:
            rep.problem("quotes.missed", starts=gq["starts"], speaker=gq["speaker"])
        elif not right:
            rep.problem("quotes.speaker", starts=gq["starts"], expected=gq["speaker"],
                        got=sorted({str(q.get("speaker_name")) for q in hits}))


# --------------------------------------------------------------------------- boilerplate


def score_boilerplate(gold_doc: dict, out: dict, rep: DocReport, raw_text: str | None) -> None:
    clean = out.get("clean_text") or ""
    expected_body = T.body_text(raw_text, gold_doc) if raw_text else ""
    combined = rep.ratio("boilerplate.removed")
    for kind, key in (("boilerplate", "boilerplate.boilerplate"), ("metadata_lines", "boilerplate.metadata")):
        part = rep.ratio(key)
        for s in gold_doc.get(kind) or []:
            left = T.count_occurrences(clean, s)
            ok = left <= T.count_occurrences(expected_body, s)
            part.add(ok)
            combined.add(ok)
            if not ok:
                rep.problem("boilerplate.left", kind=kind, string=s, occurrences=left)

    kept = rep.ratio("boilerplate.body_kept")
    if not raw_text:
        rep.body_checked = False
        rep.problem("boilerplate.body_unchecked", why="no raw text: pass raw_texts= or seeds_dir=")
        return
    haystack = T.squash(clean)
    for i, sentence in enumerate(T.body_sentences(raw_text, gold_doc)):
        ok = T.squash(sentence) in haystack
        if not ok and i == 0:
            rest = T.without_dateline(sentence)
            ok = rest is not None and T.squash(rest) in haystack
        kept.add(ok)
        if not ok:
            rep.problem("boilerplate.lost_sentences", sentence=sentence)


# --------------------------------------------------------------------------- metadata


def score_metadata(gold_doc: dict, out: dict, rep: DocReport) -> None:
    total = rep.ratio("metadata.score")

    def check(name: str, ok: bool, expected: Any, got: Any) -> None:
        rep.ratio(f"metadata.{name}").add(ok)
        total.add(ok)
        if not ok:
            rep.problem("metadata.wrong", field=name, expected=expected, got=got)

    def same(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return T.ws(str(a)).casefold() == T.ws(str(b)).casefold()

    if "outlet" in gold_doc:
        check("outlet", same(gold_doc["outlet"], out.get("outlet")), gold_doc["outlet"], out.get("outlet"))
    if "dateline" in gold_doc:
        check("dateline", same(gold_doc["dateline"], out.get("dateline")), gold_doc["dateline"], out.get("dateline"))
    if "published" in gold_doc:
        want, got = gold_doc["published"], out.get("published")
        ok = got is None if want is None else (got is not None and str(got).startswith(str(want)))
        check("published", ok, want, got)
    if gold_doc.get("title"):
        check("title", same(gold_doc["title"], out.get("title")), gold_doc["title"], out.get("title"))


# --------------------------------------------------------------------------- driver


def _raw_text(doc: str, out: dict, raw_texts: dict[str, str] | None, seeds_dir: Path | None) -> str | None:
    if raw_texts and raw_texts.get(doc):
        return raw_texts[doc]
    if out.get("raw_text"):
        return out["raw_text"]
    if seeds_dir is not None:
        path = seeds_dir / f"{doc}.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def score_document(gold_doc: dict, output: Any, *, with_published: bool = False, raw_text: str | None = None) -> DocReport:
    out = _as_dict(output)
    rep = DocReport(doc=gold_doc["doc"], missing_output=output is None)
    if output is None:
        rep.problem("output.missing", why="no output for this document")
    score_events(gold_doc, out, rep)
    score_dates(gold_doc, out, rep, with_published)
    score_entities(gold_doc, out, rep)
    score_quotes(gold_doc, out, rep)
    score_boilerplate(gold_doc, out, rep, raw_text)
    score_metadata(gold_doc, out, rep)
    return rep


def score_documents(
    gold: dict,
    outputs: dict[str, Any],
    *,
    with_published: bool = False,
    raw_texts: dict[str, str] | None = None,
    seeds_dir: str | Path | None = None,
) -> Report:
    """Score `outputs` (gold doc name -> Document or its to_json_dict()) against `gold`.

    Raw text for the body-sentence check comes from `raw_texts`, else the output's own
    `raw_text`, else `<seeds_dir>/<doc>.txt`, where seeds_dir defaults to `../seeds` beside
    the gold file's folder (known when the gold came from `load_gold`).
    """
    if seeds_dir is None and gold.get("_path"):
        seeds_dir = Path(gold["_path"]).parent.parent / "seeds"
    seeds = Path(seeds_dir) if seeds_dir is not None else None

    docs = []
    for gold_doc in gold["documents"]:
        name = gold_doc["doc"]
        output = outputs.get(name)
        raw = _raw_text(name, _as_dict(output), raw_texts, seeds)
        docs.append(score_document(gold_doc, output, with_published=with_published, raw_text=raw))

    overall: dict[str, Ratio] = {}
    for key in METRICS:
        total = Ratio()
        for d in docs:
            total = total + d.scores.get(key, Ratio())
        overall[key] = total
    gold_names = {g["doc"] for g in gold["documents"]}
    report = Report(docs, overall, [], with_published, sorted(set(outputs) - gold_names))
    report.bars = compute_bars(report)
    return report


def _at_least(r: Ratio, threshold: float) -> bool:
    return r.value is not None and r.value >= threshold - 1e-12


def compute_bars(report: Report) -> list[Bar]:
    o = report.overall
    must_not = sum(len(d.problems.get("events.must_not", [])) for d in report.documents)
    speakers = o["quotes.speaker"]
    speakers_needed = math.ceil(speakers.total * 10 / 13)
    core_dates = o["dates.without_published"]
    removed, kept = o["boilerplate.removed"], o["boilerplate.body_kept"]
    unchecked = [d.doc for d in report.documents if not d.body_checked]
    body_note = f"; body not checked for {len(unchecked)} doc(s)" if unchecked else ""
    return [
        Bar("events_recall", "required-event recall >= 0.80", _at_least(o["events.recall"], 0.80), str(o["events.recall"])),
        Bar("events_precision", "event precision (pairs) >= 0.70", _at_least(o["events.precision"], 0.70), str(o["events.precision"])),
        Bar("no_must_not", "no must_not event in the output", must_not == 0, f"{must_not} hit(s)"),
        Bar("dates", "every date not needing the publication date right",
            core_dates.hit == core_dates.total, str(core_dates)),
        Bar("entities", "entity linking >= 0.90", _at_least(o["entities.linked"], 0.90), str(o["entities.linked"])),
        Bar("quotes", f"quotes to the right speaker >= {speakers_needed}/{speakers.total}",
            speakers.hit >= speakers_needed, f"{speakers.hit}/{speakers.total}"),
        Bar("boilerplate", "all boilerplate and metadata lines gone, 0 body sentences lost",
            removed.hit == removed.total and kept.hit == kept.total and not unchecked,
            f"{removed.hit}/{removed.total} removed, {kept.total - kept.hit} lost{body_note}"),
    ]
