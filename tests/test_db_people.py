"""One person across the corpus: names merged on evidence, different people of one surname kept
apart, and every decision explained in people_names."""

from __future__ import annotations

from db_helpers import make_record

from extractor.db import load_records, open_db
from extractor.db.names import person_name


def _trump_corpus():
    return [
        make_record("t1", "\"We will win,\" Donald Trump said. Trump spoke in Ohio.",
                    entities=[("Donald Trump", "PERSON", ["Donald Trump", "Trump"])],
                    quotes=[("We will win,", "Donald Trump", None)]),
        make_record("t2", "\"Believe me,\" said Donald J. Trump at the rally.",
                    entities=[("Donald J. Trump", "PERSON", ["Donald J. Trump"])],
                    quotes=[("Believe me,", "Donald J. Trump", None)]),
        # The pipeline kept "President Trump" apart from "Donald Trump": the article ties them.
        make_record("t3", "Donald Trump arrived. \"It was great,\" President Trump said.",
                    entities=[("Donald Trump", "PERSON", ["Donald Trump"]), ("President Trump", "PERSON", ["President Trump"])],
                    quotes=[("It was great,", "President Trump", None)]),
        # A bare surname with nobody of that name in full: the corpus's dominant Trump.
        make_record("t4", "\"Nobody knows more,\" Trump said.",
                    entities=[("Trump", "PERSON", ["Trump"])], quotes=[("Nobody knows more,", "Trump", None)]),
        # A speaker with no entity, named by words that start with the surname.
        make_record("t5", "Donald Trump spoke. \"Sad,\" Trump told reporters.",
                    entities=[("Donald Trump", "PERSON", ["Donald Trump"])], quotes=[("Sad,", None, "Trump told reporters")]),
        make_record("t6", "Donald Trump flew home.", entities=[("Donald Trump", "PERSON", ["Donald Trump"])]),
        make_record("t7", "Donald Trump met donors.", entities=[("Donald Trump", "PERSON", ["Donald Trump"])]),
        make_record("t8", "Donald Trump rested.", entities=[("Donald Trump", "PERSON", ["Donald Trump"])]),
        # Other Trumps stay themselves.
        make_record("i1", "\"My father will win,\" Ivanka Trump said. \"He is ready,\" Trump added.",
                    entities=[("Ivanka Trump", "PERSON", ["Ivanka Trump"]), ("Trump", "PERSON", ["Trump"])],
                    quotes=[("My father will win,", "Ivanka Trump", None), ("He is ready,", "Trump", None)]),
        make_record("j1", "\"I am proud,\" Donald Trump Jr. said.",
                    entities=[("Donald Trump Jr.", "PERSON", ["Donald Trump Jr."])], quotes=[("I am proud,", "Donald Trump Jr.", None)]),
        # Both in one article: a bare "Trump" here could be either, so it is tied to nobody.
        make_record("m1", "Donald Trump and Ivanka Trump came. \"Thanks,\" Trump said.",
                    entities=[("Donald Trump", "PERSON", ["Donald Trump"]), ("Ivanka Trump", "PERSON", ["Ivanka Trump"]),
                              ("Trump", "PERSON", ["Trump"])],
                    quotes=[("Thanks,", "Trump", None)]),
    ]


def _person_of_quote(db, article_id: str, item_id: str = "Q1"):
    row = db.execute("SELECT p.name FROM quotes q LEFT JOIN people p ON p.id = q.person_id WHERE q.article_id = ? AND q.item_id = ?",
                     [article_id, item_id]).fetchone()
    return row[0]


def test_every_variant_of_donald_trump_is_one_person_and_other_trumps_are_not(tmp_path):
    db = open_db(tmp_path / "facts.db")
    load_records(db, _trump_corpus())
    for article in ("t1", "t2", "t3", "t4", "t5"):
        assert _person_of_quote(db, article) == "Donald Trump", article
    assert _person_of_quote(db, "i1", "Q1") == "Ivanka Trump"
    assert _person_of_quote(db, "i1", "Q2") == "Ivanka Trump"  # "Trump" in her article is her
    assert _person_of_quote(db, "j1") == "Donald Trump Jr."
    assert _person_of_quote(db, "m1") is None
    donald = db.execute("SELECT id, quotes, articles FROM people WHERE name = 'Donald Trump'").fetchall()
    assert len(donald) == 1 and donald[0][1:] == (5, 9)  # quotes t1-t5; entities in t1-t8 and m1
    rules = dict(db.execute("SELECT key, rule FROM people_names WHERE type = 'PERSON'").fetchall())
    assert rules["donald j trump"] == "middle initial J.: the corpus has no other"
    assert rules["trump"] == "surname alone: Donald Trump holds 8 of 10 articles with a full name ending in Trump"
    assert rules["?trump"] == "surname shared by several people in its article: not tied"
    name_rules = dict(db.execute("SELECT article_id, name_rule FROM entities WHERE name IN ('President Trump', 'Trump')").fetchall())
    assert name_rules == {"t3": "surname in article: Donald Trump", "t4": "single word, no full name in article",
                          "i1": "surname in article: Ivanka Trump", "m1": "surname shared in article by Donald Trump, Ivanka Trump: left alone"}
    assert db.execute("SELECT speaker_rule FROM quotes WHERE article_id = 't5'").fetchone()[0] == "speaker words name Donald Trump"


