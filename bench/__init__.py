"""Benchmarks and profiling, run from the project root; not part of the installed package.

* ``python -m bench.server [--quick]``: server-side speed (page reruns in AppTest against an empty page,
  cold start, bytes, DuckDB against pandas, 10x and 100x data, memory); writes BENCHMARKS.md.
* ``python -m bench.load``: 30 concurrent browser sessions (the workshop section of BENCHMARKS.md).
* ``python -m bench.browser_ux``: speed as users feel it, in headless Chromium against a floor app
  (``bench/floor_app``); its section of BENCHMARKS.md.
* ``python -m bench.profile_page PAGE``: where a page's rerun spends its server time.

``bench.live`` starts a real Streamlit server and headless Chromium (also used by the browser tests).
"""
