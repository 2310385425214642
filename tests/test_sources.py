import json

import pytest

from dossier.sources import Rejected, read_one, read_paths
from dossier.sources.text import split_header

EN = "The governor of the Sverdlovsk region said that 1,200 men had received summonses."
RU = "Губернатор Свердловской области заявил, что повестки получили 1200 мужчин."


def docs(path):
    return [x for x in read_paths([path])]


def test_header_block_sets_metadata_and_offsets_start_after_it(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("URL: http://x/1\nTITLE: Head\nDATE: 2023-03-04\nLANG: en\nSOURCE: Outlet\n\n" + EN)
    d = read_one(p)
    assert (d.text, d.title, d.published, d.language, d.url, d.outlet) == (EN, "Head", "2023-03-04", "en", "http://x/1", "Outlet")


def test_body_that_starts_with_a_colon_line_is_not_a_header():
    meta, body = split_header("Note: this is prose.\n\nMore.")
    assert meta == {} and body.startswith("Note:")


def test_short_first_line_without_final_punctuation_is_the_title(tmp_path):
    p = tmp_path / "t.txt"
    p.write_text("Summons wave in the Urals\n\n" + EN)
    assert read_one(p).title == "Summons wave in the Urals"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_encodings_are_detected(tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(RU.encode(encoding))
    d = read_one(p)
    assert d.text == RU and d.language == "ru"


def test_language_is_detected_and_can_be_given(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text(EN)
    assert read_one(p).language == "en"


def test_jsonl_bad_line_is_reported_with_its_number_and_the_rest_read(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([json.dumps({"text": EN, "title": "one", "published": "2023-03-01"}), "{broken",
                            json.dumps({"title": "no text"}), json.dumps({"text": RU, "language": "ru"})]) + "\n")
    items = docs(p)
    good = [x for x in items if not isinstance(x, Rejected)]
    bad = [x for x in items if isinstance(x, Rejected)]
    assert [d.title for d in good] == ["one", None] and good[1].language == "ru"
    assert [b.where for b in bad] == [f"{p}:2", f"{p}:3"]


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "a.html"
    body = " ".join([EN] * 4)
    p.write_text(f"<html><head><title>Summons wave</title><meta name='date' content='2023-03-05'></head><body>"
                 f"<nav><a href='/'>Home</a></nav><article><h1>Summons wave</h1><p>{body}</p><p>{EN}</p></article>"
                 "<footer>(c) Outlet</footer></body></html>")
    d = read_one(p)
    assert "Sverdlovsk" in d.text and "Home" not in d.text and d.title == "Summons wave"


def test_directory_is_walked_and_empty_directory_rejected(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(EN)
    (tmp_path / "skip.bin").write_bytes(b"\x00")
    assert [d.text for d in docs(tmp_path)] == [EN]
    empty = tmp_path / "empty"
    empty.mkdir()
    (r,) = docs(empty)
    assert isinstance(r, Rejected) and r.reason == "empty_dir"


def test_bad_inputs_corpus(tmp_path):
    """The shared hostile corpus: every 'good' file yields its documents, every 'bad' one only rejections."""
    import subprocess
    import sys

    from beside import TOOLS

    tool = TOOLS / "make_bad_inputs.py"
    if not tool.exists():
        pytest.skip("../shared/tools is not beside this checkout")
    subprocess.run([sys.executable, str(tool), str(tmp_path)], check=True, capture_output=True)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    for entry in manifest:
        items = docs(tmp_path / entry["file"])
        good = [x for x in items if not isinstance(x, Rejected)]
        bad = [x for x in items if isinstance(x, Rejected)]
        assert len(good) == entry["documents"], (entry, bad)
        if entry["expect"] == "bad":
            assert bad and all(str(tmp_path) in b.where and b.message for b in bad), entry
        for d in good:
            assert d.text.strip() and "\u200b" not in d.text and "\r" not in d.text
