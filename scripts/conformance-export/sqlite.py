"""Loads SQLite schema files into an in-memory SQLite database (Python's sqlite3)."""

import sqlite3
import sys

failed = False
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            sqlite3.connect(":memory:").executescript(f.read())
        print(f"ok   sqlite   {path}")
    except sqlite3.Error as e:
        failed = True
        print(f"FAIL sqlite   {path}: {e}")
sys.exit(1 if failed else 0)
