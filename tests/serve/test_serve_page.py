"""``speclint serve``'s page in a real headless Chromium (Debian's ``chromium``, Playwright).

The server runs as a user runs it (``python -m speclint serve --port 0``); the browser
opens the address it prints, chooses a Word draft through the file chooser, reads the
findings under their principles, filters them, downloads the reviewed copy and the
reports, and types a clause until its finding appears and goes. The tests skip when
Chromium or Playwright is missing, unless ``CI`` is set: then they fail, because
``.ci/run`` installs both.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CONTRAST, load_generator

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("python_multipart")

from serve_helpers import ServerProcess

import speclint
from speclint.config import Settings
from speclint.principles import for_family

ROOT = Path(__file__).resolve().parents[2]
DOCX = ROOT / "fixtures" / "docx" / "spec_review.docx"
MARKDOWN = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    running = ServerProcess("--jobs", "2")
    try:
        yield running
    finally:
        running.stop()


class Watch:
    """Console errors (a blocked request or a policy violation is one), page errors, and
    every request that goes anywhere but the server."""

    def __init__(self, page: Any, origin: str) -> None:
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        page.on(
            "console",
            lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on(
            "request",
            lambda r: None if r.url.startswith(origin + "/") else self.elsewhere.append(r.url),
        )


@pytest.fixture
def watched(browser: Any, server: ServerProcess) -> Iterator[tuple[Any, Watch]]:
    """A page on the server, and what its console says (a test may expect an error)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    watch = Watch(pg, server.url)
    pg.goto(server.page_url)
    try:
        yield pg, watch
    finally:
        context.close()
    assert watch.errors == []
    assert watch.elsewhere == []


@pytest.fixture
def page(watched: tuple[Any, Watch]) -> Any:
    return watched[0]


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=TIMEOUT_MS)  # a loaded CI machine is slow
    return playwright_expect(locator)


def choose(pg: Any, *paths: Path) -> None:
    """Choose files through the page's file chooser, as a user does."""
    with pg.expect_file_chooser() as chooser:
        pg.get_by_role("button", name="Choose Word, PDF, Markdown or text files…").click()
    chooser.value.set_files([str(p) for p in paths])


def visible_codes(pg: Any, selector: str = "#report li.finding") -> list[str]:
    return list(
        pg.evaluate(
            "(s) => Array.from(document.querySelectorAll(s))"
            ".filter(e => e.offsetParent !== null).map(e => e.querySelector('code').textContent)",
            selector,
        )
    )


def test_a_word_draft_chosen_shows_its_findings_under_their_principles(page: Any) -> None:
    expected = speclint.check_bytes(DOCX.read_bytes(), "docx", config=Settings()).findings
    assert expected
    choose(page, DOCX)
    status = page.locator("#status")
    expect(status).to_contain_text("Checked 1 file:")
    assert status.inner_text().startswith(f"Checked 1 file: {len(expected)} findings (")
    assert status.get_attribute("aria-live") == "polite"
    # The HTML report's own rendering: the scorecard, then findings by principle and file.
    assert page.locator("#report #scorecard table.scorecard").is_visible()
    for finding in expected:
        principle = for_family(finding.family)
        group = f"#p-{principle.key}" if principle is not None else "#p-housekeeping"
        assert finding.code in visible_codes(page, f"{group} li.finding"), finding.code
    assert sorted(visible_codes(page)) == sorted(f.code for f in expected)
    assert page.locator("#report .file-group h4").first.inner_text().startswith("spec_review.docx")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-page.png"), full_page=True)


