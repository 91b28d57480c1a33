-- The numbers the report states for one figure or table, in the report's order.
SELECT id, referanse, seksjon, linje, sporsmal, respondentgruppe, kilde_detalj, brudd, kategori, verdi, enhet, n,
       presisjon, sitat, merknad
FROM rapporttall
WHERE referanse = $referanse
ORDER BY linje, id;
