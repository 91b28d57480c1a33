-- The calibration report: each published number next to the same quantity in the demo data.
SELECT c.kontroll, c.beskrivelse, c.enhet, c.rapport_verdi, c.demo_verdi, c.differanse, c.toleranse, c.ok,
       c.linje, r.referanse, c.rapporttall_id, c.sporsmal_ider, r.presisjon, r.sitat
FROM kalibrering c
LEFT JOIN rapporttall r ON r.id = c.rapporttall_id
ORDER BY c.linje, c.kontroll;
