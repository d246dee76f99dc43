"""Text normalisation, tokenising, light stemming and ranked search.

Everything here works on any attrs record class: the text fields to index
are found from the class's field types, so a new record kind is searched
without changes to this module.

How text is compared:

* **Folding.** Text is decomposed (NFKD), accents and other combining marks
  are dropped and the result is case-folded, so ``"Sante"`` matches
  ``"Santé"`` and ``"CPHRM"`` matches ``"cphrm"``.
* **Words.** A word is a run of letters and digits; everything else
  separates words (``"long-term"`` is ``long`` and ``term``).
* **Light stemming.** Plurals (``-s``, ``-es``, ``-ies``), ``-ing``, ``-ed``
  and a final ``-e`` are removed, and a final doubled consonant other than
  ``l``, ``s`` or ``z`` is undoubled, so ``budget``, ``budgets`` and
  ``budgeting`` are one word, as are ``nurse`` and ``nursing``.

How search ranks (:meth:`SearchIndex.search`):

* Each query word matches a record's field as a **whole word** (same stem),
  as a **prefix** of a word, or as a **substring** of a word (three
  characters or more). Names, titles, abbreviations, aliases and ids are
  **name fields**; every other text field (summary, duties, focus, ...) is
  **other text**. Points per word, best match only:

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
from typing import Any

import attrs

__all__ = [
    "EXACT_BONUS",
    "SearchHit",
    "SearchIndex",
    "fold",
    "normalize",
    "stem",
    "text_fields",
    "words",
]

_WORD_RE = re.compile(r"[^\W_]+")

#: Fields that name a record; matches in them rank above other text.
NAME_FIELDS: tuple[str, ...] = ("name", "title", "abbreviation", "aliases", "id")

#: Text fields that are not prose: references, codes, links and legal text.
SKIPPED_FIELDS: frozenset[str] = frozenset(
    {
        "attributed_to",
        "attribution",
        "currency",
        "facility_types",
        "geography",
        "issuer",
        "license",
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
#: The shortest query word matched inside other words.
MIN_SUBSTRING = 3


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
        The runs of letters and digits of the folded text.

    Example:
        >>> words("Long-term care (LTC) facilities")
        ['long', 'term', 'care', 'ltc', 'facilities']
    """
    return _WORD_RE.findall(fold(text))


def normalize(text: str) -> str:
    """Return the folded words of *text* joined by single spaces.

    Two texts that differ only in case, accents, punctuation or spacing
    normalise to the same string; lookups compare these.

    Args:
        text: Any text.

    Returns:
        The normalised text (empty when *text* has no words).

    Example:
        >>> normalize("  Financial-Management ")
        'financial management'
    """
    return " ".join(words(text))


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


@attrs.frozen
class SearchHit:
    """One result of a search: a record, its score and where it matched.

    Attributes:
        record: The record found.
        score: Its score; higher is better. Scores compare only within one
            search.
        kind: The record's kind (``"skill"``).
        field: The field that matched best (``"name"``, ``"aliases"``,
            ``"summary"``, ...).
    """

    record: Any
    score: int
    kind: str
    field: str

    @property
    def ref(self) -> str:
        """The record's ``kind:id`` reference."""
        return f"{self.kind}:{self.record.id}"


# A posting is ``record_index << 8 | field_rank``.
_FIELD_BITS = 8
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_MAX_FIELDS = 1 << _FIELD_BITS  # text fields per record class


