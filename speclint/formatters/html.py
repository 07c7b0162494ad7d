"""A self-contained HTML report a provider team reads in the browser.

One page for a whole tender pack: a scorecard with one row per Box 3 principle (those
with no findings and those no rule checks included), then the findings grouped by
principle and by file, each placed as a reader finds it, with the excerpt quoted and
the trigger marked, why it matters and the *Better* advice; then the files checked and
the files that could not be read.

The page makes no network requests: the stylesheet and the script are inlined from
``speclint/formatters/html_assets/`` and a Content-Security-Policy allows nothing
else. Filters (family, severity, file) need the script; without it the filter panel
stays hidden and every finding shows. Printing always shows every finding. Output is
deterministic: no timestamps unless one is passed to :func:`render_html`, and ids are
numbered in report order.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any, NamedTuple

from speclint.formatters._shared import (
    SEVERITIES,
    describe_location,
    error_phrases,
    plural,
    severity_counts,
)
from speclint.formatters.text import summary_text
from speclint.models import FileReport, Finding, Report, Severity
from speclint.parsers import LABELS
from speclint.principles import HOUSEKEEPING, PRINCIPLES, Principle, for_family
from speclint.registry import RuleRegistry, builtin_registry
from speclint.version import __version__

__all__ = ["asset", "file_parts", "page_of_parts", "render", "render_html", "render_sections"]

_SEVERITY_LABEL = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}
_FORMAT_LABEL: dict[str, str] = {str(fmt): label for fmt, label in LABELS.items()}
_HOUSEKEEPING_KEY = "housekeeping"
_HOUSEKEEPING_NOTE = (
    "Findings about the lint itself (for example suppressions that silence nothing or give "
    "no reason). They serve no Box 3 principle but are listed so nothing is hidden."
)
_BOOK = (
    "Ballatt, Campling &amp; Maloney, <cite>Intelligent Kindness: Rehabilitating the Welfare "
    "State</cite> (2020), Box 3, p215"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@cache
def _asset(name: str) -> str:
    return (
        resources.files("speclint.formatters")
        .joinpath("html_assets")
        .joinpath(name)
        .read_text("utf-8")
    )


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _excerpt(finding: Finding) -> str:
    text = finding.excerpt
    parts: list[str] = []
    done = 0
    for start, end in sorted(finding.highlights):
        if done <= start < end <= len(text):
            parts.append(f"{_e(text[done:start])}<mark>{_e(text[start:end])}</mark>")
            done = end
    parts.append(_e(text[done:]))
    return "".join(parts)


def _why_by_code(registry: RuleRegistry) -> dict[str, str]:
    return {rule.code: rule.docs.why for rule in registry.rules}


def _group_key(family: str) -> str:
    principle = for_family(family)
    return principle.key if principle is not None else _HOUSEKEEPING_KEY


def _count_cells(counts: Mapping[Severity, int]) -> str:
    cells = []
    for sev in SEVERITIES:
        n = counts.get(sev, 0)
        cls = f"num sev-{sev.value}" if n else "num zero"
        cells.append(f'<td class="{cls}">{n}</td>')
    return "".join(cells)


def _finding(index: int, finding: Finding, file_index: int, why: Mapping[str, str]) -> str:
    """One finding: a one-line summary that opens on the full text (``<details>``).

    The summary line gives the severity, the code, the place and the message (opened,
    the rule's name and the whole message); the body the file and place, the section,
    the excerpt, why it matters and the *Better* advice. Printing opens every finding.
    """
    item = _item(finding, why)
    return _finding_head(index, item, file_index) + item.body


class _Item(NamedTuple):
    """One finding as the page shows it: what groups and filters it, and the rest rendered.

    ``body`` is everything of its ``<li>`` after the opening tag, which alone holds the
    numbers that depend on the rest of the report (the finding's and its file's).
    """

    family: str
    severity: Severity
    path: str
    body: str


class _File(NamedTuple):
    """One file linted, as the filters and the table of files show it."""

    path: str
    format: str
    counts: Mapping[Severity, int]
    findings: int


def _finding_head(index: int, item: _Item, file_index: int) -> str:
    sev = item.severity.value
    return (
        f'<li class="finding sev-{sev}" id="f-{index}" data-family="{_e(item.family)}" '
        f'data-severity="{sev}" data-file="{file_index}">'
    )


def _item(finding: Finding, why: Mapping[str, str]) -> _Item:
    """``finding`` rendered, but for the numbers in its opening tag."""
    sev = finding.severity.value
    place = describe_location(finding.location)
    path = finding.location.path or "<unknown>"
    label = _SEVERITY_LABEL[finding.severity]
    message = finding.message + finding.fold_note
    out = [
        '<details class="finding-details">',
        f'<summary class="finding-line"><span class="badge sev-{sev}">{label}</span> '
        f"<code>{_e(finding.code)}</code> "
        f'<span class="rule-name">{_e(finding.name)}</span> '
        f'<span class="line-place">{_e(place)}</span> '
        f'<span class="message">{_e(message)}</span></summary>',
        '<div class="finding-body">',
        f'<p class="where"><span class="path">{_e(path)}</span>: {_e(place)}</p>',
    ]
    if finding.location.section:
        section = " › ".join(finding.location.section)
        out.append(f'<p class="section">Section: {_e(section)}</p>')
    if finding.excerpt:
        out.append(f'<blockquote class="excerpt"><p>{_excerpt(finding)}</p></blockquote>')
    out.append('<dl class="advice">')
    reason = why.get(finding.code)
    if reason:
        paras = "".join(f"<p>{_e(p.strip())}</p>" for p in reason.split("\n\n") if p.strip())
        out.append(f"<dt>Why it matters</dt><dd>{paras}</dd>")
    out.append(f"<dt>Better</dt><dd>{_e(finding.suggestion)}</dd></dl></div></details></li>")
    return _Item(finding.family, finding.severity, path, "".join(out))


def file_parts(file: FileReport, registry: RuleRegistry | None = None) -> tuple[Any, ...]:
    """What the page shows of one file: its row and its findings, compact and picklable.

    The page of a run written file by file (:mod:`speclint.formatters.stream`) is put
    together from these with :func:`page_of_parts`; it is the page :func:`render_html`
    writes for the whole report.
    """
    why = _why_by_code(registry or builtin_registry()) if file.findings else {}
    return _file_parts(file, why)


def _file_parts(file: FileReport, why: Mapping[str, str]) -> tuple[_File, tuple[_Item, ...]]:
    row = _File(file.path, file.format, dict(severity_counts(file.findings)), len(file.findings))
    return row, tuple(_item(f, why) for f in file.findings)


def _scorecard(by_group: Mapping[str, list[_Item]], findings: list[_Item]) -> str:
    rows = []
    for principle in PRINCIPLES:
        group = by_group.get(principle.key, [])
        rows.append(_scorecard_row(principle, group))
    housekeeping = by_group.get(_HOUSEKEEPING_KEY, [])
    if housekeeping:
        families = ", ".join(sorted({f.family for f in housekeeping}))
        rows.append(
            '<tr class="housekeeping"><th scope="row">'
            f'<a href="#p-{_HOUSEKEEPING_KEY}">{HOUSEKEEPING}</a></th>'
            f'<td>not a Box 3 principle</td><td><span class="fam">{_e(families)}</span></td>'
            f"{_count_cells(_counts(housekeeping))}<td>{_HOUSEKEEPING_NOTE}</td></tr>"
        )
    total = _counts(findings)
    return (
        '<section id="scorecard" aria-labelledby="scorecard-h">'
        '<h2 id="scorecard-h">Scorecard: the Box 3 principles</h2>'
        '<div class="table-wrap"><table class="scorecard">'
        "<caption>Findings by Box 3 principle (p215) and severity, for every file in the "
        "report. Every principle is listed, including those with no findings and those "
        "no rule can check.</caption>"
        '<thead><tr><th scope="col">Box 3 principle</th><th scope="col">Box 3</th>'
        '<th scope="col">Checked by</th><th scope="col" class="num">Errors</th>'
        '<th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th>'
        '<th scope="col">What the pattern does to care</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">All principles</th><td></td><td></td>'
        f"{_count_cells(total)}<td>{_e(plural(len(findings), 'finding'))} in all</td></tr>"
        "</tfoot></table></div></section>"
    )


def _counts(items: list[_Item]) -> Counter[Severity]:
    return Counter(item.severity for item in items)


def _scorecard_row(principle: Principle, group: list[_Item]) -> str:
    title = _e(principle.title)
    if group:
        title = f'<a href="#p-{_e(principle.key)}">{title}</a>'
    if principle.family is None:
        checked = '<span class="unchecked">not checked automatically</span>'
        counts = '<td class="num na" colspan="3">not checked</td>'
        cls = "unchecked-row"
    else:
        checked = f'<span class="fam">{_e(principle.family)}</span> {_e(principle.pattern)}'
        counts = _count_cells(_counts(group))
        cls = "has-findings" if group else "clear"
    return (
        f'<tr class="{cls}"><th scope="row">{title}</th>'
        f"<td>{_e(principle.bullet_label)}</td><td>{checked}</td>{counts}"
        f"<td>{_e(principle.care)}</td></tr>"
    )


def _filters(findings: list[_Item], files: list[_File], families: list[str]) -> str:
    if not findings:
        return ""
    fam_counts = Counter(f.family for f in findings)
    sev_counts = _counts(findings)
    fam_boxes = []
    for family in families:
        principle = for_family(family)
        label = principle.pattern if principle is not None else HOUSEKEEPING
        fam_boxes.append(
            f'<label><input type="checkbox" name="family" value="{_e(family)}" checked> '
            f'<span class="fam">{_e(family)}</span> {_e(label)} '
            f'<span class="count" data-count="family:{_e(family)}">({fam_counts[family]})</span>'
            "</label>"
        )
    sev_boxes = [
        f'<label><input type="checkbox" name="severity" value="{s.value}" checked> '
        f'<span class="badge sev-{s.value}">{_SEVERITY_LABEL[s]}</span> '
        f'<span class="count" data-count="severity:{s.value}">({sev_counts.get(s, 0)})</span>'
        "</label>"
        for s in SEVERITIES
    ]
    options = [f'<option value="" data-label="All files">All files ({len(findings)})</option>']
    for i, fr in enumerate(files, 1):
        if fr.findings:
            options.append(
                f'<option value="{i}" data-label="{_e(fr.path)}">'
                f"{_e(fr.path)} ({fr.findings})</option>"
            )
    return (
        '<section id="filters" class="filters" aria-labelledby="filters-h" hidden>'
        '<h2 id="filters-h">Filter the findings</h2>'
        '<form id="filter-form" class="filter-form">'
        f"<fieldset><legend>Family</legend>{''.join(fam_boxes)}</fieldset>"
        f"<fieldset><legend>Severity</legend>{''.join(sev_boxes)}</fieldset>"
        '<div class="file-filter"><label for="filter-file">File</label> '
        f'<select id="filter-file" name="file">{"".join(options)}</select></div>'
        '<div class="filter-actions"><button type="button" id="filter-reset">Show all</button> '
        '<button type="button" id="expand-all" aria-pressed="false">Expand all</button>'
        "</div></form>"
        f'<p id="filter-status" class="status" role="status" aria-live="polite">'
        f"Showing {len(findings)} of {plural(len(findings), 'finding')}.</p>"
        '<p class="note">The numbers in brackets count the findings each choice would show '
        "with the other filters as they are. Printing always includes every finding.</p>"
        "</section>"
    )


def _findings_section(
    by_group: Mapping[str, list[_Item]], files: list[_File], index_of: Mapping[int, int]
) -> str:
    file_index = {fr.path: i for i, fr in enumerate(files, 1)}
    file_format = {fr.path: fr.format for fr in files}
    out = [
        '<section id="findings" aria-labelledby="findings-h">'
        '<h2 id="findings-h">Findings by principle</h2>'
    ]
    groups: list[tuple[str, str, str]] = [
        (
            p.key,
            p.title,
            f"Box 3, {p.bullet_label} (p215). {p.family}: {p.pattern}. {p.care}",
        )
        for p in PRINCIPLES
        if p.key in by_group
    ]
    if _HOUSEKEEPING_KEY in by_group:
        groups.append((_HOUSEKEEPING_KEY, HOUSEKEEPING, _HOUSEKEEPING_NOTE))
    if not groups:
        out.append(_no_findings(len(files)))
    for key, title, note in groups:
        group = by_group[key]
        gid = f"p-{key}"
        out.append(
            f'<section class="group" id="{_e(gid)}" data-group>'
            f'<h3 id="{_e(gid)}-h">{_e(title)} '
            f'<span class="n">({plural(len(group), "finding")}'
            f'<span class="n-shown" hidden></span>)</span></h3>'
            f'<p class="group-note">{_e(note)}</p>'
        )
        by_file: dict[str, list[_Item]] = {}
        for finding in group:
            by_file.setdefault(finding.path, []).append(finding)
        for path in sorted(by_file, key=lambda p: file_index.get(p, len(files) + 1)):
            items = by_file[path]
            fi = file_index.get(path, 0)
            fmt = file_format.get(path)
            label = f" ({_FORMAT_LABEL[fmt]})" if fmt in _FORMAT_LABEL else ""
            out.append(
                '<section class="file-group" data-file-group>'
                f'<h4><span class="path">{_e(path)}</span>{_e(label)} '
                f'<span class="n">({plural(len(items), "finding")}'
                f'<span class="n-shown" hidden></span>)</span></h4><ol class="findings">'
            )
            for finding in items:
                out.append(_finding_head(index_of[id(finding)], finding, fi) + finding.body)
            out.append("</ol></section>")
        out.append("</section>")
    out.append("</section>")
    return "".join(out)


def _no_findings(checked: int) -> str:
    """What an empty findings section says: that nothing was found, and what was checked."""
    if not checked:
        return '<p class="empty">No findings. No file was checked.</p>'
    unchecked = [p.title for p in PRINCIPLES if p.family is None]
    them = "the file" if checked == 1 else f"the {checked} files"
    note = (
        f" {'; '.join(_e(t) for t in unchecked)}: no rule can check "
        f"{'this principle' if len(unchecked) == 1 else 'these principles'}, so read for "
        f"{'it' if len(unchecked) == 1 else 'them'} yourself."
        if unchecked
        else ""
    )
    return (
        f'<p class="empty">No findings. No clause in {them} checked matched a rule; the '
        "scorecard above lists each Box 3 principle and the rules that checked it. "
        "No findings is a prompt to read on, not a clean bill of health: speclint "
        f"points only at the patterns its rules know.{note}</p>"
    )


def _files_section(report: Report, files: list[_File]) -> str:
    """The files linted (``files``), and those of ``report`` not read or not checked."""
    rows = []
    for fr in files:
        rows.append(
            f'<tr><th scope="row"><span class="path">{_e(fr.path)}</span></th>'
            f"<td>{_e(_FORMAT_LABEL.get(fr.format, fr.format))}</td>"
            f'{_count_cells(fr.counts)}<td class="num">{fr.findings}</td></tr>'
        )
    table = (
        '<div class="table-wrap"><table class="files"><caption>Every file linted, with its '
        "findings by severity.</caption><thead><tr>"
        '<th scope="col">File</th><th scope="col">Format</th>'
        '<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th>'
        '<th scope="col" class="num">Info</th><th scope="col" class="num">Total</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
        if rows
        else '<p class="empty">No file was linted.</p>'
    )
    out = [
        '<section id="files" aria-labelledby="files-h">'
        f'<h2 id="files-h">Files checked ({len(files)})</h2>{table}</section>'
    ]
    if report.errors:
        items = "".join(
            f'<li><span class="path">{_e(err.path)}</span>: {_e(err.message)}</li>'
            for err in report.errors
        )
        out.append(
            '<section id="input-errors" class="input-errors" aria-labelledby="errors-h">'
            f'<h2 id="errors-h">Could not be linted ({len(report.errors)})</h2>'
            f"<p>{_e('; '.join(error_phrases(report.errors)))}. The scorecard "
            "does not cover them: fix the cause each line gives and run speclint again.</p>"
            f'<ul class="errors">{items}</ul>'
            "</section>"
        )
    if report.skipped:
        items = "".join(
            f'<li><span class="path">{_e(item.path)}</span>: {_e(item.reason)}</li>'
            for item in report.skipped
        )
        out.append(
            '<section id="not-checked" class="not-checked" aria-labelledby="not-checked-h">'
            f'<h2 id="not-checked-h">Files not checked ({len(report.skipped)})</h2>'
            "<p>These documents were found beside the others but speclint does not read "
            "their format, so the scorecard does not cover them. Convert them (each line "
            f'says how) and run speclint again.</p><ul class="skipped">{items}</ul>'
            "</section>"
        )
    return "".join(out)


def render_sections(report: Report, registry: RuleRegistry | None = None) -> str:
    """The report's sections, as :func:`render_html` puts them in its ``<main>``.

    Each finding's *why it matters* comes from its rule in ``registry`` (the built-in
    rules by default).

    The filters, the scorecard, the findings by principle and file, and the files
    checked (and those that could not be read), each a ``<section>`` with an ``<h2>``,
    one per line. A page that shows them must load ``report.css`` and run
    ``report.js`` (see :func:`asset`) for the styles and the filters.
    """
    files, findings = _parts(report, registry)
    return _sections(report, files, findings)


def _parts(report: Report, registry: RuleRegistry | None) -> tuple[list[_File], list[_Item]]:
    """Every file's row and every finding of ``report``, as :func:`file_parts` gives them."""
    why = _why_by_code(registry or builtin_registry()) if report.findings else {}
    parts = [_file_parts(fr, why) for fr in report.files]
    return [row for row, _ in parts], [item for _, items in parts for item in items]


