"""Counts from the clause, with the codebook a new study starts from (invented sentences, one rule each).

Each sentence is written for one rule of issue 12; the expected claims are written by hand.
"""

from __future__ import annotations

import math

import pytest

from helpers.analyses import numbers
from helpers.analyses.numbers.extract import CLAIM_COLUMNS, PART_SUFFIX


@pytest.fixture(scope="module")
def study_codebook(study):
    """The codebook `new-study` creates, left unedited."""
    return study


@pytest.fixture(scope="module")
def extract(study, claims_in):
    """Claims of one invented sentence (one article per call)."""
    return lambda text: claims_in(text, study)


def counts(table):
    """(category, value, qualifier) of the event counts, in text order."""
    ev = numbers.event_counts(table)
    return [(c, v, q) for c, v, q in zip(ev["category"], ev["value"], ev["qualifier"], strict=True)]


def test_new_study_has_the_general_categories(study_codebook):
    cats = study_codebook.section("quantities")["categories"]
    assert {"deaths_total", "injured", "detained", "displaced", "missing"} <= set(cats)


@pytest.mark.parametrize(("text", "expected"), [
    # the verb before the number takes it as object; the next clause has its own verb
    ("A car bomb killed 31 people and injured 58 in the market town.",
     [("deaths_total", "31", "exact"), ("injured", "58", "exact")]),
    # the verb after the number and its noun
    ("Nine villagers were killed and four were wounded by the raiders.",
     [("deaths_total", "9", "exact"), ("injured", "4", "exact")]),
    # coordinated verbs: the last one is what happened to them
    ("Militants kidnapped and killed 30 fishermen near the lake.", [("deaths_total", "30", "exact")]),
    ("Eleven farmers were abducted and later killed.", [("deaths_total", "11", "exact")]),
    # other general categories
    ("Police arrested 75 demonstrators and 1,200 residents were displaced by the fighting.",
     [("detained", "75", "exact"), ("displaced", "1200", "exact")]),
])
def test_a_count_takes_the_verb_of_its_own_clause(extract, text, expected):
    assert counts(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A policeman was killed in the ambush.", [("deaths_total", "1", "exact")]),
    ("The village chief has reportedly been shot dead.", [("deaths_total", "1", "exact")]),
    ("Gunmen killed a teacher on his way home.", [("deaths_total", "1", "exact")]),
    ("The gunmen were killed by soldiers.", []),  # plural subject: no count of one
])
def test_a_singular_casualty_is_a_count_of_one(extract, text, expected):
    assert counts(extract(text)) == expected


def test_two_incidents_in_one_report_are_two_claims(extract):
    text = ("Four people were killed in a shooting on Monday. In a separate attack on Wednesday, "
            "seven soldiers were killed near the border.")
    assert counts(extract(text)) == [("deaths_total", "4", "exact"), ("deaths_total", "7", "exact")]


@pytest.mark.parametrize(("text", "value", "qualifier", "low", "high"), [
    ("Not less than 20 people died in the blaze.", "20", "at_least", 20, math.inf),
    ("At least a dozen people were wounded.", "12", "at_least", 12, math.inf),
    ("Two dozen protesters were detained.", "24", "exact", 24, 24),
    ("Some 3 thousand residents were displaced.", "3000", "about", 2700, 3300),
    ("Between 10 and 15 people were killed.", "10", "range", 10, 15),
    ("Officials said 10 to 15 people were killed.", "10", "range", 10, 15),
])
def test_qualifiers_and_number_words(extract, text, value, qualifier, low, high):
    ev = numbers.event_counts(extract(text))
    assert len(ev) == 1
    row = ev.iloc[0]
    assert (row["value"], row["qualifier"], row["value_low"], row["value_high"]) == (value, qualifier, low, high)


def test_one_of_names_a_member_not_a_count(extract):
    found = extract("One of the wounded men was a nurse.")
    assert counts(found) == []
    assert "one_of" in set(found["unit"])


