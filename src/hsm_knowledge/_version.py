"""The package version and the version of the packaged data."""

from __future__ import annotations

#: The version of the ``hsm-knowledge`` package.
__version__ = "0.1.0.dev0"

#: The version of the packaged dataset (``kb.meta.dataset_version``), which
#: changes independently of the code, like tzdata's ``IANA_VERSION``.
DATA_VERSION = "2026.2"
