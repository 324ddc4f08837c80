"""What a figure leaves out at scale, and the sentence that says so.

At hundreds of outlets or thousands of articles a figure cannot draw everything. The plotting helpers
draw the most informative part (the extremes, the heaviest columns, a distribution instead of one bar
per article) and attach a sentence, generated from the data, that says what was capped and why. The
sentence is read with :func:`note`; :func:`helpers.publication.report.figure` adds it to the caption,
so readers always see it. Below the caps nothing is left out and the sentence is empty.
"""

from __future__ import annotations

import pandas as pd

from helpers.publication.prose import count, score

NOTE_ATTRIBUTE = "refract_cap_note"


def set_note(fig, text: str):
    """Attach the cap sentence to a figure (appended to any sentence already there); returns the figure."""
    old = note(fig)
    setattr(fig, NOTE_ATTRIBUTE, f"{old} {text}".strip() if text else old)
    return fig


def note(fig) -> str:
    """The sentence saying what the figure left out, or "" when it draws everything."""
    return str(getattr(fig, NOTE_ATTRIBUTE, ""))


def noun(name: object, default: str) -> str:
    """A table axis name in words ('speaker_group' -> 'speaker group'), for sentences about rows and columns."""
    return str(name).replace("_", " ") if name else default


def extremes(table: pd.DataFrame, value: str, keep: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``keep // 2`` rows with the lowest and the highest ``value`` (the news in a ranking), and the rest."""
    ranked = table.sort_values(value, kind="stable")
    half = keep // 2
    shown = pd.concat([ranked.head(half), ranked.tail(half)])
    return shown, ranked.iloc[half : len(ranked) - half]


def extremes_note(rest: pd.DataFrame, value: str, half: int, unit: str = "outlet") -> str:
    """'The 10 outlets with the lowest and the 10 with the highest mean are drawn; the other 480 outlets
    (7,900 articles), with means from −0.20 to −0.09, are one grey row.'"""
    articles = f" ({count(int(rest['n_articles'].sum()), 'article')})" if "n_articles" in rest else ""
    return (f"The {count(half, unit)} with the lowest and the {number_word(half)} with the highest mean are drawn; "
            f"the other {count(len(rest), unit)}{articles}, with means from {score(rest[value].min())} to "
            f"{score(rest[value].max())}, are one grey row. Every {unit} is in the CSV files on the data page.")


def panels_note(shown: int, total: int, what: str, csv: str) -> str:
    """'The six outlets with most scored words have a panel; the other 494 outlets are in word_shift.csv.'"""
    if shown >= total:
        return ""
    return (f"The {count(shown, 'outlet')} with most {what} have a panel; the other "
            f"{count(total - shown, 'outlet')} are in {csv}.")


def number_word(n: int) -> str:
    return count(n, "x").rsplit(" ", 1)[0]


def heaviest_columns(
    matrix: pd.DataFrame, keep: int, weights: pd.Series | None = None, counts: bool = True
) -> tuple[list, list, str]:
    """The ``keep`` columns to draw (in their original order), the others, and why those were chosen.

    With ``weights`` (e.g. sentences per outlet): the heaviest. Else, for counts, the largest totals; for
    means and shares, whose totals mean nothing, the columns furthest from the mean of all columns."""
    if weights is not None:
        weight, why = weights.reindex(matrix.columns).fillna(0), f"with most {noun(weights.name, 'weight')}"
    elif counts:
        weight, why = matrix.abs().sum(axis=0), "with the largest totals"
    else:
        weight = matrix.sub(matrix.mean(axis=1), axis=0).abs().mean(axis=0)
        why = "that differ most from the mean of all"
    top = set(weight.sort_values(ascending=False, kind="stable").index[:keep])
    return [c for c in matrix.columns if c in top], [c for c in matrix.columns if c not in top], why


def is_count_matrix(matrix: pd.DataFrame) -> bool:
    """Whole numbers only: cells are counts, so the columns left out are summed rather than averaged."""
    values = matrix.to_numpy(dtype=float)
    finite = values[~pd.isna(values)]
    return bool(finite.size) and bool((finite == finite.round()).all())
