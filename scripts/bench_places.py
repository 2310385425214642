"""Benchmark: time of the places component against the bare language pipeline, per article.

Usage: PYTHONPATH=src python scripts/bench_places.py
"""
import time, statistics
from dossier.sources import read_one
from dossier.nlp import pipeline
from dossier.nlp.places import PlaceResolver
from dossier.gazetteer import load
for path, lang in [("/work/shared/eval/seed/article.txt", "en"), ("/work/shared/eval/ru-example/article.txt", "ru")]:
    text = read_one(path).text
    nlp = pipeline.load(lang)
    res = PlaceResolver(load(), lang)
    base = [n for n in nlp.pipe_names if not n.startswith("dossier_")]
    nlp(text)
    tb, tp = [], []
    for _ in range(5):
        t = time.perf_counter(); doc = nlp(text, disable=[n for n in nlp.pipe_names if n.startswith("dossier_")]); tb.append(time.perf_counter() - t)
        t = time.perf_counter(); res(doc); tp.append(time.perf_counter() - t)
    b, p = statistics.median(tb), statistics.median(tp)
    print(f"{lang}: {len(text.split())} words; base pipeline {b*1000:.1f} ms, places {p*1000:.2f} ms = {100*p/b:.1f}% of base")
t = time.perf_counter(); from dossier.gazetteer import Gazetteer; Gazetteer(); print(f"gazetteer build {1000*(time.perf_counter()-t):.0f} ms")
