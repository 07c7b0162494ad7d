"""Reports written file by file as the files are linted, in every format, the same bytes.

A run over thousands of files must not hold every report. Each format is split in two
here:

- :func:`piece` turns one file's report into what the format prints for it, plus the
  counts the end of the report needs. It runs in the worker process that linted the
  file (so rendering is shared out too) and gives a small picklable :class:`Piece`.
- A :class:`Writer` takes the pieces in report order and writes each as it comes,
  then what follows them (the errors, the documents not read, the summary).

The output is byte for byte what the format's ``render`` gives for the whole report.
Text, JSON and GitHub are written as the pieces come. SARIF lists the rules and the
files that could not be read before its results, so its results wait in a temporary
file until the run ends. The Markdown summary keeps only the finding rows that can
fit in it; the HTML page groups findings by principle, so it keeps each finding as
rendered text (never a report object) until the end.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from speclint.models import FileError, FileReport, Report, Severity, SkippedFile

if TYPE_CHECKING:
    from speclint.baseline import Baseline
    from speclint.registry import RuleRegistry

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class Options:
    """How a run's report is written: its format and what the command line asked for.

    ``baseline`` leaves out the findings it knows (applied to each file where it is
    linted); ``fail_on`` judges each file as :meth:`FileReport.fails` does.
    """

    fmt: str
    color: bool = False
    quiet: bool = False
    fail_on: str | None = None
    baseline: Baseline | None = None


class Piece(NamedTuple):
    """One file's share of the report: its text in the format, and its counts."""

    path: str
    counts: tuple[int, int, int]  # errors, warnings, info
    fails: bool
    baselined: int
    body: Any


def piece(options: Options, report: FileReport) -> Piece:
    """What the report in ``options.fmt`` says of ``report``'s file (run in its worker)."""
    hidden = 0
    if options.baseline is not None:
        kept = options.baseline.filter(Report(files=(report,)))
        report, hidden = kept.files[0], kept.baselined
    found = Counter(f.severity for f in report.findings)
    return Piece(
        report.path,
        (found[Severity.ERROR], found[Severity.WARNING], found[Severity.INFO]),
        report.fails(options.fail_on),
        hidden,
        _BODIES[options.fmt](report, options),
    )


def _json_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.json import report_dict

    entry = report_dict(Report(files=(report,)))["files"][0]
    return _indented(json.dumps(entry, indent=2, ensure_ascii=False), 4)


def _text_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.text import finding_lines

    lines = finding_lines(report.findings, color=options.color, quiet=options.quiet)
    return "".join(line + "\n" for line in lines)


def _github_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.github import annotation

    return "".join(annotation(f, report, quiet=options.quiet) + "\n" for f in report.findings)


#: In a SARIF result whose rule is not a built-in one, where its ``ruleIndex`` goes
#: until the run's rules are known (JSON escapes the NUL, so no text can forge it).
_UNKNOWN_INDEX = "\0speclint-rule:"
#: How deep SARIF results are indented: ``runs`` > the run > ``results`` > a result.
_SARIF_DEPTH = 8


@lru_cache(maxsize=1)
def _rule_index() -> dict[str, int]:
    from speclint.registry import builtin_registry

    return {rule.code: i for i, rule in enumerate(builtin_registry().rules)}


