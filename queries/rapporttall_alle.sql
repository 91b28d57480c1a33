-- Every number the report states, with figure, question, respondent group, N and line reference.
SELECT id, referanse, seksjon, linje, sporsmal, respondentgruppe, kilde_detalj, brudd, kategori, verdi, enhet, n,
       presisjon, sitat, merknad
FROM rapporttall
ORDER BY linje, id;
