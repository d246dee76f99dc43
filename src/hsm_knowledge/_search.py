"""Text normalisation, tokenising, light stemming and ranked search.

Everything here works on any attrs record class: the text fields to index
are found from the class's field types, so a new record kind is searched
without changes to this module.

How text is compared:

* **Folding.** Text is decomposed (NFKD), accents and other combining marks
  are dropped and the result is case-folded, so ``"Sante"`` matches
  ``"Santé"`` and ``"CPHRM"`` matches ``"cphrm"``.
* **Words.** A word is a run of letters and digits; a dot between two of
  them joins them, so that a code or a number is one word (O*NET's element
  ``2.A.1.a``, release ``29.3``), and an abbreviation of single letters is
  the same word without its dots (``"U.S."`` is ``us``), unless that
  makes a stop word (``"O.R."``, the operating room, stays ``o.r``). A
  possessive ``'s`` is dropped (``"Epic's"`` is ``epic``, ``"U.S.'s"`` is
  ``us``). Everything else separates
  words (``"long-term"`` is ``long`` and ``term``).
* **Light stemming.** Plurals (``-s``, ``-es``, ``-ies``), ``-ing``, ``-ed``
  and a final ``-e`` are removed, and a final doubled consonant other than
  ``l``, ``s`` or ``z`` is undoubled, so ``budget``, ``budgets`` and
  ``budgeting`` are one word, as are ``nurse`` and ``nursing``.

How search ranks (:meth:`SearchIndex.search`):

* Each query word matches a record's field as a **whole word** (same stem),
  as a **prefix** of a word (two characters or more), or as a
  **substring** of a word (three characters or more). Names, titles,
  abbreviations, aliases and ids are **name fields**; every other text
  field (summary, duties, focus, ...) is **other text**. Points per word,
  best match only:

  ======================  ==========  ==========
  match                   name field  other text
  ======================  ==========  ==========
  whole word              6           5
  prefix                  4           3
  substring               2           1
  ======================  ==========  ==========

  so whole words rank above prefixes above substrings, and within each
  tier names rank above other text.
* A query of several words is an AND: a record is a hit only when every
  word matches one of its fields (not necessarily the same one). Its score
  is the sum of each word's points. A repeated word counts once.
* **Stop words** (:data:`STOP_WORDS`: ``a``, ``the``, ``of``, ``in``, ...)
  are left out of a query that has other words, so ``"manager of a
  hospital"`` finds what ``"manager hospital"`` finds. A query of stop
  words only is searched as it is. A stop word is left out even where it
  could have matched as a prefix (``"an"`` of ``"analysis"``).
* A name field equal to the whole query (after folding) adds
  :data:`EXACT_BONUS`.
* Hits are ordered by score (highest first), then kind, then id, so the
  order is fully determined by the data.
* :attr:`SearchHit.field` names the field of the best-scoring word match
  (on a tie, the field listed first by :func:`text_fields`), or the name
  field equal to the whole query.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import types
import typing
import unicodedata
from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

from ._errors import quote
from ._model import Record, Source
from ._model._base import field_types

__all__ = [
    "EXACT_BONUS",
    "STOP_WORDS",
    "SearchHit",
    "SearchIndex",
    "fold",
    "normalize",
    "stem",
    "text_fields",
    "words",
]

# A word is a run of letters and digits, dots between them included, so
# that a code or number (O*NET's element 2.A.1.a, release 29.3) is one word.
_WORD_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")  # on lowercase ASCII
# Lookups compare texts split at dots too: "esco 1.0" names the source
# whose id is esco-1-0, and "U. S." is "U.S.".
_SPLIT_RE = re.compile(r"[^\W_]+")
_ASCII_SPLIT_RE = re.compile(r"[a-z0-9]+")

#: Fields that name a record; matches in them rank above other text.
NAME_FIELDS: tuple[str, ...] = ("name", "title", "abbreviation", "aliases", "id")

#: Text fields that are not prose: references, codes, links, legal text and
#: who supplied an O*NET rating.
SKIPPED_FIELDS: frozenset[str] = frozenset(
    {
        "attributed_to",
        "attribution",
        "commodity_code",
        "currency",
        "domain_source",
        "element_id",
        "facility_types",
        "geography",
        "issuer",
        "license",
        "onet_source_codes",
        "parent",
        "publisher",
        "uri",
        "url",
    }
)

WORD_POINTS = (6, 5)
PREFIX_POINTS = (4, 3)
SUBSTRING_POINTS = (2, 1)
#: Points added when a name field equals the whole query.
EXACT_BONUS = 10
#: The shortest query word matched as the start of longer words.
MIN_PREFIX = 2
#: The shortest query word matched inside other words.
MIN_SUBSTRING = 3
#: Query words left out when the query has other words: English function
#: words that say nothing of what is looked for, and would otherwise have
#: to match too (a query is an AND). Words that can name something in this
#: field (``it``, ``us``, ``care``) are not among them.
STOP_WORDS: frozenset[str] = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    }
)


def fold(text: str) -> str:
    """Return *text* case-folded, without accents or other combining marks.

    Args:
        text: Any text.

    Returns:
        The folded text.

    Example:
        >>> fold("Santé Publique")
        'sante publique'
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", bare.casefold())


