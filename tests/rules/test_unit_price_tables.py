"""MFL003 read from tables whose rows or cells are years.

A price that falls down a year-by-year table while the caseload in the next column
rises is "more for less" as surely as when a sentence says it; a table of lots or
localities, or one where the price keeps pace with the volume, is not.
"""

from __future__ import annotations

import pytest

import speclint


def _mfl003(text: str, fmt: str = "txt") -> list[str]:
    return [f.message for f in speclint.check_text(text, fmt).findings if f.code == "MFL003"]


BY_YEAR = """\
7. Finance

Year | Contract value | Minimum caseload
Year 1 | £2.4m | 900 clients
Year 2 | £2.3m | 960 clients
Year 3 | £2.2m | 1,020 clients
"""

ACROSS_YEARS = """\
7. Finance

| Measure | 2025/26 | 2026/27 | 2027/28 |
|---|---|---|---|
| Annual budget | £640,000 | £620,000 | £600,000 |
| Households supported | 410 | 440 | 470 |
"""


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_price_down_and_volume_up_down_a_year_table(fmt: str) -> None:
    (message,) = _mfl003(BY_YEAR, fmt)
    assert "contract value" in message and "minimum caseload" in message


def test_price_down_and_volume_up_across_year_columns() -> None:
    (message,) = _mfl003(ACROSS_YEARS, "md")
    assert "budget" in message and "households" in message


def test_a_row_that_runs_across_the_years() -> None:
    row = (
        "Year 1 £3.10m | Year 2 £3.05m | Year 3 £3.00m | Planned activity: 20,000 | 21,000 | 22,000"
    )
    assert _mfl003(row)


@pytest.mark.parametrize(
    "text",
    [
        # rows are lots, not years: nothing to compare over time
        BY_YEAR.replace("Year | ", "Lot | ")
        .replace("Year 1", "North")
        .replace("Year 2", "Central")
        .replace("Year 3", "South"),
        # the price keeps pace with the caseload
        BY_YEAR.replace("£2.3m", "£2.6m").replace("£2.2m", "£2.8m"),
        # staff are an input, not the volume the money buys
        BY_YEAR.replace("Minimum caseload", "Staff in post").replace(" clients", ""),
        # the caseload falls with the price
        BY_YEAR.replace("960", "850").replace("1,020", "800"),
        # a row of prices over the years with no volume beside them
        "Day care | 2025/26: £61 a day | 2026/27: £63 a day | Uplift: 3.3%",
    ],
)
def test_near_misses_stay_silent(text: str) -> None:
    assert _mfl003(text) == []


# Annual accounts put the newest year first: read in time order, the budget rises and
# the households fall, which is not "more for less".
NEWEST_FIRST_COLUMNS = """\
7. Finance

| Measure | 2026/27 | 2025/26 |
|---|---|---|
| Annual budget | £1,900,000 | £1,800,000 |
| Households supported | 1,300 | 1,400 |
"""

NEWEST_FIRST_ROWS = """\
7. Finance

Year | Contract value | Minimum caseload
2027/28 | £2.6m | 900 clients
2026/27 | £2.5m | 960 clients
2025/26 | £2.4m | 1,020 clients
"""


@pytest.mark.parametrize("text", [NEWEST_FIRST_COLUMNS, NEWEST_FIRST_ROWS])
def test_newest_year_first_is_read_in_time_order(text: str) -> None:
    assert _mfl003(text, "md") == []


def test_newest_year_first_still_finds_a_falling_price() -> None:
    text = NEWEST_FIRST_ROWS.replace("£2.6m", "£2.0m").replace("£2.4m", "£2.7m")
    text = text.replace("900", "1,200").replace("1,020", "800")
    (message,) = _mfl003(text, "md")
    assert "contract value" in message


@pytest.mark.parametrize(
    ("price", "volume"),
    [
        ("Contract value (£)", "Minimum caseload"),
        ("Contract value per year", "Caseload (minimum)"),
        ("Value, £", "Clients*"),
    ],
)
def test_column_headers_with_symbols_are_read(price: str, volume: str) -> None:
    text = BY_YEAR.replace("Contract value", price).replace("Minimum caseload", volume)
    assert len(_mfl003(text)) == 1