def test_a_breakdown_is_part_of_the_total(extract):
    found = extract("Twenty people died, including four children.")
    ev = numbers.event_counts(found).set_index("value")
    assert ev.loc["20", "category"] == "deaths_total" and ev.loc["20", "part_of"] == ""
    assert ev.loc["4", "category"] == "deaths_total" + PART_SUFFIX
    assert ev.loc["4", "part_of"] == ev.loc["20", "claim_id"]
    assert list(numbers.extract.totals(found)["value"]) == ["20"]


def test_a_breakdown_written_after_the_count(extract):
    found = extract("The blast killed 12 people (three of whom were guards).")
    ev = numbers.event_counts(found).set_index("value")
    assert ev.loc["3", "part_of"] == ev.loc["12", "claim_id"]


@pytest.mark.parametrize(("text", "unit"), [
    ("A boy of 14 was among the dead.", "age"),
    ("A 14-year-old was among the dead.", "age"),
    ("The attack began at 9 p.m. and several shops burned.", "time"),
    ("Rescuers searched the house at 12 Harbour Road after the attack.", "address"),
    ("Four people were killed on 6 March.", "date"),
])
def test_numbers_that_are_not_victims(extract, text, unit):
    found = extract(text)
    assert unit in set(found.loc[found["category"] == "other", "unit"])


def test_attackers_and_houses_are_not_victims(extract):
    assert counts(extract("About 40 gunmen stormed the village and burned dozens of houses.")) == []
    assert counts(extract("The raiders burned six houses and killed 20 goats.")) == []
    stolen = extract("Two people died and the raiders stole dozens of their cows.")
    assert counts(stolen) == [("deaths_total", "2", "exact")]


