"""What each codebook file may hold: one JSON Schema per file, and errors a researcher can act on.

A misspelt key (``entites:``, ``term:``) or a value of the wrong shape (``terms: riot``, which Python would
iterate letter by letter) used to be ignored or to fail deep inside an analysis. Every file is checked
against its schema when the codebook loads; the first problem becomes one line naming the file, the path
inside it (``frames.riot.terms``) and what is wrong, with the nearest valid key for an unknown one.

The event files are strict: every key is listed. The general (language) files accept a new key that holds
a word list, a text or a mapping of word lists without a schema change, so that a list added for a new
rule loads at once; only a new key that is one letter or two away from a known one is refused, as the
misspelling it most likely is. A key of another shape is added with one line in :data:`GENERAL`.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

TEXT: dict[str, Any] = {"type": "string", "description": "a text"}
WORDS: dict[str, Any] = {"type": "array", "items": TEXT, "description": "a list of words or phrases"}
WHOLE = {"type": "integer", "description": "a whole number"}
FLAG = {"type": "boolean", "description": "true or false"}
ISO_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}", "description": "a date such as 2024-01-31"}


def table(props: dict[str, Any], required: Iterable[str] = (), what: str = "a mapping of keys to values") -> dict:
    """A mapping with exactly these keys (others are errors)."""
    return {"type": "object", "properties": props, "required": list(required), "additionalProperties": False,
            "description": what}


def named(values: dict[str, Any], what: str) -> dict[str, Any]:
    """A mapping from names the researcher chooses (frames, categories, groups) to values of one shape."""
    return {"type": "object", "additionalProperties": values, "description": what}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}], "description": f"{schema['description']} (or nothing)"}


LINE_RULE = table({"kind": TEXT, "pattern": TEXT, "ends_body": FLAG}, ["kind", "pattern"], "a rule (kind, pattern)")
SPAN_RULE = table({"kind": TEXT, "pattern": TEXT}, ["kind", "pattern"], "a rule (kind, pattern)")
RULES = {"lines": {"type": "array", "items": LINE_RULE, "description": "a list of rules"},
         "spans": {"type": "array", "items": SPAN_RULE, "description": "a list of rules"}}
ENTITY = table(
    {"canonical": {**TEXT, "minLength": 1}, "type": {"enum": ["person", "organisation", "group", "place"]},
     "gender": {"enum": ["male", "female", "institution", "any"]}, "group": TEXT, "actor": TEXT,
     "variants": WORDS, "descriptors": WORDS},
    ["canonical"], "an entity (canonical, type, gender, group, actor, variants, descriptors)")
WORD_GROUPS = named(WORDS, "a mapping of names to word lists")
CATEGORY = table(
    {"predicate": TEXT, "nouns": {"type": "array", "items": nullable(TEXT), "description": "a list of noun groups"},
     "claims_nouns": FLAG, "requires_context": WORDS, "exclude_contexts": WORDS, "exclude_label": TEXT,
     "needs_country": FLAG, "unit": TEXT}, ["predicate"], "a category (predicate, nouns, unit, ...)")
TARGET = table({"label": TEXT, "actor": TEXT, "modifiers": WORDS, "unmodified_heads": WORDS, "labels": WORD_GROUPS},
               ["labels"], "a target (label, actor, modifiers, unmodified_heads, labels)")
NUMBERS = named(WHOLE, "a mapping of words to whole numbers")
WINDOW = table({"start": ISO_DATE, "end": ISO_DATE}, what="a window (start, end)")
OUTLETS = {"type": "array", "items": table({"name": TEXT, "based": TEXT, "newsroom": TEXT}, ["name"],
                                           "an outlet (name, based, newsroom)"), "description": "a list of outlets"}

EVENT: dict[str, dict[str, Any]] = {
    "aliases": table({"entities": {"type": "array", "items": ENTITY, "description": "a list of entities"},
                      "group_names": named(TEXT, "a mapping of groups to names"),
                      "actor_names": named(TEXT, "a mapping of actors to names")}),
    "boilerplate": table(RULES),
    "frames": table({"frames": named(table({"family": TEXT, "label": TEXT, "definition": TEXT, "terms": WORDS},
                                           ["terms"], "a frame (family, label, definition, terms)"),
                                     "a mapping of frame names to frames")}),
    "actor_labels": table({"heads": WORDS, "targets": named(TARGET, "a mapping of target names to targets")}),
    "quantities": table({
        "predicates": WORD_GROUPS, "nouns": WORD_GROUPS, "not_people": WORDS, "not_victims": WORDS,
        "categories": named(CATEGORY, "a mapping of category names to categories"), "count_of_one": WORDS,
        "exclude_contexts": WORDS, "cumulative": WORDS, "official_groups": WORDS,
        "countries": {"anyOf": [WORDS, named(nullable(WORDS), "a mapping")],
                      "description": "a list of country names, or a mapping of names to written forms"}}),
    "event": table({
        "name": TEXT, "year": WHOLE, "language": TEXT, "abbreviations": WORDS, "tone_model": TEXT,
        "window": WINDOW,
        "tone": table({"mask": WORDS}, what="tone settings (mask)"),
        "outlets": OUTLETS}),
    # a study folder's study.yaml (helpers.inputs.study_folder): what the study is, and where its parts are
    "study": table({
        "name": {**TEXT, "minLength": 1}, "language": TEXT, "year": WHOLE, "window": WINDOW, "outlets": OUTLETS,
        "corpus": TEXT, "codebook": TEXT, "gold": TEXT, "prose": TEXT, "redistribute_corpus": FLAG,
        "gold_kind": {"enum": ["in-sample", "development", "held-out"],
                      "description": "in-sample, development or held-out"},
        # who wrote the gold, how many coders, with what agreement (the method page says it in words)
        "gold_annotation": table({"annotators": TEXT, "coders": TEXT, "agreement": TEXT},
                                 what="who annotated the gold (annotators, coders, agreement)")}, ["name"],
        "a study (name, language, year, window, outlets, corpus, codebook, gold, gold_kind, gold_annotation, "
        "prose, redistribute_corpus)"),
}

# A general file's own keys; any other key may hold one of these shapes (see the module docstring).
GENERAL_EXTRA = {"anyOf": [WORDS, TEXT, WORD_GROUPS], "description": "a word list, a text or a mapping of word lists"}


def general(props: dict[str, Any], words: str = "") -> dict[str, Any]:
    """A general file: ``props`` plus the word lists named in ``words``; other keys as in :data:`GENERAL_EXTRA`."""
    return {**table({**props, **dict.fromkeys(words.split(), WORDS)}), "additionalProperties": GENERAL_EXTRA}


GENERAL: dict[str, dict[str, Any]] = {
    "abbreviations": general({"abbreviations": WORDS}),
    "boilerplate": general({**RULES, "header": table({"max_words": WHOLE}), "body": table({"min_words": WHOLE})}),
    "names": general({"honorifics": WORD_GROUPS,
                      "transliteration_folds": {"type": "array", "items": {**WORDS, "minItems": 2, "maxItems": 2},
                                                "description": "a list of [from, to] pairs"}},
                     "titles title_prefixes particles institution_joiners not_names organisation_heads place_heads"),
    "number_words": general({
        "context_words": WHOLE, "units": NUMBERS, "tens": NUMBERS, "scales": NUMBERS, "ordinals": NUMBERS,
        "vague": named({"type": "array", "items": WHOLE, "minItems": 2, "maxItems": 2,
                        "description": "a [low, high] pair of whole numbers"}, "a mapping of phrases to ranges"),
        "unit_words": WORD_GROUPS, "kind_words": named(TEXT, "a mapping of kinds of number to words for readers")},
        "ordinal_suffixes months month_abbreviations weekdays currency_symbols age_before address_before address_after "
        "function_words agent_markers noun_phrase_words auxiliaries past_tense_endings singular_auxiliaries "
        "singular_determiners plural_endings plural_words conjunctions breakdown_markers breakdown_after "
        "breakdown_after_noun victims_joined_by clause_openers range_connectors range_lead adverb_endings "
        "partitive_words count_verbs "
        "relative_words added_before added_after copulas group_heads"),
    "qualifiers": general({"qualifiers": named(TEXT, "a mapping of phrases to qualifiers"),
                           "reader_words": named(TEXT, "a mapping of qualifiers to the words a reader sees"),
                           "intervals": named({"type": "array", "items": nullable(TEXT), "description": "a list"},
                                              "a mapping of qualifiers to lists"),
                           "day_parts": {"type": "array", "items": WORDS, "description": "a list of word lists"},
                           "sources": WORD_GROUPS}, "time_phrases deadline_words"),
    "roles": general({"member_noun_endings": {"type": "array", "items": {**WORDS, "minItems": 2, "maxItems": 2},
                                              "description": "a list of [drop, add] ending pairs"}},
                     "people institutions documents determiners links definite_determiners"),
    "speech_verbs": general({"pronouns": named(TEXT, "a mapping of pronouns to genders"),
                             "gendered_roles": WORD_GROUPS},
                            "verbs nouns phrases generic_subjects clause_boundaries relative_pronouns coordinators "
                            "agent_markers infinitive_markers participle_endings"),
    "stopwords": general({"stopwords": WORDS}),
    "wires": general({"agencies": named(WORDS, "a mapping of agencies to the forms they are credited in")},
                     "credit_nouns credit_phrases"),
}
NEAR_MISS = 0.85  # a new general key this similar to a known one is taken for its misspelling


def plain(value: Any, path: str, problems: list[str]) -> Any:
    """The YAML value as JSON would hold it (dates as ISO text), noting keys that are not text."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                hint = " (YAML reads bare yes/no/on/off as true/false: quote the key)" if isinstance(key, bool) else ""
                problems.append(f"{path or 'top level'}: key {key!r} is not a text{hint}")
                key = str(key)
            out[key] = plain(item, f"{path}.{key}" if path else key, problems)
        return out
    if isinstance(value, list):
        return [plain(item, f"{path}[{i}]", problems) for i, item in enumerate(value)]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _where(error: ValidationError) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path]
    return "".join(parts).lstrip(".") or "top level"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "a text", list: "a list", dict: "a mapping"}
    return "nothing" if value is None else kinds.get(type(value), type(value).__name__)


