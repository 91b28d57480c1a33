-- Volunteer centres (register) by board / advisory body, district vs other municipalities.
WITH s AS (
    SELECT s.radgivende_organ, CASE WHEN k.distriktskommune THEN 'distrikt' ELSE 'sentral' END AS gruppe
    FROM sentraler_f($filtre) s
    JOIN kommuner k USING (kommunenummer)
),
tot AS (SELECT gruppe, count(*) AS n FROM s GROUP BY gruppe)
SELECT s.gruppe, s.radgivende_organ AS kode, etikett('radgivende_organ', s.radgivende_organ, $sprak) AS tekst,
       any_value(kl.rekkefolge) AS rekkefolge, count(*) AS antall, any_value(tot.n) AS n,
       100.0 * count(*) / any_value(tot.n) AS andel
FROM s
JOIN tot USING (gruppe)
JOIN klassifikasjoner kl ON kl.klassifikasjon = 'radgivende_organ' AND kl.kode = s.radgivende_organ
GROUP BY s.gruppe, s.radgivende_organ
ORDER BY s.gruppe, rekkefolge;
