"""Every precision, recall and F1 in one place: frames, quote spans and speakers, numeric claims.

The tests, the book and the ``evaluate`` command all score through these functions, so a published
score and a tested score are computed the same way.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.analyses.numbers import event_counts


def prf(tp: int, n_predicted: int, n_gold: int, gold_found: int | None = None,
        undefined: float = 0.0) -> dict[str, float]:
    """Precision, recall and F1 from counts: the one place every score in the project is computed.

    ``gold_found`` is the number of distinct gold items found, when it differs from the number of
    correct predictions (two predictions may find the same gold claim). Undefined ratios are
    ``undefined`` (0 by default, so an empty run scores 0, not nan).
    """
    found = tp if gold_found is None else gold_found
    prec = tp / n_predicted if n_predicted else undefined
    rec = found / n_gold if n_gold else undefined
    f1 = 2 * prec * rec / (prec + rec) if tp and prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1}


def score_frames(gold: pd.DataFrame, predicted: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per frame for multi-label sentence coding.

    ``gold`` and ``predicted`` have article_id, sentence_id and ``frames`` (";"-separated).
    """
    key = ["article_id", "sentence_id"]
    merged = gold[key + ["frames"]].merge(predicted[key + ["frames"]], on=key, suffixes=("_gold", "_pred"))
    rows = []
    for frame in frames:
        g = merged["frames_gold"].map(lambda s, f=frame: f in str(s).split(";"))
        p = merged["frames_pred"].map(lambda s, f=frame: f in str(s).split(";"))
        tp, fp, fn = int((g & p).sum()), int((~g & p).sum()), int((g & ~p).sum())
        tn = int((~g & ~p).sum())
        scores = prf(tp, tp + fp, tp + fn, undefined=float("nan"))
        rows.append(
            {
                "frame": frame,
                "n_gold": tp + fn,
                "n_predicted": tp + fp,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "tn": tn,
                **scores,
            }
        )
    return pd.DataFrame(rows)


def frame_confusion(gold: pd.DataFrame, predicted: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Sentences with gold frame (rows) and predicted frame (columns); plus a 'none' row/column."""
    key = ["article_id", "sentence_id"]
    merged = gold[key + ["frames"]].merge(predicted[key + ["frames"]], on=key, suffixes=("_gold", "_pred"))
    labels = frames + ["none"]
    mat = pd.DataFrame(0, index=pd.Index(labels, name="gold"), columns=pd.Index(labels, name="predicted"))
    for g, p in zip(merged["frames_gold"], merged["frames_pred"], strict=True):
        gs = [f for f in str(g).split(";") if f] or ["none"]
        ps = [f for f in str(p).split(";") if f] or ["none"]
        for a in gs:
            for b in ps:
                mat.loc[a, b] += 1
    return mat


def match_spans(gold: pd.DataFrame, predicted: pd.DataFrame, min_coverage: float = 0.8) -> pd.DataFrame:
    """One-to-one matches of predicted to gold spans (same article) covering >= min_coverage of gold."""
    pairs = []
    for aid, g in gold.groupby("article_id"):
        p = predicted[predicted["article_id"] == aid]
        for gi, gr in g.iterrows():
            for pi, pr in p.iterrows():
                ov = min(gr["end"], pr["end"]) - max(gr["start"], pr["start"])
                if ov <= 0:
                    continue
                cov = ov / (gr["end"] - gr["start"])
                if cov >= min_coverage:
                    pairs.append((cov, gi, pi))
    used_g, used_p, rows = set(), set(), []
    for cov, gi, pi in sorted(pairs, key=lambda t: -t[0]):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        rows.append({"gold": gi, "predicted": pi, "coverage": cov})
    return pd.DataFrame(rows, columns=["gold", "predicted", "coverage"])


def score_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Span precision/recall/F1 at coverage >= 0.8, kind accuracy and speaker accuracy on matches."""
    m = match_spans(gold, predicted)
    tp = len(m)
    g = gold.loc[m["gold"]].reset_index(drop=True)
    p = predicted.loc[m["predicted"]].reset_index(drop=True)
    speaker_ok = (g["speaker"].fillna("") == p["speaker"].fillna("")).to_numpy()
    kind_ok = (g["kind"] == p["kind"]).to_numpy()
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": tp,
        **prf(tp, len(predicted), len(gold)),
        "speaker_accuracy": float(np.mean(speaker_ok)) if tp else 0.0,
        "kind_accuracy": float(np.mean(kind_ok)) if tp else 0.0,
        "mean_coverage": float(m["coverage"].mean()) if tp else 0.0,
    }


