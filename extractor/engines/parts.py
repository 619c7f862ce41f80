"""The output folder of a partitioned run: part files, their manifest, resume and rerun.

A folder holds ``part-00000.jsonl``, ... and ``manifest.json``. Every file appears whole or not
at all (written beside its name as ``.NAME.tmp``, then renamed), and the manifest is rewritten
each time a part finishes, so an interrupted run's manifest lists exactly the parts that are
complete. Each listed part records a digest of the input bytes it was made from and the run's
options, which is what lets ``--resume`` trust it: a part is reused only when both still match
and its file holds the recorded number of lines; everything else is redone.

A folder is ours when everything in it has one of those names. A run without ``--resume``
replaces an earlier run (like ``-o FILE``, which is overwritten); a folder with other files is
refused, so a mistyped ``-o`` cannot delete someone's data. Nothing here needs Dask.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

MANIFEST = "manifest.json"
_OURS = re.compile(r"(part-\d{5}\.jsonl|\.part-\d{5}\.jsonl\.tmp|manifest\.json|\.manifest\.json\.tmp)")
_TMP = re.compile(r"\.(part-\d{5}\.jsonl|manifest\.json)\.tmp")


class OutputFolderError(ValueError):
    """The output folder cannot be used as asked (not ours, or --resume with other options)."""


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and rename it into place: readers see old or new, never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def input_digest(paths: list[str], jsonl: str | None, start: int, end: int) -> str:
    """sha256 of the bytes a partition reads (with the file names), so a changed input is redone."""
    digest = hashlib.sha256()
    if jsonl is not None:
        digest.update(f"{jsonl}\0{start}\0{end}\0".encode())
        with open(jsonl, "rb") as handle:
            handle.seek(start)
            remaining = end - start
            while remaining > 0 and (block := handle.read(min(remaining, 1 << 20))):
                digest.update(block)
                remaining -= len(block)
        return digest.hexdigest()
    for path in paths:
        digest.update(f"{path}\0".encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError as exc:  # the run reports it as an error record; the digest just differs
            digest.update(f"unreadable: {exc}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError) as exc:
        raise OutputFolderError(f"{folder / MANIFEST} cannot be read ({exc}); run without --resume to replace the folder.") from None


def prepare_folder(folder: Path, resume: bool, options: dict) -> dict[int, dict]:
    """Make ``folder`` ready for a run; return the parts an earlier run completed that may be reused.

    Stray temporary files (from a run that was killed) are removed in every case. Without
    ``resume`` an earlier run's files are removed. With it, the earlier manifest's parts are
    returned, by index, when it was made with the same ``options``.
    """
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"-o {folder}: is a file; the dask engine writes a folder of part files and a manifest.")
    folder.mkdir(parents=True, exist_ok=True)
    foreign = sorted(p.name for p in folder.iterdir() if not _OURS.fullmatch(p.name))
    if foreign:
        raise OutputFolderError(
            f"-o {folder}: the folder holds files extractor did not write ({', '.join(foreign[:3])}"
            f"{', ...' if len(foreign) > 3 else ''}); choose a new or empty folder."
        )
    for path in folder.iterdir():
        if _TMP.fullmatch(path.name):
            path.unlink(missing_ok=True)
    if not resume:
        for path in folder.iterdir():
            path.unlink(missing_ok=True)
        return {}
    manifest = read_manifest(folder)
    if manifest is None:
        return {}
    earlier = manifest.get("options") or {}
    if earlier != options:
        changed = ", ".join(f"{key} {earlier.get(key)!r} then, {options.get(key)!r} now" for key in sorted(set(earlier) | set(options)) if earlier.get(key) != options.get(key))
        raise OutputFolderError(
            f"-o {folder}: the earlier run used other options ({changed}); "
            "run without --resume to replace it, or with its options to continue it."
        )
    return {part["index"]: part for part in manifest.get("parts", []) if "index" in part}


def reusable(folder: Path, part: dict | None, digest: str) -> bool:
    """An earlier part made from the same input bytes, whose file is all there."""
    if part is None or part.get("input_sha256") != digest:
        return False
    try:
        with (folder / part["file"]).open("rb") as handle:
            return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b"")) == part["articles"]
    except OSError:
        return False


def remove_unlisted_parts(folder: Path, keep: set[str]) -> None:
    """Part files no manifest entry vouches for (an earlier, longer plan; a part cut short)."""
    for path in folder.glob("part-*.jsonl"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


def read_parts(folder: str | Path, partial: bool = False) -> Iterator[str]:
    """The JSON lines of a partitioned run, in input order, as listed by its manifest.

    An interrupted run's manifest lists only its finished parts; reading those is refused unless
    ``partial`` is set, so nobody mistakes half a run for all of it.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        raise FileNotFoundError(f"{folder / MANIFEST}: no manifest; is this the -o folder of a dask run?")
    if not manifest.get("complete", True) and not partial:
        raise ValueError(f"{folder}: the run is incomplete ({len(manifest['parts'])} of {manifest['partitions']} parts); finish it with --resume.")
    for part in manifest["parts"]:
        with (folder / part["file"]).open(encoding="utf-8") as handle:
            yield from handle
