r"""Formats for other tools: schema.org JSON-LD and CSV.

Both exporters read records (never the wire format) and derive every value
from them: nothing is invented, rounded or converted.

**schema.org JSON-LD.** :func:`to_jsonld` describes the knowledge base's
occupation as a schema.org ``Occupation``; :func:`to_jsonld_text` writes it
as text ready for a ``<script type="application/ld+json">`` element. Each
node uses only the properties listed for its type in
:data:`JSONLD_PROPERTIES`, all of which schema.org 30.0 defines for that
type. The mapping:

* ``name``, ``description`` and ``alternateName``: the occupation's name,
  summary and aliases.
* ``occupationalCategory``: one ``CategoryCode`` per occupation code, with
  ``codeValue``, the system's ``name`` for it, its ``url`` where the code has
  a URI, and ``inCodeSet``, a ``CategoryCodeSet`` named as in
  :data:`CODE_SET_NAMES`. Codes of the systems in
  :data:`CONCEPT_URI_SYSTEMS` (ISCO-08, ESCO) also take their URI as
  ``@id``, since ESCO publishes those URIs as the codes' linked-data
  identifiers. An ESCO code is one of the ESCO occupations that ESCO places
  in the occupation's ISCO-08 group; each is narrower than that group and
  no source states it is this occupation, so its ``description`` says it
  is a related occupation, not stated to be this one.
* ``sameAs``: only the URIs of the systems in :data:`SAME_AS_SYSTEMS`, that
  is O*NET OnLine's page on the O*NET-SOC occupation. ``sameAs`` claims
  that both name the same thing: true of that page, not of the broader
  ISCO-08 group, nor stated of the ESCO occupations, which stay in
  ``occupationalCategory``.
* ``responsibilities``: the summary of each responsibility.
* ``skills``: one ``DefinedTerm`` per skill (name, summary, aliases): the
  skills the sources say employers value. O*NET's rated descriptors are
  left out: schema.org gives ``DefinedTerm`` no property for their
  importance and level, and listing every rated element without them would
  present the elements O*NET rates unimportant as skills the occupation
  needs (keeping only the important ones would be a threshold the data does
  not state). The CSV export has them with all their ratings.
* ``qualifications``: one ``EducationalOccupationalCredential`` per
  credential the sources name, whether or not it is required (schema.org
  has no property for optional credentials; the career step
  ``obtain-certifications`` is not ``essential``, and a licence may be
  needed only for one specialization), with ``credentialCategory`` (the
  category's value), ``recognizedBy`` (the issuer, an ``Organization`` with its
  ``parentOrganization`` where the issuer is a division),
  ``competencyRequired`` (what a source says it takes to earn it) and
  ``citation``.
* ``educationRequirements`` and ``experienceRequirements``: first the
  typical entry requirements of the newest edition of the handbook that
  gives them (the ``EntryRequirements`` record with the newest ``edition``,
  compared by the numbers it holds as
  :meth:`~hsm_knowledge.StatisticCollection.series` compares editions,
  ``"2023-33"``; the first in data order among equals), then
  the career steps named in :data:`CAREER_STEP_PROPERTIES`. The typical
  entry-level education becomes an ``EducationalOccupationalCredential``
  named and with ``educationalLevel`` as the handbook words it
  (``"Bachelor's degree"``), its ``description`` naming the edition and the
  source and its ``citation`` the source; the typical work experience in a
  related occupation an ``OccupationalExperienceRequirements`` named
  ``"Work experience in a related occupation: <value>"`` (no
  ``monthsOfExperience``: ``"Less than 5 years"`` is not a number of
  months), its ``description`` naming the edition and source. Each option of
  the degree step becomes an ``EducationalOccupationalCredential`` with
  ``credentialCategory`` ``"degree"``, the experience step an
  ``OccupationalExperienceRequirements`` listing its options; when the
  degree step has several options, each one's ``description`` lists them
  all as alternatives, so that no option reads as required on its own.
  Both kinds are
  kept: the handbook's requirement is the primary, dated one, the steps are
  the more specific paths the seed article names. Typical on-the-job
  training and older editions are in the CSV export only.
* ``estimatedSalary``: one ``MonetaryAmountDistribution`` per group of wage
  figures sharing unit, currency, reference period, edition, geography,
  industry, provenance and cited sources (figures of two sources are never
  mixed in one distribution), ordered primary figures first, then by
  reference period, newest first, annual before hourly figures of the
  same release, otherwise in data order; with ``currency``, ``duration`` (``P1Y`` for
  annual, ``PT1H`` for hourly figures), ``median`` and ``percentile10``,
  ``percentile25``, ``percentile75``, ``percentile90`` where the data has
  them. schema.org gives this type no date, so ``name`` states the period
  and ``description`` the period's dates, edition, geography, industry,
  sources and relative standard errors; a figure with ``secondary``
  provenance is described as reported second-hand by its citing source and
  not checked against the primary one.
* ``occupationLocation``: the places the wage figures apply to (a
  ``Country`` for ``"US"``, named as in :data:`COUNTRY_NAMES`).
* ``subjectOf``: the dataset itself (a ``Dataset`` with its version and
  release date) and one node per source (``Article``, ``WebPage``,
  ``Dataset`` or ``CreativeWork``, see :data:`SOURCE_TYPES`) with
  ``publisher``, ``url``, ``version``, ``datePublished``, ``license``,
  ``creditText`` and ``description``. Each source node has a blank-node
  ``@id`` (``_:source-<id>``); ``citation`` on credential nodes refers to it.

Organizations (publishers, issuers and their parents) are written where
they are used, each time with the blank-node ``@id``
``_:organization-<id>``, and code sets with ``_:code-set-<system>``, so a
linked-data reader sees one node for each however often it is mentioned.

Not exported to JSON-LD, for want of a schema.org ``Occupation`` property
or because the property would misstate them: the occupation's notes and
facility types, specializations, benefits, work settings, job titles,
relations, career steps not named in :data:`CAREER_STEP_PROPERTIES`, O*NET
tasks, rated descriptors, technology skills, tools, related occupations and
job zone, entry requirements other than the newest edition's education and
experience, and statistics other than median and 10th, 25th, 50th, 75th and
90th percentile wages (means, employment, projections, openings, industry
shares, other percentiles). Nor are credentials' renewal rules
(``Credential.renewal``): ``competencyRequired`` is what it takes to earn a
credential, and ``validFor`` takes a duration, not a rule. The CSV export
has all of them.

Numbers are written as JSON numbers: an integral ``Decimal`` as an ``int``,
another as a ``float`` when the float's shortest form, which JSON writes,
reads back as the same decimal value (``53.21``; ``50.40`` is written
``50.4``), and otherwise as a string of its digits (schema.org accepts
numbers as text).

**CSV.** :func:`to_csv` writes one collection as CSV with a header row and
one row per record; :func:`to_csv_folder` writes every kind into a folder.
Files are UTF-8 without a byte-order mark, with ``\r\n`` line ends, quoted
only where needed, exactly as the :mod:`csv` module's ``excel`` dialect
writes them (the export writes the text itself, so it is the same on every
Python version; Python 3.10's :mod:`csv` cannot write or read a NUL
character). Columns follow the record class's attribute order
(:func:`csv_columns`), and cells are written so that each record can be
rebuilt from its row alone:

* ``None`` is an empty cell (text fields are never empty, so an empty cell
  always means ``None``);
* strings as they are; integers in decimal; booleans as ``true``/``false``;
  ``Decimal`` values exactly, in plain notation (``50.40``, never
  ``5.04E+1``); dates as ``YYYY-MM-DD``; enums by value;
* a nested record such as ``period`` becomes one column per attribute,
  named with a dot: ``period.start``, ``period.end``, ``period.label``; a
  missing nested record (a task's ``date`` of ``None``) leaves all its cells
  empty, which its first cell (never empty otherwise) tells;
* a tuple of strings is one cell, its items joined with ``"; "``
  (:data:`LIST_SEPARATOR`), where a backslash in an item is written ``\\``
  and a semicolon ``\;``; an empty tuple is an empty cell;
* citations are one cell of ``source:locator`` items joined the same way
  (the source id never holds a colon, so the first colon splits them);
* a tuple of nested records such as ``codes`` becomes one column per
  attribute (``codes.system``, ``codes.value``, ``codes.label``,
  ``codes.uri``), each holding the items' values joined as above, in the
  same order; an item's ``None`` is an empty item. The items' own nested
  records are flattened the same way: a descriptor's ratings become
  ``ratings.scale``, ``ratings.value``, ..., ``ratings.date.start``,
  ``ratings.date.end``, ``ratings.date.label`` (cells such as ``"IM; LV"``
  and ``"4.12; 4.12"``), a task's work activities ``work_activities.id``,
  ..., ``work_activities.date.label``, the manifest's source vintages
  ``source_vintages.source`` and ``source_vintages.vintage``. The first
  column never holds an empty item, so it tells how many items there are.

One row per record keeps every kind in one file that rebuilds exactly; to
work on ratings one by one, split the ``ratings.*`` cells of a row
together (the n-th item of each belongs to the n-th rating).

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is written as it is,
and a spreadsheet that opens the file may take it for a formula (CSV or
formula injection). For files that people open in a spreadsheet, pass
``escape_formulas=True``: every cell that starts with one of those
characters (or their full-width or small forms, or the minus sign
U+2212), a tab, a line break or an apostrophe, and is not a plain number
such as ``-3`` or ``+1.5``, is written with an apostrophe (``'``) in
front, which spreadsheets show as text. The escape is reversible:
removing one leading apostrophe from every cell that starts with one
gives the cells back (:func:`unescape_formula` does it).

Example:
    >>> import io, hsm_knowledge
    >>> from hsm_knowledge.export import to_csv, to_jsonld
    >>> kb = hsm_knowledge.load()
    >>> to_jsonld(kb)["occupationalCategory"][0]["codeValue"]
    '11-9111'
    >>> out = io.StringIO(newline="")
    >>> to_csv(kb.credentials, out)
    >>> print(out.getvalue().splitlines()[0])
    id,name,summary,citations,abbreviation,issuer,category,aliases,requirements,renewal
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import enum
import errno
import functools
import io
import json
import os
import re
import secrets
import stat
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import attrs

from ._errors import quote
from ._knowledge import (
    KINDS,
    KINDS_BY_NAME,
    Collection,
    Kind,
    KnowledgeBase,
    kind_of_name,
    newest_edition,
)
from ._model import (
    Citation,
    CodeSystem,
    Manifest,
    Metric,
    Occupation,
    OccupationCode,
    Period,
    Provenance,
    Relation,
    Source,
    SourceType,
    Statistic,
    Unit,
)
from ._model._base import field_types, optional_inner
from ._model._values import CODE_SYSTEM_NAMES

if TYPE_CHECKING:
    from ._model import CareerStep, Credential

__all__ = [
    "CAREER_STEP_PROPERTIES",
    "CODE_SET_NAMES",
    "CONCEPT_URI_SYSTEMS",
    "COUNTRY_NAMES",
    "JSONLD_PROPERTIES",
    "LIST_SEPARATOR",
    "SAME_AS_SYSTEMS",
    "SCHEMA_ORG_CONTEXT",
    "SOURCE_TYPES",
    "csv_columns",
    "escape_formula",
    "to_csv",
    "to_csv_folder",
    "to_jsonld",
    "to_jsonld_text",
    "unescape_formula",
]

# --------------------------------------------------------------------------
# schema.org JSON-LD

#: The ``@context`` of every exported document.
SCHEMA_ORG_CONTEXT = "https://schema.org"

_SOURCE_PROPERTIES = frozenset(
    {
        "name",
        "description",
        "publisher",
        "url",
        "version",
        "datePublished",
        "license",
        "creditText",
    }
)

#: Every schema.org type the JSON-LD export emits, with the only properties
#: it uses on nodes of that type. Each is a property schema.org 30.0 defines
#: for the type (the tests check this against schema.org's own lists).
JSONLD_PROPERTIES: Mapping[str, frozenset[str]] = types.MappingProxyType(
    {
        "Occupation": frozenset(
            {
                "name",
                "alternateName",
                "description",
                "occupationalCategory",
                "sameAs",
                "responsibilities",
                "skills",
                "qualifications",
                "educationRequirements",
                "experienceRequirements",
                "estimatedSalary",
                "occupationLocation",
                "subjectOf",
            }
        ),
        "CategoryCode": frozenset(
            {"codeValue", "name", "description", "url", "inCodeSet"}
        ),
        "CategoryCodeSet": frozenset({"name"}),
        "DefinedTerm": frozenset({"name", "description", "alternateName"}),
        "EducationalOccupationalCredential": frozenset(
            {
                "name",
                "alternateName",
                "description",
                "credentialCategory",
                "educationalLevel",
                "competencyRequired",
                "recognizedBy",
                "citation",
            }
        ),
        "OccupationalExperienceRequirements": frozenset({"name", "description"}),
        "Organization": frozenset(
            {"name", "alternateName", "url", "parentOrganization"}
        ),
        "MonetaryAmountDistribution": frozenset(
            {
                "name",
                "description",
                "currency",
                "duration",
                "median",
                "percentile10",
                "percentile25",
                "percentile75",
                "percentile90",
            }
        ),
        "Country": frozenset({"name", "identifier"}),
        "AdministrativeArea": frozenset({"identifier"}),
        "Article": _SOURCE_PROPERTIES,
        "WebPage": _SOURCE_PROPERTIES,
        "Dataset": _SOURCE_PROPERTIES,
        "CreativeWork": _SOURCE_PROPERTIES,
    }
)

#: The name of each classification system's ``CategoryCodeSet``.
CODE_SET_NAMES: Mapping[CodeSystem, str] = types.MappingProxyType(CODE_SYSTEM_NAMES)

#: The systems whose code URIs go into the occupation's ``sameAs``: only
#: O*NET-SOC, whose URI is O*NET OnLine's page on this very occupation.
#: ISCO-08 groups are broader than the occupation, and no source states that
#: an ESCO occupation (narrower than its ISCO-08 group) is this occupation,
#: so their URIs there would claim an identity nothing supports.
SAME_AS_SYSTEMS: frozenset[CodeSystem] = frozenset({CodeSystem.ONET_SOC})

#: The systems whose code URIs name the code itself as linked data (ESCO
#: publishes its occupations and the ISCO-08 groups that way): their
#: ``CategoryCode`` nodes take the URI as ``@id`` as well as ``url``.
#: O*NET-SOC's URI is a web page about the occupation, so it stays a ``url``.
CONCEPT_URI_SYSTEMS: frozenset[CodeSystem] = frozenset(
    {CodeSystem.ISCO_08, CodeSystem.ESCO}
)

#: The schema.org type of each kind of source.
SOURCE_TYPES: Mapping[SourceType, str] = types.MappingProxyType(
    {
        SourceType.ARTICLE: "Article",
        SourceType.WEB_PAGE: "WebPage",
        SourceType.HANDBOOK: "CreativeWork",
        SourceType.DATASET: "Dataset",
        SourceType.CLASSIFICATION: "CreativeWork",
    }
)

#: The names given to countries in ``occupationLocation``, by ISO 3166 code.
#: A country not listed here is written with its ``identifier`` only.
COUNTRY_NAMES: Mapping[str, str] = types.MappingProxyType({"US": "United States"})

#: The career steps (by id) exported as education or experience
#: requirements: the property each one fills and, for education, the
#: ``credentialCategory`` of the credentials its options name. Ids are
#: stable, so the mapping keeps working as the data grows; steps not listed
#: are left out of the JSON-LD.
CAREER_STEP_PROPERTIES: Mapping[str, tuple[str, str | None]] = types.MappingProxyType(
    {
        "obtain-a-degree": ("educationRequirements", "degree"),
        "gain-work-experience": ("experienceRequirements", None),
    }
)

_DURATIONS = {Unit.CURRENCY_PER_YEAR: "P1Y", Unit.CURRENCY_PER_HOUR: "PT1H"}
_PAY_WORDS = {Unit.CURRENCY_PER_YEAR: "Annual", Unit.CURRENCY_PER_HOUR: "Hourly"}
_UNIT_ORDER = {Unit.CURRENCY_PER_YEAR: 0, Unit.CURRENCY_PER_HOUR: 1}
_MEDIAN_METRICS = frozenset({Metric.MEDIAN_ANNUAL_WAGE, Metric.MEDIAN_HOURLY_WAGE})
_PERCENTILE_METRICS = frozenset(
    {Metric.ANNUAL_WAGE_PERCENTILE, Metric.HOURLY_WAGE_PERCENTILE}
)
_PERCENTILE_SLOTS = {
    10: "percentile10",
    25: "percentile25",
    50: "median",
    75: "percentile75",
    90: "percentile90",
}
_SLOT_ORDER = ("median", "percentile10", "percentile25", "percentile75", "percentile90")
_SLOT_WORDS = {
    "median": "median",
    "percentile10": "10th percentile",
    "percentile25": "25th percentile",
    "percentile75": "75th percentile",
    "percentile90": "90th percentile",
}


def _number(value: Decimal) -> int | float | str:
    """Return *value* as a JSON number that reads back as the same decimal.

    An ``int`` for an integral value; a ``float`` whose shortest form
    (``repr``, which JSON writes) equals *value*; otherwise the digits as a
    string.
    """
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value:
        return as_float
    return format(value, "f")


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _one_or_many(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _put(node: dict[str, Any], key: str, values: Sequence[Any]) -> None:
    """Set *key* to *values* (one value bare, several as a list, none: unset)."""
    if values:
        node[key] = _one_or_many(list(values))


def _organization(kb: KnowledgeBase, org_id: str) -> dict[str, Any]:
    org = kb.organizations[org_id]
    # the same blank-node id wherever the organization appears, so that a
    # linked-data reader sees one organization, not one per mention
    node: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"_:organization-{org_id}",
        "name": org.name,
    }
    names = [org.abbreviation] if org.abbreviation is not None else []
    _put(
        node,
        "alternateName",
        _unique(n for n in (*names, *org.aliases) if n != org.name),
    )
    if org.url is not None:
        node["url"] = org.url
    if org.parent is not None:
        node["parentOrganization"] = _organization(kb, org.parent)
    return node


def _source_node_id(source_id: str) -> str:
    return f"_:source-{source_id}"


def _citation_refs(citations: Iterable[Citation]) -> list[dict[str, str]]:
    return [
        {"@id": _source_node_id(source_id)}
        for source_id in _unique(c.source for c in citations)
    ]


def _source(kb: KnowledgeBase, source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": SOURCE_TYPES[source.type],
        "@id": _source_node_id(source.id),
        "name": source.title,
    }
    if source.publisher is not None:
        node["publisher"] = _organization(kb, source.publisher)
    if source.url is not None:
        node["url"] = source.url
    if source.edition is not None:
        node["version"] = source.edition
    if source.published is not None:
        node["datePublished"] = source.published.isoformat()
    if source.license is not None:
        # schema.org's context reads a string license as a URL, so a licence
        # that is not one is written as a named work.
        if source.license.startswith(("https://", "http://")):
            node["license"] = source.license
        else:
            node["license"] = {"@type": "CreativeWork", "name": source.license}
    if source.attribution is not None:
        node["creditText"] = source.attribution
    if source.notes is not None:
        node["description"] = source.notes
    return node


def _credential(kb: KnowledgeBase, credential: Credential) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "name": credential.name,
    }
    _put(
        node,
        "alternateName",
        _unique(
            a
            for a in (credential.abbreviation, *credential.aliases)
            if a != credential.name
        ),
    )
    node["description"] = credential.summary
    node["credentialCategory"] = credential.category.value
    _put(node, "competencyRequired", credential.requirements)
    node["recognizedBy"] = _organization(kb, credential.issuer)
    node["citation"] = _one_or_many(_citation_refs(credential.citations))
    return node


def _step_requirements(
    step: CareerStep, prop: str, category: str | None
) -> list[dict[str, Any]]:
    if prop == "educationRequirements":
        description = step.summary
        if len(step.options) > 1:
            # several options are alternatives, not requirements each
            description += " Degrees the source names as options, any one of: " + (
                "; ".join(step.options) + "."
            )
        return [
            {
                "@type": "EducationalOccupationalCredential",
                "name": option,
                "description": description,
                **({"credentialCategory": category} if category else {}),
                "citation": _one_or_many(_citation_refs(step.citations)),
            }
            for option in step.options or (step.name,)
        ]
    description = step.summary
    if step.options:
        description += " Ways to gain it that the source names: " + (
            "; ".join(step.options) + "."
        )
    return [
        {
            "@type": "OccupationalExperienceRequirements",
            "name": step.name,
            "description": description,
        }
    ]


def _entry_requirements(
    kb: KnowledgeBase,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the education and experience nodes of the newest edition(s)."""
    records = list(kb.entry_requirements)
    education: list[dict[str, Any]] = []
    experience: list[dict[str, Any]] = []
    record = newest_edition(records, "education")
    if record is not None and record.education is not None:
        education.append(
            {
                "@type": "EducationalOccupationalCredential",
                "name": record.education,
                "description": (
                    f"Typical entry-level education. Edition: {record.edition}. "
                    f"Source: {_titles(kb, record.citations)}."
                ),
                "educationalLevel": record.education,
                "citation": _one_or_many(_citation_refs(record.citations)),
            }
        )
    record = newest_edition(records, "work_experience")
    if record is not None and record.work_experience is not None:
        experience.append(
            {
                "@type": "OccupationalExperienceRequirements",
                "name": (
                    f"Work experience in a related occupation: {record.work_experience}"
                ),
                "description": (
                    "Typical work experience in a related occupation needed "
                    f"to enter the occupation. Edition: {record.edition}. "
                    f"Source: {_titles(kb, record.citations)}."
                ),
            }
        )
    return education, experience


