"""Normalisation rules, with expectations written by hand from reading the seeds."""

from __future__ import annotations

import pytest
from conftest import seed_id

from helpers.text.normalise import (
    count_words,
    normalise_text,
    sentence_tokenizer,
    split_sentences,
)
from helpers.text.spellings import name_variants


def removed(seeds, prefix):
    bp = seeds.boilerplate
    return bp[bp["article_id"] == seed_id(prefix)]


# (seed, kind, start of the removed line) -- read off the raw files by hand
EXPECTED_BOILERPLATE = [
    ("000", "masthead", "- The Washington Times - Thursday, January 6, 2022"),
    ("000", "wire_credit", "— This article was based in part on wire service reports."),
    ("000", "author_contact", "• David R. Sands can be reached at"),
    ("000", "copyright", "Copyright © 2022 The Washington Times, LLC."),
    ("000", "comment_prompt", "Please read our comment policy"),
    ("000", "comment_prompt", "Click to Read More and View Comments"),
    ("000", "comment_prompt", "Click to Hide"),
    ("001", "html_comment", "<!– Temp removal of in article reco\nEnd comment –>"),
    ("002", "site_chrome", "Digital Agency"),
    ("002", "headline", "Kazakhstan Protests: Russia Sends Troops as Dozens Killed in Unrest"),
    ("002", "byline", "Written by publishing team"),
    ("002", "caption", "Protesters clashed with Kazakh security forces in Almaty"),
    ("002", "photo_credit", "Alexander Platonov/AFP/Getty Images"),
    ("002", "caption", "The mayor’s office in Almaty was set on fire during the unrest."),
    ("002", "photo_credit", "Valery Shrifalin / Zuma Press"),
    ("002", "caption", "Russian troops left for Kazakhstan on Thursday."),
    ("002", "photo_credit", "Russian Ministry of Defense / Zuma Press"),
    ("002", "caption", "Protesters at a rally in Almaty on Wednesday."),
    ("002", "photo_credit", "Abdul Aziz Madiyarov/AFP/Getty Images"),
    ("002", "author_contact", "write to Ann M Simmons at and James Marson at"),
    ("002", "copyright", "Copyright © 2022 Dow Jones & Company, Inc."),
    ("002", "about_author", "About the author"),
    ("003", "site_chrome", "Accessibility links"),
    ("003", "site_chrome", "Breaking News"),
    ("003", "headline", "U.S. Has Questions About Kazakhstan’s Request For CSTO Troops"),
    ("003", "caption", "Russian troops board a plane before deploying to Kazakhstan"),
    ("003", "wire_credit", "With reporting by RFE/RL's Kazakh Service, AFP, AP, dpa, and Reuters"),
    ("003", "image_placeholder", "• 16x9 Image"),
    ("003", "promo_footer", "RFE/RL journalists report the news in 27"),
    ("003", "promo_footer", 'RFE/RL has been declared an "undesirable organization"'),
    ("003", "promo_footer", "If you are in Russia or the Russia-controlled parts of Ukraine"),
    ("003", "read_more", "To find out more, click here."),
    ("004", "wire_credit", "With reporting by RFE/RL’s Kazakh Service, AFP, AP, dpa, Reuters, and Kommersant."),
]


@pytest.mark.parametrize(("prefix", "kind", "start"), EXPECTED_BOILERPLATE)
def test_seed_boilerplate_removed(seeds, prefix, kind, start):
    spans = removed(seeds, prefix)
    hits = spans[spans["text"].str.startswith(start)]
    assert not hits.empty, f"{prefix}: no removed span starts with {start!r}"
    assert kind in set(hits["kind"]), f"{prefix}: {start!r} removed as {set(hits['kind'])}"


def test_repeated_lines_all_removed(seeds):
    spans = removed(seeds, "002")
    assert (spans["text"] == "Kazakhstan Protests: Russia Sends Troops as Dozens Killed in Unrest").sum() == 2
    assert (spans["text"] == "Digital Agency").sum() == 1


def test_no_story_text_removed(seeds):
    # the first and last story paragraphs of each seed survive cleaning
    keep = {
        "000": ("Secretary of State Antony J. Blinken spoke", 'seizure of Kazakh institutions."'),
        "001": ("Secretary of State Antony J. Blinken spoke", "used by the protesters."),
        "002": ("MOSCOW - Russia has sent paratroopers", 'there is no law enforcement."'),
        "003": ("WASHINGTON -- U.S. Secretary of State", "nationalized by the Kazakh government."),
        "004": ("More troops from a Russia-led military alliance", 'under the Russian strategic umbrella."'),
    }
    for prefix, (first, last) in keep.items():
        text = seeds.documents[seed_id(prefix)].clean_text
        assert text.startswith(first), prefix
        assert text.endswith(last), (prefix, text[-80:])


def test_kept_information(seeds):
    info = " | ".join(seeds.boilerplate["info"])
    assert "owner=The Washington Times, LLC" in info
    assert "owner=Dow Jones & Company, Inc" in info
    assert "author=Ann M Simmons; coauthor=James Marson" in info
    assert "wire=RFE/RL's Kazakh Service, AFP, AP, dpa, and Reuters" in info


def test_broken_paragraph_rejoined(seeds):
    text = seeds.documents[seed_id("002")].clean_text
    assert "American oil giant Chevron corp., which owns 50% in the joint venture" in text


