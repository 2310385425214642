"""Telegram Desktop channel exports (``result.json``): one Document per message.

The channel is the outlet, the message date the publication date, and ``path#message_id`` the
source (``https://t.me/<username>/<id>`` when the export knows the username). Forwarded messages
keep where they came from in ``meta["forwarded_from"]``, which deduplication can use.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.errors import InputRejected
from dossier.model import Document
from dossier.sources import Item, Rejected, reader
from dossier.sources.decode import read_decoded
from dossier.sources.text import document_from_text

MIN_MESSAGE_CHARS = 80  # shorter posts (reactions, links, "photo") are not articles


def message_text(text: Any) -> str:
    """Plain text of a message: Telegram stores formatted text as a list of strings and spans."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in text)
    return ""


def message_document(msg: dict[str, Any], channel: dict[str, Any], where: str) -> Document:
    body = message_text(msg.get("text")).strip()
    if len(body) < MIN_MESSAGE_CHARS:
        raise InputRejected("too_short", f"message holds {len(body)} characters, fewer than "
                            f"{MIN_MESSAGE_CHARS}", where=where)
    doc = document_from_text(body, where, published=(msg.get("date") or "")[:10] or None,
                             outlet=channel.get("name"))
    username = channel.get("username")
    if username:
        doc.url = f"https://t.me/{username}/{msg.get('id')}"
    doc.source = doc.url or where
    doc.meta["telegram"] = {"channel_id": channel.get("id"), "message_id": msg.get("id")}
    if msg.get("forwarded_from"):
        doc.meta["forwarded_from"] = msg["forwarded_from"]
    return doc


@reader("result.json")
def read_telegram(path: Path) -> Iterator[Item]:
    """Messages of a Telegram Desktop export; service messages are skipped, short ones Rejected."""
    try:
        data = json.loads(read_decoded(path))
    except json.JSONDecodeError as e:
        raise InputRejected("json", f"not valid JSON ({e.msg} at line {e.lineno})", where=str(path)) from e
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise InputRejected("format", "not a Telegram Desktop export: no 'messages' list "
                            "(export the channel as JSON from Telegram Desktop)", where=str(path))
    for msg in data["messages"]:
        if not isinstance(msg, dict) or msg.get("type", "message") != "message":
            continue
        where = f"{path}#{msg.get('id')}"
        try:
            yield message_document(msg, data, where)
        except InputRejected as e:
            yield Rejected(where, e.reason, e.message)