def _category(occupation: Occupation, code: OccupationCode) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CategoryCode"}
    if code.uri is not None and code.system in CONCEPT_URI_SYSTEMS:
        node["@id"] = code.uri
    node["codeValue"] = code.value
    if code.label is not None:
        node["name"] = code.label
    if code.system is CodeSystem.ESCO:
        isco = occupation.code(CodeSystem.ISCO_08)
        group = (
            f"ISCO-08 unit group {isco.value}"
            if isco is not None
            else "the occupation's ISCO-08 unit group"
        )
        node["description"] = (
            f"An ESCO occupation in {group}. ESCO occupations are narrower "
            "than their ISCO-08 group: this one is related to the occupation "
            "described, not stated to be the same occupation."
        )
    if code.uri is not None:
        node["url"] = code.uri
    node["inCodeSet"] = {
        "@type": "CategoryCodeSet",
        "@id": f"_:code-set-{code.system.value}",
        "name": CODE_SET_NAMES[code.system],
    }
    return node


def _place(code: str) -> dict[str, Any]:
    if "-" in code:
        return {"@type": "AdministrativeArea", "identifier": code}
    node: dict[str, Any] = {"@type": "Country"}
    if code in COUNTRY_NAMES:
        node["name"] = COUNTRY_NAMES[code]
    node["identifier"] = code
    return node


