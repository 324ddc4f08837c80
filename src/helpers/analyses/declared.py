"""What a text declares about its own origin: wire credits, a copyright owner, named writers, team bylines.

Provenance compares texts with each other; this module reads what each text says about itself (from the
boilerplate that normalisation set aside), so the provenance chapter can report both side by side. It
reads one article at a time, so it belongs with the per-article tables the engine writes.

Wire credits are read from the agencies of ``codebooks/general/<language>/wires.yaml``, in the places a
credit stands: a dateline ("WASHINGTON (AP) —", "(AFP) –"), a byline ("By Jane Doe, Reuters") or a credit
or copyright line ("The AP contributed to this report."), in the boilerplate set aside and
in the first and last lines of the text. A text that credits an agency other than its own outlet declares
that agency as its source: provenance reports it as a declared origin beside the measured reuse.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from helpers.inputs.codebook import Codebook
from helpers.inputs.patterns import trie_body
from helpers.text.normalise import Normalised, NormalisedCorpus

# Lines read at each end of a text for datelines, bylines and credit lines.
CREDIT_LINES = 3
NOT_CREDITS = frozenset({"photo_credit", "image_placeholder", "html_tag", "html_comment", "site_chrome"})


@lru_cache(maxsize=8)
def wire_patterns(codebook: Codebook) -> tuple[dict[str, str], tuple[re.Pattern[str], ...]]:
    """The agencies' written forms (form -> agency) and the dateline, byline and credit-line patterns."""
    wires = codebook.section("wires")
    forms = {}
    for agency, written in (wires.get("agencies") or {}).items():
        for form in [str(f) for f in written or []]:
            forms.setdefault(form, str(agency))
            forms.setdefault(form.upper(), str(agency))
    if not forms:
        return {}, ()
    w = rf"(?P<wire>{trie_body(sorted(forms))})(?![\w-])"
    nouns = trie_body([str(x) for x in wires.get("credit_nouns") or []]) or "(?!)"
    phrases = trie_body([str(x) for x in wires.get("credit_phrases") or []]) or "(?!)"
    return forms, (
        re.compile(rf"^[^\n()]{{0,80}}?\(\s*{w}\s*\)\s*[—–-]"),  # dateline
        re.compile(rf"^(?i:by)\s+[^\n]{{2,80}}?(?:\s*[,|/·•—–-]\s*|\s+)(?:(?i:the)\s+)?{w}"
                   rf"(?:\s+(?i:{nouns}))?[\s.]*$"),  # byline
        re.compile(rf"^[—–-]?\s*(?:(?i:the)\s+)?{w}(?:\s+(?i:{nouns})\b[^\n]*?)?\s+(?i:{phrases})\b"),  # credit
        re.compile(rf"^(?i:copyright|©)\s*(?:©\s*)?(?:\d{{4}}\s+)?(?:(?i:the)\s+)?{w}"),  # copyright
    )


def wire_credits(lines: list[str], codebook: Codebook) -> list[tuple[str, str]]:
    """(agency, line as written) for each credit to a wire service among ``lines``, in order, once per agency."""
    forms, patterns = wire_patterns(codebook)
    found: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        for rx in patterns:
            m = rx.search(line)
            if m:
                found.setdefault(forms[m.group("wire")], line[: m.end()].strip())
    return list(found.items())


def _credit_lines(doc: Normalised | None) -> list[str]:
    """The boilerplate lines (photo credits aside) and the first and last lines of the text."""
    if doc is None:
        return []
    lines = [sp.text.strip() for sp in doc.boilerplate if sp.kind not in NOT_CREDITS]
    body = [x for x in doc.clean_text.split("\n") if x.strip()]
    lines += body[:CREDIT_LINES] + body[CREDIT_LINES:][-CREDIT_LINES:]
    return [x for line in lines for x in line.split("\n")]


def declared_origin(normalised: NormalisedCorpus, articles: pd.DataFrame,
                    codebook: Codebook | None = None) -> pd.DataFrame:
    """What each text declares: wire credits, copyright owner, named writers, team bylines.

    Flags a text whose copyright owner is not its declared outlet as a republication of that owner's work,
    and (with a ``codebook``, whose ``wires.yaml`` names the agencies) a text crediting a wire service other
    than its outlet as that agency's copy. The boilerplate is read as normalisation recorded it (each span's
    fields), not from the boilerplate table, whose ``info`` column is those fields written out for readers.
    """
    rows = []
    for art in articles.itertuples(index=False):
        doc = normalised.documents.get(art.article_id)
        info: dict[str, list[str]] = {}
        for sp in doc.boilerplate if doc is not None else []:
            for k, v in sp.info.items():
                info.setdefault(k, []).append(v)
        credits = wire_credits(_credit_lines(doc), codebook) if codebook else []
        wires = list(dict.fromkeys([a for a, _ in credits] + info.get("wire", [])))
        owners = [o.strip() for o in info.get("owner", [])]
        writers = info.get("author", []) + info.get("coauthor", [])
        notes = []
        origin = ""
        outlet = str(art.outlet)
        for owner in owners:
            if outlet.lower() in ("", "unknown") or not _same_org(owner, outlet):
                origin = owner
                notes.append(
                    f"copyright {owner!r} differs from the publishing outlet {outlet!r}: "
                    "republication or rewrite of that publisher's work"
                )
        for agency, line in credits:
            if not origin and (outlet.lower() in ("", "unknown") or not _same_org(agency, outlet)):
                origin = agency
                notes.append(f"credits the wire service {agency} ({line!r}): that agency's copy, under this outlet")
        team = [w for w in writers if re.search(r"\bteam\b|\bstaff\b|\bdesk\b", w, re.I)]
        if team:
            notes.append(f"byline names no person ({', '.join(sorted(set(team)))})")
        named = [w for w in writers if w not in team]
        if named and origin:
            notes.append(f"writers named in the text: {', '.join(named)} (of {origin})")
        if wires:
            notes.append("wire credit: " + "; ".join(wires))
        rows.append(
            {
                "article_id": art.article_id,
                "declared_origin": origin,
                "wire_credits": "; ".join(wires),
                "copyright_owner": "; ".join(owners),
                "writers": "; ".join(named),
                "declared_notes": " | ".join(notes),
            }
        )
    return pd.DataFrame(
        rows, columns=["article_id", "declared_origin", "wire_credits", "copyright_owner", "writers", "declared_notes"]
    )


def _same_org(owner: str, outlet: str) -> bool:
    norm = lambda s: re.sub(r"\b(the|inc|llc|ltd|company|co)\b|[^a-z]", "", s.lower())  # noqa: E731
    return bool(norm(outlet)) and (norm(outlet) in norm(owner) or norm(owner) in norm(outlet))
