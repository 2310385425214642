"""`dossier events` and `dossier claims`, run in-process through the typer app."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app
from dossier.cli import commands  # noqa: F401  (registers the sub-commands)
from dossier.store import Store
from test_claims import DENIAL, URAL_EN, article

runner = CliRunner()


def test_events_command_prints_the_events_of_an_article(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("TITLE: Wave\nDATE: 2023-03-04\n\nThe Kremlin denied rumors of a second wave of mobilization.\n",
                 encoding="utf-8")
    r = runner.invoke(app, ["events", str(p), "--json"])
    assert r.exit_code == 0, r.output
    events = json.loads(r.output)
    assert [(e["type"], e["polarity"]) for e in events] == [("mobilization", "denied")]
    r = runner.invoke(app, ["events", str(p)])
    assert r.exit_code == 0 and "mobilization" in r.output


def test_claims_command_filters_and_rebuilds_a_store_filled_without_the_hook(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    store = Store(db)  # no claims hook attached: the command notices and rebuilds
    store.add(article(URAL_EN, "Ural Daily", "2023-03-14"))
    store.add(article(DENIAL, "Oblast Press Service", "2023-03-15"))
    store.close()
    r = runner.invoke(app, ["claims", "--db", str(db), "--region", "RU-SVE", "--type", "summons",
                            "--contradicted", "--json"])
    assert r.exit_code == 0, r.output
    [claim] = json.loads(r.output)
    assert claim["place"] == "RU-SVE" and claim["contradicted"] and claim["independent_sources"] == 2
    r = runner.invoke(app, ["claims", "--db", str(db), "--since", "2023-04-01", "--json"])
    assert json.loads(r.output) == []
    r = runner.invoke(app, ["claims", "--db", str(db), "--timeline"])
    assert r.exit_code == 0 and "summons@RU-SVE@2023-03-14" in r.output.replace("\n", "")
    r = runner.invoke(app, ["claims", "--db", str(db), "--type", "parade"])
    assert r.exit_code != 0
