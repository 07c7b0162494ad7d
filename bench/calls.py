"""How many calls one warm lint of realistic Markdown makes: a count the load does not move.

On a shared machine CPU seconds swing with the load, and callgrind, at a low priority,
may not finish at all. The number of Python function calls and calls into C (builtins
and methods of C types) that one lint makes is the same on a quiet machine and a busy
one, so it can tell two versions of the code apart in the same minutes: a change that
removes work removes calls. It is a proxy, not a time: a call into C may cost far more
than a Python one (a regular expression's search, a big integer's operation).

The specification is built from the labelled corpus sentences (:mod:`realistic`); the
lint runs ``--warm`` times to warm up (rules, grammars and caches load once per process),
then once counted with :func:`sys.setprofile`. One warm-up is not always enough: a long
alternation of regular expressions (:class:`speclint.lazy_re.Alternation`) is split into
its alternatives after its first 64 uses and each alternative is compiled when a text
first needs it, once per process; a lint that uses a pattern less often than the code
before it can push that work from the warm-up into the counted lint, and read dearer. The
default, three, leaves none of it in the counted lint on the bench's files (before the
fifteenth pass of issue 18 the bench warmed up once).

    python bench/calls.py [--words 40000] [--top 12] [--warm 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

from realistic import markdown_spec

import speclint
from speclint.config import Settings


def count_calls(path: Path, warm: int = 3) -> Counter[str]:
    """The calls one lint of ``path`` makes, by ``package/module.py`` (``<C>`` for C).

    ``warm`` lints run first, uncounted: rules, caches and patterns load once per process.
    """
    for _ in range(max(warm, 1)):
        speclint.check_file(path, Settings())
    calls: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            calls["/".join(frame.f_code.co_filename.split("/")[-2:])] += 1
        elif event == "c_call":
            calls["<C>"] += 1

    sys.setprofile(profile)
    try:
        speclint.check_file(path, Settings())
    finally:
        sys.setprofile(None)
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=40_000)
    parser.add_argument("--top", type=int, default=12, help="modules to list")
    parser.add_argument("--warm", type=int, default=3, help="uncounted lints first")
    args = parser.parse_args()
    text = markdown_spec(args.words)
    if text is None:
        print("skipped: no ../shared/corpus")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "realistic.md"
        path.write_text(text, encoding="utf-8")
        calls = count_calls(path, args.warm)
    python = sum(n for name, n in calls.items() if name != "<C>")
    print(
        f"Markdown, {len(text.split()):,} words: {python + calls['<C>']:,} calls "
        f"({python:,} Python, {calls['<C>']:,} C)"
    )
    for name, n in calls.most_common(args.top):
        print(f"  {n:>10,}  {name}")


if __name__ == "__main__":
    main()
