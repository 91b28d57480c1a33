-- The answer scales with their categories in the report's order, in the chosen language.
SELECT skala, skala_beskrivelse, rekkefolge, kode,
       CASE WHEN $sprak = 'nn' THEN etikett_nn ELSE etikett_nb END AS kategori, verdi, merknad
FROM kodebok_skala
ORDER BY skala, rekkefolge;
