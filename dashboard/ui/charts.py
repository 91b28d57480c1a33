"""Plotly chart builders with one shared theme.

The theme: a colour-blind-safe palette (Okabe-Ito for categories, purple-orange for the
five-point scales), Norwegian separators (decimal comma, space for thousands), large readable
text, values written on the bars (colour never carries meaning alone), and dark outlines so
light segments still stand out from the background. Builders take tidy frames from queries and
return figures; they do no querying.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.data.lru import LRU, frame_key

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Five-point scales, most positive first (PuOr, colour-blind safe).
DIVERGING5 = ["#5e3c99", "#b2abd2", "#e3e3e3", "#fdb863", "#e66101"]
PATTERNS5 = ["", "", "", "/", "x"]
OUTLINE = "#2b2b2b"
TEXT = "#1f2328"
GROUP_COLOURS = {"frivilligsentral": "#0072B2", "kommune": "#E69F00"}
GROUP_PATTERNS = {"frivilligsentral": "", "kommune": "/"}
SEPARATORS = ", "  # decimal comma, thousands space

pio.templates["frivillig"] = go.layout.Template(
    layout=go.Layout(
        colorway=OKABE_ITO,
        separators=SEPARATORS,
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=16, color=TEXT),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font_size=16),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, title_text=""),
        xaxis=dict(gridcolor="#d0d4da", zerolinecolor="#8c939d", automargin=True),
        yaxis=dict(gridcolor="#d0d4da", zerolinecolor="#8c939d", automargin=True),
        margin=dict(l=10, r=20, t=40, b=10),
    )
)


_figures = LRU(512)


def memoised(builder):
    """Cache finished figures by their input (data, options, presentation mode: every builder takes
    ``presentation`` as a keyword).

    Building and theming a plotly figure costs 10-15 ms (plotly validates every property); a page
    with a dozen charts spent most of a rerun doing it again for the same numbers. The cached figure
    is finished (themed) before it is shared, and callers treat it as read-only.
    """
    @functools.wraps(builder)
    def wrapper(df, *args, **kwargs):
        parts = tuple(frame_key(a) if isinstance(a, pd.DataFrame) else repr(a) for a in args)
        key = (builder.__name__, frame_key(df), parts, repr(sorted(kwargs.items())))
        fig = _figures.get(key)
        if fig is None:
            fig = finish(builder(df, *args, **kwargs), presentation=kwargs["presentation"])
            _figures.put(key, fig)
        return fig
    return wrapper


def pattern(shape: str, fill: str) -> dict:
    """A hatch drawn over the bar colour (so colour is not the only cue), in a contrasting tone."""
    if not shape:
        return dict(shape="")
    return dict(shape=shape, fillmode="overlay", bgcolor=fill, fgcolor=text_colour(fill), size=9, solidity=0.18)


def text_colour(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill colour."""
    fill = fill.lstrip("#")
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#ffffff"


PRESENTATION_MAX_HEIGHT = 480  # px: with its title and tabs a figure fits a 1280x720 projector


def font_size(presentation: bool) -> int:
    return 22 if presentation else 16


def finish(fig: go.Figure, title: str | None = None, *, presentation: bool) -> go.Figure:
    size = font_size(presentation)
    if getattr(fig, "_fs_size", None) == size:  # already finished (e.g. a cached figure)
        return fig
    fig._fs_size = size
    fig.update_layout(template="frivillig", font_size=size, hoverlabel_font_size=size,
                      legend_font_size=size - 1)
    fig.update_xaxes(tickfont_size=size - 1, title_font_size=size)
    fig.update_yaxes(tickfont_size=size - 1, title_font_size=size)
    if presentation and (fig.layout.height or 0) > _presentation_height(fig):
        fig.update_layout(height=_presentation_height(fig))  # a figure and its title fit a projector's screen
    return fig


def _presentation_height(fig: go.Figure) -> int:
    """The tallest a presentation chart is: PRESENTATION_MAX_HEIGHT, unless its horizontal bars need more to
    keep every (two-line) label; plotly would otherwise drop every other label."""
    rows = {str(y) for tr in fig.data if getattr(tr, "orientation", None) == "h" and tr.y is not None for y in tr.y}
    return max(PRESENTATION_MAX_HEIGHT, 140 + 2 * (font_size(True) + 2) * len(rows))


PHONE_WRAP = 34  # characters per label line on a phone (about 330 px of plot at 16 px)
PHONE_NETWORK_WRAP, PHONE_NETWORK_X = 11, 4.3  # a network's names: characters per line; half its x range
PHONE_BAR = 26, 20  # px of a bar on a phone: alone (room for its value inside), in a group


