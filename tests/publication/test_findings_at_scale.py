"""At hundreds of outlets and thousands of reuse pairs, findings summarise instead of listing every name.

Each test builds an invented table far past the cap and checks that the sentence counts what it left out
and lists only a few examples; a small table must still list every item (the cap must not trigger).
"""

from __future__ import annotations

import pandas as pd

from helpers.publication import findings as f

N_OUTLETS = 120


def outlets(n):
    return [f"Outlet {i:03d}" for i in range(n)]


def test_separated_tone_pairs_are_counted_not_listed():
    # outlet i has mean i/100 and a narrow interval: every pair of outlets two apart is separated
    rows = [(o, i / 100, i / 100 - 0.004, i / 100 + 0.004) for i, o in enumerate(outlets(N_OUTLETS))]
    text = f.tone_finding(pd.DataFrame(rows, columns=["outlet", "mean_compound", "ci_low", "ci_high"]))
    pairs = N_OUTLETS * (N_OUTLETS - 1) // 2
    assert f"Of the {pairs:,} pairs of outlets, {pairs:,} differ" in text
    assert "the widest gaps: Outlet 000 is more negative than Outlet 119" in text  # the widest gap comes first
    assert text.count("is more negative than") == 2  # three gaps, two of them with Outlet 000: one clause each
    assert "arise by chance" in text and "not corrected for multiple comparisons" in text


def test_widest_gaps_name_each_more_negative_outlet_once():
    rows = [("Outlet Low", -0.5, -0.52, -0.48)] + [(f"Outlet {i}", 0.1 * i, 0.1 * i - 0.01, 0.1 * i + 0.01)
                                                  for i in range(1, 7)]
    text = f.tone_finding(pd.DataFrame(rows, columns=["outlet", "mean_compound", "ci_low", "ci_high"]))
    assert "the widest gaps: Outlet Low is more negative than Outlet 6, Outlet 5 and Outlet 4." in text
    assert text.count("Outlet Low") == 1
    assert "arise by chance" in text  # 21 comparisons


