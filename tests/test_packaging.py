"""What `pip install .` (a wheel, not the editable checkout) ships: every file the code reads
beside its modules is named in pyproject's package-data, or the installed bot lacks it."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage")


def _shipped(path: Path, patterns: dict[str, list[str]]) -> bool:
    """Is the file matched by a pattern of one of the packages above it?"""
    relative = path.relative_to(ROOT)
    for depth in range(1, len(relative.parts)):
        package = ".".join(relative.parts[:depth])
        inside = "/".join(relative.parts[depth:])
        if any(fnmatch(inside, pattern) for pattern in patterns.get(package, [])):
            return True
    return False


def test_every_data_file_of_the_packages_is_in_the_wheel():
    """The office desk's templates and stylesheet were left out: a community that installed
    the bot with `pip install .` and set [web] listen had a desk whose every page failed."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    patterns = setuptools["setuptools"]["package-data"]
    data = [
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert any(p.name == "base.html" for p in data)  # the walk found the desk's files
    missing = [str(p.relative_to(ROOT)) for p in data if not _shipped(p, patterns)]
    assert not missing, missing
