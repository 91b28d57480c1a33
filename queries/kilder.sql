-- Every table of the current data version: what it is, its source, licence, date, whether it is demo.
SELECT tabell, beskrivelse, kilde, lisens, demo, dato, rader FROM kilder ORDER BY demo, tabell;