def test_the_reports_filters_work_on_the_page(page: Any) -> None:
    choose(page, DOCX, MARKDOWN)
    expect(page.locator("#status")).to_contain_text("Checked 2 files:")
    every = visible_codes(page)
    n = len(every)
    expect(page.locator("#filter-status")).to_have_text(f"Showing {n} of {n} findings.")
    family = sorted({code[:3] for code in every})[0]
    page.locator(f'input[name="family"][value="{family}"]').uncheck()
    left = [c for c in every if not c.startswith(family)]
    assert sorted(visible_codes(page)) == sorted(left)
    expect(page.locator("#filter-status")).to_have_text(f"Showing {len(left)} of {n} findings.")
    # One file only.
    page.locator("#filter-file").select_option(index=2)
    md = speclint.check_bytes(MARKDOWN.read_bytes(), "md", config=Settings()).findings
    in_md = [f.code for f in md if not f.code.startswith(family)]
    assert sorted(visible_codes(page)) == sorted(in_md)
    # Show all brings every finding back.
    page.locator("#filter-reset").click()
    assert sorted(visible_codes(page)) == sorted(every)
    # A second check replaces the report, and its filters work too.
    choose(page, MARKDOWN)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    page.locator('input[name="severity"][value="error"]').uncheck()
    assert sorted(visible_codes(page)) == sorted(f.code for f in md if f.severity != "error")


def test_the_reviewed_copy_and_the_reports_download(page: Any, tmp_path: Path) -> None:
    import docx

    choose(page, DOCX)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    link = page.get_by_role("link", name="Reviewed copy: spec_review.reviewed.docx")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "spec_review.reviewed.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    comments = [c for c in docx.Document(str(target)).comments if c.author == "speclint"]
    expected = speclint.check_bytes(DOCX.read_bytes(), "docx", config=Settings()).findings
    assert [c.text.split()[0] for c in comments] == [f.code for f in expected]

    for name, filename in (
        ("HTML report", "speclint-report.html"),
        ("JSON report", "speclint-report.json"),
        ("SARIF report", "speclint-report.sarif"),
    ):
        with page.expect_download() as info:
            page.get_by_role("link", name=name, exact=True).click()
        assert info.value.suggested_filename == filename
        saved = tmp_path / filename
        info.value.save_as(str(saved))
        text = saved.read_text("utf-8")
        if filename.endswith(".json"):
            assert json.loads(text)["summary"]["findings"] == len(expected)
        elif filename.endswith(".sarif"):
            assert len(json.loads(text)["runs"][0]["results"]) == len(expected)
        else:
            assert text.count('<li class="finding') == len(expected)


def test_a_macro_enabled_word_file_is_checked_and_its_missing_copy_explained(
    page: Any, tmp_path: Path
) -> None:
    macro = tmp_path / "tender-form.docm"
    macro.write_bytes(DOCX.read_bytes())
    choose(page, macro, DOCX)
    expect(page.locator("#status")).to_contain_text("Checked 2 files:")
    items = page.locator("#reviewed-list li")
    expect(items).to_have_text(
        [
            re.compile(r"^Reviewed copy: spec_review\.reviewed\.docx \(Word, \d+ comments\)$"),
            "No reviewed copy of tender-form.docm: a reviewed copy is a .docx, so save it as a "
            "Word Document (.docx) first for one.",
        ]
    )


def test_a_download_that_fails_says_why_on_the_page(watched: tuple[Any, Watch]) -> None:
    page, watch = watched
    choose(page, DOCX)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    # The server has forgotten the results (they expire, or it was restarted).
    page.route(
        "**/api/results/**",
        lambda route: route.fulfill(
            status=404,
            content_type="application/json",
            body=json.dumps({"error": "these results are no longer kept: choose the files again"}),
        ),
    )
    page.get_by_role("link", name="Reviewed copy: spec_review.reviewed.docx").click()
    problem = page.locator("#download-problem")
    expect(problem).to_have_text(
        "Could not download spec_review.reviewed.docx: these results are no longer kept: "
        "choose the files again"
    )
    assert problem.get_attribute("role") == "alert"
    assert [e for e in watch.errors if "404" in e]  # the browser's own line for the 404
    watch.errors[:] = [e for e in watch.errors if "404" not in e]
    # Once it answers again, the same link saves the copy.
    page.unroute("**/api/results/**")
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON report", exact=True).click()
    assert info.value.suggested_filename == "speclint-report.json"
    expect(problem).to_be_hidden()