def phone(fig: go.Figure) -> go.Figure:
    """The phone layout of a finished horizontal-bar chart: each label on its own line(s) above its bars, the
    bars across the whole width, as tall as the labels need; other charts are returned as they are.

    Made once per (cached, read-only) figure and kept on it."""
    if getattr(fig, "_fs_phone", None) is not None:
        return fig._fs_phone
    bars_h = [tr for tr in fig.data if isinstance(tr, go.Bar) and tr.orientation == "h" and tr.y is not None]
    if not bars_h or len(bars_h) != len(fig.data):
        fig._fs_phone = _phone_network(fig)
        return fig._fs_phone
    out = go.Figure(fig)
    rows = list(dict.fromkeys(str(y) for tr in bars_h for y in tr.y))
    labels = {r: wrap(r.replace("<br>", " "), PHONE_WRAP) for r in rows}
    size = getattr(fig, "_fs_size", None) or font_size(False)
    line_px = round(size * 1.3)
    lines = max(label.count("<br>") + 1 for label in labels.values())
    block = PHONE_BAR[1] * len(bars_h) if fig.layout.barmode == "group" else PHONE_BAR[0]
    band = block + lines * line_px + 12
    top, bottom = (block / 2 + lines * line_px + 8) / band, (block / 2 + 8) / band
    legend = sum(1 for tr in bars_h if tr.showlegend is not False) if len(bars_h) > 1 else 0
    for r in rows:
        out.add_annotation(xref="paper", x=0, xanchor="left", yref="y", y=r, yanchor="bottom",
                           yshift=block / 2 + 2, text=labels[r], showarrow=False, align="left",
                           font=dict(size=size - 1, color=TEXT), bgcolor="rgba(255,255,255,0.85)")
    out.update_yaxes(showticklabels=False, ticks="", autorange=False, range=[len(rows) - 1 + bottom, -top])
    out.update_layout(bargap=1 - block / band, bargroupgap=0, uniformtext=dict(minsize=11, mode="hide"),
                      margin=dict(l=6, r=30), height=int((len(rows) - 1 + top + bottom) * band + 70 + 26 * legend))
    fig._fs_phone = out
    return out


def _phone_network(fig: go.Figure) -> go.Figure:
    """A star network on a phone: the partners' names in short lines, and room beside the star for them (they
    would run off a narrow screen); other charts as they are."""
    named = [i for i, tr in enumerate(fig.data) if isinstance(tr, go.Scatter) and tr.mode == "markers+text"
             and isinstance(tr.textposition, tuple | list)]
    if not named:
        return fig
    out = go.Figure(fig)
    for i in named:
        out.data[i].text = [wrap(str(x).replace("<br>", " "), PHONE_NETWORK_WRAP) for x in out.data[i].text]
        out.data[i].textfont.size = font_size(False) - 3
    out.update_xaxes(range=[-PHONE_NETWORK_X, PHONE_NETWORK_X])
    out.update_yaxes(range=[-1.5, 1.5])
    return out


