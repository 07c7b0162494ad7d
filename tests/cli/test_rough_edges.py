"""Issue 15: the rough edges a new user hits (skipped files, defaults, typos, stdin, API)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from helpers import load_generator

import speclint
from speclint.annotate import AUTHOR
from speclint.cli import main
from speclint.formatters import FORMATS

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))
WITHHELD = (
    "5.2 Ten per cent of the monthly payment will be withheld until the KPI targets are met.\n"
)


def run(*argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err, stdin=io.BytesIO(stdin))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A folder with one Markdown spec, a .doc, a spreadsheet, an .rst note and an image."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "spec.md").write_text(WITHHELD)
    (folder / "old spec.doc").write_bytes(b"\xd0\xcf\x11\xe0 legacy")
    (folder / "prices.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / "notes.rst").write_text(WITHHELD)
    (folder / "logo.png").write_bytes(b"\x89PNG")
    (folder / "~$spec.docx").write_bytes(b"lock")
    return folder


# --- 1. files left out without a word -----------------------------------------------------


def test_skipped_documents_are_named_with_the_fix_in_text(pack: Path) -> None:
    code, out, err = run("check", "--no-cache", str(pack))
    assert code == 1
    assert "Not checked (3 documents speclint does not read):" in out
    doc = pack / "old spec.doc"
    assert (
        f"  {doc}: a legacy Word document (.doc), which speclint does not read; convert it "
        f"with LibreOffice: soffice --headless --convert-to docx --outdir {pack} '{doc}'"
    ) in out
    assert "prices.xlsx: an Excel spreadsheet (.xlsx)" in out and "--convert-to pdf" in out
    assert "notes.rst: a reStructuredText document (.rst)" in out
    assert "add --include '*.rst'" in out
    assert "logo.png" not in out and "~$spec" not in out  # not documents
    assert out.rstrip().endswith(
        "Found 1 finding (1 error) in 1 file; 3 documents not checked (listed above)."
    )
    assert err == ""


def test_skipped_documents_in_json_sarif_html_markdown_github(pack: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--format", "json", str(pack))
    assert code == 1  # skipped documents do not change the exit code
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert [Path(s["path"]).name for s in data["skipped"]] == [
        "notes.rst",
        "old spec.doc",
        "prices.xlsx",
    ]
    assert all(s["reason"] for s in data["skipped"])
    assert data["summary"]["skipped"] == 3 and data["summary"]["errors"] == 0

    sarif = json.loads(run("check", "--no-cache", "--format", "sarif", str(pack))[1])
    (invocation,) = sarif["runs"][0]["invocations"]
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"] * 3
    assert "soffice --headless --convert-to docx" in notes[1]["message"]["text"]
    assert invocation["executionSuccessful"] is True  # skipping is not a failure

    page = run("check", "--no-cache", "--format", "html", str(pack))[1]
    assert '<h2 id="not-checked-h">Files not checked (3)</h2>' in page
    assert "a legacy Word document (.doc)" in page

    summary = run("check", "--no-cache", "--format", "markdown", str(pack))[1]
    assert "### Files not checked" in summary and "3 documents speclint does not read" in summary

    github = run("check", "--no-cache", "--format", "github", str(pack))[1]
    assert github.count("::warning file=") == 3 and "title=not checked" in github


def test_include_reads_extra_files_as_plain_text(pack: Path) -> None:
    code, out, _ = run("check", "--no-cache", "--format", "json", "--include", "*.rst", str(pack))
    data = json.loads(out)
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert files["notes.rst"]["format"] == "txt"
    assert [f["code"] for f in files["notes.rst"]["findings"]] == ["PBR001"]
    assert "notes.rst" not in {Path(s["path"]).name for s in data["skipped"]}
    assert code == 1


def test_a_folder_with_nothing_to_lint_is_exit_2_not_a_clean_report(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letter.doc").write_bytes(b"legacy")
    code, out, err = run("check", "--no-cache", str(folder))
    assert code == 2
    assert "No findings in 0 files" not in out
    assert out.rstrip().endswith(
        "No document was checked; 1 document not checked (listed above); "
        "1 folder with no document to lint."
    )
    assert err == (
        f"speclint: error: {folder}: found no document to lint: speclint reads .md, "
        ".markdown, .txt, .docx, .docm, .dotx, .dotm and .pdf (1 other document skipped)\n"
    )
    # A named office file says how to convert it.
    code, _, err = run("check", "--no-cache", str(folder / "letter.doc"))
    assert code == 2 and "soffice --headless --convert-to docx" in err


def test_no_report_file_is_left_when_nothing_could_be_read(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run(
        "check", "--no-cache", "--format", "html", "-o", str(target), str(tmp_path / "nope.md")
    )
    assert code == 2 and out == "" and not target.exists()
    assert f"no document could be read; {target} not written" in err


# --- 2. the default path and reviewed copies ------------------------------------------------


def test_reviewed_copies_are_left_out_of_folders_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(load_generator("docx").spec_review())
    assert run("annotate", str(draft))[0] == 0
    reviewed = tmp_path / "draft.reviewed.docx"
    assert reviewed.exists()
    monkeypatch.chdir(tmp_path)
    data = json.loads(run("check", "--no-cache", "--format", "json")[1])  # no PATH: '.'
    assert [Path(f["path"]).name for f in data["files"]] == ["draft.docx"]
    # Named outright, a reviewed copy is linted.
    data = json.loads(run("check", "--no-cache", "--format", "json", str(reviewed))[1])
    assert [Path(f["path"]).name for f in data["files"]] == ["draft.reviewed.docx"]
    # 'exclude' replaces the default; 'extend-exclude' adds to it.
    (tmp_path / "speclint.toml").write_text("exclude = []\n")
    data = json.loads(run("check", "--no-cache", "--format", "json", ".")[1])
    assert len(data["files"]) == 2
    (tmp_path / "speclint.toml").write_text('extend-exclude = ["draft.docx"]\n')
    code, _, err = run("check", "--no-cache", ".")
    assert code == 2 and "2 files left out by 'exclude'" in err


def test_check_help_says_the_default_path_formats_and_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "(default: the current folder, '.')" in help_text
    assert "--format {text,json,sarif,github,markdown,html} text (default, for people)" in (
        help_text
    )
    assert "exit codes: 0 no finding at or above the fail level" in help_text
    assert "*.reviewed.docx" in help_text
    assert "--stdin-filename NAME" in help_text and "--include GLOB" in help_text


# --- 3. annotate: replace its own comments, exit 0 ------------------------------------------


def test_annotating_a_reviewed_copy_replaces_speclints_comments(tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(load_generator("docx").spec_review())
    people = [c for c in docx.Document(str(draft)).comments if c.author != AUTHOR]
    assert people, "the fixture has a reviewer's own comment"
    code, out, _ = run("annotate", str(draft))
    first = tmp_path / "draft.reviewed.docx"
    ours = [c for c in docx.Document(str(first)).comments if c.author == AUTHOR]
    assert code == 0 and len(ours) > 1

    again = tmp_path / "again.docx"
    code, out, err = run("annotate", str(first), "-o", str(again))
    assert (code, err) == (0, "")
    n = len(ours)
    assert out == f"Wrote {again} with {n} comments (replacing {n} earlier speclint comments).\n"
    comments = list(docx.Document(str(again)).comments)
    assert len([c for c in comments if c.author == AUTHOR]) == n  # not doubled
    assert [(c.author, c.text) for c in comments if c.author != AUTHOR] == [
        (c.author, c.text) for c in people
    ]
    # No range or reference mark is left without its comment.
    xml = zipfile.ZipFile(again).read("word/document.xml").decode("utf-8")
    ids = {str(c.comment_id) for c in comments}
    for mark in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        marked = re.findall(rf'<w:{mark} w:id="(\d+)"', xml)
        assert sorted(marked) == sorted(ids), mark


def test_annotate_help_gives_its_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotate", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "0 every reviewed copy was written" in help_text
    assert "1 with --fail-on LEVEL: a finding at or above LEVEL" in help_text


# --- 4. -o says what it wrote ---------------------------------------------------------------


def test_output_file_says_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("check", "--no-cache", "--format", "html", "-o", str(target), str(SPEC))
    assert code == 1 and out == ""
    count = len(speclint.check_paths([SPEC]).findings)
    assert err == f"wrote {target} ({count} findings in 1 file)\n"
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


# --- 5. help and typos ----------------------------------------------------------------------


def test_a_mistyped_command_or_choice_gets_did_you_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["chek", "x.md"]) == 2
    assert "(did you mean 'check'?)" in capsys.readouterr().err
    assert main(["check", "--format", "jsn", "x.md"]) == 2
    assert "(did you mean 'json'?)" in capsys.readouterr().err


def test_a_mistyped_selector_names_the_option_and_the_nearest_code(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(WITHHELD)
    code, _, err = run("check", "--select", "PRB", str(spec))
    assert (code, err) == (
        2,
        "speclint: error: --select: 'PRB' names no rule (did you mean PBR?)\n",
    )
    code, _, err = run("check", "--ignore", "RFL0001", str(spec))
    assert code == 2 and "--ignore: 'RFL0001' names no rule (did you mean RFL001?)" in err
    (tmp_path / "speclint.toml").write_text('select = ["OVX"]\n')
    code, _, err = run("check", str(spec))
    assert code == 2 and f"{tmp_path / 'speclint.toml'}: 'OVX' names no rule" in err


def test_rule_finds_rules_by_words_of_their_name() -> None:
    code, out, _ = run("rule", "reflective")
    assert code == 0
    assert out.splitlines()[0] == "3 rules match 'reflective':"
    assert "  RFL001  reflective-time-explicitly-unfunded  (error)" in out.splitlines()
    code, out, _ = run("rule", "explicitly", "unfunded")
    assert code == 0 and out.startswith("RFL001 reflective-time-explicitly-unfunded")
    code, _, err = run("rule", "zebra")
    assert code == 2 and "no rule called 'zebra'" in err


def test_every_text_finding_line_carries_its_severity_word(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('[severity]\nOVR = "info"\n')
    spec = tmp_path / "spec.md"
    spec.write_text(SPEC.read_text("utf-8"))
    code, out, _ = run("check", "--no-cache", "--quiet", str(spec))
    lines = out.splitlines()
    assert lines and code == 1
    words = [
        re.match(rf"{re.escape(str(spec))}:\d+:\d+: (\w+): [A-Z]{{3}}\d{{3}} ", line)
        for line in lines
    ]
    assert all(words), lines
    seen = {w.group(1) for w in words if w}
    assert {"error", "info"} <= seen <= {"error", "warning", "info"}


# --- 6. standard input ----------------------------------------------------------------------


def test_stdin_takes_its_format_from_the_name_and_config_from_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SPEC.read_bytes()
    code, out, _ = run("check", "-", "--stdin-filename", "drafts/spec.md", stdin=text)
    assert code == 1
    assert out.splitlines()[0].startswith("drafts/spec.md:")
    via_file = run("check", "--no-cache", str(SPEC))[1]
    assert out == via_file.replace(str(SPEC), "drafts/spec.md")
    # Without a name the text is read as plain text, named <stdin>.
    data = json.loads(run("check", "-", "--format", "json", stdin=WITHHELD.encode())[1])
    assert (data["files"][0]["path"], data["files"][0]["format"]) == ("<stdin>", "txt")
    # Configuration is discovered from the name's folder.
    (tmp_path / "speclint.toml").write_text('ignore = ["PBR"]\n')
    name = str(tmp_path / "new.txt")
    assert run("check", "-", "--stdin-filename", name, stdin=WITHHELD.encode())[0] == 0
    monkeypatch.chdir(tmp_path)
    assert run("check", "-", stdin=WITHHELD.encode())[0] == 0  # from the working folder
    assert run("check", "-", str(SPEC))[0] == 2
    assert run("check", "--stdin-filename", "x.md", str(SPEC))[0] == 2


# --- 7. the Python API renders exactly what the command line writes -------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_matches_the_cli_byte_for_byte(fmt: str, tmp_path: Path) -> None:
    paths = [str(ROOT / "fixtures" / "markdown"), str(ROOT / "fixtures" / "formats")]
    target = tmp_path / f"report.{fmt}"
    code, _, _ = run("check", "--no-cache", "--format", fmt, "-o", str(target), *paths)
    assert code == 1
    report = speclint.check_paths(paths)
    assert speclint.render(report, fmt) == target.read_text("utf-8")
    if fmt == "json":
        assert report.to_json() == target.read_text("utf-8")
        assert report.model_dump_json() != report.to_json()


# --- 8. the README's examples are real -------------------------------------------------------


README = (ROOT / "README.md").read_text("utf-8")


def test_the_tours_sample_output_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    tour = README[README.index("## A 60-second tour") :]
    command = re.search(r"```sh\n(speclint check [^\n]+)\n```", tour)
    sample = re.search(r"```text\n(.*?)```", tour, re.DOTALL)
    assert command and sample
    monkeypatch.chdir(ROOT)
    code, out, _ = run(*command.group(1).split()[1:], "--no-cache")
    assert code == 1
    shown = sample.group(1).splitlines()
    real = out.splitlines()
    assert shown[0] == real[0]  # the first finding line, word for word
    assert shown[1:3] == real[1:3]  # its excerpt and advice
    assert shown[-1] == real[-1]  # the summary line


def test_the_readme_names_only_files_that_exist() -> None:
    for gone in ("tender-pack", "draft.md", "draft.docx", "Home Support Spec", "library/"):
        assert gone not in README, gone
    named = set(re.findall(r"fixtures/[\w./-]*\w", README))
    assert "fixtures/formats/stop-smoking-spec.docx" in named
    for path in named - {"fixtures/formats/stop-smoking-spec.reviewed.docx"}:
        assert (ROOT / path).exists(), path
    assert "paragraph 12` is\n  the twelfth paragraph" in README  # counted from 1
    assert '"ExportNotes":{"type":"boolean","value":"true"}' in README


def _with_comments_extended(path: Path) -> None:
    """Give every comment paragraph a w14:paraId and list them in commentsExtended.xml."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    comments = parts["word/comments.xml"].decode("utf-8")
    counter = iter(range(1, 10_000))
    comments = re.sub(r"<w:p>", lambda _: f'<w:p w14:paraId="{next(counter):08X}">', comments)
    parts["word/comments.xml"] = comments.encode("utf-8")
    ids = re.findall(r'w14:paraId="([0-9A-F]{8})"', comments)
    entries = "".join(f'<w15:commentEx w15:paraId="{i}" w15:done="0"/>' for i in ids)
    parts["word/commentsExtended.xml"] = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
        f'<w15:commentsEx xmlns:w15="{w15}" xmlns:w14="{w14}">{entries}</w15:commentsEx>'
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdCx" Type="http://schemas.microsoft.com/office/2011/relationships/'
        'commentsExtended" Target="commentsExtended.xml"/></Relationships>',
    ).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/></Types>',
    ).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def test_re_annotating_a_copy_word_saved_keeps_its_companion_part_in_step(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(load_generator("docx").spec_review())
    assert run("annotate", str(draft))[0] == 0
    reviewed = tmp_path / "draft.reviewed.docx"
    _with_comments_extended(reviewed)  # as Word saves it: comments listed in commentsEx
    again = tmp_path / "again.docx"
    assert run("annotate", str(reviewed), "-o", str(again))[0] == 0
    with zipfile.ZipFile(again) as package:
        extended = package.read("word/commentsExtended.xml").decode("utf-8")
        comments = package.read("word/comments.xml").decode("utf-8")
    listed = set(re.findall(r'w15:paraId="([0-9A-F]{8})"', extended))
    kept = set(re.findall(r'w14:paraId="([0-9A-F]{8})"', comments))
    people = [c for c in docx.Document(str(again)).comments if c.author != AUTHOR]
    assert listed == kept and len(listed) == len(people)  # only the people's comments
