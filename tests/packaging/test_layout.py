"""The shipped files are found through one resolver (factcheck/shipped.py, importlib.resources),
and pyproject.toml lists every package, so the wheel carries all the code (fast checks; the wheel
itself is built and installed by test_wheel.py)."""
from __future__ import annotations

import importlib.metadata
import importlib.resources
import re
import tomllib
from pathlib import Path

import factcheck
from factcheck import shipped

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    in_tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "factcheck").rglob("__init__.py")}
    listed = set(config["packages"])
    missing = in_tree - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml (else the wheel lacks them)"
    assert listed - in_tree == {"factcheck.rules", "factcheck.reference_data"}
    assert config["package-dir"] == {"factcheck.rules": "rules", "factcheck.reference_data": "reference_data"}


def test_shipped_files_are_found_with_importlib_resources():
    assert shipped.rules_dir() == importlib.resources.files("factcheck.rules")
    assert shipped.reference_data_dir() == importlib.resources.files("factcheck.reference_data")
    # in this checkout (an editable install) they are the repository's top-level folders
    assert shipped.rules_dir().resolve() == ROOT / "rules"
    assert shipped.reference_data_dir().resolve() == ROOT / "reference_data"
    assert (shipped.lexicon_dir() / "frame_words.yaml").is_file()
    assert shipped.package_file("factcheck.schema", "report.schema.json").is_file()
    assert shipped.package_file("factcheck", "units.txt").is_file()


def test_no_module_finds_shipped_files_relative_to_its_source():
    data_names = re.compile(r"rules|reference_data|seeds|schema|\.json|\.txt|\.yaml")
    offenders = []
    for path in sorted((ROOT / "factcheck").rglob("*.py")):
        if path.name == "shipped.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "__file__" in line and data_names.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "find shipped files with factcheck/shipped.py:\n" + "\n".join(offenders)


def test_version_has_one_source():
    assert importlib.metadata.version("factcheck") == factcheck.__version__


def test_readme_says_how_to_install_and_where_the_cache_is():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = " ".join(text.split())
    for needle in ("pip install dist/factcheck-", "pipx install dist/factcheck-", "make dist", "The wheel is about",
                   "factcheck cache dir", "factcheck cache clean", "--no-cache", "FACTCHECK_NO_CACHE=1",
                   "$XDG_CACHE_HOME/factcheck", "`/dev/null`"):
        assert needle in readme, needle
    quickstart = text[text.index("## Quickstart"):]
    start = quickstart.index("```sh\n") + 6
    block = quickstart[start:quickstart.index("\n```", start)]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make demo", "make test"]
