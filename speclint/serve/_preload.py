"""Imported once by the workers' fork server: everything a worker needs, loaded up front.

Importing this module imports the parsers, the engine and the annotator and loads the
rule packs, so each worker forked afterwards starts ready to lint (sharing that memory
with its siblings) instead of paying a second or more on its first file.
"""

from __future__ import annotations

import importlib

from speclint.rules import all_rules

for _module in (
    "speclint.annotate",
    "speclint.engine",
    "speclint.parsers.docx",
    "speclint.parsers.markdown",
    "speclint.parsers.pdf",
    "speclint.parsers.text",
    "speclint.serve.tasks",
):
    importlib.import_module(_module)
all_rules()
