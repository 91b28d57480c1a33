-- Answer distribution for every item of one question block, per respondent group
-- (frivilligsentral / kommune), within the global filters; categories in the scale's order.
-- @survey n=n; values=antall,andel; questions=sporsmal_id
WITH items AS (
    SELECT sporsmal_id, respondentgruppe, element, aktor, skala, figur, rekkefolge AS element_rekkefolge,
           CASE WHEN $sprak = 'nn' THEN element_nn ELSE element_nb END AS element_tekst,
           CASE WHEN $sprak = 'nn' THEN sporsmalstekst_nn ELSE sporsmalstekst_nb END AS sporsmalstekst
    FROM kodebok
    WHERE blokk = $blokk
),
answers AS (
    SELECT s.sporsmal_id, s.svar_kode
    FROM svar_f($filtre) s
    WHERE s.sporsmal_id IN (SELECT sporsmal_id FROM items)
),
base AS (SELECT sporsmal_id, count(*) AS n FROM answers GROUP BY sporsmal_id),
counts AS (SELECT sporsmal_id, svar_kode AS kode, count(*) AS antall FROM answers GROUP BY ALL)
SELECT i.sporsmal_id, i.respondentgruppe, i.element, i.aktor, i.element_tekst, i.sporsmalstekst, i.figur,
       i.element_rekkefolge, k.kode,
       CASE WHEN $sprak = 'nn' THEN k.etikett_nn ELSE k.etikett_nb END AS kategori,
       k.rekkefolge, k.verdi,
       coalesce(c.antall, 0) AS antall, b.n,
       100.0 * coalesce(c.antall, 0) / b.n AS andel
FROM items i
JOIN base b USING (sporsmal_id)
JOIN kodebok_skala k ON k.skala = i.skala
LEFT JOIN counts c ON c.sporsmal_id = i.sporsmal_id AND c.kode = k.kode
ORDER BY i.element_rekkefolge, k.rekkefolge;
