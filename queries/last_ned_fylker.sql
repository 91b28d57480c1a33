-- Download: the counties (without geometry).
SELECT fylkesnummer, fylkesnavn, fylkesnavn_offisielt, antall_kommuner, antall_distriktskommuner, befolkning_2024, kilde
FROM fylker ORDER BY fylkesnummer;
