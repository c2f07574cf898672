"""Model files: only skops files holding a frame model of trusted types are loaded."""

from __future__ import annotations

import io
import os
import pickle
import zipfile

import joblib
import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from workbench.errors import ModelError
from workbench.model import TRUSTED_TYPES, load_model, save_model, train
from workbench.model.classifier import FrameModel
from workbench.model.persist import MOVED_MODULES, renamed_modules

TEXTS = ["Taxes rose and wages fell.", "Jobs and prices dominate.", "Budgets were cut again.",
         "The court struck down the law.", "Judges ruled it unconstitutional.",
         "An appeal is pending in court."]
LABELS = ["economic"] * 3 + ["legality"] * 3


class Marker:
    """Not a workbench type: a skops file holding one must be refused."""

    def __init__(self) -> None:
        self.path = "x"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    model = train(TEXTS, LABELS, cv=3, seed=0).model
    return save_model(model, tmp_path_factory.mktemp("good") / "good.skops")


def test_a_saved_model_loads_and_names_only_workbench_types_as_extra(good):
    assert sorted(sio.get_untrusted_types(file=good)) == sorted(TRUSTED_TYPES)
    assert load_model(good).labels == ("economic", "legality")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pickle_and_joblib_files_are_refused_without_running(tmp_path):
    model = train(TEXTS, LABELS, cv=3).model
    paths = [write(tmp_path, "m.pkl", pickle.dumps(model)),
             write(tmp_path, "m.skops", pickle.dumps(model, protocol=2))]
    joblib.dump(model, tmp_path / "m.joblib")
    joblib.dump(model, tmp_path / "z.joblib", compress=3)
    paths += [tmp_path / "m.joblib", tmp_path / "z.joblib"]
    for path in paths:
        with pytest.raises(ModelError, match="looks like a pickle or joblib file") as err:
            load_model(path)
        assert str(err.value).startswith(str(path)) and "\n" not in str(err.value)


@pytest.mark.parametrize("data, problem", [
    (os.urandom(256).replace(b"PK", b"pk"), "not a skops model file"),
    (b"", "the file is empty"),
    (b"PK\x03\x04" + b"\x00" * 40, "damaged or truncated"),
])
def test_random_and_empty_bytes_are_refused(tmp_path, data, problem):
    with pytest.raises(ModelError, match=problem):
        load_model(write(tmp_path, "bad.skops", data))


def test_a_truncated_skops_file_is_refused(good, tmp_path):
    data = good.read_bytes()
    for cut in (len(data) // 2, len(data) - 30, 100):
        with pytest.raises(ModelError, match="damaged"):
            load_model(write(tmp_path, f"cut{cut}.skops", data[:cut]))


def test_a_tampered_byte_is_refused(good, tmp_path):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = max(zf.infolist(), key=lambda i: i.compress_size)
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF
    with pytest.raises(ModelError, match="damaged"):
        load_model(write(tmp_path, "tampered.skops", bytes(data)))


def test_skops_files_with_untrusted_types_are_refused(tmp_path):
    model = train(TEXTS, LABELS, cv=3).model
    ran = tmp_path / "ran"
    evil = FrameModel(Pipeline([("features", FunctionTransformer(os.system)),
                                ("clf", LogisticRegression())]), model.labels,
                      multi_label=False, thresholds=(0, 0))
    sio.dump(evil, tmp_path / "system.skops")
    sio.dump({"model": model, "extra": Marker()}, tmp_path / "marker.skops")
    with pytest.raises(ModelError, match=r"outside the trusted list: posix\.system"):
        load_model(tmp_path / "system.skops")
    with pytest.raises(ModelError, match=r"outside the trusted list: .*Marker"):
        load_model(tmp_path / "marker.skops")
    assert not ran.exists()


def test_trusted_types_that_are_not_a_frame_model_are_refused(tmp_path):
    model = train(TEXTS, LABELS, cv=3).model
    sio.dump(LogisticRegression(), tmp_path / "lr.skops")
    with pytest.raises(ModelError, match="holds a LogisticRegression, not a FrameModel"):
        load_model(tmp_path / "lr.skops")
    odd = FrameModel(model.pipeline, ("a", "b", "c"), multi_label=False, thresholds=(0,) * 2)
    sio.dump(odd, tmp_path / "odd.skops")
    with pytest.raises(ModelError, match="do not agree"):
        load_model(tmp_path / "odd.skops")
    swapped = FrameModel(Pipeline([("features", model.pipeline.named_steps["features"]),
                                   ("clf", FunctionTransformer())]), model.labels,
                         multi_label=False, thresholds=(0, 0))
    sio.dump(swapped, tmp_path / "swapped.skops")
    with pytest.raises(ModelError, match="not logistic regression"):
        load_model(tmp_path / "swapped.skops")


def test_missing_paths_and_folders_are_model_errors(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "absent.skops")
    with pytest.raises(ModelError, match="not a file"):
        load_model(tmp_path)


def test_save_refuses_other_suffixes_and_keeps_the_old_file_on_failure(good, tmp_path):
    from workbench.errors import InputError

    model = load_model(good)
    with pytest.raises(InputError, match="must end in .skops"):
        save_model(model, tmp_path / "model.pkl")
    with pytest.raises(InputError, match="output folder does not exist"):
        save_model(model, tmp_path / "nowhere" / "m.skops")
    with pytest.raises(TypeError, match="expected a FrameModel"):
        save_model(LogisticRegression(), tmp_path / "m.skops")
    assert not list(tmp_path.glob("*.part"))


def test_a_small_file_that_unpacks_to_gigabytes_is_refused_before_loading(good, tmp_path):
    bomb = tmp_path / "bomb.skops"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("padding.npy", "w", force_zip64=True) as entry:
            block = bytes(1 << 20)
            for _ in range(1100):  # 1.1 GB of zeros, about 1 MB on disk
                entry.write(block)
    assert bomb.stat().st_size < 5 * 2**20
    with pytest.raises(ModelError, match=r"unpacks to 1,1\d\d MB, over 1024 MB"):
        load_model(bomb)


def test_a_model_saved_before_the_package_split_still_loads(good, tmp_path):
    """Files name classes by the paths of the day they were saved (``workbench.ngrams``);
    the model package's move must not strand users' model files."""
    before = {new: old for old, new in MOVED_MODULES.items()}
    old = write(tmp_path, "old.skops", renamed_modules(good.read_bytes(), before))
    named = set(sio.get_untrusted_types(file=old))
    assert named == {"workbench.classifier.FrameModel", "workbench.ngrams.Ngrams",
                     "workbench.ngrams.CueRates"}
    proba = load_model(old).predict_proba(TEXTS)
    assert (proba == load_model(good).predict_proba(TEXTS)).all()


def test_an_unknown_old_module_is_still_refused(good, tmp_path):
    moved = {"workbench.model.ngrams": "workbench.evil"}
    bad = write(tmp_path, "bad.skops", renamed_modules(good.read_bytes(), moved))
    with pytest.raises(ModelError, match="outside the trusted list: workbench.evil.CueRates"):
        load_model(bad)
