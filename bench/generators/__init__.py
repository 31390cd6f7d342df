"""Generators of benchmark data, one module per kind of object (see bench/generate.py for the order). A later
feature adds its module here and a step to `bench.generate.generate` (bench/README.md)."""
