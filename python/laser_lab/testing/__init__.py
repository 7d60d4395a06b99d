"""Helpers for the test suites of both languages (deterministic tiny checkpoints)."""
