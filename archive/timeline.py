"""The date histogram of a filtered document list, drawn on the server as SVG.

No script and nothing from another site: an inline ``<svg>`` whose bars are
links (``<a href>`` inside the SVG) that narrow the list's ``from``/``to``
to that year, or that month when the list spans two years or less. The
drawing has a ``<title>`` and a ``<desc>`` and each bar an ``aria-label``
and a ``<title>`` (the count), so a screen reader hears "1934: 12
documents"; the year facet beside it lists the same counts as text.
Presentation attributes only (no ``style``), which the site's CSP allows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, AXIS = 600, 120, 18
MONTHS_UP_TO_YEARS = 2


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    start: date
    end: date


def year_bars(years: dict[int, int]) -> list[Bar]:
    """One bar per year from the first to the last, empty years included."""
    if not years:
        return []
    first, last = min(years), max(years)
    return [
        Bar(str(y), years.get(y, 0), date(y, 1, 1), date(y, 12, 31))
        for y in range(first, last + 1)
    ]


def month_bars(months: dict[tuple[int, int], int]) -> list[Bar]:
    """One bar per month from the first to the last, empty months included."""
    if not months:
        return []
    (y, m), (last_y, last_m) = min(months), max(months)
    bars = []
    while (y, m) <= (last_y, last_m):
        days = calendar.monthrange(y, m)[1]
        label = f"{calendar.month_abbr[m]} {y}"
        bars.append(Bar(label, months.get((y, m), 0), date(y, m, 1), date(y, m, days)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return bars


def svg(bars: list[Bar], link, undated: int = 0) -> SafeString:
    """The histogram; ``link(bar)`` gives the address that narrows the list to a bar."""
    if not bars:
        return SafeString("")
    tallest = max(b.count for b in bars) or 1
    step = WIDTH / len(bars)
    gap = min(2.0, step * 0.15)
    unit = "year" if bars[0].start.month != bars[0].end.month else "month"
    every = max(1, len(bars) // 10)
    total = sum(b.count for b in bars)
    peak = max(bars, key=lambda b: b.count)
    summary = (
        f"{total} dated document{'s' if total != 1 else ''} by {unit}, "
        f"{bars[0].label} to {bars[-1].label}; most in {peak.label} ({peak.count})."
        + (f" {undated} undated not shown." if undated else "")
        + " Each bar is a link that narrows the list to its dates."
    )
    shapes = []
    for i, bar in enumerate(bars):
        x = round(i * step + gap / 2, 2)
        height = round((HEIGHT - AXIS - 4) * bar.count / tallest, 2)
        y = round(HEIGHT - AXIS - height, 2)
        noun = "document" if bar.count == 1 else "documents"
        rect = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" class="bar">'
            "<title>{}: {} {}</title></rect>",
            x,
            y,
            round(step - gap, 2),
            max(height, 0),
            bar.label,
            bar.count,
            noun,
        )
        if bar.count:
            shapes.append(
                format_html(
                    '<a href="{}" aria-label="{}: {} {}">{}</a>',
                    link(bar),
                    bar.label,
                    bar.count,
                    noun,
                    rect,
                )
            )
        else:
            shapes.append(rect)
        if i % every == 0:
            shapes.append(
                format_html(
                    '<text x="{}" y="{}" class="axis" aria-hidden="true">{}</text>',
                    x,
                    HEIGHT - 4,
                    bar.label,
                )
            )
    return format_html(
        '<svg class="timeline" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="timeline-title" aria-describedby="timeline-desc">'
        '<title id="timeline-title">Documents by {}</title><desc id="timeline-desc">{}</desc>'
        '<line x1="0" y1="{}" x2="{}" y2="{}" class="baseline"/>{}</svg>',
        WIDTH,
        HEIGHT,
        unit,
        summary,
        HEIGHT - AXIS,
        WIDTH,
        HEIGHT - AXIS,
        format_html_join("", "{}", ((s,) for s in shapes)),
    )