class SearchIndex:
    """A word index over records of any kinds, built once.

    Args:
        entries: ``(kind, record)`` pairs; every record has an ``id``.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]) -> None:
        self._records: list[Any] = []
        self._kinds: list[str] = []
        # per record: its class's text fields, and how many are name fields
        self._fields: list[tuple[str, ...]] = []
        self._name_count: list[int] = []
        postings: dict[str, list[int]] = {}
        exact: dict[str, list[int]] = {}
        for index, (kind, record) in enumerate(entries):
            fields = text_fields(type(record))
            if len(fields) > _MAX_FIELDS:  # pragma: no cover - 256 text fields
                raise ValueError(f"{type(record).__name__} has too many text fields")
            name_count = sum(1 for name in fields if name in NAME_FIELDS)
            self._records.append(record)
            self._kinds.append(kind)
            self._fields.append(fields)
            self._name_count.append(name_count)
            for rank, name in enumerate(fields):
                value = getattr(record, name)
                if value is None:
                    continue
                posting = index << _FIELD_BITS | rank
                texts = value if isinstance(value, tuple) else (value,)
                seen: set[str] = set()
                for text in texts:
                    found = words(text)
                    for word in found:
                        if word not in seen:
                            seen.add(word)
                            postings.setdefault(word, []).append(posting)
                    if rank < name_count and found:
                        key = " ".join(found)
                        bucket = exact.setdefault(key, [])
                        if not bucket or bucket[-1] >> _FIELD_BITS != index:
                            bucket.append(posting)
        self._postings = postings
        self._exact = exact
        self._vocabulary = sorted(postings)
        by_stem: dict[str, list[str]] = {}
        trigrams: dict[str, set[str]] = {}
        for word in self._vocabulary:
            by_stem.setdefault(stem(word), []).append(word)
            for i in range(len(word) - 2):
                trigrams.setdefault(word[i : i + 3], set()).add(word)
        self._by_stem = by_stem
        self._trigrams = trigrams
        order = sorted(
            range(len(self._records)),
            key=lambda i: (self._kinds[i], self._records[i].id),
        )
        self._order = order
        self._rank = [0] * len(order)
        for position, index in enumerate(order):
            self._rank[index] = position

    def __len__(self) -> int:
        return len(self._records)

    def _matching_words(self, term: str) -> list[tuple[str, tuple[int, int]]]:
        """Return the indexed words *term* matches, each with its points."""
        found: list[tuple[str, tuple[int, int]]] = []
        taken: set[str] = set()
        for word in self._by_stem.get(stem(term), ()):
            taken.add(word)
            found.append((word, WORD_POINTS))
        vocabulary = self._vocabulary
        i = bisect.bisect_left(vocabulary, term)
        while i < len(vocabulary) and vocabulary[i].startswith(term):
            word = vocabulary[i]
            if word not in taken:
                taken.add(word)
                found.append((word, PREFIX_POINTS))
            i += 1
        if len(term) >= MIN_SUBSTRING:
            candidates: set[str] | None = None
            for j in range(len(term) - 2):
                having = self._trigrams.get(term[j : j + 3])
                if not having:
                    candidates = set()
                    break
                candidates = set(having) if candidates is None else candidates & having
            for word in sorted(candidates or ()):
                if word not in taken and term in word:
                    found.append((word, SUBSTRING_POINTS))
        return found

    def _term_scores(
        self, term: str, kinds: frozenset[str] | None
    ) -> dict[int, tuple[int, int]]:
        """Return ``{record index: (points, -field rank)}`` for one word."""
        best: dict[int, tuple[int, int]] = {}
        name_count = self._name_count
        record_kinds = self._kinds
        for word, (name_points, other_points) in self._matching_words(term):
            for posting in self._postings[word]:
                index = posting >> _FIELD_BITS
                if kinds is not None and record_kinds[index] not in kinds:
                    continue
                rank = posting & _FIELD_MASK
                points = name_points if rank < name_count[index] else other_points
                value = (points, -rank)
                old = best.get(index)
                if old is None or value > old:
                    best[index] = value
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
            raise ValueError(f"search text {query!r} has no words to search for")
        terms = list(dict.fromkeys(found))
        per_term = [self._term_scores(term, kinds) for term in terms]
        per_term.sort(key=len)
        first, rest = per_term[0], per_term[1:]
        totals: dict[int, list[int]] = {}
        for index, (points, neg_rank) in first.items():
            score = points
            best = (points, neg_rank)
            for other in rest:
                match = other.get(index)
                if match is None:
                    break
                score += match[0]
                best = max(best, match)
            else:
                totals[index] = [score, -best[1]]
        for posting in self._exact.get(" ".join(found), ()):
            total = totals.get(posting >> _FIELD_BITS)
            if total is not None:
                total[0] += EXACT_BONUS
                total[1] = posting & _FIELD_MASK
        return self._hits(totals, limit)

    def _hits(
        self, totals: dict[int, list[int]], limit: int | None
    ) -> tuple[SearchHit, ...]:
        size = len(self._records)
        rank = self._rank
        keys = [rank[index] - score * size for index, (score, _) in totals.items()]
        if limit is not None and limit < len(keys):
            keys = heapq.nsmallest(limit, keys)
        else:
            keys.sort()
        order = self._order
        records, kinds, fields = self._records, self._kinds, self._fields
        hits = []
        for key in keys:
            position = key % size
            index = order[position]
            score, field_rank = totals[index]
            hit = SearchHit(
                records[index], score, kinds[index], fields[index][field_rank]
            )
            hits.append(hit)
        return tuple(hits)
