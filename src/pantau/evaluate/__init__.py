"""Scoring pantau output against gold files (rules: shared/gold/README.md).

    gold = load_gold("../shared/gold/seeds.json")
    report = score_documents(gold, {"000_ff502aa6677bc519": document, ...})
    rich.print(render_table(report)); print(render_problems(report))
    Path("docs/EVALUATION.md").write_text(render_markdown(report, command="pantau evaluate ..."))
"""

from .render import render_markdown, render_problems, render_table, render_text, report_to_json
from .score import (
    DECISIONS,
    METRICS,
    Bar,
    DocReport,
    Ratio,
    Report,
    expand_pairs,
    load_gold,
    outputs_by_stem,
    score_document,
    score_documents,
)
from .text import body_sentences, body_text

__all__ = [
    "DECISIONS", "METRICS", "Bar", "DocReport", "Ratio", "Report",
    "body_sentences", "body_text", "expand_pairs", "load_gold", "outputs_by_stem",
    "render_markdown", "render_problems", "render_table", "render_text", "report_to_json",
    "score_document", "score_documents",
]