def score_numbers(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict[str, float]:
    """Precision/recall of event-count claims matched on article, category and value (as written)."""

    def key(df: pd.DataFrame) -> list[tuple[str, str, str]]:
        return [(a, c, value_key(v)) for a, c, v in zip(df["article_id"], df["category"], df["value"], strict=True)]

    g, p = key(gold), key(event_counts(predicted))
    remaining = list(g)
    tp = 0
    for k in p:
        if k in remaining:
            remaining.remove(k)
            tp += 1
    return {"gold": len(g), "predicted": len(p), "matched": tp, **prf(tp, len(p), len(g))}


def value_key(v: object) -> str:
    try:
        return str(int(float(str(v).replace(",", ""))))
    except ValueError:
        return str(v).lower().strip()


# --- the external benchmarks (format of ../shared/benchmarks, rules of its README) ------------------------
# A predicted quote matches a gold quotation when it covers this share of the gold words ...
BENCH_MIN_COVERAGE = 0.8
# ... without more extra words than this share of the gold words (and at least BENCH_EXTRA_WORDS).
BENCH_EXTRA_SHARE = 0.2
BENCH_EXTRA_WORDS = 3
# Characters of the gold prefix a prediction must start with when it does not contain the whole prefix.
BENCH_PREFIX_CHARS = 12
BENCH_QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]+)[\u201d\"]")


