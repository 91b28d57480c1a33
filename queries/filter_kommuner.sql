-- All municipalities with their county, for the filter options (fylke narrows kommune).
SELECT kommunenummer, visningsnavn, fylkesnummer, fylkesnavn, sentralitetsklasse
FROM kommuner
ORDER BY kommunenavn, fylkesnavn;
