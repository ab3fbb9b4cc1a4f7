"""Charts of the evaluation's tables, drawn on the server as SVG with matplotlib.

A chart repeats what its table says; it is never the only way to read a number. Every chart is readable
without colour (each series has its own hatching and every bar its value written next to it), keeps its text
as text (svg.fonttype "none") and carries a <title> and <desc>. Counts hidden by small-cell suppression are
not drawn: their bar is left out and marked "–", as in the table, and the chart's caption says so.
"""

import base64
import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insteg.reports.figures import Table
from insteg.reports.suppression import Count

# Which columns a table's chart draws, when not every numeric column: commitments compare months committed
# with months delivered (slots are another unit); requirements count requirements; people stack the genders
# without the total column; SMEs compare SME tenderers and winners with all of them.
SERIES_COLUMNS = {"requirements": (1,), "commitments": (1, 2), "smes": (0, 1)}
WIDTH_INCHES = 6.3  # fits the page's column and an A4 page with 20 mm margins (170 mm)
INK = "#1b1b1b"
GRID = "#8a8a8a"
# High-contrast fills, each with a black outline and its own hatching, so no series depends on its colour.
FILLS = ["#005a8c", "#f0b323", "#ffffff", "#8fc79a", "#c9d7e3"]
HATCHES = ["", "//", "\\\\", "xx", "--"]
LABEL_WIDTH = 26  # characters before a row label wraps
# Text stays text (no glyph outlines), ids are the same on every run, hatching is drawn in ink.
RC_PARAMS = {"svg.fonttype": "none", "svg.hashsalt": "insteg", "hatch.linewidth": 0.8, "hatch.color": INK}
MAX_ROWS = 20  # a longer chart would not fit a page; the table reads better
FONT_SIZE = 10
CHAR_INCHES = 0.08  # an average character at FONT_SIZE points
LEGEND_INCHES = 0.4


@dataclass(frozen=True)
class Chart:
    svg: str  # a standalone SVG document
    title: str
    description: str  # the text alternative: what the chart shows and where its numbers are
    hidden: int  # values not drawn because small-cell suppression hides them
    width: int  # CSS pixels
    height: int

    @property
    def data_uri(self) -> str:
        """For an <img>: the page's policy allows data: images, while styles inside an inline SVG are blocked."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")

    @property
    def hidden_note(self) -> str:
        if not self.hidden:
            return ""
        return ngettext(
            "%(count)d small count is hidden and not drawn (marked –).",
            "%(count)d small counts are hidden and not drawn (marked –).",
            self.hidden,
        ) % {"count": self.hidden}


def chart_for(table: Table) -> Chart | None:
    """The table's chart, or None when it has no chart or nothing to draw (no rows, every value zero or hidden, or
    too many rows)."""
    if table.chart not in ("bar", "stacked") or not table.rows or len(table.rows) > MAX_ROWS:
        return None
    columns = _series_columns(table)
    if not columns:
        return None
    labels = [_wrap(label) for label, _values in table.rows]
    series = [(str(table.columns[c]), [values[c] for _label, values in table.rows]) for c in columns]
    if not any(_number(value) for _name, values in series for value in values):
        return None
    hidden = sum(1 for _name, values in series for value in values if _is_hidden(value))
    height = _height(len(labels), 1 if table.chart == "stacked" else len(series), len(series) > 1)
    svg = _draw(table, labels, series, height)
    description = _description(table, series)
    return Chart(
        svg=_with_title(svg, f"chart-{table.key}", str(table.title), description),
        title=str(table.title),
        description=description,
        hidden=hidden,
        width=round(WIDTH_INCHES * 96),
        height=round(height * 96),
    )


def not_drawn_note(table: Table) -> str:
    """Why a table that has a chart shows none (`chart_for` gave None), when there is more to say than "nothing to
    draw"."""
    if not table.chart:
        return ""
    if len(table.rows) > MAX_ROWS:
        return _("No chart: with more than %(rows)d rows the table reads better.") % {"rows": MAX_ROWS}
    if any(_is_hidden(value) for _label, values in table.rows for value in values):
        return _("No chart: its counts are too small to show.")
    return ""


def _series_columns(table: Table) -> list[int]:
    if table.key in SERIES_COLUMNS:
        return list(SERIES_COLUMNS[table.key])
    numeric = [
        index for index in range(len(table.columns)) if all(_is_numeric(values[index]) for _label, values in table.rows)
    ]
    if table.chart == "stacked" and len(numeric) > 1:
        numeric = numeric[:-1]  # a stacked table's last column is its row total: the stack itself shows it
    return numeric


def _is_numeric(value) -> bool:
    return isinstance(value, Count | int | float | Decimal) and not isinstance(value, bool)


def _is_hidden(value) -> bool:
    return isinstance(value, Count) and value.hidden


def _number(value) -> float:
    """The value to draw: 0 for a hidden count (which is not drawn at all), never its real number."""
    if isinstance(value, Count):
        return 0.0 if value.hidden else float(value.value)
    return float(value) if _is_numeric(value) else 0.0


def _shown(value) -> str:
    if _is_hidden(value):
        return "–"
    if isinstance(value, Count):
        return formats.number_format(value.value)
    return formats.number_format(value)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(str(label), LABEL_WIDTH, break_long_words=False)) or "–"


