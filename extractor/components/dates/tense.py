"""Hints from the parse for the normalizer: the tense of the governing verb and the reporting grain."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from extractor.normalize.timex import Tense


_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "might", "may"})
#: Modals that speak of the future only with a deadline ("could double by December"); alone they
#: are as often past ability ("could not attend on Monday").
_DEADLINE_MODALS = frozenset({"could", "can", "should", "must", "ought"})
_DEADLINE_PREPS = frozenset({"by", "until", "till", "before"})
#: Verbs of arranging: their object happens later ("planned a rally on Saturday").
_PLAN_VERBS = frozenset({"plan", "plans", "planned", "planning", "schedule", "schedules", "scheduled", "expect",
                         "expects", "expected", "intend", "intends", "intended", "due", "set", "slated", "postpone",
                         "postponed", "postpones", "delay", "delayed", "adjourn", "adjourned", "resume", "resumes",
                         "going", "aim", "aims", "hope", "hopes", "prepare", "prepares", "preparing", "likely"})
_REPORTING_VERBS = frozenset({"say", "says", "tell", "tells", "report", "reports", "announce", "announces"})


def _governing_verb(span: Span) -> Any:
    """The verb the expression depends on (climbing from the span's root), or None."""
    verb = span.root
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def governing_tense(span: Span) -> Tense:
    """Tense of the verb the expression hangs on: decides whether "Thursday" is last or next Thursday.

    Future: a will/would/may auxiliary (on the verb or the verb it complements), a verb of
    arranging ("planned a rally Saturday", "is scheduled to meet Tuesday"), a present progressive
    or a plain present that is not a reporting verb ("meet Monday"). Past: a past tense, a perfect.
    """
    verb = _governing_verb(span)
    if span.root.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        # "Thursday's closing price": a possessive names something that happened, unless a will
        # or shall verb says it is ahead ("the ad will air during Sunday's final")
        will = verb is not None and any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children)
        return "future" if will else "past"
    if verb is None:
        return None
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & {"had", "have", "'ve"}:
        return "past"  # past perfect, or a modal perfect ("may have been")
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod") and not aux_words:
        return "past"  # reduced relative: "the terms, announced Friday, ..."
    if aux_words & _DEADLINE_MODALS and span.root.head.lower_ in _DEADLINE_PREPS:
        return "future"
    # A non-finite verb takes its time from the verb it completes ("plans to meet Tuesday"); a
    # finite past one keeps its own ("The Post reported on Monday [that] ... he will get ...").
    chain = [verb, verb.head] if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj") and verb.tag_ != "VBD" else [verb]
    if len(chain) > 1 and verb.tag_ == "VB" and "to" in aux_words and _past_perfect(verb.head):
        # an infinitive under a past perfect arrangement ("had been scheduled to expire at midnight
        # Friday", "had been due to expire Friday evening") tells of a time already past when the
        # story is told; a modal's own verb keeps its time ("had feared ... might lead to gains in
        # November")
        return "past"
    for v in chain:
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in v.children):
            return "future"
        if v.lower_ in _PLAN_VERBS:
            return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        return "past" if verb.head.tag_ == "VBD" else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and aux_words & {"has", "'s"}:
        return "past"
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "'s", "'re", "am"}:
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and verb.lower_ not in _REPORTING_VERBS and verb.pos_ == "VERB":
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def _past_perfect(verb: Any) -> bool:
    """``verb``, or the verb its adjective or complement hangs on ("had been due"), has a "had"."""
    heads = [verb, verb.head] if verb.dep_ in ("acomp", "attr", "xcomp") else [verb]
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for v in heads for c in v.children)


QUARTER_WORDS = frozenset({"quarter", "quarters", "quarterly", "third-quarter", "second-quarter", "first-quarter",
                            "fourth-quarter"})
_RESULTS_WORDS = frozenset({"net", "profit", "profits", "sales", "revenue", "revenues", "earnings", "earned", "income",
                            "loss", "losses", "cents", "share"})


def reporting_grain(span: Span, doc_reports_quarters: bool = False) -> str | None:
    """"quarter" when the sentence reports quarterly results: "a year earlier" is then a quarter.

    In an earnings story (the document talks about quarters) a sentence with results vocabulary
    ("net", "revenue", "cents a share") compares with the same quarter of the previous year.
    """
    sent = span.sent if span.doc.has_annotation("SENT_START") else span
    words = {t.lower_ for t in sent}
    if words & QUARTER_WORDS:
        return "quarter"
    if doc_reports_quarters and words & _RESULTS_WORDS:
        return "quarter"
    return None


