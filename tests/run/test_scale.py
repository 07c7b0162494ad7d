"""Parallel runs (--jobs), the results cache and the progress bar."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

import speclint.api
import speclint.results_cache
from speclint.api import check_paths
from speclint.cli import main
from speclint.config import Settings
from speclint.formatters import renderer
from speclint.progress import ProgressBar
from speclint.results_cache import ResultsCache

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

WITHHELD = (
    "# 6. Payment\n\n6.2 Ten per cent of the Annual Contract Value shall be held at risk "
    "against the Key Performance Indicators in Schedule 4.\n"
)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A small tender pack: Markdown, Word, PDF, and two files that cannot be read."""
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(FIXTURES / "markdown" / "community-support-spec.md", folder / "a-spec.md")
    shutil.copy(FIXTURES / "docx" / "spec_numbered.docx", folder / "b-contract.docx")
    shutil.copy(FIXTURES / "pdf" / "spec_multipage.pdf", folder / "c-schedule.pdf")
    (folder / "d-empty.txt").write_text("")
    (folder / "e-not-really.pdf").write_text("this is not a PDF")
    (folder / "f-payment.md").write_text(WITHHELD)
    return folder


def as_json(report: speclint.models.Report) -> str:
    return renderer("json")(report)


def test_jobs_gives_the_same_report_in_the_same_order(pack: Path) -> None:
    one = check_paths([pack], jobs=1)
    two = check_paths([pack], jobs=2)
    four = check_paths([pack], jobs=4)
    assert as_json(one) == as_json(two) == as_json(four)
    assert [Path(f.path).name for f in two.files] == [
        "a-spec.md",
        "b-contract.docx",
        "c-schedule.pdf",
        "f-payment.md",
    ]
    assert [Path(e.path).name for e in two.errors] == ["d-empty.txt", "e-not-really.pdf"]
    assert one.findings, "the pack has findings to compare"


def test_cli_jobs_output_is_identical(pack: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out, err = io.StringIO(), io.StringIO()
        code = main(["check", str(pack), "--jobs", jobs, "--no-cache"], out=out, err=err)
        assert code == 2  # two unreadable files
        outputs.append((out.getvalue(), err.getvalue()))
    assert outputs[0] == outputs[1]
    assert "d-empty.txt: the file is empty" in outputs[0][1]


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_jobs_value_is_a_usage_error(
    value: str, pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(pack), "--jobs", value]) == 2
    err = capsys.readouterr().err
    assert "argument -j/--jobs" in err and "Traceback" not in err


