"""One finding per family and sentence: the other rules of the family named in ``related``."""

from __future__ import annotations

import json

import pytest

import speclint
from speclint.config import Settings
from speclint.engine.grouping import _merged
from speclint.models import Finding, Severity

# OVR001 (a fixed visit length), OVR003 (judgement ruled out) and OVR010 (the amount of
# care fixed) all fire on it.
ROTA = (
    "## 3. Home support\n\n"
    "3.2 Every lunchtime call shall last 15 minutes, and carers shall do only those tasks "
    "written on the rota sheet.\n"
)
# The same sentence, then an OVR sentence of its own and a PBR sentence.
PACK = (
    ROTA + "\n3.3 Staff shall read the approved greeting script word for word at every visit.\n"
    "\n## 5. Payment\n\n5.1 Ten per cent of the monthly payment will be withheld until the "
    "waiting-list target is met.\n"
)


def lint(text: str, settings: Settings | None = None) -> list[Finding]:
    report = speclint.check_text(text, "md", config=settings)
    assert not report.errors
    return list(report.findings)


def test_rules_of_one_family_on_one_sentence_are_one_finding() -> None:
    separate = [f.code for f in lint(ROTA, Settings(group_related=False)) if f.location.line == 3]
    assert sorted(separate) == ["OVR001", "OVR003", "OVR010"]
    (finding,) = [f for f in lint(ROTA) if f.location.line == 3]
    assert finding.code == "OVR001" and finding.related == ("OVR003", "OVR010")


def test_other_sentences_and_other_families_are_not_folded() -> None:
    grouped = lint(PACK)
    by_line = {}
    for finding in grouped:
        by_line.setdefault(finding.location.line, []).append(finding.code)
    assert by_line[3] == ["OVR001"]  # OVR003 folded in
    assert "OVR002" in by_line[5]  # a sentence of its own keeps its finding
    assert any(code.startswith("PBR") for code in by_line[9])
    separate = lint(PACK, Settings(group_related=False))
    folded = sum(len(f.related) for f in grouped)
    assert folded >= 1 and len(separate) == len(grouped) + folded
    assert {f.code for f in separate} == {f.code for f in grouped} | {
        code for f in grouped for code in f.related
    }


def test_the_most_severe_rule_leads_the_finding() -> None:
    raised = Settings(severity={"OVR003": Severity.ERROR})
    (finding,) = [f for f in lint(ROTA, raised) if f.location.line == 3]
    assert finding.code == "OVR003" and finding.related == ("OVR001", "OVR010")
    assert finding.severity is Severity.ERROR


def test_the_lead_highlights_every_rules_trigger_words() -> None:
    separate = [f for f in lint(ROTA, Settings(group_related=False)) if f.location.line == 3]
    (grouped,) = [f for f in lint(ROTA) if f.location.line == 3]
    for finding in separate:
        assert finding.excerpt == grouped.excerpt
        for start, end in finding.highlights:
            assert any(s <= start and end <= e for s, e in grouped.highlights)


def test_silencing_the_lead_leaves_the_other_rule_reported() -> None:
    text = ROTA.replace("3.2 Every", "<!-- speclint: ignore OVR001 -- agreed -->\n3.2 Every")
    codes = [(f.code, f.related) for f in lint(text)]
    assert ("OVR003", ("OVR010",)) in codes and all(code != "OVR001" for code, _ in codes)
    silenced = ROTA.replace("3.2 Every", "<!-- speclint: ignore OVR -- agreed -->\n3.2 Every")
    assert lint(silenced) == []


def test_json_carries_related_and_text_names_it() -> None:
    report = speclint.check_text(ROTA, "md")
    data = json.loads(report.to_json())
    found = [f for f in data["files"][0]["findings"] if f["location"]["line"] == 3]
    assert [(f["code"], f["related"]) for f in found] == [("OVR001", ["OVR003", "OVR010"])]
    assert "(also OVR003, OVR010)" in speclint.render(report, "text")


def test_group_related_must_be_true_or_false() -> None:
    with pytest.raises(ValueError, match=r"group-related|group_related"):
        Settings.model_validate({"group-related": "no"})


@pytest.mark.parametrize(
    ("spans", "joined"),
    [
        ([], ()),
        ([(5, 9), (0, 3)], ((0, 3), (5, 9))),
        ([(0, 4), (2, 8), (8, 10)], ((0, 10),)),
        ([(3, 6), (3, 6)], ((3, 6),)),
    ],
)
def test_highlights_are_joined_where_they_overlap(
    spans: list[tuple[int, int]], joined: tuple[tuple[int, int], ...]
) -> None:
    assert _merged(spans) == joined


def test_folded_highlights_are_found_again_in_the_kept_excerpt() -> None:
    text = (
        "# 6. Payment\n\n6.1 Ten per cent of the contract value is at risk. It is withheld "
        "where fewer than 95% of calls start on time, and a penalty of 2% applies for each "
        "missed target.\n"
    )
    (finding,) = [f for f in speclint.check_text(text).findings if f.family == "PBR"]
    assert finding.related
    marked = [finding.excerpt[a:b] for a, b in finding.highlights]
    assert "penalty" in marked and "Ten per cent" in marked
    # Every highlight is a whole run of the excerpt's words, none cut into a word.
    for a, b in finding.highlights:
        assert (a == 0 or not finding.excerpt[a - 1].isalnum()) and (
            b == len(finding.excerpt) or not finding.excerpt[b].isalnum()
        )
