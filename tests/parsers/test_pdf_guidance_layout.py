"""A page of published guidance read as its reader reads it (``fixtures/structure``).

``metrics-annex.pdf`` is written by ``fixtures/structure/make_fixtures.py``: a list
numbered 1 to 3 after a lead-in, a paragraph after it, a bullet left open with bullets
under it, and a metrics table parted by rows drawn across it. Expected texts come from
the generator's constants, never from the parser's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import load_generator

from speclint.models import Clause
from speclint.parsers import parse_bytes, parse_path
from speclint.structure import build_outline

gen = load_generator("structure")
FIXTURE = Path(gen.HERE) / "metrics-annex.pdf"


@pytest.fixture(scope="module")
def units() -> list[Clause]:
    return build_outline(parse_path(FIXTURE)).units


def _blocks(data: bytes) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in parse_bytes(data, "m.pdf", "pdf").blocks]


def test_the_committed_fixture_matches_the_generator() -> None:
    assert _blocks(FIXTURE.read_bytes()) == _blocks(gen.metrics_annex()), (
        "fixtures/structure/metrics-annex.pdf is stale: run fixtures/structure/make_fixtures.py"
    )


def test_the_tiers_are_read_with_their_lead_in_and_keep_their_numbers(units: list[Clause]) -> None:
    tiers = [u for u in units if u.lead_in and u.text.startswith(gen.LEAD)]
    assert [u.number for u in tiers] == ["1", "2", "3"]
    assert [u.text[u.lead_in :].strip() for u in tiers] == [t[3:] for t in gen.TIERS]


def test_the_paragraph_after_the_tiers_is_not_in_the_third(units: list[Clause]) -> None:
    (after,) = [u for u in units if u.text == gen.AFTER]
    assert after.number is None


def test_nested_bullets_are_read_after_the_open_bullet_above_them(units: list[Clause]) -> None:
    nested = [u for u in units if u.text.startswith(f"{gen.FEATURES}:")]
    assert [u.text[u.lead_in :].strip() for u in nested] == list(gen.NESTED)


def test_metric_rows_carry_the_group_row_above_them(units: list[Clause]) -> None:
    groups = {
        u.text.split(" | ")[0].removeprefix("Metric: "): u.heading_path[-1]
        for u in units
        if u.kind == "table_cell" and u.text.startswith("Metric: ")
    }
    outcome, process = gen.ROWS[0][0], gen.ROWS[3][0]
    assert groups == {
        gen.ROWS[1][0]: outcome,
        gen.ROWS[2][0]: outcome,
        gen.ROWS[4][0]: process,
        gen.ROWS[5][0]: process,
    }


def test_a_table_with_no_header_row_reads_its_first_row_as_data(units: list[Clause]) -> None:
    rows = [u.text for u in units if u.kind == "table_cell" and "Metric" not in u.text]
    rows = [r for r in rows if r not in (gen.ROWS[0][0], gen.ROWS[3][0])]
    particulars = [" | ".join(c for c in row if c) for row in gen.PARTICULARS]
    domains = [" | ".join(c for c in row if c) for row in gen.DOMAINS]
    assert rows == particulars + domains


# -- guidance-annex.pdf: heading levels from type sizes, bold bullet titles -----------

GUIDE = Path(gen.HERE) / "guidance-annex.pdf"


@pytest.fixture(scope="module")
def guide_units() -> list[Clause]:
    return build_outline(parse_path(GUIDE)).units


def test_the_committed_guidance_fixture_matches_the_generator() -> None:
    assert _blocks(GUIDE.read_bytes()) == _blocks(gen.guidance_annex()), (
        "fixtures/structure/guidance-annex.pdf is stale: run fixtures/structure/make_fixtures.py"
    )


def test_an_annex_in_a_subsection_size_starts_a_top_section(guide_units: list[Clause]) -> None:
    for heading, text in gen.ANNEXES:
        (unit,) = [u for u in guide_units if u.text == text]
        assert unit.number == heading.split(":")[0]
        assert unit.heading_path == (gen.GUIDE_TITLE,)
    (body,) = [u for u in guide_units if u.text.startswith(gen.GUIDE_BODY[0])]
    assert body.heading_path == (gen.GUIDE_TITLE, gen.GUIDE_SECTION, gen.GUIDE_SUBSECTION)


def test_a_bold_bullet_title_reads_as_a_title(guide_units: list[Clause]) -> None:
    items = [u for u in guide_units if u.kind == "list_item"]
    titled = [" ".join(u.text.split()) for u in items[: len(gen.TITLED)]]
    assert titled == [f"{title}: {text}" for title, text in gen.TITLED]
    plain = " ".join(items[len(gen.TITLED)].text.split())
    assert plain == " ".join(gen.PLAIN_BULLET)
