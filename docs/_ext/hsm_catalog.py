"""Sphinx extension: write the data catalog from the packaged data.

When the builder starts, this loads the packaged knowledge base with
:func:`hsm_knowledge.load` and writes MyST pages into ``docs/catalog/``
(git-ignored; every file in it is generated and stale ones are removed):

- ``index.md``: the dataset's title, version and release date, a table of
  the kinds, and every source's licence and attribution wording;
- ``occupation.md``: the occupation with its codes;
- one page per kind in :data:`hsm_knowledge.KINDS`, named after the kind
  (``skill.md``, ``career-step.md``), listing every record;
- ``relations.md``: every typed edge between records.

Record pages are rendered from the attrs fields of each record class, so a
new kind, or a new field on an existing one, appears without changes here.
The one table to extend by hand is ``REFERENCE_FIELDS``: fields holding the
id of a record of another kind, which are shown as links to that record.

Every piece of text from the data is escaped (each ASCII punctuation
character gets a backslash, which CommonMark defines as the literal
character), so no value can turn into markup.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from sphinx.application import Sphinx
from sphinx.util import logging

import hsm_knowledge
from hsm_knowledge import KINDS, KnowledgeBase, split_ref

logger = logging.getLogger(__name__)

#: Fields that hold the id of a record of another kind, by field name, with
#: the kind they point to. Fields written ``kind:id`` (relation ends) are
#: recognised without an entry here.
REFERENCE_FIELDS: dict[str, str] = {
    "attributed_to": "organization",
    "facility_types": "work-setting",
    "issuer": "organization",
    "parent": "organization",
    "publisher": "organization",
}

#: Fields shown in a record's heading and opening lines, not in its list.
_HEADER_FIELDS = frozenset({"id", "name", "summary", "citations"})

_LABELS = {"url": "URL", "uri": "URI"}
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def escape(text: str) -> str:
    """Return *text* as MyST that renders as exactly that text."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    if "`" in text:
        return escape(text)
    return f"`{text}`"


def label(kind: str, record_id: str) -> str:
    """Return the cross-reference label of a record's catalog entry."""
    return f"catalog--{kind}--{record_id}"


def _title(kind_attr: str) -> str:
    return kind_attr.replace("_", " ").capitalize()


def _summary_line(cls: type[Any]) -> str:
    doc = (cls.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


def _field_label(name: str) -> str:
    return _LABELS.get(name, name.replace("_", " ").capitalize())


class Catalog:
    """Renders the catalog pages of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.relations: dict[str, list[Any]] = {}
        for relation in kb.relations:
            self.relations.setdefault(relation.subject, []).append(relation)
            self.relations.setdefault(relation.object, []).append(relation)

    # -- looking records up ------------------------------------------------

    def record(self, kind: str, record_id: str) -> Any | None:
        """Return the record *kind*:*record_id*, or ``None``."""
        if kind == "occupation":
            occupation = self.kb.occupation
            return occupation if occupation.id == record_id else None
        try:
            return self.kb.collection(kind).get(record_id)
        except ValueError:
            return None

    def link(self, kind: str, record_id: str) -> str:
        """Return a link to a record's entry, or its id if there is none."""
        record = self.record(kind, record_id)
        if record is None:
            return _code(record_id)
        return f"[{escape(record.name)}](#{label(kind, record_id)})"

    def link_ref(self, ref: str) -> str:
        """Return a link to the record a ``kind:id`` reference names."""
        kind, record_id = split_ref(ref)
        return f"{self.link(kind, record_id)} ({kind})"

    # -- values ------------------------------------------------------------

    def scalar(self, field: str, value: Any) -> str:
        """Return one value as inline MyST."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, enum.Enum):
            return _code(str(value.value))
        if isinstance(value, (Decimal, int)):
            return _code(str(value))
        if isinstance(value, dt.date):
            return _code(value.isoformat())
        if attrs.has(type(value)):
            return self.value_object(value)
        if isinstance(value, str):
            if field in REFERENCE_FIELDS:
                return self.link(REFERENCE_FIELDS[field], value)
            if _SAFE_URL.match(value):
                return f"<{value}>"
            try:
                kind, record_id = split_ref(value)
            except ValueError:
                return escape(value)
            if self.record(kind, record_id) is not None:
                return self.link_ref(value)
            return escape(value)
        return escape(str(value))

    def value_object(self, value: Any) -> str:
        """Return a value object (a period, an occupation code) inline."""
        if isinstance(getattr(value, "start", None), dt.date) and isinstance(
            getattr(value, "end", None), dt.date
        ):
            span = f"{value.start.isoformat()} to {value.end.isoformat()}"
            if getattr(value, "label", None):
                return f"{escape(value.label)} ({span})"
            return span
        parts = []
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if item is None or item == ():
                continue
            parts.append(f"{field.name}: {self.scalar(field.name, item)}")
        return "; ".join(parts)

    def field_lines(self, record: Any) -> Iterator[str]:
        """Yield the bullet list of a record's fields, in class order."""
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            if field.name in _HEADER_FIELDS or value is None or value == ():
                continue
            if isinstance(value, str) and value == record.name:
                continue  # a source's title is its heading
            name = _field_label(field.name)
            if isinstance(value, tuple):
                yield f"- **{name}:**"
                for item in value:
                    yield f"  - {self.scalar(field.name, item)}"
            else:
                yield f"- **{name}:** {self.scalar(field.name, value)}"

    def figure(self, record: Any) -> str | None:
        """Return a one-line reading of a statistic-like record's figure."""
        value, unit = getattr(record, "value", None), getattr(record, "unit", None)
        if not isinstance(value, Decimal) or not isinstance(unit, enum.Enum):
            return None
        currency = getattr(record, "currency", None) or "currency"
        words = str(unit.value).replace("currency", currency).replace("-", " ")
        figure = f"{_code(str(value))} {escape(words)}"
        if getattr(record, "percentile", None) is not None:
            figure += f" ({escape(f'percentile {record.percentile}')})"
        period = getattr(record, "period", None)
        if period is not None:
            figure += f", {self.value_object(period)}"
        geography = getattr(record, "geography", None)
        if geography:
            figure += f", {escape(geography)}"
        return figure

    # -- sections and pages --------------------------------------------------

    def record_section(self, kind: str, record: Any) -> list[str]:
        """Return the MyST section for one record."""
        ref = f"{kind}:{record.id}"
        lines = [f"({label(kind, record.id)})=", f"## {escape(record.name)}", ""]
        lines += [f"Id {_code(record.id)}, referenced as {_code(ref)}.", ""]
        summary = getattr(record, "summary", None)
        if summary:
            lines += [escape(summary), ""]
        figure = self.figure(record)
        if figure is not None:
            lines += [f"**Figure:** {figure}", ""]
        fields = list(self.field_lines(record))
        if fields:
            lines += [*fields, ""]
        citations = getattr(record, "citations", ())
        if citations:
            lines += ["**Sources:**", ""]
            lines += [
                f"- {self.link('source', c.source)} — {escape(c.locator)}"
                for c in citations
            ]
            lines.append("")
        relations = self.relations.get(ref, [])
        if relations:
            lines += ["**Relations:**", ""]
            for relation in relations:
                lines.append(f"- {self.relation_line(relation)}")
            lines.append("")
        return lines

    def relation_line(self, relation: Any) -> str:
        """Return one relation as a sentence with its basis."""
        line = (
            f"{self.link_ref(relation.subject)} "
            f"*{escape(relation.type.value)}* {self.link_ref(relation.object)}, "
            f"{escape(relation.basis.value)}"
        )
        if relation.rationale:
            line += f": {escape(relation.rationale)}"
        return line

    def kind_page(self, kind: Any) -> str:
        """Return the page listing every record of *kind*."""
        records = list(getattr(self.kb, kind.attr))
        cls = kind.cls
        lines = [
            f"# {_title(kind.attr)}",
            "",
            f"{escape(_summary_line(cls))} Records of class "
            f"{{py:class}}`{cls.__module__.split('.')[0]}.{cls.__name__}`, "
            f"in `kb.{kind.attr}`, referenced as `{kind.name}:<id>`; "
            f"{len(records)} in this dataset, in data order.",
            "",
        ]
        lines += self.summary_table(kind.name, records)
        for record in records:
            lines += self.record_section(kind.name, record)
        return "\n".join(lines)

    def summary_table(self, kind: str, records: list[Any]) -> list[str]:
        """Return a table of the records with their ids (and figures)."""
        if not records:
            return ["There are no records of this kind in the dataset.", ""]
        with_figures = all(self.figure(r) is not None for r in records)
        header = "| Name | Id |" + (" Figure | Provenance |" if with_figures else "")
        rule = "| --- | --- |" + (" --- | --- |" if with_figures else "")
        rows = [header, rule]
        for record in records:
            row = f"| {self.link(kind, record.id)} | {_code(record.id)} |"
            if with_figures:
                provenance = getattr(record, "provenance", None)
                shown = self.scalar("provenance", provenance) if provenance else ""
                row += f" {self.figure(record)} | {shown} |"
            rows.append(row)
        return [*rows, ""]

    def occupation_page(self) -> str:
        """Return the page describing the occupation."""
        occupation = self.kb.occupation
        lines = [
            "# Occupation",
            "",
            f"{escape(_summary_line(type(occupation)))} The record is "
            "`kb.occupation`, of class {py:class}`hsm_knowledge.Occupation`.",
            "",
        ]
        return "\n".join(lines + self.record_section("occupation", occupation))

    def relations_page(self) -> str:
        """Return the page listing every relation, by type."""
        relations = list(self.kb.relations)
        lines = [
            "# Relations",
            "",
            "Typed edges between records, read *subject type object*, in "
            "`kb.relations` (class {py:class}`hsm_knowledge.Relation`); "
            f"{len(relations)} in this dataset. A *stated* relation is said "
            "by its sources; an *editorial* one is the curators' judgment, "
            "with its rationale.",
            "",
        ]
        by_type: dict[str, list[Any]] = {}
        for relation in relations:
            by_type.setdefault(relation.type.value, []).append(relation)
        for type_name, group in by_type.items():
            lines += [f"## {escape(type_name)}", ""]
            for relation in group:
                sources = "; ".join(
                    f"{self.link('source', c.source)} — {escape(c.locator)}"
                    for c in relation.citations
                )
                lines.append(f"- {self.relation_line(relation)} (sources: {sources})")
            lines.append("")
        return "\n".join(lines)

    def index_page(self) -> str:
        """Return the catalog's index: versions, contents and attributions."""
        kb, meta = self.kb, self.kb.meta
        lines = [
            "# Data catalog",
            "",
            "Every record in the packaged dataset, generated from the data "
            "(`hsm_knowledge.load()`) each time these pages are built, so it "
            "always matches the package it documents.",
            "",
            f"- **Dataset:** {escape(meta.title)}",
            f"- **Dataset version:** {_code(meta.dataset_version)} "
            "(`hsm_knowledge.DATA_VERSION`, `kb.meta.dataset_version`)",
            f"- **Release date:** {_code(meta.release_date.isoformat())}",
            f"- **Schema version:** {_code(str(meta.schema_version))}",
            f"- **Package version:** {_code(hsm_knowledge.__version__)}",
            "",
            "## Contents",
            "",
            "| Kind | Records | In the knowledge base | Record class |",
            "| --- | --- | --- | --- |",
            "| [Occupation](occupation.md) | 1 | `kb.occupation` | "
            "{py:class}`~hsm_knowledge.Occupation` |",
        ]
        for kind in KINDS:
            cls = kind.cls
            lines.append(
                f"| [{escape(_title(kind.attr))}]({kind.name}.md) | "
                f"{len(getattr(kb, kind.attr))} | `kb.{kind.attr}` | "
                f"{{py:class}}`~{cls.__module__.split('.')[0]}.{cls.__name__}` |"
            )
        lines += [
            f"| [Relations](relations.md) | {len(kb.relations)} | "
            "`kb.relations` | {py:class}`~hsm_knowledge.Relation` |",
            "",
            "## Sources, licences and attributions",
            "",
            "The facts come from these sources. Where a publisher asks for "
            "credit, its wording follows the table, verbatim.",
            "",
            "| Source | Publisher | Edition | Licence |",
            "| --- | --- | --- | --- |",
        ]
        for source in kb.sources:
            publisher = (
                self.link("organization", source.publisher) if source.publisher else ""
            )
            lines.append(
                f"| {self.link('source', source.id)} | {publisher} | "
                f"{escape(source.edition or '')} | {escape(source.license or '')} |"
            )
        lines.append("")
        for source in kb.sources:
            if source.attribution:
                lines += [
                    f"### {escape(source.title)}",
                    "",
                    f"> {escape(source.attribution)}",
                    "",
                ]
        lines += [
            "```{toctree}",
            ":hidden:",
            "",
            "occupation",
            *(kind.name for kind in KINDS),
            "relations",
            "```",
            "",
        ]
        return "\n".join(lines)

    def pages(self) -> dict[str, str]:
        """Return every catalog page, by file name."""
        pages = {
            "index.md": self.index_page(),
            "occupation.md": self.occupation_page(),
        }
        for kind in KINDS:
            pages[f"{kind.name}.md"] = self.kind_page(kind)
        pages["relations.md"] = self.relations_page()
        return {name: _HEADER + text for name, text in pages.items()}


_HEADER = (
    "% Generated by docs/_ext/hsm_catalog.py from the packaged data; do not edit.\n\n"
)


def write_pages(folder: Path, pages: dict[str, str]) -> list[str]:
    """Write *pages* into *folder*, touching only files whose text changed.

    Files in *folder* that are not among *pages* are removed, so a kind that
    disappears takes its page with it. Returns the names written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    for stale in _stale(folder, pages):
        stale.unlink()
    return written


def _stale(folder: Path, pages: Iterable[str]) -> list[Path]:
    keep = set(pages)
    return [path for path in folder.glob("*.md") if path.name not in keep]


def _generate(app: Sphinx) -> None:
    folder = Path(app.srcdir) / app.config.hsm_catalog_dir
    written = write_pages(folder, Catalog(hsm_knowledge.load()).pages())
    logger.info("hsm_catalog: %d catalog page(s) updated in %s", len(written), folder)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the catalog generator."""
    app.add_config_value("hsm_catalog_dir", "catalog", "env", types=frozenset({str}))
    app.connect("builder-inited", _generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
