"""Data updates in the browser for administrators: who is admin (auth, sessions), the audit log, the
session's upload folder, the work in progress kept per admin (work), the mapping as editable tables
(mapping_table, mapping_editor, settle, answer_tables), the check report in the page's words
(check_report), the preview against today, and the panels of the page "Oppdater data"
(pages/oppdater_data.py)."""
