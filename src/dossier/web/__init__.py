"""The web front end: a read-only JSON API and a server-rendered dashboard over a Store.

``create_app(store, settings)`` builds the same FastAPI app for ``dossier serve`` and for the tests.
"""
from dossier.web.app import create_app
from dossier.web.settings import Settings

__all__ = ["create_app", "Settings"]
