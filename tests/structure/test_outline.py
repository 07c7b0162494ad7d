"""``speclint outline``: the units the rules read, as text and as the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import run_cli as run

import speclint
from speclint import api
from speclint.structure.build import MAX_DEPTH

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "outline.schema.json").read_text("utf-8"))
MD = ROOT / "fixtures" / "markdown" / "community-support-spec.md"
DOCX = ROOT / "fixtures" / "docx" / "spec_numbered.docx"
PDF = ROOT / "fixtures" / "pdf" / "spec_multipage.pdf"

SPEC = """\
# Schedule 2 – Home Support

## 4. Payment

4.1 The Provider will be paid:

- £30 for each visit completed on time;
- £10 for each visit shorter than planned.
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "home-support.md"
    path.write_text(SPEC, encoding="utf-8")
    return path


def test_text_shows_clause_heading_place_and_first_words(spec: Path) -> None:
    code, out, err = run("outline", str(spec))
    assert code == 0 and not err
    lines = out.splitlines()
    assert lines[0] == f"{spec} (3 units)"
    assert "  § Schedule 2 – Home Support > 4. Payment" in lines
    first = next(line for line in lines if "line 5" in line)
    assert first.split()[:4] == ["Schedule", "2", "4.1", "line"]
    assert first.rstrip().endswith("The Provider will be paid:")
    items = [line for line in lines if "[…:]" in line]
    assert len(items) == 2 and "£30 for each visit" in items[0]
    assert lines[-1] == "3 units in 1 file; the longest has 12 words."


def test_json_follows_the_schema_and_holds_whole_texts(spec: Path) -> None:
    code, out, _ = run("outline", "--format", "json", str(spec))
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    units = data["files"][0]["units"]
    assert [u["clause"] for u in units] == ["Schedule 2 4.1"] * 3
    assert units[1]["text"] == "The Provider will be paid: £30 for each visit completed on time;"
    assert units[1]["lead_in"] == len("The Provider will be paid:")
    assert units[1]["location"]["line"] == 7 and units[1]["location"]["column"] == 3
    assert units[0]["section"] == ["Schedule 2 – Home Support", "4. Payment"]


@pytest.mark.parametrize("path", [MD, DOCX, PDF])
def test_every_format_validates(path: Path) -> None:
    code, out, _ = run("outline", "--format", "json", str(path))
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["files"][0]["units"]


def test_the_outline_is_what_findings_are_placed_by(spec: Path) -> None:
    outline = speclint.outline_paths([spec]).files[0]
    report = speclint.check_paths([spec])
    places = {(u.clause, u.location.line) for u in outline.units}
    for finding in report.findings:
        assert (finding.location.clause, finding.location.line) in places


FORMATS = ROOT / "fixtures" / "formats"


def _numbers(nodes: list[dict[str, object]], depth: int = 0) -> list[tuple[int, object, str]]:
    out: list[tuple[int, object, str]] = []
    for node in nodes:
        out.append((depth, node["clause"], str(node["kind"])))
        out += _numbers(node["children"], depth + 1)  # type: ignore[arg-type]
    return out


def test_the_tree_nests_items_under_their_clause_and_clauses_under_headings(spec: Path) -> None:
    code, out, _ = run("outline", "--tree", "--format", "json", str(spec))
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert _numbers(data["files"][0]["tree"]) == [
        (0, "Schedule 2", "heading"),
        (1, "Schedule 2 4", "heading"),
        (2, "Schedule 2 4.1", "paragraph"),
        (3, "Schedule 2 4.1", "list_item"),
        (3, "Schedule 2 4.1", "list_item"),
    ]
    top = data["files"][0]["tree"][0]
    assert top["heading"] == "Home Support"
    assert top["children"][0]["children"][0]["words"] == 5


def test_the_tree_is_absent_unless_asked_for(spec: Path) -> None:
    code, out, _ = run("outline", "--format", "json", str(spec))
    assert code == 0 and "tree" not in json.loads(out)["files"][0]


def test_the_tree_as_text_indents_each_clause_under_its_parent(spec: Path) -> None:
    code, out, _ = run("outline", "--tree", str(spec))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{spec} (5 clauses in the tree)"
    assert lines[1].startswith("  Schedule 2 ") and lines[1].endswith("§ Home Support")
    assert lines[2].startswith("    Schedule 2 4 ") and "§ Payment" in lines[2]
    assert lines[3].startswith("      Schedule 2 4.1 ") and "line 5" in lines[3]
    assert lines[4].startswith("        Schedule 2 4.1 ") and "[…:] £30 for each visit" in lines[4]


def test_one_specification_has_one_tree_in_every_format() -> None:
    trees = []
    for suffix in ("md", "docx", "pdf"):
        outline = speclint.outline_paths([FORMATS / f"stop-smoking-spec.{suffix}"], tree=True)
        tree = outline.files[0].tree or ()
        nodes = _numbers([json.loads(n.model_dump_json()) for n in tree])
        trees.append([(depth, number) for depth, number, _ in nodes])  # Word numbers lists
    assert trees[0] == trees[1] == trees[2]
    assert (1, "Schedule 2 Part A") in trees[0] and (3, "Schedule 2 Part A 3.1") in trees[0]


def test_bad_files_get_one_line_and_exit_2_while_others_are_shown(
    spec: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip")
    code, out, err = run("outline", str(broken), str(spec))
    assert code == 2
    assert f"{spec} (3 units)" in out
    assert err.count("\n") == 1 and str(broken) in err and "Traceback" not in err
    code, out, _ = run("outline", "--format", "json", str(broken))
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["errors"][0]["path"] == str(broken)


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.odt").write_bytes(b"x")
    code, _, err = run("outline", str(tmp_path))
    assert code == 2 and "found no document to lint: speclint reads .md" in err


def test_a_path_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("outline")
    assert code == 2 and "required: PATH" in capsys.readouterr().err


def _depth(nodes: list[dict[str, Any]]) -> int:
    depth, level = 0, nodes
    while level:
        depth += 1
        level = [child for node in level for child in node["children"]]
    return depth


def test_a_clause_nested_far_too_deep_is_outlined(tmp_path: Path) -> None:
    """A pathological nesting (1,500 levels) is shown, not one error line."""
    lines = [
        ".".join(["4"] * depth) + " The Provider shall keep a record." for depth in range(1, 1501)
    ]
    deep = tmp_path / "deep.txt"
    deep.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("outline", "--tree", str(deep))
    assert code == 0 and not err
    assert (
        out.splitlines()[0] == f"{deep} (1,500 clauses in the tree)" or "1500" in out.split("\n")[0]
    )
    code, out, err = run("outline", "--tree", "--format", "json", str(deep))
    assert code == 0 and not err
    data = json.loads(out)
    tree = data["files"][0]["tree"]
    assert _depth(tree) == MAX_DEPTH
    assert len(data["files"][0]["units"]) == 1500
    assert data["files"][0]["units"][-1]["clause"] == ".".join(["4"] * 1500)


def test_an_internal_error_says_the_file_could_not_be_outlined(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the builder broke")

    monkeypatch.setattr(api, "outline_document", broken)
    report = api.outline_paths([spec])
    (error,) = report.errors
    assert error.message.startswith("could not be outlined because of an internal error")
    assert "RuntimeError: the builder broke" in error.message
