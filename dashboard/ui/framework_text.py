"""Streamlit's own English strings in Norwegian, and the page's language for screen readers.

Streamlit 1.67 has no setting for the language of what it draws itself (the skip link, the multiselect's
«Select all», the table toolbar, the uploader, «Page not found», aria-labels). A small script in the page
replaces exactly the strings listed here, in text and in the attributes a screen reader or a tooltip reads,
as they appear, and sets <html lang>. Plotly's mode bar is not drawn at all (dashboard.ui.charts.config).
What it cannot reach is listed in README.md (section «Norsk i hele grensesnittet»).
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.ui.view import View

# the framework's string -> message key (dashboard/ui/messages.toml, «rammeverk.*»)
EXACT = {
    "Skip to main content": "rammeverk.hopp",
    "Select all": "rammeverk.velg_alle",
    "Clear all": "rammeverk.fjern_alle",
    "Selected values": "rammeverk.valgte",
    "No results": "rammeverk.ingen_treff",
    "No options to select": "rammeverk.ingen_valg",
    "Close": "rammeverk.lukk",
    "Dismiss": "rammeverk.lukk",
    "Open": "rammeverk.apne",
    "Sidebar": "rammeverk.sidepanel",
    "Collapse sidebar": "rammeverk.lukk_sidepanel",
    "Expand sidebar": "rammeverk.apne_sidepanel",
    "App pages": "rammeverk.sider",
    "Download as CSV": "rammeverk.csv",
    "Search": "rammeverk.sok",
    "Fullscreen": "rammeverk.fullskjerm",
    "Close fullscreen": "rammeverk.fullskjerm_av",
    "Exit fullscreen": "rammeverk.fullskjerm_av",
    "Show/hide columns": "rammeverk.kolonner",
    "Copy to clipboard": "rammeverk.kopier",
    "Sort ascending": "rammeverk.sorter_stigende",
    "Sort descending": "rammeverk.sorter_synkende",
    "Pin column": "rammeverk.fest_kolonne",
    "Unpin column": "rammeverk.losne_kolonne",
    "Hide column": "rammeverk.skjul_kolonne",
    "Autosize": "rammeverk.tilpass_bredde",
    "Type to search": "rammeverk.skriv_for_sok",
    "file upload": "rammeverk.opplasting",
    "Upload": "rammeverk.last_opp",
    "Drag and drop file here": "rammeverk.dra_fil",
    "Drag and drop files here": "rammeverk.dra_filer",
    "Browse files": "rammeverk.velg_fil",
    "Page not found": "rammeverk.fant_ikke",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "rammeverk.fant_ikke_tekst",
    "Running...": "rammeverk.arbeider",
    "Stop": "rammeverk.stopp",
}
# patterns (JavaScript regular expressions over the whole string) -> message key; {x} is the first group
PATTERNS = {
    r"^Help for (.+)$": "rammeverk.hjelp",
    r"^Remove (.+)$": "rammeverk.fjern",
    r"^Fullscreen: (.+)$": "rammeverk.fullskjerm_for",
    r"^(\d+) options? available\.$": "rammeverk.valg_tilgjengelig",
    r"^(?:Limit )?(\d+) ?MB per file$": "rammeverk.per_fil",
}
ATTRIBUTES = ("aria-label", "title", "placeholder", "aria-placeholder")

_SCRIPT = """(() => {
  window.__fsUi = __CONFIG__;
  document.documentElement.lang = window.__fsUi.lang;
  if (window.__fsUiRun) { window.__fsUiRun(document.body); return; }
  const attrs = window.__fsUi.attrs, done = new WeakMap();
  const say = s => {
    const c = window.__fsUi, k = s.trim();
    if (!k || !/[A-Za-z]/.test(k)) return null;
    if (Object.prototype.hasOwnProperty.call(c.exact, k)) return s.replace(k, c.exact[k]);
    for (const [re, to] of c.patterns) {
      const r = new RegExp(re);
      if (r.test(k)) return s.replace(k, k.replace(r, to));
    }
    return null;
  };
  const fix = (mem, now, set) => {  // remembers the English, so a change of language translates it again
    const src = mem.out === now ? mem.src : now, out = say(src);
    if (out !== null && out !== now) { mem.src = src; mem.out = out; set(out); }
  };
  const mem = n => { if (!done.has(n)) done.set(n, {}); return done.get(n); };
  const node = n => {
    if (n.nodeType === 3) { fix(mem(n), n.nodeValue, v => { n.nodeValue = v; }); return; }
    if (n.nodeType !== 1 || n.closest('style, script')) return;
    for (const a of attrs) {
      const v = n.getAttribute(a), m = mem(n);
      if (v) fix(m[a] || (m[a] = {}), v, w => n.setAttribute(a, w));
    }
  };
  const run = root => {
    node(root);
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = w.nextNode(); n; n = w.nextNode()) node(n);
  };
  window.__fsUiRun = run;
  new MutationObserver(ms => { for (const m of ms) {
    if (m.type === 'childList') m.addedNodes.forEach(run); else node(m.target);
  } }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                               attributeFilter: attrs});
  run(document.body);
})();"""


def config(view: View) -> dict:
    return {"lang": view.lang, "attrs": list(ATTRIBUTES),
            "exact": {en: view.t(key) for en, key in EXACT.items()},
            "patterns": [[re, view.t(key, x="$1")] for re, key in PATTERNS.items()]}


def apply(view: View) -> None:
    """The script (drawn in a hidden container; it runs again only when the language changes)."""
    script = _SCRIPT.replace("__CONFIG__", json.dumps(config(view), ensure_ascii=False).replace("</", "<\\/"))
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)
