"""Write every finding speclint reports on the corpora and fixtures, one JSON line each.

Run ``python scripts/snapshot_findings.py OUT.jsonl`` before and after a change that
must not change findings (a refactor, a speed-up), then ``diff`` the two files: an
empty diff is the evidence. Inputs:

* every sentence of ``../shared/corpus/*.jsonl``, linted on its own as ``.txt``;
* every document in ``../shared/corpus/real/`` (skipped when absent);
* every fixture under ``fixtures/`` that parses.

Each line holds the source, the rule code, the location as the JSON report writes it,
the excerpt and the message, so a changed clause number or line shows up too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from speclint.api import check_paths, check_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def _lines(source: str, report: dict) -> list[str]:
    """One sorted JSON line per finding in ``report`` (as ``Report.model_dump``)."""
    out = []
    for file in report["files"]:
        for finding in file["findings"]:
            row = {
                "source": source,
                "code": finding["code"],
                "location": finding.get("location"),
                "excerpt": finding.get("excerpt"),
                "message": finding.get("message"),
            }
            out.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
    for error in report["errors"]:
        out.append(json.dumps({"source": source, "error": error["message"]}))
    return sorted(out)


def main(argv: list[str]) -> int:
    """Write the snapshot to the file ``argv`` names (or stdout)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="the JSON-lines file to write (default: stdout)")
    out = parser.parse_args(argv).out
    lines: list[str] = []
    for corpus in sorted(SHARED.glob("*.jsonl")):
        for number, raw in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            text = json.loads(raw)["text"]
            report = check_text(text, "txt").model_dump(mode="json")
            lines += _lines(f"{corpus.name}:{number}", report)
    documents = sorted((SHARED / "real").glob("*.*")) if (SHARED / "real").is_dir() else []
    documents = [d for d in documents if d.suffix in {".pdf", ".docx", ".md", ".txt"}]
    fixtures = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.is_file())
    fixtures = [p for p in fixtures if p.suffix in {".pdf", ".docx", ".md", ".txt"}]
    for path in [*documents, *fixtures]:
        report = check_paths([path]).model_dump(mode="json")
        name = str(path.relative_to(ROOT.parent))
        lines += _lines(name, report)
    text = "\n".join(lines) + "\n"
    if out:
        Path(out).write_text(text, encoding="utf-8")
        print(f"{len(lines)} lines written to {out}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
