-- Volunteer centres (register) by ownership form within groups of municipalities:
-- $inndeling = 'klasse' (centrality class), 'fylke' (county) or 'distrikt' (district vs other).
WITH s AS (
    SELECT s.eierform, k.sentralitetsklasse, k.fylkesnummer, k.fylkesnavn, k.distriktskommune
    FROM sentraler_f($filtre) s
    JOIN kommuner k USING (kommunenummer)
),
g AS (
    SELECT CASE $inndeling
               WHEN 'klasse' THEN CAST(sentralitetsklasse AS VARCHAR)
               WHEN 'fylke' THEN fylkesnummer
               ELSE CASE WHEN distriktskommune THEN 'distrikt' ELSE 'sentral' END
           END AS gruppe,
           CASE $inndeling
               WHEN 'klasse' THEN CAST(sentralitetsklasse AS VARCHAR)
               WHEN 'fylke' THEN fylkesnavn
               ELSE CASE WHEN distriktskommune THEN 'distrikt' ELSE 'sentral' END
           END AS gruppe_navn,
           eierform
    FROM s
),
tot AS (SELECT gruppe, count(*) AS n FROM g GROUP BY gruppe)
SELECT g.gruppe, any_value(g.gruppe_navn) AS gruppe_navn, g.eierform,
       etikett('eierform', g.eierform, $sprak) AS eierform_tekst,
       any_value(kl.rekkefolge) AS rekkefolge,
       count(*) AS antall, any_value(tot.n) AS n, 100.0 * count(*) / any_value(tot.n) AS andel
FROM g
JOIN tot USING (gruppe)
JOIN klassifikasjoner kl ON kl.klassifikasjon = 'eierform' AND kl.kode = g.eierform
GROUP BY g.gruppe, g.eierform
ORDER BY g.gruppe, rekkefolge;
