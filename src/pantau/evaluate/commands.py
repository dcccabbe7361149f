"""`pantau evaluate`: the pipeline against the seeds' gold (the default), and the subcommands that
score one part on its own data: `ner`, `ud`, `participants`, `events`, `time`. Added to the `pantau`
command by `pantau.cli`; the scoring itself lives beside this module (score.py, ner.py, ud.py,
participants.py, events.py, timeml.py)."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.table import Table

console = Console(markup=False, highlight=False)  # data, file names and labels are never markup
err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False)


def fail(message: str) -> NoReturn:
    """A one-line error and exit status 2 (bad arguments or input)."""
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(2)


evaluate_app = typer.Typer(
    help="Score the pipeline against a gold file (`pantau evaluate --gold FILE`), or one part of it: "
         "`pantau evaluate ner FILE --scheme S`, `ud FILE.conllu`, `participants`, "
         "`events --gold ANNOTATIONS.jsonl --articles ARTICLES.jsonl`, `time FILE.tml...`.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
class NerScheme(str, Enum):
    nerp = "nerp"
    nergrit = "nergrit"
    idner = "idner"


def prepared_articles(corpus: Path, ids) -> list:
    """The articles of a JSON Lines corpus whose `id` is in `ids`, cleaned (`pipeline.prepare`)."""
    from pantau.pipeline import prepare

    prepared = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("id") in ids:
                prepared.append(prepare(row["text"], doc_id=row["id"], source=str(corpus)))
    return prepared


@evaluate_app.command("ner")
def evaluate_ner(
    file: Annotated[Path, typer.Argument(help="IOB file as in ../shared/data (NERP/NERGrit token<TAB>tag, idner token POS tag).")],
    scheme: Annotated[NerScheme, typer.Option("--scheme", help="The file's label set; harmonised to PER/ORG/LOC.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[Optional[Path], typer.Option("--model", help="A spaCy model folder instead of the shipped NER.")] = None,
):
    """Precision, recall and F1 of the NER model per label and micro-averaged, on gold tokens."""
    from pantau.evaluate.ner import evaluate_model, read_iob

    if not file.is_file():
        fail(f"no file at {file}")
    try:
        sents = read_iob(file, scheme.value)
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"{file}: {exc}")
    if model is not None:
        from pantau.models import load_path

        nlp = load_path(model)
    else:
        from pantau.models import load_ner

        nlp = load_ner()
    report = {"file": str(file), "scheme": scheme.value, **evaluate_model(nlp, sents)}
    if json_out:
        print(json.dumps(report, indent=2))
        return
    table = Table("label", "precision", "recall", "F1", "gold", "predicted",
                  title=f"pantau evaluate ner: {file.name} ({scheme.value}, {report['sentences']} sentences)")
    for label, r in [*report["labels"].items(), ("micro", report["micro"])]:
        table.add_row(label, f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}", str(r["gold"]), str(r["pred"]))
    console.print(table)


@evaluate_app.command("ud")
def evaluate_ud(
    file: Annotated[Path, typer.Argument(help="CoNLL-U gold file; the model reads only its raw `# text`.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[Optional[Path], typer.Option("--model", help="A spaCy model folder instead of the shipped UD model.")] = None,
    sentences: Annotated[str, typer.Option("--sentences", help="Who splits sentences: parser, or pantau (the pipeline's rules).")] = "parser",
):
    """Tokens, sentences, words, UPOS, lemma, UAS and LAS (F1, CoNLL 2018 style) from raw text."""
    from pantau.evaluate.ud import evaluate_file

    if not file.is_file():
        fail(f"no file at {file}")
    nlp = None
    if model is not None:
        from pantau.models import load_path

        nlp = load_path(model)
    try:
        report = evaluate_file(file, nlp, sentences)
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"{file}: {exc}")
    if report["seen_in_training"]:
        err.print(f"warning: {report['seen_in_training']} of {report['gold_sentences']} sentences of {file} were in "
                  "this model's training data, so these scores overstate it (the shipped UD model learnt from "
                  "the carved dev sets too; `make train` leaves a held-out run in training/output/ud/model-best: "
                  "training/README.md)", markup=False)
    if json_out:
        print(json.dumps(report, indent=2))
        return
    table = Table("metric", "precision", "recall", "F1", title=f"pantau evaluate ud: {file.name} ({report['gold_sentences']} sentences)")
    for key in ("tokens", "sentences", "words", "upos", "lemma", "uas", "las"):
        r = report[key]
        table.add_row(key, f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}")
    console.print(table)


@evaluate_app.command("participants")
def evaluate_participants(
    gold: Annotated[Path, typer.Option("--gold", help="Participants gold (pantau-participants/1).")] = Path("docs/gold/participants-kompas.json"),
    articles: Annotated[Optional[Path], typer.Option("--articles", help="JSONL corpus holding the gold's articles (default: the gold's `articles`, beside the repository).")] = None,
    split: Annotated[str, typer.Option("--split", help="dev, test or all.")] = "dev",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON (misses included).")] = False,
):
    """Actors and recipients of the events coded at each gold trigger: precision, recall and F1
    per role (rules: `pantau.evaluate.participants`)."""
    from pantau.evaluate.participants import load_gold as load_participants, score as score_participants
    from pantau.pipeline import analyze_documents

    if split not in ("dev", "test", "all"):
        fail(f"--split must be dev, test or all, not {split!r}")
    try:
        gold_data = load_participants(gold)
    except (OSError, ValueError) as exc:
        fail(f"{gold}: {exc}")
    corpus = articles or (gold.resolve().parents[2] / gold_data["articles"])
    wanted = {item["article"] for item in gold_data["items"] if split == "all" or item["split"] == split}
    if not corpus.is_file():
        fail(f"no corpus at {corpus} (--articles)")
    prepared = prepared_articles(corpus, wanted)
    documents = {doc.id: doc for doc in analyze_documents(prepared, parse=parse)}
    try:
        report = score_participants(gold_data, documents, split=split).as_dict()
    except KeyError as exc:
        fail(str(exc.args[0]))
    if json_out:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    table = Table("role", "precision", "recall", "F1", "system", "gold",
                  title=f"pantau evaluate participants: {gold.name} ({split}, {report['items']} triggers, "
                        f"parse {'on' if parse else 'off'})")
    for role in ("actor", "recipient", "both"):
        r = report[role]
        table.add_row(role, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", str(r["system"]), str(r["gold"]))
    console.print(table)
    if report["drifted"]:
        err.print(f"warning: {len(report['drifted'])} gold triggers no longer sit at their offsets (the cleaner "
                  f"changed?): {', '.join(report['drifted'])}", markup=False)


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[list[Path], typer.Option("--gold", help=(
        "plover-id annotation files (JSON Lines) or a folder of them; more files may follow "
        "(`--gold annotations/*.jsonl`)."))],
    articles: Annotated[Path, typer.Option("--articles", help="JSONL corpus holding the gold's articles (`id`, `text`).")],
    more_gold: Annotated[Optional[list[Path]], typer.Argument(help="Further gold files.", show_default=False)] = None,
    split: Annotated[str, typer.Option("--split", help="all, or plover-id's dev (article numbers ending in 7) or train.")] = "all",
    coder: Annotated[str, typer.Option("--coder", help="combined (the default), model (learned alone) or rules (hand rules alone).")] = "combined",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON (with the missed gold events).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for the analysis.")] = 1,
):
    """Sentence-level event scores against exhaustive PLOVER annotation: recall and precision of
    actor-recipient pairs with the right type and countries, and recall of the type alone, of type +
    actor and of whole codes, per type (rules: `pantau.evaluate.events`)."""
    from pantau import assembly
    from pantau.evaluate.events import is_dev, load_gold as load_events, score as score_events
    from pantau.events.component import MODES
    from pantau.pipeline import analyze_documents

    if split not in ("all", "dev", "train"):
        fail(f"--split must be all, dev or train, not {split!r}")
    if coder not in MODES:
        fail(f"--coder must be one of {', '.join(MODES)}, not {coder!r}")
    gold = [f for p in [*gold, *(more_gold or [])] for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    for path in [*gold, articles]:
        if not path.is_file():
            fail(f"no file at {path}")
    try:
        golds = load_events(gold)
    except (ValueError, KeyError) as exc:
        fail(str(exc))
    if split != "all":
        golds = {a: g for a, g in golds.items() if is_dev(a) == (split == "dev")}
    prepared = prepared_articles(articles, golds)
    missing = sorted(set(golds) - {d.id for d in prepared})
    if missing:
        fail(f"{len(missing)} gold articles are not in {articles}: {', '.join(missing[:5])}")
    component = assembly.load(parse).get_pipe("pantau_events")
    if component.combiner is None and coder != "rules":
        err.print("warning: no trained event models in the package (run `make train`): the rules code alone",
                  markup=False)
    before, component.mode = component.mode, coder
    try:
        documents = {d.id: d for d in analyze_documents(prepared, parse=parse, n_process=jobs)}
    finally:
        component.mode = before
    report = score_events(golds, documents).as_dict(misses=json_out)
    if json_out:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    table = Table("measure", "value", title=f"pantau evaluate events: {report['articles']} articles, "
                  f"{report['gold_events']} gold events ({split}, coder {coder}, parse {'on' if parse else 'off'})")
    for key in ("recall", "precision", "f1", "recall_type_in_sentence", "recall_type_actor", "recall_whole_codes",
                "modality_accuracy_of_found", "system_events", "system_pairs", "unplaced_gold"):
        table.add_row(key, str(report[key]))
    console.print(table)
    per_type = Table("type", "gold", "found", "recall", "system pairs", "precision")
    for t, r in report["per_type"].items():
        per_type.add_row(t, str(r["gold"]), str(r["found"]), "" if r["recall"] is None else f"{r['recall']:.3f}",
                         str(r["system_pairs"]), "" if r["precision"] is None else f"{r['precision']:.3f}")
    console.print(per_type)


@evaluate_app.command("time")
def evaluate_time(
    files: Annotated[list[Path], typer.Argument(help="TimeML gold files (TIMEX3 inline, DCT in <DCT>), or folders of *.tml.")],
    dct: Annotated[bool, typer.Option("--dct/--no-dct", help="Give each file's DCT as the publication date (the default), or run without it.")] = True,
    today: Annotated[Optional[str], typer.Option("--today", help="The day taken as today (YYYY-MM-DD) for undated articles; default: today.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON (with each file's misses, false hits and wrong values).")] = False,
):
    """TIMEX3 extent precision/recall/F1 (strict and relaxed overlap), value and type accuracy on
    the found expressions, per type (rules: `pantau.evaluate.timeml`)."""
    import datetime as dt

    from pantau.evaluate.timeml import GROUPS, evaluate_files

    paths = [f for p in files for f in (sorted(p.glob("*.tml")) if p.is_dir() else [p])]
    if not paths:
        fail("no .tml files given")
    for path in paths:
        if not path.is_file():
            fail(f"no file at {path}")
    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        fail(f"--today must be YYYY-MM-DD, not {today!r}")
    try:
        report = evaluate_files(paths, with_dct=dct, today=day)
    except (ValueError, SyntaxError) as exc:  # ElementTree's ParseError is a SyntaxError
        fail(str(exc))
    if json_out:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return

    def num(x) -> str:
        return "" if x is None else f"{x:.2f}"

    # strict = same span, relaxed = overlapping span; value/day/type: accuracy on the relaxed pairs
    table = Table("type", "gold", "sys", "sP", "sR", "sF1", "rP", "rR", "rF1", "value", "day", "type",
                  title=f"pantau evaluate time: {report['files']} files, "
                        f"{'with' if dct else 'without'} the DCT as publication date (today {report['today']})")
    for group in GROUPS:
        r = report["overall"][group]
        table.add_row(group, str(r["gold"]), str(r["system"]), num(r["strict"]["precision"]), num(r["strict"]["recall"]),
                      num(r["strict"]["f1"]), num(r["relaxed"]["precision"]), num(r["relaxed"]["recall"]),
                      num(r["relaxed"]["f1"]), num(r["value_accuracy"]), num(r["value_accuracy_day"]),
                      num(r["type_accuracy"]))
    console.print(table)
    console.print("s = strict (same span), r = relaxed (overlap); value / day / type: accuracy on the relaxed "
                  "pairs (day: the value up to the day)")


@evaluate_app.callback(invoke_without_command=True)
def evaluate(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="Gold file (pantau-gold/1).")] = Path("../shared/gold/seeds.json"),
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Folder of the gold's articles (default: ../seeds beside the gold).")] = None,
    with_published: Annotated[bool, typer.Option("--with-published", help="Supply each gold document's published_if_given.")] = False,
    markdown: Annotated[Optional[Path], typer.Option("--markdown", help="Also write the report as Markdown here.")] = None,
    json_report: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here.")] = None,
    problems: Annotated[bool, typer.Option("--problems/--no-problems", help="List misses and false positives.")] = True,
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
):
    """Score the pipeline against a gold file (rules: ../shared/gold/README.md).
    Subcommands `ner` and `ud` score the trained models instead."""
    if ctx.invoked_subcommand is not None:
        return
    from pantau.evaluate import load_gold, render_markdown, render_problems, render_table, report_to_json, score_documents
    from pantau.pipeline import analyze_documents, prepare

    gold_data = load_gold(gold)
    seeds_dir = seeds or gold.parent.parent / "seeds"
    prepared = []
    for gdoc in gold_data["documents"]:
        path = seeds_dir / f"{gdoc['doc']}.txt"
        if not path.exists():
            fail(f"no article for gold document {gdoc['doc']} at {path}")
        published = gdoc.get("published_if_given") if with_published else None
        prepared.append(prepare(path.read_text(encoding="utf-8"), published=published, source=str(path),
                                doc_id=gdoc["doc"]))

    def failed(document, stage, exc):
        err.print(f"failed: {document.source}: {stage} failed: {exc}", markup=False, highlight=False)

    # keyed by id, not by position: an article that fails must not shift the others
    outputs = {doc.id: doc for doc in analyze_documents(prepared, on_error=failed, parse=parse)}
    report = score_documents(gold_data, outputs, with_published=with_published)
    console.print(render_table(report))
    if problems:
        console.print(render_problems(report), markup=False, highlight=False)
    command = "pantau evaluate --gold " + str(gold) + (" --with-published" if with_published else "") + (
        "" if parse else " --no-parse")
    if markdown:
        markdown.write_text(render_markdown(report, command=command), encoding="utf-8")
    if json_report:
        json_report.write_text(json.dumps(report_to_json(report), indent=2, ensure_ascii=False), encoding="utf-8")
