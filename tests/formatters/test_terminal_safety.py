"""Text from documents and file names reaches a terminal shown, never obeyed."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli as run

from speclint.terminal import visible

SPEC = (
    "5.2 Ten per cent of the monthly payment will be withheld \x1b[2J\x07until KPI targets "
    "are met.\n"
)


def test_control_characters_in_a_document_are_escaped(tmp_path: Path) -> None:
    spec = tmp_path / "spec.txt"
    spec.write_text(SPEC, encoding="utf-8")
    code, out, _ = run("check", "--no-cache", str(spec))
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J\\x07until" in out


@pytest.mark.parametrize(
    "name", ["spec\nfake.md:1:1: error: PBR001 forged.md", "spec\x1b]0;t\x07.md"]
)
def test_a_file_name_can_never_forge_a_line(tmp_path: Path, name: str) -> None:
    spec = tmp_path / name
    spec.write_text(SPEC.replace("\x1b[2J\x07", ""), encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "-q", str(spec))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1  # one finding, one line, whatever the name holds
    assert "\x1b" not in out and "\x07" not in out


def test_an_error_line_about_a_strange_name_is_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "bad\nname.docx"
    broken.write_bytes(b"not a zip")
    code, _, err = run("check", "--no-cache", str(broken))
    assert code == 2
    assert err.count("\n") == 1 and "bad\\nname.docx" in err


def test_visible_escapes_controls_and_bidi_overrides() -> None:
    assert visible("a\tb\r\n\x00\x9b\u202eZ") == "a\\tb\\r\\n\\x00\\x9b\\u202eZ"
    assert visible("Ten per cent – £30") == "Ten per cent – £30"
