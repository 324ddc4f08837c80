"""The table registry: one declaration per table, and the one way to get a table.

Every table of a run (the engine's per-article tables, the corpus stage's reuse tables, the summaries the
chapters show) is declared once in ``registry.yaml`` beside this module: its grain, the stage that makes
it, the function that produces it, the tables it needs, its columns and whether it is exported. The engine,
the driver's stages, :class:`helpers.pipeline.study.Study`, the CSV export and the data page all read
this one list, so adding a table means writing its function and one declaration.

A :class:`TableStore` hands out tables: it takes a table from its source when the source has it (a run's
Parquet parts), and otherwise computes it with the declared producer from the tables that producer needs,
once, checking the result against the declared columns. The same store serves an engine chunk, the
driver's summary stage and a notebook run by hand, so there is one implementation of every table.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import pandas as pd
import yaml

if TYPE_CHECKING:
    from helpers.inputs.codebook import Codebook
    from helpers.text.normalise import NormalisedCorpus

STAGES = ("survey", "chunk", "corpus", "summary")  # the order a run makes them in
EXPORTS = ("csv", "yaml")


class RegistryError(RuntimeError):
    """A table that is not declared, a producer that breaks its declaration, or a store asked beyond its stage."""


@dataclass(frozen=True)
class Column:
    """One declared column; a name with ``###`` or ``*`` stands for a family of columns."""

    name: str
    dtype: str
    about: str

    def matches(self, column: str) -> bool:
        if "###" in self.name:
            return re.fullmatch(re.escape(self.name).replace("\\#\\#\\#", r"\d{3}"), column) is not None
        return self.name == column


@dataclass(frozen=True)
class Table:
    """One table's declaration."""

    name: str
    about: str
    grain: str
    stage: str
    produce: str  # "module:function"
    needs: tuple[str, ...] = ()
    export: str | None = None
    columns: tuple[Column, ...] = ()

    @property
    def fixed_columns(self) -> list[str]:
        """The columns every produced table has, in order (families of columns excluded)."""
        return [c.name for c in self.columns if "###" not in c.name and c.name != "*"]

    def producer(self) -> Callable[[TableStore], pd.DataFrame | dict[str, pd.DataFrame]]:
        module, _, function = self.produce.partition(":")
        return getattr(importlib.import_module(module), function)

    def check(self, table: pd.DataFrame) -> None:
        """Fail when the produced table lacks a declared column or has one the registry does not describe."""
        missing = [c for c in self.fixed_columns if c not in table.columns]
        wildcard = any(c.name == "*" for c in self.columns)
        extra = [c for c in table.columns if not any(d.matches(str(c)) for d in self.columns)]
        if missing or (extra and not wildcard):
            raise RegistryError(f"table {self.name!r} from {self.produce}: "
                                + (f"missing declared columns {missing}" if missing else "")
                                + ("; " if missing and extra and not wildcard else "")
                                + (f"undeclared columns {extra}" if extra and not wildcard else "")
                                + " (declarations: helpers/pipeline/registry.yaml)")


def _columns(spec: object, declared: dict[str, dict]) -> tuple[Column, ...]:
    if isinstance(spec, str) and spec.startswith("like "):
        spec = declared[spec.removeprefix("like ")]["columns"]
    assert isinstance(spec, dict)
    out = []
    for name, text in spec.items():
        dtype, _, about = str(text).partition(": ")
        out.append(Column(str(name), dtype, about))
    return tuple(out)


@cache
def tables() -> dict[str, Table]:
    """Every declared table, in declaration order."""
    raw = yaml.safe_load(resources.files("helpers.pipeline").joinpath("registry.yaml").read_text(encoding="utf-8"))
    out = {}
    for name, spec in raw.items():
        out[name] = Table(name=name, about=spec["about"], grain=spec["grain"], stage=spec["stage"],
                          produce=spec["produce"], needs=tuple(spec.get("needs", ())), export=spec.get("export"),
                          columns=_columns(spec["columns"], raw))
    return out


