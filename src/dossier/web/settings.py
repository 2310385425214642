"""Options of the web app, validated once at the boundary (CLI flags and tests build the same model)."""
from __future__ import annotations

from pydantic import BaseModel, Field


class Settings(BaseModel):
    token: str | None = Field(None, description="Bearer token that enables POST /api/ingest; None disables it.")
    max_page_size: int = Field(200, ge=1, le=10_000, description="Largest `limit` a list endpoint accepts.")
    default_page_size: int = Field(50, ge=1)
    max_body_bytes: int = Field(5_000_000, ge=1024, description="Largest request body (ingest) in bytes.")
    max_articles: int = Field(100, ge=1, description="Most articles one ingest request may carry.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = closed.")
    cache: bool = Field(True, description="Memoise read queries until the store changes (web/cache.py).")
    title: str = "dossier"
