"""One problem found in an import: where (file, row, column, value), what, and how to fix it; and the
collection of problems of one import, with identical problems collapsed into groups.

Errors stop the import; notes ("merknad") and warnings ("advarsel") are only reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

ERROR = "feil"
NOTE = "merknad"
WARNING = "advarsel"
SEVERITIES = (ERROR, WARNING, NOTE)
EXAMPLES = 5                     # rows and values kept per group (the report shows the first ones)


def shorten(value: str, limit: int = 60) -> str:
    """A value as shown in a message: control characters made visible, cut to ``limit`` characters."""
    text = "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in str(value))
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    row: int | None = None       # 1-based row as a spreadsheet user sees it in the file
    column: str | None = None
    value: str | None = None
    severity: str = ERROR        # ERROR stops the import; NOTE and WARNING are reported only
    fix: str | None = None       # what the user can do about it (shown once per group of identical problems)

    def text(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolonne «{shorten(self.column)}»")
        if self.value is not None:
            where.append(f"verdi «{shorten(self.value)}»")
        prefix = {ERROR: "FEIL", WARNING: "ADVARSEL"}.get(self.severity, "MERKNAD")
        return f"{prefix}: {', '.join(where)}: {self.message}"

    def key(self) -> tuple:
        return self.severity, self.file, self.column, self.message, self.fix


@dataclass
class Group:
    """Identical problems (same severity, file, column, message and fix): how many, and where first."""

    severity: str
    file: str
    column: str | None
    message: str
    fix: str | None
    count: int = 0
    rows: list[int] = field(default_factory=list)       # the first rows (file rows, ascending as found)
    value_counts: dict[str, int] = field(default_factory=dict)  # the first distinct values -> occurrences
    examples: list[Problem] = field(default_factory=list)

    @property
    def values(self) -> list[str]:
        return list(self.value_counts)

    def absorb(self, problem: Problem, count: int = 1) -> None:
        self.count += count
        if len(self.examples) < EXAMPLES:
            self.examples.append(problem)
        if problem.row is not None and len(self.rows) < EXAMPLES and problem.row not in self.rows:
            self.rows.append(int(problem.row))
        if problem.value is not None:
            self.add_value(problem.value, count)

    def add_value(self, value: str, count: int) -> None:
        value = str(value)
        if value in self.value_counts:
            self.value_counts[value] += count
        elif len(self.value_counts) < EXAMPLES:
            self.value_counts[value] = count

    def to_dict(self) -> dict:
        return {"severity": self.severity, "file": self.file, "column": self.column, "message": self.message,
                "fix": self.fix, "count": self.count, "rows": self.rows, "values": self.values,
                "value_counts": self.value_counts}


class Problems:
    """All problems of one import, collapsed into groups as they are added."""

    def __init__(self) -> None:
        self._groups: dict[tuple, Group] = {}

    def add(self, problem: Problem) -> None:
        self._group(problem).absorb(problem)

    def add_many(self, problem: Problem, count: int, rows: Iterable[int] = ()) -> None:
        """``count`` occurrences of one problem (one value) at once; ``rows``: the first rows."""
        if not count:
            return
        group = self._group(problem)
        examples = [replace(problem, row=int(r)) for r in list(rows)[:EXAMPLES]] or [problem]
        for i, p in enumerate(examples):
            group.absorb(p, count if i == 0 else 0)

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.add(p)

    def _group(self, p: Problem) -> Group:
        key = p.key()
        if key not in self._groups:
            self._groups[key] = Group(p.severity, p.file, p.column, p.message, p.fix)
        return self._groups[key]

    def groups(self, severity: str | None = None) -> list[Group]:
        out = [g for g in self._groups.values() if severity is None or g.severity == severity]
        return sorted(out, key=lambda g: SEVERITIES.index(g.severity) if g.severity in SEVERITIES else 9)

    def examples(self) -> list[Problem]:
        return [p for g in self.groups() for p in g.examples]

    def count(self, severity: str) -> int:
        return sum(g.count for g in self._groups.values() if g.severity == severity)

    @property
    def has_errors(self) -> bool:
        return any(g.severity == ERROR for g in self._groups.values())
