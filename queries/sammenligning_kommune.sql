-- One municipality next to the municipalities of the same centrality class and the same county:
-- population change 2014-2024, centres per 10 000 inhabitants, share with a centre, share of
-- centres owned by the municipality. The change leaves out municipalities without a 2014 figure on
-- 2024 borders.
WITH k AS (SELECT * FROM kommuner WHERE kommunenummer = $kommune),
pop AS (
    SELECT kommunenummer,
           sum(befolkning) FILTER (WHERE aar = 2014) AS b2014,
           sum(befolkning) FILTER (WHERE aar = 2024) AS b2024
    FROM befolkning GROUP BY kommunenummer
),
c AS (SELECT kommunenummer, count(*) AS sentraler, count(*) FILTER (WHERE eierform = 'kommunal') AS kommunale
      FROM sentraler GROUP BY kommunenummer),
base AS (
    SELECT x.kommunenummer, x.sentralitetsklasse, x.fylkesnummer, x.distriktskommune, p.b2014, p.b2024,
           coalesce(c.sentraler, 0) AS sentraler, coalesce(c.kommunale, 0) AS kommunale
    FROM kommuner x JOIN pop p USING (kommunenummer) LEFT JOIN c USING (kommunenummer)
),
groups AS (
    SELECT 'kommune' AS gruppe, 1 AS rekkefolge, * FROM base WHERE kommunenummer = $kommune
    UNION ALL SELECT 'klasse', 2, * FROM base WHERE sentralitetsklasse = (SELECT sentralitetsklasse FROM k)
    UNION ALL SELECT 'fylke', 3, * FROM base WHERE fylkesnummer = (SELECT fylkesnummer FROM k)
    UNION ALL SELECT 'distrikt', 4, * FROM base WHERE distriktskommune
)
SELECT gruppe, rekkefolge, count(*) AS kommuner,
       100.0 * (sum(b2024) FILTER (WHERE b2014 IS NOT NULL) - sum(b2014)) / sum(b2014) AS befolkningsendring,
       10000.0 * sum(sentraler) / sum(b2024) AS sentraler_per_10000,
       100.0 * count(*) FILTER (WHERE sentraler > 0) / count(*) AS andel_med_sentral,
       100.0 * sum(kommunale) / nullif(sum(sentraler), 0) AS andel_kommunale,
       CAST(sum(sentraler) AS BIGINT) AS sentraler
FROM groups
GROUP BY gruppe, rekkefolge
ORDER BY rekkefolge;
