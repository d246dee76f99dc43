"""The readable career overview printed by ``python -m hsm_knowledge``."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from decimal import Decimal

from ._knowledge import KnowledgeBase, newest_edition, series_key
from ._model import (
    BenefitKind,
    CodeSystem,
    Descriptor,
    DescriptorDomain,
    Metric,
    Provenance,
    Record,
    Statistic,
    TaskCategory,
)
from ._model._values import CODE_SYSTEM_NAMES
from ._text import wrap

#: How many O*NET skills and knowledge areas the overview lists.
TOP_RATED = 5

__all__ = ["render_overview"]


def _money(statistic: Statistic) -> str:
    """The figure with its currency: ``$101,340``, ``CAD 150,000``."""
    symbol = "$" if statistic.currency == "USD" else f"{statistic.currency} "
    return f"{symbol}{statistic.value:,}"


def _money_or_number(statistic: Statistic) -> str:
    value = statistic.value
    if statistic.unit.is_monetary:
        per = "a year" if statistic.unit.value.endswith("year") else "an hour"
        return f"{_money(statistic)} {per}"
    if statistic.unit.value == "percent":
        return f"{value}%"
    return f"{value:,} {statistic.unit.value.replace('-', ' ')}"


def _source_names(kb: KnowledgeBase, *records: Record) -> str:
    names: list[str] = []
    for record in records:
        for citation in record.citations:
            source = kb.sources.get(citation.source)
            title = source.title if source is not None else citation.source
            if title not in names:
                names.append(title)
    return "; ".join(names)


def _top_by_importance(
    kb: KnowledgeBase, domain: DescriptorDomain, count: int
) -> tuple[list[Descriptor], int]:
    """Return the *count* most important descriptors of *domain*, and ties.

    Descriptors are ranked by importance, then level, then data order; the
    second value counts the others that share the last one's importance.
    """
    rated: list[tuple[Decimal, Decimal, int, Descriptor]] = []
    for i, d in enumerate(kb.descriptors):
        importance = d.importance
        if d.domain is domain and importance is not None:
            level = d.level if d.level is not None else Decimal(0)
            rated.append((importance, level, i, d))
    rated.sort(key=lambda t: (-t[0], -t[1], t[2]))
    top = [t[3] for t in rated[:count]]
    if not top:
        return [], 0
    last = top[-1].importance
    ties = sum(1 for t in rated[count:] if t[0] == last)
    return top, ties


def _scale_words(descriptor: Descriptor, scale: str) -> str | None:
    # the rating without a category (rating() refuses to guess one)
    rating = descriptor._rating(scale, None)
    if rating is None:
        return None
    text = f"{(rating.scale_name or scale).lower()} {rating.value}"
    return text


def _scale_range(descriptors: list[Descriptor], scale: str) -> str:
    for descriptor in descriptors:
        rating = descriptor._rating(scale, None)
        if rating is not None and rating.scale_minimum is not None:
            return f"{scale}, {rating.scale_minimum} to {rating.scale_maximum}"
    return scale


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
        out.extend(wrap(text, width, indent))

    def items(entries: Iterable[tuple[str, str]]) -> None:
        for title, text in entries:
            out.extend(wrap(f"{title}: {text}", width, "  * ", "    "))

    occupation = kb.occupation
    title = occupation.name
    out.extend([title, "=" * len(title)])
    codes = ", ".join(
        f"{CODE_SYSTEM_NAMES[code.system]} {code.value}"
        for code in occupation.codes
        if code.system is not CodeSystem.ESCO
    )
    if codes:
        para(f"Codes: {codes}")
    # ESCO's occupations are narrower than their ISCO-08 group, and no
    # source says one is this occupation: named as related, not as codes
    esco = [
        code.label or code.value
        for code in occupation.codes
        if code.system is CodeSystem.ESCO
    ]
    groups = [c.value for c in occupation.codes if c.system is CodeSystem.ISCO_08]
    if esco:
        where = f" in ISCO-08 group {groups[0]}" if len(groups) == 1 else ""
        para(f"Related ESCO occupations{where}: {_and_join(esco)}")
    out.append("")
    para(occupation.summary)
    if occupation.facility_types:
        settings = _and_join(
            [kb.work_settings[ref].name.lower() for ref in occupation.facility_types]
        )
        para(f"Facilities managed include {settings}.")
    others = [
        setting.name.lower()
        for setting in kb.work_settings
        if setting.id not in occupation.facility_types
    ]
    if others:
        para(f"Managers also work in {_and_join(others)}.")

    heading("Responsibilities")
    items((r.name, r.summary) for r in kb.responsibilities)

    heading("Specializations")
    items((s.name, s.summary) for s in kb.specializations)

    heading("Steps into the career")
    for step in kb.career_steps:
        out.extend(
            wrap(f"{step.order}. {step.name}: {step.summary}", width, "  ", "     ")
        )

    newest = newest_edition(kb.entry_requirements)
    if newest is not None:
        out.append("")
        para(newest.summary, indent="  ")

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
        para(f"Employers often also offer {_and_join(employer)}.", indent="  ")

    heading("Pay and outlook, by edition")

    def figure_line(statistic: Statistic) -> None:
        as_of = f"{statistic.period}"
        edition = f", {statistic.edition} edition" if statistic.edition else ""
        if statistic.edition == str(statistic.period):
            edition = ""
        para(
            f"{_money_or_number(statistic)} ({as_of}{edition})",
            indent="  * ",
        )
        note = f"source: {_source_names(kb, statistic)}"
        if statistic.provenance is Provenance.SECONDARY and statistic.attributed_to:
            org = kb.organizations.get(statistic.attributed_to)
            name = (
                (org.abbreviation or org.name)
                if org is not None
                else statistic.attributed_to
            )
            note += f", reporting {name} figures (second-hand)"
        elif statistic.provenance is Provenance.SECONDARY:
            note += " (second-hand; it names no source for the figure)"
        para(note, indent="    ")

    for metric, label in (
        (Metric.MEDIAN_ANNUAL_WAGE, "Median annual pay"),
        (Metric.PROJECTED_EMPLOYMENT_CHANGE_PERCENT, "Projected employment growth"),
    ):
        figures = [
            s
            for s in kb.statistics
            if s.metric is metric and s.industry is None and s.percentile is None
        ]
        if not figures:
            continue
        figures.sort(key=series_key, reverse=True)  # as series() orders them
        para(f"{label}:", indent="  ")
        for statistic in figures:
            figure_line(statistic)

    percentiles = [
        s
        for s in kb.statistics
        if s.metric in (Metric.ANNUAL_WAGE_PERCENTILE, Metric.MEDIAN_ANNUAL_WAGE)
        and s.industry is None
    ]
    # one line per spread: figures of one edition, period, place and currency
    spreads: dict[
        tuple[str | None, _dt.date, _dt.date, str, str | None], list[Statistic]
    ] = {}
    for s in percentiles:  # (by the period's dates: its label may differ)
        key = (s.edition, s.period.start, s.period.end, s.geography, s.currency)
        spreads.setdefault(key, []).append(s)
    places = {s.geography for s in percentiles if s.percentile is not None}
    # newest first, as the pay figures above; places in order within a period
    ordered = sorted(spreads.items(), key=lambda item: item[0][3])
    ordered.sort(key=lambda item: series_key(item[1][0]), reverse=True)
    lines: list[tuple[str, str, list[Statistic]]] = []
    for (edition, *_, geography, currency), spread in ordered:
        if all(s.percentile is None for s in spread):
            continue  # a median without a spread is listed above
        spread.sort(key=lambda s: s.percentile if s.percentile is not None else 50)
        # as the figures above: the period, and the edition if it says more
        period = spread[0].period
        label = str(period)
        as_of = label if edition in (None, label) else f"{label} ({edition} edition)"
        where = f" ({geography})" if len(places) > 1 else ""
        # what tells two spreads apart whose short titles are the same
        full = (
            f"{period.start} to {period.end}, "
            f"{'no edition' if edition is None else f'{edition} edition'}, "
            f"{geography}{'' if currency is None else f', {currency}'}"
        )
        lines.append((f"{as_of}{where}", full, spread))
    titles = [title for title, _, _ in lines]
    for title, full, spread in lines:
        shown = full if titles.count(title) > 1 else title
        parts = [
            f"{'median' if s.percentile is None else f'{s.percentile}th'} {_money(s)}"
            for s in spread
        ]
        para(f"Annual wage percentiles, {shown}: " + "; ".join(parts) + ".", "  ")
        para(f"source: {_source_names(kb, *spread)}", indent="    ")
    senior = [t for t in kb.job_titles if t.seniority is not None]
    if senior:
        names = ", ".join(t.name.lower() for t in senior)
        para(
            f"Higher-level positions such as {names} may earn significantly more.",
            indent="  ",
        )
    para(
        f"Employment, openings, wages by industry and more: {len(kb.statistics)} "
        "figures in kb.statistics.",
        indent="  ",
    )

    if len(kb.descriptors) or len(kb.tasks) or len(kb.technology_skills):
        _onet_section(kb, heading, para, items)

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


def _onet_section(
    kb: KnowledgeBase,
    heading: Callable[[str], None],
    para: Callable[..., None],
    items: Callable[[Iterable[tuple[str, str]]], None],
) -> None:
    first: Record = next(iter([*kb.descriptors, *kb.tasks, *kb.technology_skills]))
    sources = [
        kb.sources[c.source].title for c in first.citations if c.source in kb.sources
    ]
    heading(f"From {sources[0]}" if sources else "From O*NET")
    for domain, noun in (
        (DescriptorDomain.SKILL, "skills"),
        (DescriptorDomain.KNOWLEDGE, "knowledge areas"),
    ):
        top, ties = _top_by_importance(kb, domain, TOP_RATED)
        if not top:
            continue
        total = sum(1 for d in kb.descriptors if d.domain is domain)
        para(
            f"Top {len(top)} of {total} {noun} by importance "
            f"({_scale_range(top, 'IM')}; level {_scale_range(top, 'LV')}):",
            indent="  ",
        )
        items(
            (
                d.name,
                ", ".join(
                    w for w in (_scale_words(d, "IM"), _scale_words(d, "LV")) if w
                ),
            )
            for d in top
        )
        if ties:
            para(
                f"{ties} more {noun} share the importance {top[-1].importance}.",
                indent="    ",
            )
    if kb.tasks:
        core = sum(1 for t in kb.tasks if t.category is TaskCategory.CORE)
        para(f"{len(kb.tasks)} task statements, {core} of them core.", indent="  ")
    if kb.technology_skills:
        hot = [t for t in kb.technology_skills if t.hot_technology]
        demand = [t.name for t in kb.technology_skills if t.in_demand]
        text = (
            f"{len(kb.technology_skills)} technology skills, {len(hot)} of them "
            "Hot Technologies"
        )
        if demand:
            text += "; In Demand for this occupation: " + ", ".join(demand)
        para(text + ".", indent="  ")
        medical = [t.name for t in hot if t.commodity_title == "Medical software"]
        if medical:
            para(
                "Hot medical software: " + ", ".join(medical) + ".",
                indent="  ",
            )
    for zone in kb.job_zones:
        date = f" (updated {zone.date})" if zone.date is not None else ""
        para(f"O*NET job zone {zone.zone}: {zone.name}{date}.", indent="  ")


def _and_join(items: list[str]) -> str:
    """Join *items* as prose: ``"a, b and c"``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
