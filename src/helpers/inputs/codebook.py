"""Load a study's codebooks: the general one shipped with Refract plus one event codebook.

Everything the analyses know about language (speech verbs, number words, abbreviations) lives in
``codebooks/general/<language>``; everything they know about the event (names, boilerplate of its outlets,
frames, actor labels, quantity categories) lives in the event folder the user passes with
``--codebook``. Another study swaps only the event folder. Missing event files are allowed: the
corresponding analysis then finds nothing and says so, rather than failing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.inputs.config import DEFAULT_CODEBOOK, DEFAULT_LANGUAGE, GENERAL_DIR, resolve

EVENT_FILES = ("aliases", "boilerplate", "frames", "actor_labels", "quantities", "event")
GENERAL_FILES = (
    "abbreviations", "speech_verbs", "number_words", "qualifiers", "boilerplate", "stopwords", "names", "roles",
    "counts",
)


class CodebookError(ValueError):
    """A codebook file is missing, unreadable or malformed; the message names the file."""


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CodebookError(f"{path}: not valid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CodebookError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    _check_word_lists(data, path)
    return data


def _check_word_lists(data: dict[str, Any], path: Path) -> None:
    """A word list holding true/false means YAML read a bare no/yes/on/off as a boolean: say so."""
    for key, value in data.items():
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            raise CodebookError(
                f"{path}: list {key!r} holds {[v for v in value if isinstance(v, bool)]}; YAML reads bare "
                "no/yes/on/off/true/false as booleans, so quote such words (\"no\")"
            )


@dataclass(frozen=True, eq=False)
class Codebook:
    """The merged general + event codebooks, with compiled patterns cached on first use."""

    event_dir: Path
    general: dict[str, dict[str, Any]] = field(repr=False)
    event: dict[str, dict[str, Any]] = field(repr=False)

    @property
    def name(self) -> str:
        return self.event_dir.name

    # --- abbreviations -------------------------------------------------------------------
    @cached_property
    def abbreviations(self) -> frozenset[str]:
        items = self.general["abbreviations"].get("abbreviations", [])
        items += self.event.get("event", {}).get("abbreviations", [])
        return frozenset(str(a).lower().rstrip(".") for a in items)

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(str(w).lower() for w in self.general["stopwords"].get("stopwords", []))

    # --- boilerplate ---------------------------------------------------------------------
    @cached_property
    def boilerplate_lines(self) -> list[tuple[str, re.Pattern[str], bool]]:
        """(kind, compiled full-line pattern, ends_body) from general then event codebooks."""
        rules = []
        for source in (self.event.get("boilerplate", {}), self.general["boilerplate"]):
            for entry in source.get("lines", []):
                try:
                    rx = re.compile(entry["pattern"], re.IGNORECASE)
                except (KeyError, re.error) as exc:
                    raise CodebookError(f"{self.event_dir}: bad boilerplate line rule {entry!r}: {exc}") from exc
                rules.append((entry["kind"], rx, bool(entry.get("ends_body", False))))
        return rules

    @cached_property
    def boilerplate_spans(self) -> list[tuple[str, re.Pattern[str]]]:
        rules = []
        for source in (self.general["boilerplate"], self.event.get("boilerplate", {})):
            for entry in source.get("spans", []):
                rules.append((entry["kind"], re.compile(entry["pattern"])))
        return rules

    @property
    def header_max_words(self) -> int:
        return int(self.general["boilerplate"].get("header", {}).get("max_words", 25))

    @property
    def body_min_words(self) -> int:
        return int(self.general["boilerplate"].get("body", {}).get("min_words", 12))

    # --- aliases -------------------------------------------------------------------------
    @cached_property
    def entities(self) -> pd.DataFrame:
        """One row per entity: canonical, type, gender, group, actor."""
        rows = []
        for ent in self.event.get("aliases", {}).get("entities", []):
            rows.append(
                {
                    "canonical": ent["canonical"],
                    "type": ent.get("type", "unknown"),
                    "gender": ent.get("gender", "any"),
                    "group": ent.get("group", "other"),
                    "actor": ent.get("actor", ""),
                }
            )
        return pd.DataFrame(rows, columns=["canonical", "type", "gender", "group", "actor"])

    @cached_property
    def entity_info(self) -> dict[str, dict[str, str]]:
        """canonical -> {type, gender, group, actor}: a plain dict for lookups in hot loops."""
        return {r["canonical"]: {k: r[k] for k in ("type", "gender", "group", "actor")}
                for r in self.entities.to_dict("records")}

    @cached_property
    def alias_forms(self) -> dict[str, str]:
        """written form -> 'variant' or 'descriptor' (both apostrophe spellings)."""
        forms = dict(zip(self.aliases["variant"], self.aliases["form"], strict=True))
        forms.update({k.replace("'", "’"): v for k, v in forms.items()})
        return forms

    @cached_property
    def aliases(self) -> pd.DataFrame:
        """One row per written form: variant, canonical, form (variant | descriptor)."""
        rows = []
        for ent in self.event.get("aliases", {}).get("entities", []):
            canonical = ent["canonical"]
            forms = [(canonical, "variant")] + [(v, "variant") for v in ent.get("variants", [])]
            forms += [(d, "descriptor") for d in ent.get("descriptors", [])]
            seen = set()
            for text, form in forms:
                if text in seen:
                    continue
                seen.add(text)
                rows.append({"variant": text, "canonical": canonical, "form": form})
        table = pd.DataFrame(rows, columns=["variant", "canonical", "form"])
        dupes = table[table.duplicated("variant", keep=False)]
        if not dupes.empty and dupes["canonical"].nunique() > 1:
            bad = sorted(dupes["variant"].unique())
            raise CodebookError(f"{self.event_dir / 'aliases.yaml'}: variants claimed by two entities: {bad}")
        return table

    @cached_property
    def alias_pattern(self) -> re.Pattern[str] | None:
        """Every variant and descriptor as one trie pattern on word boundaries (longest match wins).

        Matched against normalised text, where apostrophes are straight; a lower-case first letter also
        matches its capital ("the top U.S. diplomat" at the start of a sentence).
        """
        from helpers.inputs.patterns import phrase_pattern

        forms = list(self.aliases["variant"])
        if not forms:
            return None
        forms += [f[0].upper() + f[1:] for f in forms if f[0].islower()]
        return phrase_pattern([f.replace("’", "'") for f in forms])

    @cached_property
    def alias_lookup(self) -> dict[str, str]:
        lookup = dict(zip(self.aliases["variant"], self.aliases["canonical"], strict=True))
        # apostrophes are matched loosely; map both spellings
        lookup.update({k.replace("'", "’"): v for k, v in lookup.items()})
        return lookup

    def canonical(self, name: str) -> str:
        """Canonical name for a written form, or the form itself when the codebook lacks it."""
        name = name.strip()
        for candidate in (name, name.replace("’", "'"), name[:1].lower() + name[1:]):
            if candidate in self.alias_lookup:
                return self.alias_lookup[candidate]
        return name

    # --- other sections, returned raw for the analysis modules -----------------------------
    def section(self, name: str) -> dict[str, Any]:
        if name in self.event:
            return self.event[name]
        return self.general.get(name, {})


def load_codebook(event_dir: str | Path | None = None, general_dir: str | Path | None = None) -> Codebook:
    """Load general + event codebooks; raise :class:`CodebookError` naming a bad file.

    The general codebook is chosen by the event's ``language`` (``event.yaml``, default English): a study
    made by ``new-study`` carries its own copy under ``codebook/general/<language>``, so that a researcher
    can edit word lists for one study without touching the package.
    """
    event = resolve(event_dir) if event_dir else DEFAULT_CODEBOOK
    if not event.is_dir():
        raise CodebookError(f"{event}: codebook folder not found")
    ev = {name: _read_yaml(event / f"{name}.yaml") for name in EVENT_FILES}
    language = str(ev["event"].get("language") or DEFAULT_LANGUAGE)
    if general_dir:
        general = resolve(general_dir)
    elif (event / "general" / language).is_dir():
        general = event / "general" / language
    else:
        general = GENERAL_DIR / language
    if not general.is_dir():
        raise CodebookError(f"{general}: general codebook folder for language {language!r} not found")
    shipped = GENERAL_DIR / language
    # a study's copy made by an older release may lack a newer list: the shipped one fills the gap
    gen = {name: _read_yaml(general / f"{name}.yaml" if (general / f"{name}.yaml").exists() or not shipped.is_dir()
                            else shipped / f"{name}.yaml") for name in GENERAL_FILES}
    return Codebook(event_dir=event, general=gen, event=ev)
