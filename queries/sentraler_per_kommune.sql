-- District municipalities in the filters by number of volunteer centres (0, 1, 2, 3 ...).
WITH k AS (SELECT * FROM kommuner_f($fylker, $kommuner, $klasser) WHERE distriktskommune),
     s AS (SELECT kommunenummer, count(*) AS sentraler FROM sentraler_f($fylker, $kommuner, $klasser, $eierformer)
           GROUP BY kommunenummer)
SELECT coalesce(s.sentraler, 0) AS sentraler, count(*) AS kommuner
FROM k LEFT JOIN s USING (kommunenummer)
GROUP BY 1 ORDER BY 1;