def test_character_mapping_and_offsets(seeds, seed_articles):
    raw = dict(zip(seed_articles["article_id"], seed_articles["raw_text"], strict=True))
    for aid, doc in seeds.documents.items():
        assert "\u201c" not in doc.clean_text and "\u2019" not in doc.clean_text
        # every clean character comes from the raw character its offset names
        for i in range(0, len(doc.clean_text), 7):
            c, r = doc.clean_text[i], raw[aid][doc.offsets[i]]
            assert c == r or c in " \n'\"-." or r in "\n\u00a0", (aid, i, c, r)
    s = seeds.sentences.iloc[0]
    assert raw[s["article_id"]][s["start"] : s["end"]].startswith("Secretary of State Antony J. Blinken")


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Blinken spoke with Gen. Smith on Jan. 6 about U.S. policy and left.",
        "Secretary of State Antony J. Blinken spoke by telephone on Thursday.",
        'He said: "Order has been restored. The bandits will be destroyed." Then he left the room.',
    ],
)
def test_sentence_splitting_keeps_one_sentence(codebook, text):
    tok = sentence_tokenizer(codebook)
    spans = split_sentences(text, tok)
    if text.startswith("He said"):
        assert len(spans) == 2 and text[spans[0][0] : spans[0][1]].endswith('destroyed."')
    else:
        assert len(spans) == 1, [text[a:b] for a, b in spans]


def test_sentences_split_at_real_boundaries(codebook):
    tok = sentence_tokenizer(codebook)
    text = "Protests began on Sunday. Police fired tear gas. Dozens were detained."
    assert len(split_sentences(text, tok)) == 3


def test_mangled_html_and_tags(codebook):
    raw = (
        "Police said 12 people were detained in the city on Friday night after clashes.\n"
        '<!-- ad slot -->\n<div class="x">Officials said <b>more</b> arrests would follow soon.</div>\n'
        "<!– Temp removal\nEnd comment –>\nThe curfew remains in force across the whole region tonight.\n"
    )
    doc = normalise_text("t", raw, codebook)
    assert "<" not in doc.clean_text and "ad slot" not in doc.clean_text and "Temp removal" not in doc.clean_text
    assert "Officials said more arrests would follow soon." in doc.clean_text
    kinds = {s.kind for s in doc.boilerplate}
    assert {"html_comment", "html_tag"} <= kinds


def test_name_variants_by_outlet(seeds, codebook):
    v = name_variants(seeds, codebook)
    tok = v[v["canonical"] == "Kassym-Jomart Tokayev"]
    spelled = dict(zip(tok["variant"] + "@" + tok["article_id"].str[:3], tok["count"], strict=True))
    assert spelled["Kassim-Jomart Tokayev@000"] == 1
    assert spelled["Qasym-Zhomart Toqaev@001"] == 1
    assert spelled["Kassym-Jomart Tokayev@002"] == 1
    assert spelled["Qasym-Zhomart Toqaev@003"] == 1
    assert "Anthony Blinken@002" in set(v["variant"] + "@" + v["article_id"].str[:3])
    assert codebook.canonical("CTSO") == "Collective Security Treaty Organization"
    assert codebook.canonical("Nazarbaev") == "Nursultan Nazarbayev"
    assert codebook.canonical("Mr. Blinken") == "Antony Blinken"


def test_count_words():
    assert count_words("Kassym-Jomart Tokayev's 2,500-troop force") == 5


def test_paragraphs_spaces_and_offsets(codebook):
    # invented: a paragraph broken mid-sentence, runs of spaces, a space left before a comma and a colon,
    # mapped characters (curly quotes, dash, non-breaking space, ellipsis) and a blank line between paragraphs
    raw = (
        "The  mayor\u00a0 of Riverton said the bridge would reopen on Monday after repairs were finished.\n"
        "   \n"
        "\u201cWe are nearly done   ,\u201d she told   reporters ; the council\n"
        "approved the money \u2014 all of it : three million.\n"
        "Residents waited\u2026 and waited.\n"
    )
    doc = normalise_text("t", raw, codebook)
    assert doc.clean_text == (
        "The mayor of Riverton said the bridge would reopen on Monday after repairs were finished.\n\n"
        '"We are nearly done," she told reporters; the council approved the money - all of it: three million.\n\n'
        "Residents waited... and waited."
    )
    assert [doc.clean_text[s:e][:12] for s, e in doc.paragraphs] == ["The mayor of", '"We are near', "Residents wa"]
    assert len(doc.offsets) == len(doc.clean_text)
    for pos, ch in enumerate(doc.clean_text):
        if ch == "\n":  # a separator points at the raw line break just before the next paragraph
            nxt = next(s for s, _ in doc.paragraphs if s > pos)
            assert raw[doc.offsets[pos]] == "\n" and doc.offsets[nxt] == doc.offsets[pos] + 1
        elif ch in "\"-.":
            assert raw[doc.offsets[pos]] in {ch, "\u201c", "\u201d", "\u2014", "\u2026"}
        else:
            assert raw[doc.offsets[pos]] in {ch, "\u00a0", "\n"}
    s, e = doc.raw_span(*doc.paragraphs[1])
    assert raw[s:e].startswith("\u201cWe are") and raw[s:e].endswith("three million.")
