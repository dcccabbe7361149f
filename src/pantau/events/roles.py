"""The learned participant roles: for a trigger, which mentions of its sentence act and which
are acted upon.

A linear model scores each (trigger, mention) pair as actor, recipient or none from the features
of `features.role_features` (side, distance, voice, the words between and before, the mention's
type and sector, the rules' reading). A mention takes a role when that role is its likeliest and
its probability reaches `threshold`; coordinated participants ("Rusia dan Turki") can all take
it. With none above the threshold, the likeliest candidate still takes the role when its
probability reaches `fallback`. The codes are the entities stage's, never the model's.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.events import features
from pantau.events.linear import LinearModel
from pantau.model import Event, Mention


@dataclass
class Role:
    index: int  # in the view's mentions
    mention: Mention
    probability: float


class RoleModel:
    def __init__(self, model: LinearModel, threshold: float = 0.5, fallback: float = 0.3):
        self.model = model
        self.threshold = threshold
        self.fallback = fallback

    def assign(self, view: features.ArticleView,
               items: list[tuple[tuple[int, int], str, Event | None]]) -> list[tuple[list[Role], list[Role]]]:
        """(actors, recipients) for each (trigger span, type, rule event on it) of an article, scored
        in one batch."""
        owners, rows, cands = [], [], []
        for n, (trig, etype, rule_event) in enumerate(items):
            for k in features.candidates(view, view.sent_of[trig[0]]):
                if not (trig[0] <= view.mention_tokens(view.mentions[k])[0] < trig[1]):  # not the trigger's words
                    owners.append(n)
                    cands.append(k)
                    rows.append(features.role_features(view, trig, etype, k, rule_event))
        probs = self.model.proba(rows)
        by_item: list[list[int]] = [[] for _ in items]
        for j, n in enumerate(owners):
            by_item[n].append(j)
        return [self._decode(view, [cands[j] for j in js], probs[js]) if js else ([], []) for js in by_item]

    def _decode(self, view: features.ArticleView, ks: list[int], probs) -> tuple[list[Role], list[Role]]:
        out = []
        for role in ("actor", "recipient"):
            c = self.model.classes.index(role)
            chosen = [Role(k, view.mentions[k], float(probs[j, c])) for j, k in enumerate(ks)
                      if probs[j].argmax() == c and probs[j, c] >= self.threshold]
            if not chosen:
                j = int(probs[:, c].argmax())
                if probs[j, c] >= self.fallback:
                    chosen = [Role(ks[j], view.mentions[ks[j]], float(probs[j, c]))]
            out.append(chosen)
        actors, recipients = out
        taken = {id(r.mention) for r in actors}
        # one mention, one role: the likelier one
        recipients = [r for r in recipients if id(r.mention) not in taken or
                      r.probability > next(a.probability for a in actors if a.mention is r.mention)]
        actors = [a for a in actors if all(a.mention is not r.mention for r in recipients)]
        return actors, recipients


class ImplicitModel:
    """The participant no mention names: for one side of an event, whether it is empty, named by
    a mention (then the role model decides), or someone unnamed of a given code ("Meminta
    masyarakat tetap di rumah": the speaker's side; "melarang … berjualan": traders, IDNCVL). A
    linear model over `features.implicit_features`, one per side.

    With `backoff`, a side the model reads as named by a mention also gets its likeliest code
    class: the combiner uses it only where the role model gave that side no mention. The side is
    then coded at the level the model knows ("someone of the government") rather than left empty
    (what that does on dev, sides filled and sides the gold leaves empty: docs/EVALUATION.md)."""

    CODE_LABELS_EXCLUDE = ("EMPTY", "MENTION")

    def __init__(self, actor: LinearModel, recipient: LinearModel, threshold: float = 0.5, backoff: bool = False):
        self.models = {"actor": actor, "recipient": recipient}
        self.threshold = threshold
        self.backoff = backoff

    def code_classes(self, side: str, view: features.ArticleView,
                     items: list[tuple[tuple[int, int], str]]) -> list[str | None]:
        """For each (trigger span, type): a code class (`HOME:SEC`, `CODE:…`) when the model expects
        an unnamed participant on this side (or, with `backoff`, a named one), else None."""
        model = self.models[side]
        codes = [j for j, c in enumerate(model.classes) if c not in self.CODE_LABELS_EXCLUDE]
        out: list[str | None] = []
        for p in model.proba([features.implicit_features(view, trig, etype) for trig, etype in items]):
            k = int(p.argmax())
            label = model.classes[k]
            if label == "MENTION" and self.backoff and codes:
                out.append(model.classes[max(codes, key=lambda j: p[j])])
            else:
                out.append(None if label in self.CODE_LABELS_EXCLUDE or p[k] < self.threshold else label)
        return out