def _wage_slot(statistic: Statistic) -> str | None:
    """Return the distribution property *statistic* fills, or ``None``."""
    if statistic.unit not in _DURATIONS or statistic.currency is None:
        return None
    if statistic.metric in _MEDIAN_METRICS:
        return "median"
    if statistic.metric in _PERCENTILE_METRICS and statistic.percentile is not None:
        return _PERCENTILE_SLOTS.get(statistic.percentile)
    return None


class _GroupKey(NamedTuple):
    """What the figures of one distribution share."""

    unit: Unit
    currency: str
    period: Period
    edition: str | None
    geography: str
    industry: str | None
    provenance: Provenance
    attributed_to: str | None
    sources: tuple[str, ...]


def _group_key(statistic: Statistic) -> _GroupKey:
    assert statistic.currency is not None  # checked by _wage_slot
    return _GroupKey(
        unit=statistic.unit,
        currency=statistic.currency,
        period=statistic.period,
        edition=statistic.edition,
        geography=statistic.geography,
        industry=statistic.industry,
        provenance=statistic.provenance,
        attributed_to=statistic.attributed_to,
        # figures of different sources never share a distribution
        sources=tuple(sorted({c.source for c in statistic.citations})),
    )


def _wage_groups(
    kb: KnowledgeBase,
) -> list[tuple[_GroupKey, dict[str, Statistic]]]:
    """Group the wage figures into distributions, in data order.

    A figure whose slot is taken in every distribution of its group (two
    sources giving a median for the same period) starts another one, so no
    figure is lost or overwritten.
    """
    groups: dict[_GroupKey, list[dict[str, Statistic]]] = {}
    order: list[tuple[_GroupKey, dict[str, Statistic]]] = []
    for statistic in kb.statistics:
        slot = _wage_slot(statistic)
        if slot is None:
            continue
        key = _group_key(statistic)
        distributions = groups.setdefault(key, [])
        for distribution in distributions:
            if slot not in distribution:
                distribution[slot] = statistic
                break
        else:
            distribution = {slot: statistic}
            distributions.append(distribution)
            order.append((key, distribution))
    # Primary figures before second-hand ones, the newest reference period
    # first, annual before hourly figures of the same release (whichever
    # the data lists first); otherwise data order.
    first: dict[tuple[Any, ...], int] = {}
    for position, (key, _) in enumerate(order):
        first.setdefault(key[1:], position)
    order.sort(
        key=lambda item: (
            item[0].provenance is Provenance.SECONDARY,
            -item[0].period.end.toordinal(),
            first[item[0][1:]],
            _UNIT_ORDER[item[0].unit],
        )
    )
    return order


