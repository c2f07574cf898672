"""Byte-for-byte reproducible skops files.

skops names each stored array and shared object by its ``id()`` (a memory address) and
stamps every zip entry with the current time, so saving the same model twice gives
different bytes and ``make model`` would rewrite ``models/framing-mfc.skops`` in git on
every run. :func:`canonical_skops` renumbers those ids in order of appearance and fixes the
timestamps; skops reads the result as before. :func:`renamed_modules` lets model files
saved before the package was split into stages (``workbench.classifier.FrameModel``) load
under today's class paths (``workbench.model.classifier.FrameModel``).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

SCHEMA = "schema.json"
EPOCH = (1980, 1, 1, 0, 0, 0)

MOVED_MODULES: dict[str, str] = {
    "workbench.classifier": "workbench.model.classifier",
    "workbench.ngrams": "workbench.model.ngrams",
    "workbench.token_scores": "workbench.model.token_scores",
}
"""Modules whose classes a model file may name, before and after the package's split."""


def canonical_skops(data: bytes, *, compresslevel: int = 9) -> bytes:
    """Return ``data`` (a skops file) with ids renumbered and timestamps fixed.

    Examples
    --------
    >>> import skops.io as sio, numpy as np
    >>> def dumped(obj):
    ...     buf = io.BytesIO()
    ...     sio.dump(obj, buf)
    ...     return canonical_skops(buf.getvalue())
    >>> dumped({"a": np.arange(3)}) == dumped({"a": np.arange(3)})
    True
    >>> sio.loads(dumped({"a": np.arange(3)}))["a"].tolist()
    [0, 1, 2]
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        schema = json.loads(source.read(SCHEMA))
        ids: dict[int, int] = {}
        files: dict[str, str] = {}
        _renumber(schema, ids, files)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            _write(target, SCHEMA, json.dumps(schema, indent=2).encode(), compresslevel)
            for old, new in files.items():
                _write(target, new, source.read(old), compresslevel)
    return out.getvalue()


def _renumber(node: object, ids: dict[int, int], files: dict[str, str]) -> None:
    """Replace ``__id__`` values and array ``file`` names, in order of appearance, in place."""
    for item in _dicts(node):
        if isinstance(item.get("__id__"), int):
            item["__id__"] = ids.setdefault(item["__id__"], len(ids))
        if isinstance(item.get("file"), str) and item["file"].endswith(".npy"):
            item["file"] = files.setdefault(item["file"], f"{len(files)}.npy")


def _dicts(node: object) -> Iterator[dict]:
    """Yield every dict of a JSON tree, depth first in document order (a parent before
    its children, so changing a dict's values as it is yielded is safe)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _write(target: zipfile.ZipFile, name: str, payload: bytes, level: int) -> None:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    target.writestr(info, payload, compresslevel=level)


def renamed_modules(data: bytes, moved: dict[str, str] = MOVED_MODULES) -> bytes:
    """Return ``data`` (a skops file) with the ``__module__`` of each object renamed by ``moved``.

    Only the names change, so the types a file holds are checked against the trusted list
    under today's names. ``data`` is returned as it is when nothing is renamed or it is no
    readable skops file (the checks that follow then name the damage).

    Examples
    --------
    >>> import skops.io as sio
    >>> data = sio.dumps({"a": 1})
    >>> renamed_modules(data) is data
    True
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            schema = json.loads(source.read(SCHEMA))
            if not _rename(schema, moved):
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as target:
                _write(target, SCHEMA, json.dumps(schema, indent=2).encode(), 9)
                for info in source.infolist():
                    if info.filename != SCHEMA:
                        _write(target, info.filename, source.read(info), 9)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, RuntimeError):
        return data
    return out.getvalue()


def _rename(node: object, moved: dict[str, str]) -> int:
    """Rename ``__module__`` values found in ``moved``, in place; return how many."""
    count = 0
    for item in _dicts(node):
        module = item.get("__module__")
        if isinstance(module, str) and module in moved:
            item["__module__"] = moved[module]
            count += 1
    return count
