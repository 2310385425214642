"""`dossier serve`: the JSON API and dashboard over a store (uvicorn)."""
from __future__ import annotations

import typer

from dossier.cli import app
from dossier.cli.options import DbOption, open_store


@app.command("serve")
def serve_command(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="TCP port."),
    token: str = typer.Option(None, "--token", envvar="DOSSIER_TOKEN",
                              help="Enable POST /api/ingest for clients sending 'Authorization: Bearer TOKEN'."),
    cors: list[str] = typer.Option([], "--cors-origin", help="Allow this origin to read the API (repeatable)."),
    max_page: int = typer.Option(200, "--max-page", min=1, help="Largest page size a list endpoint accepts."),
    get: str = typer.Option(None, "--get", metavar="PATH",
                            help="Answer one GET request in-process, print the body and exit (smoke check)."),
) -> None:
    """Serve the dashboard and the read-only JSON API (OpenAPI docs at /docs).

    Example: [bold]dossier serve --db news.db --port 8000[/bold]
    Smoke check without a server: [bold]dossier serve --db news.db --get /api/regions[/bold]
    """
    import uvicorn

    from dossier.web import Settings, create_app

    settings = Settings(token=token or None, cors_origins=cors, max_page_size=max_page)
    web = create_app(open_store(db), settings)
    if get:
        from fastapi.testclient import TestClient

        response = TestClient(web).get(get if get.startswith("/") else "/" + get)
        typer.echo(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)
    typer.echo(f"dossier serving {db} on http://{host}:{port}/ (ingest {'enabled' if token else 'disabled'})")
    uvicorn.run(web, host=host, port=port, log_level="warning")
