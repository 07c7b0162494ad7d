"""The HTML report: one self-contained page for a tender pack, grouped by Box 3 principle.

The unit tests read the HTML; the browser tests open it in a real headless Chromium
(Debian's ``chromium`` driven by Playwright) from a ``file://`` URL. The browser tests
skip when Chromium or Playwright is missing, unless ``CI`` is set: then they fail,
because ``.ci/run`` installs both.
"""

from __future__ import annotations

import html
import io
import itertools
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import CONTRAST, chromium_path

import speclint
from speclint import principles
from speclint.cli import main
from speclint.formatters._shared import describe_location
from speclint.formatters.html import render, render_html
from speclint.models import FileError, FileReport, Finding, Location, Report, Severity, TableRef
from speclint.principles import PRINCIPLES
from speclint.rules import packs

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
PACK = [
    FIXTURES / "markdown",
    FIXTURES / "docx" / "spec_numbered.docx",
    FIXTURES / "docx" / "spec_review.docx",
    FIXTURES / "pdf" / "spec_multipage.pdf",
    FIXTURES / "pdf" / "truncated.pdf",
    FIXTURES / "docx" / "encrypted.docx",
]


# ---------------------------------------------------------------------------
# A small HTML reader: the text of each finding and of each scorecard row.


class _Page(HTMLParser):
    """Collects each ``li.finding``'s text (by id), marked text, and scorecard rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: dict[str, str] = {}
        self.marks: dict[str, list[str]] = {}
        self.score_rows: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._finding: str | None = None
        self._li_depth = 0
        self._in_mark = False
        self._in_score = False
        self._in_tbody = False
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        classes = (a.get("class") or "").split()
        if tag == "li":
            if "finding" in classes and self._finding is None:
                self._finding = a["id"] or ""
                self.findings[self._finding] = ""
                self.marks[self._finding] = []
                self._li_depth = 0
            if self._finding is not None:
                self._li_depth += 1
        if tag == "mark" and self._finding is not None:
            self._in_mark = True
            self.marks[self._finding].append("")
        if tag == "table" and "scorecard" in classes:
            self._in_score = True
        if tag == "tbody" and self._in_score:
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._finding is not None:
            self._li_depth -= 1
            if self._li_depth == 0:
                self._finding = None
        if tag == "mark":
            self._in_mark = False
        if tag == "tbody":
            self._in_tbody = False
        if tag == "table":
            self._in_score = False
        if tag == "tr" and self._row is not None:
            self.score_rows.append(" | ".join(c.strip() for c in self._row))
            self._row = None
        if tag in ("th", "td") and self._row is not None:
            self._row.append("")

    def handle_data(self, data: str) -> None:
        if self._finding is not None:
            self.findings[self._finding] += data
            if self._in_mark:
                self.marks[self._finding][-1] += data
        if self._row is not None:
            if not self._row:
                self._row.append("")
            self._row[-1] += data


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def plain(page: str) -> str:
    """The page's text without tags, entities decoded, whitespace squashed."""
    return squash(html.unescape(re.sub(r"<[^>]+>", "", page)))


@pytest.fixture(scope="module")
def pack_report() -> Report:
    report = speclint.check_paths([str(p) for p in PACK])
    assert len(report.findings) >= 20, "the fixtures should give a realistic pack"
    assert {fr.format for fr in report.files} == {"md", "docx", "pdf"}
    assert len(report.errors) == 2
    return report


@pytest.fixture(scope="module")
def pack_html(pack_report: Report) -> str:
    return render(pack_report)


def _finding(**kw: Any) -> Finding:
    base: dict[str, Any] = {
        "code": "PBR001",
        "name": "payment-withheld-against-target",
        "family": "PBR",
        "principle": "p",
        "severity": Severity.ERROR,
        "message": "Payment withheld.",
        "location": Location(path="spec.md", line=3, column=1),
        "excerpt": "Ten per cent is withheld.",
        "suggestion": "Pay a block price.",
    }
    base.update(kw)
    return Finding(**base)


