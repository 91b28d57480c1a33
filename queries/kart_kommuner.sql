-- Every municipality with what the maps show: centrality, population, whether it is inside the
-- filters, and its volunteer centres (of the chosen ownership forms) with their ownership.
WITH f AS (SELECT kommunenummer FROM kommuner_f($filtre)),
     s AS (
         SELECT kommunenummer, eierform, eiergruppe
         FROM eierform_sentraler_f($filtre)
     ),
     alle AS (SELECT kommunenummer, count(*) AS sentraler_alle FROM sentraler GROUP BY kommunenummer),
     per_form AS (SELECT kommunenummer, eierform, count(*) AS antall FROM s GROUP BY ALL),
     per_kommune AS (
         SELECT kommunenummer,
                sum(antall) AS sentraler,
                string_agg(etikett('eierform', eierform, $sprak) || ' (' || antall || ')', ', '
                           ORDER BY antall DESC, eierform) AS eierformer
         FROM per_form GROUP BY kommunenummer
     ),
     dominant AS (
         -- a tie (one kommunal and one lag_forening centre) is broken by name, so the colour never varies
         SELECT kommunenummer, first(eiergruppe ORDER BY n DESC, eiergruppe) AS eiergruppe
         FROM (SELECT kommunenummer, eiergruppe, count(*) AS n FROM s GROUP BY ALL)
         GROUP BY kommunenummer
     )
SELECT k.kommunenummer, k.visningsnavn, k.fylkesnummer, k.fylkesnavn, k.sentralitetsklasse, k.sentralitetsindeks,
       k.distriktskommune, k.befolkning_2024, k.sentroide_lon, k.sentroide_lat,
       k.kommunenummer IN (SELECT kommunenummer FROM f) AS i_filter,
       coalesce(p.sentraler, 0) AS sentraler, coalesce(p.eierformer, '') AS eierformer, d.eiergruppe,
       coalesce(a.sentraler_alle, 0) AS sentraler_alle
FROM kommuner k
LEFT JOIN per_kommune p USING (kommunenummer)
LEFT JOIN dominant d USING (kommunenummer)
LEFT JOIN alle a USING (kommunenummer)
ORDER BY k.kommunenummer;
