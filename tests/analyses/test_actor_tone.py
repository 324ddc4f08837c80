"""Tone toward actors: mention finding, the model's polarity toward a named target, the bootstrap table.

Every sentence here is invented for the test; none comes from a development set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.analyses.actor_mentions import article_actor_mentions
from helpers.analyses.actor_tone import TONE_COLUMNS, differing_pairs, tone_toward_actors
from helpers.analyses.tone_model import score_mentions
from helpers.inputs.codebook import load_codebook

ALIASES = """entities:
  - canonical: "Orla Brennick"
    type: person
    gender: female
    group: government
    actor: "Orla Brennick"
    variants: ["Orla Brennick"]
  - canonical: "Tomas Wexley"
    type: person
    gender: male
    group: opposition
    actor: "Tomas Wexley"
    variants: ["Tomas Wexley"]
    descriptors: ["the harbour chief"]
"""


@pytest.fixture(scope="module")
def invented_codebook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("codebook")
    (folder / "aliases.yaml").write_text(ALIASES, encoding="utf-8")
    return load_codebook(folder)


def _found(text: str, codebook) -> dict[str, str]:
    return {written: f"{canonical}:{how}" for _, canonical, _, _, written, how
            in article_actor_mentions(text, [(0, len(text))], [], codebook)}


def test_variant_surname_title_descriptor(invented_codebook):
    text = "Orla Brennick opened the bridge. Later Brennick waved. Mr. Wexley stayed home. The harbour chief frowned."
    found = _found(text, invented_codebook)
    assert found["Orla Brennick"] == "Orla Brennick:variant"
    assert found["Brennick"] == "Orla Brennick:surname"
    assert found["Mr. Wexley"] == "Tomas Wexley:title"


def test_role_said_again_is_the_person(invented_codebook):
    text = "Governor Orla Brennick visited the port on Monday. The governor praised the dockers."
    found = _found(text, invented_codebook)
    assert found.get("The governor") == "Orla Brennick:role"


def test_pronoun_resolved_outside_quotes(invented_codebook):
    text = "Tomas Wexley arrived late. He apologised to the crowd."
    found = _found(text, invented_codebook)
    assert found.get("He") == "Tomas Wexley:pronoun"


def test_unmistakable_polarity_toward_a_named_target():
    rows = pd.DataFrame({"text": [
        "Critics condemned Orla Brennick for the disastrous, corrupt and shameful deal.",
        "Orla Brennick was praised as a brilliant, generous and admired leader.",
        "Tomas Wexley was accused of lying and fraud by furious investigators.",
        "Supporters celebrated Tomas Wexley, calling him a wonderful hero.",
    ]})
    rows["start"] = [rows["text"][0].index("Orla"), 0, 0, rows["text"][3].index("Tomas")]
    rows["end"] = rows["start"] + [13, 13, 12, 12]
    scored = score_mentions(rows)
    assert list(scored["label"]) == ["negative", "positive", "negative", "positive"]


def _mentions(outlet_prefix: str) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    ids = [f"{outlet_prefix}{i}" for i in range(12) for _ in range(3)]
    return pd.DataFrame({"article_id": ids, "actor": "Orla Brennick", "score": rng.uniform(-1, 1, len(ids))})


def test_bootstrap_table_columns_and_identical_outlets_overlap():
    a, b = _mentions("a"), _mentions("b")
    b["score"] = a["score"].to_numpy()  # the same articles' tones under another outlet
    scored = pd.concat([a, b], ignore_index=True)
    arts = pd.DataFrame({"article_id": sorted(set(scored["article_id"]))})
    arts["outlet_label"] = np.where(arts["article_id"].str.startswith("a"), "Alpha", "Beta")
    table = tone_toward_actors(scored, arts)
    assert list(table.columns) == TONE_COLUMNS
    one, two = table.iloc[0], table.iloc[1]
    assert one["n_mentions"] == 36 and -1 <= one["mean_tone"] <= 1
    assert one["ci_low"] <= one["mean_tone"] <= one["ci_high"]
    assert one["ci_low"] <= two["ci_high"] and two["ci_low"] <= one["ci_high"]
    assert tone_toward_actors(scored, arts).equals(table)  # fixed seed: the same interval on a rerun


def test_copies_count_once_in_tone_toward_actors():
    # a1 has two mentions at +1; a2 and a3 are one text published twice (one story family), each -1 once.
    scored = pd.DataFrame({"article_id": ["a1", "a1", "a2", "a3"], "actor": "Orla Brennick",
                           "score": [1.0, 1.0, -1.0, -1.0]})
    arts = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet_label": "Alpha"})
    as_published = tone_toward_actors(scored, arts, n_boot=0)
    once = tone_toward_actors(scored, arts, n_boot=0, weights=pd.Series({"a1": 1.0, "a2": 0.5, "a3": 0.5}))
    assert as_published["mean_tone"].iloc[0] == pytest.approx(0.0)
    assert once["mean_tone"].iloc[0] == pytest.approx((2 - 0.5 - 0.5) / 3)
    assert once["n_mentions"].iloc[0] == 4  # mentions are counted as published


def test_differences_stated_only_where_intervals_do_not_overlap():
    table = pd.DataFrame({"outlet": ["Alpha", "Beta", "Gamma"], "actor": "Orla Brennick",
                          "n_mentions": [9, 9, 9], "mean_tone": [-0.5, 0.4, 0.3],
                          "ci_low": [-0.7, 0.2, -0.6], "ci_high": [-0.3, 0.6, 0.7]})
    assert differing_pairs(table) == [("Orla Brennick", "Alpha", "Beta")]


def test_one_article_resamples_its_mentions_and_one_mention_spans_the_scale():
    scored = pd.DataFrame({"article_id": ["a1"] * 4 + ["b1"], "actor": "Orla Brennick",
                           "score": [0.2, 0.4, 0.6, 0.8, 0.9]})
    arts = pd.DataFrame({"article_id": ["a1", "b1"], "outlet_label": ["Alpha", "Beta"]})
    table = tone_toward_actors(scored, arts).set_index("outlet")
    assert 0.2 <= table.loc["Alpha", "ci_low"] < 0.5 < table.loc["Alpha", "ci_high"] <= 0.8
    assert (table.loc["Beta", "ci_low"], table.loc["Beta", "ci_high"]) == (-1.0, 1.0)
    assert differing_pairs(table.reset_index()) == []


def test_exported_table_has_exactly_the_promised_columns():
    from helpers.pipeline.registry import declared

    table = declared("tone_toward_actors")
    assert table.fixed_columns == TONE_COLUMNS == ["outlet", "actor", "n_mentions", "mean_tone", "ci_low", "ci_high"]
    assert table.export == "csv" and "story_families" in table.needs
    assert declared("actor_mentions").stage == "chunk"


def test_finding_states_only_non_overlapping_differences():
    from helpers.publication.actor_tone_plot import actor_tone_finding

    table = pd.DataFrame({"outlet": ["Alpha", "Beta", "Gamma"], "actor": "Orla Brennick",
                          "n_mentions": [9, 9, 9], "mean_tone": [-0.5, 0.4, 0.3],
                          "ci_low": [-0.7, 0.2, -0.6], "ci_high": [-0.3, 0.6, 0.7]})
    text = actor_tone_finding(table)
    assert "toward Orla Brennick, Alpha lower (more negative) than Beta" in text and "Gamma" not in text
    overlapping = table.assign(ci_low=-1.0, ci_high=1.0)
    assert "do not show one outlet" in actor_tone_finding(overlapping)
