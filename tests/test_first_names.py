"""The first-name gender list (scripts/build_first_names.py, models/first_names.json)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _builder():
    spec = importlib.util.spec_from_file_location("build_first_names", ROOT / "scripts" / "build_first_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_name_listed_both_ways_tells_a_gender_only_with_a_clear_majority():
    lists = [
        ("it_IT", ["Andrea", "Marco", "Jordan"], ["Giulia", "Jordan"]),
        ("en_US", ["Jordan", "Kevin"], ["Andrea", "Jordan", "Taylor"]),
        ("de_DE", ["Kevin"], ["Andrea", "Taylor"]),
        ("es_ES", ["Taylor"], ["Andrea"]),
    ]
    assert _builder().genders(lists) == {"male": ["kevin", "marco"], "female": ["andrea", "giulia"]}


def test_the_shipped_list_knows_names_the_hand_list_does_not():
    data = json.loads((ROOT / "models" / "first_names.json").read_text(encoding="utf-8"))
    male, female = set(data["male"]), set(data["female"])
    assert not male & female
    assert {"antonin", "kevin", "timothy"} <= male
    assert {"melanie", "ingrid", "stephanie"} <= female
    assert not {"jordan", "taylor", "hillary"} & (male | female)


def test_honorifics_of_both_genders_on_one_entity_tell_no_gender():
    """The entity stage can make one entity of two people who share a surname ("Mr. Khan" the
    father, "Ms. Khan" the mother): the first honorific read used to decide, and the speaker
    ranker's gender veto then ruled out the mother for "She continued"."""
    from extractor.components.quotes.gender import _from_lexicon

    text = "Mr. Khan spoke at the convention. Ms. Khan stood beside him. Later Ms. Khan wrote an essay."

    def entity(*starts: int) -> dict:
        return {"name": "Khan", "mentions": [{"start": s, "end": s + 4} for s in starts]}

    assert _from_lexicon(text, entity(4, 38)) is None
    assert _from_lexicon(text, entity(38, 71)) == "female"
    assert _from_lexicon(text, entity(4, 38, 71)) is None
    assert _from_lexicon(text, entity(4)) == "male"
