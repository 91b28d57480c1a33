"""Benchmarks run from the project root, outside the installed package.

``python -m bench.browser_ux``: speed as users feel it, measured in headless Chromium against a
floor app (``bench/floor_app``). The server-side benchmark is still ``python -m dashboard.bench``.
"""
