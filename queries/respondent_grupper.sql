-- Every respondent with the predefined groups it belongs to (county, centrality class, the
-- ownership forms that select it, its own ownership group and role type). Internal: read by
-- dashboard.data.survey_groups to decide which survey groups may be shown; never displayed.
-- @internal
SELECT r.respondent_id, r.respondentgruppe, k.fylkesnummer, k.sentralitetsklasse, r.eiergruppe, r.rolletype,
       CASE WHEN r.respondentgruppe = 'frivilligsentral' THEN
                CASE WHEN r.eierform IS NULL THEN [] ELSE [r.eierform] END
            ELSE coalesce((SELECT list(DISTINCT s.eierform ORDER BY s.eierform) FROM sentraler s
                           WHERE s.kommunenummer = r.kommunenummer), [])
       END AS eierformer
FROM respondenter_f(ingen_filtre()) r
LEFT JOIN kommuner k USING (kommunenummer)
ORDER BY r.respondent_id;
