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

import contextlib
import io
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the parent of a run writes JSON without loading pydantic
    from speclint.baseline import Baseline
    from speclint.errors import SpeclintError
    from speclint.models import FileError, FileReport, Severity, SkippedFile
    from speclint.registry import RuleRegistry

_SEVERITIES = ("error", "warning", "info")


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
    stale: tuple[tuple[str, str, str], ...] = ()  # baseline entries this file no longer matches


def piece(options: Options, report: FileReport) -> Piece:
    """What the report in ``options.fmt`` says of ``report``'s file (run in its worker)."""
    from speclint.models import Report

    hidden = 0
    stale: tuple[tuple[str, str, str], ...] = ()
    if options.baseline is not None:
        stale = options.baseline.unmatched(report)
        kept = options.baseline.filter(Report(files=(report,)))
        report, hidden = kept.files[0], kept.baselined
    found = Counter(f.severity.value for f in report.findings)
    return Piece(
        report.path,
        (found["error"], found["warning"], found["info"]),
        report.fails(options.fail_on),
        hidden,
        _BODIES[options.fmt](report, options),
        stale,
    )


def _json_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.json import file_entry, report_dict
    from speclint.models import Report

    return file_entry(report_dict(Report(files=(report,)))["files"][0])


def _text_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.text import finding_lines

    lines = finding_lines(report.findings, color=options.color, quiet=options.quiet)
    return "".join(line + "\n" for line in lines)


def _github_body(report: FileReport, options: Options) -> str:
    from speclint.formatters.github import place_annotations

    return "".join(
        line + "\n"
        for f in report.findings
        for line in place_annotations(f, report, quiet=options.quiet)
    )


#: In a SARIF result, where its ``ruleIndex`` goes until the writer, which knows the
#: run's rules, numbers it (JSON escapes the NUL, so no text can forge it).
_RULE_INDEX = "\0speclint-rule:"
_RULE_TOKEN = re.compile(r'"\\u0000speclint-rule:([^"\\]*)"')