# ---------------------------------------------------------------------------
# The HTML itself.


def test_every_finding_is_in_the_page_with_its_place_excerpt_and_advice(
    pack_report: Report, pack_html: str
) -> None:
    page = parse(pack_html)
    assert len(page.findings) == len(pack_report.findings)
    for i, finding in enumerate(pack_report.findings, 1):
        text = squash(page.findings[f"f-{i}"])
        place = describe_location(finding.location)
        assert finding.code in text
        assert squash(f"{finding.location.path}: {place}") in text
        assert squash(finding.message) in text
        assert squash(finding.excerpt) in text
        assert squash(finding.suggestion) in text
        assert "Why it matters" in text  # every built-in rule has docs
        assert page.marks.get(f"f-{i}", []) == [finding.excerpt[a:b] for a, b in finding.highlights]


def test_findings_are_grouped_by_principle_then_file(pack_report: Report, pack_html: str) -> None:
    positions = [
        pack_html.index(f'id="p-{p.key}"')
        for p in PRINCIPLES
        if p.family in {f.family for f in pack_report.findings}
    ]
    assert positions == sorted(positions), "groups follow Box 3's order"
    report_order = [fr.path for fr in pack_report.files]
    several = 0
    for family in dict.fromkeys(f.family for f in pack_report.findings):
        principle = principles.for_family(family)
        key = principle.key if principle is not None else "housekeeping"
        group = pack_html[pack_html.index(f'id="p-{key}"') :]
        group = group[: group.index("</section></section>")]
        shown = re.findall(r'<h4><span class="path">([^<]*)</span>', group)
        paths = {f.location.path for f in pack_report.findings if f.family == family}
        expected = [p for p in report_order if p in paths]
        assert [html.unescape(p) for p in shown] == expected, f"{key}: files in report order"
        several += len(expected) > 1
    assert several, "some principle has findings in more than one file"


def test_places_are_given_as_a_reader_finds_them(pack_html: str) -> None:
    text = plain(pack_html)
    assert "community-support-spec.md: line 51, column 5, clause Schedule 2 5.2" in text
    assert "spec_multipage.pdf: page 1, line 39, clause 4.3.2" in text
    assert "spec_review.docx: clause 1.1, paragraph 3" in text
    assert "spec_numbered.docx: clause 3.1, table 1, row 2, column 4" in text
    assert "Section: Integrated Sexual Health Service › 4 Workforce › 4.3 Supervision" in text


def test_describe_location_for_each_format() -> None:
    assert describe_location(Location(line=12, column=5, clause="4.2")) == (
        "line 12, column 5, clause 4.2"
    )
    assert describe_location(Location(line=7)) == "line 7"  # the column is not guessed
    table = TableRef(index=1, row=2, column=4)
    assert describe_location(Location(line=67, column=3, table=table)) == (
        "line 67, column 3 (table 1, row 2, column 4)"
    )
    assert describe_location(Location(page=3, line=12, clause="5.1")) == (
        "page 3, line 12, clause 5.1"
    )
    assert describe_location(Location(page=2, line=11, table=table, clause="4.2")) == (
        "page 2, line 11 (table 1, row 2, column 4), clause 4.2"
    )
    assert describe_location(Location(paragraph=17, clause="4.2", column=3)) == (
        "clause 4.2, paragraph 17"
    )
    assert describe_location(Location(table=table, clause="3.1")) == (
        "clause 3.1, table 1, row 2, column 4"
    )
    assert describe_location(Location(paragraph=4)) == "paragraph 4"
    assert describe_location(Location(clause="4.2")) == "clause 4.2"
    assert describe_location(Location(path="x")) == "whole document"


