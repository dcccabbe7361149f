"""The learned participant codes: which CAMEO code a participant takes in this article.

The knowledge base knows states, foreign bodies and many Indonesian ones; it does not know most
people a Kompas story names ("Nurhadi", "Kapolres Ade Ary Syam"), pronouns ("kami", "pihaknya"),
or places standing for their government ("Surabaya" closes its malls). A linear model over
`features.code_features` (the KB's code and sector, the mention's words, the title or body
before it, the article's home country) chooses one of:
- `=KB`: the entities stage's own code (a foreign minister, a state);
- `HOME:SEC`: the article's home country with sector SEC (`HOME:COP` → IDNCOP at home);
- `CODE:XXX…`: a code seen often enough in training (a few foreign ones).
`=KB` is ruled out for a mention without a code. Trained on the gold codes of the annotated
participants whose text the entities stage found (`training/train_events.py`).
"""

from __future__ import annotations

from pantau.events import features
from pantau.events.coding import SECTORS, actor_of
from pantau.events.linear import LinearModel
from pantau.model import Actor, Mention

KEEP = "=KB"


def label_of(gold_code: str, mention: Mention, home: str | None) -> str | None:
    """The class a gold code is for this mention (None: a code the model cannot give)."""
    if gold_code == mention.code:
        return KEEP
    if home and gold_code.startswith(home) and (len(gold_code) == 3 or gold_code[3:6] in SECTORS):
        return "HOME:" + gold_code[3:6]
    return "CODE:" + gold_code


class CodeModel:
    def __init__(self, model: LinearModel):
        self.model = model
        self.keep = model.classes.index(KEEP) if KEEP in model.classes else None

    def actors(self, view: features.ArticleView, ks: list[int]) -> dict[int, Actor]:
        """The actor record of each mention `k` (an index into the view's mentions) as a
        participant, its code chosen by the model; one batch."""
        ks = sorted(set(ks))
        out = {}
        for k, p in zip(ks, self.model.proba([features.code_features(view, k) for k in ks])):
            m = view.mentions[k]
            if self.keep is not None and not m.code:
                p[self.keep] = -1.0
            label = self.model.classes[int(p.argmax())]
            out[k] = actor_of(m) if label == KEEP else actor_for(label, view.home, m.text, m.entity_id)
        return out


def actor_for(label: str, home: str | None, text: str, entity_id: str | None = None) -> Actor:
    """The actor record of a code class (`HOME:SEC` or `CODE:XXX…`)."""
    code = (home or "IDN") + label[5:] if label.startswith("HOME:") else label[5:]
    sector = code[3:6] if len(code) >= 6 and code[3:6] in SECTORS else None
    country = code[:3] if not code.startswith("IGO") and code[:3] not in SECTORS else None
    return Actor(code=code, country=country, sector=sector, entity_id=entity_id, text=text)
