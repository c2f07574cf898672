"""Read articles from text, Markdown, HTML and corpus files into :class:`Article` objects.

Every problem becomes an :class:`~workbench.errors.InputError` naming the file and the
problem; :func:`read_articles` collects them so that the good files of a batch still count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.io.corpus import corpus_table, open_corpus
from workbench.io.files import (
    CORPUS_SUFFIXES,
    HTML_SUFFIXES,
    SUPPORTED,
    decode,
    read_bytes,
    suffix_of,
    unpacked,
)
from workbench.text.layout import Layout, paragraph_warnings, read_layout

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Article:
    """One article: its identity, metadata and paragraphs (headline not included).

    ``warnings`` say what looks wrong with the paragraphs (:func:`paragraph_warnings`),
    for the command line and the dashboard to show.
    """

    article_id: str
    title: str
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    warnings: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class IngestResult:
    """Articles read from a batch of paths, and the inputs that failed."""

    articles: list[Article]
    errors: list[InputError]


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield the files named by ``paths``; a directory gives its supported files, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.is_file()
                               and suffix_of(p) in SUPPORTED and not _is_project_doc(p))
            except OSError as err:
                yield InputError(path, f"cannot list the directory ({err.strerror or err})")
                continue
            if not found:
                yield InputError(path, "the directory holds no supported file "
                                 f"({', '.join(SUPPORTED)})")
            yield from found
        elif not path.exists():
            yield InputError(path, "no such file or directory")
        elif suffix_of(path) not in SUPPORTED:
            yield InputError(path, f"unsupported file type; expected one of {', '.join(SUPPORTED)}")
        else:
            yield path


def _is_project_doc(path: Path) -> bool:
    """README/LICENSE files in a folder of articles describe it; they are not articles."""
    return path.stem.upper().startswith(("README", "LICENSE", "CHANGELOG"))


def read_articles(paths: Iterable[str | Path]) -> IngestResult:
    """Read every article under ``paths``; bad files are collected, not raised."""
    result = IngestResult([], [])
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        try:
            result.articles.extend(read_file(item, errors=result.errors))
        except InputError as err:
            result.errors.append(err)
    return result


def read_file(path: str | Path, *, errors: list[InputError] | None = None) -> list[Article]:
    """Read the article(s) in one file. Corpus rows without text go to ``errors``."""
    path = Path(path)
    if suffix_of(path) in CORPUS_SUFFIXES:
        return read_corpus(path, errors=errors)
    return _articles_from_bytes(read_bytes(path), path)


def read_file_bytes(name: str, data: bytes, *, errors: list[InputError] | None = None
                ) -> list[Article]:
    """Read the article(s) in the bytes ``data`` of a file called ``name`` (an upload), by
    the rules and with the messages of :func:`read_file`, without writing a file."""
    path = Path(name)
    if suffix_of(path) not in SUPPORTED:
        raise InputError(name, f"unsupported file type; expected one of {', '.join(SUPPORTED)}")
    data = unpacked(data, path)
    if suffix_of(path) in CORPUS_SUFFIXES:
        return read_corpus(path, errors=errors, data=data)
    return _articles_from_bytes(data, path)


def _articles_from_bytes(data: bytes, path: Path) -> list[Article]:
    text = decode(data, path)
    if suffix_of(path) in HTML_SUFFIXES:
        return [article_from_html(text, path)]
    return [article_from_text(text, source=path, markdown=suffix_of(path) != ".txt")]


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---`` block of ``key: value`` lines from ``text``.

    Examples
    --------
    >>> front_matter("---\\noutlet: Wire\\n---\\nBody")
    ({'outlet': 'Wire'}, 'Body')
    """
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end():]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_ITEM = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)")


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup, keeping one paragraph per block; a heading or list item
    becomes a block of its own (lines of a Markdown paragraph are wrapped lines).

    Examples
    --------
    >>> markdown_to_text("# Title\\n\\nSome **bold** [link](http://x).")
    'Title\\n\\nSome bold link.'
    """
    out: list[str] = []
    heading = False
    for line in text.replace("\r\n", "\n").split("\n"):
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        if (heading or _MD_ITEM.match(line)) and line.strip() and out and out[-1].strip():
            out.append("")
        heading = line.lstrip().startswith("#")
        line = _MD_PREFIX.sub("", line)
        out.append(_MD_EMPHASIS.sub("", line))
    return "\n".join(out)


def article_from_text(text: str, *, source: str | Path, markdown: bool = False,
                      meta: dict[str, str] | None = None) -> Article:
    """Build an article from plain text: front matter, headline line, paragraphs."""
    found, body = front_matter(text)
    meta = {**found, **(meta or {})}
    if markdown:
        body = markdown_to_text(body)
    layout = read_layout(body)
    pars = list(layout.paragraphs)
    if not pars:
        raise InputError(source, "holds no text (only front matter or whitespace)")
    title = meta.get("title") or ""
    if pars and len(pars) > 1 and len(pars[0].split()) <= 30 and (not title or pars[0] == title):
        title = title or pars[0]
        pars = pars[1:]
    stem = Path(str(source)).stem
    return Article(
        article_id=meta.get("id") or stem,
        title=title or stem,
        paragraphs=tuple(pars),
        outlet=meta.get("outlet") or None,
        date=meta.get("date") or None,
        url=meta.get("url") or None,
        source=str(source),
        meta=meta,
        warnings=_warnings(pars, layout),
    )


def _warnings(pars: list[str], layout: Layout) -> tuple[str, ...]:
    """``Article.warnings``: what looks wrong with the article's (body) paragraphs."""
    return tuple(paragraph_warnings(pars, doubtful_blocks=layout.doubtful_blocks))


