"""REP-1: the monthly bar chart of the dashboard, laid out here and drawn by the template as inline SVG.

No script and no style attribute (the CSP allows neither inline): the template writes geometry attributes and
class names only. Two bars a month (turnover, costs) over a zero line, the result as a dot; provisional months
(OFF-1 "closed periods only") get the class ``provisional`` and a mark under their label.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from portal.domain.amounts import decimal_of

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 600, 240, 10, 30, 4
SERIES = ("turnover", "costs")


@dataclass(frozen=True)
class Bar:
    """One rectangle: its series, geometry (SVG user units) and the value it stands for."""

    series: str
    x: float
    y: float
    width: float
    height: float
    value: Decimal


@dataclass(frozen=True)
class MonthColumn:
    """One month of the chart: its bars, the result dot, the label position and whether it is provisional."""

    month: str
    bars: tuple[Bar, ...]
    result_y: float
    label_x: float
    provisional: bool
    values: Mapping[str, Decimal]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    zero_y: float
    label_y: float
    columns: tuple[MonthColumn, ...]


def figure(month: Mapping[str, Any], name: str) -> Decimal:
    """One figure of a month (or of the totals) as a Decimal; ``costs`` = purchases + other costs; missing: 0."""
    if name == "costs":
        return figure(month, "purchases") + figure(month, "other_costs")
    return decimal_of(month.get(name)) or Decimal(0)


def _scale(months: Sequence[Mapping[str, Any]]) -> tuple[Decimal, Decimal]:
    """(highest, lowest) value drawn, with zero always inside the range."""
    values = [figure(m, s) for m in months for s in (*SERIES, "result")] or [Decimal(0)]
    return max(max(values), Decimal(0)), min(min(values), Decimal(0))


def monthly_chart(months: Sequence[Mapping[str, Any]]) -> Chart:
    """The geometry of the year's months as the reporting service returns them (``month``, figures, provisional)."""
    high, low = _scale(months)
    span = (high - low) or Decimal(1)
    plot = HEIGHT - TOP - BOTTOM

    def y_of(value: Decimal) -> float:
        return round(TOP + float((high - value) / span) * plot, 1)

    zero = y_of(Decimal(0))
    slot = (WIDTH - LEFT) / max(len(months), 1)
    bar_w = round(slot * 0.36, 1)
    columns = []
    for index, m in enumerate(months):
        x0 = LEFT + index * slot + slot * 0.12
        bars = []
        for n, series in enumerate(SERIES):
            value = figure(m, series)
            top = y_of(max(value, Decimal(0)))
            bars.append(Bar(series, round(x0 + n * bar_w, 1), top, bar_w,
                            round(abs(y_of(value) - zero), 1) if value else 0.0, value))
        values = {s: figure(m, s) for s in (*SERIES, "result")}
        columns.append(MonthColumn(str(m.get("month", "")), tuple(bars), y_of(values["result"]),
                                   round(LEFT + index * slot + slot / 2, 1), bool(m.get("provisional")), values))
    return Chart(WIDTH, HEIGHT, zero, HEIGHT - 10, tuple(columns))
