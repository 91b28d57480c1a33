-- Figure 1: municipalities in the filters, district (class 5-6) or other, with or without a
-- volunteer centre (of the chosen ownership forms), and the centres in each group.
WITH k AS (SELECT * FROM kommuner_f($filtre)),
     s AS (SELECT kommunenummer, count(*) AS sentraler FROM sentraler_f($filtre)
           GROUP BY kommunenummer)
SELECT CASE WHEN k.distriktskommune THEN 'distrikt' ELSE 'andre' END
           || CASE WHEN s.sentraler IS NULL THEN '_uten' ELSE '_med' END AS gruppe,
       count(*) AS kommuner,
       CAST(coalesce(sum(s.sentraler), 0) AS BIGINT) AS sentraler,
       CAST(sum(k.befolkning_2024) AS BIGINT) AS befolkning_2024
FROM k LEFT JOIN s USING (kommunenummer)
GROUP BY gruppe
ORDER BY gruppe;
