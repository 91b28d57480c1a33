-- Numbers the report publishes, looked up by their key, with figure, quote and line.
SELECT c.kontroll, c.beskrivelse, c.enhet, c.rapport_verdi, c.linje,
       r.id AS rapporttall_id, r.referanse, r.seksjon, r.sitat, r.n AS rapport_n, r.presisjon
FROM rapportkobling c
LEFT JOIN rapporttall r ON r.id = c.rapporttall_id
WHERE list_contains($kontroller, c.kontroll);
