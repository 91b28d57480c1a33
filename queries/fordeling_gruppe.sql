-- Answer distribution for the centres' items of one block, broken down by ownership group
-- ($inndeling = 'eiergruppe': kommunal / lag_forening / andre; 'kommunal': kommunal / ikke_kommunal)
-- or by role type ('rolletype': egenregi / blanding / bindeledd), with the total as group 'alle'.
-- @survey n=n; values=antall,andel; groups=gruppe; partition=sporsmal_id; total=alle; respondents=frivilligsentral; questions=sporsmal_id
WITH items AS (
    SELECT sporsmal_id, element, aktor, skala, figur, rekkefolge AS element_rekkefolge,
           CASE WHEN $sprak = 'nn' THEN element_nn ELSE element_nb END AS element_tekst
    FROM kodebok
    WHERE blokk = $blokk AND respondentgruppe = 'frivilligsentral'
),
answers AS (
    SELECT s.sporsmal_id, s.svar_kode,
           CASE $inndeling
               WHEN 'rolletype' THEN s.rolletype
               WHEN 'kommunal' THEN CASE WHEN s.eierform = 'kommunal' THEN 'kommunal' ELSE 'ikke_kommunal' END
               ELSE s.eiergruppe
           END AS gruppe
    FROM svar_f($filtre) s
    WHERE s.sporsmal_id IN (SELECT sporsmal_id FROM items)
),
grouped AS (
    SELECT sporsmal_id, svar_kode, gruppe FROM answers WHERE gruppe IS NOT NULL
    UNION ALL
    SELECT sporsmal_id, svar_kode, 'alle' FROM answers
),
base AS (SELECT sporsmal_id, gruppe, count(*) AS n FROM grouped GROUP BY ALL),
counts AS (SELECT sporsmal_id, gruppe, svar_kode AS kode, count(*) AS antall FROM grouped GROUP BY ALL)
SELECT i.sporsmal_id, i.element, i.aktor, i.element_tekst, i.figur, i.element_rekkefolge, b.gruppe,
       k.kode, CASE WHEN $sprak = 'nn' THEN k.etikett_nn ELSE k.etikett_nb END AS kategori, k.rekkefolge,
       coalesce(c.antall, 0) AS antall, b.n,
       100.0 * coalesce(c.antall, 0) / b.n AS andel
FROM items i
JOIN base b USING (sporsmal_id)
JOIN kodebok_skala k ON k.skala = i.skala
LEFT JOIN counts c ON c.sporsmal_id = i.sporsmal_id AND c.gruppe = b.gruppe AND c.kode = k.kode
ORDER BY i.element_rekkefolge, b.gruppe, k.rekkefolge;
