"""How long the tests wait, written once. Every wait ends as soon as its condition holds: these are ceilings
for a loaded two-core machine, never delays. In seconds; Playwright takes milliseconds (the ``*_MS`` names).
The server's start and a page's full run are the browser harness's own (bench/live.py, shared with the
benchmarks). ``DASHBOARD_TEST_TIMEOUT_SCALE`` (a number, default 1) stretches every one of them alike, for a
slower machine."""

from __future__ import annotations

import os

from bench import live

SCALE = float(os.environ.get("DASHBOARD_TEST_TIMEOUT_SCALE", "1"))

# -- without a browser
APPTEST = 120 * SCALE  # one AppTest run of a page (AppTest's default_timeout)
APPTEST_HEAVY = 240 * SCALE  # an AppTest run that imports data or builds every export of a page
CLI = 600 * SCALE  # one run of the command line (or a Python child process) through subprocess
PROCESS_EXIT = 30 * SCALE  # a killed or stopped child process to be gone
BACKGROUND = 120 * SCALE  # what the app or a child process does on its own, looked at in a poll: an import
# reaching its write, a lock taken, a session's upload folder removed after the session

# -- in the browser
SERVER_START = live.SERVER_START * SCALE  # `streamlit run` answering its health check
PAGE = live.RENDER * SCALE  # a page's whole script run, drawn (wait_rendered), and a login
ACTION = 30 * SCALE  # the page answering one click or key: the URL changes, an element or chart is drawn
WORK = 120 * SCALE  # heavy work behind one click: checking uploaded files, building a PDF or slides
PREVIEW = 180 * SCALE  # an import compared with today's data, figure by figure, with its disclosure decisions
PREVIEW_REALISTIC = 600 * SCALE  # the same for files of a real survey tool's size
READ_SURVEY = 300 * SCALE  # a mapping drafted from whole survey files

PAGE_MS, ACTION_MS, WORK_MS, PREVIEW_MS, READ_SURVEY_MS = (round(s * 1000) for s in
                                                          (PAGE, ACTION, WORK, PREVIEW, READ_SURVEY))
