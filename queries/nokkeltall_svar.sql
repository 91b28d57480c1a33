-- Survey response within the filters: respondents and survey population per respondent group.
-- Centres: those in the survey sample; municipalities: district municipalities with a centre.
-- The response count is a survey number: hidden for 1-4 respondents and for groups that may not be shown.
-- @survey n=svar; values=svar
WITH k AS (SELECT kommunenummer FROM kommuner_f($filtre) WHERE distriktskommune),
     s AS (SELECT * FROM sentraler_f($filtre)),
     r AS (SELECT respondentgruppe, count(*) AS svar FROM respondenter_f($filtre)
           GROUP BY respondentgruppe)
SELECT 'frivilligsentral' AS respondentgruppe,
       coalesce((SELECT svar FROM r WHERE respondentgruppe = 'frivilligsentral'), 0) AS svar,
       (SELECT count(*) FROM s WHERE i_utvalg AND kommunenummer IN (SELECT kommunenummer FROM k)) AS populasjon
UNION ALL
SELECT 'kommune',
       coalesce((SELECT svar FROM r WHERE respondentgruppe = 'kommune'), 0),
       (SELECT count(DISTINCT kommunenummer) FROM s WHERE kommunenummer IN (SELECT kommunenummer FROM k));
