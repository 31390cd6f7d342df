"""The patent navigation benchmark (issue 19, "Speed and memory"): a seeded generator of landscape records
(`generate.py`, its distributions in `tables.py` and `text.py`) and the benchmark that imports, analyses and searches
them (`run.py`). bench/README.md, "Patent navigation", says how to run it."""
