"""Bokmål left in a nynorsk text: shared by the catalogue tests and the pages run in nynorsk."""

from __future__ import annotations

import re

BOKMAL_ONLY = re.compile(r"\b(ikke|hvilke|hvor|hva|lignende|tjenester?|tjenestene|kommuner|kommunene|"
                         r"frivilligsentraler|frivilligsentralene|sentraler|sentralene|andel|andelen|antall|fremover|"
                         r"selv|ble|være|hver|fra|noen|mye|undersøkelsen|spørreundersøkelsen)\b", re.IGNORECASE)
# proper names keep their form: organisations, the report's title, the demo centres
NAMES = re.compile(r"Norges Frivilligsentraler|Frivillighet Norge|Frivilligsentraler i distriktskommuner|"
                   r"Demosentral [^,;)]*")


def bokmal_left(text: str) -> list[str]:
    """Bokmål-only words in a nynorsk text outside «quotes» and proper names."""
    return BOKMAL_ONLY.findall(NAMES.sub("", re.sub(r"«[^»]*»", "", text)))