def test_describe_location_leaves_out_what_a_format_shows_itself() -> None:
    table = TableRef(index=1, row=2, column=4)
    md = Location(line=67, column=3, table=table, clause="5.2")
    assert describe_location(md, file_position=False) == "table 1, row 2, column 4, clause 5.2"
    assert describe_location(md, file_position=False, table_cell=False) == "clause 5.2"
    bare = Location(line=67, column=3)
    assert describe_location(bare, file_position=False) is None
    pdf = Location(page=2, line=11, table=table, clause="4.2")
    assert describe_location(pdf, file_position=False) == (
        "page 2, line 11 (table 1, row 2, column 4), clause 4.2"
    )
    assert describe_location(pdf, clause=False, table_cell=False) == "page 2, line 11"
    word = Location(table=table, clause="3.1")
    assert describe_location(word, clause=False, table_cell=False) == ("table 1, row 2, column 4")
    assert describe_location(Location(clause="4.2"), clause=False) is None
    assert describe_location(Location(), whole_document=None) is None


def test_document_level_findings_say_whole_document() -> None:
    finding = _finding(
        code="VOI005", family="VOI", location=Location(path="spec.md"), excerpt="", highlights=()
    )
    report = Report(files=(FileReport(path="spec.md", format="md", findings=(finding,)),))
    text = squash(parse(render(report)).findings["f-1"])
    assert "spec.md: whole document" in text


def test_scorecard_has_a_row_for_every_principle_even_without_findings() -> None:
    report = Report(
        files=(FileReport(path="spec.md", format="md", findings=(_finding(),)),),
    )
    rows = parse(render(report)).score_rows
    assert len(rows) == len(PRINCIPLES)
    for principle, row in zip(PRINCIPLES, rows, strict=True):
        assert row.startswith(principle.title)
        assert principle.care in row
        if principle.family is None:
            assert "not checked automatically" in row
        elif principle.family == "PBR":
            assert f"{principle.family} {principle.pattern} | 1 | 0 | 0" in row
        else:
            assert f"{principle.family} {principle.pattern} | 0 | 0 | 0" in row


def test_scorecard_of_an_empty_report_still_lists_every_principle() -> None:
    page = render(Report())
    assert len(parse(page).score_rows) == len(PRINCIPLES)
    assert "No findings." in page
    assert 'id="filters"' not in page  # nothing to filter


def test_principles_cover_every_box3_bullet_and_every_rule_family() -> None:
    bullets = {b for p in PRINCIPLES for b in p.bullets}
    assert bullets == set(range(1, principles.BOX3_BULLETS + 1))
    families = {p.family for p in PRINCIPLES if p.family}
    box3_families = {pack.family for pack in packs() if "Box 3" in pack.principle}
    assert box3_families <= families
    assert {"PBR", "OVR", "RFL", "MFL", "OUT", "VOI", "CMP", "LOC"} <= families
    assert len({p.key for p in PRINCIPLES}) == len(PRINCIPLES)
    for p in PRINCIPLES:
        assert re.search(r"p\d{3}", p.care), f"{p.key}: cite the book by page"
    assert [p for p in PRINCIPLES if not p.checked], "unchecked bullets are listed"


def test_unknown_families_go_under_housekeeping_without_crashing() -> None:
    findings = (
        _finding(
            code="SPL001",
            name="unused-suppression",
            family="SPL",
            severity=Severity.WARNING,
            message="Suppression that silenced nothing.",
        ),
        _finding(code="ZZZ001", name="brand-new", family="ZZZ", severity=Severity.INFO),
        _finding(),
    )
    report = Report(files=(FileReport(path="spec.md", format="md", findings=findings),))
    page = render(report)
    parsed = parse(page)
    assert len(parsed.findings) == 3
    assert 'id="p-housekeeping"' in page
    housekeeping = page[page.index('id="p-housekeeping"') :]
    assert "SPL001" in housekeeping and "ZZZ001" in housekeeping
    assert parsed.score_rows[-1].startswith("Housekeeping")
    assert "SPL, ZZZ | 0 | 1 | 1" in parsed.score_rows[-1]
    assert 'name="family" value="SPL"' in page and 'name="family" value="ZZZ"' in page


