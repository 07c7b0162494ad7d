"""Measure speclint on real published documents: structure and findings.

Run ``python bench/real.py`` from the repository. It reads every document in
``../shared/corpus/real/`` (or ``--corpus DIR``) and its ``judgements.jsonl``, a
careful reader's verdict on findings (TP or FP) and the clauses a linter should have
flagged (MISS). For each document it prints:

* **units**: how many units the rules read, and the longest in words (a unit is one
  clause as its author wrote it, so this should be the length of a long real clause,
  not thousands of words);
* **garbage**: units whose text still carries symbol-font debris ("ü", "(cid:127)");
* **findings** as reported, and **places**: the findings counted one per place, a
  finding that folds the rows of a table or the items of a list (``group-repeats``)
  counting each of them, as they were reported before folding;
* how many of the places the judgements cover, as TP and FP;
* **precision** over the judged findings, and how many of the reader's MISS clauses
  are now found.

A finding is matched to a judgement by file, rule code (or family, for a MISS) and
the words of the quoted sentence, not by its position: positions move as the parser
improves. Each place a finding folds in is matched on its own code and words, so a
judgement of a row that is now folded into the table's finding still counts. Places
that no judgement covers are listed with ``--unjudged`` for a person to judge; they
are counted in neither precision nor recall.

The documents stay in ``../shared``: the script skips (exit 0) when they are absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from speclint.api import check_document, outline_document
from speclint.engine.grouping import unfolded
from speclint.errors import InputError
from speclint.models import Finding, OutlineUnit
from speclint.parsers import parse_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
_GARBAGE = re.compile(r"\(cid:\d+\)|[\uf000-\uf0ff]|(?:^|\s)[ünØ§](?=\s)")
_WORD = re.compile(r"[a-z0-9£%]+")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, punctuation and spacing aside."""
    return _WORD.findall(text.lower())


def same_sentence(quote: str, excerpt: str) -> bool:
    """True when a judgement's quote and a finding's excerpt are the same sentence.

    Either may be cut short (an excerpt ends in '…'; a quote may be a part), so the
    first eight words of the shorter must appear in the longer.
    """
    a, b = words(quote), words(excerpt.rstrip("…"))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    head = " ".join(short[:8])
    return bool(head) and head in " ".join(long)


@dataclass
class Judgement:
    """One line of ``judgements.jsonl``."""

    file: str
    code: str
    verdict: str
    quote: str
    matched: bool = False

    def covers(self, finding: Finding) -> bool:
        """True when this judgement is about ``finding``."""
        code_ok = self.code in (finding.family, *finding.codes)
        return code_ok and same_sentence(self.quote, finding.excerpt)


@dataclass
class DocumentFigures:
    """What :func:`measure` finds for one document."""

    name: str
    units: int = 0
    longest: int = 0
    garbage: int = 0
    findings: int = 0
    places: int = 0
    tp: int = 0
    fp: int = 0
    misses: int = 0
    misses_found: int = 0
    unjudged: list[Finding] = field(default_factory=list)
    error: str | None = None


def load_judgements(corpus: Path) -> list[Judgement]:
    """Every judgement in ``corpus/judgements.jsonl`` (none when the file is missing)."""
    path = corpus / "judgements.jsonl"
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(Judgement(row["file"], row["code"], row["verdict"], row["quote"]))
    return out


def garbage_units(units: Iterable[OutlineUnit]) -> int:
    """How many units still carry symbol-font debris."""
    return sum(1 for u in units if _GARBAGE.search(u.text))


def measure(path: Path, judgements: list[Judgement]) -> DocumentFigures:
    """Outline and lint one document and score its findings against the judgements."""
    figures = DocumentFigures(path.name)
    try:
        document = parse_path(path)
    except InputError as exc:
        figures.error = exc.cause
        return figures
    units = outline_document(document).units
    figures.units = len(units)
    figures.longest = max((u.words for u in units), default=0)
    figures.garbage = garbage_units(units)
    reported = check_document(document).findings
    figures.findings = len(reported)
    findings = [place for finding in reported for place in unfolded(finding)]
    figures.places = len(findings)
    mine = [j for j in judgements if j.file == path.name]
    for finding in findings:
        verdicts = [j for j in mine if j.verdict in ("TP", "FP") and j.covers(finding)]
        for j in verdicts:
            j.matched = True
        if not verdicts:
            figures.unjudged.append(finding)
        elif verdicts[0].verdict == "TP":
            figures.tp += 1
        else:
            figures.fp += 1
    for miss in (j for j in mine if j.verdict == "MISS"):
        figures.misses += 1
        if any(miss.covers(f) for f in findings):
            figures.misses_found += 1
    return figures


def ratio(num: int, den: int) -> str:
    """``num/den`` as a two-place fraction, or a dash when there is nothing to divide."""
    return f"{num / den:.2f}" if den else "–"


def main(argv: list[str] | None = None) -> int:
    """Print the table; ``--unjudged`` lists findings no judgement covers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real documents")
    parser.add_argument("--unjudged", action="store_true", help="list unjudged findings")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is not here")
        return 0
    judgements = load_judgements(args.corpus)
    documents = sorted(
        p
        for p in args.corpus.iterdir()
        if p.suffix.lower() in (".pdf", ".docx", ".md", ".txt") and p.stem.upper() != p.stem
    )  # SOURCES.md and README.md describe the corpus; they are not documents of it
    rows = [measure(p, judgements) for p in documents]
    print(
        "| document | units | longest unit (words) | symbol debris | findings | places "
        "| TP | FP | unjudged | precision | misses found |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r.error:
            print(f"| {r.name} | error: {r.error} |")
            continue
        print(
            f"| {r.name} | {r.units} | {r.longest} | {r.garbage} | {r.findings} | {r.places} "
            f"| {r.tp} "
            f"| {r.fp} | {len(r.unjudged)} | {ratio(r.tp, r.tp + r.fp)} "
            f"| {r.misses_found}/{r.misses} |"
        )
    tp, fp = sum(r.tp for r in rows), sum(r.fp for r in rows)
    misses, found = sum(r.misses for r in rows), sum(r.misses_found for r in rows)
    unjudged = sum(len(r.unjudged) for r in rows)
    print(
        f"| **all** | {sum(r.units for r in rows)} | {max((r.longest for r in rows), default=0)} "
        f"| {sum(r.garbage for r in rows)} | {sum(r.findings for r in rows)} "
        f"| {sum(r.places for r in rows)} | {tp} | {fp} "
        f"| {unjudged} | **{ratio(tp, tp + fp)}** | {found}/{misses} |"
    )
    gone = [j for j in judgements if j.verdict == "FP" and not j.matched]
    print(
        f"\nJudged false positives no longer reported: {len(gone)} of "
        f"{sum(1 for j in judgements if j.verdict == 'FP')}."
    )
    if args.unjudged:
        print("\nFindings no judgement covers (for a person to judge):")
        for r in rows:
            for f in r.unjudged:
                where = f.location.page and f"page {f.location.page}, line {f.location.line}"
                print(f"- {r.name} {where or f'line {f.location.line}'} {f.code}: {f.excerpt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