def calendar_tense(span: Span) -> Tense:
    """Tense for a month or month-day written without its year, which decides the year.

    "since March" and "as of March 20" are in the past whatever the verb ("As of March 20, the
    company has 300 stores" in a November story is the past March, not the next one). A past verb
    is not enough (TempEval-3: "extended the offer to Nov. 16", "gave no reason for the Jan. 14
    deadline"): it is passed on as no evidence, and the normalizer judges by distance.
    """
    doc = span.doc
    before = tuple(t.lower_ for t in doc[max(span.start - 2, 0):span.start])
    if before[-1:] == ("since",) or before == ("as", "of"):
        return "past"
    if _come_date(span):
        return "future"  # "the votes she will need come November"
    tense = governing_tense(span)
    if tense == "future" and span.root.dep_ in ("compound", "nmod", "amod"):
        return None  # a noun's modifier ("within weeks of an October news conference") keeps its own time
    if tense == "past":
        return "past" if _when_of_past_event(span) else None
    return tense


def _come_date(span: Span) -> bool:
    """"come November", "come Monday": the idiom for a time ahead (not "has come Monday")."""
    if span.start == 0:
        return False
    come = span.doc[span.start - 1]
    have_before = span.start > 1 and span.doc[span.start - 2].lower_ in ("has", "have", "had", "'ve", "'s")
    return come.lower_ == "come" and come.tag_ != "VBN" and not have_before


#: Prepositions that put a past event at the date ("In January, the company brought in ...");
#: to/until/by/before name a limit that may lie ahead ("extended the offer to Nov. 16").
_AT_TIME_PREPS = frozenset({"in", "on", "during", "at", "throughout"})


def _when_of_past_event(span: Span) -> bool:
    """The date says when a past-tense verb's event happened: it is the object of in/on/during
    attached to that verb, or a bare adverbial of it ("said Jan. 5"), or it follows a verb of the
    past in a reduced relative ("the fiscal year ended Jan. 31"). Not a noun's modifier ("the
    Jan. 14 deadline") nor a limit ("to Nov. 16", "by February")."""
    root = span.root
    if root.dep_ in ("npadvmod", "tmod"):
        return _past_event_verb(root.head)
    if root.dep_ != "pobj" or root.head.lower_ not in _AT_TIME_PREPS:
        return False
    attached_to = root.head.head
    if attached_to.pos_ in ("NOUN", "PROPN"):
        # "announced his candidacy in March", "during an interview in October, he said": the
        # verb's own object or time happens when the verb does; what it tells of ("told them of
        # a cutback in September") may lie ahead
        direct = attached_to.dep_ in ("dobj", "nsubj", "nsubjpass") or (
            attached_to.dep_ == "pobj" and attached_to.head.lower_ in _AT_TIME_PREPS)
        verb = _governing_verb(span)
        return direct and verb is not None and _past_event_verb(verb)
    return _past_event_verb(attached_to)


def _past_event_verb(verb: Any) -> bool:
    """A verb in a past form that is not one of arranging ("a summit set for April", "planned")."""
    return verb.tag_ in ("VBD", "VBN") and verb.lower_ not in _PLAN_VERBS


#: Words that make the date after them a deadline or an earliest time: it lies ahead of the telling.
_DEADLINE_LEADS = (("as", "soon", "as"), ("as", "early", "as"), ("no", "later", "than"), ("until",), ("till",))


def deadline_tense(span: Span) -> Tense:
    """Tense for a weekday or a relative day: a deadline ("until 9 a.m. Tuesday", "as early as
    Tuesday") is ahead unless its verb tells the past ("stayed until Tuesday", "until Thursday they
    had not called him"); elsewhere the governing verb's tense."""
    doc = span.doc
    before = tuple(t.lower_ for t in doc[max(span.start - 3, 0):span.start])
    if _come_date(span):
        return "future"  # "come Monday, the office will be closed"
    tense = governing_tense(span)
    if any(before[-len(lead):] == lead for lead in _DEADLINE_LEADS):
        verb = _governing_verb(span)
        told_as_past = verb is not None and (verb.tag_ == "VBD" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children))
        if not told_as_past:
            return "future"  # "has given them until 9 a.m. Tuesday": a present perfect sets a deadline
    return tense


_SOMEDAY = frozenset({"one day", "some day"})
#: Words before "one day" that make it a length ("for one day", "in one day") or a count.
_LENGTH_LEADS = frozenset({"for", "in", "within", "after", "per", "a", "the", "every", "each", "only", "just", "than",
                           "over", "about", "around", "nearly", "almost", "least", "by", "than", "of", "first", "last"})
_LENGTH_TAILS = frozenset({"later", "earlier", "after", "before", "ago", "of", "ahead", "long", "old", "into"})


def is_someday(span: Span) -> bool:
    """"would love to one day ...", "could uncover your login one day": "one day" as "someday"
    (FUTURE_REF), not the length P1D. Only when the clause looks ahead (an infinitive right before
    it or a future governing verb) and no word around it makes it a length ("for one day",
    "one day later")."""
    if span.text.lower() not in _SOMEDAY:
        return False
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if prev in _LENGTH_LEADS or nxt in _LENGTH_TAILS:
        return False
    return prev == "to" or governing_tense(span) == "future"
