-- Filter macros shared by every query. Each takes the one filter parameter $filtre, a STRUCT bound from
-- the global filters (dashboard.data.filters.Filters.params) with one list per filter, named by the column it
-- filters; an empty list means "all". A new filter is one field of that struct and its condition here,
-- in the macro of the table it filters. Run once when the gateway opens a data version.

-- Municipalities within fylke / kommune / sentralitetsklasse.
CREATE OR REPLACE MACRO kommuner_f(p_filtre) AS TABLE
    SELECT *
    FROM kommuner
    WHERE (len(p_filtre['fylkesnummer']) = 0 OR list_contains(p_filtre['fylkesnummer'], fylkesnummer))
      AND (len(p_filtre['kommunenummer']) = 0 OR list_contains(p_filtre['kommunenummer'], kommunenummer))
      AND (len(p_filtre['sentralitetsklasse']) = 0
           OR list_contains(p_filtre['sentralitetsklasse'], sentralitetsklasse));

-- Volunteer centres (register) with a chosen ownership form, wherever they are (the maps show every
-- municipality).
CREATE OR REPLACE MACRO eierform_sentraler_f(p_filtre) AS TABLE
    SELECT *
    FROM sentraler
    WHERE len(p_filtre['eierform']) = 0 OR list_contains(p_filtre['eierform'], eierform);

-- Municipalities that count for the ownership forms: those with a centre of a chosen form, or every
-- municipality when no form is chosen.
CREATE OR REPLACE MACRO eierform_kommuner_f(p_filtre) AS TABLE
    SELECT kommunenummer
    FROM kommuner
    WHERE len(p_filtre['eierform']) = 0
       OR kommunenummer IN (SELECT kommunenummer FROM sentraler WHERE list_contains(p_filtre['eierform'], eierform));

-- Volunteer centres (register) in those municipalities with a chosen ownership form.
CREATE OR REPLACE MACRO sentraler_f(p_filtre) AS TABLE
    SELECT s.*
    FROM eierform_sentraler_f(p_filtre) s
    WHERE s.kommunenummer IN (SELECT kommunenummer FROM kommuner_f(p_filtre));

-- Survey respondents within the filters. A centre counts by its own ownership form; a
-- municipality when at least one of its centres has a chosen form. Adds the centre's ownership form
-- and group (kommunal / lag_forening / andre, stored in sentraler); the role type is stored in
-- respondenter (both derived once, by dashboard.data.derived).
CREATE OR REPLACE MACRO respondenter_f(p_filtre) AS TABLE
    SELECT r.respondent_id, r.respondentgruppe, r.sentral_id, r.kommunenummer, r.kilde,
           s.eierform, s.eiergruppe, r.rolletype
    FROM respondenter r
    LEFT JOIN sentraler s USING (sentral_id)
    WHERE r.kommunenummer IN (SELECT kommunenummer FROM kommuner_f(p_filtre))
      AND (len(p_filtre['eierform']) = 0
           OR (r.respondentgruppe = 'frivilligsentral' AND list_contains(p_filtre['eierform'], s.eierform))
           OR (r.respondentgruppe = 'kommune' AND r.kommunenummer IN (SELECT kommunenummer FROM eierform_kommuner_f(p_filtre))));

-- Answers of those respondents, with the respondent's attributes.
CREATE OR REPLACE MACRO svar_f(p_filtre) AS TABLE
    SELECT v.sporsmal_id, v.svar_kode, r.*
    FROM svar v
    JOIN respondenter_f(p_filtre) r USING (respondent_id);

-- (Scalar macros below the table macros: the gateway reads the tables of the table macros above.)

-- The filter struct that filters nothing (every list empty): for internal queries over everyone.
CREATE OR REPLACE MACRO ingen_filtre() AS
    struct_pack(fylkesnummer := [], kommunenummer := [], eierform := [], sentralitetsklasse := []);

-- Label of a classification code in the chosen language ('nb' or 'nn').
CREATE OR REPLACE MACRO etikett(p_klass, p_kode, p_sprak) AS (
    SELECT CASE WHEN p_sprak = 'nn' THEN etikett_nn ELSE etikett_nb END
    FROM klassifikasjoner WHERE klassifikasjon = p_klass AND kode = p_kode
);
