"""The filters' allowed values (counties, municipalities, ownership forms), read from the data in a language."""

from __future__ import annotations

from dashboard.data import gateway
from dashboard.data.filters import Options


def options(lang: str) -> Options:
    k = gateway.run("filter_kommuner").df
    e = gateway.run("filter_eierformer", sprak=lang).df
    return Options(
        fylker=dict(k.drop_duplicates("fylkesnummer").sort_values("fylkesnummer")[["fylkesnummer", "fylkesnavn"]]
                    .itertuples(index=False, name=None)),
        kommuner=dict(k[["kommunenummer", "visningsnavn"]].itertuples(index=False, name=None)),
        kommune_fylke=dict(k[["kommunenummer", "fylkesnummer"]].itertuples(index=False, name=None)),
        eierformer=dict(e[["kode", "etikett"]].itertuples(index=False, name=None)),
    )
