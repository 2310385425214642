"""What a user sees at the terminal: help text and narrow tables, through the real `dossier` entry point
(the shared hostile-input corpus runs through the CLI in test_cli.py)."""
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, columns=80, timeout=600):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": str(columns), "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "dossier", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout)


@pytest.mark.parametrize("args", [[], *([c] for c in ("search", "ingest", "extract", "eval", "claims", "serve", "stats", "events", "places", "export"))])
def test_help_shows_no_type_for_flags_and_teaches_by_example(args):
    r = run(*args, "--help")
    assert r.returncode == 0, r.stderr
    assert "<bool>" not in r.stdout
    assert "Usage: dossier" in r.stdout
    if args:
        assert "Example" in r.stdout, args


def _report(n: int, name=lambda i: f"{i + 1:02}"):
    from dossier.evaluate import SUMMARY_KEYS

    summary = {k: 0.5 for k in SUMMARY_KEYS}
    articles = [SimpleNamespace(name=name(i), summary=summary, contract_problems=[]) for i in range(n)]
    return SimpleNamespace(folder="eval/ru", articles=articles, macro=summary,
                           to_dict=lambda details=False: {"speed": {"words": 10, "seconds": 1.0}})


@pytest.mark.parametrize("n,width", [(8, 80), (8, 60), (30, 80), (3, 160), (5, 40)])
def test_eval_table_never_truncates_numbers(n, width):
    from rich.console import Console

    from dossier.cli import eval_cmd

    out = Console(width=width, record=True, file=open(os.devnull, "w"))
    saved, eval_cmd.console = eval_cmd.console, out
    try:
        eval_cmd.render_table(_report(n))
    finally:
        eval_cmd.console = saved
    text = out.export_text()
    assert "…" not in text
    assert all(len(line) <= width for line in text.splitlines())
    assert text.count("0.50") >= 12 * (n + 1)  # every article and the macro column, for every metric
    assert all(f"{i + 1:02}" in text for i in range(n)) and "macro" in text


def test_damaged_utf8_is_rejected_not_stored_as_mojibake():
    from dossier.errors import InputRejected
    from dossier.sources.decode import decode

    en = "The governor said 1,200 men \u2014 all reservists \u2014 had received summonses.".encode()
    with pytest.raises(InputRejected, match="not valid UTF-8.*offset 20"):
        decode(en[:20] + b"\xff" + en[20:], "a.txt")
    ru = "Губернатор Свердловской области заявил, что повестки получили 1200 мужчин.".encode()
    with pytest.raises(InputRejected, match="UTF-8"):
        decode(ru[:-2], "a.txt")
    # legacy single-byte encodings still decode
    assert decode("Губернатор Свердловской области заявил.".encode("cp1251"), "a.txt").startswith("Губернатор")
    assert decode(b"He said \x93we are only updating\x94 records \x97 in Perm.", "a.txt").startswith("He said \u201c")


def test_claims_table_keeps_dates_and_figures_whole_at_80_columns():
    from rich.console import Console

    from dossier.cli import events_cmd

    claim = SimpleNamespace(type="contract_recruitment", place="macro:urals", start="2023-03-13", end="2023-03-16",
                            sources=[1] * 13, independent_sources=3, polarities={"asserted": 11, "denied": 2},
                            quantity_low=300, quantity_high=400000, id="c1", timeline=lambda: [],
                            contradictions=["polarity: 8 source(s) asserted, 2 denied"])
    for width in (80, 160):
        out = Console(width=width, record=True, file=open(os.devnull, "w"))
        saved, events_cmd.console = events_cmd.console, out
        try:
            events_cmd.render_claims([claim], timeline=False)
        finally:
            events_cmd.console = saved
        text = out.export_text()
        assert "…" not in text, text
        for whole in ("2023-03-13", "2023-03-16", "300–400,000", "contract_recruitment", "macro:urals", "2 denied"):
            assert whole in text, (width, whole, text)


def test_html_without_article_text_says_so_in_plain_english(tmp_path):
    from dossier.errors import DossierError
    from dossier.sources import read_one

    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>")
    with pytest.raises(DossierError) as e:
        read_one(page)
    assert str(page) in str(e.value) and "no article text" in str(e.value) and "1 words" not in str(e.value)