def bench_words(text: str) -> list[str]:
    """Lower-case words for comparison: Unicode-normalised, curly quotes straightened, punctuation dropped."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    return re.sub(r"[^\w\s']", " ", text).split()


def bench_article(row: dict, ids: list[str]) -> str | None:
    """The gold article a result row belongs to: its article_id (or file) starts with the gold id."""
    for name in (str(row.get("article_id") or ""), str(row.get("file") or "")):
        hit = next((i for i in ids if name.startswith(i) or Path(name).name.startswith(i)), None)
        if hit:
            return hit
    return None


def _gold_quotation(raw: str, prefix: str) -> str:
    """The whole quoted stretch of the raw text whose words start with the gold prefix (else the prefix)."""
    want = " ".join(bench_words(prefix))
    for m in BENCH_QUOTED.finditer(raw):
        if " ".join(bench_words(m.group(1))).startswith(want):
            return m.group(1)
    return prefix


def _quote_coverage(predicted: str, gold: str) -> float:
    g, p = bench_words(gold), bench_words(predicted)
    if not g:
        return 0.0
    have = set(p)
    cover = sum(w in have for w in g) / len(g)
    if len(p) - len(g) > max(BENCH_EXTRA_WORDS, BENCH_EXTRA_SHARE * len(g)):
        cover = min(cover, BENCH_MIN_COVERAGE - 0.01)  # the prediction swallowed too much text
    return cover


def _speaker_right(pred: dict, keys: str) -> bool:
    who = f"{pred.get('speaker', '')} | {pred.get('speaker_as_written', '')}".lower()
    return any(k.strip().lower() in who for k in keys.split("|") if k.strip())


def bench_quotes(predicted: pd.DataFrame, raw_texts: dict[str, str], gold: pd.DataFrame) -> dict[str, float]:
    """Quote precision/recall/F1 and speaker accuracy in the benchmark format.

    ``raw_texts`` maps each gold article id to its raw text; ``gold`` has article, speaker_keys,
    quote_prefix, kind, score_speaker. Each gold quotation takes the unused prediction covering most of
    it; predictions inside an ``ignore`` stretch are neither right nor wrong.
    """
    ids = sorted(set(gold["article"].astype(str)), key=len, reverse=True)
    by_article: dict[str, list[dict]] = {}
    for row in predicted.to_dict("records"):
        key = bench_article(row, ids)
        if key:
            by_article.setdefault(key, []).append(row)
    used: set[tuple[str, int]] = set()
    tp = fn = speaker_ok = speaker_n = 0
    for g in gold[gold["kind"] != "ignore"].to_dict("records"):
        art, prefix = str(g["article"]), " ".join(bench_words(g["quote_prefix"]))
        span = _gold_quotation(raw_texts.get(art, ""), str(g["quote_prefix"]))
        best, best_cover = None, 0.0
        for j, p in enumerate(by_article.get(art, [])):
            text = " ".join(bench_words(p.get("text", "")))
            if (art, j) in used or not (text.startswith(prefix[:BENCH_PREFIX_CHARS]) or prefix in text):
                continue
            cover = _quote_coverage(p.get("text", ""), span)
            if cover > best_cover:
                best, best_cover = j, cover
        if best is None or best_cover < BENCH_MIN_COVERAGE:
            fn += 1
            continue
        tp += 1
        used.add((art, best))
        if str(g["score_speaker"]).strip().lower() == "yes":
            speaker_n += 1
            speaker_ok += _speaker_right(by_article[art][best], str(g["speaker_keys"]))
    ignored = {}
    for g in gold[gold["kind"] == "ignore"].to_dict("records"):
        ignored.setdefault(str(g["article"]), []).append(" ".join(bench_words(g["quote_prefix"])))
    fp = sum(1 for art, rows in by_article.items() for j, p in enumerate(rows)
             if (art, j) not in used and not _ignored(p, ignored.get(art, [])))
    return {"n_gold": tp + fn, "n_predicted": tp + fp, "matched": tp, **prf(tp, tp + fp, tp + fn),
            "speaker_accuracy": speaker_ok / speaker_n if speaker_n else 0.0, "speaker_scored": speaker_n}


def _ignored(pred: dict, prefixes: list[str]) -> bool:
    text = " ".join(bench_words(pred.get("text", "")))
    return any(i in text for i in prefixes)


def _stated(row: dict) -> float | None:
    """The number as stated: ``value`` when numeric ('more than 5,000' -> 5000), else ``value_low``."""
    for field in ("value", "value_low"):
        try:
            return float(str(row.get(field, "")).replace(",", ""))
        except ValueError:
            continue
    return None


def _number_hit(p: dict, stated: float | None, golds: list[tuple[int, dict, float | None]],
                found: set[int]) -> tuple[str, int] | None:
    """('gold', i) for the scored gold claim a prediction states, ('ignore', i) for an ignore row, else None.

    Among gold claims that are written alike (the same count reported twice in one article), one not yet
    found is preferred, so each is found once.
    """
    hit = None
    for gi, g, gv in sorted(golds, key=lambda t: t[0] in found):
        if g["category"] == "ignore":
            if gv is not None and stated == gv and hit is None:
                hit = ("ignore", gi)
        elif g["category"] == p["category"]:
            if gv is None:  # a vague gold word ("dozens") matches a vague prediction using that word
                written = f"{p.get('text', '')} {p.get('value_text', '')}".lower()
                if p.get("qualifier") == "vague" and str(g["value"]).split()[-1].lower() in written:
                    return ("gold", gi)
            elif stated == gv:
                return ("gold", gi)
    return hit


def bench_numbers(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Count precision/recall in the benchmark format: article, category and the stated number must match.

    Only predictions in the gold's categories are scored. Precision counts every prediction that states
    a gold claim; recall counts the distinct gold claims found.
    """
    ids = sorted(set(gold["article"].astype(str)), key=len, reverse=True)
    categories = set(gold["category"]) - {"ignore"}
    golds: dict[str, list[tuple[int, dict, float | None]]] = {}
    for gi, g in enumerate(gold.to_dict("records")):
        golds.setdefault(str(g["article"]), []).append((gi, g, _stated({"value": g["value"]})))
    found: set[int] = set()
    tp = fp = qualifier_ok = 0
    for p in predicted.to_dict("records"):
        art = bench_article(p, ids)
        if not art or str(p.get("category", "")).strip() not in categories:
            continue
        hit = _number_hit(p, _stated(p), golds.get(art, []), found)
        if hit is None:
            fp += 1
        elif hit[0] == "gold":
            tp += 1
            if hit[1] not in found and str(p.get("qualifier") or "") == str(gold.iloc[hit[1]]["qualifier"]):
                qualifier_ok += 1
            found.add(hit[1])
    n_gold = int((gold["category"] != "ignore").sum())
    return {"n_gold": n_gold, "n_predicted": tp + fp, "matched": tp, **prf(tp, tp + fp, n_gold, len(found)),
            "qualifier_accuracy": qualifier_ok / len(found) if found else 0.0}
