"""Throughput benchmark: the full dossier pipeline against the bare language model, same texts, same run.

Reports articles/min and words/s at 1 and N processes, the full/bare ratio, Russian next to
English, and peak resident memory, with a description of the machine, so figures from different
machines can be compared. Model loading is excluded (done before timing): a long-running ingest
pays it once.
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import platform
import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dossier.errors import DossierError
from dossier.model import Document


@dataclass
class Run:
    label: str  # "full" | "bare"
    language: str
    processes: int
    articles: int
    words: int
    seconds: float

    @property
    def articles_per_min(self) -> float:
        return 60 * self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class BenchReport:
    machine: dict[str, Any]
    runs: list[Run] = field(default_factory=list)
    peak_rss_mib: float = 0.0  # this process
    peak_rss_children_mib: float = 0.0  # the largest worker process

    def find(self, label: str, language: str, processes: int) -> Run | None:
        return next((r for r in self.runs if (r.label, r.language, r.processes) == (label, language, processes)), None)

    def ratio(self, language: str, processes: int) -> float | None:
        """Full-pipeline throughput as a share of the bare model's on the same texts."""
        full, bare = self.find("full", language, processes), self.find("bare", language, processes)
        return full.words_per_s / bare.words_per_s if full and bare and bare.words_per_s else None

    def to_dict(self) -> dict[str, Any]:
        runs = [asdict(r) | {"articles_per_min": round(r.articles_per_min, 1), "words_per_s": round(r.words_per_s)}
                for r in self.runs]
        ratios = {f"{r.language}/{r.processes}": round(self.ratio(r.language, r.processes), 3)
                  for r in self.runs if r.label == "full" and self.ratio(r.language, r.processes) is not None}
        return {"machine": self.machine, "runs": runs, "ratios": ratios, "peak_rss_mib": round(self.peak_rss_mib),
                "peak_rss_children_mib": round(self.peak_rss_children_mib)}


def describe_machine() -> dict[str, Any]:
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal"))
        mem_gib: float | None = round(mem / 2**20, 1)
    except (OSError, StopIteration):
        mem_gib = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem_gib, "os": platform.platform(terse=True),
            "python": platform.python_version(), "spacy": spacy.__version__,
            "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


def sample(documents: Iterable[Document], n: int) -> list[Document]:
    """`n` documents, cycling through the given ones when there are fewer."""
    docs = list(documents)
    if not docs:
        raise DossierError("E110", "no articles to benchmark; pass files or folders of articles")
    return [Document(text=d.text, source=d.source, title=d.title, published=d.published, language=d.language)
            for d in itertools.islice(itertools.cycle(docs), n)]


def _timed(fn: Callable[[], int]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _run_full(docs: list[Document], processes: int, batch_size: int) -> int:
    from dossier.extract import extract_many

    return sum(1 for _ in extract_many(sample(docs, len(docs)), batch_size=batch_size, n_process=processes))


def _run_bare(nlp: Any, docs: list[Document], processes: int, batch_size: int) -> int:
    return sum(1 for _ in nlp.pipe((d.text for d in docs), batch_size=batch_size, n_process=processes))


def bench(documents: Iterable[Document], articles: int = 100, processes: tuple[int, ...] = (1, 2),
          batch_size: int = 16, repeat: int = 2, progress: Callable[[str], None] | None = None) -> BenchReport:
    """Time full and bare pipelines per language present in `documents` at each process count.

    Each configuration runs `repeat` times, alternating bare and full, and keeps its best time:
    caches warmed by whichever ran first then favour neither, and noise from other load on a
    shared machine is damped.
    """
    from dossier.nlp import pipeline

    report = BenchReport(machine=describe_machine())
    by_lang: dict[str, list[Document]] = {}
    for d in documents:
        by_lang.setdefault(d.language or "en", []).append(d)
    for lang, docs in sorted(by_lang.items()):
        docs = sample(docs, articles)
        words = sum(len(d.text.split()) for d in docs)
        bare, _ = pipeline.base_language(lang), pipeline.load(lang)  # loading is not timed
        _run_full(docs[:2], 1, batch_size)
        _run_bare(bare, docs[:2], 1, batch_size)
        for n in processes:
            best = {"bare": float("inf"), "full": float("inf")}
            for _, label in itertools.product(range(repeat), ("bare", "full")):
                if progress:
                    progress(f"{lang} {label} ×{n}")
                secs = _timed(lambda: _run_full(docs, n, batch_size) if label == "full"
                              else _run_bare(bare, docs, n, batch_size))
                best[label] = min(best[label], secs)
            report.runs += [Run(label, lang, n, len(docs), words, best[label]) for label in ("bare", "full")]
    report.peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.peak_rss_children_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return report


@dataclass
class IngestBench:
    articles: int
    words: int
    seconds: float
    stored: int
    peak_rss_mib: float
    peak_rss_children_mib: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"articles_per_min": round(60 * self.articles / self.seconds, 1)}