def article_from_html(html: str, source: str | Path) -> Article:
    """Extract the main text and metadata of an HTML page with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(source, "no article text found in the HTML page")
    meta = {k: v for k in ("title", "date", "url") if (v := getattr(doc, k, None))}
    if site := getattr(doc, "sitename", None):
        meta["outlet"] = site
    layout = Layout(tuple(" ".join(ln.split()) for ln in text.split("\n") if ln.strip()), "line")
    pars = list(layout.paragraphs)  # trafilatura puts one paragraph per line
    title = meta.get("title") or Path(str(source)).stem
    if pars and pars[0].strip() == title.strip() and len(pars) > 1:
        pars = pars[1:]
    return Article(article_id=Path(str(source)).stem, title=title, paragraphs=tuple(pars),
                   outlet=meta.get("outlet"), date=meta.get("date"), url=meta.get("url"),
                   source=str(source), meta=meta,
                   warnings=_warnings(pars, layout))


def read_corpus(path: str | Path, *, errors: list[InputError] | None = None,
                data: bytes | None = None) -> list[Article]:
    """Read a corpus file (or its bytes ``data``): one article per row, by the rules of
    :func:`workbench.io.corpus.corpus_table`; rows without text go to ``errors``."""
    path = Path(path)
    articles, bad = [], []
    for rows in open_corpus(path, data).batches():
        table, bad_rows, warned = corpus_table(rows, path.stem)
        bad += bad_rows
        articles += articles_of(table, dict(warned), path)
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else "")
        err = InputError(path, f"{len(bad)} row(s) have no text and were skipped (rows {shown})")
        if errors is None or not articles:
            raise err
        errors.append(err)
    return articles


def articles_of(table: pl.DataFrame, warned: dict[int, list[str]], path: Path) -> list[Article]:
    """The articles of a :func:`~workbench.io.corpus.corpus_table` table, one per ``_row``."""
    rows = table.group_by("_row", maintain_order=True).agg(
        pl.col("article_id", "title", "outlet", "date", "url").first(), pl.col("text"))
    return [Article(article_id=r["article_id"], title=r["title"], paragraphs=tuple(r["text"]),
                    outlet=r["outlet"], date=r["date"], url=r["url"],
                    source=f"{path}#{r['_row']}", warnings=tuple(warned.get(r["_row"], ())))
            for r in rows.iter_rows(named=True)]
