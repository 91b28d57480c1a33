-- The main plan discourse of one municipality (Figure 5's classification).
SELECT d.diskurs AS kode, etikett('diskurs', d.diskurs, $sprak) AS kategori, d.kilde
FROM diskurs d
WHERE d.kommunenummer = $kommune;
