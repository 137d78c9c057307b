"""Benchmark harness: server time and SQL query count of public pages on a synthetic tree.

Run it with ``make bench`` (or ``python -m bench --help``); see bench/README.md.
"""
