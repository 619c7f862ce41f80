"""Scores one page's record against its real-news gold, layer by layer, into running totals.

Matching rules (written down once, here, so every figure means the same thing):
- entity mentions: exact span and type; clusters: a gold entity is clustered right when all of
  its mentions the product found sit in one product entity that holds no other gold entity's;
- quotes, attributions, claims, dates: one-to-one, largest overlap first, and a pair counts only
  when the overlap covers at least half of the shorter of the two (so a scare-quoted word inside
  a reported clause does not pass for the quote);
- speakers: the same person when the names agree once titles and punctuation are set aside, or
  one is the other's surname ("Cook" for "Tim Cook"); no speaker is right only when gold has none.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records import FactRecord
from .timex_values import same_value

TYPES = ("PERSON", "ORG", "COUNTRY", "LOCATION")
_TITLES = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "president", "prof", "sir", "the", "st"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += int(right)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class NewsScores:
    mentions: Counts = field(default_factory=Counts)
    per_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    listed_entities: Ratio = field(default_factory=Ratio)
    clusters: Ratio = field(default_factory=Ratio)
    people_clusters: Ratio = field(default_factory=Ratio)
    quotes: Counts = field(default_factory=Counts)
    quotes_speech_or_belief: Ratio = field(default_factory=Ratio)
    speaker: Ratio = field(default_factory=Ratio)
    speaker_pronoun: Ratio = field(default_factory=Ratio)
    speaker_wrong_person: int = 0
    attributions: Counts = field(default_factory=Counts)
    attribution_real: Ratio = field(default_factory=Ratio)
    dates: Counts = field(default_factory=Counts)
    date_values: Ratio = field(default_factory=Ratio)
    claims: Counts = field(default_factory=Counts)
    p_at_3: Ratio = field(default_factory=Ratio)
    claims_per_article: list[int] = field(default_factory=list)
    claims_high: int = 0
    claim_scores: list[tuple[float, bool]] = field(default_factory=list)  # (checkworthiness, matches gold)
    furniture_chars: int = 0
    furniture_marked: int = 0
    boilerplate_chars: int = 0
    boilerplate_in_furniture: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def claims_median(self) -> float:
        return statistics.median(self.claims_per_article) if self.claims_per_article else 0.0


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def match(predicted: list[list[tuple[int, int]]], gold: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index), largest overlap first, each covering at
    least half of the shorter item."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = _overlap(p, g)
            if shared and shared * 2 >= min(_length(p), _length(g)):
                pairs.append((shared, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in re.findall(r"[\w']+", name.lower().replace("’", "'")) if t not in _TITLES]
    return [t[:-2] if t.endswith("'s") else t for t in tokens]


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return not predicted and not gold
    p, g = _name_tokens(predicted), _name_tokens(gold)
    if not p or not g:
        return p == g
    return p == g or (p[-1] == g[-1] and (set(p) <= set(g) or set(g) <= set(p)))


def _inside(start: int, end: int, regions: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in regions)


def score_page(scores: NewsScores, gold: dict, record: FactRecord, boilerplate: list[tuple[int, int]]) -> None:
    """Add one page's comparison to ``scores`` (gold spans already placed in ``record.text``)."""
    page = gold["id"][:8]
    _score_entities(scores, gold, record, page)
    _score_quotes(scores, gold, record, page)
    predicted_dates = [[(d.start, d.end)] for d in record.dates]
    gold_dates = [[tuple(d["span"])] for d in gold["dates"]]
    pairs = match(predicted_dates, gold_dates)
    scores.dates.add(len(pairs), len(predicted_dates) - len(pairs), len(gold_dates) - len(pairs))
    for i, j in pairs:
        right = same_value(record.dates[i].value, gold["dates"][j]["value"], gold["dates"][j].get("text", ""))
        scores.date_values.add(right)
        if not right:
            scores.errors["date"].append(f"{page} {record.dates[i].text!r}: {record.dates[i].value} != gold {gold['dates'][j]['value']}")
    score_claims(scores, gold, record, page)
    furniture = [tuple(r) for r in gold["furniture"]]
    scores.furniture_chars += _length(furniture)
    scores.furniture_marked += sum(_inside(s, e, boilerplate) for s, e in furniture)
    scores.boilerplate_chars += _length(boilerplate)
    scores.boilerplate_in_furniture += sum(_inside(s, e, furniture) for s, e in boilerplate)