def test_a_bare_surname_without_a_dominant_bearer_is_tied_to_nobody(tmp_path):
    db = open_db(tmp_path / "facts.db")
    records = [
        make_record("b1", "Bill Clinton spoke.", entities=[("Bill Clinton", "PERSON", ["Bill Clinton"])]),
        make_record("b2", "Bill Clinton spoke again.", entities=[("Bill Clinton", "PERSON", ["Bill Clinton"])]),
        make_record("h1", "Hillary Clinton spoke.", entities=[("Hillary Clinton", "PERSON", ["Hillary Clinton"])]),
        make_record("h2", "Hillary Clinton spoke again.", entities=[("Hillary Clinton", "PERSON", ["Hillary Clinton"])]),
        make_record("c1", "\"No,\" Clinton said.", entities=[("Clinton", "PERSON", ["Clinton"])], quotes=[("No,", "Clinton", None)]),
    ]
    load_records(db, records)
    assert _person_of_quote(db, "c1") is None
    assert db.execute("SELECT rule FROM people_names WHERE key = 'clinton'").fetchone()[0] == (
        "surname alone, no dominant bearer among Bill Clinton (2), Hillary Clinton (2): not tied")
    assert db.execute("SELECT COUNT(*) FROM people WHERE type = 'PERSON'").fetchone()[0] == 2


def test_different_middle_initials_are_different_people(tmp_path):
    db = open_db(tmp_path / "facts.db")
    records = [
        make_record("w1", "George W. Bush spoke.", entities=[("George W. Bush", "PERSON", ["George W. Bush"])]),
        make_record("w2", "George H. W. Bush spoke.", entities=[("George H. W. Bush", "PERSON", ["George H. W. Bush"])]),
        make_record("w3", "George Bush spoke.", entities=[("George Bush", "PERSON", ["George Bush"])]),
    ]
    load_records(db, records)
    people = dict(db.execute("SELECT e.article_id, p.name FROM entities e LEFT JOIN people p ON p.id = e.person_id").fetchall())
    assert people == {"w1": "George W. Bush", "w2": "George H. W. Bush", "w3": None}
    assert db.execute("SELECT rule FROM people_names WHERE key = 'george bush'").fetchone()[0] == (
        "first name and surname of several people (George H W Bush and George W Bush): not tied")


def test_first_names_alone_are_never_tied_across_articles_and_organisations_merge_by_name(tmp_path):
    db = open_db(tmp_path / "facts.db")
    records = [
        make_record("l1", "Laura Smith came.", entities=[("Laura Smith", "PERSON", ["Laura Smith"])]),
        make_record("l2", "Laura came.", entities=[("Laura", "PERSON", ["Laura"])]),
        make_record("o1", "The United Nations met.", entities=[("The United Nations", "ORG", ["The United Nations"])]),
        make_record("o2", "United Nations met.", entities=[("United Nations", "ORG", ["United Nations"])]),
        make_record("k1", "In Germany.", entities=[("Germany", "COUNTRY", ["Germany"])]),
    ]
    load_records(db, records)
    rows = dict(db.execute("SELECT e.article_id, e.person_id FROM entities e").fetchall())
    assert rows["l2"] is None
    assert rows["o1"] == rows["o2"] is not None
    assert db.execute("SELECT rule FROM people_names WHERE key = 'laura'").fetchone()[0] == "first name alone: not tied across articles"


def test_person_ids_stay_stable_across_loads(tmp_path):
    db = open_db(tmp_path / "facts.db")
    corpus = _trump_corpus()
    load_records(db, corpus[:2])
    first = db.execute("SELECT id FROM people WHERE name = 'Donald Trump'").fetchone()[0]
    load_records(db, corpus[2:])
    assert db.execute("SELECT id FROM people WHERE name = 'Donald Trump'").fetchone()[0] == first


