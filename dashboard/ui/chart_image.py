"""A chart as an image that stands alone: «Last ned figur (PNG)» (16:9 and square) and SVG, with the title, the
selection and survey group in words, N, the source and, for demo data, a DEMODATA mark drawn into the image.

The figure on screen is copied, never changed; the image is drawn by the same renderer as the slides.
"""

from __future__ import annotations

import base64
import html

import plotly.graph_objects as go

from dashboard.ui import charts, slides
from dashboard.ui.i18n import t

SIZES = {"bred": (1600, 900), "kvadrat": (1080, 1080)}
FONT = 22    # px in the image
LINE = 1.3   # line height, in font sizes


def _lines(text: str, chars: int) -> list[str]:
    return charts.wrap(text, chars).split("<br>") if text else []


def standalone(chart_svg: bytes, *, title: str, selection: str, footer: str, demo: bool, lang: str,
               size: str = "bred") -> go.Figure:
    """The frame of the image: title and selection above, the chart (an SVG drawn at its own size, so nothing of
    it is cut or moved) in the middle, the footer (source, N) below and the demo mark in the corner. The frame has
    no axes and no margins, so its 'paper' is the whole image."""
    width, height = SIZES[size]
    head, sub, foot = _head(title, selection, footer, width)
    top, bottom = _space(head, sub, foot)
    frame = go.Figure()
    frame.update_layout(width=width, height=height, margin=dict(t=0, b=0, l=0, r=0), paper_bgcolor="white",
                        plot_bgcolor="white", xaxis=dict(visible=False, range=[0, 1]),
                        yaxis=dict(visible=False, range=[0, 1]), showlegend=False)
    source = "data:image/svg+xml;base64," + base64.b64encode(chart_svg).decode()
    frame.add_layout_image(source=source, xref="paper", yref="paper", x=0, y=1 - top / height, sizex=1,
                           sizey=(height - top - bottom) / height, xanchor="left", yanchor="top", layer="below")
    pad = 24 / width
    text = "<br>".join([f"<b>{html.escape(x)}</b>" for x in head] +
                       [f"<span style='font-size:{FONT}px;color:#3a414a'>{html.escape(x)}</span>" for x in sub])
    frame.add_annotation(text=text, x=pad, y=1 - 16 / height, xanchor="left", yanchor="top", align="left",
                         showarrow=False, xref="paper", yref="paper", font=dict(size=int(FONT * 1.4), color="#1f2328"))
    frame.add_annotation(text="<br>".join(html.escape(x) for x in foot), x=pad, y=12 / height, xanchor="left",
                         yanchor="bottom", align="left", showarrow=False, xref="paper", yref="paper",
                         font=dict(size=int(FONT * 0.8), color="#3a414a"))
    if demo:
        frame.add_annotation(text=f"<b>{html.escape(t('pptx.demodata', lang=lang))}</b>", x=1 - pad,
                             y=1 - 16 / height, xanchor="right", yanchor="top", showarrow=False, xref="paper",
                             yref="paper", bgcolor="#fff4e5", bordercolor="#8a4b00", borderwidth=2, borderpad=6,
                             font=dict(size=int(FONT * 1.1), color="#8a4b00"))
    return frame


def _head(title: str, selection: str, footer: str, width: int) -> tuple[list[str], list[str], list[str]]:
    chars = int(width / (FONT * 0.6))  # characters a line of body text holds
    return _lines(title, int(chars * 0.62)), _lines(selection, chars - 4), _lines(footer, int(chars * 1.2))


def _space(head: list[str], sub: list[str], foot: list[str]) -> tuple[int, int]:
    """Pixels above the chart (title and selection) and below it (the footer)."""
    return (int(16 + FONT * 1.4 * LINE * len(head) + FONT * LINE * len(sub) + 14),
            int(16 + FONT * 0.8 * LINE * len(foot) + 8))


def chart_only(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy of the figure with the image's letter sizes (the figure on screen stays as it is)."""
    out = go.Figure(fig)
    out.update_layout(width=width, height=height, font_size=FONT, legend_font_size=FONT - 1,
                      margin=dict(t=50, b=20, l=24, r=60), title=dict(text=""))
    out.update_xaxes(tickfont_size=FONT - 2, title_font_size=FONT)
    out.update_yaxes(tickfont_size=FONT - 2, title_font_size=FONT)
    return out


def image(fig: go.Figure, *, title: str, selection: str, footer: str, demo: bool, lang: str, size: str = "bred",
          fmt: str = "png") -> bytes:
    """The stand-alone figure as PNG or SVG bytes: the chart drawn as SVG at the size left between the title and
    the footer, then framed."""
    width, height = SIZES[size]
    top, bottom = _space(*_head(title, selection, footer, width))
    inner = slides.render(chart_only(fig, width, height - top - bottom), lang, fmt="svg", width=width,
                          height=height - top - bottom)
    return slides.render(standalone(inner, title=title, selection=selection, footer=footer, demo=demo, lang=lang,
                                    size=size), lang, fmt=fmt, width=width, height=height)