def test_real_housekeeping_findings_are_listed() -> None:
    text = (
        "speclint: ignore PBR001\n\n"
        "4.2 The Provider will offer appointments in the evening and at weekends.\n\n"
        "4.3 Ten per cent of the monthly payment will be withheld until the KPI targets are met.\n"
    )
    report = speclint.check_text(text, "txt")
    page = render(report)
    assert len(parse(page).findings) == len(report.findings)
    box3 = {p.family for p in PRINCIPLES}
    others = [f for f in report.findings if f.family not in box3]
    assert {f.code for f in others} >= {"SPL001", "SPL002"}
    assert 'id="p-housekeeping"' in page
    housekeeping = page[page.index('id="p-housekeeping"') :]
    housekeeping = housekeeping[: housekeeping.index("</section></section>")]
    for code in ("SPL001", "SPL002"):
        assert f"<code>{code}</code>" in housekeeping
    for finding in others:
        assert f"<code>{finding.code}</code>" in housekeeping
    assert "<code>PBR001</code>" not in housekeeping  # a Box 3 finding stays in its group
    assert "<code>PBR001</code>" in page


def test_hostile_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>'
    finding = _finding(
        code="PBR001",
        message=f"Message {evil} & more",
        excerpt=f"Before {evil} after <b>bold</b>",
        highlights=((7, 7 + len(evil)),),
        suggestion=f"Better {evil}",
        location=Location(
            path=f"pack/{evil}.md",
            line=1,
            column=1,
            clause='4.2"><img src=x onerror=alert(1)>',
            section=(f"Heading {evil}",),
        ),
    )
    report = Report(
        files=(FileReport(path=f"pack/{evil}.md", format="md", findings=(finding,)),),
        errors=(FileError(path=f"pack/{evil}.pdf", message=f"is corrupt {evil}"),),
    )
    page = render(report)
    assert page.count("<script") == 1  # only the report's own script
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert f"<mark>{evil.replace('<', '&lt;').replace('>', '&gt;')}" not in page
    parsed = parse(page)
    assert parsed.marks["f-1"] == [evil]
    text = squash(parsed.findings["f-1"])
    assert f"pack/{evil}.md" in text and f"Better {evil}" in text
    data_file = [a for t, a in parsed.tags if t == "option" and a.get("value") == "1"]
    assert data_file and data_file[0]["data-label"] == f"pack/{evil}.md"


def test_a_highlight_outside_the_excerpt_is_ignored() -> None:
    finding = _finding(excerpt="short", highlights=((2, 99),))
    report = Report(files=(FileReport(path="spec.md", format="md", findings=(finding,)),))
    page = render(report)
    assert "<mark>" not in page
    assert "short" in parse(page).findings["f-1"]


def test_input_errors_are_listed_with_their_cause(pack_report: Report, pack_html: str) -> None:
    section = pack_html[pack_html.index('id="input-errors"') :]
    text = plain(section[: section.index("</section>")])
    assert "Could not be linted (2)" in text
    assert "2 files could not be read. The scorecard does not cover them" in text
    for error in pack_report.errors:
        assert squash(f"{error.path}: {error.message}") in text


EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


def external_references(page: str) -> list[str]:
    """Every ``src``, stylesheet or script ``href`` and CSS ``url(...)`` that leaves the file."""
    found: list[str] = []
    for match in re.finditer(r"\bsrc\s*=\s*[\"']?([^\"'\s>]*)", page, re.IGNORECASE):
        found.append(match.group(1))
    for tag in re.finditer(r"<(?:link|script)\b[^>]*>", page, re.IGNORECASE):
        for href in re.finditer(r"\bhref\s*=\s*[\"']?([^\"'\s>]*)", tag.group(0), re.I):
            found.append(href.group(1))
    for url in re.finditer(r"url\(\s*[\"']?([^\"')]*)", page, re.IGNORECASE):
        found.append(url.group(1))
    for imp in re.finditer(r"@import\s+[\"']([^\"']*)", page, re.IGNORECASE):
        found.append(imp.group(1))
    return [ref for ref in found if EXTERNAL.match(ref) or "http" in ref.lower()]