def test_a_clause_typed_shows_its_finding_until_it_is_rewritten(page: Any) -> None:
    box = page.get_by_label("Paste or write a clause")
    status = page.locator("#clause-status")
    assert status.get_attribute("aria-live") == "polite"
    box.press_sequentially("4.2 Supervision is delivered", delay=15)
    expect(status).to_have_text("No findings: this clause is clean.")
    box.press_sequentially(" within existing resources.", delay=15)
    expect(status).to_have_text("1 finding (1 error).")
    item = page.locator("#clause-findings li.finding")
    expect(item).to_have_count(1)
    assert "RFL001" in item.inner_text()
    assert page.locator("#clause-findings mark").count() >= 1
    # The rewrite: the time is costed and protected.
    box.fill("")
    box.press_sequentially("4.2 Supervision is costed into the price as paid time.", delay=5)
    expect(status).to_have_text("No findings: this clause is clean.")
    expect(item).to_have_count(0)


def test_a_large_draft_shows_progress_while_it_runs(page: Any, tmp_path: Path) -> None:
    big = tmp_path / "large-spec.docx"
    big.write_bytes(load_generator("docx").bench_docx(3000))
    # Record what the page shows at each change, however quickly the check ends.
    page.evaluate(
        """() => {
            window.seen = [];
            const status = document.getElementById('status');
            const progress = document.getElementById('progress');
            const note = () => window.seen.push({
                status: status.textContent,
                progress: !progress.hidden,
                busy: document.getElementById('report').getAttribute('aria-busy'),
            });
            const watch = new MutationObserver(note);
            watch.observe(status, {childList: true, characterData: true, subtree: true});
            watch.observe(progress, {attributes: true});
        }"""
    )
    choose(page, big)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:", timeout=120_000)
    expect(page.locator("#progress")).to_be_hidden()
    seen = page.evaluate("window.seen")
    assert {"status": "Checking large-spec.docx…", "progress": True, "busy": "true"} in seen
    assert seen[-1]["progress"] is False and seen[-1]["busy"] is None


def test_files_dropped_on_the_page_are_checked(page: Any) -> None:
    text = MARKDOWN.read_text("utf-8")
    data = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], 'dropped.md', {type: 'text/markdown'}));
            dt.items.add(new File(['x'], 'budget.xlsx'));
            return dt;
        }""",
        text,
    )
    page.locator("#drop").dispatch_event("drop", {"dataTransfer": data})
    expect(page.locator("#status")).to_contain_text("Checked 1 of 2 files:")
    # The spreadsheet went to the server, which says how to have it checked, on its line.
    expect(page.locator("#status")).to_contain_text("1 document not checked")
    expect(page.locator("#file-problems li")).to_have_text(
        [
            re.compile(
                r"^budget\.xlsx: an Excel spreadsheet \(\.xlsx\), which speclint does not read; "
                r"convert it with LibreOffice"
            )
        ]
    )
    assert "dropped.md" in page.locator("#report .file-group h4").first.inner_text()


def test_files_dropped_anywhere_on_the_page_are_checked_not_opened(page: Any) -> None:
    choose(page, DOCX)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    data = page.evaluate_handle(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], 'second-draft.md', {type: 'text/markdown'}));
            return dt;
        }""",
        MARKDOWN.read_text("utf-8"),
    )
    # Dropped on the results of the first check: the page stays and checks the new file.
    page.locator("#report #scorecard").dispatch_event("drop", {"dataTransfer": data})
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    expect(page.locator("#report #files th .path")).to_have_text(["second-draft.md"])
    assert page.url.startswith("http://127.0.0.1")


