"""The readable career overview printed by ``python -m hsm_knowledge``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from ._knowledge import KnowledgeBase
from ._model import BenefitKind, Provenance, Record, Statistic

__all__ = ["render_overview"]


def _money_or_number(statistic: Statistic) -> str:
    value = statistic.value
    if statistic.unit.is_monetary:
        symbol = "$" if statistic.currency == "USD" else f"{statistic.currency} "
        per = "a year" if statistic.unit.value.endswith("year") else "an hour"
        return f"{symbol}{value:,} {per}"
    if statistic.unit.value == "percent":
        return f"{value}%"
    return f"{value:,} {statistic.unit.value.replace('-', ' ')}"


def _source_names(kb: KnowledgeBase, record: Record) -> str:
    names: list[str] = []
    for citation in record.citations:
        source = kb.sources.get(citation.source)
        title = source.title if source is not None else citation.source
        if title not in names:
            names.append(title)
    return "; ".join(names)


def render_overview(kb: KnowledgeBase, *, width: int = 80) -> str:
    """Return the career overview of *kb* as plain text wrapped to *width*.

    Args:
        kb: The knowledge base to describe.
        width: The widest line to print (at least 40 columns are used).
    """
    width = max(width, 40)
    out: list[str] = []

    def heading(text: str) -> None:
        out.extend(["", text, "-" * len(text)])

    def para(text: str, indent: str = "") -> None:
        out.extend(
            textwrap.wrap(
                text, width=width, initial_indent=indent, subsequent_indent=indent
            )
        )

    def items(entries: Iterable[tuple[str, str]]) -> None:
        for title, text in entries:
            lines = textwrap.wrap(
                f"{title}: {text}",
                width=width,
                initial_indent="  * ",
                subsequent_indent="    ",
            )
            out.extend(lines)

    occupation = kb.occupation
    title = occupation.name
    out.extend([title, "=" * len(title)])
    codes = ", ".join(
        f"{code.system.value.upper()} {code.value}" for code in occupation.codes
    )
    para(f"Codes: {codes}")
    out.append("")
    para(occupation.summary)
    if occupation.facility_types:
        settings = ", ".join(
            kb.work_settings[ref].name.lower() for ref in occupation.facility_types
        )
        para(f"Facilities managed include {settings}.")

    heading("Responsibilities")
    items((r.name, r.summary) for r in kb.responsibilities)

    heading("Specializations")
    items((s.name, s.summary) for s in kb.specializations)

    heading("Steps into the career")
    for step in kb.career_steps:
        lines = textwrap.wrap(
            f"{step.order}. {step.name}: {step.summary}",
            width=width,
            initial_indent="  ",
            subsequent_indent="     ",
        )
        out.extend(lines)

    heading("Credentials")
    entries = []
    for credential in kb.credentials:
        issuer = kb.organizations.get(credential.issuer)
        issued_by = issuer.name if issuer is not None else credential.issuer
        if issuer is not None and issuer.parent is not None:
            parent = kb.organizations.get(issuer.parent)
            if parent is not None:
                issued_by += f" ({parent.name})"
        entries.append(
            (f"{credential.abbreviation} ({credential.name})", f"issued by {issued_by}")
        )
    items(entries)

    heading("Skills employers value")
    items((s.name, s.summary) for s in kb.skills)

    heading("Benefits")
    items((b.name, b.summary) for b in kb.benefits if b.type is BenefitKind.CAREER)
    employer = [b.name.lower() for b in kb.benefits if b.type is BenefitKind.EMPLOYER]
    if employer:
        para("Employers often also offer " + ", ".join(employer) + ".", indent="  ")

    heading("Outlook")
    for statistic in sorted(
        kb.statistics, key=lambda s: (s.metric.value, s.period.end, s.edition or "")
    ):
        as_of = f"{statistic.period}"
        edition = f", {statistic.edition} edition" if statistic.edition else ""
        line = f"{statistic.name}: {_money_or_number(statistic)} ({as_of}{edition})"
        para(line, indent="  * ")
        source = _source_names(kb, statistic)
        note = f"source: {source}"
        if statistic.provenance is Provenance.SECONDARY and statistic.attributed_to:
            org = kb.organizations.get(statistic.attributed_to)
            name = (
                (org.abbreviation or org.name)
                if org is not None
                else statistic.attributed_to
            )
            note += f", reporting {name} figures (second-hand)"
        para(note, indent="    ")
    senior = [t for t in kb.job_titles if t.seniority is not None]
    if senior:
        names = ", ".join(t.name.lower() for t in senior)
        para(
            f"Higher-level positions such as {names} may earn significantly more.",
            indent="  ",
        )

    attributions = [s.attribution for s in kb.sources if s.attribution]
    heading("Sources and credits")
    para(
        f"Dataset {kb.meta.dataset_version} "
        f"(released {kb.meta.release_date.isoformat()}); {len(kb.sources)} sources."
    )
    for attribution in attributions:
        out.append("")
        para(attribution)
    return "\n".join(out) + "\n"