def _sections(report: Report, files: list[_File], findings: list[_Item]) -> str:
    """The sections for ``files`` and their ``findings``; ``report``'s errors and skipped."""
    index_of = {id(f): i for i, f in enumerate(findings, 1)}
    by_group: dict[str, list[_Item]] = {}
    for finding in findings:
        by_group.setdefault(_group_key(finding.family), []).append(finding)
    families = sorted({f.family for f in findings}, key=lambda fam: (_principle_rank(fam), fam))
    return (
        f"{_filters(findings, files, families)}\n"
        f"{_scorecard(by_group, findings)}\n"
        f"{_findings_section(by_group, files, index_of)}\n"
        f"{_files_section(report, files)}\n"
    )


def asset(name: str) -> str:
    """The text of one of the report's assets: ``report.css`` or ``report.js``."""
    if name not in ("report.css", "report.js"):
        raise ValueError(f"no report asset called {name!r}")
    return _asset(name)


def render_html(
    report: Report, registry: RuleRegistry | None = None, *, generated: str | None = None
) -> str:
    """The whole report as one self-contained HTML page.

    ``generated`` (for example a date) is printed in the footer when given; nothing
    else in the page depends on when or where it was rendered. Rule advice comes from
    ``registry`` (the built-in rules by default).
    """
    files, findings = _parts(report, registry)
    return page_of_parts(report, files, findings, generated=generated)


