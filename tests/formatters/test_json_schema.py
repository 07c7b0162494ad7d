"""The JSON output validates against the committed schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import speclint
from speclint.formatters.json import render
from speclint.models import FileError, Report

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text("utf-8"))


def test_report_matches_schema() -> None:
    report = speclint.check_paths([ROOT / "fixtures" / "markdown"])
    report = report.merge(Report(errors=(FileError(path="x.pdf", message="is encrypted"),)))
    data = json.loads(render(report))
    jsonschema.validate(data, SCHEMA)
    assert data["summary"]["errors"] == 1
    assert data["summary"]["findings"] == len(report.findings) > 5


def test_schema_rejects_a_renamed_field() -> None:
    data = json.loads(
        render(
            speclint.check_text("5.2 Ten per cent of the payment is withheld against KPI targets.")
        )
    )
    data["files"][0]["findings"][0]["rule"] = data["files"][0]["findings"][0].pop("code")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