def _unknown(error: ValidationError) -> str:
    props = list(error.schema.get("properties", {}))
    extra = [k for k in error.instance if k not in props]
    key = extra[0]
    nearest = difflib.get_close_matches(key, props, n=1, cutoff=0.0)
    hint = f"; did you mean {nearest[0]!r}?" if nearest else ""
    return f"unknown key {key!r}{hint} (valid keys: {', '.join(props)})"


def describe(error: ValidationError) -> str:
    """One error in words: the path inside the file and what is wrong there."""
    where, value = _where(error), error.instance
    if error.validator == "additionalProperties" and error.schema.get("additionalProperties") is False:
        return f"{where}: {_unknown(error)}"
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in value]
        return f"{where}: {missing[0]!r} is missing; {error.schema.get('description', 'this')} needs it"
    if error.validator == "enum":
        return f"{where}: {_shown(value)} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator in ("minItems", "maxItems", "minLength", "pattern"):
        return f"{where}: {_shown(value)} is not {error.schema.get('description', 'valid')}"
    expected = error.schema.get("description", str(error.validator_value))
    hint = ""
    if isinstance(value, bool) and ("text" in expected or "word" in expected):
        hint = "; YAML reads bare no/yes/on/off/true/false as true/false, so quote such words (\"no\")"
    if isinstance(value, str) and "list" in expected:
        hint = f"; write a list, e.g. [{value}]"
    return f"{where}: {_shown(value)} is {_kind(value)}, expected {expected}{hint}"