def _height(rows: int, bars_per_row: int, legend: bool) -> float:
    per_row = 0.22 + 0.2 * bars_per_row
    return round(0.75 + (0.35 if legend else 0) + rows * per_row, 2)


def _draw(table: Table, labels: list[str], series: list[tuple[str, list]], height: float) -> str:
    # Imported here: matplotlib is only needed by pages and documents that draw charts.
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    # Set, never restored: every chart wants the same values, and a set-and-restore (rc_context) would race
    # between threads drawing at the same time.
    matplotlib.rcParams.update(RC_PARAMS)
    figure = Figure(figsize=(WIDTH_INCHES, height))
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    # Margins set from the labels rather than by a layout engine, which would cost more than the drawing.
    widest = max(len(line) for label in labels for line in label.split("\n"))
    figure.subplots_adjust(
        left=(0.2 + widest * CHAR_INCHES) / WIDTH_INCHES,
        right=1 - 0.3 / WIDTH_INCHES,
        top=1 - (LEGEND_INCHES if len(series) > 1 else 0.15) / height,
        bottom=0.4 / height,
    )
    if table.chart == "stacked":
        _stacked(axes, labels, series)
    else:
        _grouped(axes, labels, series)
    axes.set_ylim(len(labels) - 0.5, -0.5)  # every row, drawn or not, and the table's first row on top
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(left=0, right=_right_limit(table, series))
    axes.grid(axis="x", color=GRID, linewidth=0.5, linestyle=":")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=FONT_SIZE)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "Insteg"})
    return buffer.getvalue()


def _right_limit(table: Table, series) -> float:
    if table.chart == "stacked":
        biggest = max(sum(_number(values[row]) for _name, values in series) for row in range(len(series[0][1])))
    else:
        biggest = max(_number(value) for _name, values in series for value in values)
    return max(biggest * 1.15, 1)  # room for the value labels


def _style(index: int) -> dict:
    return {
        "facecolor": FILLS[index % len(FILLS)],
        "hatch": HATCHES[index % len(HATCHES)],
        "edgecolor": INK,
        "linewidth": 0.8,
    }


def _grouped(axes, labels, series) -> None:
    height = 0.8 / len(series)
    for index, (name, values) in enumerate(series):
        positions = [row + (index - (len(series) - 1) / 2) * height for row in range(len(labels))]
        shown = [(position, value) for position, value in zip(positions, values, strict=True) if not _is_hidden(value)]
        bars = axes.barh(
            [position for position, _value in shown],
            [_number(value) for _position, value in shown],
            height=height * 0.92,
            label=name,
            **_style(index),
        )
        axes.bar_label(
            bars, labels=[_shown(value) for _position, value in shown], padding=3, fontsize=FONT_SIZE, color=INK
        )
        for position, value in zip(positions, values, strict=True):
            if _is_hidden(value):
                _mark_hidden(axes, 0, position)
    axes.set_yticks(range(len(labels)), labels)
    _legend(axes, [name for name, _values in series])


def _stacked(axes, labels, series) -> None:
    left = [0.0] * len(labels)
    for index, (name, values) in enumerate(series):
        rows = [row for row, value in enumerate(values) if not _is_hidden(value) and _number(value) > 0]
        bars = axes.barh(
            rows,
            [_number(values[row]) for row in rows],
            left=[left[row] for row in rows],
            height=0.6,
            label=name,
            **_style(index),
        )
        axes.bar_label(
            bars,
            labels=[_shown(values[row]) for row in rows],
            label_type="center",
            fontsize=FONT_SIZE,
            color=INK,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
        for row in rows:
            left[row] += _number(values[row])
    for row in range(len(labels)):
        if any(_is_hidden(values[row]) for _name, values in series):
            _mark_hidden(axes, left[row], row)
    axes.set_yticks(range(len(labels)), labels)
    _legend(axes, [name for name, _values in series])


def _mark_hidden(axes, x: float, y: float) -> None:
    """Where a hidden count would be: the same dash as in the table, so a gap never reads as zero."""
    axes.annotate(
        "–", (x, y), xytext=(4, 0), textcoords="offset points", va="center", color=INK, fontsize=FONT_SIZE + 2,
        annotation_clip=False,
    )  # fmt: skip


def _legend(axes, names: list[str]) -> None:
    """Drawn from the styles, so a series with nothing to draw still has its entry."""
    if len(names) < 2:
        return
    from matplotlib.patches import Patch

    handles = [Patch(label=name, **_style(index)) for index, name in enumerate(names)]
    axes.legend(
        handles=handles, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=min(len(names), 4), frameon=False,
        fontsize=FONT_SIZE, handleheight=1.2, handlelength=2.2,
    )  # fmt: skip


def _description(table: Table, series) -> str:
    names = ", ".join(name for name, _values in series)
    kind = _("Stacked bar chart") if table.chart == "stacked" else _("Bar chart")
    text = _("%(kind)s of %(series)s for each row of the table “%(title)s”; the table has the same figures.") % {
        "kind": kind,
        "series": names,
        "title": table.title,
    }
    return f"{text} {table.summary}".strip()


def _with_title(svg: str, name: str, title: str, description: str) -> str:
    """Name the drawing for assistive technology: role, <title> and <desc> right after the <svg> tag (ids unique
    per table, should several charts ever share one document)."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    head = svg[start:end]
    named = f'{head} role="img" aria-labelledby="{name}-title {name}-desc">'
    titles = f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>'
    return svg[:start] + named + titles + svg[end + 1 :]
