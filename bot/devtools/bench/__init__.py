"""Benchmarks: `python -m bot bench`."""
