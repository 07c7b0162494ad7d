"""Configuration files: discovery, validation and one-line errors."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["PBR"]\n', "unknown key 'selct' (allowed: select, ignore"),
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
