"""A local HTTP server on 127.0.0.1 for feed/watch tests: routes map paths to canned answers."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


def answer(status: int = 200, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
           **headers: str) -> Route:
    data = body.encode() if isinstance(body, str) else body
    return lambda _: (status, {"Content-Type": ctype, **{k.replace("_", "-"): v for k, v in headers.items()}}, data)


def slow(seconds: float) -> Route:
    def route(_: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        time.sleep(seconds)
        return 200, {"Content-Type": "text/html"}, b"<html>late</html>"
    return route


def redirect_to(path: str) -> Route:
    return lambda _: (302, {"Location": path}, b"")


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def http_server() -> Iterator[Server]:
    server = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            server.hits.append((self.path, dict(self.headers)))
            route = server.routes.get(self.path)
            status, headers, body = route(self) if route else (404, {"Content-Type": "text/plain"}, b"not found")
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (size limit, timeout): that is what some tests check

        def log_message(self, *_: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
