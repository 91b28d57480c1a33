-- A few survey indicators for the respondents within the filters, for the municipality profile
-- (shown for one municipality only when enough have answered; otherwise for its county or class).
-- @survey n=n; values=andel,antall; questions=sporsmal_id
WITH s AS (SELECT * FROM svar_f($filtre)),
ind AS (
    SELECT 'velferd' AS indikator, 1 AS rekkefolge, respondentgruppe, sporsmal_id, svar_kode = 'ja' AS treff
    FROM s WHERE sporsmal_id IN ('fs_velferd', 'k_velferd')
    UNION ALL
    SELECT 'bindeledd', 2, respondentgruppe, sporsmal_id, svar_kode IN ('svaert_godt', 'godt')
    FROM s WHERE sporsmal_id IN ('fs_pastand_bindeledd', 'k_pastand_bindeledd')
    UNION ALL
    SELECT 'avtale', 3, respondentgruppe, sporsmal_id, svar_kode = 'valgt'
    FROM s WHERE sporsmal_id = 'fs_form_kommunen_samarbeidsavtale'
    UNION ALL
    SELECT 'okonomi_hemmer', 4, respondentgruppe, sporsmal_id, svar_kode IN ('hemmende', 'svaert_hemmende')
    FROM s WHERE sporsmal_id IN ('fs_faktor_okonomi', 'k_faktor_okonomi')
    UNION ALL
    SELECT 'kjemi_fremmer', 5, respondentgruppe, sporsmal_id, svar_kode IN ('svaert_fremmende', 'fremmende')
    FROM s WHERE sporsmal_id IN ('fs_faktor_personlig_kjemi', 'k_faktor_personlig_kjemi')
)
SELECT indikator, rekkefolge, respondentgruppe, min(sporsmal_id) AS sporsmal_id, count(*) FILTER (WHERE treff) AS antall, count(*) AS n,
       100.0 * count(*) FILTER (WHERE treff) / count(*) AS andel
FROM ind
GROUP BY indikator, rekkefolge, respondentgruppe
ORDER BY rekkefolge, respondentgruppe;