def _code_strings(path) -> str:
    """Every string literal and name in a module's code (docstrings and comments left out)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    parts = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and id(n) not in docs]
    parts += [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]
    return " ".join(parts)


def test_no_category_or_event_word_in_python():
    from pathlib import Path

    import helpers.analyses.numbers as pkg

    code = " ".join(_code_strings(p) for p in Path(pkg.__file__).parent.glob("*.py"))
    for word in ("CSTO", "troops", "deaths_total", "injured", "detained", "independence", "Khabar", "killed",
                 "January", "Monday", "ministry", "said", "also", "officials", "including", "years"):
        assert word not in code, word


@pytest.mark.parametrize(("text", "expected"), [
    # the count did the deed: an active casualty verb with an object after it
    ("Two gunmen killed a shopkeeper in the market.", [("deaths_total", "1", "exact")]),
    # agents after "by"
    ("A judge was killed by three armed men.", [("deaths_total", "1", "exact")]),
    # an active perfect verb with its object is not a count of one
    ("The army has killed seven rebels.", [("deaths_total", "7", "exact")]),
    # a participle after the count describes it; "reported" is part of the verb group
    ("Forty miners trapped in the shaft were reported killed.", [("deaths_total", "40", "exact")]),
    # a participle before the noun is an adjective, not another verb
    ("Twelve armed fishermen suspected of smuggling have been killed.", [("deaths_total", "12", "exact")]),
    ("Thirty displaced Yazidis were wounded.", [("injured", "30", "exact")]),
    # a verb across another number belongs to that number
    ("Fighting killed at least 10 and forced 7,000 people to leave.", [("deaths_total", "10", "at_least")]),
])
def test_who_did_it_is_not_who_it_happened_to(extract, text, expected):
    assert counts(extract(text)) == expected


def test_coordinated_subjects_share_the_verb(extract):
    found = counts(extract("Dozens of workers and at least 12 guards had been killed."))
    assert found == [("deaths_total", "dozens", "vague"), ("deaths_total", "12", "at_least")]


def test_an_age_after_a_name_is_not_a_count(extract):
    found = extract("Maria Ortega, 46, was shot dead outside her shop.")
    assert counts(found) == [("deaths_total", "1", "exact")]
    assert set(found.loc[found["text"] == "46", "unit"]) == {"age"}


def test_a_breakdown_in_the_next_sentence_belongs_to_the_last_total(extract):
    found = extract("At least 30 people were killed in the raid. Among those, eight were children.")
    ev = numbers.event_counts(found).set_index("value")
    assert ev.loc["8", "part_of"] == ev.loc["30", "claim_id"]
    assert ev.loc["8", "category"].endswith(PART_SUFFIX)


def test_a_breakdown_inside_the_subject_belongs_to_the_total(extract):
    found = extract("Nine people including two teachers were killed.")
    ev = numbers.event_counts(found).set_index("value")
    assert ev.loc["9", "category"] == "deaths_total"
    assert ev.loc["2", "part_of"] == ev.loc["9", "claim_id"]


def test_one_victim_told_of_after_a_total_is_one_of_them(extract):
    found = extract("Six people were killed in the raid. The village teacher was killed in front of her pupils.")
    ev = numbers.event_counts(found).set_index("value")
    assert ev.loc["6", "category"] == "deaths_total"
    assert ev.loc["1", "category"] == "deaths_total" + PART_SUFFIX and ev.loc["1", "part_of"] == ev.loc["6", "claim_id"]


# Counts told after a report's total (a later sentence of the same paragraph): break-downs and repeats
# are its parts, kept as rows marked part_of; a larger figure, another day or another paragraph is not.
def events(table):
    """{written number: (category, written number of its total or '')} of the event counts."""
    ev = numbers.event_counts(table)
    written = dict(zip(ev["claim_id"], ev["text"], strict=True))
    return {t: (c, written.get(p, "")) for t, c, p in zip(ev["text"], ev["category"], ev["part_of"], strict=True)}


def test_a_later_sentence_breaking_the_total_down_gives_its_parts(extract):
    text = ("Twelve people were killed in an attack on two villages. "
            "Seven died in the first village and five died in the second.")
    assert events(extract(text)) == {"Twelve": ("deaths_total", ""), "Seven": ("deaths_total" + PART_SUFFIX, "Twelve"),
                                     "five": ("deaths_total" + PART_SUFFIX, "Twelve")}


def test_the_same_figure_again_is_not_a_second_claim(extract):
    text = "Thirty people were killed in the fire. Officials later confirmed that 30 people were killed."
    assert events(extract(text)) == {"Thirty": ("deaths_total", ""), "30": ("deaths_total" + PART_SUFFIX, "Thirty")}


def test_a_larger_later_figure_revises_the_total(extract):
    # deaths only grow (cumulative in the codebook): the earlier figure is inside the revised one
    text = "Eight people were killed in the raid. Police later said 11 people were killed. Four of them were women."
    assert events(extract(text)) == {"Eight": ("deaths_total" + PART_SUFFIX, "11"), "11": ("deaths_total", ""),
                                     "Four": ("deaths_total" + PART_SUFFIX, "11")}


def test_the_victims_set_apart_from_armed_people_are_the_victim_count(extract):
    text = "Fifteen people were killed in the clash. Six soldiers and nine farmers died in the fighting."
    assert events(extract(text)) == {"Fifteen": ("deaths_total", ""), "nine": ("deaths_total", ""),
                                     "Six": ("deaths_total" + PART_SUFFIX, "Fifteen")}


def test_a_count_of_armed_people_holds_no_civilians(extract):
    text = "Troops killed 40 militants near the border. The raid also left three civilians dead."
    # the victims are the civilians; the armed dead are set apart beside them, never a total holding them
    assert events(extract(text)) == {"40": ("deaths_total" + PART_SUFFIX, "three"), "three": ("deaths_total", "")}


def test_another_paragraph_or_another_day_is_another_incident(extract):
    assert events(extract("Twelve people were killed in the north.\n\nIn another province, five people were killed.")
                  ) == {"Twelve": ("deaths_total", ""), "five": ("deaths_total", "")}
    assert events(extract("Nine people were killed in a shooting on Monday. "
                          "Three people were killed in another attack on Wednesday.")
                  ) == {"Nine": ("deaths_total", ""), "Three": ("deaths_total", "")}


def test_other_categories_and_the_table_columns_are_untouched(extract):
    table = extract("Twenty people were killed in the bombing. Four of the dead were children. Eleven were injured.")
    assert list(table.columns) == CLAIM_COLUMNS
    assert events(table) == {"Twenty": ("deaths_total", ""), "Four": ("deaths_total" + PART_SUFFIX, "Twenty"),
                             "Eleven": ("injured", "")}


@pytest.mark.parametrize(("text", "one", "group", "total"), [
    ("Gunmen killed a teacher and three pupils at the school.", "killed", "three", "4"),
    ("A village chief was killed on Sunday along with four of his guards.", "killed", "four", "5"),
])
def test_a_victim_and_a_group_joined_under_one_verb_are_counted_together(extract, text, one, group, total):
    ev = numbers.event_counts(extract(text))
    totals = ev[ev["part_of"] == ""]
    assert list(totals["category"]) == ["deaths_total"] and list(totals["value"]) == [total]
    parts = ev[ev["part_of"] == totals["claim_id"].iloc[0]]
    assert sorted(parts["text"]) == sorted([one, group])
    assert set(parts["category"]) == {"deaths_total" + PART_SUFFIX}


def test_a_victim_in_another_clause_is_not_joined(extract):
    ev = numbers.event_counts(extract("A policeman was killed, while three people died when the bridge collapsed."))
    assert sorted(ev.loc[ev["part_of"] == "", "value"]) == ["1", "3"]


def test_a_total_less_its_armed_part_is_the_victims_count(extract):
    ev = numbers.event_counts(extract("Nine people, including two soldiers, were killed in the ambush."))
    totals = ev[ev["part_of"] == ""]
    assert list(zip(totals["category"], totals["value"], strict=True)) == [("deaths_total", "7")]
    parts = ev[ev["part_of"] != ""]
    nine = parts[parts["value"] == "9"].iloc[0]
    assert nine["part_of"] == totals["claim_id"].iloc[0] and nine["category"] == "deaths_total" + PART_SUFFIX
    assert parts.loc[parts["value"] == "2", "part_of"].tolist() == [nine["claim_id"]]


def test_a_breakdown_naming_the_dead_belongs_to_the_death_toll(extract):
    ev = numbers.event_counts(extract("A bomb killed 10 people and wounded 22. Among the dead were two policemen."))
    ten = ev[(ev["value"] == "10") & (ev["part_of"] != "")].iloc[0]
    assert ev.loc[ev["value"] == "2", "part_of"].tolist() == [ten["claim_id"]]
    totals = ev[ev["part_of"] == ""]
    assert sorted(zip(totals["category"], totals["value"], strict=True)) == [("deaths_total", "8"), ("injured", "22")]


def test_a_vague_count_is_restated_by_the_figure_in_its_paragraph(extract):
    ev = numbers.event_counts(extract("Dozens of people were killed in the clashes. Officials said 43 people died."))
    figure = ev[ev["value"] == "43"].iloc[0]
    assert figure["part_of"] == "" and figure["category"] == "deaths_total"
    vague = ev[ev["value"] == "dozens"].iloc[0]
    assert vague["part_of"] == figure["claim_id"] and vague["category"] == "deaths_total" + PART_SUFFIX
    apart = numbers.event_counts(extract("Dozens of people were killed in the north.\n\nIn the south, 43 people died."))
    assert sorted(apart.loc[apart["part_of"] == "", "value"]) == ["43", "dozens"]
