-- The codebook: one row per survey item, with question text in the chosen language.
SELECT sporsmal_id, figur, respondentgruppe, undersokelse, blokk,
       CASE WHEN $sprak = 'nn' THEN sporsmalstekst_nn ELSE sporsmalstekst_nb END AS sporsmalstekst,
       CASE WHEN $sprak = 'nn' THEN element_nn ELSE element_nb END AS element, aktor, skala, filter,
       n_rapport, n_demo, demo_kalibrering, linje, merknad
FROM kodebok
ORDER BY rekkefolge;
