-- Figure 5: the main discourse in the plan documents of the municipalities in the filters
-- (one category per municipality; document analysis, not a survey).
WITH d AS (
    SELECT d.diskurs FROM diskurs d
    WHERE d.kommunenummer IN (SELECT kommunenummer FROM kommuner_f($filtre))
      AND d.kommunenummer IN (SELECT kommunenummer FROM eierform_kommuner_f($filtre))
),
n AS (SELECT count(*) AS n FROM d)
SELECT kl.kode, CASE WHEN $sprak = 'nn' THEN kl.etikett_nn ELSE kl.etikett_nb END AS kategori, kl.beskrivelse,
       kl.rekkefolge, count(d.diskurs) AS antall, n.n, 100.0 * count(d.diskurs) / nullif(n.n, 0) AS andel
FROM klassifikasjoner kl
CROSS JOIN n
LEFT JOIN d ON d.diskurs = kl.kode
WHERE kl.klassifikasjon = 'diskurs'
GROUP BY kl.kode, kl.etikett_nb, kl.etikett_nn, kl.beskrivelse, kl.rekkefolge, n.n
ORDER BY kl.rekkefolge;
