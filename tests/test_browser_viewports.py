"""Every page at a phone (390x844), a tablet (768x1024), a laptop (1440x900) and a projector (1920x1080):
nothing overflows the viewport horizontally (an element wider than the screen is only allowed inside a box that
scrolls or clips it, as a table does), and on a phone the sidebar starts closed. Screenshots go to
output/screenshots/sider-<bredde>x<høyde>-<side>.png."""

from __future__ import annotations

import pytest

from dashboard import navigation
from tests.browser import SHOTS, wait_rendered
from tests.test_browser import browser, server  # noqa: F401 - the same server and headless Chromium fixtures

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (768, 1024), (1440, 900), (1920, 1080)]
# elements of the main area whose right edge passes the viewport, unless a parent scrolls or clips them
OVERFLOW = """() => { const w = document.documentElement.clientWidth, bad = [];
  for (const e of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || (r.right <= w + 1 && r.left >= -1)) continue;
    let held = false;
    for (let p = e.parentElement; p && !held; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      held = (o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= w + 1;
    }
    const name = e.getAttribute('data-testid') || e.tagName;
    if (!held) bad.push(name + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width: w, bad: bad.slice(0, 8)}; }"""


# how many pixels of the sidebar are on screen
SIDEBAR_SHOWN = """() => { const s = document.querySelector('[data-testid="stSidebar"]');
  if (!s) return 0; const r = s.getBoundingClientRect();
  return Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0)); }"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_page_overflows_the_screen(server, browser, size):  # noqa: F811 - the imported fixtures
    w, h = size
    phone = w < 500
    context = browser.new_context(viewport={"width": w, "height": h}, locale="nb-NO", is_mobile=phone, has_touch=phone)
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for i, path in enumerate(navigation.URL_PATHS):
        page.goto(f"{server}/{'' if i == 0 else path}")
        wait_rendered(page)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if phone:
            shown = page.evaluate(SIDEBAR_SHOWN)
            assert shown < 20, f"{path}: the sidebar covers {shown} px of the screen"
        result = page.evaluate(OVERFLOW)
        if result["bad"] or result["scroll"] > result["width"]:
            found[path] = result
        page.screenshot(path=str(SHOTS / f"sider-{w}x{h}-{path}.png"))
    context.close()
    assert not found, found
