"""Words for numbers, names and lists, shared by every generated sentence of the book.

A list in prose stays readable at any corpus size: up to ``LIST_MAX`` items are written out; beyond
that the sentence names a few examples and counts the rest, and says where the whole list is.
"""

from __future__ import annotations

from helpers.publication.reader_names import article_label, is_unattributed, outlet_for_reader

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
LIST_MAX = 5  # items written out in one sentence; a longer list is summarised ("and 120 others")


def number(n: int) -> str:
    """'no', 'one' ... 'ten', then digits with thousands separators."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'one article', 'two articles', 'no articles' (the noun agrees with the number)."""
    return f"{number(n)} {noun if n == 1 else (plural or noun + 's')}"


def join(items: list[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items if str(i)]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def listed(items: list[str], noun: str = "other", plural: str | None = None, limit: int = LIST_MAX) -> str:
    """Like :func:`join`, but a list longer than ``limit`` names its first ``limit`` items and counts the
    rest: 'a, b, c, d, e and 495 others'. Items should come ranked, most important first."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= limit:
        return join(items)
    return ", ".join(items[:limit]) + f" and {count(len(items) - limit, noun, plural)}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def outlet_name(label: str) -> str:
    """An outlet label for prose: an undeclared outlet reads as 'an unattributed article (shown in the corpus
    table as A3)' (see :mod:`helpers.publication.reader_names`)."""
    return outlet_for_reader(label)


def article_phrase(article_id: str, label: str) -> str:
    """'article A3 (Outlet)', or 'an unattributed article (shown in the corpus table as A3)'."""
    name = outlet_name(label)
    return name if is_unattributed(label) else f"article {article_label(article_id)} ({name})"


def score(value: float) -> str:
    """A tone score for prose: signed, two decimals, a true minus sign; a score that rounds to zero is '0.00'
    (not '−0.00', which reads as a negative tone)."""
    if round(value, 2) == 0:
        return "0.00"
    return f"{value:+.2f}".replace("-", "\u2212")


def share(value: float) -> str:
    return f"{value:.0%}"


def summarised(sentences: list[str], summary: str, where: str, which: str = "closest") -> list[str]:
    """Every sentence when there are few; otherwise a summary, the first ``LIST_MAX`` as examples, and where the
    whole list is."""
    if len(sentences) <= LIST_MAX:
        return sentences
    return [f"{summary} The {number(LIST_MAX)} {which} follow; {where} lists every one.", *sentences[:LIST_MAX]]


def per_outlet_sentence(per_outlet: list[int]) -> str:
    """How many articles each outlet contributes, and what that allows: a difference between outlets with few
    articles describes those articles, not the outlets' habits."""
    if not per_outlet:
        return "No outlet contributes an article."
    low, high = min(per_outlet), max(per_outlet)
    span = count(high, "article") if low == high else f"{number(low)} to {count(high, 'article')}"
    if high <= 3:
        return (f"With {span} per outlet, every difference below describes these articles, not the outlets' "
                "habits.")
    return (f"Outlets contribute {span} each; where an outlet has few, a difference describes its articles rather "
            "than its habits.")
