"""The machine a benchmark ran on, as one line for BENCHMARKS.md (Norwegian, as the report)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    import duckdb
    import pandas as pd
    import streamlit

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        mem = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        mem = 0
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} kjerner ({cpu}), "
            f"{mem / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}, "
            f"Streamlit {streamlit.__version__}, DuckDB {duckdb.__version__}, pandas {pd.__version__}")
