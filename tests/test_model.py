import json

import pytest

from dossier.errors import DossierError
from dossier.model import SCHEMA, Document, Extraction, Place, Quote, Speaker, problems, validate


def make(text="Summonses were served in Perm.", **kw):
    return Extraction(document=Document(text=text, source="t.txt", language="en"), **kw)


def test_round_trip_keeps_every_field():
    ex = make(places=[Place(25, 29, "Perm", "RU-PER", "Perm Krai", "region", "RU-PER", "RU")],
              quotes=[Quote(0, 9, "Summonses", "direct", Speaker("Ann", None, None, None))])
    data = json.loads(ex.to_json())
    assert data["schema"] == SCHEMA
    assert data["document"]["id"] == data["document"]["text_sha256"]
    back = Extraction.from_dict(data)
    assert back.to_dict() == data


def test_validator_names_the_span_whose_offsets_are_wrong():
    ex = make(places=[Place(0, 4, "Perm", "RU-PER", "Perm Krai", "region")])
    found = problems(ex)
    assert len(found) == 1 and found[0].startswith("places[0]") and "'Summ'" in found[0]
    with pytest.raises(DossierError) as e:
        validate(ex)
    assert e.value.code == "E200"


def test_validator_checks_enums_and_entity_references():
    ex = make(quotes=[Quote(0, 9, "Summonses", "shouted", Speaker("Ann", "e9"))])
    found = " ".join(problems(ex))
    assert "quotes[0].kind" in found and "e9" in found


def test_document_id_is_sha256_of_text():
    import hashlib

    assert Document(text="абв").id == hashlib.sha256("абв".encode()).hexdigest()


def test_date_of_reads_every_contract_precision():
    import datetime as dt

    from dossier.model import date_of

    assert date_of("2023-03-17") == dt.date(2023, 3, 17)
    assert date_of("2023-04") == dt.date(2023, 4, 1) and date_of("2023") == dt.date(2023, 1, 1)
    assert date_of(None) is None and date_of("2023-02-30") is None and date_of("soon") is None


def test_the_package_exports_the_extract_function_not_its_module():
    import subprocess
    import sys

    code = "from dossier import read_one, extract; import dossier.extract; from dossier import extract as e2; " \
           "print(callable(extract), callable(e2))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
