"""Quote scanning is linear in the text length, also when quotation marks do not balance (issue 14).

Work is counted, not timed: the Python lines executed inside the quotes package (a trace hook), and the
marks and overlap look-ups ``find_quotes`` reports. Doubling the text must roughly double the work.
"""

from __future__ import annotations

import sys
import warnings

from helpers.analyses.quotes import attribution, marks
from helpers.text.normalise import normalise_text

PACKAGE = "helpers/analyses/quotes/"
# A doubled input may cost a little more than twice (per-call overheads), never four times.
MAX_GROWTH = 2.3

PARAGRAPH = (  # numbered, so that no line repeats (repeated lines are boilerplate)
    'The clerk said "ledger {n} was wrong, and the totals too, and the dates, she said, were off. '
    "Then the auditor wrote 'unclear' beside the 'final' line {n}, and \"nobody answered.\n\n"
    '"We checked box {n} twice," Ms. Lena Ortiz said. "Every single one of {n}."\n\n'
)


def _lines_executed(fn) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if PACKAGE in frame.f_code.co_filename.replace("\\", "/"):
            if event == "line":
                count += 1
            return tracer
        return None

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def _work(n_paragraphs: int, codebook) -> tuple[int, dict[str, int]]:
    text = "".join(PARAGRAPH.format(n=n) for n in range(n_paragraphs))
    doc = normalise_text("a", text, codebook)
    stats: dict[str, int] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = marks.find_quotes(doc, text, "a", stats)
        assert any(not q.closed for q in found)  # the input really has unbalanced marks
        sentences = [(int(s), int(e)) for s, e in doc.paragraphs]
        lines = _lines_executed(lambda: attribution.attribute(doc, text, codebook, sentences, "a"))
    return lines, stats


def test_scan_and_attribution_grow_linearly(codebook):
    small_lines, small = _work(40, codebook)
    big_lines, big = _work(80, codebook)
    assert big["marks"] == 2 * small["marks"]
    assert big["overlap_checks"] <= MAX_GROWTH * small["overlap_checks"]
    assert big_lines <= MAX_GROWTH * small_lines, (small_lines, big_lines)
