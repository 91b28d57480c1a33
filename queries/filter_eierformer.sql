-- Ownership forms for the filter options, in the codebook's order and the chosen language.
SELECT kode, CASE WHEN $sprak = 'nn' THEN etikett_nn ELSE etikett_nb END AS etikett
FROM klassifikasjoner
WHERE klassifikasjon = 'eierform'
ORDER BY rekkefolge;
