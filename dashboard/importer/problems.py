"""One problem found in an import: where (file, row, column, value), what, and how to fix it.

Errors stop the import; notes ("merknad") and warnings ("advarsel") are only reported.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "feil"
NOTE = "merknad"
WARNING = "advarsel"


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
            where.append(f"kolonne «{self.column}»")
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            where.append(f"verdi «{shown}»")
        prefix = {ERROR: "FEIL", WARNING: "ADVARSEL"}.get(self.severity, "MERKNAD")
        return f"{prefix}: {', '.join(where)}: {self.message}"
