"""Build speclint's one optional C extension; everything else is in pyproject.toml.

``speclint.parsers._pdfium_chars`` reads a PDF page's characters several times faster
than the same loop in Python (:mod:`speclint.parsers.pdf_chars`). It is optional: where
no C compiler is found the package installs without it and reads PDFs in Python, with
the same results.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "speclint.parsers._pdfium_chars",
            ["speclint/parsers/_pdfium_chars.c"],
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        )
    ]
)
