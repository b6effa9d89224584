"""Render a bar-chart interpretation (an ECharts option) as plain HTML bars: no script needed on a phone."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def chart_bars(option: dict) -> list[tuple[str, float, float]]:
    """(label, value, percent of the largest) for a one-series category bar chart; [] for anything else."""
    try:
        labels = option["xAxis"]["data"]
        values = [float(v) for v in option["series"][0]["data"]]
    except (KeyError, IndexError, TypeError, ValueError):
        return []
    top = max(values, default=0) or 1
    return [
        (lab, v if v % 1 else int(v), round(100 * v / top, 1)) for lab, v in zip(labels, values, strict=False)
    ]
