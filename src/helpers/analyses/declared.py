"""What a text declares about its own origin: wire credits, a copyright owner, named writers, team bylines.

Provenance compares texts with each other; this module reads what each text says about itself (from the
boilerplate that normalisation set aside), so the provenance chapter can report both side by side. It
reads one article at a time, so it belongs with the per-article tables the engine writes.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.text.normalise import NormalisedCorpus


def declared_origin(normalised: NormalisedCorpus | pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """What each text declares: wire credits, copyright owner, named writers, team bylines.

    Flags a text whose copyright owner is not its declared outlet as a republication of that owner's work.
    """
    bp = normalised.boilerplate if isinstance(normalised, NormalisedCorpus) else normalised
    by_article = {a: g for a, g in bp.groupby("article_id", sort=False)}  # one pass, not one scan per article
    rows = []
    for art in articles.itertuples(index=False):
        spans = by_article.get(art.article_id, bp.iloc[0:0])
        info = {}
        for kind, text in zip(spans["kind"], spans["info"], strict=True):
            for part in filter(None, text.split("; ")):
                k, _, v = part.partition("=")
                info.setdefault(k, []).append(v)
            info.setdefault("_kinds", []).append(kind)
        wires = info.get("wire", [])
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
