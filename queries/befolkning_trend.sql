-- Population 1986-2026 as an index (1986 = 100) for one municipality, the municipalities of the
-- same centrality class, and the same county, with the absolute numbers. Municipalities without a
-- figure for every year (split or merged after 2019; SSB has no series on 2024 borders) are left out of
-- the class and county sums so those curves do not jump; a municipality's own curve starts at its first year.
WITH k AS (SELECT * FROM kommuner WHERE kommunenummer = $kommune),
complete AS (SELECT kommunenummer FROM befolkning GROUP BY kommunenummer HAVING count(befolkning) = count(*)),
series AS (
    SELECT 'kommune' AS serie, b.aar, sum(b.befolkning) AS befolkning
    FROM befolkning b WHERE b.kommunenummer = $kommune GROUP BY b.aar
    UNION ALL
    SELECT 'klasse', b.aar, sum(b.befolkning)
    FROM befolkning b JOIN kommuner x USING (kommunenummer)
    WHERE x.sentralitetsklasse = (SELECT sentralitetsklasse FROM k)
      AND b.kommunenummer IN (SELECT kommunenummer FROM complete) GROUP BY b.aar
    UNION ALL
    SELECT 'fylke', b.aar, sum(b.befolkning)
    FROM befolkning b JOIN kommuner x USING (kommunenummer)
    WHERE x.fylkesnummer = (SELECT fylkesnummer FROM k)
      AND b.kommunenummer IN (SELECT kommunenummer FROM complete) GROUP BY b.aar
)
SELECT serie, aar, CAST(befolkning AS BIGINT) AS befolkning,
       100.0 * befolkning / first_value(befolkning IGNORE NULLS) OVER (PARTITION BY serie ORDER BY aar
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS indeks
FROM series
ORDER BY serie, aar;
