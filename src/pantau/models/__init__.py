"""The trained Indonesian models that ship inside the package (issue 3); nothing downloads.

    from pantau.models import load_ner, load_ud, annotate
    ner = load_ner()                       # spaCy Language: ["ner"] → doc.ents PER / ORG / LOC
    ud = load_ud()                         # ["tok2vec", "morphologizer", "trainable_lemmatizer", "parser"]
    doc = ud(ner("Menteri Luar Negeri Retno Marsudi bertemu Sergey Lavrov di Moskwa."))

On a Doc made by pantau's own pipeline (`pantau.assembly.load()`: spacy.blank("id") + custom
components), load the models with that pipeline's vocab and run their components on the Doc in
place; sentence boundaries already set on the Doc (pantau_sentences) are respected by the parser:

    nlp = pantau.assembly.load()
    ner, ud = load_ner(nlp.vocab), load_ud(nlp.vocab)    # cached per vocab
    annotate(doc, ud, ner)                 # token.pos_, .morph, .lemma_, .dep_, .head; doc.ents

or add them to a pipeline: `nlp.add_pipe("ner", source=load_ner())` (self-contained: its CNN sits
inside the component); for the UD model source "tok2vec" first, then the three components that listen
to it, e.g. `for name in UD_COMPONENTS: nlp.add_pipe(name, source=ud, before="pantau_time")`.

Notes for users of the annotations:
- the NER model's `doc.ents` *replace* existing ents when run via `annotate` (spaCy's ner sets them);
  run it on a Doc whose ents you do not need, or read `doc.ents` before.
- UD Indonesian splits clitics ("mengatakannya" = "mengatakan" + "nya"); pantau keeps one token and
  the morphologizer adds `Clitic=<form>_<UPOS>_<deprel>` to its morphology, e.g.
  `token.morph.get("Clitic") == ["nya_PRON_obj"]`: the token's object is the clitic pronoun;
  `clitic(token)` reads it as (form, upos, deprel).
- the token's head and relation are those of the host word ("mengatakan").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

MODELS_DIR = Path(__file__).resolve().parent
NER_PATH = MODELS_DIR / "ner"
UD_PATH = MODELS_DIR / "ud"
UD_COMPONENTS = ("tok2vec", "morphologizer", "trainable_lemmatizer", "parser")

__all__ = ["MODELS_DIR", "NER_PATH", "UD_PATH", "UD_COMPONENTS", "annotate", "available", "clitic", "load_ner",
           "load_ud"]


def available() -> dict[str, bool]:
    """Which model folders are present in the installed package."""
    return {"ner": (NER_PATH / "config.cfg").is_file(), "ud": (UD_PATH / "config.cfg").is_file()}


@lru_cache(maxsize=None)
def _load(path: str, vocab):
    import spacy

    from . import gazetteer  # noqa: F401  (registers the NER's embedding layer before loading)

    from pantau.nlp import tokenizer_for

    p = Path(path)
    if not (p / "config.cfg").is_file():
        raise FileNotFoundError(f"no trained model at {p} (rebuild with `make train`)")
    # The saved tokenizer is not read: built from the config and then from disk, spaCy's
    # Indonesian tokenizer took 4 of the model's 5 seconds of loading. The model gets pantau's
    # tokenizer instead, the analysis pipeline's own when it shares its vocab (the same rules the
    # models were trained and are evaluated with). spacy.load adds the model's strings to a given
    # vocab (it does not reset it).
    nlp = spacy.load(p, vocab=vocab if vocab is not None else True, exclude=["tokenizer"],
                     config={"nlp": {"tokenizer": {"@tokenizers": "pantau.PlaceholderTokenizer.v1"}}})
    nlp.tokenizer = tokenizer_for(nlp.vocab)
    return nlp


def load_path(path: str | Path, vocab=None):
    """A model folder trained by training/train.py (or a `spacy train` run of its configs)
    elsewhere than the package, e.g. for `pantau evaluate ner|ud --model`: pantau's own
    architectures are registered first, which a bare `spacy.load` would not do. Cached per
    folder and vocab: `load_path.cache_clear()` after a folder is rewritten."""
    return _load(str(path), vocab)


load_path.cache_clear = _load.cache_clear


def load_ner(vocab=None):
    """The NER model (spaCy Language, pipeline ["ner"], labels PER / ORG / LOC).

    `vocab`: share a pipeline's Vocab (e.g. `pantau.assembly.load().vocab`) to run the model on that
    pipeline's Docs; None gives the model its own. Cached per vocab; loads offline from the package."""
    return _load(str(NER_PATH), vocab)


def load_ud(vocab=None):
    """The UD model (spaCy Language, pipeline tok2vec → morphologizer (UPOS + features) →
    trainable_lemmatizer → parser (UD relations, "ROOT" for the root)). `vocab` as for load_ner."""
    return _load(str(UD_PATH), vocab)


def annotate(doc, *models):
    """Run every component of each model (not their tokenizers) on `doc` in place; returns doc.

    The models must share `doc.vocab` (load them with `load_ner(doc.vocab)` / `load_ud(doc.vocab)`):
    their labels and morphological features are interned in that vocab's StringStore."""
    for model in models:
        if model.vocab is not doc.vocab:
            raise ValueError("the model does not share the Doc's vocab: load it with load_ner(doc.vocab) / "
                             "load_ud(doc.vocab)")
        for _, proc in model.pipeline:
            doc = proc(doc)
    return doc


def clitic(token) -> Optional[tuple[str, str, str]]:
    """(form, UPOS, deprel) of the clitic the UD model found on `token` ("nya", "PRON", "obj"), or None."""
    values = token.morph.get("Clitic")
    if not values:
        return None
    form, _, rest = values[0].partition("_")
    upos, _, deprel = rest.partition("_")
    return (form, upos, deprel) if form and upos and deprel else None