def slug(text: str) -> str:
    for a, b in (("–", "-"), ("—", "-"), ("æ", "ae"), ("ø", "o"), ("å", "a"), ("Æ", "Ae"), ("Ø", "O"), ("Å", "A")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "figur"


def config(title: str) -> dict:
    """Plotly config without the mode bar: its buttons speak English, and its camera's PNG has no title, source or
    filters. Each figure has «Last ned figur (PNG)» and SVG under «Last ned» instead (dashboard.ui.chart_image)."""
    return {"displaylogo": False, "displayModeBar": False}


def height_for(rows: int, per_row: int = 46, minimum: int = 260, *, presentation: bool) -> int:
    scale = 1.3 if presentation else 1.0
    return int(max(minimum, 90 + rows * per_row) * scale)


def wrap(label: str, width: int = 38) -> str:
    """Break long axis labels on spaces (plotly uses <br>)."""
    words, lines, line = str(label).split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(lines)


def pct_text(values: Sequence[float], minimum: float = 0.0) -> list[str]:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or pd.isna(v) or v < minimum:
            out.append("")
        else:
            out.append(f"{v:.0f} %".replace(".", ","))
    return out


# -- builders --------------------------------------------------------------------------------

@memoised
def bars(df: pd.DataFrame, label: str, value: str, *, group: str | None = None, group_labels: dict | None = None,
         colours: dict | None = None, patterns: dict | None = None, unit: str = "%", x_title: str = "",
         height: int | None = None, order: Sequence[str] | None = None, x_max: float | None = None,
         presentation: bool) -> go.Figure:
    """Horizontal bars, optionally grouped (e.g. centres vs municipalities), values written on the bars."""
    fig = go.Figure()
    labels = list(order) if order is not None else list(dict.fromkeys(df[label]))
    groups = [None] if group is None else list(dict.fromkeys(df[group]))
    for i, g in enumerate(groups):
        sub = df if g is None else df[df[group] == g]
        sub = sub.set_index(label).reindex(labels).reset_index()
        colour = (colours or {}).get(g, OKABE_ITO[i % len(OKABE_ITO)])
        vals = sub[value].astype("float")
        text = pct_text(vals) if unit == "%" else [("" if pd.isna(v) else f"{v:,.0f}".replace(",", "\u00a0"))
                                                    for v in vals]
        fig.add_trace(go.Bar(
            y=[wrap(v) for v in sub[label]], x=vals, orientation="h", name=(group_labels or {}).get(g, str(g)),
            marker=dict(color=colour, line=dict(color=OUTLINE, width=1),
                        pattern=pattern((patterns or {}).get(g, ""), colour)),
            text=text, textposition="outside", cliponaxis=False, showlegend=group is not None, legendrank=i,
            hovertemplate="%{y}: %{x:.1f}" + (" %" if unit == "%" else "") + "<extra>%{fullData.name}</extra>",
        ))
    fig.update_layout(barmode="group", height=height or height_for(len(labels) * max(1, len(groups) * 0.7),
                                                                  presentation=presentation),
                      yaxis=dict(autorange="reversed"), bargap=0.25)
    fig.update_xaxes(title_text=x_title, range=[0, x_max if x_max else (105 if unit == "%" else None)],
                     ticksuffix=" %" if unit == "%" else "")
    return fig


@memoised
def stacked(df: pd.DataFrame, label: str, category: str, value: str, *, categories: Sequence[str],
            category_labels: dict, colours: Sequence[str] | None = None, height: int | None = None,
            order: Sequence[str] | None = None, presentation: bool) -> go.Figure:
    """100 % stacked horizontal bars (e.g. ownership forms per centrality class)."""
    fig = go.Figure()
    labels = list(order) if order is not None else list(dict.fromkeys(df[label]))
    colours = list(colours or OKABE_ITO)
    for i, cat in enumerate(categories):
        sub = df[df[category] == cat].set_index(label).reindex(labels).reset_index()
        colour = colours[i % len(colours)]
        fig.add_trace(go.Bar(
            y=[wrap(v) for v in labels], x=sub[value].astype("float"), orientation="h",
            name=category_labels.get(cat, cat),
            marker=dict(color=colour, line=dict(color=OUTLINE, width=1)),
            text=pct_text(sub[value].astype("float"), minimum=4), textposition="inside", insidetextanchor="middle",
            textfont=dict(color=text_colour(colour)),
            hovertemplate="%{y}<br>" + category_labels.get(cat, cat) + ": %{x:.1f} %<extra></extra>",
        ))
    fig.update_layout(barmode="stack",
                      height=height or height_for(len(labels), minimum=200, presentation=presentation),
                      yaxis=dict(autorange="reversed"), legend=dict(traceorder="normal"))
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    return fig


@memoised
def diverging(df: pd.DataFrame, label: str, category: str, value: str, *, categories: Sequence[str],
              category_labels: dict, height: int | None = None, order: Sequence[str] | None = None,
              presentation: bool) -> go.Figure:
    """Diverging stacked bars for a five-point scale, ``categories`` most positive first.

    The two positive categories extend right of zero, the two negative ones left, and the
    middle category straddles zero (half on each side), so bars line up on agreement.
    """
    pos, mid, neg = list(categories[:2]), categories[2], list(categories[3:])
    labels = list(order) if order is not None else list(dict.fromkeys(df[label]))
    wide = (df.pivot_table(index=label, columns=category, values=value, aggfunc="first")
            .reindex(index=labels, columns=list(categories)).astype("float").fillna(0.0))
    y = [wrap(v) for v in labels]
    fig = go.Figure()

    def add(cat: str, base: pd.Series, width: pd.Series) -> None:
        i = list(categories).index(cat)
        colour = DIVERGING5[i]
        name = category_labels.get(cat, cat)
        fig.add_trace(go.Bar(
            y=y, x=width, base=base, orientation="h", name=name, legendrank=i,
            marker=dict(color=colour, line=dict(color=OUTLINE, width=1), pattern=pattern(PATTERNS5[i], colour)),
            text=pct_text(wide[cat], minimum=5), textposition="inside", insidetextanchor="middle",
            textfont=dict(color=text_colour(colour)), customdata=wide[cat],
            hovertemplate="%{y}<br>" + name + ": %{customdata:.1f} %<extra></extra>",
        ))

    half = wide[mid] / 2
    add(mid, -half, wide[mid])
    right = half.copy()
    for cat in reversed(pos):          # mildly positive next to the middle, then strongly positive
        add(cat, right, wide[cat])
        right = right + wide[cat]
    left = -half
    for cat in neg:                    # mildly negative next to the middle, then strongly negative
        left = left - wide[cat]
        add(cat, left, wide[cat])
    fig.update_layout(barmode="overlay", height=height or height_for(len(labels), presentation=presentation),
                      yaxis=dict(autorange="reversed"),
                      legend=dict(traceorder="normal"))
    fig.update_xaxes(range=[-100, 100], tickvals=[-100, -50, 0, 50, 100],
                     ticktext=["100 %", "50 %", "0", "50 %", "100 %"], zeroline=True, zerolinewidth=2)
    return fig


@memoised
def line(df: pd.DataFrame, x: str, y: str, group: str, *, group_labels: dict | None = None, y_title: str = "",
         height: int = 360, presentation: bool) -> go.Figure:
    fig = go.Figure()
    dashes = ["solid", "dash", "dot", "dashdot"]
    for i, (g, sub) in enumerate(df.groupby(group, sort=False)):
        fig.add_trace(go.Scatter(x=sub[x], y=sub[y], mode="lines", name=(group_labels or {}).get(g, str(g)),
                                 line=dict(color=OKABE_ITO[i % len(OKABE_ITO)], width=3, dash=dashes[i % len(dashes)]),
                                 hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(height=int(height * (1.3 if presentation else 1)))
    fig.update_yaxes(title_text=y_title)
    return fig


STRETCH = 1.65  # the star's horizontal radius, relative to its vertical one


def _label_side(x: float, y: float) -> str:
    """Where a partner's label goes so that neighbours' labels never run into each other: beside the node
    on the left and right of the star, above or below it only at the very top and bottom."""
    if x > 0.35 * STRETCH:
        return "middle right"
    if x < -0.35 * STRETCH:
        return "middle left"
    return "top center" if y >= 0 else "bottom center"


@memoised
def network(nodes: pd.DataFrame, links: pd.DataFrame, *, centre: str, height: int = 560,
            presentation: bool) -> go.Figure:
    """A star network: the centre actor in the middle, partners around it.

    ``nodes``: kode, etikett. ``links``: kode, andel (share that collaborates), label text.
    Link width and label both carry the share (not colour alone). The centre is drawn as a labelled box
    on top of the links, so its name is never hidden; share labels sit 70 % of the way out.
    """
    partners = [k for k in nodes["kode"] if k != centre]
    pos = {centre: (0.0, 0.0)}
    for i, k in enumerate(partners):
        angle = math.pi / 2 - 2 * math.pi * i / max(1, len(partners))
        pos[k] = (STRETCH * math.cos(angle), math.sin(angle))  # wider than tall: room for the centre box
    fig = go.Figure()
    label_of = dict(zip(nodes["kode"], nodes["etikett"]))
    for _, row in links.iterrows():
        if row["kode"] not in pos:
            continue
        x1, y1 = pos[row["kode"]]
        share = row["andel"]
        width = 1.5 if pd.isna(share) else 1 + 14 * share / 100
        fig.add_trace(go.Scatter(x=[0, x1], y=[0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=width, color="#0072B2" if not pd.isna(share) else "#9aa3ad",
                                           dash="solid" if not pd.isna(share) else "dot")))
        fig.add_annotation(x=0.7 * x1, y=0.7 * y1, text=f"<b>{row['tekst']}</b>", showarrow=False,
                           bgcolor="white", bordercolor="#9aa3ad", borderwidth=1,
                           font=dict(size=font_size(presentation) - 1))
    xs, ys = [pos[k][0] for k in partners], [pos[k][1] for k in partners]
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", text=[wrap(label_of.get(k, k), 18) for k in partners],
        textposition=[_label_side(x, y) for x, y in zip(xs, ys)],
        marker=dict(size=26, color="#ffffff", line=dict(color=OUTLINE, width=2)),
        hoverinfo="text", hovertext=[label_of.get(k, k) for k in partners], showlegend=False,
        textfont=dict(size=font_size(presentation)),
    ))
    fig.add_annotation(x=0, y=0, text=f"<b>{wrap(label_of.get(centre, centre), 18)}</b>", showarrow=False,
                       bgcolor="#E69F00", bordercolor=OUTLINE, borderwidth=2, borderpad=6,
                       font=dict(size=font_size(presentation), color="#1f2328"))
    fig.update_layout(height=int(height * (1.25 if presentation else 1)), margin=dict(l=10, r=10, t=30, b=30))
    fig.update_xaxes(visible=False, range=[-3.2, 3.2])
    fig.update_yaxes(visible=False, range=[-1.35, 1.35])
    return fig
