-- Which respondent answered which question: the answered set of every question, read by
-- dashboard.data.survey_groups to decide, per question, which groups may be shown. Never displayed.
-- @internal
SELECT DISTINCT respondent_id, sporsmal_id FROM svar ORDER BY sporsmal_id, respondent_id;
