"""Sphinx extension: render the command line's ``--help`` into the docs.

The directive ``cli-help`` takes an optional command name and inserts, as a
literal block, exactly what ``hsm-knowledge [COMMAND] --help`` prints in an
80-column terminal (from :func:`hsm_knowledge.cli.help_text`). The CLI page
uses it for the tool and for every command, so the page is regenerated from
the parser on every build and cannot drift from ``--help``; the test suite
checks that the page has a ``cli-help`` block for every command.

In MyST::

    ```{cli-help} list
    ```
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

#: The terminal width the help is rendered for.
COLUMNS = 80


class CliHelp(SphinxDirective):
    """Insert the ``--help`` text of ``hsm-knowledge`` or of one command."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from hsm_knowledge.cli import PROG, help_text

        command = self.arguments[0] if self.arguments else None
        try:
            text = help_text(command, columns=COLUMNS)
        except KeyError as exc:
            raise self.error(str(exc.args[0])) from None
        shell = f"$ {PROG}{'' if command is None else ' ' + command} --help\n"
        block = nodes.literal_block(shell + text, shell + text)
        block["language"] = "console"
        self.set_source_info(block)
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``cli-help`` directive."""
    app.add_directive("cli-help", CliHelp)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
