"""Load and validate a corpus folder: ``*.txt`` articles plus an optional ``manifest.csv``.

Real corpora are messy: scrapers save HTML as .txt, Windows tools add BOMs and CRLF, exports repeat
files. Every input file ends up in the articles table with a ``status`` and the ``issues`` found, so
nothing is dropped silently; only problems that make the whole corpus unusable raise
:class:`CorpusError`. Offsets used everywhere later are into ``raw_text``: the decoded file with any
BOM removed and line endings normalised to ``\\n`` (otherwise unchanged).
"""

from __future__ import annotations

import hashlib
import re
import warnings
from datetime import date, datetime
from pathlib import Path

import pandas as pd

MAX_BYTES = 5 * 1024 * 1024
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["file", "outlet", "published", "title", "author", "url", "notes"]
USABLE = ("ok", "warning")
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
HTML_HINT = re.compile(r"<\s*(!doctype|html|head|body|div|p|script|span|article)\b", re.IGNORECASE)


class CorpusError(ValueError):
    """The corpus as a whole cannot be used; the message names the folder or file."""


class CorpusWarning(UserWarning):
    """A problem with one input file that was handled and recorded in the corpus report."""


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and control / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8, falling back to cp1252 then latin-1; return text, encoding, issues."""
    issues: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        issues.append("UTF-8 byte-order mark removed")
        data = data[3:]
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
        issues.append(f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}")
    if "\r" in text:
        issues.append("CRLF/CR line endings normalised to LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding, issues


def parse_date(value: str) -> str | None:
    """ISO 8601 date (or date-time) to ``YYYY-MM-DD``; None when malformed."""
    value = value.strip()
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


def read_manifest(corpus_dir: Path) -> tuple[pd.DataFrame, list[dict[str, str]]]:
    """Read ``manifest.csv``; return its rows (one per file) and report rows for bad entries."""
    path = corpus_dir / MANIFEST
    problems: list[dict[str, str]] = []
    if not path.exists():
        return pd.DataFrame(columns=MANIFEST_COLUMNS), problems
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read manifest ({exc})") from exc
    manifest.columns = [c.strip().lower() for c in manifest.columns]
    if "file" not in manifest.columns:
        raise CorpusError(f"{path}: manifest has no 'file' column (columns: {list(manifest.columns)})")
    for col in MANIFEST_COLUMNS:
        if col not in manifest.columns:
            manifest[col] = ""
    manifest = manifest.apply(lambda s: s.str.strip() if s.dtype == object else s)
    for idx in manifest.index[manifest["file"] == ""]:
        problems.append(
            {
                "file": f"{MANIFEST} row {idx + 2}",
                "status": "rejected",
                "issues": "manifest row has no file name; row ignored",
            }
        )
    manifest = manifest[manifest["file"] != ""]
    dup = manifest["file"].duplicated(keep="first")
    for name in manifest.loc[dup, "file"]:
        problems.append(
            {"file": name, "status": "warning", "issues": f"listed more than once in {MANIFEST}; first row used"}
        )
    return manifest[~dup].reset_index(drop=True), problems


def _empty_row(name: str) -> dict[str, object]:
    row: dict[str, object] = {c: "" for c in ARTICLE_COLUMNS}
    row.update(article_id=Path(name).stem, file=name, n_bytes=0, status="ok")
    return row


def load_corpus(corpus_dir: str | Path, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Load every file of a corpus folder into the articles table (one row per input file).

    Usable articles have status ``ok`` or ``warning``; others are ``rejected`` (empty, binary,
    too large), ``duplicate`` (same bytes as an earlier file) or ``missing`` (in the manifest, not on
    disk). ``issues`` says why, in words. Each problem is also emitted as a :class:`CorpusWarning`.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found")
    manifest, report = read_manifest(corpus_dir)
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [p for p in files if p.suffix.lower() == ".txt"]
    others = [p for p in files if p.suffix.lower() != ".txt" and p.name != MANIFEST]
    if not texts:
        raise CorpusError(f"{corpus_dir}: no *.txt articles in the corpus folder")

    rows: list[dict[str, object]] = []
    meta = manifest.set_index("file").to_dict("index")
    seen_hash: dict[str, str] = {}
    seen_lower: dict[str, str] = {}
    for path in texts:
        row = _empty_row(path.name)
        issues: list[str] = []
        data = path.read_bytes()
        row["n_bytes"] = len(data)
        row["sha256"] = hashlib.sha256(data).hexdigest()
        if path.name.lower() in seen_lower:
            issues.append(f"file name differs only in case from {seen_lower[path.name.lower()]}")
        seen_lower[path.name.lower()] = path.name
        info = meta.get(path.name)
        if info is None:
            issues.append(f"no row in {MANIFEST}; outlet set to 'unknown'")
            info = {}
        for col in ("outlet", "title", "author", "url", "notes"):
            row[col] = info.get(col, "") or "unknown"
        published = info.get("published", "") or "unknown"
        if published != "unknown" and parse_date(published) is None:
            issues.append(f"malformed date {published!r} in {MANIFEST}; published set to 'unknown'")
            published = "unknown"
        row["published"] = parse_date(published) or "unknown"

        if len(data) > max_bytes:
            row.update(status="rejected")
            issues.append(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
        elif not data.strip():
            row.update(status="rejected")
            issues.append("empty file")
        elif _looks_binary(data):
            row.update(status="rejected")
            issues.append("binary file (NUL or control bytes), not text")
        else:
            text, encoding, dec_issues = decode(data)
            issues += dec_issues
            row.update(raw_text=text, encoding=encoding)
            if HTML_HINT.search(text):
                issues.append("contains HTML markup; tags are stripped during normalisation")
            if row["sha256"] in seen_hash:
                row["status"] = "duplicate"
                issues.append(f"same content as {seen_hash[row['sha256']]}; excluded from analysis")
            else:
                seen_hash[str(row["sha256"])] = path.name
        if issues and row["status"] == "ok":
            row["status"] = "warning"
        row["issues"] = "; ".join(issues)
        rows.append(row)

    on_disk = {p.name for p in texts}
    for name in manifest["file"]:
        if name not in on_disk:
            row = _empty_row(name)
            row.update(status="missing", issues=f"listed in {MANIFEST} but not found in {corpus_dir}")
            for col in ("outlet", "title", "author", "url", "notes"):
                row[col] = meta[name].get(col, "") or "unknown"
            row["published"] = parse_date(meta[name].get("published", "")) or "unknown"
            rows.append(row)
    for path in others:
        row = _empty_row(path.name)
        row.update(status="rejected", issues="not a .txt file; ignored", n_bytes=path.stat().st_size)
        rows.append(row)
    for problem in report:
        row = _empty_row(problem["file"])
        row.update(problem)
        if problem["file"] in {r["file"] for r in rows}:
            target = next(r for r in rows if r["file"] == problem["file"])
            target["issues"] = "; ".join(filter(None, [str(target["issues"]), problem["issues"]]))
            if target["status"] == "ok":
                target["status"] = "warning"
            continue
        rows.append(row)

    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["outlet_label"] = outlet_labels(articles)
    for _, r in articles[articles["issues"] != ""].iterrows():
        warnings.warn(f"{corpus_dir / str(r['file'])}: {r['status']}: {r['issues']}", CorpusWarning, stacklevel=2)
    return articles.reset_index(drop=True)


def outlet_labels(articles: pd.DataFrame) -> pd.Series:
    """Outlet names for grouping: an unknown outlet is its own group per article, never pooled."""
    unknown = articles["outlet"].isin(["", "unknown"])
    return articles["outlet"].where(~unknown, "unknown (" + articles["article_id"] + ")")


def usable(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles the analyses use: status ok or warning."""
    return articles[articles["status"].isin(USABLE)].reset_index(drop=True)


def corpus_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Every input file with its status and issues, for the reader."""
    return articles[["file", "outlet", "published", "n_bytes", "encoding", "status", "issues"]].copy()
