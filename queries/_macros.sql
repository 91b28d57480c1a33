-- Filter macros shared by every query. Each list argument is bound from the global filters;
-- an empty list means "all". Run once when the gateway opens a data version.

-- Municipalities within fylke / kommune / sentralitetsklasse.
CREATE OR REPLACE MACRO kommuner_f(p_fylker, p_kommuner, p_klasser) AS TABLE
    SELECT *
    FROM kommuner
    WHERE (len(p_fylker) = 0 OR list_contains(p_fylker, fylkesnummer))
      AND (len(p_kommuner) = 0 OR list_contains(p_kommuner, kommunenummer))
      AND (len(p_klasser) = 0 OR list_contains(p_klasser, sentralitetsklasse));

-- Volunteer centres (register) in those municipalities with a chosen ownership form.
CREATE OR REPLACE MACRO sentraler_f(p_fylker, p_kommuner, p_klasser, p_eierformer) AS TABLE
    SELECT s.*
    FROM sentraler s
    WHERE s.kommunenummer IN (SELECT kommunenummer FROM kommuner_f(p_fylker, p_kommuner, p_klasser))
      AND (len(p_eierformer) = 0 OR list_contains(p_eierformer, s.eierform));

-- Survey respondents within the filters. A centre counts by its own ownership form; a
-- municipality when at least one of its centres has a chosen form. Adds the centre's ownership form
-- and group (kommunal / lag_forening / andre, stored in sentraler); the role type is stored in
-- respondenter (both derived once, by dashboard.data.derived).
CREATE OR REPLACE MACRO respondenter_f(p_fylker, p_kommuner, p_klasser, p_eierformer) AS TABLE
    SELECT r.respondent_id, r.respondentgruppe, r.sentral_id, r.kommunenummer, r.kilde,
           s.eierform, s.eiergruppe, r.rolletype
    FROM respondenter r
    LEFT JOIN sentraler s USING (sentral_id)
    WHERE r.kommunenummer IN (SELECT kommunenummer FROM kommuner_f(p_fylker, p_kommuner, p_klasser))
      AND (len(p_eierformer) = 0
           OR (r.respondentgruppe = 'frivilligsentral' AND list_contains(p_eierformer, s.eierform))
           OR (r.respondentgruppe = 'kommune' AND r.kommunenummer IN
                 (SELECT kommunenummer FROM sentraler WHERE list_contains(p_eierformer, eierform))));

-- Answers of those respondents, with the respondent's attributes.
CREATE OR REPLACE MACRO svar_f(p_fylker, p_kommuner, p_klasser, p_eierformer) AS TABLE
    SELECT v.sporsmal_id, v.svar_kode, r.*
    FROM svar v
    JOIN respondenter_f(p_fylker, p_kommuner, p_klasser, p_eierformer) r USING (respondent_id);

-- Label of a classification code in the chosen language ('nb' or 'nn').
CREATE OR REPLACE MACRO etikett(p_klass, p_kode, p_sprak) AS (
    SELECT CASE WHEN p_sprak = 'nn' THEN etikett_nn ELSE etikett_nb END
    FROM klassifikasjoner WHERE klassifikasjon = p_klass AND kode = p_kode
);