def refuse_to_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any real lint fail loudly, so that only cached results can succeed."""

    def boom(*args: object, **kwargs: object) -> object:
        raise AssertionError("linted although the cache should have answered")

    monkeypatch.setattr(speclint.api, "check_document", boom)


def test_second_run_over_unchanged_files_comes_from_the_cache(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = check_paths([pack], cache_dir=cache)
    refuse_to_lint(monkeypatch)
    second = check_paths([pack], cache_dir=cache)
    assert as_json(second) == as_json(first)
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_a_changed_file_is_linted_again(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    check_paths([pack / "f-payment.md"], cache_dir=cache)
    (pack / "f-payment.md").write_text(WITHHELD.replace("Ten per cent", "Five per cent"))
    refuse_to_lint(monkeypatch)
    report = check_paths([pack / "f-payment.md"], cache_dir=cache)
    assert report.errors and "linted although" in report.errors[0].message


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s.model_copy(update={"ignore": ("OVR",)}), id="settings"),
        pytest.param(lambda s: s.model_copy(update={"root": Path("/elsewhere")}), id="root"),
    ],
)
def test_different_settings_miss_the_cache(tmp_path: Path, change: object) -> None:
    cache = ResultsCache(tmp_path)
    settings = Settings()
    other = change(settings)  # type: ignore[operator]
    assert cache.key(b"x", "a.md", settings) != cache.key(b"x", "a.md", other)
    assert cache.key(b"x", "a.md", settings) != cache.key(b"x", "b.md", settings)
    assert cache.key(b"x", "a.md", settings) == cache.key(b"x", "a.md", Settings())


def test_a_new_speclint_or_changed_rules_miss_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ResultsCache(tmp_path)
    before = cache.key(b"x", "a.md", Settings())
    monkeypatch.setattr(speclint.results_cache, "code_fingerprint", lambda: "edited rules")
    assert cache.key(b"x", "a.md", Settings()) != before


def test_code_fingerprint_covers_the_rule_packs() -> None:
    package = Path(speclint.results_cache.__file__).parent
    assert (package / "rules" / "packs" / "pbr.toml").is_file()
    assert len(speclint.results_cache.code_fingerprint()) == 64


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("rules/packs/pbr.toml", True),
        ("_scan.c", True),
        ("query/query.lark", True),
        ("notes.txt", False),
        ("__pycache__/x.py", False),
    ],
)
def test_the_fingerprint_changes_with_what_the_lint_runs(
    tmp_path: Path, name: str, counts: bool
) -> None:
    fingerprint = speclint.results_cache.package_fingerprint
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("first")
    before = fingerprint(tmp_path)
    target.write_text("second")
    assert (fingerprint(tmp_path) != before) is counts


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"path": 3}', b"\xff\xfe\x00"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(pack: Path, tmp_path: Path, garbage: bytes) -> None:
    cache = tmp_path / "cache"
    target = [pack / "f-payment.md"]
    first = check_paths(target, cache_dir=cache)
    entries = list((cache / "results").rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_bytes(garbage)
    again = check_paths(target, cache_dir=cache)
    assert as_json(again) == as_json(first)
    body = entries[0].read_bytes().partition(b"\n")[2]  # after the HMAC line
    assert json.loads(body)["path"] == str(pack / "f-payment.md")


def test_an_unwritable_cache_never_fails_a_run(pack: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    report = check_paths([pack / "f-payment.md"], cache_dir=blocker)
    assert [f.code for f in report.findings] == ["PBR001"]


def test_no_cache_writes_nothing(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    code = main(
        ["check", str(pack / "f-payment.md"), "--no-cache", "--cache-dir", str(cache)],
        out=io.StringIO(),
        err=io.StringIO(),
    )
    assert code == 1 and not cache.exists()
    main(
        ["check", str(pack / "f-payment.md"), "--cache-dir", str(cache)],
        out=io.StringIO(),
        err=io.StringIO(),
    )
    assert list((cache / "results").rglob("*.json"))


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_many_files(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SPECLINT_NO_PROGRESS", raising=False)
    err = Terminal()
    main(["check", str(pack), "--jobs", "1", "--no-cache"], out=io.StringIO(), err=err)
    shown = err.getvalue()
    assert "\rspeclint [" in shown and "6/6 files" in shown
    assert "\r\x1b[2K" in shown  # cleared before the report's own lines
    assert shown.index("\r\x1b[2K") < shown.index("speclint: error:")


@pytest.mark.parametrize(
    ("tty", "env", "files"),
    [(False, {}, 6), (True, {"CI": "true"}, 6), (True, {}, 5)],
    ids=["piped", "in-ci", "a-handful"],
)
def test_no_progress_bar_when_piped_in_ci_or_for_a_handful(
    tty: bool, env: dict[str, str], files: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    err = Terminal() if tty else io.StringIO()
    bar = ProgressBar(err)
    for done in range(1, files + 1):
        bar(done, files)
    bar.close()
    assert err.getvalue() == ""


def test_a_file_reached_twice_is_linted_once(pack: Path) -> None:
    report = check_paths([pack / "f-payment.md", pack, str(pack / ".." / "pack" / "f-payment.md")])
    names = [Path(f.path).name for f in report.files]
    assert names.count("f-payment.md") == 1
    assert names[0] == "f-payment.md"  # where it was first named


def test_a_failed_cache_write_leaves_no_temporary_file(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    target = [pack / "f-payment.md"]
    check_paths(target, cache_dir=cache)
    (entry,) = (cache / "results").rglob("*.json")
    entry.unlink()
    entry.mkdir()  # os.replace cannot put a file where a folder is
    for _ in range(2):
        assert [f.code for f in check_paths(target, cache_dir=cache).findings] == ["PBR001"]
    assert not list((cache / "results").rglob("*.tmp"))


def test_default_jobs_is_the_cores_this_process_may_use() -> None:
    from speclint.cli import build_parser

    args = build_parser().parse_args(["check"])
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert args.jobs == expected


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_on_stdout_is_streamed_and_identical_to_the_whole_report(
    pack: Path, tmp_path: Path, jobs: str
) -> None:
    (pack / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy Word")
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    whole = check_paths([pack, empty], jobs=int(jobs), cache_dir=tmp_path / "cache")
    assert whole.files and whole.errors and whole.skipped
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--format", "json", "--jobs", jobs, "--cache-dir", str(tmp_path / "c2")]
    code = main([*argv, str(pack), str(empty)], out, err)
    assert out.getvalue() == as_json(whole)
    assert code == 2  # unreadable files, as the whole report says


def test_streamed_json_of_one_clean_file_and_of_no_findings(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# 1. Scope\n\n1.1 The service supports adults at home.\n")
    for paths in ([clean], [clean, clean]):
        out = io.StringIO()
        code = main(
            ["check", "--format", "json", "--no-cache", *map(str, paths)], out, io.StringIO()
        )
        assert out.getvalue() == as_json(check_paths(paths)) and code == 0


def test_streamed_results_keep_the_order_and_are_given_as_they_come(pack: Path) -> None:
    skipped, results = speclint.api.stream_paths([pack], jobs=2)
    first = next(results)
    rest = list(results)
    whole = check_paths([pack], jobs=2)
    got = [first, *rest]
    assert [r for r in got if isinstance(r, speclint.models.FileReport)] == list(whole.files)
    assert [r for r in got if isinstance(r, speclint.models.FileError)] == list(whole.errors)
    assert skipped == whole.skipped


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown", "html"])
def test_every_format_is_written_file_by_file_with_the_same_bytes(
    pack: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The streamed report, on stdout or in a file, is the whole report's render, at any --jobs."""
    (pack / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy Word")
    whole = check_paths([pack], jobs=1)
    assert whole.files and whole.errors and whole.skipped and whole.findings
    monkeypatch.setattr(speclint.api, "_WINDOW", 2)  # reordered in small windows: out of order
    for jobs in ("1", "3"):
        for quiet in ([], ["--quiet"]) if fmt in ("text", "github") else ([],):
            want = renderer(fmt)(whole, quiet=bool(quiet))
            out, err = io.StringIO(), io.StringIO()
            argv = ["check", str(pack), "--format", fmt, "--jobs", jobs, "--no-cache", *quiet]
            assert main(argv, out, err) == 2
            assert out.getvalue() == want, (fmt, jobs, quiet)
            report = tmp_path / f"report.{fmt}"
            assert main([*argv, "-o", str(report)], io.StringIO(), io.StringIO()) == 2
            assert report.read_bytes() == want.encode("utf-8"), (fmt, jobs, quiet, "-o")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown", "html"])
def test_a_baseline_is_applied_file_by_file_with_the_same_bytes(
    pack: Path, tmp_path: Path, fmt: str
) -> None:
    from speclint.baseline import Baseline, write_baseline
    from speclint.models import Report

    whole = check_paths([pack], jobs=1)
    baseline = tmp_path / "baseline.json"
    write_baseline(Report(files=whole.files[:1]), baseline)
    known = Baseline.load(baseline).filter(whole)
    assert known.baselined and known.findings
    out = io.StringIO()
    argv = ["check", str(pack), "--format", fmt, "--jobs", "2", "--no-cache"]
    assert main([*argv, "--baseline", str(baseline)], out, io.StringIO()) == 2
    assert out.getvalue() == renderer(fmt)(known)


def test_the_markdown_summary_keeps_only_the_rows_that_fit(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(150):
        (folder / f"lot-{i:03d}.md").write_text(WITHHELD * 3)
    whole = check_paths([folder])
    want = renderer("markdown")(whole)
    assert "more findings not shown" in want
    out = io.StringIO()
    main(["check", str(folder), "--format", "markdown", "--no-cache"], out, io.StringIO())
    assert out.getvalue() == want


def test_a_sarif_finding_of_an_unknown_rule_gets_its_index_at_the_end(pack: Path) -> None:
    from speclint.formatters import sarif, stream

    whole = check_paths([pack / "f-payment.md", pack / "a-spec.md"])
    strange = [
        fr.model_copy(
            update={"findings": tuple(f.model_copy(update={"code": "ZZZ9"}) for f in fr.findings)}
        )
        for fr in whole.files
    ]
    report = whole.model_copy(update={"files": (strange[0], *whole.files[1:])})
    written: list[str] = []
    options = stream.Options("sarif")
    writer = stream.writer(written.append, options)
    for file in report.files:
        writer.add(stream.piece(options, file))
    writer.finish(report.errors, report.skipped)
    assert "".join(written) == sarif.render(report)
    assert '"ruleIndex": ' + str(len(speclint.registry.builtin_registry().rules)) in sarif.render(
        report
    )


def test_a_linked_file_keeps_the_configuration_of_the_folder_it_is_in(tmp_path: Path) -> None:
    """Paths worked out from the walk, not asked of the file system, are the same paths."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "speclint.toml").write_text('ignore = ["PBR"]\nexclude = ["skip-*.md"]\n')
    (real / "spec.md").write_text(WITHHELD)
    (real / "skip-me.md").write_text(WITHHELD)
    (real / "sub").mkdir()
    (real / "sub" / "spec.md").write_text(WITHHELD)
    links = tmp_path / "links"
    links.mkdir()
    (links / "linked.md").symlink_to(real / "spec.md")
    (links / "plain.md").write_text(WITHHELD)
    (links / "into").symlink_to(real, target_is_directory=True)  # not followed
    report = check_paths([links, real])
    by_name = {Path(f.path).name: [x.code for x in f.findings] for f in report.files}
    # linked.md is real/spec.md: it takes real's configuration, and is linted once.
    assert [Path(f.path).parent.name for f in report.files] == ["links", "links", "sub"]
    assert by_name == {"linked.md": [], "plain.md": ["PBR001"], "spec.md": []}


def test_a_report_streamed_to_the_bar_s_terminal_never_shares_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SPECLINT_NO_PROGRESS", raising=False)
    folder = tmp_path / "lots"
    folder.mkdir()
    for i in range(8):
        (folder / f"lot-{i}.md").write_text(WITHHELD)
    screen = Terminal()
    assert main(["check", str(folder), "--jobs", "2", "--no-cache", "-q"], screen, screen) == 1
    shown = screen.getvalue()
    assert "\rspeclint [" in shown and shown.count("PBR001") == 8
    for line in shown.split("\n"):
        # What a terminal shows of the line: the text after its last carriage return.
        visible_part = line.rsplit("\r", 1)[-1]
        assert not ("speclint [" in visible_part and "PBR001" in visible_part), line


def test_sarif_is_written_whole_without_a_writable_temporary_folder(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def unwritable(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError(2, "No usable temporary directory found")

    whole = check_paths([pack], jobs=1)
    monkeypatch.setattr(tempfile, "TemporaryFile", unwritable)
    out = io.StringIO()
    assert main(["check", str(pack), "--format", "sarif", "--no-cache"], out, io.StringIO()) == 2
    assert out.getvalue() == renderer("sarif")(whole)


def test_a_folder_nested_deeper_than_the_recursion_limit_is_walked(tmp_path: Path) -> None:
    top = tmp_path / "deep"
    folders = [top]
    try:
        top.mkdir()
        for _ in range(sys.getrecursionlimit() + 100):
            folders.append(folders[-1] / "a")
            folders[-1].mkdir()
        (folders[-1] / "spec.md").write_text(WITHHELD)
        report = check_paths([top])
    finally:
        # Removed from the bottom up: pytest's own clean-up would recurse too deep.
        (folders[-1] / "spec.md").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.exists():
                folder.rmdir()
    assert [f.code for f in report.findings] == ["PBR001"] and not report.errors
