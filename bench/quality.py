"""Measure speclint's judgement: precision and recall per rule family.

Run ``python bench/quality.py`` from the repository. Two evaluations are printed:

* **Corpus**: every sentence of ``../shared/corpus/dev.jsonl`` (or of each
  ``--corpus PATH``; give several paths to score several files in one run, each on
  its own, then all together, then one precision/recall table by file and family) is
  linted on its own as a ``.txt`` document. A sentence is *predicted* with family F
  when any sentence-level finding of family F is reported for it.
* **Fixtures**: every ``fixtures/quality/*.md`` specification is linted as a whole,
  and each numbered clause is compared with its sidecar ``*.labels.json`` (clause
  number → list of families; ``[]`` means clean). A finding on a clause that is not
  in the sidecar counts as a false positive.

Document-level findings (rules with ``absent_from_document = true``, such as VOI005
"no voice for people or staff anywhere", which has no clause or line) are excluded
from both sentence-level evaluations, and the output says so: they describe the
document, not a sentence, and a one-sentence "document" trivially has no voice in it.

Precision = TP / (TP + FP) and recall = TP / (TP + FN), counted over (unit, family)
pairs; "overall" is the micro-average over all eight families.

``--update-readme`` rewrites the block between ``<!-- accuracy:start -->`` and
``<!-- accuracy:end -->`` in README.md with the summary table (by file and family) and
the same block in docs/accuracy.md with every table; where the markers are missing it
prints a notice and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import speclint
from speclint.models import Finding
from speclint.rules import get_rule

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
FIXTURES = ROOT / "fixtures" / "quality"
README = ROOT / "README.md"
ACCURACY = ROOT / "docs" / "accuracy.md"
FAMILIES = ("PBR", "OVR", "RFL", "MFL", "OUT", "VOI", "CMP", "LOC")
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"


@dataclass
class Score:
    """True positives, false positives and false negatives for one family."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    """Scores per family plus the units that went wrong, for the report."""

    name: str
    units: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FAMILIES})
    errors: list[str] = field(default_factory=list)

    def add(self, unit: str, expected: Iterable[str], predicted: Iterable[str]) -> None:
        want, got = set(expected), set(predicted)
        self.units += 1
        for family in want | got:
            score = self.scores.setdefault(family, Score())
            if family in want and family in got:
                score.tp += 1
            elif family in got:
                score.fp += 1
            else:
                score.fn += 1
        if want != got:
            missed = ",".join(sorted(want - got)) or "-"
            extra = ",".join(sorted(got - want)) or "-"
            self.errors.append(f"missed {missed:<8} extra {extra:<8} {unit}")

    def overall(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total


def document_level(finding: Finding) -> bool:
    """True for a finding about the whole document rather than one clause or sentence."""
    rule = get_rule(finding.code)
    if rule is not None and rule.absent_from_document:
        return True
    return finding.location.line is None and finding.location.clause is None and not finding.excerpt


def families(findings: Iterable[Finding]) -> set[str]:
    """The families of the sentence-level findings."""
    return {f.family for f in findings if not document_level(f)}


def evaluate_corpus(path: Path) -> Evaluation:
    """Lint each labelled sentence on its own and compare families."""
    result = Evaluation(f"corpus {path.name}")
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        report = speclint.check_text(item["text"], "txt")
        found = [f for file in report.files for f in file.findings]
        text = item["text"] if len(item["text"]) <= 90 else item["text"][:89] + "…"
        result.add(text, item["labels"], families(found))
    return result


#: Sets written only to measure (``bench/fresh/README.md``): never pooled with the rest.
HELD_OUT = ("fresh", "heldout")
#: Held-out sets written in the voice of the dev corpora's own writers, whose held-back
#: half is the judges' measure: also pooled on their own.
DEV_STYLE = ("heldout7", "heldout8", "heldout9", "heldout10")


def evaluate_corpora(paths: Iterable[Path]) -> list[Evaluation]:
    """One evaluation per corpus file (missing files noted and skipped), then pooled.

    Files the rules were tuned on and held-out files are pooled apart, since a figure
    mixing the two would mean neither.
    """
    out: list[Evaluation] = []
    for path in paths:
        if path.exists():
            out.append(evaluate_corpus(path))
        else:
            print(f"notice: corpus {path} not found", file=sys.stderr)
    held = [e for e in out if Path(e.name.split()[-1]).name.startswith(HELD_OUT)]
    tuned = [e for e in out if e not in held]
    dev_style = [e for e in held if Path(e.name.split()[-1]).stem in DEV_STYLE]
    for group, kind in (
        (tuned, "tuned-on corpus files"),
        (held, "held-out corpus files"),
        (dev_style, "held-out files in the dev writers' style"),
    ):
        if len(group) > 1:
            out.append(_pooled(group, f"all {len(group)} {kind}"))
    return out


def _pooled(evaluations: list[Evaluation], name: str) -> Evaluation:
    """The evaluations counted together as one."""
    combined = Evaluation(name)
    for evaluation in evaluations:
        combined.units += evaluation.units
        for family, score in evaluation.scores.items():
            total = combined.scores.setdefault(family, Score())
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
    return combined


def summary(evaluations: list[Evaluation]) -> str:
    """Precision/recall per family (columns) for each corpus file (rows), in one table."""
    head = "| corpus | " + " | ".join(FAMILIES) + " | overall |"
    rows = [
        "**precision / recall by corpus file and family**",
        "",
        head,
        "|---|" + "---:|" * (len(FAMILIES) + 1),
    ]
    for e in evaluations:
        cells = [f"{e.scores[f].precision:.2f}/{e.scores[f].recall:.2f}" for f in FAMILIES]
        o = e.overall()
        cells.append(f"**{o.precision:.2f}/{o.recall:.2f}**")
        rows.append(f"| {e.name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _clause_key(clause: str | None, keys: Iterable[str]) -> str | None:
    if clause is None:
        return None
    for key in keys:
        if clause == key or clause.endswith(" " + key):
            return key
    return clause


def evaluate_fixtures(folder: Path) -> Evaluation:
    """Lint each labelled multi-clause fixture and compare families clause by clause."""
    result = Evaluation(f"fixtures {folder.name}/")
    for spec in sorted(folder.glob("*.md")):
        sidecar = spec.with_suffix(".labels.json")
        if not sidecar.exists():
            continue
        labels: dict[str, list[str]] = json.loads(sidecar.read_text("utf-8"))
        report = speclint.check_file(spec)
        predicted: dict[str, set[str]] = {}
        for finding in report.findings:
            if document_level(finding):
                continue
            key = _clause_key(finding.location.clause, labels) or "(unnumbered)"
            predicted.setdefault(key, set()).add(finding.family)
        for key in [*labels, *(k for k in predicted if k not in labels)]:
            result.add(f"{spec.name} clause {key}", labels.get(key, []), predicted.get(key, set()))
    return result


def table(evaluation: Evaluation) -> str:
    """A Markdown table of precision and recall per family and overall."""
    rows = [
        f"**{evaluation.name}** ({evaluation.units} units; document-level findings excluded)",
        "",
        "| family | TP | FP | FN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for family in FAMILIES:
        s = evaluation.scores[family]
        rows.append(f"| {family} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.2f} | {s.recall:.2f} |")
    s = evaluation.overall()
    rows.append(
        f"| **overall** | {s.tp} | {s.fp} | {s.fn} | **{s.precision:.2f}** | **{s.recall:.2f}** |"
    )
    return "\n".join(rows)


_FULL_TABLES = " Every set's table by family is in [`docs/accuracy.md`](docs/accuracy.md)."


def update_readme(text: str, readme: Path = README) -> bool:
    """Replace the accuracy block in ``readme``; False (with a notice) when markers are missing."""
    if not readme.exists():
        print(f"notice: {readme} does not exist; README not updated")
        return False
    content = readme.read_text("utf-8")
    start, end = content.find(START), content.find(END)
    if start < 0 or end < start:
        print(f"notice: {START} / {END} markers not found in {readme.name}; README not updated")
        return False
    new = content[: start + len(START)] + "\n" + text + "\n" + content[end:]
    if new != content:
        readme.write_text(new, "utf-8")
    print(f"updated the accuracy section of {readme.name}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        action="extend",
        help="labelled JSONL sentences (one or more files; default ../shared/corpus/dev.jsonl)",
    )
    parser.add_argument("--no-fixtures", action="store_true", help="score the corpus files only")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="labelled .md specs")
    parser.add_argument("--update-readme", action="store_true", help="rewrite README accuracy")
    parser.add_argument("--errors", action="store_true", help="list every misclassified unit")
    args = parser.parse_args(argv)

    evaluations = []
    corpora = [e for e in evaluate_corpora(args.corpus or [CORPUS])]
    evaluations.extend(corpora)
    if args.fixtures.is_dir() and not args.no_fixtures:
        evaluations.append(evaluate_fixtures(args.fixtures))
    blocks = [table(e) for e in evaluations]
    if len(corpora) > 1:
        blocks.append(summary(corpora))
    note = (
        "Sentence-level evaluation: a unit is predicted with family F when any finding of "
        "family F is reported for it. Document-level findings (no clause, e.g. VOI005) "
        "are excluded. Generated by `python bench/quality.py`."
    )
    text = "\n\n".join([*blocks, note])
    print(text)
    # README.md gets the table by file and family; docs/accuracy.md every table
    brief = "\n\n".join([blocks[-1], note + _FULL_TABLES]) if len(corpora) > 1 else text
    if args.errors:
        for evaluation in evaluations:
            print(f"\n{evaluation.name}: {len(evaluation.errors)} misclassified")
            for line in evaluation.errors:
                print("  " + line)
    if args.update_readme:
        update_readme(brief)
        update_readme(text, ACCURACY)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
