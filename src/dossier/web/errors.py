"""The web front end's error codes (E6xx) and their HTTP statuses; other DossierErrors map to 400.

E600 other HTTP error · E601 not found · E602 invalid parameter · E603 missing or wrong token ·
E604 ingest disabled (no token at start-up) · E605 request too large · E606 method not allowed ·
E699 internal error.
"""
from __future__ import annotations

STATUS = {"E601": 404, "E602": 422, "E603": 401, "E604": 403, "E605": 413, "E606": 405, "E699": 500,
          "E301": 503, "E302": 503, "E303": 503}
_BY_STATUS = {404: "E601", 422: "E602", 401: "E603", 403: "E604", 413: "E605", 405: "E606", 500: "E699"}


def http_code(status: int) -> str:
    return _BY_STATUS.get(status, "E600")
