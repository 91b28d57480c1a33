-- Download: the municipalities (without geometry).
SELECT kommunenummer, kommunenavn, visningsnavn, kommunenavn_offisielt, fylkesnummer, fylkesnavn, sentralitetsindeks,
       sentralitetsklasse, distriktskommune, befolkning_2024, befolkning_2023, sentroide_lon, sentroide_lat,
       kilde
FROM kommuner ORDER BY kommunenummer;