def _titles(kb: KnowledgeBase, citations: Iterable[Citation]) -> str:
    titles = []
    for source_id in _unique(c.source for c in citations):
        source = kb.sources.get(source_id)
        titles.append(f"“{source.title}”" if source is not None else source_id)
    return " and ".join(titles)


def _distribution(
    kb: KnowledgeBase, key: _GroupKey, figures: dict[str, Statistic]
) -> dict[str, Any]:
    unit, currency, period, edition, geography, industry, provenance, org, _ = key
    name = f"{_PAY_WORDS[unit]} wage, {period}"
    if edition is not None and edition != str(period):
        name += f" ({edition} edition)"
    if industry is not None:
        name += f", {industry}"
    slots = [slot for slot in _SLOT_ORDER if slot in figures]
    citations = [c for slot in slots for c in figures[slot].citations]
    parts = [
        f"Reference period {period.start.isoformat()} to {period.end.isoformat()}"
        + (f" ({period.label})" if period.label is not None else "")
        + "."
    ]
    if edition is not None:
        parts.append(f"Edition: {edition}.")
    parts.append(f"Geography: {geography}.")
    if industry is not None:
        parts.append(f"Industry: {industry}.")
    sources = _titles(kb, citations)
    if provenance is Provenance.SECONDARY:
        text = f"Reported second-hand by {sources}"
        if org is not None:
            organization = kb.organizations.get(org)
            name_of_org = organization.name if organization is not None else org
            text += f" (attributed to: {name_of_org})"
        parts.append(text + "; not checked against the primary source.")
    else:
        parts.append(f"Source: {sources}.")
    for slot in slots:
        rse = figures[slot].relative_standard_error
        if rse is not None:
            parts.append(
                f"Relative standard error of the {_SLOT_WORDS[slot]}: "
                f"{format(rse, 'f')} percent."
            )
    node: dict[str, Any] = {
        "@type": "MonetaryAmountDistribution",
        "name": name,
        "description": " ".join(parts),
        "currency": currency,
        "duration": _DURATIONS[unit],
    }
    for slot in slots:
        node[slot] = _number(figures[slot].value)
    return node


def _check_knowledge_base(kb: object, function: str) -> None:
    if not isinstance(kb, KnowledgeBase):
        raise TypeError(
            f"{function}() takes a KnowledgeBase (such as hsm_knowledge.load()), "
            f"got {type(kb).__name__}"
        )


def _dataset(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "@type": "Dataset",
        "name": kb.meta.title,
        "version": kb.meta.dataset_version,
        "datePublished": kb.meta.release_date.isoformat(),
    }


