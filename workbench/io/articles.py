"""Read articles from text, Markdown, HTML and corpus files into :class:`Article` objects.

Every problem becomes an :class:`~workbench.errors.InputError` naming the file and the
problem; :func:`read_articles` collects them so that the good files of a batch still count.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from workbench.errors import InputError
from workbench.text.layout import Layout, paragraph_warnings, read_layout

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES
METADATA_FIELDS = ("title", "outlet", "date", "url")
MAX_FILE_BYTES = 1 << 30
"""Files larger than this (1 GiB) are refused rather than read into memory."""

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


def suffix_of(path: Path) -> str:
    """Return the format suffix of ``path``, looking through ``.gz``.

    Examples
    --------
    >>> suffix_of(Path("news.jsonl.gz"))
    '.jsonl'
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


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
    kind = suffix_of(path)
    if kind in CORPUS_SUFFIXES:
        return read_corpus(path, errors=errors)
    text = decode(read_bytes(path), path)
    if kind in HTML_SUFFIXES:
        return [article_from_html(text, path)]
    return [article_from_text(text, source=path, markdown=kind != ".txt")]


def check_size(path: Path, unzipped: int | None = None) -> None:
    """Refuse a file (or its un-gzipped content) larger than :data:`MAX_FILE_BYTES`."""
    size = path.stat().st_size if unzipped is None else unzipped
    if size > MAX_FILE_BYTES:
        what = "the file is" if unzipped is None else "the file decompresses to over"
        raise InputError(path, f"{what} {size / 2**20:,.0f} MB; the limit is "
                         f"{MAX_FILE_BYTES / 2**20:,.0f} MB (split it into smaller files)")


def read_bytes(path: Path) -> bytes:
    """Return the bytes of ``path``, un-gzipped; refuse empty, huge or truncated files."""
    try:
        check_size(path)
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})") from None
    if path.suffix.lower() == ".gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(MAX_FILE_BYTES + 1)  # bounded: a small .gz can expand 1000-fold
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(path, f"not a valid gzip file ({err})") from None
        check_size(path, len(data))
    if not data.strip():
        raise InputError(path, "the file is empty")
    return data


_UTF16_32_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                  (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))
"""Byte-order marks of the encodings Windows calls "Unicode" (UTF-32 first: it starts alike)."""


def decode(data: bytes, source: str | Path) -> str:
    """Decode UTF-8 (with or without BOM) text; refuse binary data and other encodings."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise InputError(source, f"is {name} text, not UTF-8; re-save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
                         f"{err.start}); re-save it as UTF-8") from None


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


def read_corpus_frame(path: str | Path) -> pl.DataFrame:
    """Read a JSONL, CSV or Parquet corpus into a frame with a ``text`` column."""
    path = Path(path)
    kind = suffix_of(path)
    try:
        if kind == ".parquet":
            check_size(path)
            frame = pl.read_parquet(path)
        else:
            data = read_bytes(path)
            decode(data, path)  # refuses binary data and non-UTF-8 bytes by name
            if kind == ".csv":
                frame = pl.read_csv(io.BytesIO(data), infer_schema=False)
            else:
                frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    except InputError:
        raise
    except Exception as err:  # polars raises many kinds; all mean a malformed file
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(path, f"cannot parse as {kind[1:]} ({first[:160]})") from None
    if "text" not in frame.columns:
        cols = ", ".join(frame.columns[:12]) or "none"
        raise InputError(path, f"the corpus has no 'text' column (columns: {cols})")
    if frame.height == 0:
        raise InputError(path, "the corpus has no rows")
    return frame


def corpus_columns(schema: pl.Schema, path: str | Path) -> list[str]:
    """Return the corpus columns to read as strings: ``id``, ``text`` and the metadata.

    A ``text`` column of lists or objects is refused; other such columns are left out.
    """
    if schema["text"].is_nested():
        raise InputError(path, f"the 'text' column holds {schema['text']} values; "
                         "expected one string per row")
    return [c for c in ("id", "text", *METADATA_FIELDS)
            if c in schema and not schema[c].is_nested()]


def read_corpus(path: str | Path, *, errors: list[InputError] | None = None) -> list[Article]:
    """Read a corpus file: one article per row; rows without text go to ``errors``."""
    path = Path(path)
    frame = read_corpus_frame(path)
    keep = corpus_columns(frame.schema, path)
    frame = frame.select(pl.col(c).cast(pl.String) for c in keep)
    articles, bad = [], []
    for i, row in enumerate(frame.iter_rows(named=True)):
        layout = read_layout(row.get("text") or "")
        pars = list(layout.paragraphs)
        if not pars:
            bad.append(i + 1)
            continue
        art_id = row.get("id") or f"{path.stem}-{i + 1}"
        articles.append(Article(
            article_id=str(art_id), title=row.get("title") or str(art_id),
            paragraphs=tuple(pars), outlet=row.get("outlet"), date=row.get("date"),
            url=row.get("url"), source=f"{path}#{i + 1}",
            warnings=_warnings(pars, layout),
        ))
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" ..." if len(bad) > 10 else "")
        err = InputError(path, f"{len(bad)} row(s) have no text and were skipped (rows {shown})")
        if errors is None or not articles:
            raise err
        errors.append(err)
    return articles
