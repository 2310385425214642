"""Find directly quoted text by its marks: "straight", “curly”, «ёлочки», „лапки“ and Russian dash speech.

Pure text scanning (no parse needed), so it works the same for every language. Only the outermost
quotation of a nest is returned; a quote whose closing mark is missing runs to the end of its
paragraph, and a quote continued in the next paragraph (the convention of opening every paragraph
of a long quote without closing the previous one) is joined into one span. Hand-written because no
maintained library handles these layouts with character offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# „ closes with “ or ”, and in typed text often with a straight " („…" from a keyboard without “)
OPENERS = {"«": "»", "„": "“”\"", "“": "”", '"': '"', "‹": "›"}
CLOSERS = set("»“”\"›")
_DASHES = "—–"
# ", — сказал он": punctuation, a dash, then the author's words (lower case) — the end of a speech piece.
# The author's words may also start with the speaker's name: ", — Kovrigin said." / ", — Песков добавил."
# (one or two capitalised words, then a lower-case word).
_DASH_SPLIT = re.compile(r"([,!?…]|\.\.\.)\s*[—–]\s+(?=[a-zа-яё]|[A-ZА-ЯЁ][\w-]*(?:\s+[A-ZА-ЯЁ][\w-]*)?\s+[a-zа-яё])")
# ". — Мы": the author's words end and the speech resumes.
_DASH_RESUME = re.compile(r"([.,:])\s+[—–]\s+(?=\S)")


@dataclass
class Marked:
    """One run of quoted words. ``start``/``end`` delimit the words, without the marks."""

    start: int
    end: int
    open: int  # index of the opening mark (or dash)
    close: int  # index just after the closing mark (== end when the mark is missing)
    dash: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _can_open(text: str, i: int) -> bool:
    # A straight quote opens at a word start: after a space, an opening bracket or the paragraph start.
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:")


def _scan(text: str, start: int, end: int) -> tuple[list[Marked], int | None]:
    """Outermost quotes in text[start:end]; also the position of an opener left unclosed, if any."""
    found: list[Marked] = []
    stack: list[tuple[str, int]] = []
    for i in range(start, end):
        c = text[i]
        top = stack[-1][0] if stack else None
        if c == '"':  # straight marks look alike: a word start opens, anything else closes
            if _can_open(text, i) and i + 1 < end and not text[i + 1].isspace():
                stack.append((c, i))
            elif top is not None and c in OPENERS[top]:
                _, at = stack.pop()
                if not stack:
                    found.append(Marked(at + 1, i, at, i + 1))
        elif top is not None and c in OPENERS[top]:
            _, at = stack.pop()
            if not stack:
                found.append(Marked(at + 1, i, at, i + 1))
        elif c in OPENERS and not (c == "“" and top == "„"):
            stack.append((c, i))
    return found, (stack[0][1] if stack else None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def dash_speech(text: str, start: int, end: int) -> list[Marked]:
    """Pieces of a paragraph of dash-introduced speech: «— Мы не обсуждаем, — сказал Песков. — Нет.»"""
    body = text[start:end]
    if not body.lstrip() or body.lstrip()[0] not in _DASHES:
        return []
    first = start + (len(body) - len(body.lstrip())) + 1
    pieces, pos = [], first
    while pos < end:
        m = _DASH_SPLIT.search(text, pos, end)
        stop = end if m is None else m.start() + (0 if m.group(1) == "," else len(m.group(1)))
        s, e = _strip(text, pos, stop)
        if e > s:
            pieces.append(Marked(s, e, pos - 1, e, dash=True))
        if not m:
            break
        resume = _DASH_RESUME.search(text, m.end(), end)
        if not resume:
            break
        pos = resume.end()
    return pieces


def find_marked(text: str) -> list[Marked]:
    """Every directly quoted run in `text`, in order."""
    out: list[Marked] = []
    pending: Marked | None = None  # a quote left open at the end of the previous paragraph
    for pstart, pend in paragraphs(text):
        dashed = dash_speech(text, pstart, pend)
        if dashed:
            out.extend(dashed)
            pending = None
            continue
        found, unclosed = _scan(text, pstart, pend)
        if pending is not None and found and found[0].open == _strip(text, pstart, pend)[0]:
            pending.end, pending.close = found[0].end, found[0].close  # quote continues here and closes
            found = found[1:]
            pending = None
        elif pending is not None and unclosed == _strip(text, pstart, pend)[0] and not found:
            pending.end = pending.close = _strip(text, pstart, pend)[1]
            continue
        pending = None
        out.extend(found)
        if unclosed is not None:
            s, e = _strip(text, unclosed + 1, pend)
            if e > s:
                pending = Marked(s, e, unclosed, e)
                out.append(pending)
    return sorted(out, key=lambda m: m.start)
