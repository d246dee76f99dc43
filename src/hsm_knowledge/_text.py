"""Text wrapped for a terminal: the command-line tool's and the overview's."""

from __future__ import annotations

import re
import textwrap

__all__ = ["REFERENCE", "URL", "wrap"]

#: A web address in running text (``HTTPS://`` too).
URL = re.compile(r"https?://\S+", re.IGNORECASE)

#: A ``kind:id`` reference in running text (``skill:leadership``).
REFERENCE = re.compile(r"\b[a-z][a-z_-]*:[a-z0-9]+(?:-[a-z0-9]+)*\b")


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
    is written against it (``(https://...),``). Words never break at hyphens, so ids in
    running text stay whole where they fit (the command-line tool writes an
    id or a reference on a line of its own, never cut).

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
        if URL.search(chunk) or REFERENCE.search(chunk):
            if not cur_line:
                cur_line.append(reversed_chunks.pop())
            return
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