def reuse_pairs(n, same_outlet=False):
    names = {f"a{i}": f"Outlet {i:03d}" for i in range(2 * n)}
    if same_outlet:
        names = {a: "Outlet 000" for a in names}
    reuse = pd.DataFrame({"article_a": [f"a{i}" for i in range(n)], "article_b": [f"a{n + i}" for i in range(n)],
                          "relation": ["copy", "derived"] * (n // 2), "earlier": [f"a{i}" for i in range(n)],
                          "containment_ab": [i / n for i in range(n)], "containment_ba": 0.0})
    articles = pd.DataFrame({"article_id": list(names), "outlet_label": list(names.values())})
    families = pd.DataFrame({"article_id": list(names), "family": [f"f{i % n}" for i in range(2 * n)]})
    return reuse, families, articles


def test_many_copies_are_summarised_with_the_closest_examples():
    reuse, families, articles = reuse_pairs(200)
    out = f.provenance_finding(reuse, families, articles)
    assert len(out) == 2 + f.LIST_MAX
    assert out[1].startswith("100 pairs of articles are word-for-word copies and 100 pairs are rewrites "
                             "(republished with edits)")
    assert "reuse.csv lists every one" in out[1]
    assert "a199" in out[2]  # the closest pair (largest containment) is the first example


def test_many_republishers_and_updates_are_summarised():
    reuse, _, articles = reuse_pairs(200)
    declared = pd.DataFrame({"article_id": [f"a{i}" for i in range(30)], "declared_origin": "Wire Service"})
    out = f.republisher_findings(declared, reuse, articles)
    assert out[0].startswith("30 articles carry another newsroom's text") and "declared_origin.csv" in out[0]
    summary = out[1 + f.LIST_MAX]
    assert summary.startswith("200 articles of 200 outlets republish the text of another outlet's article")
    assert len(out) == 2 * (1 + f.LIST_MAX)
    reuse, _, articles = reuse_pairs(50, same_outlet=True)
    out = f.update_findings(reuse, articles)
    assert out[0].startswith("50 pairs of articles from one outlet share passages") and len(out) == 1 + f.LIST_MAX


def test_few_pairs_are_all_listed():
    reuse, families, articles = reuse_pairs(4)
    out = f.provenance_finding(reuse, families, articles)
    assert len(out) == 1 + 4 and "copies" in out[1]


def test_altered_quotes_in_many_outlets_are_counted():
    quotes = pd.DataFrame({"kind": ["full"] * 3, "speaker": ["A", "B", ""]})
    variants = pd.DataFrame({"cluster_id": [1] * N_OUTLETS, "relation": "altered", "outlet": outlets(N_OUTLETS)})
    text = f.quotes_finding(quotes, variants)[1]
    assert text.endswith(f"printings in {N_OUTLETS} outlets change, add or drop words inside the quotation marks.")
    assert "Outlet 001" not in text


def test_quote_versions_are_counted_as_printings_of_few_quotations():
    """'28 quotations ... 22,895 versions changed words' read as 22,895 versions of 28 quotations; the sentence
    counts printings, says what they are compared with, and counts each relation."""
    quotes = pd.DataFrame({"kind": ["full"] * 3, "speaker": ["A", "B", ""]})
    relations = ["altered"] * 6 + ["trimmed"] * 3 + ["identical"] * 2
    variants = pd.DataFrame({"cluster_id": ["c0"] * 5 + ["c1"] * 6, "relation": relations,
                             "outlet": [f"Outlet {i % 2}" for i in range(11)]})
    text = f.quotes_finding(quotes, variants)[1]
    assert text.startswith("Two quotations are printed by more than one article, 11 times in all.")
    assert "fullest printing of its quotation" in text
    assert "six printings (Outlet 0 and Outlet 1) change, add or drop words" in text
    assert "three printings cut the quotation short" in text and "two are the same word for word" in text
    one = f.quotes_finding(quotes, variants.head(3).assign(relation=["altered", "identical", "identical"]))[1]
    assert one.startswith("One quotation is printed by more than one article, three times in all.")
    assert "one printing (Outlet 0) changes, adds or drops words" in one
    same = f.quotes_finding(quotes, variants.head(2).assign(relation="identical"))[1]
    assert same.endswith("two times in all; every printing is word for word the same inside the quotation marks.")


def test_repeated_dates_are_counted_once():
    rec = pd.DataFrame({"group": ["deaths"], "status": ["single"]})
    anomalies = pd.DataFrame({"text": ["June 5"] * 573 + ["May 1"] * 2 + [f"March {d}" for d in range(1, 20)]})
    text = f.numbers_finding(rec, anomalies)[-1]
    assert text.startswith("594 dates in the texts fall outside the event's window: “June 5” (573 times), "
                           "“May 1” (two times)")
    assert text.endswith("and 16 other dates.") and text.count("“") == f.LIST_MAX


def test_labels_of_one_outlet_are_capped():
    names = outlets(N_OUTLETS)
    counts = pd.DataFrame({"outlet": names, "actor": "crowd", "label": [f"word{i}" for i in range(N_OUTLETS)],
                           "count": range(1, N_OUTLETS + 1)})
    (text,) = f.labels_finding(counts, {})
    assert f"and {N_OUTLETS - f.LIST_MAX} other labels." in text
    assert "“word119” (Outlet 119)" in text  # the most used first


def test_outlet_facts_are_summarised_in_one_sentence():
    missing = "not recorded in the event codebook"
    table = pd.DataFrame({"outlet": outlets(500), "articles": 3, "based": missing, "newsroom": missing})
    text = f.outlet_facts_finding(table)
    assert text.startswith("The event codebook does not record where any of the 500 outlets is based")
    table.loc[:9, "based"] = "Somewhere"
    assert f.outlet_facts_finding(table).startswith("The event codebook records neither base nor newsroom for 490 "
                                                    "outlets of 500")


def test_longest_article_is_named_only_when_it_is_alone():
    import pandas as pd

    from helpers.publication.findings import longest_article_finding

    one = pd.DataFrame({"article_id": ["a1", "b2"], "outlet_label": ["Valley Courier", "Hill Times"],
                        "n_sentences": [4, 9]})
    assert longest_article_finding(one) == "The longest article is article b2 (Hill Times), with nine sentences."
    tied = pd.DataFrame({"article_id": [f"x{i}" for i in range(92)], "outlet_label": ["Hill Times"] * 92,
                         "n_sentences": [21] * 92})
    assert longest_article_finding(tied) == "92 articles share the most sentences, 21 each."
    assert longest_article_finding(one.iloc[0:0]) == "No article has sentences."


def test_the_outlets_table_is_worth_showing_only_with_a_recorded_fact():
    import pandas as pd

    from helpers.publication.findings import NOT_RECORDED, any_outlet_fact

    none = pd.DataFrame({"outlet": ["A", "B"], "articles": [1, 2], "based": [NOT_RECORDED] * 2,
                         "newsroom": [NOT_RECORDED] * 2})
    assert not any_outlet_fact(none)
    assert any_outlet_fact(none.assign(based=["Harbour City", NOT_RECORDED]))
