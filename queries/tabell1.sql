-- Table 1: advantages and disadvantages of co-location as the report codes them from free text
-- (the free-text answers themselves are never shown), in the chosen language.
SELECT kode, CASE WHEN $sprak = 'nn' THEN etikett_nn ELSE etikett_nb END AS tekst, type, nevnt_av, rekkefolge
FROM klassifikasjoner
WHERE klassifikasjon = 'tabell1'
ORDER BY rekkefolge;
