"""Medians and 95th percentiles of timings (an empty list gives NaN, so a missing measurement shows)."""

from __future__ import annotations

import statistics


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] if xs else float("nan")
