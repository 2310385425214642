"""`dossier places FILE` as a user runs it."""
import json
import os
import subprocess
import sys
from pathlib import Path


def run(*args):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run([sys.executable, "-m", "dossier", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_places_json_lists_mentions_with_codes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("LANG: en\n\nThe governor of the Sverdlovsk region said there is no information about Chechnya.\n")
    r = run("places", p, "--json")
    assert r.returncode == 0, r.stderr
    got = [(x["text"], x["id"], x["negated"]) for x in json.loads(r.stdout)]
    assert got == [("Sverdlovsk region", "RU-SVE", False), ("Chechnya", "RU-CE", True)]


def test_places_table_names_the_code(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("LANG: ru\n\nПовестки вручают в Пермском крае.\n")
    r = run("places", p)
    assert r.returncode == 0, r.stderr
    assert "RU-PER" in r.stdout
