"""Where the pipeline's data assets (``models/``) live, in a checkout and in an installed wheel."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path


def models_dir() -> Path:
    """The ``models/`` directory: packaged as ``extractor/models`` in a wheel, at the repo root in a checkout."""
    packaged = Path(str(resources.files("extractor"))) / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "models"


def model_path(name: str) -> Path:
    path = models_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"model asset {name!r} is missing from {models_dir()}; reinstall extractor.")
    return path


@cache
def load_json(name: str) -> dict:
    """A JSON asset from ``models/``, parsed once per process."""
    return json.loads(model_path(name).read_text(encoding="utf-8"))
