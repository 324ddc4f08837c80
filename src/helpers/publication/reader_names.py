"""The one labelling function of the book: every name a reader sees passes through here.

Results keep their machine keys (article ids, codebook keys, internal number kinds); a reader never sees
them. An outlet is shown by its name; an article without a declared outlet is shown by a short stable label
(A1, A2 ... in the order of the corpus table on chapter 01, which gives each label next to its file), never by
its id; a codebook key by its label in the codebook, else in words; a list as a list in words, not as
Python writes it. The run's articles are remembered when a notebook first reads its articles table
(:func:`remember_articles`), so figures, tables and sentences give an article the same label.
"""

from __future__ import annotations

import re

import pandas as pd

UNKNOWN_PREFIX = "unknown ("
QUOTED = r"(?:'[^']*'|\"[^\"]*\")"
LIST_REPR = re.compile(rf"^\[\s*(?:{QUOTED}(?:\s*,?\s*{QUOTED})*)?\s*\]$")  # ['a', 'b'] and numpy's ['a' 'b']
KEY = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z][a-z0-9_]*(?:;[a-z][a-z0-9_]*)+$")  # 'a_b', 'a;b_c'
_LABELS: dict[str, str] = {}
_ID_PATTERN: list[re.Pattern[str]] = []  # the run's article ids as one pattern, built once per remember_articles
# The evaluation's own field names (helpers.evaluation writes them into its score files) in words.
MEASURE_WORDS = {"n": "items scored", "n_gold": "items in the gold annotations",
                 "n_predicted": "items the rules found", "matched": "items found that match the gold",
                 "articles": "articles", "extract_seconds": "seconds the rules took",
                 "speaker_scored": "quotations whose speaker was scored", "f1": "F1"}


# How two articles are related (the ``relation`` of reuse.csv, and an origin a text declares), in the words every
# table, figure legend, caption and finding of the book uses: one name for one relation.
RELATION_WORDS = {"copy": "copy", "derived": "rewrite", "shared_source": "shared passage only",
                  "independent": "independent", "declared": "declared origin"}


def relation_for_reader(relation: object) -> str:
    """A reuse relation in the book's one wording ('shared_source' -> 'shared passage only', 'derived' ->
    'rewrite'), so the pairs table, the family diagram and the text never name one relation two ways."""
    text = str(relation)
    return RELATION_WORDS.get(text, key_for_reader(text))


def remember_articles(articles: pd.DataFrame) -> None:
    """Give every article of the corpus table its short label, in the table's order (A1, A2 ...)."""
    if "article_id" not in articles:
        return
    _LABELS.clear()
    _ID_PATTERN.clear()
    _LABELS.update({str(a): f"A{i}" for i, a in enumerate(articles["article_id"].astype(str), start=1)})


def article_labels(articles: pd.DataFrame) -> list[str]:
    """The short labels of a table's articles, for the corpus table's 'shown as' column."""
    return [article_label(a) for a in articles["article_id"]]


def article_label(article_id: object) -> str:
    """'A3': the article's short label (its id when the run's articles were never read, as in a unit test)."""
    return _LABELS.get(str(article_id), str(article_id))


def is_unattributed(outlet: object) -> bool:
    """Whether an outlet label stands for an article without a declared outlet ('unknown (ID)')."""
    text = str(outlet)
    return text.startswith(UNKNOWN_PREFIX) and text.endswith(")")


def outlet_for_reader(outlet: object, short: bool = False) -> str:
    """An outlet's name; for an article without one, 'an unattributed article (shown in the corpus table as
    A3)', or 'Unattributed (A3)' where space is short (figures, table cells)."""
    text = str(outlet)
    if not is_unattributed(text):
        return text
    label = article_label(text[len(UNKNOWN_PREFIX):-1])
    if short:
        return f"Unattributed ({label})"
    return f"an unattributed article (shown in the corpus table as {label})"


def article_for_reader(article_id: object, outlet: object) -> str:
    """'The Daily Example · A3' for an article of a named outlet, 'Unattributed (A3)' for one without."""
    if is_unattributed(outlet):
        return outlet_for_reader(outlet, short=True)
    return f"{outlet} · {article_label(article_id)}"


