"""Configuration files: discovery, validation and one-line errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from speclint.config import Settings, discover, load_file
from speclint.errors import ConfigError


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.speclint]\nselect = ["PBR"]\nfail-on = "error"\n'
        '[tool.speclint.severity]\nPBR001 = "info"\n'
        '[tool.speclint.per-file-ignores]\n"legacy/*.md" = ["PBR002"]\n'
    )
    settings = load_file(tmp_path / "pyproject.toml")
    assert settings.select == ("PBR",) and settings.fail_on == "error"
    assert settings.enabled("PBR002", str(tmp_path / "new.md"))
    assert not settings.enabled("PBR002", str(tmp_path / "legacy" / "old.md"))
    assert not settings.enabled("RFL001")


def test_discovery_walks_up_and_nearest_wins(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('ignore = ["OVR"]\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "spec.md").write_text("x")
    assert discover(nested / "spec.md").ignore == ("OVR",)
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.speclint]\nignore = ["RFL"]\n')
    assert discover(nested / "spec.md").ignore == ("RFL",)


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('ignore = ["OVR"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(sub / "x.md").ignore == ("OVR",)


def test_one_run_reads_each_configuration_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folders below one configuration share it: it is read and validated once."""
    (tmp_path / "pyproject.toml").write_text('[tool.speclint]\nignore = ["OVR"]\n')
    for name in ("a", "b", "c/d"):
        (tmp_path / name).mkdir(parents=True)
    reads: list[Path] = []
    read_text = Path.read_text

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self)
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counting)
    cache: dict[Path, Settings] = {}
    found = [discover(tmp_path / name / "spec.md", cache) for name in ("a", "b", "c/d", "a")]
    assert all(settings is found[0] for settings in found)
    assert found[0].ignore == ("OVR",)
    assert reads.count(tmp_path / "pyproject.toml") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["PBR"]\n', "unknown key 'selct' (did you mean 'select'?; allowed: select,"),
        ("colour = true\n", "unknown key 'colour' (allowed: select, ignore"),
        (
            'include = ["*.rst"]\n',
            "unknown key 'include' (--include GLOB is a command-line option, not a config",
        ),
        ("per-file-ignore = {}\n", "(did you mean 'per-file-ignores'?; allowed"),
        ('fail-on = "sometimes"\n', "'fail-on' must be one of info, warning, error, never"),
        (
            '[severity]\nPBR001 = "loud"\n',
            "severity for 'PBR001' must be one of info, warning, error",
        ),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "speclint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_exclude_globs(tmp_path: Path) -> None:
    settings = Settings(exclude=("archive/**", "*.draft.md"), root=tmp_path)
    assert settings.excluded(str(tmp_path / "archive" / "2019" / "old.md"))
    assert settings.excluded(str(tmp_path / "x.draft.md"))
    assert not settings.excluded(str(tmp_path / "current.md"))


#: Ignore tables written as TOML reads them wrongly, and the one-line message for each.
IGNORE_TABLE_MISTAKES = [
    (
        '[tool.speclint.per-clause-ignores]\n4.3 = ["OVR"]\n',
        '[tool.speclint] [per-clause-ignores]: quote the clause number, as "4.3" = ["OVR"]; '
        "without quotes TOML reads 4.3 as a table of its own",
    ),
    (
        '[tool.speclint.per-clause-ignores]\n4.3.1 = "OVR"\n',
        '[tool.speclint] [per-clause-ignores]: quote the clause number, as "4.3.1" = ["OVR"]; '
        "without quotes TOML reads 4.3.1 as a table of its own; the value is a list of codes, "
        "not a single string",
    ),
    (
        '[tool.speclint.per-clause-ignores]\n"5.3" = "PBR"\n',
        '[tool.speclint] [per-clause-ignores]: the value is a list of codes, as "5.3" = ["PBR"], '
        "not a single string",
    ),
    (
        '[tool.speclint.per-clause-ignores]\n"5.3" = [1]\n',
        '[tool.speclint] [per-clause-ignores]: the value for "5.3" is a list of codes such as '
        '["OVR"]',
    ),
    (
        '[tool.speclint]\nper-clause-ignores = ["OVR"]\n',
        "[tool.speclint] [per-clause-ignores]: this is a table of clause numbers and codes, "
        'such as "4.3" = ["OVR"], under its own heading [tool.speclint.per-clause-ignores]',
    ),
    (
        '[tool.speclint.per-file-ignores]\nlegacy.docx = ["PBR"]\n',
        '[tool.speclint] [per-file-ignores]: quote the path pattern, as "legacy.docx" = ["PBR"]; '
        "without quotes TOML reads legacy.docx as a table of its own",
    ),
    (
        '[tool.speclint.per-file-ignores]\n"legacy/*.docx" = "PBR"\n',
        "[tool.speclint] [per-file-ignores]: the value is a list of codes, as "
        '"legacy/*.docx" = ["PBR"], not a single string',
    ),
]


