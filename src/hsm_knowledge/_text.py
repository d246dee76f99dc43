"""Text wrapped for a terminal: the command-line tool's and the overview's."""

from __future__ import annotations

import functools
import re
import textwrap

__all__ = ["REFERENCE", "URL", "is_reference", "wrap"]

#: A web address in running text (``HTTPS://`` too).
URL = re.compile(r"https?://\S+", re.IGNORECASE)

#: The form of a ``kind:id`` reference (``skill:leadership``); a word is one
#: when, without the punctuation around it, it has this form and its kind
#: is a known one (:func:`is_reference`).
REFERENCE = re.compile(r"[a-z][a-z-]*:[a-z0-9]+(?:-[a-z0-9]+)*")

# what may be written against a reference in running text
_AROUND = "()[]{}<>\"'.,;:!?"


@functools.cache
def _kinds() -> frozenset[str]:
    from ._knowledge import KINDS

    return frozenset({"occupation", *(kind.name for kind in KINDS)})


def is_reference(word: str) -> bool:
    """Tell whether *word* is a ``kind:id`` reference of a known kind.

    Punctuation written against it is allowed: ``(skill:leadership),``.
    """
    core = word.strip(_AROUND)
    return REFERENCE.fullmatch(core) is not None and core.partition(":")[0] in _kinds()


def wrap(
    text: str,
    width: int,
    first: str = "",
    rest: str | None = None,
) -> list[str]:
    """Wrap *text* to *width*, the first line after *first*, the rest after *rest*.

    A word longer than a line is cut, except a web address or a ``kind:id``
    reference: neither is ever cut, so that it can be copied and followed;
    one longer than a line stands alone on a line that is longer, with what
    is written against it (``(https://...),``). Words never break at
    hyphens, so ids in running text stay whole where they fit (the
    command-line tool writes an id or a reference on a line of its own).

    Returns:
        The lines, at least one (*first* alone for an empty text).
    """
    wrapper = _Wrapper(
        width=width,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [first.rstrip()]


class _Wrapper(textwrap.TextWrapper):
    """A :class:`textwrap.TextWrapper` that cuts no web address or reference."""

    def _handle_long_word(
        self,
        reversed_chunks: list[str],
        cur_line: list[str],
        cur_len: int,
        width: int,
    ) -> None:
        # Called with the next chunk (last in *reversed_chunks*) longer than
        # a line. Leaving it there ends the line; taking it into an empty
        # line puts it alone on that line, whole.
        # (an address may follow a bracket or a quote: "(https://...)")
        chunk = reversed_chunks[-1]
        if URL.search(chunk) or is_reference(chunk):
            if not cur_line:
                cur_line.append(reversed_chunks.pop())
            return
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