def words(text: str) -> list[str]:
    """Return the folded words of *text*, in order.

    Args:
        text: Any text.

    Returns:
        The runs of letters and digits of the folded text; a dot between
        two of them joins them, so a code or a number is one word, and an
        abbreviation of single letters loses its dots (unless that makes a
        stop word: ``"O.R."`` stays ``o.r``). A possessive ``'s`` is
        dropped (``"U.S.'s"`` too).

    Example:
        >>> words("Long-term care (LTC) facilities")
        ['long', 'term', 'care', 'ltc', 'facilities']
        >>> words("O*NET 29.3, element 2.A.1.a.")
        ['o', 'net', '29.3', 'element', '2.a.1.a']
        >>> words("The U.S. Bureau's figures")
        ['the', 'us', 'bureau', 'figures']
    """
    if "'" in text or "\u2019" in text:  # (then ASCII if only its U+2019 was not)
        text = _POSSESSIVE_RE.sub("", text)
    folded = fold(text)
    if not text.isascii() and ("'" in folded or "\u2019" in folded):
        folded = _POSSESSIVE_RE.sub("", folded)  # one folding made or uncovered
    found = (_ASCII_WORD_RE if folded.isascii() else _WORD_RE).findall(folded)
    if "." in folded and _ABBREVIATION_RE.search(folded):
        found = [
            _without_abbreviation_dots(word) if "." in word else word for word in found
        ]
    return found


# Each pattern starts with its punctuation, which the engine looks for
# fast, and looks behind from there. The abbreviation one reads folded text.
# A letter alone (after no letter or digit), a dot, and a letter alone:
# where an abbreviation may be (u.s).
_ABBREVIATION_RE = re.compile(
    r"\.(?<=[^\W\d_]\.)(?<![^\W_][^\W\d_]\.)[^\W\d_](?![^\W_])"
)
# 's at the end of a word, after a letter, a digit or an abbreviation's
# dot (epic's, 1990's, u.s.'s)
_POSSESSIVE_RE = re.compile(
    r"['\u2019](?:(?<=[^\W_]['\u2019])|(?<=\.['\u2019]))[sS](?![^\W_]|[\u0300-\u036f])"
)


def _without_abbreviation_dots(word: str) -> str:
    """``"u.s"`` as ``"us"``: single letters joined by dots are one word.

    Not when that word is a stop word: ``"o.r"`` (operating room) stays
    itself rather than become ``"or"``.
    """
    parts = word.split(".")
    if all(len(part) == 1 and part.isalpha() for part in parts):
        joined = "".join(parts)
        if joined not in STOP_WORDS:
            return joined
    return word


def normalize(text: str) -> str:
    """Return the folded words of *text* joined by single spaces.

    Two texts that differ only in case, accents, punctuation or spacing
    normalise to the same string; lookups compare these. Unlike
    :func:`words`, a dot always separates (``"esco 1.0"`` and the id
    ``esco-1-0`` are the same text).

    Args:
        text: Any text.

    Returns:
        The normalised text (empty when *text* has no words).

    Example:
        >>> normalize("  Financial-Management ")
        'financial management'
        >>> normalize("ESCO 1.0") == normalize("esco-1-0")
        True
    """
    folded = fold(text)
    return " ".join(
        (_ASCII_SPLIT_RE if folded.isascii() else _SPLIT_RE).findall(folded)
    )


