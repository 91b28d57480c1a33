-- Simplified county boundaries (WKB) for the county borders on the maps.
SELECT fylkesnummer, geometri FROM fylker ORDER BY fylkesnummer;
