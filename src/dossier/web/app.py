"""``create_app(store, settings)``: the one factory behind ``dossier serve`` and the tests (datasette style).

Security posture: read-only unless a token was given at start-up; every article string reaches HTML
through Jinja's autoescaping (or markupsafe in ``highlight.py``); a strict Content-Security-Policy
(no inline script, no third-party origin) makes any markup that slipped through inert; CORS is closed
unless origins are listed; request bodies and page sizes are capped.
"""
from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dossier.errors import DossierError
from dossier.store import Store, queries
from dossier.web import api, pages
from dossier.web.cache import QueryCache
from dossier.web.errors import STATUS, http_code
from dossier.web.settings import Settings

log = logging.getLogger(__name__)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI's page bootstraps itself with one inline script; it gets a looser policy, and only there.
DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """The web app over `store`: JSON API under ``/api``, dashboard at ``/``, OpenAPI at ``/openapi.json``."""
    settings = settings or Settings()
    queries.ensure_indexes(store)
    app = FastAPI(title=f"{settings.title} API", version="1", docs_url=None, redoc_url=None,
                  description="Read-only access to a dossier store: documents, spans, regions, events, claims, "
                              "quotes, entities and timelines. Errors carry a stable code: "
                              '`{"error": {"code": "E601", "message": "…", "status": 404}}`.')
    app.state.store, app.state.settings = store, settings
    app.state.cache = QueryCache(store, enabled=settings.cache)
    app.include_router(api.router)
    app.include_router(pages.router)
    static = resources.files("dossier.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _mount_docs(app)
    _error_handlers(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI served from the fastapi-offline wheel's copy of its assets: no CDN, works offline."""
    try:
        import fastapi_offline

        assets = Path(fastapi_offline.__file__).parent / "static"
    except ImportError:
        assets = None
    if assets is not None:
        app.mount("/docs-assets", StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if assets is None:
            return HTMLResponse('<p>Interactive docs need the fastapi-offline package; the schema is at '
                                '<a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="dossier API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon.png")


def error_body(code: str, message: str, status: int, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details is not None:
        body["details"] = details
    return {"error": body}


def _error_response(request: Request, code: str, message: str, status: int, details: Any = None,
                    headers: dict[str, str] | None = None) -> Response:
    if not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", ""):
        response = pages.error_page(request, code, message, status)
        response.headers.update(headers or {})
        return response
    return JSONResponse(error_body(code, message, status, details), status_code=status, headers=headers)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> Response:
        message = f"{exc.where}: {exc.message}" if exc.where else exc.message
        return _error_response(request, exc.code, message, STATUS.get(exc.code, 400))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error_response(request, http_code(exc.status_code), str(exc.detail), exc.status_code,
                               headers=getattr(exc, "headers", None))  # keeps Allow on 405

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg", "")} for e in exc.errors()]
        where = "; ".join(f"{'.'.join(x['loc'])}: {x['msg']}" for x in details[:5])
        return _error_response(request, "E602", f"invalid request: {where}", 422, details)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request, "E699", "internal error; the server log names the cause", 500)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): CSP and friends on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Reject request bodies over `max_bytes` with 413, whether or not Content-Length is honest."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise StarletteHTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, counted, send)

    async def _too_large(self, send: Send) -> None:
        response = JSONResponse(error_body("E605", f"request body over {self.max_bytes} bytes", 413), status_code=413)
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
