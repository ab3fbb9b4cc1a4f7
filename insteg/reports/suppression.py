"""Small-cell suppression: counts of people below the threshold are hidden from everyone but the
municipality's staff, and so is any other cell that would let a hidden one be computed back from a shown
total (complementary suppression). Zeros are shown: "nobody" identifies no one.

A table is a grid of counts with row and column totals; the grid is suppressed until no row or column has
exactly one hidden cell while its total is shown.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    value: int
    hidden: bool = False

    def __str__(self) -> str:
        return "–" if self.hidden else str(self.value)

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


def _small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def suppress_grid(grid: list[list[int]], threshold: int) -> tuple[list[list[Count]], list[Count], list[Count], Count]:
    """Hide small cells and their complements; returns cells, row totals, column totals and the grand total."""
    rows, columns = len(grid), len(grid[0]) if grid else 0
    hidden = [[_small(grid[r][c], threshold) for c in range(columns)] for r in range(rows)]
    row_totals = [sum(row) for row in grid]
    column_totals = [sum(grid[r][c] for r in range(rows)) for c in range(columns)]
    row_hidden = [_small(total, threshold) for total in row_totals]
    column_hidden = [_small(total, threshold) for total in column_totals]
    changed = True
    while changed:
        changed = False
        for r in range(rows):
            changed |= _complement([(grid[r][c], (r, c)) for c in range(columns)], hidden, row_hidden[r])
        for c in range(columns):
            changed |= _complement([(grid[r][c], (r, c)) for r in range(rows)], hidden, column_hidden[c])
    cells = [[Count(grid[r][c], hidden[r][c]) for c in range(columns)] for r in range(rows)]
    grand = sum(row_totals)
    return (
        cells,
        [Count(total, row_hidden[r]) for r, total in enumerate(row_totals)],
        [Count(total, column_hidden[c]) for c, total in enumerate(column_totals)],
        Count(grand, _small(grand, threshold)),
    )


def _complement(line: list[tuple[int, tuple[int, int]]], hidden: list[list[bool]], total_hidden: bool) -> bool:
    """In one row or column: with a shown total, one hidden cell could be computed back; hide the smallest
    other non-zero cell too."""
    if total_hidden:
        return False
    hidden_here = [position for _value, position in line if hidden[position[0]][position[1]]]
    if len(hidden_here) != 1:
        return False
    candidates = [(value, position) for value, position in line if value > 0 and not hidden[position[0]][position[1]]]
    if not candidates:
        return False
    _value, (r, c) = min(candidates)
    hidden[r][c] = True
    return True


def suppress_column(values: list[int], threshold: int) -> tuple[list[Count], Count]:
    if not values:
        return [], Count(0)
    cells, _rows, columns, _grand = suppress_grid([[value] for value in values], threshold)
    return [row[0] for row in cells], columns[0]


def part_of(part: int, whole: Count, threshold: int) -> Count:
    """A sum of cells (people in work, placements that ended) shown beside their table's total: hidden when it
    is small, when the rest of the total is small (whole − part would reveal it), or when the total is hidden."""
    return Count(part, whole.hidden or _small(part, threshold) or _small(whole.value - part, threshold))


def share(part: Count, whole: Count) -> str:
    """A percentage, or a dash when either count is hidden or there is nothing to divide."""
    if part.hidden or whole.hidden or not whole.value:
        return "–"
    return f"{round(100 * part.value / whole.value)} %"