def test_a_file_speclint_does_not_read_gets_the_servers_advice(page: Any) -> None:
    data = page.evaluate_handle(
        """() => {
            const dt = new DataTransfer();
            dt.items.add(new File(['x'], 'old-tender.doc'));
            return dt;
        }"""
    )
    page.locator("#drop").dispatch_event("drop", {"dataTransfer": data})
    expect(page.locator("#status")).to_contain_text(
        "No document was checked. 1 document not checked"
    )
    expect(page.locator("#file-problems")).to_contain_text(
        "old-tender.doc: a legacy Word document (.doc), which speclint does not read; "
        "convert it with LibreOffice: soffice --headless --convert-to docx"
    )
    expect(page.locator("#downloads")).to_be_hidden()  # no report of nothing to download


def test_an_error_from_the_server_is_shown_in_words(page: Any, tmp_path: Path) -> None:
    broken = tmp_path / "truncated.pdf"
    broken.write_bytes((ROOT / "fixtures" / "pdf" / "truncated.pdf").read_bytes())
    choose(page, broken, MARKDOWN)
    expect(page.locator("#status")).to_contain_text("1 file could not be read")
    assert page.locator("#status").inner_text().startswith("Checked 1 of 2 files: ")
    expect(page.locator("#report #input-errors")).to_contain_text("truncated.pdf")


def test_bad_files_in_a_pack_get_one_line_each_and_the_rest_is_checked(
    page: Any, tmp_path: Path
) -> None:
    bad = {
        "encrypted.docx": ROOT / "fixtures" / "docx" / "encrypted.docx",
        "empty.docx": ROOT / "fixtures" / "docx" / "empty.docx",
        "scanned.pdf": ROOT / "fixtures" / "pdf" / "scanned.pdf",
        "not_a_pdf.pdf": ROOT / "fixtures" / "pdf" / "not_a_pdf.pdf",
        "encrypted.pdf": ROOT / "fixtures" / "pdf" / "encrypted.pdf",
    }
    good = [ROOT / "fixtures" / "formats" / f"stop-smoking-spec.{x}" for x in ("docx", "pdf", "md")]
    choose(page, *good, *bad.values())
    status = page.locator("#status")
    expect(status).to_contain_text("Checked 3 of 8 files: ")
    expect(status).to_contain_text("5 files could not be read: each is listed below")
    lines = page.locator("#file-problems li").all_inner_texts()
    assert [line.split(" ", 1)[0].rstrip(":") for line in lines] == list(bad)
    assert all("\n" not in line for line in lines)  # one line each
    assert any("password" in line and "Word" in line for line in lines if "encrypted.docx" in line)
    assert any("scanned" in line and "OCR" in line for line in lines)
    # The three good files are all in the report.
    heads = page.locator("#report .file-group h4 .path").all_inner_texts()
    assert {p.name for p in good} == set(heads)