def bench_ingest(documents: Iterable[Document], store: Any, articles: int, n_process: int = 1,
                 batch_size: int = 16) -> IngestBench:
    """Stream `articles` distinct documents (cycled inputs, each made unique by a numbered last line)
    through extraction, deduplication and the store; reports wall time and peak memory."""
    from dossier.bulk import store_many
    from dossier.store.dedup import enable_dedup

    base = list(documents)
    if not base:
        raise DossierError("E110", "no articles to benchmark; pass files or folders of articles")
    enable_dedup(store)

    def stream() -> Iterable[Document]:
        for i, d in enumerate(itertools.islice(itertools.cycle(base), articles)):
            yield Document(text=f"{d.text}\n\n[{i}]", source=f"{d.source}#{i}", title=d.title,
                           published=d.published, language=d.language)

    words = sum(len(d.text.split()) + 1 for d in itertools.islice(itertools.cycle(base), articles))
    start = time.perf_counter()
    report = store_many(store, stream(), n_process=n_process, batch_size=batch_size)
    secs = time.perf_counter() - start
    return IngestBench(articles, words, secs, report.new,
                      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


@dataclass
class QuotesBench:
    quotes: int
    words: int
    seconds: float
    found: int  # quotes the pipeline reported (every generated one should be found)

    @property
    def quotes_per_s(self) -> float:
        return self.quotes / self.seconds if self.seconds else 0.0


_FIRST = {"en": "Anna Boris Dmitry Elena Fyodor Galina Igor Irina Kirill Lev Maria Nikolai Oleg Olga Pavel Roman "
                "Sergei Tatiana Vadim Yulia".split(),
          "ru": "Анна Борис Дмитрий Елена Фёдор Галина Игорь Ирина Кирилл Лев Мария Николай Олег Ольга Павел Роман "
                "Сергей Татьяна Вадим Юлия".split()}
_LAST = {"en": "Antonov Belov Chernov Denisov Egorov Fomin Gusev Ivanov Kozlov Lebedev Morozov Novikov Orlov Popov "
               "Romanov Sokolov Titov Volkov Zaitsev Zhukov".split(),
         "ru": "Антонов Белов Чернов Денисов Егоров Фомин Гусев Иванов Козлов Лебедев Морозов Новиков Орлов Попов "
               "Романов Соколов Титов Волков Зайцев Жуков".split()}


def speaker_name(i: int, lang: str = "en") -> str:
    """The i-th of 400 distinct names (20 first names × 20 surnames), repeating after that."""
    return f"{_FIRST[lang][i % 20]} {_LAST[lang][(i // 20) % 20]}"


def many_quotes_text(n: int, lang: str = "en") -> str:
    """One paragraph of `n` short attributed quotes, the shape of a live blog or a transcript dump."""
    if lang == "ru":
        return " ".join(f"«Сообщение номер {i} о повестках», — сказал {speaker_name(i, lang)}." for i in range(n))
    return " ".join(f'"Quote {i} about summonses," said {speaker_name(i, lang)}.' for i in range(n))


def bench_quotes(sizes: tuple[int, ...] = (500, 2000), lang: str = "en") -> list[QuotesBench]:
    """Extraction time of one article holding N quotes, at each size: the per-quote work must not rescan
    the document, so quotes/s should stay about flat as N grows (it fell with N before the fix)."""
    from dossier.extract import extract

    extract(Document(text=many_quotes_text(2, lang), language=lang))  # load the model outside the timing
    out = []
    for n in sizes:
        text = many_quotes_text(n, lang)
        start = time.perf_counter()
        ex = extract(Document(text=text, language=lang))
        out.append(QuotesBench(n, len(text.split()), time.perf_counter() - start, len(ex.quotes)))
    return out
