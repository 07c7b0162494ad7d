"""Build speclint's two optional C extensions; everything else is in pyproject.toml.

``speclint.parsers._pdfium_chars`` reads a PDF page's characters several times faster
than the same loop in Python (:mod:`speclint.parsers.pdf_chars`), and
``speclint._scan`` tokenises a unit's text (the loop of
:func:`speclint.query.analysis._tokenise_python`) and screens text for substrings
(:class:`speclint.substrings.Screen`). Both are optional: where no C
compiler is found the package installs without them and runs the Python loops, with
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
        ),
        Extension(
            "speclint._scan",
            ["speclint/_scan.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
    ]
)
