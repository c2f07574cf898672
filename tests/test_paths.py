"""The default model and seeds are found without an editable install, or named in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import paths
from workbench.errors import ResourceError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """The package as a wheel installs it: in site-packages, with no checkout around it."""
    package = tmp_path / "site-packages" / "workbench"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    monkeypatch.delenv(paths.MODEL_ENV, raising=False)
    monkeypatch.delenv(paths.SEEDS_ENV, raising=False)
    return package


def test_checkout_models_and_seeds_found_from_the_source_tree(monkeypatch):
    monkeypatch.delenv(paths.MODEL_ENV, raising=False)
    monkeypatch.delenv(paths.SEEDS_ENV, raising=False)
    assert paths.source_root() == ROOT
    assert paths.default_model_path() == ROOT / "models" / "framing-mfc.skops"
    assert paths.seeds_dir() == ROOT / "seeds"


def test_environment_variables_win(installed, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.MODEL_ENV, str(tmp_path / "mine.skops"))
    monkeypatch.setenv(paths.SEEDS_ENV, str(tmp_path / "articles"))
    assert paths.default_model_path() == tmp_path / "mine.skops"
    assert paths.seeds_dir() == tmp_path / "articles"


def test_installed_package_names_what_it_looked_for_and_the_fix(installed):
    with pytest.raises(ResourceError) as model:
        paths.default_model_path()
    with pytest.raises(ResourceError) as seeds:
        paths.seeds_dir()
    for err, looked, fix in ((model, "models/framing-mfc.skops", "--model PATH"),
                             (seeds, "seeds", "WORKBENCH_SEEDS")):
        message = str(err.value)
        assert "\n" not in message
        assert looked in message and fix in message and str(installed) in message


def test_a_folder_with_another_projects_pyproject_is_no_checkout(installed):
    (installed.parent / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert paths.source_root() is None
    (installed.parent / "pyproject.toml").write_text('[project]\nname = "workbench"\n')
    assert paths.default_model_path() == installed.parent / "models" / "framing-mfc.skops"


def test_cli_from_a_copied_package_scores_without_the_model_and_says_why(tmp_path):
    """``workbench score`` from a non-editable copy of the package: no default model, a
    one-line warning naming the fix, and the scores without frame probabilities."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "workbench", site / "workbench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    article = tmp_path / "a.txt"
    article.write_text("Officials said the tax could cost millions.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in (paths.MODEL_ENV, paths.SEEDS_ENV)}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run([sys.executable, "-m", "workbench", "score", str(article),
                           "--out", str(tmp_path / "out.csv")], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    warning = [line for line in done.stderr.splitlines() if "WORKBENCH_MODEL" in line]
    assert len(warning) == 1 and "--model PATH" in warning[0]
    header = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "hedge_count" in header and "frame_primary" not in header
