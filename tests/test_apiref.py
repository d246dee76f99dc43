"""The API reference shows public names, never the private module paths.

The Sphinx extension ``docs/_ext/hsm_apiref.py`` rewrites what autodoc
takes from ``__module__``; these tests call its handlers directly, without
a Sphinx build.
"""

from __future__ import annotations

import traceback

import pytest

import hsm_knowledge

pytest.importorskip("sphinx")


import hsm_apiref
from docutils import nodes


def test_a_class_default_in_a_signature_is_shown_by_its_public_name() -> None:
    signature = (
        "(name, attr, class_name, "
        "collection=<class 'hsm_knowledge._knowledge.Collection'>)"
    )
    assert hsm_apiref._public_signature(
        None,
        "class",
        "hsm_knowledge.Kind",
        hsm_knowledge.Kind,
        None,
        signature,
        None,
    ) == ("(name, attr, class_name, collection=Collection)", None)


def test_a_signature_without_our_classes_is_left_alone() -> None:
    assert (
        hsm_apiref._public_signature(
            None,
            "function",
            "hsm_knowledge.load",
            hsm_knowledge.load,
            None,
            "(path=None, *, extend=False)",
            "KnowledgeBase",
        )
        is None
    )


def test_a_links_hover_text_names_the_public_object() -> None:
    document = nodes.document(None, None)
    titles = [
        "hsm_knowledge._model._base.Record",  # an alias autodoc registers
        "hsm_knowledge._knowledge.KnowledgeBase",
        "hsm_knowledge.Skill",  # already public
        "decimal.Decimal",  # not ours
    ]
    for title in titles:
        document += nodes.reference("", "", reftitle=title)
    hsm_apiref._public_titles(None, document, "reference/records")
    assert [node["reftitle"] for node in document.findall(nodes.reference)] == [
        "hsm_knowledge.Record",
        "hsm_knowledge.KnowledgeBase",
        "hsm_knowledge.Skill",
        "decimal.Decimal",
    ]


def test_errors_are_shown_by_the_path_users_import_them_from() -> None:
    with pytest.raises(hsm_knowledge.DataError) as info:
        hsm_knowledge.loads(b'{"meta": 1}')
    shown = traceback.format_exception_only(info.value)[0]
    assert shown.startswith("hsm_knowledge.DataError: invalid dataset")
    assert repr(info.value.problems[0]).startswith("Problem(path=")
    assert hsm_knowledge.Problem.__module__ == "hsm_knowledge"
