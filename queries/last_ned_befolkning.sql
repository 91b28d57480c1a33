-- Download: population 1 January 1986-2026 per municipality (2024 borders).
SELECT kommunenummer, aar, befolkning, kilde FROM befolkning ORDER BY kommunenummer, aar;