def test_a_folder_is_checked_with_its_subfolders_and_what_is_not_a_document_left_out(
    page: Any, tmp_path: Path
) -> None:
    import docx

    pack = tmp_path / "tender-pack"
    (pack / "Lot 1").mkdir(parents=True)
    (pack / "Lot 2").mkdir()
    (pack / ".git").mkdir()
    (pack / "Lot 1" / "spec.docx").write_bytes(DOCX.read_bytes())
    (pack / "Lot 2" / "spec.docx").write_bytes(
        (ROOT / "fixtures" / "formats" / "stop-smoking-spec.docx").read_bytes()
    )
    (pack / "notes.md").write_bytes(MARKDOWN.read_bytes())
    (pack / "pricing.xlsx").write_bytes(b"PK\x03\x04 not really")
    (pack / "logo.png").write_bytes(b"\x89PNG\r\n")
    (pack / "~$spec.docx").write_bytes(b"lock")
    (pack / ".DS_Store").write_bytes(b"x")
    (pack / ".git" / "config").write_bytes(b"x")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose a whole folder…").click()
    chooser.value.set_files(str(pack))
    status = page.locator("#status")
    expect(status).to_contain_text("Checked 3 of 4 files: ")
    expect(status).to_contain_text("1 document not checked")
    expect(status).to_contain_text("4 other files in the folder were left out (not documents).")
    # Each file is named by its place in the folder: the two spec.docx are told apart.
    heads = set(page.locator("#report #files th .path").all_inner_texts())
    assert heads == {
        "tender-pack/Lot 1/spec.docx",
        "tender-pack/Lot 2/spec.docx",
        "tender-pack/notes.md",
    }
    expect(page.locator("#file-problems li")).to_contain_text(
        ["tender-pack/pricing.xlsx: an Excel"]
    )
    # Two reviewed copies, each saved under its own name, never the upload's.
    links = page.locator("#reviewed-list a")
    expect(links).to_have_text(
        [
            "Reviewed copy: tender-pack/Lot 1/spec.reviewed.docx",
            "Reviewed copy: tender-pack/Lot 2/spec.reviewed.docx",
            "All 2 reviewed copies (zip)",
        ]
    )
    with page.expect_download() as info:
        page.get_by_role("link", name="All 2 reviewed copies (zip)").click()
    assert info.value.suggested_filename == "speclint-reviewed.zip"
    bundle = tmp_path / "reviewed.zip"
    info.value.save_as(str(bundle))
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == [
            "tender-pack/Lot 1/spec.reviewed.docx",
            "tender-pack/Lot 2/spec.reviewed.docx",
        ]
        first = docx.Document(io.BytesIO(archive.read("tender-pack/Lot 1/spec.reviewed.docx")))
    expected = speclint.check_bytes(DOCX.read_bytes(), "docx", config=Settings()).findings
    assert [c.text.split()[0] for c in first.comments if c.author == "speclint"] == [
        f.code for f in expected
    ]
    with page.expect_download() as info:
        links.first.click()
    assert info.value.suggested_filename == "spec.reviewed.docx"
    saved = tmp_path / "saved.docx"
    info.value.save_as(str(saved))
    assert saved.read_bytes() != DOCX.read_bytes()
    assert (pack / "Lot 1" / "spec.docx").read_bytes() == DOCX.read_bytes()  # never replaced


def test_a_folder_dropped_on_the_page_is_read_through_its_entries(page: Any) -> None:
    # A real drag from the desktop gives entries; the same walk over a stand-in folder.
    text = MARKDOWN.read_text("utf-8")
    page.evaluate(
        """(text) => {
            const file = (name, body) => ({
                isDirectory: false, isFile: true, name: name, fullPath: '/pack/' + name,
                file: (ok) => ok(new File([body], name)),
            });
            const folder = {
                isDirectory: true, isFile: false, name: 'pack', fullPath: '/pack',
                createReader: () => {
                    let batches = [[file('spec.md', text), file('photo.jpg', 'x')],
                                   [file('old.doc', 'x'), file('.hidden.md', text)], []];
                    return {readEntries: (ok) => ok(batches.shift())};
                },
            };
            const item = {kind: 'file', webkitGetAsEntry: () => folder};
            const event = new Event('drop', {bubbles: true, cancelable: true});
            Object.defineProperty(event, 'dataTransfer', {value: {items: [item], files: []}});
            document.getElementById('drop').dispatchEvent(event);
        }""",
        text,
    )
    status = page.locator("#status")
    expect(status).to_contain_text("Checked 1 of 2 files: ")
    expect(status).to_contain_text("2 other files in the folder were left out")
    assert page.locator("#report #files th .path").all_inner_texts() == ["pack/spec.md"]
    expect(page.locator("#file-problems li")).to_contain_text(["pack/old.doc: a legacy Word"])


def test_a_file_over_the_limit_is_its_own_line_and_the_rest_is_checked(
    browser: Any, tmp_path: Path
) -> None:
    running = ServerProcess("--jobs", "1", "--max-upload-mb", "0.25", "--max-files", "1")
    try:
        context = browser.new_context()
        try:
            pg = context.new_page()
            pg.goto(running.page_url)
            big = tmp_path / "annex-big.md"
            big.write_text("Background reading for the annex.\n\n" * 20_000, "utf-8")
            third = tmp_path / "third.md"
            third.write_bytes(MARKDOWN.read_bytes())
            choose(pg, big, MARKDOWN, third)
            status = pg.locator("#status")
            expect(status).to_contain_text("Checked 1 of 3 files: ")
            expect(status).to_contain_text("2 files could not be read")
            lines = pg.locator("#file-problems li").all_inner_texts()
            assert lines[0].startswith("annex-big.md is over the 256 KB limit for one file")
            assert lines[1].startswith(
                "third.md: not checked: the server checks at most 1 file at once"
            )
            assert pg.locator("#report #files th .path").all_inner_texts() == [MARKDOWN.name]
        finally:
            context.close()
    finally:
        running.stop()