def _sarif_body(report: FileReport, options: Options) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The file's SARIF results, and a descriptor of each code, from its first finding.

    Rules are numbered by the :class:`Writer` from its registry, and a code its registry
    does not hold is described by the descriptor (tagged there too). Occurrences are
    counted within the file, as :func:`~speclint.formatters.sarif.occurrences` counts
    them within the report (its key holds the file's path).
    """
    from speclint.formatters import sarif
    from speclint.models import Report

    results = []
    described: dict[str, str] = {}
    for finding, file, n in sarif.occurrences(Report(files=(report,))):
        found = sarif.result(finding, file, 0, n)
        found["ruleIndex"] = _RULE_INDEX + finding.code
        if finding.code not in described:
            described[finding.code] = json.dumps(sarif.unknown_rule(finding, {}))
        results.append(sarif.result_text(found))
    return ",\n".join(results), tuple(described.items())


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


class Writer:
    """Puts pieces together in report order and writes them to ``write`` as they come.

    Call :meth:`add` with each file's piece, then :meth:`finish` once with the files
    that could not be read and the documents not read (anything with ``path`` and
    ``message``, and ``path`` and ``reason``). :attr:`files`, :attr:`findings` and
    :attr:`fails` say what was written.
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
        self.by_severity = [0, 0, 0]  # errors, warnings, info
        self.baselined = 0
        self.fails = False
        self.start()

    @property
    def findings(self) -> int:
        """How many findings the pieces written so far hold."""
        return sum(self.by_severity)

    @property
    def counts(self) -> Counter[Severity]:
        """The findings written so far by severity."""
        from speclint.models import Severity

        return Counter(
            {Severity(s): n for s, n in zip(_SEVERITIES, self.by_severity, strict=True) if n}
        )

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
        for i, n in enumerate(part.counts):
            self.by_severity[i] += n
        self.baselined += part.baselined
        self.fails = self.fails or part.fails
        self.take(part)

    def take(self, part: Piece) -> None:
        """Write (or keep) the format's own text for one file."""

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        """Write what comes after the last file."""

    def rest(self, errors: Sequence[Any], skipped: Sequence[Any]) -> Any:
        """A report of everything but the files: errors, documents not read, baselined."""
        from speclint.models import FileError, Report, SkippedFile

        return Report(
            errors=tuple(FileError(path=e.path, message=e.message) for e in errors),
            skipped=tuple(SkippedFile(path=s.path, reason=s.reason) for s in skipped),
            baselined=self.baselined,
        )


class _Json(Writer):
    def start(self) -> None:
        from speclint.formatters.json import ends

        self.write(ends()[0])

    def take(self, part: Piece) -> None:
        from speclint.formatters.json import join_files

        self.write(join_files(self.files)[0] + part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters.json import ends, join_files

        _head, tail = ends(
            errors, skipped, files=self.files, findings=self.findings, baselined=self.baselined
        )
        self.write(join_files(self.files)[1] + tail)


class _Text(Writer):
    def take(self, part: Piece) -> None:
        if part.body:
            self.write(part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        if self.options.quiet:
            return
        from speclint.formatters.text import tail

        self.write(tail(self.files, self.counts, errors, skipped, self.baselined))


class _GitHub(Writer):
    def take(self, part: Piece) -> None:
        if part.body:
            self.write(part.body)

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        if not errors and not skipped:
            return
        from speclint.formatters.github import tail

        self.write(tail(errors, skipped))


class _Sarif(Writer):
    """SARIF: results wait in a temporary file, since the rules and errors come first."""

    def start(self) -> None:
        # Closed by finish; a run that stops early leaves it to the collector.
        self.spool: IO[str]
        try:
            self.spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError:
            self.spool = io.StringIO()  # no writable temporary folder: held in memory
        self.described: dict[str, str] = {}
        self.results = False
        self.reading = False

    def take(self, part: Piece) -> None:
        text, described = part.body
        for code, descriptor in described:
            self.described.setdefault(code, descriptor)
        if text:
            try:
                self.spool.write((",\n" if self.results else "") + text)
            except OSError as exc:
                raise _spool_full(exc) from None
            self.results = True

    def _spooled(self) -> str:
        """The next line of the results kept (``""`` at the end); a full disk is one line."""
        try:
            if not self.reading:
                self.spool.seek(0)  # flushes what is still buffered
                self.reading = True
            return self.spool.readline()
        except OSError as exc:
            raise _spool_full(exc) from None

    def finish(self, errors: Sequence[FileError], skipped: Sequence[SkippedFile]) -> None:
        from speclint.formatters import sarif

        registry = self.registry()
        known = set(registry.codes)
        titles = registry.titles
        unknown = {
            code: sarif.with_tags(json.loads(descriptor), titles)
            for code, descriptor in self.described.items()
            if code not in known
        }
        rest = self.rest(errors, skipped)
        head, tail, index = sarif.ends(registry, rest.errors, rest.skipped, unknown)
        opening, close = sarif.closing(self.results)
        self.write(head + opening)
        if self.results:
            number = lambda found: str(index[found.group(1)])  # noqa: E731
            while line := self._spooled():
                self.write(_RULE_TOKEN.sub(number, line) if "\\u0000" in line else line)
        with contextlib.suppress(OSError):
            self.spool.close()
        self.write(close + tail)


def _spool_full(exc: OSError) -> SpeclintError:
    """The one line for SARIF results that no longer fit in their temporary file."""
    from speclint.errors import SpeclintError

    return SpeclintError(
        "cannot keep the SARIF results in a temporary file until the end of the run "
        f"({exc.strerror or exc}); free some space in the temporary folder or set TMPDIR"
    )


class _Markdown(Writer):
    """Markdown: only the finding rows that can fit in the summary are kept."""

    def start(self) -> None:
        self.rows: list[str] = []
        self.room = 0
        self.count = 0
        self.by_family: dict[str, Counter[Any]] = {}

    def take(self, part: Piece) -> None:
        from speclint.formatters.markdown import LIMIT
        from speclint.models import Severity

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
        head = markdown.head(
            self.files,
            self.counts,
            errors,
            len(skipped),
            self.baselined,
            self.by_family,
            self.registry(),
        )
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
