"""The user interface layer: the page frame, sidebar and navigation, session and URL state, charts, maps,
exports and slides, and the message catalogue (nb/nn)."""
