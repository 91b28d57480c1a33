-- Some of the report's numbers by their id (e.g. the caveats printed beside a key finding).
SELECT id, referanse, seksjon, linje, sporsmal, respondentgruppe, kilde_detalj, brudd, kategori, verdi, enhet, n,
       presisjon, sitat, merknad
FROM rapporttall
WHERE list_contains($ider, id)
ORDER BY linje, id;