def _score_entities(scores: NewsScores, gold: dict, record: FactRecord, page: str) -> None:
    gold_mentions = {(s, e): (g, entity["type"]) for g, entity in enumerate(gold["entities"]) for s, e in entity["mentions"]}
    predicted = {(m.start, m.end): (p, entity.type) for p, entity in enumerate(record.entities) for m in entity.mentions}
    for t in TYPES:
        tp = sum(1 for k, (_, ty) in predicted.items() if ty == t and k in gold_mentions and gold_mentions[k][1] == t)
        fp = sum(1 for _, ty in predicted.values() if ty == t) - tp
        fn = sum(1 for _, ty in gold_mentions.values() if ty == t) - tp
        scores.per_type[t].add(tp, fp, fn)
        scores.mentions.add(tp, fp, fn)
    for k, (p, ty) in predicted.items():
        if k not in gold_mentions or gold_mentions[k][1] != ty:
            found = f"gold {gold_mentions[k][1]}" if k in gold_mentions else "not in gold"
            scores.errors["entity"].append(f"{page} {ty} {record.text[k[0]:k[1]]!r} ({found})")
    for p, entity in enumerate(record.entities):
        owners = Counter(gold_mentions[(m.start, m.end)] for m in entity.mentions if (m.start, m.end) in gold_mentions)
        best = owners.most_common(1)
        scores.listed_entities.add(bool(best) and best[0][0][1] == entity.type and best[0][1] * 2 >= len(entity.mentions))
    for g, entity in enumerate(gold["entities"]):
        holders = {predicted[tuple(m)][0] for m in entity["mentions"] if tuple(m) in predicted}
        if not holders:
            continue
        right = len(holders) == 1 and all(
            gold_mentions.get((m.start, m.end), (g,))[0] == g for m in record.entities[next(iter(holders))].mentions
        )
        scores.clusters.add(right)
        if entity["type"] == "PERSON":
            scores.people_clusters.add(right)
            if not right:
                names = sorted({record.entities[h].name for h in holders})
                scores.errors["cluster"].append(f"{page} {entity['name']!r} -> {names}")


def _spans(item) -> list[tuple[int, int]]:
    return [tuple(s) for s in item.spans] if item.spans else [(item.start, item.end)]


def _score_quotes(scores: NewsScores, gold: dict, record: FactRecord, page: str) -> None:
    gold_quotes = [[tuple(s) for s in q["spans"]] for q in gold["quotes"]]
    gold_attr = [[tuple(s) for s in a["spans"]] for a in gold["attributions"]]
    gold_any = gold_quotes + gold_attr
    predicted = [_spans(q) for q in record.quotes]
    predicted_attr = [_spans(a) for a in record.attributions]
    pairs = match(predicted, gold_quotes)
    scores.quotes.add(len(pairs), len(predicted) - len(pairs), len(gold_quotes) - len(pairs))
    matched_any = {i for i, _ in match(predicted, gold_any)}
    for i, quote in enumerate(record.quotes):
        scores.quotes_speech_or_belief.add(i in matched_any)
        if i not in matched_any:
            scores.errors["quote"].append(f"{page} not speech: {quote.text[:70]!r}")
    as_attribution = {j for _, j in match(predicted_attr, gold_quotes)}
    for j in sorted(set(range(len(gold_quotes))) - {j for _, j in pairs}):
        s, e = gold_quotes[j][0]
        where = "listed as an attribution" if j in as_attribution else "not found"
        scores.errors["quote"].append(f"{page} missed ({where}): {record.text[s:e][:70]!r}")
    for i, j in pairs:
        quote, wanted = record.quotes[i], gold["quotes"][j]
        said = quote.speaker.name if quote.speaker else None
        right = same_speaker(said, wanted["speaker"])
        scores.speaker.add(right)
        if wanted.get("resolution") == "pronoun":
            scores.speaker_pronoun.add(right)
        if not right:
            scores.speaker_wrong_person += int(bool(said and wanted["speaker"]))
            scores.errors["speaker"].append(f"{page} {quote.text[:50]!r}: {said!r} != gold {wanted['speaker']!r}")
    pairs = match(predicted_attr, gold_attr)
    scores.attributions.add(len(pairs), len(predicted_attr) - len(pairs), len(gold_attr) - len(pairs))
    real = {i for i, _ in match(predicted_attr, gold_any)}
    for i in range(len(predicted_attr)):
        scores.attribution_real.add(i in real)


def score_claims(scores: NewsScores, gold: dict, record: FactRecord, page: str) -> None:
    predicted = [[(c.start, c.end)] for c in record.claims]
    wanted = [[tuple(c["span"])] for c in gold["claims"]]
    pairs = match(predicted, wanted)
    scores.claims.add(len(pairs), len(predicted) - len(pairs), len(wanted) - len(pairs))
    scores.claims_per_article.append(len(predicted))
    scores.claims_high += sum(1 for c in record.claims if c.checkworthiness >= 0.9)
    good = {i for i, _ in pairs}
    scores.claim_scores.extend((c.checkworthiness, i in good) for i, c in enumerate(record.claims))
    top = sorted(range(len(record.claims)), key=lambda i: -record.claims[i].checkworthiness)[:3]
    for i in top:
        scores.p_at_3.add(i in good)
        if i not in good:
            scores.errors["claim"].append(f"{page} top-3 not a gold claim: {record.claims[i].text[:70]!r}")
