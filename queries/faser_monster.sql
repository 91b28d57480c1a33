-- Figure 14 in the report's terms: share of the centres (collaborating on welfare services) that
-- take part in all three phases, in execution, and in the idea/concept or planning phase.
-- @survey n=n; values=antall,andel; respondents=frivilligsentral
WITH f AS (
    SELECT respondent_id,
           bool_or(sporsmal_id = 'fs_fase_ide' AND svar_kode = 'valgt') AS ide,
           bool_or(sporsmal_id = 'fs_fase_planlegging' AND svar_kode = 'valgt') AS plan,
           bool_or(sporsmal_id = 'fs_fase_utforing' AND svar_kode = 'valgt') AS utforing
    FROM svar_f($fylker, $kommuner, $klasser, $eierformer)
    WHERE sporsmal_id LIKE 'fs_fase_%'
    GROUP BY respondent_id
),
m AS (
    SELECT 'alle' AS kode, 1 AS rekkefolge, count(*) FILTER (WHERE ide AND plan AND utforing) AS antall FROM f
    UNION ALL SELECT 'utforing', 2, count(*) FILTER (WHERE utforing) FROM f
    UNION ALL SELECT 'tidlig', 3, count(*) FILTER (WHERE ide OR plan) FROM f
)
SELECT m.kode, m.rekkefolge, m.antall, (SELECT count(*) FROM f) AS n,
       100.0 * m.antall / nullif((SELECT count(*) FROM f), 0) AS andel
FROM m
WHERE (SELECT count(*) FROM f) > 0
ORDER BY m.rekkefolge;
