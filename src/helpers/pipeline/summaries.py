"""The summary tables: what the chapters show, computed once per run from the per-article tables.

Each function produces one table declared in ``registry.yaml`` (stage ``summary``) from a
:class:`~helpers.pipeline.registry.TableStore`. The driver computes them all after the corpus stage and
before any notebook runs; a chapter asks for one and never recomputes it, and no chapter reads another's
CSV. The functions only join the analyses' own functions to the tables they need.
"""

from __future__ import annotations

import pandas as pd

from helpers.pipeline.registry import TableStore


def make_articles(store: TableStore) -> pd.DataFrame:
    """Every input file with its status, its counts after cleaning and what its text declares about its origin."""
    from helpers.pipeline.per_article import COUNT_COLUMNS

    counts = store["article_counts"]
    out = store["corpus"].merge(counts, on="article_id", how="left", validate="one_to_one")
    out = out.fillna(dict.fromkeys(COUNT_COLUMNS, 0)).astype(dict.fromkeys(COUNT_COLUMNS, "int64"))
    declared = store["declared_origin"][["article_id", "declared_origin", "wire_credits", "copyright_owner"]]
    out = out.merge(declared, on="article_id", how="left", validate="one_to_one")
    return out.fillna({"declared_origin": "", "wire_credits": "", "copyright_owner": ""})


def _usable(store: TableStore) -> pd.DataFrame:
    from helpers.inputs.corpus import usable

    return usable(store["articles"])


def make_outlet_colours(store: TableStore) -> pd.DataFrame:
    """The one outlet-colour map of the run, from its own corpus."""
    from helpers.publication.style import outlet_colours as colours

    found = colours(_usable(store))
    return pd.DataFrame({"outlet": list(found), "colour": list(found.values())})


def make_name_variants(store: TableStore) -> pd.DataFrame:
    from helpers.text.spellings import name_variants as tally

    return tally(store["name_spellings"], store.codebook)


def make_suggested_aliases(store: TableStore) -> pd.DataFrame:
    from helpers.text.name_groups import suggest_aliases

    return suggest_aliases(store["name_mentions"], store.codebook)


