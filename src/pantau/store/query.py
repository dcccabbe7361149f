"""What a user types, read once: the search query language (`parse_search`) and what an actor
filter means (`resolve_actor`). The SQL for both is built in `sql.py`; `Store.search`,
`ExploreQueries.articles` and every event query read their input through these two functions,
so the CLI, the API and the pages agree on what a query matches.

Search:  gencatan senjata      both words (stemmed by the index, whole words in a scan)
         "gencatan senjata"    the exact phrase, any case, in the title or the text
         -turki  -"kota Idlib" neither this word nor this phrase

Actor:   RUS, TURMIL, IGO      a CAMEO code: actors whose code starts with it (RUS: RUSGOV, RUSMIL…)
         Q7747, pantau:per/x   an entity id: exactly that entity
         Rusia, Jokowi, Putin  a name: the entity (or country) the knowledge base knows by it,
                               or actors with those whole words in their name — never a substring
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ---------------------------------------------------------------------- search queries

# a quoted phrase (closed or running to the end) or a bare token; either may start with "-"
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*")  # "al-Assad" and "Shi'a" stay one word


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...] = ()        # every one must occur
    phrases: tuple[tuple[str, ...], ...] = ()  # each must occur as is (its words, in order)
    not_words: tuple[str, ...] = ()
    not_phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def terms(self) -> list[str]:
        """The words that must occur, the phrases' words included: what BM25 ranks by."""
        return [*self.words, *(w for p in self.phrases for w in p)]

    @property
    def phrase(self) -> tuple[str, ...] | None:
        """The bare words as one phrase when there are two or more: an article that has them
        side by side ranks above one that has them apart ("exact" in the results)."""
        return self.words if len(self.words) > 1 else None

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.not_words or self.not_phrases)


def parse_search(q: str | None) -> SearchQuery:
    """Words, "quoted phrases", -word and -"phrase" exclusions. Punctuation around words is
    dropped ("Putin," is the word Putin); a phrase of one word is a word."""
    words, phrases, not_words, not_phrases = [], [], [], []
    for m in _TOKEN.finditer(q or ""):
        quoted = m.group(3) is None
        token = m.group(2) if quoted else m.group(3)
        negative = m.group(1) == "-" if quoted else token.startswith("-")
        parts = tuple(_WORD.findall(token[1:] if negative and not quoted else token))
        if not parts:
            continue
        if negative:
            (not_words.append(parts[0]) if len(parts) == 1 else not_phrases.append(parts))
        elif quoted and len(parts) > 1:
            phrases.append(parts)
        else:  # a bare token of several words ("Putin/Erdogan") is several words
            words += parts
    return SearchQuery(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(phrases)),
                       tuple(dict.fromkeys(not_words)), tuple(dict.fromkeys(not_phrases)))


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """An RE2 pattern (DuckDB's regexp_*) for these words side by side as whole words, any case:
    `Putin` finds "Vladimir Putin" and not "Putina"; `rus` finds nothing in "Rusia" or "Mahrus".
    Every character that is not a letter or digit is written as \\x{..}, so no input can be
    regex syntax (or a byte RE2 refuses)."""
    body = r"\s+".join("".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in w) for w in words)
    return rf"(?i)(?:^|[^\p{{L}}\p{{N}}_])(?:{body})(?:[^\p{{L}}\p{{N}}_]|$)"


def python_pattern(words: tuple[str, ...] | list[str]) -> re.Pattern:
    """`words_pattern` for Python's re (snippets): the same whole-word, any-case match."""
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


# ---------------------------------------------------------------------- actor filters

_ENTITY_ID = re.compile(r"Q\d+|[a-z][a-z0-9_-]*:\S+")  # Q159, pantau:per/joko-widodo, geonames:169389
_CODE = re.compile(r"[A-Z]{2,12}")


