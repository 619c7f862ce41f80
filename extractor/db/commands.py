"""The corpus-database commands: `extractor db`, `extractor who`, `extractor top`, and the loading
step of `extractor extract --db`. Parsing and reporting only; the work is in the modules beside.
Heavy imports wait until a command runs, so `extractor --help` stays fast."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .render import FORMATS

DB_OPTION = click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The corpus database (SQLite), e.g. facts.db.",
)


def _open(db_path: Path, must_exist: bool):
    from .schema import DatabaseError, open_db

    if must_exist and not db_path.exists():
        raise click.UsageError(f"--db {db_path}: no such database; make it with `extractor db FACTS.jsonl --db {db_path}`.")
    try:
        return open_db(db_path)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None


def load_into(db_path: Path, paths: list[Path], batch_size: int = 200, quiet: bool = False, metadata: Path | None = None) -> None:
    """Load JSON-lines files into ``db_path`` and write its Datasette metadata; used by `db` and `extract --db`."""
    from .load import load_files
    from .metadata import write_metadata
    from .reviews import load_reviews, review_file_for

    db = _open(db_path, must_exist=False)
    try:
        summary = load_files(db, paths, batch_size=batch_size)
        for facts in paths:  # decisions made with `extractor review FACTS`, if any
            review_file = review_file_for(facts)
            if review_file is not None:
                loaded, unknown, problems = load_reviews(db, review_file)
                summary.problems += problems
                if not quiet:
                    gone = f" ({unknown} about articles not in the database skipped)" if unknown else ""
                    click.echo(f"extractor: {loaded} review decisions from {review_file}{gone}", err=True)
    except KeyboardInterrupt:
        raise click.ClickException(
            f"interrupted: {db_path} holds every batch finished before (whole articles only); run the same command again to complete it."
        ) from None
    finally:
        db.close()
    written = write_metadata(db_path, metadata)
    if not quiet:
        for problem in summary.problems[:20]:
            click.echo(f"extractor: {problem}", err=True)
        click.echo(f"extractor: {summary.line()} -> {db_path} (Datasette: datasette {db_path} -m {written})", err=True)


@click.command(name="db")
@click.argument("facts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per transaction: an interrupted load keeps every finished batch.")
@click.option("--metadata", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the Datasette metadata (default: DB without .db, plus .metadata.json).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but fatal errors.")
def db_command(facts: tuple[Path, ...], db_path: Path, batch_size: int, metadata: Path | None, quiet: bool) -> None:
    """Load FACTS (JSON lines from `extractor extract`) into a SQLite corpus database.

    Loading again is safe: an article already there with the same text is skipped, a changed one
    replaced, a new one added. Each person gets one identity across articles (table people).
    Review decisions in FACTS.review.jsonl beside a facts file are loaded too (table reviews).
    """
    load_into(db_path, list(facts), batch_size, quiet, metadata)


def _since(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-03-01.") from None


FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")


@click.command(name="who")
@click.argument("name")
@DB_OPTION
@click.option("--about", help="Only quotes containing all these words (full-text search).")
@click.option("--since", callback=_since, help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many quotes.")
@FORMAT_OPTION
def who_command(name: str, db_path: Path, about: str | None, since: str | None, limit: int | None, fmt: str) -> None:
    """Everything NAME was quoted saying across the corpus, newest first: date, title, quote, confidence."""
    from .queries import QueryError, who
    from .render import render

    db = _open(db_path, must_exist=True)
    try:
        person, rows = who(db, name, about=about, since=since, limit=limit)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        db.close()
    columns = ["date", "title", "quote", "confidence"] if fmt == "table" else ["date", "title", "quote", "confidence", "named_as", "article_id", "quote_id"]
    click.echo(render(rows, fmt, columns), nl=False)
    click.echo(f"extractor: {len(rows)} quotes of {person['name']}", err=True)


@click.command(name="top")
@click.argument("what", type=click.Choice(["speakers", "entities", "claims"]))
@DB_OPTION
@click.option("-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many rows.")
@click.option("--type", "entity_type", type=click.Choice(["PERSON", "ORG", "COUNTRY", "LOCATION"]), help="entities: only this type.")
@click.option("--numbers", is_flag=True, help="claims: only claims carrying a quantity.")
@FORMAT_OPTION
def top_command(what: str, db_path: Path, limit: int, entity_type: str | None, numbers: bool, fmt: str) -> None:
    """The most quoted people (speakers), most named entities, or most check-worthy claims."""
    from .queries import top_claims, top_entities, top_speakers
    from .render import render

    db = _open(db_path, must_exist=True)
    try:
        if what == "speakers":
            rows, columns = top_speakers(db, limit), ["name", "type", "quotes", "articles"]
        elif what == "entities":
            rows, columns = top_entities(db, limit, entity_type), ["name", "type", "articles", "quotes"]
        else:
            rows = top_claims(db, limit, numbers)
            columns = ["checkworthiness", "kind", "claim", "claimant", "date"] + ([] if fmt == "table" else ["title", "article_id", "claim_id"])
    finally:
        db.close()
    click.echo(render(rows, fmt, columns), nl=False)


COMMANDS = (db_command, who_command, top_command)
