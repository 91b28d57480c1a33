-- The numbers the report states in one chapter's text outside any figure or table, in the report's order.
SELECT id, referanse, seksjon, linje, sporsmal, respondentgruppe, kilde_detalj, brudd, kategori, verdi, enhet, n,
       presisjon, sitat, merknad
FROM rapporttall
WHERE seksjon = $seksjon AND referanse IS NULL
ORDER BY linje, id;