def test_a_clean_file_says_plainly_that_nothing_was_found_and_what_was_checked(
    page: Any, tmp_path: Path
) -> None:
    clean = tmp_path / "befriending-spec.md"
    clean.write_text(
        "# Befriending service\n\n"
        "1.1 The service offers weekly visits to older people who live alone.\n\n"
        "1.2 The provider and the commissioner review the service together each year with "
        "people who use it, their carers and the volunteers, and agree any changes jointly.\n\n"
        "2.1 Coordinators receive monthly supervision, costed into the price as paid time.\n",
        "utf-8",
    )
    assert not speclint.check_bytes(clean.read_bytes(), "md", config=Settings()).findings
    choose(page, clean)
    expect(page.locator("#status")).to_have_text(
        "Checked 1 file: no findings. Nothing in it matched a rule; the scorecard below "
        "lists each Box 3 principle and the rules that checked it."
    )
    empty = page.locator("#report #findings .empty")
    expect(empty).to_contain_text("No findings. No clause in the file checked matched a rule")
    expect(page).to_have_title("0 findings in 1 file · speclint: check a commissioning document")
    expect(empty).to_contain_text("no rule can check")
    rows = page.locator("#report #scorecard tbody tr")
    assert rows.count() >= 8
    expect(page.locator("#file-problems")).to_be_hidden()
    expect(page.get_by_role("link", name="HTML report", exact=True)).to_be_visible()


def _record_progress(pg: Any) -> None:
    pg.evaluate(
        """() => {
            window.seen = [];
            const text = document.getElementById('progress-text');
            new MutationObserver(() => window.seen.push(text.textContent))
                .observe(text, {childList: true, characterData: true, subtree: true});
        }"""
    )


def test_progress_says_which_files_are_read_while_a_large_one_runs(
    page: Any, tmp_path: Path
) -> None:
    big = tmp_path / "large-spec.docx"
    big.write_bytes(load_generator("docx").bench_docx(3000))
    _record_progress(page)
    choose(page, big, MARKDOWN)
    expect(page.locator("#status")).to_contain_text("Checked 2 files:", timeout=120_000)
    seen = page.evaluate("window.seen")
    done = [s for s in seen if s.startswith("Read 1 of 2 files (")]
    assert done, seen
    # The small file is read first; the line says which is still being read.
    assert re.match(
        r"Read 1 of 2 files \(\d+ s\); last done: community-support-spec\.md \(\d+ findings\); "
        r"still reading large-spec\.docx\. Large PDFs can take a minute\.$",
        done[0],
    ), done[0]
    assert any(re.match(r"Reading 2 files \(\d+ s\)", s) for s in seen), seen
    expect(page).to_have_title(re.compile(r"^\d+ findings in 2 files · speclint: check"))


def test_a_check_can_be_stopped_and_the_next_one_runs(page: Any, tmp_path: Path) -> None:
    big = tmp_path / "large-spec.docx"
    big.write_bytes(load_generator("docx").bench_docx(3000))
    choose(page, big)
    stop = page.get_by_role("button", name="Stop the check")
    expect(stop).to_be_visible()
    stop.click()
    expect(page.locator("#status")).to_have_text(
        "Check stopped. Nothing was changed; choose the files again to check them."
    )
    expect(page.locator("#progress")).to_be_hidden()
    # Focus is not lost with the hidden button: it is where a new check starts.
    assert page.evaluate("document.activeElement.id") == "choose-files-button"
    choose(page, MARKDOWN)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")


