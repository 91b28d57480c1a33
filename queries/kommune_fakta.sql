-- One municipality's facts: centrality, population now and ten years ago, area, county.
SELECT k.kommunenummer, k.visningsnavn, k.kommunenavn_offisielt, k.fylkesnummer, k.fylkesnavn,
       k.sentralitetsklasse, k.sentralitetsindeks, k.distriktskommune, k.befolkning_2024,
       (SELECT befolkning FROM befolkning b WHERE b.kommunenummer = k.kommunenummer AND b.aar = 2014) AS befolkning_2014,
       (SELECT befolkning FROM befolkning b WHERE b.kommunenummer = k.kommunenummer AND b.aar = 2026) AS befolkning_2026,
       (SELECT count(*) FROM kommuner x WHERE x.sentralitetsindeks > k.sentralitetsindeks) + 1 AS rangering
FROM kommuner k
WHERE k.kommunenummer = $kommune;