def declared(name: str) -> Table:
    try:
        return tables()[name]
    except KeyError:
        raise RegistryError(f"no table {name!r}: the declared tables are {sorted(tables())}") from None


def names(stage: str | None = None, export: str | None = None) -> list[str]:
    """Declared tables of one stage (or all), optionally only those exported in one format, in order."""
    return [n for n, t in tables().items() if (stage is None or t.stage == stage)
            and (export is None or t.export == export)]


def in_order(wanted: Iterable[str]) -> list[str]:
    """The wanted tables and everything they need, each after what it needs."""
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done:
            return
        if name in path:
            raise RegistryError(f"tables need each other in a circle: {' -> '.join((*path, name))}")
        for need in declared(name).needs:
            visit(need, (*path, name))
        done.append(name)

    for name in wanted:
        visit(name, ())
    return done


@cache
def code_version() -> str:
    """SHA-256 of the package's code and general codebooks: what produced a run's tables.

    Any change to a module or to a general word list gives a new value, so a partial rerun can tell that
    tables from an earlier run were made by other code.
    """
    root = resources.files("helpers")
    digest = hashlib.sha256()
    for path in sorted(_package_files(root), key=str):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package_files(root) -> list:
    from pathlib import Path

    base = Path(str(root))
    keep = [p for p in base.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".json", ".npz")
            and "__pycache__" not in p.parts and "templates" not in p.parts]
    return [p for p in keep if not (p.suffix == ".yaml" and "codebooks" in p.parts and "general" not in p.parts)]


@dataclass
class TableStore:
    """Tables of one scope (an engine chunk, a run, a notebook's corpus), each computed at most once.

    ``source`` returns a table the scope already has (a run's parts) or None; ``stages`` limits what may be
    computed here (a chunk computes only per-article tables). Producers read their inputs from the store:
    ``store[name]``, ``store.codebook``, ``store.normalised`` (chunk scope) and ``store.outlets``.
    """

    codebook: Codebook
    source: Callable[[str], pd.DataFrame | None] = lambda name: None
    normalised: NormalisedCorpus | None = None
    outlets: tuple[str, ...] = ()
    stages: tuple[str, ...] = STAGES
    settings: dict[str, object] = field(default_factory=dict)  # how to run a stage (workers, log)
    computed: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.computed:
            self._make(name)
        return self.computed[name]

    def _make(self, name: str) -> None:
        table = declared(name)
        found = self.source(name)
        if found is not None:
            self.computed[name] = found
            return
        if table.stage not in self.stages:
            raise RegistryError(f"table {name!r} ({table.stage} stage) cannot be computed here (stages "
                                f"{list(self.stages)}); it comes from the run's tables")
        made = table.producer()(self)
        results: Mapping[str, pd.DataFrame] = made if isinstance(made, dict) else {name: made}
        for key, value in results.items():
            declared(key).check(value)
            self.computed.setdefault(key, value.reset_index(drop=True))
        if name not in self.computed:
            raise RegistryError(f"{table.produce} did not produce table {name!r}")


def data_dictionary() -> str:
    """The data page's body: every exported table with its grain, download and column descriptions.

    Written next to the exported CSVs (``results/README.md``) and included by ``book/data.md``, so the page
    a reader sees and the files they download are described by the same declarations the code checks.
    """
    lines = ["<!-- generated from helpers/pipeline/registry.yaml by helpers.pipeline.registry.data_dictionary -->", ""]
    for name, table in tables().items():
        if table.export is None:
            continue
        file = f"{name}.{table.export}"
        lines += [f"## {name}", "", f"{table.about} One row per {table.grain}. "
                  f"{{download}}`Download {file} <data/{file}>`", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.dtype} | {c.about} |" for c in table.columns]
        lines.append("")
    return "\n".join(lines)
