"""The evaluation's charts: SVG with a name and a description, text kept as text, readable without colour, and
counts hidden by small-cell suppression never drawn."""

import base64
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from insteg.reports.charts import Chart, chart_for, not_drawn_note
from insteg.reports.figures import Table
from insteg.reports.suppression import Count

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _outcomes(at_end_job: Count) -> Table:
    return Table(
        key="outcomes",
        title="Outcomes at the end and 90 days after",
        columns=["At the end", "After 90 days"],
        rows=[("Job at the host", [at_end_job, Count(9)]), ("Studies", [Count(0), Count(6)])],
        total=("Total", [Count(at_end_job.value), Count(15)]),
        summary="In work 90 days after the end: 60 %.",
        about_people=True,
        chart="bar",
    )


def _people() -> Table:
    return Table(
        key="people",
        title="People placed, by age band and gender",
        columns=["Woman", "Man", "Other description", "Not stated", "Total"],
        rows=[
            ("25–29", [Count(3, hidden=True), Count(7), Count(0), Count(0), Count(10)]),
            ("30–39", [Count(6), Count(8), Count(0), Count(0), Count(14)]),
        ],
        summary="24 people started a placement in the period.",
        about_people=True,
        chart="stacked",
    )


def _parse(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg.encode())  # noqa: S314 -- our own drawing


def _texts(chart: Chart) -> list[str]:
    return [(element.text or "").strip() for element in _parse(chart).iter(f"{SVG}text")]


def _values(chart: Chart) -> list[str]:
    """The text drawn in the plot, without the axes' tick labels (0, 2, 4 … on the scale)."""
    root = _parse(chart)
    ticks = {
        id(text)
        for group in root.iter(f"{SVG}g")
        if group.get("id", "").startswith(("xtick", "ytick"))
        for text in group.iter(f"{SVG}text")
    }
    return [(text.text or "").strip() for text in root.iter(f"{SVG}text") if id(text) not in ticks]


def _bars(chart: Chart) -> int:
    """Drawn patches: the background, the axes' frame and one per bar or legend key."""
    return len(re.findall(r'<g id="patch_\d+">', chart.svg))


def test_a_chart_is_an_svg_with_a_title_and_a_description():
    chart = chart_for(_outcomes(Count(4)))
    root = _parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Outcomes at the end and 90 days after"
    assert "At the end, After 90 days" in desc.text and "the table has the same figures" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert chart.description == desc.text


def test_text_stays_text_and_every_bar_has_its_value_written_next_to_it():
    chart = chart_for(_outcomes(Count(4)))
    assert {"Job at the host", "Studies"} <= set(_texts(chart))  # row labels on the axis
    assert {"At the end", "After 90 days", "4", "9", "6", "0"} <= set(_values(chart))  # legend and bar values
    assert not re.search(r'<path id="DejaVu', chart.svg)  # no glyphs drawn as outlines


def test_series_are_told_apart_by_hatching_not_only_colour():
    svg = chart_for(_outcomes(Count(4))).svg
    assert len(set(re.findall(r'<pattern id="([^"]+)"', svg))) >= 1  # the second series is hatched
    assert 'fill="url(#' in svg or "fill: url(#" in svg


def test_a_hidden_count_is_not_drawn_and_the_chart_says_so():
    shown = chart_for(_outcomes(Count(4)))
    hidden = chart_for(_outcomes(Count(3, hidden=True)))
    assert _bars(hidden) == _bars(shown) - 1
    assert "3" not in _values(hidden)
    assert "–" in _values(hidden)
    assert hidden.hidden == 1
    assert hidden.hidden_note == "1 small count is hidden and not drawn (marked –)."
    assert shown.hidden == 0 and shown.hidden_note == ""


def test_a_stacked_chart_leaves_out_the_total_column_and_hidden_segments():
    chart = chart_for(_people())
    texts = _values(chart)
    assert {"Woman", "Man", "Other description", "Not stated"} <= set(texts)
    assert "Total" not in texts
    assert "3" not in texts and "10" not in texts and "14" not in texts  # the hidden count, and the totals
    assert {"7", "6", "8", "–"} <= set(texts)
    assert chart.hidden == 1


def test_no_chart_when_everything_is_hidden_and_the_page_says_why():
    table = _outcomes(Count(3, hidden=True))
    table.rows = [("Job at the host", [Count(3, hidden=True), Count(2, hidden=True)])]
    assert chart_for(table) is None
    assert not_drawn_note(table) == "No chart: its counts are too small to show."
    assert chart_for(Table(key="questions", title="Questions", columns=["Answers"], rows=[("On time", [4])])) is None


def test_no_chart_for_a_table_too_long_for_a_page():
    rows = [(f"KS 2026/{number:04d} – Storsjöbygg AB", [2, 24, Decimal(6), "placements"]) for number in range(21)]
    table = Table(key="commitments", title="Slots", columns=["Slots", "Committed", "Delivered", "Source"], rows=rows)
    table.chart = "bar"
    assert chart_for(table) is None
    assert not_drawn_note(table) == "No chart: with more than 20 rows the table reads better."


def test_charts_are_sized_for_the_page_and_the_pdf_and_work_as_images():
    chart = chart_for(
        Table(
            key="commitments",
            title="Slots and months committed and delivered",
            columns=["Slots", "Months committed", "Months delivered", "Source"],
            rows=[("KS 2026/0001 – Storsjöbygg AB", [2, 24, Decimal("16.8"), "placements"])],
            chart="bar",
        )
    )
    root = _parse(chart)
    assert root.get("width") == "453.6pt"  # 6.3 in: the page's column and A4 with 20 mm margins
    assert chart.width == 605
    assert base64.b64decode(chart.data_uri.removeprefix("data:image/svg+xml;base64,")).decode() == chart.svg
    texts = _values(chart)
    assert "24" in texts and "16.8" in texts
    assert "2" not in texts  # slots are another unit: the chart compares months
