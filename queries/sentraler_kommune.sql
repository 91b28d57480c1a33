-- The volunteer centres registered in one municipality.
SELECT sentral_id, navn, etikett('eierform', eierform, $sprak) AS eierform,
       etikett('radgivende_organ', radgivende_organ, $sprak) AS radgivende_organ, etablert_aar, i_utvalg, kilde
FROM sentraler
WHERE kommunenummer = $kommune
ORDER BY sentral_id;
