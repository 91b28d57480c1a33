-- Download: the register of volunteer centres (demo data unless a real register is imported).
SELECT s.sentral_id, s.navn, s.kommunenummer, k.kommunenavn, k.fylkesnavn, s.eierform, s.radgivende_organ,
       s.etablert_aar, s.i_utvalg, s.utvalg_merknad, s.kilde
FROM sentraler s JOIN kommuner k USING (kommunenummer)
ORDER BY s.sentral_id;