def test_a_dropped_connection_is_said_plainly_and_nothing_is_lost(
    browser: Any, server: ServerProcess
) -> None:
    # Its own browser window: the dropped request is a console error the others forbid.
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        _connection_lost(context.new_page(), server)
    finally:
        context.close()


def _connection_lost(page: Any, server: ServerProcess) -> None:
    page.goto(server.page_url)
    page.route("**/api/review", lambda route: route.abort("connectionreset"))
    choose(page, MARKDOWN)
    expect(page.locator("#status")).to_have_text(
        "The check did not run. Your files are unchanged; choose them again to retry."
    )
    expect(page.locator("#problem")).to_contain_text(
        "The connection to the speclint server was lost"
    )
    expect(page.locator("#progress")).to_be_hidden()
    # An answer cut short after one file: said so, not shown as a clean result.
    page.unroute("**/api/review")
    page.route(
        "**/api/review",
        lambda route: route.fulfill(
            status=200,
            content_type="application/x-ndjson",
            body=json.dumps({"done": "a.md", "checked": 1, "of": 2, "findings": 0}) + "\n",
        ),
    )
    choose(page, MARKDOWN)
    expect(page.locator("#problem")).to_contain_text("The answer from the server was cut short")
    assert "no findings" not in page.locator("#status").inner_text()


def test_at_phone_width_nothing_is_cut_off(browser: Any, server: ServerProcess) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        pg = context.new_page()
        pg.goto(server.page_url)
        choose(pg, DOCX, MARKDOWN)
        expect(pg.locator("#status")).to_contain_text("Checked 2 files:")
        # The status is written before report.js runs and shows the filters: wait for it.
        expect(pg.locator("#filters")).to_be_visible()
        width = pg.evaluate("document.documentElement.clientWidth")
        assert pg.evaluate("document.documentElement.scrollWidth") <= width
        # The filters scroll away instead of covering the findings, and every choice shows.
        assert pg.evaluate("getComputedStyle(document.getElementById('filters')).position") == (
            "static"
        )
        for box in pg.locator("#filters label").all():
            found = box.bounding_box()
            assert found is not None and found["x"] + found["width"] <= width + 1, box.inner_text()
        # The scorecard's counts are in view, not off to the right.
        for cell in pg.locator("#scorecard td.num").all():
            found = cell.bounding_box()
            assert found is not None and found["x"] + found["width"] <= width + 1
        # A file's name in the table of files is not squeezed to a few letters a line.
        name = pg.locator("#files tbody th").first.bounding_box()
        assert name is not None and name["width"] > width / 2
        # Each finding's place (its clause, paragraph or line) is shown whole.
        for place in pg.locator("#report li.finding .line-place").all()[:10]:
            found = place.bounding_box()
            assert found is not None and found["x"] + found["width"] <= width + 1
            assert place.evaluate(
                "e => e.scrollWidth <= e.clientWidth + 1 || e.getClientRects().length > 1"
            )
        assert pg.evaluate(CONTRAST) == []
    finally:
        context.close()


def test_the_file_chooser_opens_from_the_keyboard(page: Any) -> None:
    """Enter on the focused button opens the hidden file input's chooser.

    The native dialog is not waited for: after other browser tests in one session,
    headless Chromium sometimes does not raise it at all, whatever the page does. What
    the page owns is that the key press reaches the hidden input as a click, and a test
    of the whole round trip by mouse is :func:`choose`'s in every other test.
    """
    page.evaluate(
        "window.chooserClicks = 0; document.getElementById('choose-files')"
        ".addEventListener('click', (e) => { window.chooserClicks++; e.preventDefault(); })"
    )
    # The tab order itself is test_the_page_works_by_keyboard_in_a_sensible_order's.
    page.focus("#choose-files-button")
    assert page.evaluate("document.activeElement.id") == "choose-files-button"
    page.keyboard.press("Enter")
    page.wait_for_function("window.chooserClicks === 1")
    page.keyboard.press("Space")
    page.wait_for_function("window.chooserClicks === 2")


