"""Tools for the real-news gold set (corpus/news-gold): see the text, find strings, build gold files.

Annotators write a *draft* (strings, not offsets) from the page's extracted text; ``build`` turns
it into ``corpus/news-gold/<id>.json`` with offsets into that text, the text's SHA-256, and a short
left context for every span so the evaluator can re-anchor a span when the extracted text changes.
The draft format and the annotation rules are in corpus/news-gold/GUIDELINES.md.

Usage (from the project root, with the venv's python):
  python scripts/news_gold.py text ID              print the extracted text with offsets per paragraph
  python scripts/news_gold.py find ID "string"     every occurrence with its offset and context
  python scripts/news_gold.py build DRAFT.json     resolve a draft and write corpus/news-gold/<id>.json
  python scripts/news_gold.py check ID             re-check a gold file against today's text
  python scripts/news_gold.py rekey ID [--drop-lost]  after the extracted text changed: find every span again
                                                   by its words and left context, rewrite offsets and SHA-256

The page texts come from ../shared/news (never copied into the project); ``SHARED`` overrides it.
``GOLD_DIR`` writes and reads gold files elsewhere (``GOLD_DIR=corpus/news-holdout``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.readers.decode import decode_bytes  # noqa: E402
from extractor.eval.news_gold import locate  # noqa: E402
from extractor.readers.html import article_from_html  # noqa: E402

SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
#: Where gold files go; ``GOLD_DIR`` overrides it (the held-out pages live in corpus/news-holdout).
GOLD_DIR = Path(os.environ.get("GOLD_DIR", ROOT / "corpus" / "news-gold")).resolve()
CONTEXT = 24  # characters of left context kept per span for re-anchoring
ENTITY_TYPES = {"PERSON", "ORG", "COUNTRY", "LOCATION"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
RESOLUTIONS = {"explicit", "pronoun", "description", "context", None}
DATE_TYPES = {"DATE", "TIME", "DURATION", "SET"}


class DraftError(ValueError):
    """A draft entry that cannot be placed in the text; the message says which and what to do."""


def page_article(page_id: str):
    """The Article the product reads from a page of ../shared/news (the text every offset indexes)."""
    path = SHARED / "news" / "html" / f"{page_id}.html.gz"
    if not path.exists():
        matches = sorted((SHARED / "news" / "html").glob(f"{page_id}*.html.gz"))
        if len(matches) != 1:
            raise SystemExit(f"{page_id}: no single page of {SHARED / 'news' / 'html'} starts with this id.")
        path = matches[0]
    decoded = decode_bytes(gzip.decompress(path.read_bytes()), str(path), max_chars=10**9)
    return article_from_html(decoded.text, path.name[: -len(".html.gz")], str(path))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def occurrences(text: str, needle: str, whole_word: bool = False) -> list[int]:
    if not needle:
        return []
    pattern = re.escape(needle)
    if whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return [m.start() for m in re.finditer(pattern, text)]


LONG = 80  # spans longer than this keep only their head and tail: the gold never stores whole paragraphs


def print_occurrences(text: str, needle: str) -> None:
    """Each offset of ``needle`` in ``text`` with 40 characters either side (the annotators' find)."""
    for start in occurrences(text, needle):
        end = start + len(needle)
        print(f"{start}: ...{text[max(0, start - 40):start]}[[{needle}]]{text[end:end + 40]}...".replace("\n", " / "))


def span(text: str, start: int, end: int) -> dict:
    """A span with its left context; a long one keeps its first and last words instead of its text."""
    out = {"start": start, "end": end, "before": text[max(0, start - CONTEXT) : start]}
    if end - start > LONG:
        out.update(head=text[start : start + 40], tail=text[end - 20 : end])
    else:
        out["text"] = text[start:end]
    return out


def place(text: str, spec: dict | str, what: str, near: int | None = None) -> dict:
    """Resolve {"text", "start"|"n"} (or a bare string) to a span; ``near`` picks the closest occurrence."""
    if isinstance(spec, str):
        spec = {"text": spec}
    needle = spec.get("text")
    if not isinstance(needle, str) or not needle:
        raise DraftError(f"{what}: needs a non-empty \"text\".")
    if "start" in spec:
        start = int(spec["start"])
        if text[start : start + len(needle)] != needle:
            raise DraftError(f"{what}: {needle!r} is not at offset {start}; found at {occurrences(text, needle)[:10]}.")
        return span(text, start, start + len(needle))
    found = occurrences(text, needle)
    if not found:
        raise DraftError(f"{what}: {needle!r} does not occur in the text (copy it exactly: quote marks, dashes, spaces).")
    if "n" in spec:
        n = int(spec["n"])
        if not 1 <= n <= len(found):
            raise DraftError(f"{what}: {needle!r} occurs {len(found)} times; n={n} is out of range.")
        return span(text, found[n - 1], found[n - 1] + len(needle))
    if near is not None:
        best = min(found, key=lambda s: abs(s - near))
        return span(text, best, best + len(needle))
    if len(found) > 1:
        raise DraftError(f"{what}: {needle!r} occurs {len(found)} times (at {found[:10]}); add \"n\" or \"start\".")
    return span(text, found[0], found[0] + len(needle))


def inside(start: int, end: int, regions: list[dict]) -> bool:
    return any(r["start"] <= start and end <= r["end"] for r in regions)


def build_entities(text: str, drafts: list[dict], furniture: list[dict]) -> list[dict]:
    """Every whole-word occurrence of each entity's names (longest names first, no overlaps),
    outside furniture and not at an offset in "except"; plus explicit "mentions"."""
    taken: list[tuple[int, int]] = []
    per_entity: list[list[dict]] = [[] for _ in drafts]
    jobs = []
    for index, entity in enumerate(drafts):
        if entity.get("type") not in ENTITY_TYPES:
            raise DraftError(f"entity {entity.get('name')!r}: type must be one of {sorted(ENTITY_TYPES)}.")
        for mention in entity.get("mentions", []):
            placed = place(text, mention, f"entity {entity['name']!r} mention")
            per_entity[index].append(placed)
            taken.append((placed["start"], placed["end"]))
        for name in entity.get("names", []):
            jobs.append((len(name), name, index))
    for _, name, index in sorted(jobs, key=lambda job: (-job[0], job[2])):
        skip = {int(x) for x in drafts[index].get("except", [])}
        for start in occurrences(text, name, whole_word=True):
            end = start + len(name)
            if start in skip or inside(start, end, furniture):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            per_entity[index].append(span(text, start, end))
            taken.append((start, end))
    entities = []
    for entity, mentions in zip(drafts, per_entity):
        if not mentions:
            raise DraftError(f"entity {entity['name']!r}: none of its names occurs outside furniture.")
        entities.append({"type": entity["type"], "name": entity["name"], "mentions": sorted(mentions, key=lambda m: m["start"])})
    return entities


def build_quote(text: str, draft: dict, what: str) -> dict:
    if draft.get("type") not in QUOTE_TYPES:
        raise DraftError(f"{what}: type must be one of {sorted(QUOTE_TYPES)}.")
    pieces = draft.get("spans") or ([{k: draft[k] for k in ("text", "n", "start") if k in draft}] if "text" in draft else [])
    if not pieces:
        raise DraftError(f"{what}: needs \"spans\" (or \"text\").")
    spans = []
    for i, piece in enumerate(pieces):
        near = spans[-1]["end"] if spans and isinstance(piece, dict) and "n" not in piece and "start" not in piece else None
        spans.append(place(text, piece, f"{what} span {i + 1}", near=near))
    anchor = spans[0]["start"]
    cue = place(text, draft["cue"], f"{what} cue", near=anchor) if draft.get("cue") else None
    mention = place(text, draft["speaker_mention"], f"{what} speaker_mention", near=anchor) if draft.get("speaker_mention") else None
    resolution = draft.get("resolution")
    if resolution not in RESOLUTIONS:
        raise DraftError(f"{what}: resolution must be one of explicit, pronoun, description, context or null.")
    return {
        "type": draft["type"],
        "spans": spans,
        "cue": cue,
        "speaker": draft.get("speaker"),
        "speaker_mention": mention,
        "resolution": resolution,
    }


def build(draft: dict) -> dict:
    article = page_article(draft["id"])
    text = article.text
    furniture = [place(text, f, f"furniture {i + 1}") for i, f in enumerate(draft.get("furniture", []))]
    gold = {
        "id": article.id,
        "url": draft.get("url"),
        "kind": draft.get("kind"),
        "language": draft.get("language", "en"),
        "published": article.published,
        "text_sha256": sha256(text),
        "furniture": furniture,
        "entities": build_entities(text, draft.get("entities", []), furniture),
        "quotes": [build_quote(text, q, f"quote {i + 1}") for i, q in enumerate(draft.get("quotes", []))],
        "attributions": [build_quote(text, q, f"attribution {i + 1}") for i, q in enumerate(draft.get("attributions", []))],
        "dates": [],
        "claims": [],
        "notes": draft.get("notes", ""),
    }
    for i, date in enumerate(draft.get("dates", [])):
        if date.get("type") not in DATE_TYPES:
            raise DraftError(f"date {i + 1}: type must be one of {sorted(DATE_TYPES)}.")
        placed = place(text, date, f"date {i + 1}")
        gold["dates"].append({**placed, "value": date.get("value"), "type": date["type"]})
    for i, claim in enumerate(draft.get("claims", [])):
        placed = place(text, claim, f"claim {i + 1}")
        gold["claims"].append({**placed, "top3": bool(claim.get("top3"))})
    if sum(c["top3"] for c in gold["claims"]) > 3:
        raise DraftError("claims: at most three may be marked top3.")
    return gold


SPAN_KEYS = {"start", "end", "before"}


def rekey(node, text: str, lost: list | None = None) -> list:
    """Re-place, in place, every span dict found anywhere in a gold structure; returns what was lost."""
    lost = [] if lost is None else lost
    if isinstance(node, dict):
        if SPAN_KEYS <= node.keys():
            where = locate(node, text, unchanged=False)
            if where is None:
                lost.append(node.get("text") or node.get("head"))
                node["_lost"] = True
            else:
                extra = {k: v for k, v in node.items() if k not in SPAN_KEYS | {"text", "head", "tail"}}
                node.clear()
                node.update(span(text, *where), **extra)
        for value in list(node.values()):
            rekey(value, text, lost)
    elif isinstance(node, list):
        for value in node:
            rekey(value, text, lost)
    return lost


def prune(gold: dict) -> None:
    """Drop what rekey could not place: mentions, items whose spans are gone, cues and mentions lost."""
    def ok(node) -> bool:
        return isinstance(node, dict) and node.get("_lost") is not True

    for entity in gold.get("entities", []):
        entity["mentions"] = [m for m in entity["mentions"] if ok(m)]
    gold["entities"] = [e for e in gold.get("entities", []) if e["mentions"]]
    for kind in ("quotes", "attributions"):
        for item in gold.get(kind, []):
            item["spans"] = [sp for sp in item["spans"] if ok(sp)]
            for key in ("cue", "speaker_mention"):
                if item.get(key) is not None and not ok(item[key]):
                    item[key] = None
        gold[kind] = [i for i in gold.get(kind, []) if i["spans"]]
    for kind in ("furniture", "dates", "claims"):
        gold[kind] = [i for i in gold.get(kind, []) if ok(i)]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    command = argv[0]
    if command == "text":
        article = page_article(argv[1])
        text = article.text
        print(f"id {article.id}  published {article.published}  title {article.title!r}")
        offset = 0
        for paragraph in text.split("\n\n"):
            print(f"[{offset}] {paragraph}")
            offset += len(paragraph) + 2
        return 0
    if command == "find":
        print_occurrences(page_article(argv[1]).text, argv[2])
        return 0
    if command == "build":
        draft = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        try:
            gold = build(draft)
        except DraftError as exc:
            print(f"{argv[1]}: {exc}", file=sys.stderr)
            return 1
        GOLD_DIR.mkdir(parents=True, exist_ok=True)
        out = GOLD_DIR / f"{gold['id']}.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        counts = {k: len(gold[k]) for k in ("furniture", "entities", "quotes", "attributions", "dates", "claims")}
        mentions = sum(len(e["mentions"]) for e in gold["entities"])
        print(f"wrote {out.relative_to(ROOT)}: {counts}, {mentions} entity mentions")
        return 0
    if command == "rekey":
        path = GOLD_DIR / f"{argv[1]}.json"
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = page_article(gold["id"]).text
        lost = rekey(gold, text)
        if lost and "--drop-lost" in argv:
            prune(gold)
            gold["notes"] = (gold.get("notes") or "") + f" Re-keyed to a changed text; {len(lost)} spans no longer in it were dropped: {lost}."
            lost = []
        if lost:
            print(f"{path.name}: {len(lost)} spans not found; fix them by hand or re-annotate: {lost}", file=sys.stderr)
            return 1
        gold["text_sha256"] = sha256(text)
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"rekeyed {path.relative_to(ROOT)}")
        return 0
    if command == "check":
        gold = json.loads((GOLD_DIR / f"{argv[1]}.json").read_text(encoding="utf-8"))
        text = page_article(gold["id"]).text
        print("text unchanged" if sha256(text) == gold["text_sha256"] else "TEXT CHANGED since annotation")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