def test_name_keys_drop_titles_and_possessives_but_keep_suffixes():
    assert person_name("President Donald J. Trump's").key == "donald j trump"
    assert person_name("Donald Trump Jr.").key == "donald trump jr"
    assert person_name("Donald Trump Jr.").base == "donald trump jr"
    assert person_name("Mr. Trump").key == "trump" and person_name("Mr. Trump").single


def test_noise_swept_into_a_name_is_dropped_but_longer_real_names_are_kept(tmp_path):
    db = open_db(tmp_path / "facts.db")
    records = [
        make_record("h1", "Donald Trump Wins Ohio. \"Great night,\" Donald Trump said. Trump Says He Never lies.",
                    entities=[("Donald Trump Wins", "PERSON", ["Donald Trump Wins"]), ("Donald Trump", "PERSON", ["Donald Trump"]),
                              ("Trump Says He Never", "PERSON", ["Trump Says He Never"])],
                    quotes=[("Great night,", "Donald Trump Wins", None)]),
        make_record("h2", "Aung San Suu Kyi spoke of her father Aung San at the Muhammad Ali Center, where Muhammad Ali trained.",
                    entities=[("Aung San Suu Kyi", "PERSON", ["Aung San Suu Kyi"]), ("Aung San", "PERSON", ["Aung San"]),
                              ("Muhammad Ali Center", "PERSON", ["Muhammad Ali Center"]), ("Muhammad Ali", "PERSON", ["Muhammad Ali"])]),
        make_record("h3", "Kerry Washington flew to Washington. Donald Trump met Trump staff; \"Fine,\" Trump said.",
                    entities=[("Kerry Washington", "PERSON", ["Kerry Washington"]), ("Washington", "LOCATION", ["Washington"]),
                              ("Donald Trump", "PERSON", ["Donald Trump"]), ("Trump", "ORG", ["Trump staff"])],
                    quotes=[("Fine,", "Trump", None)]),
    ]
    load_records(db, records)
    keys = dict(db.execute("SELECT name, name_key FROM entities").fetchall())
    assert keys["Donald Trump Wins"] == keys["Trump Says He Never"] == "donald trump"
    assert keys["Aung San Suu Kyi"] == "aung san suu kyi" and keys["Aung San"] == "aung san"
    assert keys["Muhammad Ali Center"] == "muhammad ali center"
    assert keys["Washington"] == "washington" and keys["Trump"] == "donald trump"
    assert _person_of_quote(db, "h1") == _person_of_quote(db, "h3") == "Donald Trump"
    rules = dict(db.execute("SELECT name, name_rule FROM entities WHERE article_id IN ('h1', 'h3')").fetchall())
    assert rules["Donald Trump Wins"] == "name starts with Donald Trump: the words after taken for noise"
    assert rules["Trump Says He Never"] == "surname of Donald Trump then a clause: taken for noise"
    assert rules["Trump"] == "typed ORG, but the surname of Donald Trump in the article"


def test_a_one_word_speaker_typed_org_is_the_dominant_bearer_of_that_surname_or_stays_the_organisation(tmp_path):
    db = open_db(tmp_path / "facts.db")
    records = _trump_corpus() + [
        make_record("o1", "\"We are winning,\" Trump said in Iowa.", entities=[("Trump", "ORG", ["Trump"])],
                    quotes=[("We are winning,", "Trump", None)]),
        make_record("o2", "\"Shares fell,\" Reuters reported. Reuters has offices.", entities=[("Reuters", "ORG", ["Reuters", "Reuters"])],
                    quotes=[("Shares fell,", "Reuters", None)]),
    ]
    load_records(db, records)
    assert _person_of_quote(db, "o1") == "Donald Trump"
    assert _person_of_quote(db, "o2") == "Reuters"
    rules = dict(db.execute("SELECT key, rule FROM people_names WHERE type = 'ORG-SPEAKER'").fetchall())
    assert rules == {
        "trump": "speaker typed ORG, one word; surname alone: Donald Trump holds 8 of 10 articles with a full name ending in Trump",
        "reuters": "speaker typed ORG: the organisation of that name",
    }
    # The entity itself stays the organisation it was typed as; only who spoke is resolved.
    assert db.execute("SELECT p.type FROM entities e JOIN people p ON p.id = e.person_id WHERE e.article_id = 'o1'").fetchone()[0] == "ORG"
