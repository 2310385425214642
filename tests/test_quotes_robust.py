"""Whatever the marks and dashes, the quotes component returns contract-valid spans and never crashes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quote_helpers import run

PIECES = ['"', "“", "”", "«", "»", "„", "—", ", — ", ": ", ". ", "\n", " said Ivan Petrov", " сказал Песков",
          " according to Reuters", " по словам Пескова", "We will not", "Мы не будем", " he notes that ", " the expert"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14), st.sampled_from(["en", "ru"]))
def test_any_layout_gives_valid_quotes(pieces: list[str], lang: str):
    text = "".join(pieces).strip() or "x"
    ex = run(text + " Конец." if lang == "ru" else text + " The end.", lang)  # run() validates the contract
    for q in ex.quotes:
        assert q.end > q.start and q.text.strip() == q.text