@dataclass(frozen=True)
class ActorFilter:
    """What an actor/recipient/party value selects. kind: "code" (actors whose CAMEO code starts
    with `code`; a three-letter country code also takes actors of that country), "entity" (the
    entity `entity_ids[0]`), "name" (the entities in `entity_ids`, or actors whose name or entity
    name has `words` as whole words)."""
    input: str
    kind: str
    code: str | None = None
    entity_ids: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    description: str = ""

    def as_json(self) -> dict:
        return {"input": self.input, "kind": self.kind, "code": self.code, "entity_ids": list(self.entity_ids),
                "words": " ".join(self.words) or None, "description": self.description}


def _kb():
    from pantau.kb import KnowledgeBase  # the KB loads once per process (0.4 s), on first use

    return KnowledgeBase.load()


@lru_cache(maxsize=1024)
def resolve_actor(value: str | None) -> ActorFilter | None:
    """What an actor filter value means (None for an empty one); see the module's docstring.

    A value is a code when it is one: upper-case letters that the knowledge base reads as a
    code ("RUS" → Russia, "TURMIL" → Turkey military), or that it does not know as a name
    ("IGO", "ZZZ"); "turmil" in any case once it is a known code of six letters or more (two or
    three lower-case letters are words: "rus", "ia"). Upper-case names the KB knows ("AS", "PBB",
    "TNI", "ISIS") are names. A name that names the thing a code stands for ("Rusia" → Russia
    → RUS, "PBB" → United Nations → IGOUNO) is that code."""
    v = (value or "").strip()
    if not v:
        return None
    if _ENTITY_ID.fullmatch(v):
        entity = _kb().get(v)
        name = f" ({entity.canonical_name})" if entity else ""
        return ActorFilter(v, "entity", entity_ids=(v,), description=f"{v} = entity {v}{name}")
    kb = _kb()
    upper = v.upper()
    if _CODE.fullmatch(v):
        if kb.code_label(v) or not kb.lookup(v):
            return _code_filter(v, v)
    elif len(v) >= 6 and _CODE.fullmatch(upper) and kb.code_label(upper):
        return _code_filter(v, upper)
    hits = kb.lookup(v) if len(v) > 3 or v.isupper() else []  # "as", "ia" are words, not AS
    if hits and hits[0].code and kb.code_label(hits[0].code) == hits[0].canonical_name:
        return _code_filter(v, hits[0].code, named=hits[0].canonical_name)
    words = tuple(v.split())
    said = "“" + " ".join(words) + "”"
    if hits:
        ids = tuple(dict.fromkeys(e.id for e in hits))
        who = ", ".join(f"{e.id} ({e.canonical_name})" for e in hits[:3]) + (", …" if len(hits) > 3 else "")
        text = f"{v} = entity {who}, or an actor named with the word(s) {said} (whole words, any case)"
        return ActorFilter(v, "name", entity_ids=ids, words=words, description=text)
    return ActorFilter(v, "name", words=words,
                       description=f"{v} = an actor named with the word(s) {said} (whole words, any case)")


def _code_filter(value: str, code: str, named: str | None = None) -> ActorFilter:
    kb = _kb()
    label = kb.code_label(code)
    what = f"{code} ({label})" if label else code
    country = label and any(e.type == "LOC" and e.code == e.country == code for e in kb.lookup(label))
    if country:
        text = f"country code {what} and its sectors ({code}GOV, {code}MIL, …)"
    else:
        text = f"actor code {what} and the codes that start with it"
    if named:
        text = f"{named} in the knowledge base = {text}"
    return ActorFilter(value, "code", code=code, description=f"{value} = {text}")


def explain_actor(value: str | None) -> str | None:
    """One line saying what an actor filter matches ("RUS = country code RUS (Russia) and its
    sectors (RUSGOV, RUSMIL, …)"); None for an empty value. For the CLI to print."""
    resolved = resolve_actor(value)
    return resolved.description if resolved else None


def explain_filters(filters: dict) -> dict[str, dict]:
    """What each actor-like filter given resolved to, keyed by its name (API `resolved`)."""
    out = {}
    for name in ("actor", "recipient", "party", "partner"):
        resolved = resolve_actor(filters.get(name))
        if resolved is not None:
            out[name] = resolved.as_json()
    return out
