-- Figure 12: the centres' collaboration model. "Omfattende" when the centre works with other
-- public actors, the local shop or other private businesses; otherwise "spisset".
-- @survey n=n; values=antall,andel; respondents=frivilligsentral; questions=fs_partner_%
WITH partner AS (
    SELECT respondent_id,
           bool_or(sporsmal_id IN ('fs_partner_andre_offentlige', 'fs_partner_naerbutikk', 'fs_partner_andre_private')
                   AND svar_kode = 'valgt') AS omfattende
    FROM svar_f($filtre)
    WHERE sporsmal_id LIKE 'fs_partner_%'
    GROUP BY respondent_id
),
base AS (SELECT count(*) AS n FROM partner)
SELECT m.kode, etikett('samarbeidsmodell', m.kode, $sprak) AS kategori, m.rekkefolge,
       count(p.respondent_id) AS antall, base.n, 100.0 * count(p.respondent_id) / nullif(base.n, 0) AS andel
FROM klassifikasjoner m
CROSS JOIN base
LEFT JOIN partner p ON (m.kode = 'omfattende') = p.omfattende
WHERE m.klassifikasjon = 'samarbeidsmodell' AND base.n > 0
GROUP BY m.kode, m.rekkefolge, base.n
ORDER BY m.rekkefolge;
