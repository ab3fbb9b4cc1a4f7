"""Small-cell suppression, with the cases a statistician checks: a small cell, its complement, small totals,
zeros, and a grid where hiding one cell forces more."""

import pytest

from insteg.reports.suppression import Count, part_of, share, suppress_column, suppress_grid


def _shown(cells):
    return [str(cell) for cell in cells]


@pytest.mark.parametrize(
    ("values", "expected", "total"),
    [
        ([10, 12, 7], ["10", "12", "7"], "29"),  # nothing small
        ([10, 3, 7], ["10", "–", "–"], "20"),  # 3 hidden; 7 too, or 20 − 10 − 7 gives it back
        ([0, 0, 0], ["0", "0", "0"], "0"),  # zeros identify no one
        ([2, 1], ["–", "–"], "–"),  # a small total is hidden too
        ([10, 1, 2, 20], ["10", "–", "–", "20"], "33"),  # two small cells protect each other
    ],
)
def test_a_column_hides_small_counts_and_what_would_reveal_them(values, expected, total):
    cells, column_total = suppress_column(values, threshold=5)
    assert _shown(cells) == expected
    assert str(column_total) == total


def test_a_single_small_cell_with_a_shown_total_and_no_complement_is_still_safe():
    """[10, 3, 0]: the only other non-zero cell is 10; hiding it keeps 3 from being computed from 13."""
    cells, total = suppress_column([10, 3, 0], threshold=5)
    assert _shown(cells) == ["–", "–", "0"]
    assert str(total) == "13"


def test_a_grid_is_protected_in_both_directions():
    grid = [
        [20, 3, 15],
        [12, 9, 11],
    ]
    cells, rows, columns, grand = suppress_grid(grid, threshold=5)
    hidden = [[cell.hidden for cell in row] for row in cells]
    # 3 is hidden; in its row the smallest other (15) goes, and in each column no single hidden cell remains.
    for r in range(2):
        assert sum(hidden[r]) != 1 or rows[r].hidden
    for c in range(3):
        assert sum(hidden[r][c] for r in range(2)) != 1 or columns[c].hidden
    assert hidden[0][1]
    assert str(grand) == "70"


def test_threshold_zero_hides_nothing():
    cells, total = suppress_column([1, 2, 3], threshold=0)
    assert _shown(cells) == ["1", "2", "3"] and str(total) == "6"


def test_a_share_of_a_hidden_count_is_not_shown():
    assert share(Count(3, hidden=True), Count(10)) == "–"
    assert share(Count(3), Count(0)) == "–"
    assert share(Count(3), Count(12)) == "25 %"


@pytest.mark.parametrize(
    ("part", "whole", "hidden"),
    [
        (5, Count(8), True),  # the rest (3) would be revealed by the shown total
        (5, Count(10), False),
        (3, Count(10), True),  # small itself
        (0, Count(10), False),
        (8, Count(8), False),  # nothing left over
        (8, Count(8, hidden=True), True),
    ],
)
def test_a_sum_beside_a_shown_total_is_hidden_when_it_or_its_rest_is_small(part, whole, hidden):
    """People in work after 90 days (job at the host 3 + other job 2 = 5) beside 8 followed up would give away
    the 3 in studies: the sum is hidden too."""
    assert part_of(part, whole, threshold=5).hidden is hidden
