-- Headline numbers for the municipalities in the filter: how many, how many district
-- municipalities, population, how many have a volunteer centre (of the chosen ownership forms).
WITH k AS (SELECT * FROM kommuner_f($filtre)),
     s AS (SELECT * FROM sentraler_f($filtre))
SELECT
    count(*)                                                       AS kommuner,
    count(*) FILTER (WHERE distriktskommune)                       AS distriktskommuner,
    CAST(sum(befolkning_2024) AS BIGINT)                           AS befolkning_2024,
    CAST(sum(befolkning_2023) AS BIGINT)                           AS befolkning_2023,
    (SELECT count(*) FROM s)                                       AS sentraler,
    count(*) FILTER (WHERE kommunenummer IN (SELECT kommunenummer FROM s))     AS kommuner_med_sentral,
    count(*) FILTER (WHERE kommunenummer NOT IN (SELECT kommunenummer FROM s)) AS kommuner_uten_sentral
FROM k;
