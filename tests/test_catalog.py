"""The data catalog the docs build generates lists every record faithfully.

The generator is the Sphinx extension ``docs/_ext/hsm_catalog.py``; these
tests call it directly, without a Sphinx build, so they stay fast.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hsm_knowledge
from hsm_knowledge import KINDS, KnowledgeBase

pytest.importorskip("sphinx")
pytest.importorskip("myst_parser")


import hsm_catalog
from hsm_catalog import Catalog, escape, label, write_pages
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

MYST = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return Catalog(hsm_knowledge.load()).pages()


def _sections(page: str) -> dict[str, str]:
    """Split a kind page into its record sections, keyed by label."""
    out: dict[str, str] = {}
    chunks = page.split("\n(catalog--")
    for chunk in chunks[1:]:
        key, _, body = chunk.partition(")=\n")
        out["catalog--" + key] = body
    return out


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=60))
def test_escaped_text_renders_as_itself(text: str) -> None:
    rendered = MYST.render(escape(text)).strip()
    expected = " ".join(text.split())
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == expected


def test_one_page_per_kind_plus_index_occupation_and_relations(
    pages: dict[str, str],
) -> None:
    expected = {f"{kind.name}.md" for kind in KINDS}
    expected |= {"index.md", "occupation.md", "relations.md"}
    assert set(pages) == expected


def test_every_record_has_a_section_with_its_facts(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    for kind in KINDS:
        sections = _sections(pages[f"{kind.name}.md"])
        records = list(kb.collection(kind.name))
        assert list(sections) == [label(kind.name, r.id) for r in records]
        for record in records:
            section = sections[label(kind.name, record.id)]
            assert section.startswith(f"## {escape(record.name)}\n")
            assert f"`{kind.name}:{record.id}`" in section
            if getattr(record, "summary", None):
                assert escape(record.summary) in section
            for citation in getattr(record, "citations", ()):
                title = escape(kb.sources[citation.source].title)
                link = f"[{title}](#{label('source', citation.source)})"
                assert f"{link} — {escape(citation.locator)}" in section


def test_statistics_show_value_unit_currency_period_and_provenance(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    sections = _sections(pages["statistic.md"])
    for statistic in kb.statistics:
        section = sections[label("statistic", statistic.id)]
        assert f"- **Value:** `{statistic.value}`" in section
        assert f"- **Unit:** `{statistic.unit.value}`" in section
        if statistic.currency is not None:
            assert f"- **Currency:** {statistic.currency}" in section
        period = statistic.period
        span = f"{period.start.isoformat()} to {period.end.isoformat()}"
        assert span in section
        assert f"- **Provenance:** `{statistic.provenance.value}`" in section
        if statistic.attributed_to is not None:
            organization = kb.organizations[statistic.attributed_to]
            assert f"[{escape(organization.name)}]" in section


def test_relations_appear_on_both_ends_and_on_their_page(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    catalog = Catalog(kb)
    for relation in kb.relations:
        line = catalog.relation_line(relation)
        assert line in pages["relations.md"]
        for end in (relation.subject, relation.object):
            kind, record_id = hsm_knowledge.split_ref(end)
            section = _sections(pages[f"{kind}.md"])[label(kind, record_id)]
            assert f"- {line}" in section


def test_index_shows_versions_and_every_attribution(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    index = pages["index.md"]
    assert f"`{kb.meta.dataset_version}`" in index
    assert f"`{kb.meta.release_date.isoformat()}`" in index
    attributions = [s for s in kb.sources if s.attribution]
    assert any(s.id == "onet-29-3" for s in attributions)
    for source in attributions:
        assert f"> {escape(source.attribution or '')}" in index
    for source in kb.sources:
        assert f"(#{label('source', source.id)})" in index
    for kind in KINDS:
        assert f"]({kind.name}.md) | {len(kb.collection(kind.name))} |" in index


def test_write_pages_rewrites_only_changes_and_removes_stale_pages(
    tmp_path: Path,
) -> None:
    assert write_pages(tmp_path, {"a.md": "A", "b.md": "B"}) == ["a.md", "b.md"]
    assert write_pages(tmp_path, {"a.md": "A", "b.md": "B"}) == []
    assert write_pages(tmp_path, {"a.md": "A2"}) == ["a.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "A2"


def test_reference_fields_name_kinds_that_exist() -> None:
    kinds = {kind.name for kind in KINDS} | {"occupation"}
    assert set(hsm_catalog.REFERENCE_FIELDS.values()) <= kinds
