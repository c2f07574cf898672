"""Export: atomic writes, CSV formula neutralisation, exact round trips."""

from __future__ import annotations

import io

import polars as pl
import pytest

from workbench.errors import InputError
from workbench.io.tables import read_table, write_table

CELLS = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'quoted", "plain",
         'a "quote", a comma\nand a newline', ""]


def test_csv_cells_cannot_start_a_formula(tmp_path):
    path = write_table(pl.DataFrame({"text": CELLS}), tmp_path / "out.csv")
    raw = pl.read_csv(path)["text"].fill_null("").to_list()
    assert all(not c or c[0] not in "=+-@\t\r" for c in raw)


def test_csv_round_trips_every_cell(tmp_path):
    frame = pl.DataFrame({"text": CELLS, "n": list(range(len(CELLS)))})
    path = write_table(frame, tmp_path / "out.csv")
    back = read_table(path).with_columns(pl.col("text").fill_null(""))
    assert back["text"].to_list() == CELLS
    assert back["n"].to_list() == frame["n"].to_list()


def test_parquet_is_untouched(tmp_path):
    frame = pl.DataFrame({"text": CELLS})
    assert read_table(write_table(frame, tmp_path / "out.parquet")).equals(frame)


def test_failed_write_keeps_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "out.csv"
    path.write_text("previous\n")

    def boom(self, target, *args, **kwargs):  # half a file, to disk or to the writer's buffer
        if isinstance(target, io.BytesIO):
            target.write(b"half a fi")
        else:
            with open(target, "w") as fh:
                fh.write("half a fi")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pl.DataFrame, "write_csv", boom)
    with pytest.raises(InputError, match="No space left on device"):
        write_table(pl.DataFrame({"a": [1]}), path)
    assert path.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(InputError, match="unknown output type"):
        write_table(pl.DataFrame({"a": [1]}), tmp_path / "out.xlsx")