def to_jsonld(kb: KnowledgeBase) -> dict[str, Any]:
    """Describe *kb*'s occupation as a schema.org ``Occupation`` in JSON-LD.

    The module documentation lists how each record maps to schema.org. The
    result holds only JSON types, in a fixed order.

    Args:
        kb: The knowledge base to describe.

    Returns:
        The JSON-LD document, with ``@context`` ``https://schema.org``.

    Raises:
        TypeError: If *kb* is not a knowledge base.

    Example:
        >>> import hsm_knowledge
        >>> doc = to_jsonld(hsm_knowledge.load())
        >>> doc["@type"], doc["name"]
        ('Occupation', 'Medical and Health Services Managers')
        >>> salary = doc["estimatedSalary"][0]
        >>> salary["name"], salary["median"], salary["currency"]
        ('Annual wage, May 2023 (2023-33 edition)', 110680, 'USD')
    """
    _check_knowledge_base(kb, "to_jsonld")
    occupation: Occupation = kb.occupation
    doc: dict[str, Any] = {
        "@context": SCHEMA_ORG_CONTEXT,
        "@type": "Occupation",
        "name": occupation.name,
    }
    _put(doc, "alternateName", occupation.aliases)
    doc["description"] = occupation.summary

    _put(
        doc,
        "occupationalCategory",
        [_category(occupation, code) for code in occupation.codes],
    )
    _put(
        doc,
        "sameAs",
        _unique(
            code.uri
            for code in occupation.codes
            if code.uri is not None and code.system in SAME_AS_SYSTEMS
        ),
    )
    _put(doc, "responsibilities", [r.summary for r in kb.responsibilities])
    _put(
        doc,
        "skills",
        [
            {
                "@type": "DefinedTerm",
                "name": skill.name,
                "description": skill.summary,
                **(
                    {"alternateName": _one_or_many(list(skill.aliases))}
                    if skill.aliases
                    else {}
                ),
            }
            for skill in kb.skills
        ],
    )
    _put(doc, "qualifications", [_credential(kb, c) for c in kb.credentials])

    education, experience = _entry_requirements(kb)
    requirements: dict[str, list[dict[str, Any]]] = {
        "educationRequirements": education,
        "experienceRequirements": experience,
    }
    for step in kb.career_steps:
        if step.id in CAREER_STEP_PROPERTIES:
            prop, category_name = CAREER_STEP_PROPERTIES[step.id]
            requirements[prop].extend(_step_requirements(step, prop, category_name))
    for prop, nodes in requirements.items():
        _put(doc, prop, nodes)

    groups = _wage_groups(kb)
    _put(doc, "estimatedSalary", [_distribution(kb, k, f) for k, f in groups])
    _put(
        doc,
        "occupationLocation",
        [_place(g) for g in _unique(key.geography for key, _ in groups)],
    )
    doc["subjectOf"] = [_dataset(kb), *(_source(kb, s) for s in kb.sources)]
    return doc


_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def to_jsonld_text(kb: KnowledgeBase, *, indent: int | None = 2) -> str:
    r"""Return :func:`to_jsonld` of *kb* as JSON text.

    The same knowledge base always gives the same text. Non-ASCII characters
    are written as they are (encode the text as UTF-8); ``<``, ``>`` and
    ``&`` are written as ``\u`` escapes, so the text can go inside an HTML
    ``<script type="application/ld+json">`` element as it is.

    Args:
        kb: The knowledge base to describe.
        indent: Spaces per indentation level, or ``None`` for one line.

    Returns:
        The JSON text, without a final newline.

    Example:
        >>> import hsm_knowledge
        >>> text = to_jsonld_text(hsm_knowledge.load())
        >>> print("\n".join(text.splitlines()[:3]))
        {
          "@context": "https://schema.org",
          "@type": "Occupation",
    """
    text = json.dumps(to_jsonld(kb), indent=indent, ensure_ascii=False)
    return text.translate(_HTML_ESCAPES)


# --------------------------------------------------------------------------
# CSV

#: What joins the items of a tuple in one CSV cell.
LIST_SEPARATOR = "; "

_Getter = Callable[[Any], str]

_SCALARS = (str, int, bool, Decimal, _dt.date)


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _escape(item: str) -> str:
    return item.replace("\\", "\\\\").replace(";", "\\;")


