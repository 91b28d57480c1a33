"""One small bounded, thread-safe LRU cache, shared by the query results (gateway), the finished
plotly figures (charts) and the map decks (maps), plus the content key of a DataFrame."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Hashable

import pandas as pd


class LRU:
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def frame_key(df: pd.DataFrame) -> tuple:
    """A hashable key for a DataFrame's content (columns, types, rows, values)."""
    try:
        h = pd.util.hash_pandas_object(df, index=False)
    except TypeError:  # list-valued columns (colours, polygons): hash their text form
        h = pd.util.hash_pandas_object(df.astype(str), index=False)
    return (tuple(df.columns), tuple(map(str, df.dtypes)), len(df), int(h.sum()))
