-- Simplified municipality boundaries (WKB) for the maps; decoded once per process and version.
SELECT kommunenummer, geometri FROM kommuner ORDER BY kommunenummer;
