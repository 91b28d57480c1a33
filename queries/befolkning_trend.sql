-- Population 1986-2026 as an index (1986 = 100) for one municipality, the municipalities of the
-- same centrality class, and the same county, with the absolute numbers.
WITH k AS (SELECT * FROM kommuner WHERE kommunenummer = $kommune),
series AS (
    SELECT 'kommune' AS serie, b.aar, sum(b.befolkning) AS befolkning
    FROM befolkning b WHERE b.kommunenummer = $kommune GROUP BY b.aar
    UNION ALL
    SELECT 'klasse', b.aar, sum(b.befolkning)
    FROM befolkning b JOIN kommuner x USING (kommunenummer)
    WHERE x.sentralitetsklasse = (SELECT sentralitetsklasse FROM k) GROUP BY b.aar
    UNION ALL
    SELECT 'fylke', b.aar, sum(b.befolkning)
    FROM befolkning b JOIN kommuner x USING (kommunenummer)
    WHERE x.fylkesnummer = (SELECT fylkesnummer FROM k) GROUP BY b.aar
)
SELECT serie, aar, CAST(befolkning AS BIGINT) AS befolkning,
       100.0 * befolkning / first_value(befolkning) OVER (PARTITION BY serie ORDER BY aar) AS indeks
FROM series
ORDER BY serie, aar;
