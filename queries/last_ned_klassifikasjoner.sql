-- Download: the classifications (ownership forms, role types, areas, actors, factors ...).
SELECT klassifikasjon, kode, etikett_nb, etikett_nn, rekkefolge, beskrivelse, type, nevnt_av, fra_kategorier,
       merknad, kilde
FROM klassifikasjoner ORDER BY klassifikasjon, rekkefolge;
