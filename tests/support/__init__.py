"""Helpers for tests that need more than a fixture (the independent disclosure audit)."""
