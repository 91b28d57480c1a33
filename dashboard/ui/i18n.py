"""One message catalogue for every UI string, in bokmål (default) and nynorsk; and the nynorsk of the
descriptions and categories of the report's numbers, which the data hold in bokmål (``report_text``).

Strings live in ``dashboard/ui/messages.toml`` as ``"key" = { nb = "...", nn = "..." }`` and are
looked up with ``t("key", name=value)`` (str.format placeholders). The language is the session's
choice ("lang" in the URL); outside a Streamlit session it is bokmål.
"""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path

CATALOGUE = Path(__file__).with_name("messages.toml")
REPORT_NN = Path(__file__).with_name("rapporttall_nn.toml")  # nynorsk for the report numbers' descriptions
LANGUAGES = ("nb", "nn")
DEFAULT_LANGUAGE = "nb"
_current: list[str] = [DEFAULT_LANGUAGE]  # fallback when no Streamlit session is running


class MissingMessage(KeyError):
    pass


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    with open(CATALOGUE, "rb") as fh:
        return tomllib.load(fh)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def language() -> str:
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        from dashboard.ui import state  # the session's choice (state imports this module's language codes)

        if get_script_run_ctx(suppress_warning=True) is not None:
            return state.lang()
    except Exception:  # noqa: BLE001 - no Streamlit runtime: fall back to the process default
        pass
    return _current[0]


def set_language(lang: str) -> None:
    """Set the process-wide fallback language (CLI, exports built outside a session, tests)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current[0] = lang


def t(key: str, lang: str | None = None, **kwargs) -> str:
    entry = catalogue().get(key)
    if entry is None:
        raise MissingMessage(f"message {key!r} is not in {CATALOGUE.name}")
    lang = lang or language()
    text = entry.get(lang)
    if text is None:
        raise MissingMessage(f"message {key!r} has no {lang!r} text")
    return text.format(**kwargs) if kwargs else text


@lru_cache(maxsize=1)
def report_catalogue() -> dict[str, dict[str, str]]:
    with open(REPORT_NN, "rb") as fh:
        return tomllib.load(fh)


def report_text(field: str, text, lang: str | None = None):
    """A description (``field`` "sporsmal") or category ("kategori") of a report number in the page's language:
    the data hold bokmål, rapporttall_nn.toml the nynorsk. A text it lacks (a row added later) stays bokmål;
    tests/test_language.py checks that the shipped data lack none."""
    if (lang or language()) != "nn" or not isinstance(text, str):
        return text
    return report_catalogue()[field].get(text, text)