def test_the_page_makes_no_external_requests(pack_html: str) -> None:
    assert external_references(pack_html) == []
    assert not re.search(r"https?://", pack_html), "no URL at all in the report's own markup"
    assert "<link" not in pack_html
    assert "default-src 'none'" in pack_html  # and the browser is told to refuse any


def test_the_external_request_check_catches_requests() -> None:
    assert external_references('<img src="https://x.test/a.png">')
    assert external_references('<script src="//cdn.test/a.js"></script>')
    assert external_references('<link rel="stylesheet" href="http://x.test/a.css">')
    assert external_references("<style>body{background:url('https://x.test/b.png')}</style>")
    assert not external_references('<a href="#findings">Findings</a>')


def test_output_is_deterministic(pack_report: Report, pack_html: str) -> None:
    again = speclint.check_paths([str(p) for p in PACK])
    assert render(again) == pack_html
    assert render(pack_report) == pack_html
    assert not re.search(r"\b20\d\d-\d\d-\d\d", pack_html)
    assert "on 2025-01-31." in render_html(pack_report, generated="2025-01-31")


def test_filters_come_first_and_each_finding_is_one_expandable_line(
    pack_report: Report, pack_html: str
) -> None:
    assert pack_html.index('id="filters"') < pack_html.index('id="scorecard"')
    for i, finding in enumerate(pack_report.findings, 1):
        item = pack_html[pack_html.index(f'id="f-{i}"') :]
        item = item[: item.index("</li>")]
        summary = item[item.index("<summary") : item.index("</summary>")]
        assert f"<code>{finding.code}</code>" in summary
        assert html.escape(finding.message, quote=True) in summary
        body = item[item.index("</summary>") :]
        assert html.escape(finding.suggestion, quote=True) in body  # full text in the page
        assert "Why it matters" in body


def test_page_is_one_document_with_landmarks_and_headings(pack_html: str) -> None:
    assert pack_html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    for landmark in ("<header", "<nav aria-label=", '<main id="main"', "<footer"):
        assert landmark in pack_html
    assert pack_html.count("<h1>") == 1
    levels = [int(m) for m in re.findall(r"<h([1-6])\b", pack_html)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped heading levels"
    assert 'role="status" aria-live="polite"' in pack_html
    ids = re.findall(r'\bid="([^"]+)"', pack_html)
    assert len(ids) == len(set(ids)), "ids are unique"


def test_cli_writes_the_html_report(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["check", str(FIXTURES / "markdown"), "--format", "html", "-o", str(target)], out, err
    )
    assert code == 1, err.getvalue()
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "PBR001" in page


def test_a_large_pack_stays_small(pack_report: Report) -> None:
    source = itertools.cycle(pack_report.findings)
    files = []
    for n in range(20):
        path = f"pack/document-{n:02d}.md"
        findings = tuple(
            f.model_copy(update={"location": f.location.model_copy(update={"path": path})})
            for f in itertools.islice(source, 25)
        )
        files.append(FileReport(path=path, format="md", findings=findings))
    report = Report(files=tuple(files))
    assert len(report.findings) == 500
    size = len(render(report).encode("utf-8"))
    assert size < 2_000_000, size


# ---------------------------------------------------------------------------
# In the browser.


def test_without_chromium_the_browser_tests_skip_locally_but_fail_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        chromium_path()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"\.ci/run must install it"):
        chromium_path()


