"""Whether the clause of a trigger names a subject the rules can read. Where the sentence names a
subject that no mention covers ("4.224 orang melanggar aturan", "aplikasi … yang telah
berkolaborasi dengan …"), no participant further back may stand in for it, and the speaker may not
either; where the subject is left out ("Meminta masyarakat ...", "..., bahwa menyepakati ..."),
the speaker's side may.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.events.rules.tokens import Hit, index_before, past_adverbs, word_before
from pantau.events.rules.words import (ADVERBS, BEFORE_OTHERS_POLICY, CONDITIONS, NEGATION, NO_SUBJECT,
                                       NOT_A_SUBJECT, NUMBER_WORDS, NYA_ADVERBS, POLICY_NOUNS, PRONOUNS, SUPPORTING,
                                       TITLE_GAP_WORDS, VERB_FORM)


def subject_omitted(doc: Doc, hit: Hit) -> bool:
    """The verb has no subject of its own before it ("Meminta masyarakat ...", "..., bahwa
    menyepakati ..."): only then may the speaker's side be its actor, not where the sentence
    names one the coder could not read ("petugas keamanan juga berbicara", "Pihak puskesmas
    bersedia")."""
    w = word_before(doc, hit)
    return w is None or w in NO_SUBJECT


def not_blamed(doc: Doc, hit: Hit, tok_mention) -> bool:
    """A blame verb in a statement accuses no one the coder can name when it is negated
    ("pemerintah tidak mengabaikan kesehatan") or a condition ("Sanksi … perlu disusun apabila
    paslon atau parpol melanggar aturan"), in a relative clause ("rumah makan yang masih
    melanggar protokol") or after a subject it cannot read ("4.224 orang melanggar aturan"): the
    left-group search would pass over the real subject to a party further back."""
    if any(t.lower_ in NEGATION for t in doc[max(hit.sent_start, hit.start - 3): hit.start]):
        return True
    if any(t.lower_ in CONDITIONS for t in doc[max(hit.sent_start, hit.start - 6): hit.start]):
        return True
    j = index_before(doc, hit)
    return j is not None and tok_mention.get(j) is None and (doc[j].lower_ == "yang" or unread_subject(doc[j]))


def possessed_subject(doc: Doc, hit: Hit, tok_mention) -> bool:
    """The passive verb's subject is someone's, named by "-nya" and read by no mention: "Rina (40)
    tidak menyangka anaknya ditangkap" is her son's arrest, not hers."""
    k = index_before(doc, hit)
    if k is None or tok_mention.get(k) is not None:
        return False
    w = doc[k].lower_
    return w.endswith("nya") and len(w) > 5 and doc[k].is_alpha and w not in NYA_ADVERBS and w[:-3] not in ADVERBS


def comma_before_unread_subject(doc: Doc, hit: Hit) -> int | None:
    """The token index of the nearest comma before the trigger if a subject the coder cannot
    read follows it."""
    for k in range(hit.start - 1, hit.sent_start - 1, -1):
        if doc[k].text == ",":
            return k if k + 1 < hit.start and unread_subject(doc[k + 1]) else None
    return None


def unread_subject(tok) -> bool:
    """Right after a comma, before the verb, stands a subject the coder has no mention for
    ("..., pengurus RW akan meminta"): the clause starts with a lowercase word that is neither an
    adverb, a time word, a relative, a conjunction, a preposition nor a verb ("..., kemarin,
    meminta", "..., acap kali menemui", "..., sebagai penjamin ..., membela" do not count)."""
    if tok.like_num and not tok.is_alpha:  # "..., 1,7 juta orang meninggalkan Ibu Kota"
        k = tok.i + 1
        while k < len(tok.doc) and tok.doc[k].lower_ in NUMBER_WORDS:
            k += 1
        return k < len(tok.doc) and tok.doc[k].is_alpha and unread_subject(tok.doc[k])  # (no recursion on numbers)
    return (tok.is_alpha and tok.text.islower() and tok.lower_ not in ADVERBS and tok.lower_ not in NOT_A_SUBJECT
            and not VERB_FORM.match(tok.lower_) and tok.lower_ not in TITLE_GAP_WORDS)


def after_support_verb(doc: Doc, hit: Hit) -> bool:
    """An event noun that is the object of a support verb, active or passive ("melakukan
    pemeriksaan", "harus dicapai kesepakatan")."""
    return word_before(doc, hit) in SUPPORTING


def in_unread_relative(doc: Doc, pos: int, floor: int, tok_mention) -> bool:
    """Token `pos` opens a relative clause ("… yang [sudah] menggelar") whose subject, the noun
    before "yang", no mention covers: a thing or a group we cannot read ("aplikasi teknologi yang
    telah berkolaborasi dengan pemerintah"). Not after a comma or a bracket, where the head lies
    further back, nor after a pronoun."""
    j = past_adverbs(doc, pos - 1, floor)
    if j < floor or doc[j].lower_ != "yang":
        return False
    k = j - 1
    return k >= floor and tok_mention.get(k) is None and doc[k].lower_ not in PRONOUNS and doc[k].text not in (",", ")")


def subject_unread(doc: Doc, pos: int, floor: int, tok_mention) -> bool:
    """The verb at `pos` has a subject the sentence does not name: a relative clause's noun no
    mention covers, or the maker of a policy whose content the verb states."""
    return in_unread_relative(doc, pos, floor, tok_mention) or _says_content_of_noun(doc, pos, floor)


def _says_content_of_noun(doc: Doc, pos: int, floor: int) -> bool:
    """The verb at `pos` states the content of a policy that the clause's subject only reacts to
    or is told of: its doer is whoever made the policy ("Sejumlah pemerintah daerah mendukung
    kebijakan melarang mudik"; not "Presiden mengeluarkan instruksi melarang mudik")."""
    j = past_adverbs(doc, pos - 1, floor)
    return (j - 1 >= floor and doc[j].lower_ in POLICY_NOUNS and VERB_FORM.match(doc[pos].lower_) is not None
            and doc[j - 1].lower_ in BEFORE_OTHERS_POLICY)