def cluster_for_reader(cluster: object) -> str:
    """'Quotation 1' for the quotation cluster 'c000' (clusters are numbered from zero in the results)."""
    digits = re.sub(r"\D", "", str(cluster))
    return f"Quotation {int(digits) + 1}" if digits else str(cluster)


def key_for_reader(key: object, names: dict[str, str] | None = None) -> str:
    """A codebook key (a frame, a group, a kind) as a reader reads it: its label in ``names``, else its words
    ('debate_grievances' -> 'debate grievances'); keys joined by ';' become a list in words."""
    text = str(key)
    if names and text in names:
        return str(names[text])
    parts = [p for p in text.split(";") if p]
    if len(parts) > 1:
        return ", ".join(key_for_reader(p, names) for p in parts)
    return text.replace("_", " ")


def number_kind_for_reader(kind: object, words: dict[str, str]) -> str:
    """A kind of number in the general codebook's words (``kind_words``): 'one_of' -> "'one of' a group". A kind
    it does not list is the noun or verb that followed a count ('contractor', 'remained'), shown as the codebook's
    words for a count of something else; a label the study wrote for readers (it holds a space) is kept."""
    text = str(kind)
    if text in words:
        return str(words[text])
    if " " in text:
        return text
    return str(words.get("other_count", "a count of something else"))


def measure_for_reader(measure: object) -> str:
    """A score's field name in words: 'n_gold' -> 'items in the gold annotations', 'speaker_accuracy' ->
    'speaker accuracy'; a dotted path ('quotes.n_gold') keeps its parts, each in words."""
    parts = [p for p in str(measure).split(".") if p]
    return " · ".join(MEASURE_WORDS.get(p.replace(" ", "_"), p.replace("_", " ")) for p in parts)


def plural_for_reader(n: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '2 articles' (digits, the noun agreeing): never '1 articles' or 'article(s)'."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def value_for_reader(value: object) -> object:
    """A table cell as a reader reads it: an article id as its label, an unattributed outlet by its label,
    a list as a list in words, a codebook key in words. Anything else is returned unchanged."""
    if not isinstance(value, str):
        if isinstance(value, (list, tuple, set)) or type(value).__name__ == "ndarray":
            return ", ".join(str(v) for v in value)
        return value
    if value in _LABELS:
        return _LABELS[value]
    if is_unattributed(value):
        return outlet_for_reader(value, short=True)
    value = text_for_reader(value)
    if LIST_REPR.match(value.strip()):
        return ", ".join(m[1:-1] for m in re.findall(QUOTED, value))
    if KEY.match(value):
        return key_for_reader(value)
    return value


def text_for_reader(text: str) -> str:
    """A sentence or a note with every article id of the run written as its label: 'overlaps ID:n002' reads
    'overlaps A5 (number 2)', 'Articles ID1 and ID2' reads 'Articles A4 and A5'."""
    if not _LABELS or not isinstance(text, str):
        return text
    return _id_pattern().sub(lambda m: _LABELS[m.group(1)] + (f" (number {int(m.group(2))})" if m.group(2) else ""),
                             text)


def _id_pattern() -> re.Pattern[str]:
    """Every article id of the run in one pattern (longest first), built once: a table's cells are read one by
    one, and building it per cell cost a pass over every id for every cell (quadratic in the corpus)."""
    if not _ID_PATTERN:
        ids = "|".join(re.escape(a) for a in sorted(_LABELS, key=len, reverse=True))
        _ID_PATTERN.append(re.compile(rf"(?<![\w-])({ids})(?::n(\d+))?(?![\w-]|\.\w)"))  # a file name keeps its id
    return _ID_PATTERN[0]


def for_reader(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell and column name of a table as a reader reads it (:func:`value_for_reader`)."""
    columns = {}
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        text = pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)
        columns[i] = column.map(value_for_reader).astype(object) if text else column
    out = pd.DataFrame(columns, index=frame.index)
    out.columns = frame.columns if isinstance(frame.columns, pd.MultiIndex) else [
        _LABELS.get(c, c) if isinstance(c, str) else c for c in frame.columns]
    return out