def _sarif_body(report: FileReport, options: Options) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The file's SARIF results, and a descriptor for each code that is not a built-in rule.

    Occurrences are counted within the file, as :func:`~speclint.formatters.sarif.occurrences`
    counts them within the report (its key holds the file's path).
    """
    from speclint.formatters import sarif

    index = _rule_index()
    titles = _titles()
    results = []
    unknown: dict[str, str] = {}
    for finding, file, n in sarif.occurrences(Report(files=(report,))):
        code = finding.code
        if code in index:
            found = sarif.result(finding, file, index[code], n)
        else:
            found = sarif.result(finding, file, 0, n)
            found["ruleIndex"] = _UNKNOWN_INDEX + code
            unknown.setdefault(code, json.dumps(sarif.unknown_rule(finding, titles)))
        results.append(_indented(json.dumps(found, indent=2, ensure_ascii=False), _SARIF_DEPTH))
    return ",\n".join(results), tuple(unknown.items())


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    from speclint.registry import builtin_registry

    return builtin_registry().titles


def _markdown_body(report: FileReport, options: Options) -> tuple[Any, ...]:
    """The file's finding rows, and its findings by family and severity."""
    from speclint.formatters.markdown import file_rows

    by_family = Counter((f.family, f.severity.value) for f in report.findings)
    return tuple(file_rows(report)), tuple(by_family.items())


def _html_body(report: FileReport, options: Options) -> tuple[Any, ...]:
    from speclint.formatters.html import file_parts

    return file_parts(report)


_BODIES: dict[str, Callable[[FileReport, Options], Any]] = {
    "json": _json_body,
    "text": _text_body,
    "github": _github_body,
    "sarif": _sarif_body,
    "markdown": _markdown_body,
    "html": _html_body,
}


def _indented(text: str, depth: int) -> str:
    """``text`` with ``depth`` spaces before every line."""
    prefix = " " * depth
    return "\n".join(prefix + line for line in text.split("\n"))


class Writer:
    """Puts pieces together in report order and writes them to ``write`` as they come.

    Call :meth:`add` with each file's piece, then :meth:`finish` once with the files
    that could not be read and the documents not read. :attr:`files`,
    :attr:`findings` and :attr:`fails` say what was written.
    """

    def __init__(
        self,
        write: Callable[[str], object],
        options: Options,
        registry: Callable[[], RuleRegistry] | None = None,
    ) -> None:
        """Write with ``write``; ``registry`` gives the rules (the built-in ones by default)."""
        self.write = write
        self.options = options
        self._registry = registry
        self.files = 0
        self.counts: Counter[Severity] = Counter()
        self.baselined = 0
        self.fails = False
        self.start()

    @property
    def findings(self) -> int:
        """How many findings the pieces written so far hold."""
        return sum(self.counts.values())

    def registry(self) -> RuleRegistry:
        """The rules the report describes."""
        if self._registry is not None:
            return self._registry()
        from speclint.registry import builtin_registry

        return builtin_registry()

    def start(self) -> None:
        """Write what comes before the first file."""

    def add(self, part: Piece) -> None:
        """Take one file's piece (in report order)."""
        self.files += 1
        for severity, n in zip(_SEVERITIES, part.counts, strict=True):
            if n:
                self.counts[severity] += n
        self.baselined += part.baselined
        self.fails = self.fails or part.fails
        self.take(part)

    def take(self, part: Piece) -> None:
        """Write (or keep) the format's own text for one file."""

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        """Write what comes after the last file."""

    def rest(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> Report:
        """A report of everything but the files: errors, documents not read, baselined."""
        return Report(errors=tuple(errors), skipped=tuple(skipped), baselined=self.baselined)


class _Json(Writer):
    def start(self) -> None:
        from speclint.formatters.json import report_dict

        head = json.dumps(report_dict(Report()), indent=2, ensure_ascii=False)
        self.write(head.partition('"files": []')[0] + '"files": [')

    def take(self, part: Piece) -> None:
        self.write(("\n" if self.files == 1 else ",\n") + part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters.json import report_dict

        rest = report_dict(self.rest(errors, skipped))
        rest["summary"]["files"] += self.files
        rest["summary"]["findings"] = self.findings
        tail = json.dumps(rest, indent=2, ensure_ascii=False).partition('"files": []')[2]
        self.write(("\n  ]" if self.files else "]") + tail + "\n")


class _Text(Writer):
    def take(self, part: Piece) -> None:
        if part.body:
            self.write(part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters.text import skipped_lines, summary_text

        if self.options.quiet:
            return
        lines = [""] if self.findings else []
        if skipped:
            lines += [*skipped_lines(Report(skipped=tuple(skipped))), ""]
        lines.append(summary_text(self.files, self.counts, len(skipped), errors, self.baselined))
        self.write("".join(line + "\n" for line in lines))


class _GitHub(Writer):
    def take(self, part: Piece) -> None:
        if part.body:
            self.write(part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters.github import error_annotation, skipped_annotation

        lines = [error_annotation(e) for e in errors]
        lines += [skipped_annotation(s) for s in skipped]
        self.write("".join(line + "\n" for line in lines))


class _Sarif(Writer):
    """SARIF: results wait in a temporary file, since the rules and errors come first."""

    def start(self) -> None:
        # Closed by finish; a run that stops early leaves it to the collector.
        self.spool: IO[str]
        try:
            self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError:
            self.spool = io.StringIO()  # no writable temporary folder: held in memory
        self.unknown: dict[str, str] = {}
        self.results = False

    def take(self, part: Piece) -> None:
        text, unknown = part.body
        for code, descriptor in unknown:
            self.unknown.setdefault(code, descriptor)
        if text:
            self.spool.write((",\n" if self.results else "") + text)
            self.results = True

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters import sarif

        registry = self.registry()
        log = sarif.sarif_log(self.rest(errors, skipped), registry)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        index: dict[str, str] = {}
        for code in sorted(self.unknown):
            index[json.dumps(_UNKNOWN_INDEX + code)] = str(len(rules))
            rules.append(json.loads(self.unknown[code]))
        head, _, tail = json.dumps(log, indent=2, ensure_ascii=False).partition('"results": []')
        self.write(head + '"results": [')
        if self.results:
            self.write("\n")
            self.spool.seek(0)
            for line in self.spool:
                for token, number in index.items():
                    line = line.replace(token, number)
                self.write(line)
            self.write("\n" + " " * (_SARIF_DEPTH - 2) + "]")
        else:
            self.write("]")
        self.spool.close()
        self.write(tail + "\n")


class _Markdown(Writer):
    """Markdown: only the finding rows that can fit in the summary are kept."""

    def start(self) -> None:
        self.rows: list[str] = []
        self.room = 0
        self.count = 0
        self.by_family: dict[str, Counter[Severity]] = {}

    def take(self, part: Piece) -> None:
        from speclint.formatters.markdown import LIMIT

        rows, by_family = part.body
        for (family, severity), n in by_family:
            self.by_family.setdefault(family, Counter())[Severity(severity)] += n
        self.count += len(rows)
        for row in rows:
            self.room += len(row) + 1
            if self.room > LIMIT:
                break
            self.rows.append(row)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters import markdown

        rest = self.rest(errors, skipped)
        totals = markdown.totals_text(
            self.files, self.counts, len(errors), len(skipped), self.baselined
        )
        head = ["## speclint report", "", totals, ""]
        if self.findings:
            table = markdown.family_table_of(self.by_family, self.registry())
            head += ["### Findings by family", "", *table, ""]
        sections = markdown.error_section(rest) + markdown.skipped_section(rest)
        self.write(markdown.assemble(head, self.rows, self.count, sections))


class _Html(Writer):
    """HTML: findings are grouped by principle, so each is kept, rendered, until the end."""

    def start(self) -> None:
        self.rows: list[Any] = []
        self.items: list[Any] = []

    def take(self, part: Piece) -> None:
        row, items = part.body
        self.rows.append(row)
        self.items.extend(items)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters.html import page_of_parts

        self.write(page_of_parts(self.rest(errors, skipped), self.rows, self.items))


_WRITERS: dict[str, type[Writer]] = {
    "json": _Json,
    "text": _Text,
    "github": _GitHub,
    "sarif": _Sarif,
    "markdown": _Markdown,
    "html": _Html,
}


def writer(
    write: Callable[[str], object],
    options: Options,
    registry: Callable[[], RuleRegistry] | None = None,
) -> Writer:
    """The :class:`Writer` for ``options.fmt``, writing with ``write``."""
    return _WRITERS[options.fmt](write, options, registry)