def make_story_families(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.story_families import story_families as families

    return families(store["reuse"], sorted(_usable(store)["article_id"]))


def make_sentiment_by_article(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.sentiment import article_scores

    return article_scores(store["sentences"], _usable(store))


def make_sentiment_by_outlet(store: TableStore) -> pd.DataFrame:
    """Tone by outlet with its bootstrap interval, and its mean with one vote per story family."""
    from helpers.analyses.sentiment import outlet_scores

    scored, arts = store["sentences"], _usable(store)
    weights = store["story_families"].set_index("article_id")["weight"]
    by_outlet = outlet_scores(scored, arts)
    by_family = outlet_scores(scored, arts, weights=weights, n_boot=0)  # only its means are shown
    return by_outlet.assign(mean_compound_one_vote_per_family=by_family["mean_compound"].to_numpy())


def make_sentiment_by_voice(store: TableStore) -> dict[str, pd.DataFrame]:
    """Tone by outlet and voice, and across outlets by voice (by article and one vote per story family)."""
    from helpers.analyses import copies, voice
    from helpers.pipeline.per_article import outlet_mask

    arts = _usable(store)
    outlets = tuple(sorted(store.outlets))  # every outlet the corpus declares, as the sentences were masked
    scored = copies.score_parts(store["voice_parts"], outlet_mask(store.codebook, outlets), store["sentences"])
    return {"sentiment_by_voice": voice.voice_scores(scored, arts, None),
            "sentiment_by_voice_overall": copies.voice_overall(scored, store["story_families"], voice.VOICES)}


def make_tone_validation(store: TableStore) -> dict[str, pd.DataFrame]:
    """VADER's labels against the study's hand-coded tone sample (empty tables when the study has none)."""
    from helpers.evaluation import tone
    from helpers.pipeline.per_article import outlet_mask

    gold = store["gold_tone"]
    if gold.empty:
        return {"tone_validation": _empty("tone_validation"), "tone_confusion": _empty("tone_confusion")}
    agreement, confusion = tone.tone_agreement(gold, store["sentences"], outlet_mask(store.codebook, store.outlets))
    return {"tone_validation": agreement, "tone_confusion": _flat(confusion)}


def _empty(name: str) -> pd.DataFrame:
    from helpers.pipeline.registry import declared

    return pd.DataFrame({c: pd.Series(dtype=object) for c in declared(name).fixed_columns})


def _test_set(store: TableStore, gold: pd.DataFrame) -> str:
    """How a score's text is named: the study, how many of its articles the gold covers, and what kind of score."""
    folder = _study(store)
    kind = folder.gold_kind if folder is not None else "in-sample"
    return f"{folder.name if folder else 'this study'}: {gold['article_id'].nunique()} articles ({kind})"


def _flat(confusion: pd.DataFrame) -> pd.DataFrame:
    """A confusion matrix as a table: the hand label in column ``hand``, one column per predicted label."""
    out = confusion.copy()
    out.columns = [str(c) for c in out.columns]
    out.index = [str(i) for i in out.index]
    return out.rename_axis("hand").reset_index()


def make_word_shift(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.sentiment import word_shift as shift

    return shift(store["sentences"], _usable(store))


def make_sentiment_toward_actors(store: TableStore) -> pd.DataFrame:
    from helpers.analyses import sentiment
    from helpers.publication.findings import in_words

    scored = store["sentences"]
    mentions = sentiment.actor_mentions(scored, store.codebook)
    toward = sentiment.sentiment_toward_actors(scored, mentions, _usable(store))
    names = store.codebook.section("aliases").get("actor_names", {})
    return toward.assign(actor=toward["actor"].map(lambda a: in_words(a, names)))


def make_tone_toward_actors(store: TableStore) -> pd.DataFrame:
    """The tone model's tone toward each actor by outlet, copies counted once (the run's story families)."""
    from helpers.analyses.actor_tone import tone_toward_actors as toward
    from helpers.publication.findings import in_words

    weights = store["story_families"].set_index("article_id")["weight"]
    table = toward(store["actor_mentions"], _usable(store), weights=weights)
    names = store.codebook.section("aliases").get("actor_names", {})
    return table.assign(actor=table["actor"].map(lambda a: in_words(a, names)))


def make_framing_by_outlet(store: TableStore) -> pd.DataFrame:
    """Frames by outlet, counting only the terms an outlet wrote in its own voice (a quoted term is its speaker's)."""
    from helpers.analyses.framing import framing_by_outlet as by_outlet

    hits = store["frame_hits"]
    own = hits[hits["voice"] == "own"] if "voice" in hits.columns else hits
    return by_outlet(own, store["sentences"], _usable(store), store.codebook)


def make_frame_sentences(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.framing import sentence_frames

    return sentence_frames(store["sentences"], store["frame_hits"])


def make_frame_validation(store: TableStore) -> dict[str, pd.DataFrame]:
    """The frame dictionary against the study's hand-coded sentences (empty tables when the study has none)."""
    from helpers.evaluation import validation

    gold = store["gold_frames"]
    if gold.empty:
        return {n: _empty(n) for n in ("frame_validation", "frame_confusion", "frame_validation_overall")}
    scores, confusion, micro = validation.frame_scores(gold, store["sentences"], store["frame_hits"], store.codebook)
    scores.insert(0, "test_set", _test_set(store, gold))
    overall = pd.DataFrame([{k: micro[k] for k in ("n_sentences", "precision", "recall", "f1")}])
    return {"frame_validation": scores, "frame_confusion": _flat(confusion), "frame_validation_overall": overall}


def make_actor_label_hits(store: TableStore) -> pd.DataFrame:
    """Every label as written, with its voice: the outlet's own words or a quotation (and its speaker)."""
    from helpers.analyses import labels
    from helpers.analyses.voice import with_voice

    sentences = store["sentences"]
    found = labels.label_hits(sentences, _usable(store), store.codebook)
    at = found.assign(_at=found["end"] - 1)  # the label's last letter: its modifiers may stand outside the quote
    return with_voice(at, sentences, store["quotes"], offset="_at", codebook=store.codebook).drop(columns="_at")


def make_actor_labels(store: TableStore) -> pd.DataFrame:
    from helpers.analyses import labels

    return labels.label_counts(store["actor_label_hits"])


def make_keyness(store: TableStore) -> pd.DataFrame:
    from helpers.analyses import framing

    counts = framing.term_counts(store["sentences"], _usable(store), store.codebook.stopwords)
    return framing.fightin_words(counts, min_count=2)


def make_quote_variants(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.quotes import quote_variants as variants

    return variants(store["quotes"])


def make_who_gets_quoted(store: TableStore) -> pd.DataFrame:
    """Quotes and words by outlet and speaker group, as published and with one vote per story family."""
    from helpers.analyses.copies import weighted_counts
    from helpers.analyses.quotes import who_gets_quoted as who

    found, keys = store["quotes"], ["outlet", "speaker_group"]
    once = weighted_counts(found, store["story_families"], keys, "n_words")
    once = once.rename(columns={"rows_one_vote_per_family": "quotes_one_vote_per_family",
                                "n_words_one_vote_per_family": "words_one_vote_per_family"})
    return who(found).merge(once, on=keys, how="left")


def make_quote_validation(store: TableStore) -> pd.DataFrame:
    from helpers.evaluation import validation

    gold = store["gold_quotes"]
    if gold.empty:
        return _empty("quote_validation")
    return pd.DataFrame([validation.study_quote_scores(gold, store["quotes"], _test_set(store, gold))])


def make_event_counts(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import event_counts as counts

    return counts(store["numbers"])


def make_anomalies(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import date_anomalies

    return date_anomalies(store["dates"], store.codebook)


def make_report_dates(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import report_dates as when

    return when(_usable(store), store["dates"], store["anomalies"])


def make_reconciliation(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import reconcile

    return reconcile(store["event_counts"], store["report_dates"], store.codebook, families=store["story_families"])


def make_reconciliation_summary(store: TableStore) -> pd.DataFrame:
    from helpers.analyses.numbers import summary

    return summary(store["reconciliation"])


def make_number_validation(store: TableStore) -> pd.DataFrame:
    from helpers.evaluation import validation

    gold = store["gold_numbers"]
    if gold.empty:
        return _empty("number_validation")
    return pd.DataFrame([validation.study_number_scores(gold, store["numbers"], _test_set(store, gold))])


def make_reuse_effect(store: TableStore) -> pd.DataFrame:
    """Corpus-level measures per article and with one vote per story family."""
    from helpers.analyses import story_families as families

    per_article = families.per_article_measures(store["sentiment_by_article"], store["frame_sentences"],
                                                store["quotes"])
    measures = [c for c in per_article.columns if c != "article_id"]
    return families.one_vote_per_family(per_article, store["story_families"], measures)


def _study(store: TableStore):
    """The study folder of the run (None for a corpus run without one)."""
    from helpers.inputs.study_folder import read_study

    root = store.settings.get("study")
    return read_study(root) if root else None  # type: ignore[arg-type]


def _gold(store: TableStore, name: str) -> pd.DataFrame:
    """The study's ``gold/NAME.csv`` as written (an empty table with the declared columns when it has none)."""
    folder = _study(store)
    path = folder.gold_file(name) if folder is not None else None
    if path is None:
        return _empty(f"gold_{name}")
    ids = name in ("frames", "tone", "actor_tone")
    return pd.read_csv(path, keep_default_na=False, dtype={"sentence_id": "int64"} if ids else None)


def make_gold_quotes(store: TableStore) -> pd.DataFrame:
    return _gold(store, "quotes")


def make_gold_numbers(store: TableStore) -> pd.DataFrame:
    return _gold(store, "numbers")


def make_gold_frames(store: TableStore) -> pd.DataFrame:
    return _gold(store, "frames")


def make_gold_tone(store: TableStore) -> pd.DataFrame:
    return _gold(store, "tone")


def make_gold_actor_tone(store: TableStore) -> pd.DataFrame:
    return _gold(store, "actor_tone")


def make_actor_tone_validation(store: TableStore) -> pd.DataFrame:
    """The tone model toward each actor against the study's hand coding (empty when the study has none)."""
    from helpers.evaluation.actor_tone_gold import actor_tone_scores, check_actor_tone_gold

    gold = store["gold_actor_tone"]
    if gold.empty:
        return _empty("actor_tone_validation")
    folder = _study(store)  # gold exists only in a study folder
    check_actor_tone_gold(gold, set(store.codebook.entity_info), str(folder.gold_file("actor_tone")))
    said = (folder.facts.get("gold_annotation") or {}).get("annotators") or "an annotator the study does not name"
    label = f"{folder.gold_kind}: the study's hand-coded sentences, coded by {str(said).split(' (')[0]}"
    return actor_tone_scores(gold, store["actor_mentions"], label)
