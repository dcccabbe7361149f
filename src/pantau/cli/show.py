"""`pantau show DOC`: one article with its entities, dates and quotes marked, then its events
and quotes. Everything is printed as Rich Text objects: article text is never read as markup."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from pantau.cli.common import DEFAULT_DB, DbOption, fail, open_store
from pantau.cli.output import out_console, stdout_is_terminal
from pantau.model import event_date_inferred

MENTION_STYLES = {"PER": "bold cyan underline", "ORG": "bold magenta underline",
                  "GPE": "bold green underline", "LOC": "bold yellow underline"}
TIME_STYLE = "black on bright_yellow"
INFERRED_TIME_STYLE = "yellow underline"  # a date whose year was inferred, not stated
QUOTE_STYLE = "italic"


def show(
    doc: Annotated[str, typer.Argument(help="Document id or unique prefix.")],
    db: DbOption = DEFAULT_DB,
    plain: Annotated[bool, typer.Option("--plain", help="No colour: mark spans inline as \\[text|TYPE] and <date|VALUE>.")] = False,
):
    """One article: the clean text with entities, dates and quotes marked, then its events and quotes."""
    with open_store(db) as st:
        try:
            d = st.document(doc)
        except LookupError as exc:  # an ambiguous prefix
            fail(str(exc), 1)
    if d is None:
        fail(f"no document {doc!r}", 1)
    # --plain: no styles at all; in a file or a pipe, lines are not broken at 80 columns
    out = Console(color_system=None, markup=False, highlight=False, emoji=False, soft_wrap=True) if plain \
        else out_console()
    if not stdout_is_terminal():
        out.soft_wrap = True

    meta = " · ".join(x for x in (d.outlet, d.published, d.dateline, d.url or d.source) if x)
    out.print(Text(d.title or "(untitled)", style="bold"))
    out.print(Text(f"{d.id}  {meta}", style="dim"))
    out.print()
    out.print(plain_marked(d) if plain else styled(d))
    if not plain:
        legend = Text("  ")
        for label, style in (*MENTION_STYLES.items(), ("date", TIME_STYLE), ("inferred date", INFERRED_TIME_STYLE),
                             ("quote", QUOTE_STYLE)):
            legend.append(label, style=style).append("  ")
        out.print(legend)

    sents = {s.index: s.text for s in d.sentences}
    out.print()
    out.print(Text(f"Events ({len(d.events)})", style="bold"))
    for e in d.events:
        who = ", ".join(a.code or a.text for a in e.actors) or "?"
        whom = ", ".join(a.code or a.text for a in e.recipients)
        date = (e.date or "undated") + (" (inferred)" if event_date_inferred(d, e) else "")
        line = Text(f"  {date:<12} ")
        line.append(e.event_type, style="" if plain else "bold red")
        line.append(f" {who}" + (f" → {whom}" if whom else ""))
        extra = [x for x in (e.cameo_code and f"CAMEO {e.cameo_code}", e.modality != "asserted" and e.modality,
                             e.location and e.location.name, e.reported_by and "via " + " / ".join(e.reported_by)) if x]
        if extra:
            line.append("  [" + "; ".join(extra) + "]", style="dim")
        out.print(line)
        out.print(Text(f"      “{e.evidence.text or sents.get(e.evidence.sentence, '')}”", style="dim"))
    out.print()
    out.print(Text(f"Quotes ({len(d.quotes)})", style="bold"))
    for q in d.quotes:
        out.print(Text(f"  {q.speaker_name or q.speaker_text or '?'} ({q.kind}, {q.cue or '-'}): “{q.text}”"))
        if q.sentence is not None and q.sentence in sents:
            out.print(Text(f"      {sents[q.sentence]}", style="dim"))


def styled(d) -> Text:
    text = Text(d.clean_text)
    for q in d.quotes:
        text.stylize(QUOTE_STYLE, q.start, q.end)
    for m in d.mentions:
        text.stylize(MENTION_STYLES.get(m.type, "underline"), m.start, m.end)
    for t in d.time_values:  # an inferred year is marked apart from stated dates
        text.stylize(INFERRED_TIME_STYLE if t.inferred else TIME_STYLE, t.start, t.end)
    return text


def plain_marked(d) -> Text:
    """Inline markers for no-colour output: [Akar|PER:Q6081347] and <Senin (2/2)|2023-02-02>."""
    marks: list[tuple[int, int, str]] = []  # (offset, order, marker): closers sort before openers
    for m in d.mentions:
        label = m.type + (f":{m.entity_id}" if m.entity_id else "")
        marks += [(m.start, 1, "["), (m.end, 0, f"|{label}]")]
    for t in d.time_values:  # an inferred year: <Senin (25/5)|2020-05-25 inferred>
        marks += [(t.start, 1, "<"), (t.end, 0, f"|{t.value or '?'}{' inferred' if t.inferred else ''}>")]
    out, pos = [], 0
    for offset, _, marker in sorted(marks):
        out.append(d.clean_text[pos:offset])
        out.append(marker)
        pos = offset
    out.append(d.clean_text[pos:])
    return Text("".join(out))
