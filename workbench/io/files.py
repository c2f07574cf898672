"""Files as bytes: format suffixes, size limits, gzip, and the UTF-8 checks every reader
applies, each failure an :class:`~workbench.errors.InputError` naming the file."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from pathlib import Path

from workbench.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + CORPUS_SUFFIXES
MAX_FILE_BYTES = 1 << 30
"""Files larger than this (1 GiB) are refused rather than read into memory."""


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
    return unpacked(data, path)


def unpacked(data: bytes, path: Path) -> bytes:
    """Return a file's bytes ``data`` un-gzipped (when ``path`` ends in ``.gz``); refuse
    empty, huge or truncated data. ``path`` names the file in messages."""
    if len(data) > MAX_FILE_BYTES:
        check_size(path, len(data))
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


def check_text_file(path: Path, block: int = 1 << 24) -> None:
    """Refuse an empty, binary or non-UTF-8 file, as ``articles.read_bytes``/``decode`` do.

    Reads the file in blocks, so a corpus of any size is checked in constant memory.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, blank = 0, True
    try:
        with open(path, "rb") as fh:
            while data := fh.read(block):
                if offset == 0 and b"\x00" in data[:8192]:
                    raise InputError(path, "looks like a binary file (it contains NUL bytes), "
                                     "not text")
                try:
                    decoder.decode(data)
                except UnicodeDecodeError as err:
                    raise InputError(path, f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at "
                                     f"offset {offset + err.start}); re-save it as UTF-8") from None
                blank = blank and not data.strip()
                offset += len(data)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(path, "is not valid UTF-8 (it ends inside a character); re-save it "
                         "as UTF-8") from None
    except OSError as err:
        raise InputError(path, f"cannot read the file ({err.strerror or err})") from None
    if blank:
        raise InputError(path, "the file is empty")
