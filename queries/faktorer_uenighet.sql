-- Figures 17-18, where centres and municipalities disagree: per factor the share of each side
-- that rates it helping (i svært stor / stor grad fremmende) and hindering, and the gaps.
-- @survey n=n_fs,n_k; questions=sporsmal_fs,sporsmal_k; values=fremmende_fs,fremmende_k,hemmende_fs,hemmende_k,diff_fremmende,diff_hemmende
WITH s AS (
    SELECT v.respondentgruppe, v.sporsmal_id, k.element, v.svar_kode
    FROM svar_f($filtre) v
    JOIN kodebok k USING (sporsmal_id)
    WHERE k.blokk = 'faktor'
),
agg AS (
    SELECT element,
           min(sporsmal_id) FILTER (WHERE respondentgruppe = 'frivilligsentral') AS sporsmal_fs,
           min(sporsmal_id) FILTER (WHERE respondentgruppe = 'kommune') AS sporsmal_k,
           count(*) FILTER (WHERE respondentgruppe = 'frivilligsentral') AS n_fs,
           count(*) FILTER (WHERE respondentgruppe = 'kommune') AS n_k,
           100.0 * count(*) FILTER (WHERE respondentgruppe = 'frivilligsentral' AND svar_kode IN ('svaert_fremmende', 'fremmende'))
               / nullif(count(*) FILTER (WHERE respondentgruppe = 'frivilligsentral'), 0) AS fremmende_fs,
           100.0 * count(*) FILTER (WHERE respondentgruppe = 'kommune' AND svar_kode IN ('svaert_fremmende', 'fremmende'))
               / nullif(count(*) FILTER (WHERE respondentgruppe = 'kommune'), 0) AS fremmende_k,
           100.0 * count(*) FILTER (WHERE respondentgruppe = 'frivilligsentral' AND svar_kode IN ('hemmende', 'svaert_hemmende'))
               / nullif(count(*) FILTER (WHERE respondentgruppe = 'frivilligsentral'), 0) AS hemmende_fs,
           100.0 * count(*) FILTER (WHERE respondentgruppe = 'kommune' AND svar_kode IN ('hemmende', 'svaert_hemmende'))
               / nullif(count(*) FILTER (WHERE respondentgruppe = 'kommune'), 0) AS hemmende_k
    FROM s GROUP BY element
)
SELECT a.element, a.sporsmal_fs, a.sporsmal_k, etikett('faktor', a.element, $sprak) AS element_tekst, kl.rekkefolge,
       a.n_fs, a.n_k, a.fremmende_fs, a.fremmende_k, a.hemmende_fs, a.hemmende_k,
       a.fremmende_fs - a.fremmende_k AS diff_fremmende,
       a.hemmende_fs - a.hemmende_k AS diff_hemmende
FROM agg a
JOIN klassifikasjoner kl ON kl.klassifikasjon = 'faktor' AND kl.kode = a.element
ORDER BY round(abs(coalesce(a.fremmende_fs - a.fremmende_k, 0)) + abs(coalesce(a.hemmende_fs - a.hemmende_k, 0)), 6) DESC,
         kl.rekkefolge;  -- equal gaps (to the last shown decimal and beyond) in the classification's order, every run
