"""The `dossier` command as a user runs it: real processes, real files, a real SQLite file."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beside import TOOLS
from dossier.store import Store

EN = "TITLE: Summons wave\nDATE: 2023-03-04\n\nThe governor of the Sverdlovsk region said 1,200 men had received summonses."


def run(*args, cwd=None, timeout=120):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run([sys.executable, "-m", "dossier", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def test_extract_json_is_the_contract(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(EN)
    r = run("extract", p, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == "dossier.extraction/1" and data["document"]["title"] == "Summons wave"
    assert data["text"].startswith("The governor")


def test_extract_errors_are_one_line_without_traceback(tmp_path):
    r = run("extract", tmp_path / "missing.txt")
    assert r.returncode == 1 and "missing.txt" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_ingest_reports_each_bad_input_and_stores_only_good_ones(tmp_path):
    good, bad = tmp_path / "in" / "good.txt", tmp_path / "in" / "empty.txt"
    good.parent.mkdir()
    good.write_text(EN)
    bad.write_text("  \n")
    (tmp_path / "in" / "b.jsonl").write_text('{"text": "Summonses were served in Perm on Monday, officials said."}\n{oops\n')
    db = tmp_path / "d.db"
    r = run("ingest", tmp_path / "in", "--db", db, "--no-progress")
    assert r.returncode == 1
    assert f"{bad}:" in r.stderr and f"{tmp_path / 'in' / 'b.jsonl'}:2:" in r.stderr and "Traceback" not in r.stderr
    assert Store(db).counts()["documents"] == 2
    assert {x["input"] for x in Store(db).rejections()} == {str(bad), f"{tmp_path / 'in' / 'b.jsonl'}:2"}
    again = run("ingest", good, "--db", db, "--no-progress")
    assert again.returncode == 0 and "1 unchanged" in again.stdout
    assert Store(db).counts()["documents"] == 2


def test_search_and_stats(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(EN)
    db = tmp_path / "d.db"
    assert run("ingest", p, "--db", db, "--no-progress").returncode == 0
    r = run("search", "governor", "--db", db, "--json")
    assert json.loads(r.stdout)[0]["title"] == "Summons wave"
    assert json.loads(run("stats", "--db", db, "--json").stdout)["documents"] == 1


@pytest.mark.slow
def test_killed_ingest_rerun_stores_every_article_once(tmp_path):
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i:02}.txt").write_text(f"Article {i}. " + EN.split("\n\n", 1)[1] + f" Number {i}.")
    db = tmp_path / "d.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "dossier", "ingest", str(src), "--db", str(db), "--no-progress"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        if db.exists() and Store(db).counts()["documents"] >= 3:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = Store(db).counts()["documents"]
    assert 0 < partial < 40
    r = run("ingest", src, "--db", db, "--no-progress")
    assert r.returncode == 0, r.stderr
    counts = Store(db).counts()
    assert counts["documents"] == 40
    assert f"{partial} unchanged" in r.stdout


COMMANDS = ("eval", "extract", "events", "claims", "places", "watch", "backfill", "bench", "export", "serve",
            "ingest", "search", "stats")


def test_help_shows_no_value_for_flags_and_no_python_types():
    """`--json <bool>` reads as if the flag took a value; `<list[Path]>` is a Python annotation."""
    from typer.testing import CliRunner

    from dossier.cli import app, commands  # noqa: F401

    runner = CliRunner()
    for args in [(), *((c,) for c in COMMANDS)]:
        r = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "160"}, terminal_width=160)
        assert r.exit_code == 0, (args, r.output)
        assert "<bool>" not in r.output and "list[" not in r.output and " range>" not in r.output, (args, r.output)
    out = runner.invoke(app, ["--help"], env={"COLUMNS": "160"}).output
    assert any(line.split()[1:3] == ["--debug", "Show"] for line in out.splitlines() if "--debug" in line), out
    out = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "160"}).output
    assert "<path>" in out and "<int>" in out and "[1<=x<=64]" in out, out


@pytest.mark.parametrize("width", [40, 80, 160])
@pytest.mark.parametrize("names", [[f"{i:02d}" for i in range(1, 9)], ["article"], [f"long-name-{i}" for i in range(12)]])
def test_eval_scores_are_never_cut(width, names):
    """`COLUMNS=80 dossier eval eval/ru` printed `1.0…`: a score must be whole whatever the terminal width."""
    from rich.console import Console

    from dossier.cli.eval_cmd import score_tables
    from dossier.evaluate import SUMMARY_KEYS

    columns = [(n, {k: 0.123 + i / 100 for k in SUMMARY_KEYS}) for i, n in enumerate(names)] + [
        ("macro", dict.fromkeys(SUMMARY_KEYS, 1.0))]
    out = Console(width=width, record=True, file=open(os.devnull, "w"))
    tables = score_tables(columns, width)
    for t in tables:
        out.print(t)
    text = out.export_text()
    assert "…" not in text and max(map(len, text.splitlines())) <= width, text
    for i, n in enumerate(names):
        assert n in text and f"{0.123 + i / 100:.2f}" in text
    assert "macro" in text and "date F1" in text
    if width == 160 and len(names) == 8:
        assert len(tables) == 1 and "0.123" in text  # three decimals when they fit


def _render(renderable, width):
    from rich.console import Console

    out = Console(width=width, record=True, file=open(os.devnull, "w"))
    out.print(renderable)
    return out.export_text()


@pytest.mark.parametrize("width", [30, 80, 160])
def test_tables_never_cut_key_values_and_print_markup_literally(width):
    from dossier.cli.render import KEY, NUM, TEXT, fit_table

    rows = [["contract_recruitment", "macro:urals", "6,000,000,000,000–7,000,000,000,000",
             "[/red] a quote [bold]with markup and a longish sentence that has to wrap somewhere"],
            ["summons", "RU-SVE", "1,200", "short"]]
    text = _render(fit_table("[/] title", [("type", KEY), ("place", KEY), ("value", NUM), ("quote", TEXT)], rows),
                   width)
    assert "[/] title" in text and "…" not in text
    flat = " ".join(text.split())
    for value in ("contract_recruitment", "macro:urals", "RU-SVE", "1,200", "[/red] a quote [bold]with"):
        assert value in flat, text
    if width >= 100:
        assert "6,000,000,000,000–7,000,000,000,000" in text  # a whole table row
    assert max(map(len, text.splitlines())) <= width or width < 40


def test_quantity_values_read_as_numbers():
    from dossier.cli.extract_cmd import _num
    from dossier.model import Quantity

    assert _num(Quantity(0, 1, "x", value=1500000.0)) == "1,500,000"
    assert _num(Quantity(0, 1, "x", low=0, high=5)) == "0–5"
    assert _num(Quantity(0, 1, "x", low=300)) == "≥ 300" and _num(Quantity(0, 1, "x", high=2.5)) == "≤ 2.5"


HOSTILE = ("TITLE: [/red] Summons [bold]wave\nDATE: 2023-03-04\n\nThe governor of the Sverdlovsk region said: "
           "\"1,200 men [/] had received summonses [link=x] in Yekaterinburg.\" Officials in Perm said the same.")


@pytest.fixture(scope="module")
def ux_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ux")
    (tmp / "in").mkdir()
    (tmp / "in" / "hostile.txt").write_text(HOSTILE)
    for p in sorted((Path(__file__).resolve().parents[1] / "examples").glob("0[13]*")):
        (tmp / "in" / p.name).write_bytes(p.read_bytes())
    r = run("ingest", tmp / "in", "--db", tmp / "ux.db", "--no-progress")
    assert r.returncode == 0, r.stderr
    return tmp


def run_at(columns, *args):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"), "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "dossier", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("columns", [80, 160])
def test_store_commands_are_readable_at_any_width(ux_store, columns):
    """Article text is data, not Rich markup (a title `[/red] …` crashed stats and extract), and a claim's
    type, place and dates are never cut to `contract_recr…` on an 80-column terminal."""
    db = ux_store / "ux.db"
    claims = json.loads(run_at(columns, "claims", "--db", db, "--json").stdout)
    for args in (("claims",), ("search", "summonses"), ("search", "повестки"), ("stats",)):
        r = run_at(columns, *args, "--db", db)
        assert r.returncode == 0 and not r.stderr, (args, r.stderr)
        assert max(map(len, r.stdout.splitlines())) <= columns, r.stdout
        if args == ("claims",):
            for c in claims:
                assert f"{c['type']} @ {c['place']}" in r.stdout and c["start"] in r.stdout, r.stdout
        if args == ("stats",):
            assert "[/red] Summons [bold]wave" in r.stdout.replace("\n", " ") or columns == 80
    r = run_at(columns, "extract", ux_store / "in" / "hostile.txt")
    assert r.returncode == 0 and "[/red] Summons [bold]wave" in r.stdout and "[link=x]" in r.stdout, r.stderr
    assert "RU-SVE" in r.stdout and "…" not in r.stdout


def _bad_inputs_tool():
    """../shared/tools/make_bad_inputs.py beside the checkout (or beside the folder holding worktrees)."""
    tool = TOOLS / "make_bad_inputs.py"
    if tool.exists():
        return tool
    pytest.skip("shared/tools/make_bad_inputs.py is not beside this checkout")


def test_ingest_cli_over_the_hostile_corpus(tmp_path):
    """The real `dossier ingest` over the shared manifest: every rejected input gets one error line naming
    the file and why, the exit code says so, no traceback, accepted inputs are stored and nothing else."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(_bad_inputs_tool()), str(corpus)], check=True, capture_output=True)
    manifest = json.loads((corpus / "manifest.json").read_text())  # with the 3,000-quote file: extraction is linear
    db = tmp_path / "d.db"
    r = run("ingest", corpus / "good", corpus / "bad", "--db", db, "--no-progress", timeout=600)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "unexpected" not in r.stderr, r.stderr
    errors = r.stderr.strip().splitlines()
    bad = [e for e in manifest if e["expect"] == "bad"]
    for e in bad:
        path = str(corpus / e["file"])
        mine = [line for line in errors if line.startswith(f"failed {path}:")]
        assert mine, (e, r.stderr)
        for line in mine:  # `failed FILE[:LINE]: message (reason)`
            message = line[len(f"failed {path}"):].lstrip(":0123456789").strip()
            assert message and message.endswith(")") and "(" in message, line
    broken = [line for line in errors if "one-broken-line.jsonl" in line]
    assert len(broken) == 1 and broken[0].startswith(f"failed {corpus / 'good' / 'one-broken-line.jsonl'}:3:"), errors
    assert all(line.startswith("failed ") for line in errors), errors
    store = Store(db)
    assert store.counts()["documents"] == sum(e["documents"] for e in manifest)
    sources = {d.source for d in store.documents(limit=1000)}
    assert not any("/bad/" in s for s in sources), sources
    assert {str(corpus / e["file"]) for e in manifest if e["expect"] == "good"} <= {s.split("#")[0] for s in sources} | {
        str(corpus / "good" / "one-broken-line.jsonl")}
    rejected = {x["input"].rsplit(":", 1)[0] if x["input"].endswith(tuple("0123456789")) else x["input"]
                for x in store.rejections()}
    assert {str(corpus / e["file"]) for e in bad} <= rejected, rejected


def test_ingest_cli_rejects_each_bad_input_alone(tmp_path):
    """One bad file on its own: exit 1, its error lines name it, no traceback, an empty store."""
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(_bad_inputs_tool()), str(corpus)], check=True, capture_output=True)
    for e in json.loads((corpus / "manifest.json").read_text()):
        if e["expect"] != "bad":
            continue
        path = corpus / e["file"]
        db = tmp_path / f"{path.name}.db"
        r = run("ingest", path, "--db", db, "--no-progress")
        assert r.returncode == 1 and "Traceback" not in r.stderr, (e, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert lines and all(line.startswith(f"failed {path}") for line in lines), (e, r.stderr)
        assert "0 new" in r.stdout and Store(db).counts()["documents"] == 0, (e, r.stdout)
