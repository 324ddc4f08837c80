"""The articles table's rows: columns, statuses, metadata fields, and the checks every input shares.

Both corpus forms (a folder of text files, or one JSONL/CSV/Parquet table) build the same rows here,
so a status or an issue means the same thing whatever the input looked like.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from helpers.inputs.decoding import extract_page

MAX_BYTES = 5 * 1024 * 1024
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "title", "author", "url", "notes"]
META_COLUMNS = ("outlet", "title", "author", "url", "notes")
USABLE = ("ok", "warning")
# Every status a row can get, and what it means (the README lists the same).
STATUSES = {
    "ok": "read and analysed; nothing to report",
    "warning": "read and analysed; something was repaired or is worth knowing (see issues)",
    "rejected": "an article that cannot be used (empty, binary, too large, unsafe link, bad value); not analysed",
    "duplicate": "same content as an earlier article; not analysed",
    "missing": "listed in the manifest but not in the corpus folder",
    "skipped": "not an article (hidden file, subfolder); listed so nothing goes unseen, not read",
}
ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "published",
    "title",
    "author",
    "url",
    "notes",
    "sha256",
    "n_bytes",
    "encoding",
    "status",
    "issues",
    "raw_text",
]
UNKNOWN = "unknown"
MAX_EXAMPLES = 5  # problems quoted in a whole-corpus error message


class CorpusError(ValueError):
    """The corpus as a whole cannot be used; the message names the folder or file."""


class CorpusWarning(UserWarning):
    """A problem with one input file that was handled and recorded in the corpus report."""


def is_missing(value: object) -> bool:
    """None, NaN, NaT, pd.NA and blank strings are all 'no value' (never the text 'nan' or 'NaT')."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width characters that are not spaces


def is_blank(text: str) -> bool:
    """No visible character: only spaces of any kind (no-break, ideographic...), line breaks or zero-width marks."""
    return not text.translate(INVISIBLE).strip()


def parse_date(value: str) -> str | None:
    """ISO 8601 date (or date-time) to ``YYYY-MM-DD``; None when malformed."""
    value = value.strip()
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


def empty_row(name: str, article_id: str | None = None) -> dict[str, object]:
    row: dict[str, object] = {c: "" for c in ARTICLE_COLUMNS}
    row.update(article_id=article_id if article_id is not None else Path(name).stem, file=name, n_bytes=0, status="ok")
    return row


def _date_text(value: object) -> str:
    if is_missing(value) or (isinstance(value, str) and value.strip().lower() == UNKNOWN):
        return ""
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    return str(value).strip()


def meta_fields(row: dict[str, object], info: Mapping[str, object], issues: list[str], where: str) -> None:
    """Copy outlet, title, author, url, notes and the date; missing values read as 'unknown'."""
    for col in META_COLUMNS:
        value = info.get(col, "")
        row[col] = UNKNOWN if is_missing(value) else str(value).strip()
    published = _date_text(info.get("published", ""))
    parsed = parse_date(published) if published else None
    if published and parsed is None:
        issues.append(f"malformed date {published!r} in {where}; published set to 'unknown'")
    row["published"] = parsed or UNKNOWN


class Seen:
    """What a streaming load remembers across chunks: content hashes, names and ids (small per article)."""

    def __init__(self) -> None:
        self.hashes: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.usable = 0
        self.total = 0
        self.examples: list[str] = []


HTML_HINT = re.compile(r"<\s*(!doctype|html|head|body|div|p|script|span|article)\b", re.IGNORECASE)


def check_text(row: dict[str, object], text: str, issues: list[str], seen: Seen) -> None:
    """Record the text (an HTML page's main text); flag leftover markup and repeated content."""
    page = extract_page(text)
    if page is not None:
        text, note = page
        issues.append(note)
    row["raw_text"] = text
    if page is None and HTML_HINT.search(text):
        issues.append("contains HTML markup; tags are stripped during normalisation")
    if row["sha256"] in seen.hashes:
        row["status"] = "duplicate"
        issues.append(f"same content as {seen.hashes[str(row['sha256'])]}; excluded from analysis")
    else:
        seen.hashes[str(row["sha256"])] = str(row["file"])


def finish(row: dict[str, object], issues: list[str], seen: Seen | None = None) -> dict[str, object]:
    if issues and row["status"] == "ok":
        row["status"] = "warning"
    row["issues"] = "; ".join(issues)
    if seen is not None:
        seen.total += 1
        seen.usable += row["status"] in USABLE
        if row["status"] not in USABLE and len(seen.examples) < MAX_EXAMPLES:
            seen.examples.append(f"{row['file']}: {row['status']} ({row['issues']})")
    return row


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """Outlet names for grouping: an unknown outlet is its own group per article, never pooled."""
    unknown = articles["outlet"].isin(["", UNKNOWN])
    return articles["outlet"].where(~unknown, "unknown (" + articles["article_id"] + ")")


def frame(rows: list[dict[str, object]], where: Path) -> pd.DataFrame:
    """Rows to an articles table; every problem is also emitted as a CorpusWarning naming folder and file.

    The warning names the corpus folder by its own name, not its absolute path, so a published
    chapter never shows where the corpus lives on the researcher's machine.
    """
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["outlet_label"] = outlet_labels(articles)
    for r in articles[articles["issues"] != ""].itertuples(index=False):
        warnings.warn(f"{where.name}/{r.file}: {r.status}: {r.issues}", CorpusWarning, stacklevel=3)
    return articles.reset_index(drop=True)


def no_usable_error(where: Path, seen: Seen) -> CorpusError:
    return CorpusError(
        f"{where}: none of the {seen.total} input(s) can be analysed (each is rejected, duplicate, missing or "
        f"skipped): " + "; ".join(seen.examples)
    )
