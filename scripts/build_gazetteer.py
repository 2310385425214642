"""Regenerate src/dossier/gazetteer/data/{countries,subdivisions,ru_forms}.tsv from the hand-written files.

Usage: PYTHONPATH=src python scripts/build_gazetteer.py
"""
from dossier.gazetteer.build import build

if __name__ == "__main__":
    for name, n in build().items():
        print(f"{name}: {n} rows")