_VOWELS = frozenset("aeiouy")


def _has_vowel(text: str) -> bool:
    return any(c in _VOWELS for c in text)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the light stem of a folded *word*.

    Only alphabetic words longer than three letters are changed: plurals,
    ``-ing``, ``-ed`` and a final ``-e`` are removed and a final doubled
    consonant (other than ``l``, ``s``, ``z``) is undoubled.

    Args:
        word: One folded word, as :func:`words` returns them.

    Returns:
        The stem; equal stems are treated as the same word.

    Example:
        >>> stem("budgeting"), stem("budgets"), stem("budget")
        ('budget', 'budget', 'budget')
        >>> stem("policies"), stem("nursing"), stem("nurses")
        ('policy', 'nurs', 'nurs')
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith(("ss", "us", "is")):
        pass
    elif w.endswith(("xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s"):
        w = w[:-1]
    if w.endswith("ing") and len(w) >= 6 and _has_vowel(w[:-3]):
        w = w[:-3]
    elif w.endswith("ed") and len(w) >= 5 and _has_vowel(w[:-2]):
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouylsz":
        w = w[:-1]
    return w


def _is_text_type(hint: Any) -> bool:
    if hint is str:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        return args == (str, Ellipsis)
    if origin in (typing.Union, types.UnionType):
        return set(args) == {str, type(None)}
    return False


_TEXT_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def text_fields(cls: type[Any]) -> tuple[str, ...]:
    """Return the names of the text fields search indexes on *cls*.

    Text fields are the attrs fields typed ``str``, ``str | None`` or
    ``tuple[str, ...]``, except references, codes, links and legal text
    (:data:`SKIPPED_FIELDS`). Name fields come first, in the order of
    :data:`NAME_FIELDS`, then the others in declaration order.

    Args:
        cls: An attrs record class.

    Returns:
        The field names, name fields first.

    Example:
        >>> import hsm_knowledge
        >>> text_fields(hsm_knowledge.Skill)
        ('name', 'aliases', 'id', 'summary', 'components')
    """
    cached = _TEXT_FIELDS.get(cls)
    if cached is not None:
        return cached
    try:
        hints = field_types(cls)
    except Exception:  # what get_type_hints resolves that eval alone cannot
        hints = typing.get_type_hints(cls)
    names = [
        field.name
        for field in attrs.fields(cls)
        if field.name not in SKIPPED_FIELDS and _is_text_type(hints.get(field.name))
    ]
    first = [name for name in NAME_FIELDS if name in names]
    found = (*first, *(name for name in names if name not in NAME_FIELDS))
    _TEXT_FIELDS[cls] = found
    return found


class SearchHit(NamedTuple):
    """One result of a search: a record, its score and where it matched.

    A hit is a named tuple, so it is immutable, cheap to make, and unpacks
    as ``record, score, kind, field = hit``.

    Attributes:
        record: The record found.
        score: Its score; higher is better. Scores compare only within one
            search.
        kind: The record's kind (``"skill"``).
        field: The field that matched best (``"name"``, ``"aliases"``,
            ``"summary"``, ...).
    """

    record: Record | Source
    score: int
    kind: str
    field: str

    @property
    def ref(self) -> str:
        """The record's ``kind:id`` reference."""
        return f"{self.kind}:{self.record.id}"


# A posting is ``record_index << 8 | field_rank``; a match value is
# ``points << 8 | (255 - field_rank)``, so a larger value is a better match
# (more points, then the field listed first).
_FIELD_BITS = 8
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_MAX_FIELDS = 1 << _FIELD_BITS  # text fields per record class
_WORD, _PREFIX, _SUBSTRING = WORD_POINTS, PREFIX_POINTS, SUBSTRING_POINTS

# Bounds of the memo caches (each is emptied when full).
_MAX_RESULTS = 1024
_MAX_TERMS = 4096

_new_hit = tuple.__new__


class SearchIndex:
    """A word index over records of any kinds, built once.

    Searching is proportional to the number of postings of the matching
    words, not to the number of records. Substrings are found by scanning
    the vocabulary, not the records: the distinct words, about 1,400 for
    the packaged data, grow far more slowly than the number of records.
    Results and per-word scores are memoised in bounded caches: the index
    is immutable, so a repeated query returns the same tuple.

    Args:
        entries: ``(kind, record)`` pairs; every record has an ``id``.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        records: list[Any] = []
        kinds: list[str] = []
        # per record: its class's text fields, and how many are name fields
        fields_of: list[tuple[str, ...]] = []
        name_counts: list[int] = []
        postings: dict[str, list[int]] = {}
        exact: dict[str, dict[int, int]] = {}
        plans: dict[type[Any], tuple[tuple[str, ...], int]] = {}
        for index, (kind, record) in enumerate(entries):
            cls = type(record)
            plan = plans.get(cls)
            if plan is None:
                fields = text_fields(cls)
                if len(fields) > _MAX_FIELDS:  # pragma: no cover - 256 fields
                    raise ValueError(f"{cls.__name__} has too many text fields")
                plan = (fields, sum(1 for name in fields if name in NAME_FIELDS))
                plans[cls] = plan
            fields, name_count = plan
            records.append(record)
            kinds.append(kind)
            fields_of.append(fields)
            name_counts.append(name_count)
            seen: set[str] = set()  # words already posted for this record
            base = index << _FIELD_BITS
            for rank, name in enumerate(fields):
                value = getattr(record, name)
                if value is None:
                    continue
                for text in value if type(value) is tuple else (value,):
                    found = words(text)
                    if not found:
                        continue
                    # Fields are visited in rank order, so a word's first
                    # posting for a record is its best field.
                    fresh = set(found)
                    fresh -= seen
                    if fresh:
                        seen |= fresh
                        posting = base | rank
                        for word in fresh:
                            having = postings.get(word)
                            if having is None:
                                postings[word] = [posting]
                            else:
                                having.append(posting)
                    if rank < name_count:
                        exact.setdefault(" ".join(found), {}).setdefault(index, rank)
        self._records = records
        self._kinds = kinds
        self._name_count = name_counts
        self._postings = postings
        self._exact = exact
        vocabulary = sorted(postings)
        self._vocabulary = vocabulary
        # every word once, newline-separated, for substring scans
        self._joined = "\n".join(vocabulary)
        starts = []
        offset = 0
        for word in vocabulary:
            starts.append(offset)
            offset += len(word) + 1
        self._starts = starts
        order = sorted(range(len(records)), key=lambda i: (kinds[i], records[i].id))
        self._position = [0] * len(order)
        for position, index in enumerate(order):
            self._position[index] = position
        # (record, kind, text fields, index) in the order ties are broken in
        self._by_position = [(records[i], kinds[i], fields_of[i], i) for i in order]
        self._results: dict[tuple[Any, ...], tuple[SearchHit, ...]] = {}
        self._terms: dict[str, dict[int, int]] = {}

    def __len__(self) -> int:
        return len(self._records)

    def clear_caches(self) -> None:
        """Forget memoised results (for benchmarks of the uncached path)."""
        self._results.clear()
        self._terms.clear()

    def _matching_words(self, term: str) -> list[tuple[str, tuple[int, int]]]:
        """Return the indexed words *term* matches, each with its points.

        Whole-word matches come first, then prefixes, then substrings.
        """
        found: list[tuple[str, tuple[int, int]]] = []
        taken: set[str] = set()
        vocabulary = self._vocabulary
        # Stemming only shortens a word or turns a final "ies" into "y", so
        # every word with the stem ``key`` starts with ``key[:-1]``, and
        # only a word itself has a one-letter stem. The vocabulary is
        # stemmed lazily, one prefix range at a time.
        key = stem(term)
        if len(key) == 1:
            if key in self._postings:
                taken.add(key)
                found.append((key, _WORD))
        else:
            head = key[:-1]
            i = bisect.bisect_left(vocabulary, head)
            while i < len(vocabulary) and vocabulary[i].startswith(head):
                word = vocabulary[i]
                if stem(word) == key:
                    taken.add(word)
                    found.append((word, _WORD))
                i += 1
        if len(term) >= MIN_PREFIX:
            i = bisect.bisect_left(vocabulary, term)
            while i < len(vocabulary) and vocabulary[i].startswith(term):
                word = vocabulary[i]
                if word not in taken:
                    taken.add(word)
                    found.append((word, _PREFIX))
                i += 1
        if len(term) >= MIN_SUBSTRING:
            # a query word holds no newline, so each find lies in one word
            starts, find = self._starts, self._joined.find
            at = find(term)
            while at != -1:
                i = bisect.bisect_right(starts, at) - 1
                word = vocabulary[i]
                if word not in taken:
                    found.append((word, _SUBSTRING))
                at = find(term, starts[i] + len(word) + 1)
        return found

    def _term(self, term: str) -> dict[int, int]:
        """Return ``{record index: match value}`` for one query word.

        The dict is memoised and shared: callers must not change it.
        """
        best = self._terms.get(term)
        if best is not None:
            return best
        best = {}
        name_count = self._name_count
        for word, (name_points, other_points) in self._matching_words(term):
            name_value = name_points << _FIELD_BITS | _FIELD_MASK
            other_value = other_points << _FIELD_BITS | _FIELD_MASK
            for posting in self._postings[word]:
                index = posting >> _FIELD_BITS
                rank = posting & _FIELD_MASK
                value = (name_value if rank < name_count[index] else other_value) - rank
                if value > best.get(index, 0):
                    best[index] = value
        if len(self._terms) >= _MAX_TERMS:
            self._terms.clear()
        self._terms[term] = best
        return best

    def search(
        self,
        query: str,
        *,
        kinds: frozenset[str] | None = None,
        limit: int | None = None,
    ) -> tuple[SearchHit, ...]:
        """Return the records matching *query*, best first.

        Args:
            query: The words to look for.
            kinds: Only records of these kinds, or ``None`` for all.
            limit: At most this many hits (the best ones), or ``None``.

        Returns:
            The hits ordered by score (highest first), kind, then id.

        Raises:
            ValueError: If *query* has no words.
        """
        found = words(query)
        if not found:
            raise ValueError(f"search text {quote(query)} has no words to search for")
        phrase = " ".join(found)
        key = (phrase, kinds, limit)
        hits = self._results.get(key)
        if hits is None:
            terms = [word for word in found if word not in STOP_WORDS] or found
            hits = self._search(terms, phrase, kinds, limit)
            if len(self._results) >= _MAX_RESULTS:
                self._results.clear()
            self._results[key] = hits
        return hits

    def _search(
        self,
        found: list[str],
        phrase: str,
        kinds: frozenset[str] | None,
        limit: int | None,
    ) -> tuple[SearchHit, ...]:
        scored = [self._term(term) for term in dict.fromkeys(found)]
        totals: dict[int, int]
        if len(scored) == 1:
            totals = scored[0]  # shared: copied before any change below
        else:
            scored.sort(key=len)
            first, rest = scored[0], scored[1:]
            totals = {}
            for index, value in first.items():
                score = value >> _FIELD_BITS
                best = value
                for other in rest:
                    match = other.get(index)
                    if match is None:
                        break
                    score += match >> _FIELD_BITS
                    if match > best:
                        best = match
                else:
                    totals[index] = score << _FIELD_BITS | (best & _FIELD_MASK)
        if kinds is not None:
            record_kinds = self._kinds
            totals = {i: v for i, v in totals.items() if record_kinds[i] in kinds}
        exact = self._exact.get(phrase)
        if exact is not None:
            totals = dict(totals)
            for index, rank in exact.items():
                current = totals.get(index)
                if current is not None:
                    score = (current >> _FIELD_BITS) + EXACT_BONUS
                    totals[index] = score << _FIELD_BITS | (_FIELD_MASK - rank)
        return self._ranked(totals, limit)

    def _ranked(
        self, totals: dict[int, int], limit: int | None
    ) -> tuple[SearchHit, ...]:
        size = len(self._records)
        position = self._position
        # Sort on one integer per hit: the score (highest first) and the
        # position of (kind, id) in the index's fixed order.
        keys = [
            position[index] - (value >> _FIELD_BITS) * size
            for index, value in totals.items()
        ]
        if limit is not None and limit < len(keys):
            keys = heapq.nsmallest(limit, keys)
        else:
            keys.sort()
        entries = self._by_position
        new = _new_hit
        return tuple(
            [
                new(
                    SearchHit,
                    (
                        entry[0],
                        value >> _FIELD_BITS,
                        entry[1],
                        entry[2][_FIELD_MASK - (value & _FIELD_MASK)],
                    ),
                )
                for key in keys
                for entry in (entries[key % size],)
                for value in (totals[entry[3]],)
            ]
        )
