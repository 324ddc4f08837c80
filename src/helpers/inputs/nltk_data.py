"""Offline provisioning of the NLTK resources the analyses use.

NLTK normally fetches VADER's lexicon with its downloader, which needs the internet at run time.
The ``vaderSentiment`` pip package ships the same lexicon, so we copy it into a project-local NLTK
data folder in the layout NLTK expects. NLTK's lexicon parser chokes on a trailing newline, which we
strip. Punkt needs no data: we build the tokenizer from parameters (see ``helpers.text.normalise``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from helpers.inputs.config import NLTK_DATA_DIR

VADER_MEMBER = "vader_lexicon/vader_lexicon.txt"


def vader_lexicon_source() -> Path:
    """Locate the lexicon shipped inside the vaderSentiment package."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"
    if not path.exists():
        raise FileNotFoundError(f"vaderSentiment is installed but {path} is missing")
    return path


def provision_nltk(data_dir: Path = NLTK_DATA_DIR) -> Path:
    """Write ``sentiment/vader_lexicon.zip`` under ``data_dir``; return the zip's path."""
    target = Path(data_dir) / "sentiment" / "vader_lexicon.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = vader_lexicon_source().read_text(encoding="utf-8").rstrip("\n")
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo(VADER_MEMBER, date_time=(2022, 1, 6, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, text)
    tmp.replace(target)
    return target


def use_project_nltk_data(data_dir: Path = NLTK_DATA_DIR) -> None:
    """Put the project-local data folder first on NLTK's search path (idempotent)."""
    import nltk

    path = str(Path(data_dir))
    if path not in nltk.data.path:
        nltk.data.path.insert(0, path)
