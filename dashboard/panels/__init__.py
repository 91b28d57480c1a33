"""Page sections: each runs named queries, builds a chart or map, and shows it with its source,
N, table view and the report's own number. Pages only call these."""