def test_the_page_works_by_keyboard_in_a_sensible_order(page: Any) -> None:
    reached: list[str] = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.tagName + ':' + (e.id || e.getAttribute('href') || ''); })()"
            )
        )
        if reached[-1] == "TEXTAREA:clause":
            break
    assert reached[0] == "A:#main"  # the skip link
    assert (
        reached.index("BUTTON:choose-files-button")
        < reached.index("BUTTON:choose-folder-button")
        < reached.index("TEXTAREA:clause")
    )
    # Typing works from the keyboard alone, and the result is announced.
    page.keyboard.type("Supervision is delivered within existing resources.")
    expect(page.locator("#clause-status")).to_contain_text("1 finding")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # Every control has a label a screen reader reads out.
    # The choosers are buttons that say what they choose (a file input's own says
    # "Choose Files" for a folder too), each described by its hint.
    for name, hint in (
        ("Choose Word, PDF, Markdown or text files…", "files-hint"),
        ("Choose a whole folder…", "folder-hint"),
    ):
        button = page.get_by_role("button", name=name, exact=True)
        assert button.count() == 1 and button.get_attribute("aria-describedby") == hint
    assert page.get_by_label("Paste or write a clause").count() == 1
    assert page.locator("[role=status][aria-live=polite]").count() >= 2


def test_the_page_uses_only_its_own_origin(page: Any, server: ServerProcess) -> None:
    # The fixture fails the test on any request elsewhere or any console error (a
    # blocked inline script or a policy violation would be one); here, a full round.
    choose(page, DOCX)
    expect(page.locator("#status")).to_contain_text("Checked 1 file:")
    page.get_by_label("Paste or write a clause").fill(
        "Payment is withheld if KPI targets are missed."
    )
    expect(page.locator("#clause-status")).not_to_have_text("Nothing checked yet.")
    sources = page.evaluate(
        "Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))"
        ".map(e => e.src || e.href)"
    )
    assert sources and all(s.startswith(server.url + "/") for s in sources)


def test_with_a_token_the_printed_address_opens_a_working_page(browser: Any) -> None:
    running = ServerProcess("--jobs", "1", "--token", "page-token")
    try:
        context = browser.new_context()
        try:
            pg = context.new_page()
            watch = Watch(pg, running.url)
            pg.goto(running.page_url)
            assert pg.url == running.url + "/"  # the token has left the address bar
            [cookie] = context.cookies()
            assert cookie["name"] == "speclint_token" and cookie["httpOnly"] is True
            assert cookie["sameSite"] == "Strict"
            assert pg.evaluate("document.cookie") == ""  # out of the page script's reach
            pg.get_by_label("Paste or write a clause").fill(
                "4.2 Supervision is delivered within existing resources."
            )
            expect(pg.locator("#clause-status")).to_have_text("1 finding (1 error).")
            choose(pg, MARKDOWN)
            expect(pg.locator("#status")).to_contain_text("Checked 1 file:")
            assert watch.errors == [] and watch.elsewhere == []
        finally:
            context.close()
        # Without the token, the same browser gets nothing.
        bare = browser.new_context()
        try:
            response = bare.new_page().goto(running.url + "/")
            assert response is not None and response.status == 401
        finally:
            bare.close()
    finally:
        running.stop()


def test_the_page_text_contrast_meets_wcag_aa(page: Any) -> None:
    choose(page, DOCX, ROOT / "fixtures" / "pdf" / "scanned.pdf")
    expect(page.locator("#status")).to_contain_text("Checked 1 of 2 files:")
    expect(page.locator("#file-problems")).to_be_visible()
    expect(page.locator("#downloads-note")).to_be_visible()
    page.get_by_label("Paste or write a clause").fill(
        "4.2 Supervision is delivered within existing resources."
    )
    expect(page.locator("#clause-findings li.finding")).to_have_count(1)
    assert page.evaluate(CONTRAST) == []