def _join(items: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(_escape(item) for item in items)


def _is_scalar(type_: Any) -> bool:
    return isinstance(type_, type) and (
        issubclass(type_, _SCALARS) or issubclass(type_, enum.Enum)
    )


def _unsupported(cls: type, name: str, type_: Any) -> TypeError:
    return TypeError(
        f"{cls.__name__}.{name} has a type the CSV export cannot flatten: {type_!r}"
    )


def _attribute(name: str, inner: _Getter) -> _Getter:
    return lambda record: inner(getattr(record, name))


def _optional_attribute(name: str, inner: _Getter) -> _Getter:
    def cell(record: Any) -> str:
        value = getattr(record, name)
        return "" if value is None else inner(value)

    return cell


def _items_of_attribute(name: str, inner: _Getter) -> _Getter:
    return lambda record: _join(inner(item) for item in getattr(record, name))


class _Column(NamedTuple):
    """One CSV column of a record class."""

    name: str
    cell: _Getter
    """Computes the cell from a record."""
    joined: bool
    """Whether the cell joins items with :data:`LIST_SEPARATOR`."""
    filled: bool
    """Whether the cell is never empty (a value that is never ``None`` and
    never empty text), so it can tell a missing nested record or count the
    items of a tuple."""


@functools.cache
def _plan(cls: type) -> tuple[_Column, ...]:
    """Return the columns of *cls* and how to compute each cell."""
    hints = field_types(cls)
    columns: list[_Column] = []
    for field in attrs.fields(cls):
        name = field.name
        type_, optional = optional_inner(hints[name])
        if _is_scalar(type_):
            columns.append(
                _Column(name, _attribute(name, _scalar), False, not optional)
            )
        elif attrs.has(type_):
            sub = _plan(type_)
            # A missing nested record is a row of empty cells, which its
            # first cell must be able to tell from a present one.
            if optional and not sub[0].filled:
                raise _unsupported(cls, name, type_)
            wrap = _optional_attribute if optional else _attribute
            columns.extend(
                _Column(
                    f"{name}.{c.name}",
                    wrap(name, c.cell),
                    c.joined,
                    c.filled and not optional,
                )
                for c in sub
            )
        elif typing.get_origin(type_) is tuple and not optional:
            args = typing.get_args(type_)
            if len(args) != 2 or args[1] is not Ellipsis:
                raise _unsupported(cls, name, type_)
            item = args[0]
            if item is Citation:
                columns.append(
                    _Column(name, _items_of_attribute(name, str), True, False)
                )
            elif _is_scalar(item):
                columns.append(
                    _Column(name, _items_of_attribute(name, _scalar), True, False)
                )
            elif attrs.has(item):
                sub = _plan(item)
                # The first column tells how many items there are, so it
                # must never hold an empty item; items cannot be joined twice.
                if not sub[0].filled or any(c.joined for c in sub):
                    raise _unsupported(cls, name, type_)
                columns.extend(
                    _Column(
                        f"{name}.{c.name}",
                        _items_of_attribute(name, c.cell),
                        True,
                        False,
                    )
                    for c in sub
                )
            else:
                raise _unsupported(cls, name, type_)
        else:
            raise _unsupported(cls, name, type_)
    return tuple(columns)


_CSV_KINDS = (
    ", ".join(["manifest", "occupation", *KINDS_BY_NAME, "relation"])
    + " (or a knowledge base attribute: meta, statistics, relations, ...)"
)


def csv_columns(kind: str | type | Kind) -> tuple[str, ...]:
    """Return the CSV columns of a record kind, in order.

    Args:
        kind: A kind name as written in references (``"statistic"``,
            ``"occupation"``, ``"relation"``), ``"manifest"``, a knowledge
            base attribute (``"statistics"``, ``"meta"``), a record class or
            a :class:`~hsm_knowledge.Kind`.

    Returns:
        The column names, as in the header row :func:`to_csv` writes.

    Raises:
        TypeError: If *kind* is none of those (a number).
        ValueError: If *kind* is not a kind the CSV export writes.

    Example:
        >>> csv_columns("relation")
        ('subject', 'type', 'object', 'basis', 'citations', 'rationale')
    """
    return tuple(column.name for column in _plan(_class_of(kind)))


# knowledge base attributes that name no record kind's collection
_OTHER_ATTRIBUTES = {"relations": "relation", "meta": "manifest"}


def _class_of(kind: str | type | Kind) -> type:
    # A kind's class is looked up when asked for (Kind.cls), so that the
    # export creates only the record classes it writes.
    if isinstance(kind, Kind):
        kind = kind.name
    elif not isinstance(kind, (str, type)):
        raise TypeError(
            "a kind is a kind name ('skill'), an attribute name ('skills'), a "
            f"record class or a Kind, not {type(kind).__name__}"
        )
    if isinstance(kind, str):  # a kind name, or a knowledge base attribute
        kind = _OTHER_ATTRIBUTES.get(kind) or kind_of_name(kind) or kind
    if isinstance(kind, type):
        if kind in (Occupation, Relation, Manifest):
            return kind
        name = getattr(kind, "kind", None)
        known = KINDS_BY_NAME.get(name) if isinstance(name, str) else None
        if known is not None and known.cls is kind:
            return kind
    elif kind == "occupation":
        return Occupation
    elif kind == "manifest":
        return Manifest
    elif kind == "relation":
        return Relation
    elif isinstance(kind, str) and kind in KINDS_BY_NAME:
        return KINDS_BY_NAME[kind].cls
    what = (
        f"{kind.__name__} objects" if isinstance(kind, type) else f"kind {quote(kind)}"
    )
    raise ValueError(f"no CSV export for {what}; known kinds: {_CSV_KINDS}")


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')

#: What a cell escaped by ``escape_formulas=True`` starts with: OWASP's
#: list for CSV injection, the line feed, the full-width and small forms of
#: ``=``, ``+``, ``-`` and ``@`` and the minus sign (U+2212), which some
#: spreadsheets may read alike, and the apostrophe itself, so that the
#: escape can be undone.
_FORMULA_STARTS = frozenset(
    "=+-@\t\r\n'\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212"
)
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def escape_formula(cell: str) -> str:
    """Return *cell* as ``escape_formulas=True`` writes it.

    A cell that starts with ``=``, ``+``, ``-``, ``@`` (or their
    full-width or small forms, or the minus sign U+2212), a tab, a
    carriage return, a line feed or an apostrophe gets an apostrophe in
    front, unless it is a plain number (``-3``, ``+1.5``), which a
    spreadsheet reads as a number and never as a formula.

    Args:
        cell: A cell's text.

    Returns:
        The text to write.

    Example:
        >>> escape_formula("=SUM(A1:A9)")
        "'=SUM(A1:A9)"
        >>> escape_formula("-3"), escape_formula("'quoted'"), escape_formula("ok")
        ('-3', "''quoted'", 'ok')
    """
    if cell[:1] in _FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def unescape_formula(cell: str) -> str:
    """Undo :func:`escape_formula`: remove one leading apostrophe, if any.

    Every cell of a file written with ``escape_formulas=True`` gives back
    the cell the records hold; use it on cells read with :mod:`csv` before
    splitting lists or rebuilding records.

    Args:
        cell: A cell as read from the file.

    Returns:
        The cell without its escape.

    Example:
        >>> unescape_formula("'=1+1"), unescape_formula("''quoted'")
        ('=1+1', "'quoted'")
    """
    return cell[1:] if cell.startswith("'") else cell


def _csv_line(cells: Sequence[str]) -> str:
    """Return one CSV line as the :mod:`csv` module's ``excel`` dialect writes it.

    Written here rather than by :mod:`csv` so that the output is the same on
    every Python version (before 3.11 the module cannot write a NUL).
    """
    if len(cells) == 1 and cells[0] == "":
        return '""\r\n'
    return (
        ",".join(
            '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell
            for cell in cells
        )
        + "\r\n"
    )


def _as_written(cell: str) -> str:
    return cell


def _check_flag(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {quote(value)}")


def _csv_text(cls: type, records: Iterable[Any], escape_formulas: bool) -> str:
    plan = _plan(cls)
    lines = [_csv_line([column.name for column in plan])]
    escape = escape_formula if escape_formulas else _as_written
    lines.extend(
        _csv_line([escape(column.cell(record)) for column in plan])
        for record in records
    )
    return "".join(lines)


def _checked_records(
    records: Collection[Any] | Iterable[Any], kind: str | type | Kind | None
) -> tuple[type, tuple[Any, ...]]:
    if isinstance(records, KnowledgeBase):
        raise TypeError(
            "a CSV file holds one kind's records: pass a collection such as "
            "kb.skills, or write every kind with to_csv_folder(kb, folder)"
        )
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise TypeError(
            f"expected a collection or an iterable of records, "
            f"got {type(records).__name__}"
        )
    cls: type | None = None
    if kind is not None:
        cls = _class_of(kind)
    if isinstance(records, Collection):
        collection_cls = _class_of(records.kind)
        if cls is not None and cls is not collection_cls:
            shown = kind.name if isinstance(kind, Kind) else kind
            raise ValueError(
                f"kind {quote(shown)} does not match a collection of "
                f"{records.kind} records"
            )
        cls = collection_cls
    items = tuple(records)
    if cls is None:
        if not items:
            raise ValueError(
                "cannot tell the columns of an empty sequence of records; "
                "pass kind= (for example kind='skill')"
            )
        first = type(items[0])
        try:
            cls = _class_of(first)
        except ValueError:  # a dict, None, a Citation: not a record
            raise TypeError(
                f"item 0 is a {first.__name__}, not a record of a kind the "
                f"CSV export writes ({_CSV_KINDS})"
            ) from None
    for index, item in enumerate(items):
        if type(item) is not cls:
            raise TypeError(
                f"item {index} is a {type(item).__name__}, not a {cls.__name__}; "
                "a CSV file holds records of one kind"
            )
    return cls, items


def _error_naming(err: OSError, path: Path) -> OSError:
    """Return an error like *err* that names *path* (not a temporary file)."""
    if err.errno is None:
        return OSError(f"cannot write {os.fspath(path)!r}: {err}")
    return type(err)(err.errno, err.strerror, os.fspath(path))


def _write_files(files: Sequence[tuple[Path, str]]) -> None:
    """Write each text to its path as UTF-8, all or (almost always) nothing.

    A regular file (new, or reached through symbolic links, which are kept)
    is first written beside its target under a temporary name, with the
    permissions (and, where allowed, the owner) of the file it replaces, or
    a new file's usual permissions; only when all are written do they
    replace their targets (a rename each), so an error while writing
    changes no target, and no temporary file is left behind. Should a
    rename itself fail, the targets renamed before it stay replaced. What
    is not a regular file is written to instead: a named pipe (opened first, so that
    waiting for its reader leaves nothing behind) or a device. A path
    naming one of the process's open files (``/dev/stdout``,
    ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``, also through
    symbolic links, or a file that is the process's standard output or
    error) is written to that open file, so that its text lands where the
    shell's redirection puts it, between what is written before and after.

    Raises:
        ValueError: If two paths are one file (a symbolic or hard link).
        OSError: If a path cannot be written (a read-only file is not
            replaced either); the error names the path.
    """
    for path, _ in files:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
    # each path is classified once: written through (a pipe, a device, or
    # the process's own open file, by its descriptor), or replaced
    through: list[tuple[Path, str, int | None]] = []
    replaced: list[tuple[Path, str, Path, os.stat_result | None]] = []
    seen: dict[object, Path] = {}
    for path, text in files:
        try:
            found = path.stat()  # follows symbolic links
        except FileNotFoundError:
            found = None
        except OSError as err:
            raise _error_naming(err, path) from err
        descriptor = _open_file(path, found)
        if descriptor is not None or (
            found is not None and not stat.S_ISREG(found.st_mode)
        ):
            through.append((path, text, descriptor))
            continue
        if found is not None and not os.access(path, os.W_OK):
            # replacing would work (the folder is writable), but the file
            # says it is not to be written: as open() would, refuse
            raise PermissionError(errno.EACCES, "is read-only", os.fspath(path))
        target = Path(os.path.realpath(path))
        keys: list[object] = [target]
        if found is not None:  # a hard link is one file under two names
            keys.append((found.st_dev, found.st_ino))
        for key in keys:
            if key in seen:
                raise ValueError(
                    f"{os.fspath(path)!r} and {os.fspath(seen[key])!r} are the "
                    "same file; each file needs a path of its own"
                )
        for key in keys:
            seen[key] = path
        replaced.append((path, text, target, found))
    pending: list[tuple[Path, Path, Path]] = []
    try:
        with contextlib.ExitStack() as streams:
            opened: list[tuple[Path, IO[str], str]] = []
            for path, text, descriptor in through:  # pipes first: they wait
                stream = _open_through(path, descriptor)
                streams.callback(_close_quietly, stream)
                opened.append((path, stream, text))
            pending.extend(
                _staged(path, text, target, found)
                for path, text, target, found in replaced
            )
            for path, stream, text in opened:
                try:
                    stream.write(text)
                    stream.close()  # flushes: an error here names the path
                except OSError as err:
                    raise _error_naming(err, path) from err
        while pending:
            temporary, target, path = pending[0]
            try:
                os.replace(temporary, target)
            except OSError as err:
                raise _error_naming(err, path) from err
            pending.pop(0)
    finally:
        for temporary, _, _ in pending:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _open_through(path: Path, descriptor: int | None) -> IO[str]:
    """Open *path*, which is written to rather than replaced.

    The process's own open file *descriptor* if *path* names one
    (``/dev/stdout``, as :func:`_open_file` found), else the path itself.
    """
    try:
        if descriptor is None:
            return open(path, "w", encoding="utf-8", newline="")
        _flush_standard_streams()  # what Python holds comes first
        return open(descriptor, "w", encoding="utf-8", newline="", closefd=False)
    except OSError as err:
        raise _error_naming(err, path) from err


def _close_quietly(stream: IO[str]) -> None:
    """Close *stream* after an error elsewhere, which is the one to report."""
    with contextlib.suppress(OSError, ValueError):
        stream.close()


def _staged(
    path: Path, text: str, target: Path, found: os.stat_result | None
) -> tuple[Path, Path, Path]:
    """Write *text* to a new temporary file beside *target*; name all three.

    The temporary file is made with a new file's usual permissions (the
    umask applies) and, if it is to replace a file, given that file's
    permissions and owner before any text is written.
    """
    name = path if not path.is_symlink() else target  # what could not be made
    temporary = target.with_name(
        f".{target.name[:200]}.{secrets.token_hex(8)}.tmp"  # within NAME_MAX
    )
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        if found is not None and err.errno is not None:
            # the file is there: say that the temporary file was the trouble
            raise type(err)(
                err.errno,
                f"{err.strerror} (making a temporary file beside it, in "
                f"{os.fspath(target.parent)!r}, to replace it with)",
                os.fspath(name),
            ) from err
        raise _error_naming(err, name) from err
    try:
        if found is not None:
            _keep_owner_and_mode(handle, found)
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except BaseException as err:  # an interrupt too: leave nothing behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(err, OSError):
            raise _error_naming(err, path) from err
        raise
    return temporary, target, path


_OPEN_FILE_RE = re.compile(
    r"/dev/(stdout|stderr|fd/(\d+))"
    r"|/proc/(self|thread-self|\d+)(?:/task/\d+)?/fd/(\d+)"
)


def _open_file(path: Path, found: os.stat_result | None = None) -> int | None:
    """Return the process's file descriptor that *path* names, if any.

    ``/dev/stdout`` names 1, ``/dev/stderr`` 2, and ``/dev/fd/N``,
    ``/proc/self/fd/N`` and ``/proc/thread-self/fd/N`` name N, also when
    reached through symbolic links; so does ``/proc/P/fd/N`` for this
    process's own number P. A path whose file (*found*, its ``stat``) is
    the file of standard output or standard error names 1 or 2. Opening
    such a path anew would give a file of its own position, which writes
    over what the shell writes to the same file.
    """
    # joined, not normalized: ".." must be read on disk, after links
    current = os.path.join(os.getcwd(), os.fspath(path))
    for _ in range(40):  # the system's own limit on links followed
        # the folder's real path: "dl/../stdout" is not "stdout" when dl is
        # a link to a folder elsewhere
        folder, base = os.path.split(current)
        current = os.path.join(os.path.realpath(folder), base)
        match = _OPEN_FILE_RE.fullmatch(current)
        if match is not None:
            name, fd, process, proc_fd = match.groups()
            if name == "stdout":
                return 1
            if name == "stderr":
                return 2
            if process not in (None, "self", "thread-self", str(os.getpid())):
                return None  # another process's open file: a path like others
            return int(fd or proc_fd)
        if not os.path.islink(current):
            break
        try:
            link = os.readlink(current)
        except OSError:
            break
        current = os.path.join(os.path.dirname(current), link)
    if found is not None:
        for descriptor in (1, 2):
            try:
                own = os.fstat(descriptor)
            except OSError:
                continue
            if (own.st_dev, own.st_ino) == (found.st_dev, found.st_ino):
                return descriptor
    return None


def _flush_standard_streams() -> None:
    """Write out what Python holds for stdout and stderr, to keep the order."""
    for stream in {sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__}:
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()


def _keep_owner_and_mode(handle: int, found: os.stat_result) -> None:
    """Give the open file *handle* the owner and permission bits of *found*.

    Before anything is written, so the new text is never readable by more
    than the old; without set-id bits, as a write of new text clears them.
    Where the system refuses (another user's file, a file system without
    POSIX permissions), the temporary file keeps its own: owner-only.
    """
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):
            os.fchown(handle, found.st_uid, found.st_gid)
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(handle, stat.S_IMODE(found.st_mode) & 0o777)


def _stream_name(stream: object) -> str:
    name = getattr(stream, "name", None)
    return repr(name) if isinstance(name, (str, bytes, int)) else repr(stream)


def _write_stream(stream: Any, text: str) -> None:
    name = _stream_name(stream)
    if isinstance(stream, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(
        getattr(stream, "mode", "")
    ):
        raise ValueError(
            f"{name} is a binary stream; pass a text stream opened with "
            "newline='' and encoding='utf-8', or a path"
        )
    writable = getattr(stream, "writable", None)
    if callable(writable) and not writable():
        raise ValueError(f"{name} is not open for writing")
    encoding = getattr(stream, "encoding", None)
    if isinstance(encoding, str):
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            codec = encoding
        if codec not in ("utf-8", "utf-8-sig"):
            raise ValueError(
                f"{name} is open with encoding {encoding!r}; the CSV export "
                "writes UTF-8, so open it with encoding='utf-8' and newline=''"
            )
    stream.write(text)


def to_csv(
    records: Collection[Any] | Iterable[Any],
    file: str | os.PathLike[str] | IO[str],
    *,
    kind: str | type | Kind | None = None,
    escape_formulas: bool = False,
) -> None:
    """Write records of one kind as CSV, one row per record.

    The module documentation describes the columns and cells. The whole file
    is built before anything is written: to a path, it replaces the file in
    one step (an error leaves any existing file as it was), keeping the
    file's permissions and any symbolic link to it; a path that is not a
    regular file (a pipe, ``/dev/stdout``) is written to; to a stream, it is
    one ``write`` call.

    Cells are written as the records hold them: a text starting with ``=``,
    ``+``, ``-`` or ``@`` is not escaped unless *escape_formulas* is true,
    so a spreadsheet may read it as a formula (see the CSV how-to, "In a
    spreadsheet").

    Args:
        records: A collection (``kb.skills``), ``kb.relations``, or any
            iterable of records of one kind (``[kb.occupation]``).
        file: A path, or a text stream opened with ``newline=""`` (as the
            :mod:`csv` module asks) and a UTF-8 encoding.
        kind: The records' kind (``"skill"``, or any form
            :func:`csv_columns` takes); needed only to write the header of
            an empty iterable that is not a collection.
        escape_formulas: Write a cell that a spreadsheet could take for a
            formula with an apostrophe in front (:func:`escape_formula`),
            for files that people open in a spreadsheet;
            :func:`unescape_formula` undoes it.

    Raises:
        TypeError: If *records* mixes kinds or holds something other than
            records, *kind* is not a kind at all (a number), or
            *escape_formulas* is not a bool.
        ValueError: If the kind is unknown or cannot be told, or *file* is a
            binary stream, read-only, or not UTF-8.
        OSError: If the path cannot be written; the error names the path.

    Example:
        >>> import io, hsm_knowledge
        >>> kb = hsm_knowledge.load()
        >>> out = io.StringIO(newline="")
        >>> to_csv(kb.benefits, out)
        >>> import csv
        >>> rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
        >>> rows[0]
        ['id', 'name', 'summary', 'citations', 'type']
        >>> rows[1][0], rows[1][4]
        ('rewarding-career', 'career')
    """
    _check_flag(escape_formulas, "escape_formulas")
    cls, items = _checked_records(records, kind)
    text = _csv_text(cls, items, escape_formulas)
    if isinstance(file, (str, os.PathLike)):
        _write_files([(Path(file), text)])
    elif hasattr(file, "write"):
        _write_stream(file, text)
    else:
        raise TypeError(
            f"file must be a path or a text stream, got {type(file).__name__}"
        )


def _make_folder(directory: Path) -> None:
    """Make *directory* and its parents if missing.

    A symbolic link to a folder that does not exist yet, as *directory* or
    on the way to it, makes that folder, as writing one file through a
    link to a missing file makes the file; a loop of links is an
    :class:`OSError` (``ELOOP``), not "File exists".
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        return
    except FileExistsError:  # a dangling link on the way, or a loop
        pass
    target = Path(os.path.realpath(directory))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        if target.is_symlink():  # what realpath could not follow: a loop
            raise OSError(
                errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(directory)
            ) from None
        raise NotADirectoryError(
            errno.ENOTDIR, "not a folder", os.fspath(directory)
        ) from None


def _folder_files(kb: KnowledgeBase) -> Iterator[tuple[str, type, Iterable[Any]]]:
    yield "manifest.csv", Manifest, (kb.meta,)
    yield "occupation.csv", Occupation, (kb.occupation,)
    for kind in KINDS:
        yield f"{kind.attr}.csv", kind.cls, getattr(kb, kind.attr)
    yield "relations.csv", Relation, kb.relations


def to_csv_folder(
    kb: KnowledgeBase,
    folder: str | os.PathLike[str],
    *,
    escape_formulas: bool = False,
) -> tuple[Path, ...]:
    """Write every kind of record in *kb* as CSV files in *folder*.

    Writes ``manifest.csv`` (the dataset's version and release date),
    ``occupation.csv`` (one row), one ``<attribute>.csv`` per kind
    (``sources.csv``, ``skills.csv``, ``career_steps.csv``, ...) and
    ``relations.csv``, each as :func:`to_csv` writes it. The folder is made if
    missing and files of those names are replaced. Every file is written
    under a temporary name before any replaces its target, so an error while
    writing (a full disk, a folder that cannot be written) leaves the folder
    as it was.

    Args:
        kb: The knowledge base to export.
        folder: The folder to write into.
        escape_formulas: Escape cells that a spreadsheet could take for a
            formula, as :func:`to_csv` does.

    Returns:
        The paths written, in the order above.

    Raises:
        OSError: If the folder cannot be made or written; the error names
            the path.
        TypeError: If *kb* is not a knowledge base or *escape_formulas* is
            not a bool (nothing is made or written).
        ValueError: If two of the files are one (a link makes
            ``skills.csv`` another name of ``tasks.csv``); nothing is
            written.

    Example:
        >>> import hsm_knowledge, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     paths = to_csv_folder(hsm_knowledge.load(), folder)
        >>> [path.name for path in paths][:4]
        ['manifest.csv', 'occupation.csv', 'sources.csv', 'organizations.csv']
    """
    _check_knowledge_base(kb, "to_csv_folder")
    _check_flag(escape_formulas, "escape_formulas")
    directory = Path(folder)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", os.fspath(directory))
    # every text first: nothing is made or written if one cannot be
    texts = [
        (name, _csv_text(cls, records, escape_formulas))
        for name, cls, records in _folder_files(kb)
    ]
    try:
        _make_folder(directory)
    except OSError as err:
        raise _error_naming(err, directory) from err
    files = [(directory / name, text) for name, text in texts]
    _write_files(files)
    return tuple(path for path, _ in files)
