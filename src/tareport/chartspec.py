"""Chart data rules: a chart's number format, the checks on its numbers, and its value axis.

One dataset serves every language and both formats, so whatever is wrong
with it is wrong everywhere: the checks here run at load time and report at
the place in the content file (``series of unequal length``, ``a 100%
stacked bar whose parts do not sum to 100``). Nothing here is language- or
format-specific: the view formats the numbers, the renderers draw them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: ``percent`` / ``number`` (decimals as written), or a number format such as ``0.0%`` or ``#,##0``.
CHART_FORMAT_PATTERN = r"^(percent|number|(#,##)?0(\.0{1,3})?%?)$"
#: How far the parts of a pie or a 100% stacked bar may be from 100 (the source rounds each part).
SUM_TOLERANCE = Decimal("0.5")
_NICE_STEPS = (1, 2, 2.5, 5)
_MAX_TICKS = 6


@dataclass(frozen=True)
class NumberFormat:
    """How a chart's values are printed: as percentages or numbers, with a fixed number of decimals."""

    percent: bool
    decimals: int
    grouping: bool = False


def written_decimals(value: Decimal) -> int:
    exponent = Decimal(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number_format(fmt: str, values) -> NumberFormat:
    """The chart's format: ``percent``/``number`` take the most decimals any value is written with."""
    if fmt in ("percent", "number"):
        decimals = max((written_decimals(v) for v in values), default=0)
        return NumberFormat(fmt == "percent", decimals, fmt == "number")
    body = fmt.rstrip("%")
    return NumberFormat(fmt.endswith("%"), len(body.partition(".")[2]), body.startswith("#,##"))


def chart_values(chart) -> list[Decimal]:
    return [v for s in chart.series for v in s.values]


def _shown(text) -> str:
    """A category's text for a message: its first language."""
    return next(iter(text.source.values()), "") if text is not None and text.source else ""


def _total(values) -> str:
    return format(sum(values, Decimal(0)).normalize(), "f")


def chart_problems(chart) -> list[tuple[object, str]]:
    """Every problem of a chart's data, as ``(position or None, message)``."""
    problems: list[tuple[object, str]] = []
    n = len(chart.categories)
    for k, series in enumerate(chart.series, 1):
        if len(series.values) != n:
            problems.append((series.values_pos,
                             f"series {k} has {len(series.values)} values for {n} categories"))
    if problems:
        return problems  # sums and scales of misaligned data mean nothing
    fmt = number_format(chart.format, chart_values(chart))
    for series in chart.series:  # every value axis starts at 0, and a part of a whole is never negative
        negative = [v for v in series.values if v < 0]
        if negative:
            problems.append((series.values_pos, f"a chart cannot show the negative value {negative[0]} "
                                                "(its value axis starts at 0)"))
    if chart.kind == "pie":
        if len(chart.series) != 1:
            problems.append((chart.series[1].pos, f"a pie chart has one series; this one has {len(chart.series)}"))
        elif fmt.percent and abs(sum(chart.series[0].values) - 100) > SUM_TOLERANCE:
            problems.append((chart.series[0].values_pos, f"the parts of a pie chart sum to "
                             f"{_total(chart.series[0].values)}%, not 100% (± {SUM_TOLERANCE})"))
    if chart.kind == "stacked-hbar":
        if not fmt.percent:
            problems.append((chart.pos, "a 100% stacked bar chart (stacked-hbar) shows percentages: "
                                        "its format must be a percent format"))
        else:
            for i, category in enumerate(chart.categories):
                parts = [s.values[i] for s in chart.series]
                if abs(sum(parts) - 100) > SUM_TOLERANCE:
                    problems.append((category.pos or chart.pos,
                                     f"the parts of 100% stacked bar {i + 1} ({_shown(category)}) sum to "
                                     f"{_total(parts)}, not 100 (± {SUM_TOLERANCE})"))
    if chart.axis_max is not None:
        where = chart.field_pos("axis_max")
        top = max(chart_values(chart))
        if chart.kind in ("pie", "stacked-hbar"):
            problems.append((where, f"axis_max has no meaning for a {chart.kind} chart"))
        elif chart.axis_max <= 0 or top > chart.axis_max:
            problems.append((where, f"axis_max {chart.axis_max} is below the largest value {top}"))
    return problems


def _nice_step(raw: Decimal) -> Decimal:
    """The smallest step of the form 1, 2, 2.5 or 5 × 10^k that is at least ``raw``."""
    if raw <= 0:
        return Decimal(1)
    power = Decimal(10) ** (raw.adjusted() - 1)
    while True:
        for base in _NICE_STEPS:
            step = Decimal(str(base)) * power
            if step >= raw:
                return step.quantize(Decimal(1)) if step == step.to_integral_value() else step.normalize()
        power *= 10


def value_axis(chart) -> tuple[Decimal, Decimal]:
    """The value axis of a bar chart: ``(maximum, major step)``, the same in Word and PDF.

    ``axis_max`` when the content gives it (图表 1 is drawn to 60%), else a round
    maximum above the largest value; a 100% stacked bar runs to 100.
    """
    fmt = number_format(chart.format, chart_values(chart))
    if chart.kind == "stacked-hbar":
        return Decimal(100), Decimal(20)
    top = max([Decimal(0), *chart_values(chart)])
    if chart.axis_max is not None:
        maximum = Decimal(chart.axis_max)
        return maximum, _nice_step(maximum / _MAX_TICKS)
    step = _nice_step(top / (_MAX_TICKS - 1))
    maximum = (top / step).to_integral_value(rounding="ROUND_CEILING") * step
    if maximum == top and maximum > 0:  # room for the data label at the end of the longest bar
        maximum += step
    if fmt.percent and maximum > 100 >= top:
        maximum = Decimal(100)
    return maximum or step, step
