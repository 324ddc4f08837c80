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

from helpers.inputs.codebook_files import CodebookError, read_codebook_file
from helpers.inputs.config import DEFAULT_CODEBOOK, DEFAULT_LANGUAGE, GENERAL_DIR, resolve
from helpers.inputs.user_patterns import GuardedPattern, compile_rule

__all__ = ["EVENT_FILES", "GENERAL_FILES", "Codebook", "CodebookError", "load_codebook"]
Rule = re.Pattern[str] | GuardedPattern  # a shipped pattern, or a user's under a time budget

EVENT_FILES = ("aliases", "boilerplate", "frames", "actor_labels", "quantities", "event")
GENERAL_FILES = (
    "abbreviations", "speech_verbs", "number_words", "qualifiers", "boilerplate", "stopwords", "names", "roles",
    "counts",
)


def _read_yaml(path: Path, is_general: bool = False) -> dict[str, Any]:
    """A codebook file checked against its schema ({} when absent); see :mod:`helpers.inputs.codebook_files`."""
    return read_codebook_file(path, is_general)


@dataclass(frozen=True, eq=False)
class Codebook:
    """The merged general + event codebooks, with compiled patterns cached on first use."""

    event_dir: Path
    general: dict[str, dict[str, Any]] = field(repr=False)
    event: dict[str, dict[str, Any]] = field(repr=False)
    general_dir: Path = GENERAL_DIR / DEFAULT_LANGUAGE  # where the general files were read (named in errors)

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
    def boilerplate_lines(self) -> list[tuple[str, Rule, bool]]:
        """(kind, compiled full-line pattern, ends_body) from event then general codebooks."""
        return [(str(entry["kind"]), rx, bool(entry.get("ends_body", False)))
                for entry, rx in self._rules("lines", re.IGNORECASE, event_first=True)]

    @cached_property
    def boilerplate_spans(self) -> list[tuple[str, Rule]]:
        """(kind, compiled pattern) from general then event codebooks."""
        return [(str(entry["kind"]), rx) for entry, rx in self._rules("spans", 0, event_first=False)]

    def _rules(self, part: str, flags: int, event_first: bool) -> list[tuple[dict[str, Any], Rule]]:
        """Each boilerplate rule with its pattern compiled; errors name the file and the rule."""
        sources = [(self.event_dir / "boilerplate.yaml", self.event.get("boilerplate", {})),
                   (self.general_dir / "boilerplate.yaml", self.general["boilerplate"])]
        rules = []
        for path, source in sources if event_first else sources[::-1]:
            for i, entry in enumerate(source.get(part, [])):
                where = f"{path}: {part}[{i}] (kind {entry.get('kind')!r})"
                rules.append((entry, compile_rule(entry.get("pattern"), flags, where)))
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
    can edit word lists for one study without touching the package. A codebook inside a study folder takes
    the event's name, language, year, window and outlets from the study's ``study.yaml``.
    """
    from helpers.inputs.study_folder import event_facts

    event = resolve(event_dir) if event_dir else DEFAULT_CODEBOOK
    if not event.is_dir():
        raise CodebookError(f"{event}: codebook folder not found")
    ev = {name: _read_yaml(event / f"{name}.yaml") for name in EVENT_FILES}
    ev["event"] = {**ev["event"], **event_facts(event)}
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
                            else shipped / f"{name}.yaml", is_general=True) for name in GENERAL_FILES}
    codebook = Codebook(event_dir=event, general=gen, event=ev, general_dir=general)
    codebook.boilerplate_lines, codebook.boilerplate_spans  # noqa: B018 - a bad pattern is an error at load
    return codebook