def _near_misses(data: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """New keys of a general file that look like misspellings of known ones."""
    known = list(schema.get("properties", {}))
    out = []
    for key in data:
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1, cutoff=NEAR_MISS)
            if near:
                out.append(f"{key}: unknown key {key!r}; did you mean {near[0]!r}?")
    return out


@cache
def json_validator() -> type:
    """jsonschema's Draft 2020-12 validator, imported without ``rfc3987_syntax``.

    Where that package is installed (jupyter-events brings it), importing jsonschema compiles its 39 grammars
    for the "iri" formats: about 1 s of CPU in every process that loads a codebook (each chapter's kernel, each
    engine worker) or imports nbformat (each notebook's runner). No schema of ours checks a format, so
    jsonschema is imported with it hidden; it stays importable afterwards for any other caller.
    """
    hidden = "rfc3987_syntax" not in sys.modules
    if hidden:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # its import fails; jsonschema skips it
    try:
        from jsonschema import Draft202012Validator
    finally:
        if hidden and sys.modules.get("rfc3987_syntax", False) is None:
            del sys.modules["rfc3987_syntax"]
    return Draft202012Validator


def problems(data: dict[str, Any], name: str, is_general: bool) -> list[str]:
    """Every problem of one file's content (``name`` is the file's stem), most useful first; empty when valid."""
    schema = (GENERAL if is_general else EVENT).get(name)
    if schema is None:
        return []
    found: list[str] = []
    value = plain(data, "", found)
    # by place in the file; at one place an unknown key first (a misspelt key also makes the right one "missing")
    errors = sorted(json_validator()(schema).iter_errors(value),
                    key=lambda e: (list(map(str, e.absolute_path)), e.validator != "additionalProperties"))
    found += [describe(e) for e in errors]
    if is_general:
        found += _near_misses(value, schema)
    return found