@pytest.mark.parametrize(("text", "message"), IGNORE_TABLE_MISTAKES)
def test_ignore_table_mistakes_say_what_to_write(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(info.value) == f"{path} {message}"
    assert "valid tuple" not in str(info.value) and "valid dictionary" not in str(info.value)


@pytest.mark.parametrize(("text", "message"), IGNORE_TABLE_MISTAKES[:3])
def test_ignore_table_mistakes_stop_the_command_line(
    tmp_path: Path, text: str, message: str
) -> None:
    from speclint.cli import main

    (tmp_path / "pyproject.toml").write_text(text)
    draft = tmp_path / "draft.md"
    draft.write_text("4.2 The Provider will offer appointments in the evening.\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "--no-cache", str(draft)], out, err) == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("speclint: error: ")
    assert lines[0].endswith(f"{tmp_path / 'pyproject.toml'} {message}")


#: A list setting written as a single string, or left empty, and the line that says so.
LIST_SETTING_MISTAKES = [
    ('select = "PBR"', "'select' is a list of codes, as select = [\"PBR\"], not a single string"),
    ('ignore = "OVR003"', "'ignore' is a list of codes, as ignore = [\"OVR003\"], not a single"),
    ("extend-select = 3", "'extend-select' is a list of codes, such as extend-select = [\"PBR\"]"),
    ('exclude = "old/**"', "'exclude' is a list of path patterns, as exclude = [\"old/**\"]"),
    ("extend-exclude = [1]", "'extend-exclude' is a list of path patterns, such as"),
    ("select = []", "'select' is empty, so no rule would run; leave it out to run every rule"),
]


@pytest.mark.parametrize(("text", "message"), LIST_SETTING_MISTAKES)
def test_list_settings_say_what_to_write(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.speclint]\n{text}\n")
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(info.value).startswith(f"{path} [tool.speclint]: ")
    assert message in str(info.value)
    assert "valid tuple" not in str(info.value) and "Input should" not in str(info.value)


def test_empty_select_with_extend_select_is_a_selection(tmp_path: Path) -> None:
    path = tmp_path / "speclint.toml"
    path.write_text('select = []\nextend-select = ["PBR"]\n')
    settings = load_file(path)
    assert settings.enabled("PBR001") and not settings.enabled("OVR001")


def test_a_named_pyproject_without_a_speclint_table_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "specs"\n')
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(info.value) == f"{path}: has no [tool.speclint] table"


@pytest.mark.parametrize("table", ["tool.speclnt", "tool.spec-lint", "tool.Speclint"])
def test_a_misspelt_table_is_an_error_not_the_defaults(tmp_path: Path, table: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[project]\nname = "specs"\n\n[{table}]\nselect = ["PBR"]\n')
    expected = f"{path}: unknown table [{table}] (did you mean [tool.speclint]?)"
    with pytest.raises(ConfigError) as info:
        load_file(path)
    assert str(info.value) == expected
    with pytest.raises(ConfigError) as info:
        discover(tmp_path / "spec.md")
    assert str(info.value) == expected


def test_other_tools_tables_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n[tool.spellcheck]\n")
    assert discover(tmp_path / "spec.md") == Settings()
