"""Text normalisation: boilerplate removal, clean text with offsets, paragraphs, sentences, aliases.

The raw text is never changed. Every step records where it came from: removed boilerplate is kept as
spans (kind, offsets, the text, and any information worth keeping such as a copyright owner), and
the clean text carries a character-by-character map back into the raw text, so a sentence, quote or
number found later can always be shown in its source.

Boilerplate rules come from the codebooks (line patterns, span patterns) plus four general layout
rules that no single site owns:

* the *header zone*: lines before the first body paragraph are headlines, kickers or captions;
* *repeated lines*: a line that occurs twice is a repeated headline or caption;
* *captions*: a line followed by a photo credit describes a picture, not the story;
* the *footer zone*: after a line that ends the body (a wire credit, a copyright or contact line),
  everything left is footer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.corpus import ARTICLE_COLUMNS, USABLE
from helpers.text.sentences import sentence_tokenizer, split_sentences

CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2010": "-",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "\ufeff": "",
    "\u00ad": "",
    "\t": " ",
}
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
TERMINAL = re.compile(r"""[.!?…]["'”’)]*\s*$|["”]\s*$""")
CONTINUATION = re.compile(r"^\s*[,;:)\]a-z]")
SQUEEZE = re.compile(r"(?<= ) +| +(?=[,;:])")  # a space after a space; spaces a joined fragment left before , ; :
SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>[\s\S]*?</\1\s*>", re.IGNORECASE)


def fold(text: str) -> str:
    """The analysis form of a string (quotes, dashes, spaces mapped), without offsets."""
    if text.isascii():
        return text.replace("\t", " ")
    return "".join(_mapped(c) for c in text)


def count_words(text: str) -> int:
    """Words as runs of letters/digits, joined by inner apostrophes or hyphens."""
    return len(WORD.findall(text))


@dataclass
class Span:
    """A removed stretch of raw text and why it was removed."""

    kind: str
    start: int
    end: int
    text: str
    info: dict[str, str] = field(default_factory=dict)
    rule: str = ""


@dataclass
class Normalised:
    """One article after normalisation (clean text plus its map back into the raw text)."""

    article_id: str
    clean_text: str
    offsets: np.ndarray
    paragraphs: list[tuple[int, int]]
    boilerplate: list[Span]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span [start, end) to the raw text."""
        if end <= start:
            pos = int(self.offsets[min(start, len(self.offsets) - 1)]) if len(self.offsets) else 0
            return pos, pos
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _mask(text: str, spans: list[Span]) -> str:
    """``text`` with the spans blanked (line breaks kept), so offsets stay those of the raw text."""
    if not spans:
        return text
    chars = list(text)
    for s in spans:
        for i in range(s.start, s.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _is_body(line: str, min_words: int) -> bool:
    return count_words(line) >= min_words and bool(TERMINAL.search(line))


def _match_line(line: str, codebook: Codebook) -> tuple[str, dict[str, str], bool, str] | None:
    stripped = fold(line).strip()
    for kind, rx, ends in codebook.boilerplate_lines:
        m = rx.fullmatch(stripped)
        if m:
            info = {k: v.strip() for k, v in m.groupdict().items() if v}
            return kind, info, ends, rx.pattern
    return None


def _rule_spans(raw: str, codebook: Codebook) -> list[Span]:
    """Script/style blocks, then the codebook's span rules, each run on the text the previous ones left."""
    spans = [Span("html_script", m.start(), m.end(), m.group(), rule=SCRIPT_BLOCK.pattern)
             for m in SCRIPT_BLOCK.finditer(raw)]
    for kind, rx in codebook.boilerplate_spans:
        masked = _mask(raw, spans)
        spans += [Span(kind, m.start(), m.end(), raw[m.start() : m.end()], rule=rx.pattern)
                  for m in rx.finditer(masked)]
    return spans


def _body_start(texts: list[str], counts: dict[str, int], matches: list, codebook: Codebook) -> int:
    """Index of the first line that reads as story text (unique, long enough, no rule); 0 when none does."""
    first = next((i for i, t in enumerate(texts)
                  if _is_body(t, codebook.body_min_words) and counts[t] == 1 and matches[i] is None), len(texts))
    return 0 if first == len(texts) else first  # no line looks like story text: do not treat all of it as a header


def _header_kind(text: str, codebook: Codebook) -> str:
    kind = "headline" if not TERMINAL.search(text) else "caption"
    return "header" if count_words(text) > codebook.header_max_words else kind


def _removed_lines(texts: list[str], matches: list, codebook: Codebook) -> dict[int, tuple[str, dict[str, str], str]]:
    """Line index -> (kind, info, rule) for every line that is not the story."""
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    body_start = _body_start(texts, counts, matches, codebook)
    removed: dict[int, tuple[str, dict[str, str], str]] = {}
    seen: set[str] = set()
    footer = False
    for i, t in enumerate(texts):
        match = matches[i]
        if footer:
            kind, info, _, rule = match if match else ("footer", {}, False, "after end of body")
            removed[i] = (kind, info, rule)
        elif match:
            kind, info, ends, rule = match
            removed[i] = (kind, info, rule)
            footer = ends and i >= body_start
        elif i < body_start and (not TERMINAL.search(t) or counts[t] > 1):
            removed[i] = (_header_kind(t, codebook), {},
                          "header zone: unpunctuated or repeated line before the first body paragraph")
        elif t in seen:
            removed[i] = ("repeated_line", {}, "repeats an earlier line")
        seen.add(t)
    for i in list(removed):
        if removed[i][0] == "photo_credit" and i > 0 and (i - 1) not in removed:
            if count_words(texts[i - 1]) <= 2 * codebook.header_max_words:
                removed[i - 1] = ("caption", {}, "line before a photo credit")
    return removed


def find_boilerplate(raw: str, codebook: Codebook) -> list[Span]:
    """Spans of the raw text that are not the story, each with its kind and the rule that fired."""
    spans = _rule_spans(raw, codebook)
    masked = _mask(raw, spans)
    lines = [(s, e) for s, e in _lines(masked) if masked[s:e].strip()]
    texts = [fold(masked[s:e]).strip() for s, e in lines]
    matches = [_match_line(t, codebook) for t in texts]
    for i, (kind, info, rule) in _removed_lines(texts, matches, codebook).items():
        s, e = lines[i]
        spans.append(Span(kind, s, e, raw[s:e], info, rule))
    return sorted(spans, key=lambda s: (s.start, s.end))


_MAPPED: dict[str, str] = {}


def _mapped(ch: str) -> str:
    """The analysis form of one character (cached: a corpus has few distinct characters)."""
    out = _MAPPED.get(ch)
    if out is None:
        out = CHAR_MAP.get(ch)
        if out is None:
            out = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
        _MAPPED[ch] = out
    return out


def _clean_chars(raw: str, removed: np.ndarray) -> tuple[str, np.ndarray]:
    """Drop removed characters (keeping line breaks), map the rest; return text and raw offsets.

    Vectorised: only characters whose analysis form is not themselves are looked at one by one.
    """
    if not raw:
        return "", np.zeros(0, dtype=np.int64)
    codes = np.frombuffer(raw.encode("utf-32-le"), dtype=np.uint32)
    keep = ~removed | (codes == 10)
    kept_idx = np.flatnonzero(keep)
    kept = "".join(raw[a:b] for a, b in _runs(keep))
    special = {ch for ch in set(kept) if _mapped(ch) != ch}
    if not special:
        return kept, kept_idx.astype(np.int64)
    table = str.maketrans({ch: _mapped(ch) for ch in special})
    lengths = np.ones(len(kept), dtype=np.int64)
    kept_codes = codes[kept_idx]
    for ch in special:
        lengths[kept_codes == ord(ch)] = len(_mapped(ch))
    return kept.translate(table), np.repeat(kept_idx, lengths).astype(np.int64)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of the runs of True in a boolean array."""
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _paragraph_spans(chars: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) in ``chars``: non-blank lines, stripped; a line that starts mid-sentence
    continues the previous paragraph."""
    paras: list[tuple[int, int]] = []
    for s, e in _lines(chars):
        line = chars[s:e]
        if not line.strip():
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        if paras and CONTINUATION.match(chars[s:e]):
            paras[-1] = (paras[-1][0], e)
        else:
            paras.append((s, e))
    return paras


def normalise_text(article_id: str, raw: str, codebook: Codebook) -> Normalised:
    """Normalise one article: remove boilerplate, map characters, rebuild paragraphs."""
    spans = find_boilerplate(raw, codebook)
    removed = np.zeros(len(raw), dtype=bool)
    for s in spans:
        removed[s.start : s.end] = True
    chars, idx = _clean_chars(raw, removed)
    paras = _paragraph_spans(chars)
    if not paras:
        return Normalised(article_id, "", np.zeros(0, dtype=np.int64), [], spans)
    # paragraphs joined by a blank line, each separator mapped to the raw character before the next paragraph;
    # a line break joined into a paragraph becomes a space
    text = "\n\n".join(chars[s:e].replace("\n", " ") for s, e in paras)
    first, last = np.array(paras, dtype=np.int64).T
    lengths = last - first
    starts = np.concatenate(([0], np.cumsum(lengths + 2)[:-1]))
    ends = starts + lengths
    block = lengths + 2  # a paragraph and the separator after it (none after the last)
    block[-1] = lengths[-1]
    source = np.arange(len(text)) + np.repeat(first - starts, block)  # position in ``chars`` of each character
    source[ends[:-1]] = source[ends[:-1] + 1] = first[1:] - 1
    off = idx[source].astype(np.int64)
    keep = _squeezed(text)
    if keep is not None:
        text = "".join(text[a:b] for a, b in _runs(keep))
        off = off[keep]
        dropped = np.concatenate(([0], np.cumsum(~keep)))  # characters dropped before each position
        starts, ends = starts - dropped[starts], ends - dropped[ends]
    return Normalised(article_id, text, off, list(zip(starts.tolist(), ends.tolist(), strict=True)), spans)


def _squeezed(text: str) -> np.ndarray | None:
    """Characters to keep when runs of spaces become one and a space before a comma, semicolon or colon goes;
    None when nothing goes."""
    if "  " not in text and " ," not in text and " ;" not in text and " :" not in text:
        return None
    gone = [m.span() for m in SQUEEZE.finditer(text)]
    keep = np.ones(len(text), dtype=bool)
    for a, b in gone:
        keep[a:b] = False
    return keep


class NormalisedCorpus(NamedTuple):
    """Tables produced by :func:`normalise_corpus`."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    boilerplate: pd.DataFrame
    documents: dict[str, Normalised]


def normalise_corpus(articles: pd.DataFrame, codebook: Codebook) -> NormalisedCorpus:
    """Normalise every usable article; return articles (+clean_text), sentences and boilerplate."""
    tokenizer = sentence_tokenizer(codebook)
    docs: dict[str, Normalised] = {}
    sent_rows: list[tuple] = []
    bp_rows: list[tuple] = []
    extra: dict[str, dict[str, object]] = {}
    # three columns zipped rather than whole rows: a row would convert every column of the chunk to Python
    for aid, status, raw in zip(articles["article_id"], articles["status"], articles["raw_text"], strict=True):
        if status not in USABLE:
            continue
        doc = normalise_text(aid, raw, codebook)
        docs[aid] = doc
        n_sent = 0
        text = doc.clean_text
        for pid, (ps, pe) in enumerate(doc.paragraphs):
            for ss, se in split_sentences(text[ps:pe], tokenizer):
                start, end = doc.raw_span(ps + ss, ps + se)
                sent_rows.append((aid, n_sent, pid, start, end, ps + ss, ps + se, text[ps + ss : ps + se]))
                n_sent += 1
        bp_rows += [(aid, sp.kind, sp.start, sp.end, sp.text.strip(), "; ".join(f"{k}={v}" for k, v in sp.info.items()),
                     sp.rule) for sp in doc.boilerplate]
        extra[aid] = {
            "clean_text": text,
            "n_words_raw": count_words(raw),
            "n_words": count_words(text),
            "n_sentences": n_sent,
            "n_paragraphs": len(doc.paragraphs),
            "boilerplate_chars": int(sum(len(sp.text) for sp in doc.boilerplate)),
        }
    out = articles.copy()
    cols = ["clean_text", "n_words_raw", "n_words", "n_sentences", "n_paragraphs", "boilerplate_chars"]
    for col in cols:
        default: object = "" if col == "clean_text" else 0
        out[col] = [extra.get(a, {}).get(col, default) for a in out["article_id"]]
    sentences = pd.DataFrame(
        sent_rows,
        columns=["article_id", "sentence_id", "paragraph_id", "start", "end", "clean_start", "clean_end", "text"],
    )
    boilerplate = pd.DataFrame(bp_rows, columns=["article_id", "kind", "start", "end", "text", "info", "rule"])
    return NormalisedCorpus(out, sentences, boilerplate, docs)


ARTICLES_CSV = [
    *ARTICLE_COLUMNS[:6],  # article_id, file, outlet, published, title, author
    "n_words_raw", "n_words", "n_sentences", "n_paragraphs", "boilerplate_chars", "sha256", "status", "issues",
]


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``articles.csv`` contract: one row per input file, without the text itself."""
    cols = [c for c in ARTICLES_CSV if c in articles.columns]
    extra = [c for c in ("declared_origin", "wire_credits", "copyright_owner") if c in articles.columns]
    return articles[cols + extra].copy()


def sentences_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences.csv`` contract (``compound`` is added by the sentiment chapter)."""
    out = sentences[["article_id", "sentence_id", "paragraph_id", "start", "end", "text"]].copy()
    out["compound"] = sentences["compound"] if "compound" in sentences.columns else float("nan")
    return out