@pytest.fixture(scope="module")
def report_file(pack_html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(pack_html, encoding="utf-8")
    return path


class Console:
    """Console messages, page errors and any request that is not the report itself."""

    def __init__(self, page: Any, url: str) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("request", lambda r: self.requests.append(r.url) if r.url != url else None)


@pytest.fixture
def page(browser: Any, report_file: Path) -> Iterator[tuple[Any, Console]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    url = report_file.as_uri()
    console = Console(page, url)
    page.goto(url)
    try:
        yield page, console
    finally:
        context.close()
    assert console.errors == []
    assert console.requests == []


def visible_ids(page: Any) -> set[str]:
    ids = page.evaluate(
        "Array.from(document.querySelectorAll('li.finding'))"
        ".filter(el => el.offsetParent !== null).map(el => el.id)"
    )
    return set(ids)


def status(page: Any) -> str:
    return str(page.locator("#filter-status").inner_text())


def test_browser_shows_every_finding_and_saves_a_screenshot(
    page: tuple[Any, Console], pack_report: Report
) -> None:
    pg, console = page
    for i, finding in enumerate(pack_report.findings, 1):
        item = pg.locator(f"#f-{i}")
        assert item.is_visible()
        item.scroll_into_view_if_needed()
        assert finding.code in item.inner_text()
        assert squash(finding.message) in squash(item.inner_text())
    assert visible_ids(pg) == {f"f-{i}" for i in range(1, len(pack_report.findings) + 1)}
    assert pg.locator("#filters").is_visible()
    n = len(pack_report.findings)
    assert status(pg) == f"Showing {n} of {n} findings."
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    pg.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert console.errors == []


def test_browser_filters_hide_and_show_findings_and_update_counts(
    page: tuple[Any, Console], pack_report: Report
) -> None:
    pg, _ = page
    findings = pack_report.findings
    n = len(findings)
    every = {f"f-{i}" for i in range(1, n + 1)}
    ids = {f"f-{i}": f for i, f in enumerate(findings, 1)}

    # Family: PBR off.
    pbr = {i for i, f in ids.items() if f.family == "PBR"}
    assert pbr
    pg.locator('input[name="family"][value="PBR"]').uncheck()
    assert visible_ids(pg) == every - pbr
    assert status(pg) == f"Showing {n - len(pbr)} of {n} findings."
    errors_left = sum(1 for i, f in ids.items() if i not in pbr and f.severity == Severity.ERROR)
    assert pg.locator('[data-count="severity:error"]').inner_text() == f"({errors_left})"
    assert pg.locator("#p-PBR").is_hidden()
    assert pg.locator('[data-count="family:PBR"]').inner_text() == f"({len(pbr)})"

    # Severity: warnings off as well.
    warnings = {i for i, f in ids.items() if f.severity == Severity.WARNING}
    pg.locator('input[name="severity"][value="warning"]').uncheck()
    assert visible_ids(pg) == every - pbr - warnings
    assert status(pg) == f"Showing {len(every - pbr - warnings)} of {n} findings."

    # Back on: everything returns.
    pg.locator('input[name="family"][value="PBR"]').check()
    pg.locator('input[name="severity"][value="warning"]').check()
    assert visible_ids(pg) == every

    # File: one file only.
    path = findings[-1].location.path
    index = [fr.path for fr in pack_report.files].index(path) + 1
    pg.locator("#filter-file").select_option(str(index))
    in_file = {i for i, f in ids.items() if f.location.path == path}
    assert visible_ids(pg) == in_file
    assert status(pg) == f"Showing {len(in_file)} of {n} findings."
    families_in_file = {f.family for f in findings if f.location.path == path}
    for family in {f.family for f in findings} - families_in_file:
        assert pg.locator(f'[data-count="family:{family}"]').inner_text() == "(0)"

    # Show all.
    pg.locator("#filter-reset").click()
    assert visible_ids(pg) == every
    assert status(pg) == f"Showing {n} of {n} findings."


def test_browser_filters_are_reachable_and_usable_by_keyboard(page: tuple[Any, Console]) -> None:
    pg, _ = page
    reached: list[str] = []
    for _ in range(80):
        pg.keyboard.press("Tab")
        reached.append(
            pg.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.tagName + ':' + (e.name || e.id || e.className || '')"
                " + ':' + (e.value || ''); })()"
            )
        )
        if reached[-1].startswith("BUTTON:filter-reset"):
            break
    assert reached[0].startswith("A:skip-link"), reached[:3]
    assert any(r.startswith("INPUT:family:") for r in reached)
    assert any(r.startswith("INPUT:severity:") for r in reached)
    assert any(r.startswith("SELECT:file:") for r in reached)
    assert reached[-1].startswith("BUTTON:filter-reset")
    # Space on a focused checkbox filters.
    pg.locator('input[name="severity"][value="error"]').focus()
    pg.keyboard.press("Space")
    assert pg.locator('input[name="severity"][value="error"]').is_checked() is False
    assert "Showing" in status(pg) and not pg.locator("li.finding.sev-error").first.is_visible()
    pg.keyboard.press("Space")
    assert pg.locator("li.finding.sev-error").first.is_visible()
    # The focus ring is visible (not suppressed by the stylesheet).
    outline = pg.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_browser_without_javascript_shows_every_finding(
    browser: Any, report_file: Path, pack_report: Report
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(report_file.as_uri())
        assert pg.locator("li.finding:visible").count() == len(pack_report.findings)
        assert pg.locator("#filters").is_hidden()  # no controls that cannot work
    finally:
        context.close()


def test_browser_print_puts_every_finding_on_paper(
    page: tuple[Any, Console], pack_report: Report
) -> None:
    pg, _ = page
    pg.locator('input[name="family"][value="PBR"]').uncheck()
    assert len(visible_ids(pg)) < len(pack_report.findings)
    pg.emulate_media(media="print")
    assert len(visible_ids(pg)) == len(pack_report.findings)
    assert pg.locator("#filters").is_hidden()
    # Closed findings print in full: the advice of every one is on paper.
    assert pg.locator("details.finding-details[open]").count() == 0
    shown = pg.evaluate(
        "Array.from(document.querySelectorAll('li.finding .advice'))"
        ".filter(el => el.getClientRects().length > 0).length"
    )
    assert shown == len(pack_report.findings)
    pdf = pg.pdf()  # and Chromium can lay it out on paper
    assert pdf.startswith(b"%PDF")


def test_browser_filters_stay_in_view_near_the_top(page: tuple[Any, Console]) -> None:
    pg, _ = page
    top = pg.evaluate("document.getElementById('filters').getBoundingClientRect().top")
    assert top < 400, "the filters sit near the top of the page, above the scorecard"
    last = pg.locator("li.finding").last
    last.scroll_into_view_if_needed()
    assert pg.evaluate("window.scrollY") > 1000
    box = pg.evaluate(
        "(() => { const r = document.getElementById('filters').getBoundingClientRect();"
        " return [r.top, r.bottom]; })()"
    )
    assert 0 <= box[0] <= 2 and box[1] < 450, box  # stuck to the top, not scrolled away
    # A finding under the panel is still reachable: unticking a box filters at once.
    pg.locator('input[name="severity"][value="warning"]').uncheck()
    assert "Showing" in status(pg)


def test_browser_findings_are_one_line_each_until_opened(
    page: tuple[Any, Console], pack_report: Report
) -> None:
    pg, _ = page
    n = len(pack_report.findings)
    heights = pg.evaluate(
        "Array.from(document.querySelectorAll('li.finding summary'))"
        ".map(el => el.getBoundingClientRect().height)"
    )
    line = pg.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('li.finding summary')).lineHeight)"
    )
    assert len(heights) == n and max(heights) < 2 * line  # one line each
    first = pg.locator("#f-1")
    assert not first.locator(".advice").is_visible()
    compact = pg.evaluate("document.documentElement.scrollHeight")
    first.locator("summary").click()
    assert first.locator(".advice").is_visible()
    assert squash(pack_report.findings[0].suggestion) in squash(first.inner_text())
    pg.locator("#expand-all").click()
    assert pg.locator("details.finding-details[open]").count() == n
    full = pg.evaluate("document.documentElement.scrollHeight")
    assert compact * 2 < full, (compact, full)
    assert pg.locator("#expand-all").inner_text() == "Collapse all"
    pg.locator("#expand-all").click()
    assert pg.locator("details.finding-details[open]").count() == 0


def test_browser_text_contrast_meets_wcag_aa(page: tuple[Any, Console]) -> None:
    pg, _ = page
    assert pg.evaluate(CONTRAST) == []
