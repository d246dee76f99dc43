"""The manifest: what a dataset is, its versions and source vintages."""

from __future__ import annotations

import datetime as _dt

import attrs

from ._base import _Bounds, _check_id, _check_text, _UniqueBy, check_types

__all__ = ["Manifest", "SourceVintage"]


@attrs.frozen(kw_only=True)
class SourceVintage:
    """The vintage of one source a dataset was built from.

    Attributes:
        source: The id of a :class:`~hsm_knowledge.Source` in the dataset.
        vintage: The release, edition or reference date of the source the
            data were taken from (``"29.3 (May 2025 release)"``).
    """

    source: str = attrs.field(validator=[check_types, _check_id])
    vintage: str = attrs.field(validator=_check_text)


@attrs.frozen(kw_only=True)
class Manifest:
    """What a dataset is: its versions, release date and source vintages.

    Attributes:
        dataset_version: The version of the data, independent of the
            package version (``"2026.2"``).
        schema_version: The version of the wire format the data is written
            in; this library reads the versions in
            ``SUPPORTED_SCHEMA_VERSIONS``.
        release_date: When this version of the data was released.
        title: A short title for the dataset.
        source_vintages: The vintage of each primary source the data were
            built from, such as the O*NET release or a BLS edition; one
            entry per source.
    """

    dataset_version: str = attrs.field(validator=[check_types, _check_text])
    schema_version: int = attrs.field(validator=_Bounds(1))
    release_date: _dt.date
    title: str = attrs.field(validator=_check_text)
    source_vintages: tuple[SourceVintage, ...] = attrs.field(
        default=(), validator=_UniqueBy("source")
    )

    def vintage(self, source: str) -> str | None:
        """Return the vintage recorded for the source with id *source*.

        Args:
            source: A source id such as ``"onet-29-3"``.

        Returns:
            The vintage, or ``None`` if the manifest records none.

        Example:
            >>> import hsm_knowledge
            >>> hsm_knowledge.load().meta.vintage("onet-29-3")
            '29.3 (May 2025 release)'
        """
        for entry in self.source_vintages:
            if entry.source == source:
                return entry.vintage
        return None
