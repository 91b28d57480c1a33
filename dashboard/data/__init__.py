"""The data layer: the built tables, the named queries and their gateway, the filters, and the disclosure
control every survey number passes (no Streamlit, no UI text)."""
