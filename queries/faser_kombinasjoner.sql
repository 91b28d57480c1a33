-- Figure 14 as the report draws it: the combinations of phases (idea/concept, planning/development,
-- execution) the centres collaborating on welfare services take part in, as shares of those who answered.
-- @survey n=n; values=antall,andel; respondents=frivilligsentral; questions=fs_fase_%
WITH f AS (
    SELECT respondent_id,
           bool_or(sporsmal_id = 'fs_fase_ide' AND svar_kode = 'valgt') AS ide,
           bool_or(sporsmal_id = 'fs_fase_planlegging' AND svar_kode = 'valgt') AS plan,
           bool_or(sporsmal_id = 'fs_fase_utforing' AND svar_kode = 'valgt') AS utforing
    FROM svar_f($filtre)
    WHERE sporsmal_id LIKE 'fs_fase_%'
    GROUP BY respondent_id
),
combos (kode, rekkefolge, ide, plan, utforing) AS (
    VALUES ('alle', 1, true, true, true), ('ide_utforing', 2, true, false, true),
           ('plan_utforing', 3, false, true, true), ('bare_utforing', 4, false, false, true),
           ('ide_plan', 5, true, true, false), ('bare_ide', 6, true, false, false),
           ('bare_plan', 7, false, true, false), ('ingen', 8, false, false, false)
)
SELECT c.kode, c.rekkefolge, count(f.respondent_id) AS antall, (SELECT count(*) FROM f) AS n,
       100.0 * count(f.respondent_id) / nullif((SELECT count(*) FROM f), 0) AS andel
FROM combos c
LEFT JOIN f ON f.ide = c.ide AND f.plan = c.plan AND f.utforing = c.utforing
WHERE (SELECT count(*) FROM f) > 0
GROUP BY c.kode, c.rekkefolge
ORDER BY c.rekkefolge;