def page_of_parts(
    report: Report,
    files: Sequence[_File],
    findings: Sequence[_Item],
    *,
    generated: str | None = None,
) -> str:
    """The page for the ``files`` and ``findings`` of :func:`file_parts`, in report order.

    ``report`` gives the rest: the files that could not be read, the documents not
    checked and the findings left out by a baseline (its own files are not read).
    """
    css = _asset("report.css")
    js = _asset("report.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    counts = _counts(list(findings))
    summary = summary_text(
        len(files),
        counts,
        len(report.skipped),
        report.errors,
        report.baselined,
        skipped_listed="listed below",
    ).removeprefix("Found ")
    summary = summary[0].upper() + summary[1:]
    footer_when = f" on {_e(generated)}" if generated else ""
    title = f"speclint report: {plural(len(findings), 'finding')} in {plural(len(files), 'file')}"
    nav_links = [
        '<li><a href="#scorecard">Scorecard</a></li>',
        '<li><a href="#filters" class="js-only" hidden>Filters</a></li>' if findings else "",
        '<li><a href="#findings">Findings</a></li>',
        '<li><a href="#files">Files checked</a></li>',
        '<li><a href="#input-errors">Could not be linted</a></li>' if report.errors else "",
        '<li><a href="#not-checked">Files not checked</a></li>' if report.skipped else "",
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="speclint {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n"
        '<body>\n<a class="skip-link" href="#findings">Skip to the findings</a>\n'
        '<header class="banner">'
        "<h1>speclint report: where this tender pack may skew care</h1>"
        f'<p class="summary">{_e(summary)}</p>'
        "<p>Each finding is a clause that works against one of the principles for "
        f"commissioning in Box 3 of <cite>Intelligent Kindness</cite> (p215). A finding is "
        "a prompt to read the clause and talk it through, not a verdict.</p></header>\n"
        f'<nav aria-label="Contents"><ul>{"".join(nav_links)}</ul></nav>\n'
        '<main id="main">\n'
        f"{_sections(report, list(files), list(findings))}"
        "</main>\n"
        f"<footer><p>Generated by speclint {_e(__version__)}{footer_when}. Principles from "
        f"{_BOOK}; the lines on what each pattern does to care are speclint's own "
        "summary.</p></footer>\n"
        f"<script>{js}</script>\n</body>\n</html>\n"
    )


def _principle_rank(family: str) -> int:
    """Where ``family``'s principle comes in Box 3; housekeeping families come last."""
    principle = for_family(family)
    return PRINCIPLES.index(principle) if principle is not None else len(PRINCIPLES)


def render(
    report: Report,
    registry: RuleRegistry | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render the report as a self-contained HTML page (``color`` and ``quiet`` are ignored)."""
    return render_html(report, registry)
