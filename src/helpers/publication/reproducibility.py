"""What a reader needs to reproduce or audit a run: parameters, input hashes, versions, codebooks as tables."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.config import PROJECT_ROOT, resolve
from helpers.publication.reader_names import measure_for_reader

KEY_PACKAGES = [
    "jupyter-book",
    "myst-nb",
    "sphinx",
    "papermill",
    "nbformat",
    "pandas",
    "numpy",
    "matplotlib",
    "nltk",
    "vaderSentiment",
    "datasketch",
    "itables",
    "pyyaml",
]


def relative(path: str | Path) -> str:
    """A path relative to the project root when it lies inside it (so outputs do not depend on the machine)."""
    p = resolve(path)
    try:
        return str(p.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(p)


def parameters_table(corpus_dir: str, codebook_dir: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"parameter": ["corpus_dir", "codebook_dir"], "value": [relative(corpus_dir), relative(codebook_dir)]}
    )


def package_versions(packages: list[str] = KEY_PACKAGES) -> pd.DataFrame:
    rows = []
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "not installed"
        rows.append({"package": name, "version": version})
    import platform

    rows.append({"package": "python", "version": platform.python_version()})
    return pd.DataFrame(rows)


def alias_table(codebook: Codebook) -> pd.DataFrame:
    forms = codebook.aliases.groupby(["canonical", "form"])["variant"].apply(lambda s: "; ".join(s)).unstack("form")
    table = codebook.entities.merge(forms.reset_index(), on="canonical", how="left").fillna("")
    return table


def actor_label_table(codebook: Codebook) -> pd.DataFrame:
    """Group, who is meant, label, terms, and the modifiers that claim a head noun for the group."""
    rows = []
    for actor, spec in codebook.section("actor_labels").get("targets", {}).items():
        for label, terms in spec.get("labels", {}).items():
            rows.append({"group": spec.get("label", actor), "who is meant": spec.get("actor", ""), "label": label,
                         "terms": ", ".join(map(str, terms)),
                         "modifiers": ", ".join(map(str, spec.get("modifiers", []) or []))})
    return pd.DataFrame(rows, columns=["group", "who is meant", "label", "terms", "modifiers"])


def development_scores(folder: str | Path | None = None) -> pd.DataFrame:
    """Scores on outside development sets, read from ``book/scores/*.json`` when the files exist.

    These JSON files are written by ``python -m helpers evaluate`` and committed by hand; nothing is
    typed into the book. Every numeric value is listed with its path in the file. Returns an empty
    table when there are none, and the book then shows nothing.
    """
    import json

    folder = Path(folder) if folder else PROJECT_ROOT / "book" / "scores"
    rows: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a readable JSON score file ({exc})") from exc
        rows += [{"set": path.stem, "measure": measure_for_reader(key), "value": value}
                 for key, value in _numbers(data)]
    return pd.DataFrame(rows, columns=["set", "measure", "value"])


def _numbers(data: object, prefix: str = "") -> list[tuple[str, float]]:
    """(dotted path, value) for every number in nested JSON (booleans excluded)."""
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in _numbers(v, f"{prefix}{k}." if prefix or k else "")]
    if isinstance(data, list):
        return [item for i, v in enumerate(data) for item in _numbers(v, f"{prefix}{i}.")]
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return [(prefix.rstrip("."), float(data))]
    return []


def quantity_table(codebook: Codebook) -> pd.DataFrame:
    q = codebook.section("quantities")
    preds, nouns = q.get("predicates", {}), q.get("nouns", {})
    rows = []
    for cat, spec in q.get("categories", {}).items():
        rows.append(
            {
                "category": cat,
                "predicate terms": ", ".join(preds.get(spec.get("predicate"), [])),
                "counted nouns": "; ".join(
                    ", ".join(nouns.get(n, [])) if n else "(no noun)" for n in spec.get("nouns", [])
                ),
            }
        )
    rows.append(
        {
            "category": "(excluded contexts)",
            "predicate terms": ", ".join(q.get("exclude_contexts", [])),
            "counted nouns": "",
        }
    )
    return pd.DataFrame(rows, columns=["category", "predicate terms", "counted nouns"])


def boilerplate_table(codebook: Codebook) -> pd.DataFrame:
    rows = []
    for source, book in (
        ("event", codebook.event.get("boilerplate", {})),
        ("general", codebook.general["boilerplate"]),
    ):
        for kind in ("lines", "spans"):
            for entry in book.get(kind, []):
                rows.append(
                    {
                        "codebook": source,
                        "applies to": kind,
                        "kind": entry.get("kind", ""),
                        "pattern": entry.get("pattern", ""),
                        "ends body": bool(entry.get("ends_body", False)),
                    }
                )
    return pd.DataFrame(rows, columns=["codebook", "applies to", "kind", "pattern", "ends body"])


def general_tables(codebook: Codebook) -> dict[str, pd.DataFrame]:
    sv = codebook.section("speech_verbs")
    nw = codebook.section("number_words")
    ql = codebook.section("qualifiers")
    return {
        "Speech cues": pd.DataFrame(
            {
                "kind": ["verbs", "nouns", "phrases", "generic subjects"],
                "words": [", ".join(sv.get(k, [])) for k in ("verbs", "nouns", "phrases", "generic_subjects")],
            }
        ),
        "Vague quantities (value ranges)": pd.DataFrame(
            [{"phrase": k, "low": v[0], "high": v[1]} for k, v in nw.get("vague", {}).items()]
        ),
        "Qualifiers": pd.DataFrame([{"phrase": k, "qualifier": v} for k, v in ql.get("qualifiers", {}).items()]),
        "Qualifier intervals (v = the number as written)": pd.DataFrame(
            [{"qualifier": k, "low": str(v[0]), "high": str(v[1])} for k, v in ql.get("intervals", {}).items()]
        ),
        "Abbreviations for the sentence splitter": pd.DataFrame(
            {"abbreviations": [", ".join(sorted(codebook.abbreviations))]}
        ),
    }


# The rules live in these packages; every upper-case number a module of theirs defines is a setting.
SETTINGS_PACKAGES = ("helpers.text", "helpers.analyses")
# The step of the method a reader knows each module by (the longest matching module prefix wins), in the
# order the method page tells them.
STEPS = {
    "helpers.text": "Cleaning",
    "helpers.text.sentences": "Sentences",
    "helpers.text.names": "Names",
    "helpers.text.roles": "Names",
    "helpers.text.name_groups": "Names",
    "helpers.analyses.declared": "Reuse",
    "helpers.analyses": "Remaining analyses",
    "helpers.analyses.vader": "Tone",
    "helpers.analyses.sentiment": "Tone",
    "helpers.analyses.tone_features": "Tone toward a person",
    "helpers.analyses.tone_model": "Tone toward a person",
    "helpers.analyses.actor_mentions": "Tone toward a person",
    "helpers.analyses.actor_tone": "Tone toward a person",
    "helpers.analyses.group_mentions": "Tone toward a person",
    "helpers.analyses.quotes": "Quotes and speakers",
    "helpers.analyses.quotes.drift": "Quotes across articles",
    "helpers.analyses.numbers": "Numbers",
    "helpers.analyses.numbers.reconcile": "Reconciling numbers",
    "helpers.analyses.provenance": "Reuse",
    "helpers.analyses.near_copies": "Reuse",
    "helpers.analyses.sentence_alignment": "Reuse",
    "helpers.analyses.voice": "Whose words",
}
STEP_ORDER = ["Cleaning", "Sentences", "Names", "Tone", "Tone toward a person", "Quotes and speakers",
              "Quotes across articles", "Numbers",
              "Reconciling numbers", "Reuse", "Whose words", "Remaining analyses"]
# Every setting in plain words, the one place a reader's label for it is written (a test checks that each
# setting has one). None marks a number that changes only speed or memory, not what is found: not shown.
SETTING_WORDS: dict[str, str | None] = {
    "text.sentences.TRAILING_CUE_MAX_WORDS":
        "Words of a speech cue after a quotation's last sentence that keep the cue in that sentence",
    "text.names.ROLE_MAX_MODIFIERS":
        "Words allowed between 'a' or 'the' and a role noun (\"a senior campaign spokesman\")",
    "text.names.TITLE_MAX_QUALIFIERS": "Capitalised words allowed before a title (\"U.S. Secretary of State\")",
    "text.names.HEADING_MIN_WORDS": "All-capital words in a row from which a line is a heading, not a name",
    "text.names.SENTENCE_START_SPAN": "Characters looked back from a name for the end of a sentence",
    "text.name_groups.EXAMPLE_MAX_CHARS": "Characters kept of a name's example sentence in the suggested aliases",
    "text.name_groups.VARIANT_MIN_SIMILARITY":
        "Similarity (0 to 100) from which two spellings differing only in vowels are taken for one name",
    "text.name_groups.VARIANT_MIN_LETTERS":
        "Letters a name must have before two spellings that differ are taken for one name",
    "analyses.declared.CREDIT_LINES": "Lines read at each end of a text for datelines, bylines and wire credits",
    "analyses.vader.EMPHASIS_MAX_EXCLAMATIONS": "Exclamation marks that add emphasis to a sentence's score, at most",
    "analyses.vader.EXCLAMATION_WEIGHT": "Emphasis each exclamation mark adds",
    "analyses.vader.QUESTION_WEIGHT": "Emphasis each question mark adds (from two on)",
    "analyses.vader.QUESTION_MAX_EACH": "Question marks counted one by one; more add a fixed emphasis",
    "analyses.vader.QUESTION_CAP": "The fixed emphasis of many question marks",
    "analyses.actor_mentions.SAME_PERSON_MIN_SIMILARITY":
        "Similarity (0-100) at which two codebook spellings of a person or group one letter apart count as one",
    "analyses.actor_mentions.SAME_ENTRY_MIN_LETTERS":
        "Letters a codebook name must have before a spelling one letter apart is taken for the same entry",
    "analyses.group_mentions.MIN_KEY_LETTERS":
        "Letters a word of a group's name must have to tell two groups with one head noun apart in an article",
    "analyses.actor_tone.N_BOOT": "Bootstrap draws over articles for the interval of tone toward a person",
    "analyses.actor_tone.SEED": "Seed of the bootstrap's random draws (fixed, so two runs give the same interval)",
    "analyses.actor_tone.LEVEL": "Coverage of the interval of tone toward a person",
    "analyses.tone_features.WINDOW": "Words on each side of a person's mention that the tone model reads",
    "analyses.tone_features.NEAR": "Words this close to the mention that the tone model weighs as next to it",
    "analyses.vader.ALPHA": "VADER's constant that maps a sentence's summed valence into -1 to 1",
    "analyses.sentiment.THRESHOLD":
        "Compound score from which a sentence counts as positive (or, below minus it, negative)",
    "analyses.sentiment.BOOT_BATCH_DRAWS": None,  # bootstrap draws per batch: bounds memory
    "text.names.NAMES_CACHED_TEXTS": None,  # texts whose names are kept per process: speed only
    "analyses.quotes.marks.SCARE_MAX_WORDS": "Words up to which a quotation with no speaker is a scare quote",
    "analyses.quotes.phrases.TITLE_MAX_WORDS":
        "Words of a title between a qualifier and the name that ends the phrase (\"said dock union chief Ana Ruiz\")",
    "analyses.quotes.phrases.ABSOLUTE_MAX_WORDS":
        "Adverbs allowed between the subject after \"with\" and its participle (\"with Ana Ruiz loudly shouting\")",
    "analyses.quotes.written.WRITTEN_MAX_WORDS": "Words before a speaker's head that its written phrase may keep",
    "analyses.quotes.written.LOOKBACK_CHARS": "Characters looked back for the word before a speaker's written phrase",
    "analyses.quotes.marks.TAIL_SUBJECT_MAX_WORDS":
        "Words of a speaker before a cue at the end of an unclosed quotation (', Jane Roe said.')",
    "analyses.quotes.cues.AFTER_VERB_MAX_WORDS":
        "Words allowed between a speech verb and the speaker after it (\"said on Monday Jane Roe\")",
    "analyses.quotes.cues.ADDRESSEE_LOOKBACK":
        "Characters looked back from a candidate speaker for a verb that makes it the one spoken to (\"told\")",
    "analyses.voice.REPORTER_MAX_WORDS":
        "Words before a speech verb kept as the speaker of reported speech when no name is written there",
    "analyses.quotes.cues.CUE_AFTER_QUOTE_MAX_WORDS":
        "Words allowed between a closing quotation mark and its speech cue",
    "analyses.quotes.cues.COORDINATED_MAX_WORDS":
        "Words allowed between 'and' and the speech verb it joins (\"and then said\")",
    "analyses.quotes.cues.OWNER_MAX_WORDS":
        "Words allowed between a speaker's possessive and a speech noun (\"Jane Roe's repeated claims\")",
    "analyses.quotes.mentions.LINK_LOOKBACK_WORDS":
        "Words looked back from a name for a preposition that makes it no speaker (\"of Virginia\")",
    "analyses.quotes.mentions.ATTRIBUTIVE_MAX_WORDS":
        "Lower-case words after a name, ending in a role noun, that make the name an adjective",
    "analyses.quotes.layouts.LABEL_MAX_WORDS":
        "Words before a colon that make a speaker label (\"Jane Roe on the budget:\")",
    "analyses.quotes.layouts.SIGNATURE_MAX_WORDS":
        "Words of a line under a quotation that signs it (\"Jane Roe, Portville Harbour Institute.\")",
    "analyses.quotes.drift.GRAM": "Words per sequence used to find the same quotation in other articles",
    "analyses.quotes.drift.LSH_SHARE":
        "Share of the least similarity asked of a quotation pair from which it is a candidate",
    "analyses.quotes.drift.CHANGED_WORDS":
        "Words a quotation may have changed or cut and still be found in another article",
    "analyses.quotes.drift.LOOKUP_PARTNERS": "Quotations looked up per rare word sequence, at most (stock phrases)",
    "analyses.numbers.rules.NOUN_MAX_WORDS":
        "Words allowed between a number and the noun it counts (\"six unarmed Iraqi civilians\")",
    "analyses.numbers.lexicon.FEW_WORDS": None,  # how a word list is searched: speed only
    "analyses.numbers.lexicon.ADDRESS_NAME_WORDS":
        "Capitalised words of a street name between a number and 'Road' (\"12 Harbour Road\")",
    "analyses.numbers.lexicon.BREAKDOWN_GAP_WORDS":
        "Words between a breakdown word and the comma before its count (\"Among those killed, 10 were\")",
    "analyses.numbers.lexicon.MIN_STEM":
        "Letters a word keeps before an ending for the ending to count (\"fled\", not \"red\")",
    "analyses.numbers.lexicon.CONTEXT_WORDS": "Words read before and after a number (unless the codebook sets its own)",
    "analyses.numbers.categorise.COUNT_VERB_MAX_WORDS":
        "Words allowed between a noun before a number and the verb that counts it (\"force would number\")",
    "analyses.numbers.categorise.AGE_MAX": "Largest number read as an age when set off by commas after a name",
    "analyses.numbers.clauses.SUBJECT_MAX_WORDS":
        "Words read after a count for another verb it is the subject of (\"two men with pistols approached\")",
    "analyses.numbers.spans.SINGULAR_GAP_WORDS":
        "Words allowed between a singular verb and what it says (\"has reportedly been killed\")",
    "analyses.numbers.sources.APPOSITIVE_MAX_CHARS":
        "Characters of an aside allowed between a source and its verb (\"the ministry, in a statement, said\")",
    "analyses.numbers.windows.KEPT_SENTENCES": None,  # cache sizes: speed only
    "analyses.numbers.windows.KEPT_MATCHES": None,
    "analyses.numbers.dates.CONTEXT_BEFORE": "Characters before a date read for a deadline word and shown in its note",
    "analyses.numbers.dates.CONTEXT_AFTER": "Characters after a date read for a deadline word and shown in its note",
    "analyses.numbers.reconcile.LISTED_GROUP":
        "Claims in a category up to which a consistent claim's note names the claims it agrees with",
    "analyses.provenance.ALL_PAIRS_MAX_ARTICLES":
        "Articles up to which every pair is compared; above, only candidate pairs",
    "analyses.provenance.LSH_THRESHOLD": "Estimated overlap from which a pair of articles becomes a candidate",
    "analyses.provenance.MATRIX_MAX_ARTICLES": "Articles up to which reuse is drawn as a grid; above, a ranked table",
    "analyses.near_copies.SHINGLE": "Words per overlapping word sequence (shingle) compared between articles",
    "analyses.near_copies.NUM_PERM": "Random orderings per article in its MinHash signature",
    "analyses.near_copies.SEED": "Random seed of the MinHash orderings (fixed, so runs repeat exactly)",
    "analyses.near_copies.SMALL_BUCKET": "Articles sharing a signature band up to which all their pairs are candidates",
    "analyses.near_copies.MAX_PARTNERS": "Most similar candidate articles kept per article",
    "analyses.near_copies.EDGE_CHUNK": None,  # pairs scored per pass: bounds memory
    "analyses.sentence_alignment.ALIGN_RATIO": "Similarity of two sentences' word sequences from which they align",
    "analyses.sentence_alignment.SHARED_SHARE": "Share of the shorter sentence's words two sentences must share to be "
                                                "compared",
}


def setting_constants(packages: tuple[str, ...] = SETTINGS_PACKAGES) -> dict[str, int | float]:
    """Every upper-case number assigned at the top of a module of ``packages`` (``module.NAME`` -> value).

    Read from each module's own source, so a number imported from elsewhere is listed once, where it is set.
    """
    import ast
    import importlib
    import pkgutil

    found: dict[str, int | float] = {}
    for package in packages:
        for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + "."):
            module = importlib.import_module(info.name)
            tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                    if isinstance(node, ast.AnnAssign) else []
                for name in [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]:
                    value = getattr(module, name)
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        found[f"{info.name.removeprefix('helpers.')}.{name}"] = value
    return found


def step_of(module: str) -> str:
    """The method step a module belongs to, for the reader (its longest prefix in :data:`STEPS`)."""
    name = f"helpers.{module}"
    prefixes = [p for p in STEPS if name == p or name.startswith(p + ".")]
    return STEPS[max(prefixes, key=len)] if prefixes else "Remaining analyses"


def setting_value(value: int | float) -> str:
    """A setting as a reader writes it: '2,000,000', '0.05', never '2e+06'."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.6g}"
    return f"{int(value):,}"


def rule_settings(packages: tuple[str, ...] = SETTINGS_PACKAGES) -> pd.DataFrame:
    """Every named number the rules use (windows, thresholds, caps), read from the modules, in plain words.

    The rules' character and word windows are named constants, never bare numbers, so this table is the
    complete list a reader needs to reproduce or question a decision; the values come from the code that
    ran, the words from :data:`SETTING_WORDS`. Numbers that change only speed or memory are left out.
    """
    rows = []
    for key, value in setting_constants(packages).items():
        module, name = key.rsplit(".", 1)
        words = SETTING_WORDS.get(key, name.replace("_", " ").capitalize())  # a test keeps this fallback unused
        if words is not None:
            rows.append({"step": step_of(module), "setting": words,
                         "value": setting_value(value)})
    table = pd.DataFrame(rows, columns=["step", "setting", "value"])
    order = table["step"].map({s: i for i, s in enumerate(STEP_ORDER)}).fillna(len(STEP_ORDER))
    return table.iloc[order.argsort(kind="stable")].reset_index(drop=True)


# What each part of an event codebook feeds, and what the book shows while it is still empty.
CODEBOOK_PARTS = [
    ("aliases.yaml", "entities", "names and their spellings",
     "speakers keep their names as written and fall in the speaker group 'other'; there is no tone toward actors"),
    ("boilerplate.yaml", "lines", "your outlets' site furniture",
     "only the general boilerplate rules and the layout rules clean the articles"),
    ("frames.yaml", "frames", "the frame dictionary", "no frame is measured in chapter 02"),
    ("actor_labels.yaml", "targets", "the words for groups of people", "chapter 02 counts no label"),
    ("quantities.yaml", "categories", "what numbers count",
     "chapter 04 finds no count and types every number as another kind"),
]


def codebook_status(codebook: Codebook) -> pd.DataFrame:
    """Each part of the event codebook: how many entries it holds, and what the book shows while it is empty."""
    sections = {"aliases.yaml": "aliases", "boilerplate.yaml": "boilerplate", "frames.yaml": "frames",
                "actor_labels.yaml": "actor_labels", "quantities.yaml": "quantities"}
    rows = []
    for file, key, what, empty in CODEBOOK_PARTS:
        part = codebook.section(sections[file]) if file != "boilerplate.yaml" else codebook.event.get("boilerplate", {})
        n = len((part or {}).get(key) or [])
        rows.append({"file": file, "holds": what, "entries": n,
                     "while empty": empty if n == 0 else "(not empty)"})
    return pd.DataFrame(rows, columns=["file", "holds", "entries", "while empty"])
