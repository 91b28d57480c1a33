"""What each built table is, where it comes from, its licence, and whether it is synthetic (demo).

The build writes this into the ``kilder`` table and the version manifest; the app shows it next to
every number ("Kilde: ...") and raises the Demodata notice exactly for the tables marked demo.
"""

from __future__ import annotations

SSB = "Statistisk sentralbyrå (SSB)"
SSB_LICENCE = "CC BY 4.0 (Kilde: Statistisk sentralbyrå)"
KARTVERKET_LICENCE = "CC BY 4.0 (© Kartverket)"
REPORT = ("ideas2evidence (2024): Frivilligsentraler i distriktskommuner. Rapport for Distriktssenteret og "
          "Norges Frivilligsentraler")
REPORT_LICENCE = "Offentlig rapport; tallene gjengis med kildehenvisning"
DEMO_LICENCE = "Syntetiske demodata laget av dashbordet; ikke ekte svar eller ekte register"

TABLES: dict[str, dict] = {
    "kommuner": {
        "beskrivelse": "De 357 kommunene i 2024 med sentralitet, folketall og forenklet grense",
        "kilde": f"{SSB}: sentralitetsindeks 2024 (KLASS 128) og folketall (tabell 07459); "
                 "Kartverket: kommunegrenser 2024",
        "lisens": f"{SSB_LICENCE}; {KARTVERKET_LICENCE}", "demo": False},
    "kommuner_detalj": {
        "beskrivelse": "Kommunegrenser i høyere detaljgrad (for innzoomede kart og kontroller)",
        "kilde": "Kartverket: administrative enheter 2024", "lisens": KARTVERKET_LICENCE, "demo": False},
    "fylker": {
        "beskrivelse": "De 15 fylkene i 2024 med grenser og nøkkeltall",
        "kilde": f"Kartverket: fylkesgrenser 2024; {SSB}", "lisens": f"{KARTVERKET_LICENCE}; {SSB_LICENCE}",
        "demo": False},
    "befolkning": {
        "beskrivelse": "Folketall 1. januar 1986-2026 per kommune, på 2024-grenser",
        "kilde": f"{SSB}, tabell 07459", "lisens": SSB_LICENCE, "demo": False},
    "rapporttall": {
        "beskrivelse": "Hvert tall rapporten oppgir i teksten, med figur, linje og ordrett sitat",
        "kilde": REPORT, "lisens": REPORT_LICENCE, "demo": False},
    "kodebok": {
        "beskrivelse": "Spørsmålene bak figur 2-21 og tabell 1, per element og respondentgruppe",
        "kilde": f"Kodebok satt sammen fra rapporten ({REPORT})", "lisens": REPORT_LICENCE, "demo": False},
    "kodebok_skala": {
        "beskrivelse": "Svarskalaene med kategorier i rapportens rekkefølge",
        "kilde": f"Kodebok satt sammen fra rapporten ({REPORT})", "lisens": REPORT_LICENCE, "demo": False},
    "klassifikasjoner": {
        "beskrivelse": "Eierformer, rolletyper, velferdsområder, aktører, faktorer, diskurser, tabell 1 m.m.",
        "kilde": f"Klassifikasjoner etter rapporten ({REPORT}) og forskrift om tilskudd til frivilligsentraler",
        "lisens": REPORT_LICENCE, "demo": False},
    "rapportkobling": {
        "beskrivelse": "Koblingen mellom dashbordets kontroller og rapportens tall",
        "kilde": REPORT, "lisens": REPORT_LICENCE, "demo": False},
    "sentraler": {
        "beskrivelse": "DEMODATA: syntetisk register over 532 frivilligsentraler, kalibrert til rapportens tall",
        "kilde": "Demodata (syntetisk, fast frø), kalibrert til rapportens tall", "lisens": DEMO_LICENCE, "demo": True},
    "respondenter": {
        "beskrivelse": "DEMODATA: syntetiske respondenter (159 frivilligsentraler, 135 kommuner)",
        "kilde": "Demodata (syntetisk, fast frø), kalibrert til rapportens tall", "lisens": DEMO_LICENCE, "demo": True},
    "svar": {
        "beskrivelse": "DEMODATA: syntetiske svar per respondent og element i kodeboken",
        "kilde": "Demodata (syntetisk, fast frø), kalibrert til rapportens tall", "lisens": DEMO_LICENCE, "demo": True},
    "diskurs": {
        "beskrivelse": "DEMODATA: syntetisk hoveddiskurs per kommune (figur 5), kalibrert til rapportens andeler",
        "kilde": "Demodata (syntetisk, fast frø), kalibrert til rapportens tall", "lisens": DEMO_LICENCE, "demo": True},
    "kalibrering": {
        "beskrivelse": "DEMODATA: kontrollen av at demodataene gjengir rapportens tall",
        "kilde": "Beregnet fra demodataene og rapportens tall", "lisens": DEMO_LICENCE, "demo": True},
}
