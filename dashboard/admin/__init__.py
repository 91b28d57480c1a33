"""Data updates in the browser for administrators: who is admin (auth), the audit log, the
session's upload folder, the mapping as editable tables, the preview against today, and the
panels of the page "Oppdater data" (pages/oppdater_data.py)."""
