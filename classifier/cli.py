"""The ``crimerec`` command line: a thin Typer layer over the library.

Each command converts its options, calls one library function of the same name, and prints
the result. Library errors (``ClassifierError``) are caught in one place, ``main``, and shown
as ``Error: ...`` with exit code 1. Training commands import ``training`` only when called.
"""

import logging
import sys

import typer

from classifier.errors import ClassifierError

__all__ = ["app", "main"]

app = typer.Typer(
    name="crimerec",
    help="Flag police incident logs that should have produced a recorded crime (NCRS/HOCR).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

VerboseOption = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-v, -vv).")
# The force profile and the options that override it, shared by every command that reads logs or scored files.
ProfileOption = typer.Option(None, "--profile", help="Force profile (TOML, see 'crimerec profile'): the force's column "
                             "names, date format, encoding, name and security marking.")
MapOption = typer.Option(None, "--map", help='Contract column = the file\'s column, e.g. --map narrative="Opening Remarks". '
                         "Repeatable; overrides the profile.")
MappingFileOption = typer.Option(None, "--mapping-file", help='JSON or TOML file of contract_column = "file column" pairs.')
EncodingOption = typer.Option(None, "--encoding", help="Encoding of a CSV/JSONL file, e.g. cp1252 (default UTF-8).")
DateFormatOption = typer.Option(None, "--date-format", help="How reported_at is written: iso (default), dayfirst "
                                "(31/01/2024 14:30) or a strptime format such as '%d/%m/%Y %H:%M'.")
StrictOption = typer.Option(False, "--strict", help="Reject a row whose yes/no value or date cannot be read (default: "
                            "keep and score it with that value empty, listed in the rejects file).")


def _version_callback(value):
    """Print the crimerec version and exit (``crimerec --version``)."""
    if value:
        from classifier import __version__

        typer.echo(f"crimerec {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                 help="Print the crimerec version and exit."),
):
    """Flag police incident logs that should have produced a recorded crime (NCRS/HOCR)."""


def _force_profile(profile=None, map_items=None, mapping_file=None, encoding=None, date_format=None, marking=None):
    """The force profile of a command: ``--profile`` with ``--map``/``--mapping-file``/``--encoding``/``--date-format``.

    Every command that reads a force's logs or scored files builds its reading options here
    (``ForceProfile.reading_options()``), so one profile reads the export, the scored file, the audit
    sample and the audited labels. A new command that reads logs (e.g. ``adapt``) takes
    ``ProfileOption`` and the options above and calls this.
    """
    from classifier.data import resolve_profile

    return resolve_profile(profile, map_items=map_items, mapping_file=mapping_file, encoding=encoding,
                           date_format=date_format, security_marking=marking)


def _champion(model):
    """The model a command uses (``classifier.model.resolve_model``), printed to stderr."""
    import os

    from classifier.model import crimerec_home, resolve_model

    registry = None
    # Only an existing registry is opened: importing MLflow costs seconds.
    if model is None and (os.environ.get("MLFLOW_TRACKING_URI") or (crimerec_home() / "mlflow.db").is_file()):
        from training.config import TrainConfig
        from training.tracking import champion_lookup

        registry = champion_lookup(TrainConfig().tracking)
    choice = resolve_model(model, registry=registry)
    typer.echo(choice.describe(), err=True)
    return choice.location


def _scored_by(path):
    """Print which model scored a file (from its provenance sidecar), to stderr."""
    from classifier.model import read_sidecar, render_provenance

    provenance = read_sidecar(path)
    typer.echo(f"{path} was scored by " + (render_provenance(provenance) if provenance else
               "an unrecorded model (no provenance file beside it)."), err=True)


def _set_log_level(verbose):
    """Map the ``-v`` count to a logging level: warnings, then info, then debug."""
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


# ---- commands are defined below, one block per command ---------------------------------------


# -- score (scoring helper) ----------------------------------------------------------------------
@app.command("score")
def score_command(
    input_path: str = typer.Argument(..., help="Incident file: .csv, .jsonl or .parquet (.csv.gz, .jsonl.gz too)."),
    output: str = typer.Option(..., "--output", "-o", help="Scored file to write; format from its extension, else the input's."),
    model: str = typer.Option(None, "--model", "-m", help="Model directory or MLflow URI such as models:/crimerec@champion "
                              "(default: the champion: $CRIMEREC_MODEL, else the MLflow alias, else models/current, "
                              "else the shipped model)."),
    rejects: str = typer.Option(None, "--rejects", help="Where rejected rows go (default: OUTPUT-name.rejects.csv)."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    mapping_file: str = MappingFileOption,
    encoding: str = EncodingOption,
    date_format: str = DateFormatOption,
    strict: bool = StrictOption,
    input_format: str = typer.Option(None, "--format", help="Input format: csv, jsonl or parquet (default: from the extension)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: all cores)."),
    chunk_size: int = typer.Option(2000, "--chunk-size", min=1, help="Rows per chunk; memory grows with chunk size x workers."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run writing the same OUTPUT."),
    max_text_chars: int = typer.Option(100_000, "--max-text-chars", min=1, help="Longest text value allowed."),
    verbose: int = VerboseOption,
):
    """Score incident logs: should each have produced a recorded crime, and does the force's record agree?

    Every row is written with p_should_record, predicted_should_record, predicted_category, p_domestic_abuse, evidence and, where `recorded` is present, a discrepancy flag; rows that break the data contract go to the rejects file with their row number and reason. The output appears only once complete, and --resume continues a killed run. CSV output has spreadsheet formulas neutralised (see docs/SCORING.md to undo it). A progress bar shows on a terminal; a one-line JSON summary is printed at the end.

    Example: crimerec score export.csv -o scored.csv --profile force.toml --workers 2
    """
    import json

    from classifier.scoring import score_file

    _set_log_level(verbose)
    options = _force_profile(profile, map_items, mapping_file, encoding, date_format).reading_options()
    try:
        with _local_model(_champion(model)) as model_path, _score_progress() as progress:
            summary = score_file(input_path, output, model=model_path, rejects=rejects, **options, strict=strict,
                                 format=input_format, workers=workers, chunk_size=chunk_size,
                                 resume=resume, max_text_chars=max_text_chars, progress=progress)
    except KeyboardInterrupt:
        typer.echo(f"Interrupted: no output was written. Finished chunks are kept in {output}.partial; "
                   "rerun the same command with --resume to continue.", err=True)
        raise
    if sys.stderr.isatty():
        typer.echo(_render_score_summary(summary), err=True)
    typer.echo(json.dumps(summary.to_dict()))


# -- spark-score (scoring helper) ---------------------------------------------------------------------
@app.command("spark-score")
def spark_score_command(
    input_path: str = typer.Argument(..., help="File or folder of CSV, JSON Lines or Parquet files, as a Spark path "
                                     "(local, hdfs://, s3a://)."),
    output: str = typer.Option(..., "--output", "-o", help="Scored dataset (a folder) to write; must not exist."),
    model: str = typer.Option(None, "--model", "-m", help="Model directory or MLflow URI (default: the champion, as for "
                              "score)."),
    rejects: str = typer.Option(None, "--rejects", help="Rejects dataset (default: OUTPUT-name.rejects.csv)."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    mapping_file: str = MappingFileOption,
    encoding: str = EncodingOption,
    date_format: str = DateFormatOption,
    strict: bool = StrictOption,
    input_format: str = typer.Option(None, "--format", help="Input format: csv, jsonl or parquet (default: from the name)."),
    max_text_chars: int = typer.Option(100_000, "--max-text-chars", min=1, help="Longest text value allowed."),
    master: str = typer.Option(None, "--master", help="Spark master URL (default: local[*])."),
    conf_items: list[str] = typer.Option(None, "--conf", help="Spark setting KEY=VALUE, e.g. --conf spark.executor.memory=4g."),
    partitions: int = typer.Option(None, "--partitions", min=1, help="Scoring partitions (default: cores, <=100,000 rows each)."),
    verbose: int = VerboseOption,
):
    """Score incident logs on Apache Spark: the same checks, columns and values as `crimerec score`, for data too big for one machine.

    Reads any path the Spark session reaches and writes the scored rows and the rejected rows (source, row, column, reason, incident_id) as two datasets; counts are read back from them and must reconcile (rows read = scored + rejected) before they are moved into place. Needs `pip install 'crimerec[spark]'` and Java. See docs/SCALE_OUT.md. A one-line JSON summary is printed at the end.

    Example: crimerec spark-score exports/ -o scored.parquet --profile force.toml --master local[4] --conf spark.executor.memory=4g
    """
    import json

    from classifier.scoring.spark import parse_conf, spark_score, start_session

    _set_log_level(verbose)
    conf = parse_conf(conf_items or ())
    session = start_session(master, conf)  # Spark's JVM starts while the profile and the model are found
    options = _force_profile(profile, map_items, mapping_file, encoding, date_format).reading_options()
    with _local_model(_champion(model)) as model_path:
        summary = spark_score(input_path, output, model=model_path, rejects=rejects, **options, strict=strict,
                              format=input_format, max_text_chars=max_text_chars,
                              partitions=partitions, spark=session)
    typer.echo(json.dumps(summary.to_dict()))


def _local_model(model):
    """Context manager giving a local model directory: MLflow URIs are downloaded to a temporary folder."""
    import contextlib
    import tempfile

    if model is None or not str(model).startswith(("models:/", "runs:/")):
        return contextlib.nullcontext(model)

    @contextlib.contextmanager
    def downloaded():
        from training.tracking import download_model

        with tempfile.TemporaryDirectory(prefix="crimerec-model-") as folder:
            yield str(download_model(model, folder))

    return downloaded()


def _score_progress():
    """Context manager giving a progress callback: a rich bar on a terminal's stderr, else None."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    @contextlib.contextmanager
    def bar():
        columns = (TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} rows/s"),
                   TextColumn("ETA"), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("score", total=None, rate="-")
            yield lambda done: progress.update(task, completed=done.rows_done, total=done.rows_total,
                                               rate=f"{done.rows_done / max(done.seconds, 1e-9):,.0f}")

    return bar()


def _lines_note(lines):
    """The physical line count of a CSV or JSON Lines input, as a list of one line (empty for Parquet)."""
    return [f"{lines:,} lines in the file, header included."] if lines else []


def _render_score_summary(summary):
    """Format a ``ScoreSummary`` for people: counts, speed, discrepancies, where the files are."""
    lines = [f"{summary.rows_read:,} rows read: {summary.rows_scored:,} scored, {summary.rows_rejected:,} rejected "
             f"in {summary.seconds:,.1f} s ({summary.rows_per_second:,.0f} rows/s).",
             *_lines_note(summary.lines_read),
             *(f"  {kind}: {count:,}" for kind, count in summary.discrepancies.items()),
             f"Scored rows: {summary.output}", f"Rejected rows: {summary.rejects}"]
    return "\n".join(lines)


@app.command("generate")
def generate_command(
    n: int = typer.Option(..., "-n", "--n", min=0, help="Number of logs to generate."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed and profile give a byte-identical file."),
    profile: str = typer.Option(
        "west-midlands-2018", "--profile", help="Recording profile: west-midlands-2018, leicestershire-2018 or compliant."
    ),
    output: str = typer.Option(..., "-o", "--output", help="Output file: .csv, .jsonl or .parquet."),
    audit_fraction: float = typer.Option(
        1.0, "--audit-fraction", min=0.0, max=1.0,
        help="Keep audit labels (should_record, hocr_category) on only this random share of logs, as in a real export.",
    ),
    verbose: int = VerboseOption,
):
    """Generate synthetic audited incident logs, every label column filled, for training and testing.

    Rows follow the data contract plus 'scenario' and 'hard_case' (for analysis, never features).
    What the simulated force recorded follows the chosen profile's published recording rates.

    Example: crimerec generate -n 10000 --seed 1 --profile west-midlands-2018 -o synthetic.csv
    """
    from training.generator.generate import write_incidents
    from training.generator.profiles import PROFILES

    _set_log_level(verbose)
    if profile not in PROFILES:
        raise ClassifierError(f"--profile must be one of {', '.join(sorted(PROFILES))}; got {profile!r}.")
    if not output.lower().endswith((".csv", ".jsonl", ".parquet")):
        raise ClassifierError(f"--output must end in .csv, .jsonl or .parquet; got {output!r}.")
    if not 0.0 < audit_fraction <= 1.0:
        raise ClassifierError(f"--audit-fraction must be above 0 and at most 1; got {audit_fraction}.")
    frame = write_incidents(output, n, seed=seed, profile=profile, audit_fraction=audit_fraction)
    audited = int(frame["should_record"].notna().sum())
    typer.echo(f"Wrote {len(frame):,} logs to {output} (profile {profile}, seed {seed}); {audited:,} audited, "
               f"of which {int(frame['should_record'].sum()):,} should have been recorded; {int(frame['recorded'].sum()):,} were recorded.")


@app.command("validate")
def validate_command(
    input_path: str = typer.Argument(..., help="Incident file: .csv, .jsonl or .parquet (.csv.gz, .jsonl.gz too)."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    mapping_file: str = MappingFileOption,
    encoding: str = EncodingOption,
    date_format: str = DateFormatOption,
    strict: bool = StrictOption,
    input_format: str = typer.Option(None, "--format", help="csv, jsonl or parquet (default: from the extension)."),
    rejects: str = typer.Option(None, "--rejects", help="Write rejected rows (and values left empty) here."),
    max_text_chars: int = typer.Option(None, "--max-text-chars", min=1, help="Longest text value allowed (default 100,000)."),
    verbose: int = VerboseOption,
):
    """Check an incident export against the data contract before scoring it.

    Reports rows read, accepted and rejected, values left empty, which contract columns were found,
    missing and ignored, and the date range; never prints narratives. Exits with code 1 when no row
    can be used, or with --strict when any row is rejected. --rejects saves every problem with its
    row number and reason.

    Example: crimerec validate export.csv --profile force.toml --rejects rejects.csv
    """
    from classifier.data import validate_file

    _set_log_level(verbose)
    limits = {"max_text_chars": max_text_chars} if max_text_chars else {}
    options = _force_profile(profile, map_items, mapping_file, encoding, date_format).reading_options()
    summary = validate_file(input_path, **options, strict=strict, format=input_format, rejects_path=rejects, **limits)
    typer.echo(_render_validation(summary))
    if (summary.rows_read and not summary.rows_accepted) or (strict and summary.rows_rejected):
        raise typer.Exit(1)


def _render_validation(summary):
    """Format a ``ValidationSummary`` for the terminal: counts and reasons, never narrative text."""
    lines = [
        f"{summary.source}: {summary.rows_read:,} rows read, {summary.rows_accepted:,} accepted, "
        f"{summary.rows_rejected:,} rejected.",
        *_lines_note(summary.file_lines),
    ]
    found = summary.columns.get("found", {})
    lines.append("Contract columns found: " + (", ".join(
        f"{name} ({column!r})" if column != name else name for name, column in found.items()) or "none") + ".")
    lines.append("Optional contract columns missing: " + (", ".join(summary.columns.get("missing", [])) or "none") + ".")
    lines.append("Other columns (carried through untouched): " + (", ".join(summary.columns.get("ignored", [])) or "none") + ".")
    if summary.date_range:
        lines.append(f"reported_at from {summary.date_range[0]} to {summary.date_range[1]}.")
    if summary.values_emptied:
        lines.append(f"{summary.values_emptied:,} values could not be read and were left empty (the rows are kept; "
                     "--strict rejects them): " + ", ".join(f"{c} {n:,}" for c, n in summary.emptied_by_column.items()) + ".")
    if summary.rows_rejected:
        lines.append("Rejected rows by column:")
        lines += [f"  {column or '(whole row)'}: {count:,}" for column, count in summary.rejects_by_column.items()]
    if summary.rows_rejected or summary.values_emptied:
        lines.append("First problems:")
        lines += [f"  row {reject.row}: {reject.reason}" for reject in summary.first_rejects.itertuples()]
    if summary.rejects_path:
        lines.append(f"Rejected rows written to {summary.rejects_path}.")
    elif summary.rows_rejected or summary.values_emptied:
        lines.append("Add --rejects FILE to save every problem with its row number and reason.")
    return "\n".join(lines)


# -- train / evaluate / compare (training helper) ------------------------------------------------
def _progress_printer():
    """Return a callback printing each training stage with the elapsed time to stderr."""
    import time

    started = time.perf_counter()
    return lambda message: typer.echo(f"[{time.perf_counter() - started:6.1f}s] {message}", err=True)


def _command_line():
    """The command as typed (quoted so it can be pasted back into a shell), for cards and tables."""
    import shlex

    return shlex.join(["crimerec", *sys.argv[1:]])


@app.command("train")
def train_command(
    data: str = typer.Argument(..., help="Audited logs (CSV, JSON Lines or Parquet) with should_record."),
    output: str = typer.Option("models/default", "--output", "-o", help="Model directory to write."),
    config: str = typer.Option(None, "--config", help="TOML file overriding training/default_config.toml."),
    seed: int = typer.Option(None, "--seed", help="Seed for split, folds and model (sets data.seed)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting, e.g. --set model.C=2.0."),
    force: bool = typer.Option(False, "--force", help="Replace an existing model folder at --output."),
    verbose: int = VerboseOption,
):
    """Train a model on audited logs; save it with its model card and log the run to MLflow.

    An existing model folder is never replaced without --force (the default, models/default, is the
    shipped model). To put a model into service use 'crimerec retrain', which compares it first.

    Example: crimerec train audited.csv -o models/mine --seed 1
    """
    from pathlib import Path

    if (Path(output) / "model_card.json").exists() and not force:
        raise ClassifierError(f"{output} already holds a model; training would replace it. Choose another --output "
                              "(e.g. -o models/mine), or pass --force to replace it.")
    _set_log_level(verbose)
    from training.config import load_config, parse_overrides
    from training.tracking import make_tracker
    from training.train import train

    overrides = {**parse_overrides(set_), **({"data.seed": seed} if seed is not None else {})}
    settings = load_config(config, overrides=overrides)
    result = train(settings, data=data, output_dir=output, tracker=make_tracker(settings.tracking),
                   progress=_progress_printer(), command=_command_line())
    metrics = result.metrics
    typer.echo(f"Saved {output} (threshold {result.model.threshold_:.4f}; validation ROC-AUC "
               f"{metrics['roc_auc']:.4f}, recall {metrics['recall']:.4f}, precision {metrics['precision']:.4f})")


@app.command("register")
def register_command(
    model_dir: str = typer.Argument(None, help="Model directory to register (default: the shipped models/default)."),
    config: str = typer.Option(None, "--config", help="TOML file overriding training/default_config.toml."),
    verbose: int = VerboseOption,
):
    """Register a model directory in the MLflow model registry, as a pyfunc model that carries its own code.

    The version's description is the model card; if no version is champion yet, this one becomes champion, so a new tracking store starts with the shipped model. It then loads with mlflow.pyfunc.load_model, spark_udf or `mlflow models serve` where crimerec is not installed (docs/SCALE_OUT.md). Prints the registered version as JSON.

    Example: crimerec register models/default
    """
    import json

    _set_log_level(verbose)
    from classifier.model import shipped_model_path
    from training.config import load_config
    from training.tracking import register_model

    typer.echo(json.dumps(register_model(model_dir or shipped_model_path(), load_config(config).tracking)))


@app.command("evaluate")
def evaluate_command(
    data: str = typer.Argument(..., help="Audited logs (CSV, JSON Lines or Parquet) with should_record."),
    model: str = typer.Option(None, "--model", "-m", help="Model directory or MLflow URI such as "
                              "models:/crimerec@champion (default: the champion, as for score)."),
    json_path: str = typer.Option(None, "--json", help="Also write the metrics to this JSON file."),
    plots: str = typer.Option(None, "--plots", help="Write reliability.png and precision_recall.png here."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    date_format: str = DateFormatOption,
    verbose: int = VerboseOption,
):
    """Measure a model on audited logs: AUCs, Brier, ECE, precision/recall at its threshold, categories.

    Example: crimerec evaluate audited.csv --model models/default --json metrics.json --plots out/plots
    """
    _set_log_level(verbose)
    import json

    from classifier.data import read_incidents
    from training.evaluate import evaluate_model, render_category_table, render_metrics
    from training.tracking import load_model_from

    options = _force_profile(profile, map_items, date_format=date_format).reading_options()
    metrics = evaluate_model(load_model_from(_champion(model)), read_incidents(data, **options), plots_dir=plots)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            # Undefined metrics (NaN, e.g. AUC on one class) are written as null: valid JSON.
            json.dump({k: (None if v != v else v) for k, v in metrics.items()}, handle, indent=2)
    typer.echo(render_metrics({name: value for name, value in metrics.items() if "." not in name}))
    typer.echo("\nBy category:\n" + render_category_table(metrics))
    if any(name.startswith("register.") for name in metrics):
        typer.echo("\nBy register (logs, ROC-AUC, recall, precision):\n" + _register_lines(metrics))


def _register_lines(metrics):
    """One line per register of ``evaluate_model``'s ``register.<name>.<metric>`` entries."""
    registers = sorted({name.split(".")[1] for name in metrics if name.startswith("register.")})
    lines = []
    for register in registers:
        value = {k.rsplit(".", 1)[1]: v for k, v in metrics.items() if k.startswith(f"register.{register}.")}
        lines.append(f"  {register}: {value['n_logs']:.0f}, {value['roc_auc']:.3f}, {value['recall']:.3f}, "
                     f"{value['precision']:.3f}")
    return "\n".join(lines)


@app.command("compare")
def compare_command(
    data: str = typer.Argument(..., help="The audited training logs the model was trained on."),
    eval_sets: list[str] = typer.Option(..., "--eval", help="NAME=FILE of audited logs to measure on (repeatable)."),
    model: str = typer.Option(None, "--model", "-m", help="Trained model to include (default: train one)."),
    config: str = typer.Option(None, "--config", help="TOML training config (same as for train)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting, e.g. --set data.seed=1."),
    output: str = typer.Option("docs/MODEL_COMPARISON.md", "--output", "-o", help="Markdown file to write."),
    leave_out: list[str] = typer.Option([], "--leave-out", help="Also hold out each 'register' or "
                                        "'scenario_family' of the training logs in turn (repeatable)."),
    verbose: int = VerboseOption,
):
    """Compare this model with keyword rules, plain TF-IDF + LR and spaCy textcat on the same splits.

    Evaluation sets with a 'register' column (generated logs) also get a table per register.

    Example: crimerec compare train.csv --eval held-out=test.csv -m models/default --leave-out register
    """
    _set_log_level(verbose)
    from training.compare import compare_files
    from training.heldout import LEAVE_OUT_COLUMNS

    unknown = sorted(set(leave_out) - set(LEAVE_OUT_COLUMNS))
    if unknown:
        raise ClassifierError(f"--leave-out {unknown} is not one of {list(LEAVE_OUT_COLUMNS)}.")
    markdown = compare_files(data, eval_sets, model=model, config_path=config, overrides=set_,
                             progress=_progress_printer(), command=_command_line(), leave_out=leave_out)
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(markdown)
    typer.echo(markdown)


# -- retrain / label-issues / audit-sample (retraining helper) ----------------------------------
@app.command("retrain")
def retrain_command(
    labels: str = typer.Option(..., "--labels", help="New audit labels (CSV, JSON Lines or Parquet) with should_record."),
    store: str = typer.Option("data/labels", "--store", help="Label store directory (created on first use)."),
    model_dir: str = typer.Option(None, "--model-dir", help="Champion model directory, replaced on promotion "
                                  "(default: models/current under $CRIMEREC_HOME, else the crimerec checkout)."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    date_format: str = DateFormatOption,
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would happen; write nothing."),
    force: bool = typer.Option(False, "--force", help="Promote even if checks fail; the failed checks are logged."),
    reason: str = typer.Option("", "--reason", help="Why --force is used; recorded with the run."),
    latest_wins: bool = typer.Option(False, "--latest-wins", help="Apply labels that contradict stored ones."),
    margin: float = typer.Option(0.01, "--margin", min=0.0, max=1.0, help="ROC-AUC loss tolerated (CI lower bound)."),
    recall_margin: float = typer.Option(0.05, "--recall-margin", min=0.0, max=1.0, help="Per-category recall loss tolerated."),
    min_support: int = typer.Option(30, "--min-support", min=1, help="Holdout crimes a category needs to block promotion."),
    cv_folds: int = typer.Option(5, "--cv-folds", min=0, max=20, help="Cross-validation folds (0 = off)."),
    config: str = typer.Option(None, "--config", help="TOML file overriding training/default_config.toml."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting, e.g. --set model.C=2.0."),
    verbose: int = VerboseOption,
):
    """Add new audit labels to the label store, train a challenger, and promote it only if it is no worse.

    Conflicting labels are listed and not applied (unless --latest-wins); the decision and its reasons
    are printed and logged to MLflow with the lineage. Nothing is written with --dry-run.

    Example: crimerec retrain --labels audit-2024-06.csv --store data/labels --dry-run
    """
    if reason and not force:
        raise ClassifierError("--reason can only be used together with --force (it records why the rule was overridden).")
    if cv_folds == 1:
        raise ClassifierError("--cv-folds must be 0 (no cross-validation) or 2 to 20; got 1.")
    _set_log_level(verbose)
    from training.audit.promotion import PromotionRule
    from training.audit.retrain import render_retrain_result, retrain
    from training.config import load_config, parse_overrides
    from training.tracking import make_tracker

    from classifier.model import current_model_path

    settings = load_config(config, overrides=parse_overrides(set_))
    rule = PromotionRule(auc_margin=margin, recall_margin=recall_margin, min_support=min_support)
    options = _force_profile(profile, map_items, date_format=date_format).reading_options()
    result = retrain(labels, store=store, config=settings, tracker=make_tracker(settings.tracking),
                     model_dir=model_dir or current_model_path(), dry_run=dry_run, force=force, force_reason=reason,
                     latest_wins=latest_wins, rule=rule, cv_folds=cv_folds, progress=_progress_printer(),
                     read_options=options)
    typer.echo(render_retrain_result(result))


@app.command("label-issues")
def label_issues_command(
    store: str = typer.Option("data/labels", "--store", help="Label store directory."),
    output: str = typer.Option(None, "--output", "-o", help="Write the whole ranked list here (.csv, .jsonl, .parquet)."),
    top: int = typer.Option(25, "--top", min=1, help="How many to print."),
    cv_folds: int = typer.Option(5, "--cv-folds", min=2, max=20, help="Folds of the out-of-fold probabilities."),
    model: str = typer.Option(None, "--model", "-m",
                              help="Reuse this model's features (e.g. models/current; faster) instead of fitting new ones."),
    config: str = typer.Option(None, "--config", help="TOML file overriding training/default_config.toml."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting, e.g. --set model.C=2.0."),
    verbose: int = VerboseOption,
):
    """List stored audit labels that look wrong, most suspicious first, with the model's evidence.

    Uses out-of-fold probabilities and confident learning (cleanlab). A review list only: no label is
    changed; correct one by re-adding it with 'crimerec retrain --latest-wins'.

    Example: crimerec label-issues --store data/labels -o label-issues.csv
    """
    _set_log_level(verbose)
    from classifier.data import write_frame
    from training.audit.label_issues import (
        find_label_issues_in_store,
        render_label_issues,
    )
    from training.audit.labels import open_label_store
    from training.config import load_config, parse_overrides
    from training.tracking import load_model_from

    settings = load_config(config, overrides=parse_overrides(set_))
    featuriser = load_model_from(model) if model else None
    with open_label_store(store, create=False) as label_store:
        issues = find_label_issues_in_store(label_store, config=settings, cv_folds=cv_folds, model=featuriser,
                                            progress=_progress_printer())
    if output:
        write_frame(issues, output)
    typer.echo(render_label_issues(issues, top=top))


@app.command("quarantine")
def quarantine_command(
    store: str = typer.Option("data/labels", "--store", help="Label store directory."),
    release: list[int] = typer.Option([], "--release", help="Release this quarantined batch id (repeatable)."),
    verbose: int = VerboseOption,
):
    """List label batches held in quarantine, or release one after a person has checked its labels.

    retrain quarantines a batch whose labels disagree with the champion beyond chance: its logs stay in
    the store but are used neither for training nor as holdout. Released logs join their splits again.

    Example: crimerec quarantine --store data/labels --release 3
    """
    _set_log_level(verbose)
    from training.audit.labels import open_label_store

    with open_label_store(store, create=False) as label_store:
        for batch_id in release:
            label_store.release_batch(batch_id)
            typer.echo(f"Released batch {batch_id}: its logs are used for training and the holdout again.")
        held = label_store.quarantined_batches()
    lines = [f"  batch {row.batch_id} ({row.source}, added {row.added_at}): {row.logs_held_back} logs held back; "
             f"{row.quarantine_reason}" for row in held.itertuples()]
    typer.echo("\n".join(["Quarantined batches:", *lines]) if lines else "No batch is quarantined.")


@app.command("audit-sample")
def audit_sample_command(
    scored: str = typer.Argument(..., help="Scored logs (crimerec score output)."),
    n: int = typer.Option(..., "-n", min=1, help="How many logs to propose for audit."),
    output: str = typer.Option(..., "--output", "-o", help="Write the proposed logs here (.csv, .jsonl, .parquet)."),
    strategy: str = typer.Option("mixed", "--strategy", help="uncertainty, proportional or mixed."),
    alpha: float = typer.Option(0.5, "--alpha", min=0.0, max=1.0, help="Proportional share of 'mixed'."),
    dedupe: float = typer.Option(0.8, "--dedupe-threshold", min=0.01, max=1.0,
                                 help="Word 3-gram similarity at which logs count as near-duplicates."),
    seed: int = typer.Option(0, "--seed", help="Seed of the draw."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    date_format: str = DateFormatOption,
    verbose: int = VerboseOption,
):
    """Propose the next logs to audit, each with its inclusion probability for unbiased rate estimates.

    'uncertainty' favours logs the model is unsure about, 'proportional' gives every log the same
    chance, 'mixed' (default) blends them; near-duplicates are never proposed together. Give the file
    to auditors; 'crimerec report' uses the inclusion_probability column as weights.

    With --profile the file is read with the force's column names and dates, and the proposed logs
    are written back under the force's column names, so the same profile reads the audited file.

    Example: crimerec audit-sample out/scored.csv -n 200 -o audit-next.csv --profile force.toml
    """
    _set_log_level(verbose)
    from classifier.data import load_incidents, write_frame
    from training.audit.sampling import STRATEGIES, propose_audit_sample

    if strategy not in STRATEGIES:
        raise ClassifierError(f"--strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}.")
    force = _force_profile(profile, map_items, date_format=date_format)
    _scored_by(scored)
    # crimerec's own output: undo its CSV formula protection once (issue #14, defect 4)
    frame = load_incidents(scored, **force.reading_options(), strict=False, formulas="restore").accepted
    try:
        sample = propose_audit_sample(frame, n, strategy=strategy, seed=seed, alpha=alpha, dedupe_threshold=dedupe)
    except ValueError as error:  # -n larger than the distinct logs in the file
        raise ClassifierError(str(error)) from error
    write_frame(sample.rename(columns={c: f for c, f in force.columns.items() if c != f}), output)
    pi = sample["inclusion_probability"]
    typer.echo(f"Proposed {len(sample)} of {len(frame)} logs ({strategy}); inclusion probabilities "
               f"{pi.min():.4g} to {pi.max():.4g}. Written to {output}.")


# -- review / export-reviews / import-reviews (review helper) ------------------------------------
def _review_queue(queue_file, logs, audit_sample):
    """Build the review queue the options name, checking that they fit together."""
    from training.review.queue import build_review_queue

    if (queue_file is None) == (audit_sample is None):
        raise ClassifierError("Give either a scored file or triage.csv to review, or --audit-sample FILE (not both).")
    if audit_sample and logs:
        raise ClassifierError("--logs is for a triage.csv; it cannot be used with --audit-sample.")
    if audit_sample:
        return build_review_queue(audit_sample, audit_sample=True)
    return build_review_queue(queue_file, logs=logs)


QueueArgument = typer.Argument(None, help="Scored file (crimerec score output) or triage.csv (then with --logs).")
LogsOption = typer.Option(None, "--logs", help="The scored file a triage.csv was made from (triage.csv holds no text).")
AuditSampleOption = typer.Option(None, "--audit-sample", help="Random-audit mode: an audit-sample file; the model's "
                                 "score and evidence are hidden and decisions are stored as random-audit labels.")
StoreOption = typer.Option("data/labels", "--store", help="Label store directory (created on first use).")


@app.command("review")
def review_command(
    queue_file: str = QueueArgument,
    audit_sample: str = AuditSampleOption,
    logs: str = LogsOption,
    store: str = StoreOption,
    reviewer: str = typer.Option(None, "--reviewer", help="Your name, stored with each decision (default: login name)."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; only loopback without --allow-remote."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Allow a non-loopback --host (plain HTTP: think twice)."),
    second_reviewer: bool = typer.Option(False, "--second-reviewer", help="Review logs another reviewer decided, "
                                         "without seeing that decision; agreement is recorded."),
    verbose: int = VerboseOption,
):
    """Review the triage queue (or a random audit sample) in a local browser page, one log at a time.

    Prints the address to open (it holds a random access token). Decisions (yes / no / unsure, HOCR group,
    domestic abuse, reason, note; all by keyboard) go into the label store as review labels, or as
    random-audit labels with --audit-sample; each is saved at once, so stopping the server (Ctrl+C) loses
    nothing and the next start resumes. Review labels may train models but never enter recording rates.

    Example: crimerec review out/scored.csv --store data/labels --reviewer "A. Registrar"
    """
    import getpass

    from training.review.server import serve_review

    _set_log_level(verbose)
    queue = _review_queue(queue_file, logs, audit_sample)
    name = reviewer or getpass.getuser()
    mode = "random-audit" if queue.random_audit else "review"
    typer.echo(f"{len(queue.items):,} logs to review from {queue.source} ({mode}{', second reviewer' if second_reviewer else ''}) "
               f"as {name}; label store {store}.")
    serve_review(queue, store=store, reviewer=name, host=host, port=port, allow_remote=allow_remote,
                 second_reviewer=second_reviewer,
                 announce=lambda url: typer.echo(f"Open in your browser: {url}\nStop with Ctrl+C."))


@app.command("export-reviews")
def export_reviews_command(
    output: str = typer.Option(..., "--output", "-o", help="File to write: .csv (or .jsonl, .parquet); .json with "
                               "--format label-studio."),
    store: str = StoreOption,
    source: str = typer.Option("review", "--source", help="review or random-audit decisions."),
    output_format: str = typer.Option("table", "--format", help="table (CSV, JSON Lines, Parquet) or label-studio."),
    queue_file: str = QueueArgument,
    logs: str = LogsOption,
    audit_sample: str = AuditSampleOption,
    verbose: int = VerboseOption,
):
    """Write the review decisions for the force's own systems, or the queue as Label Studio tasks.

    Review exports carry the decision as review_decision (never should_record), so they cannot be
    mistaken for a random audit by 'crimerec report --audit'; --source random-audit writes the audit
    file itself (should_record, inclusion_probability). --format label-studio needs the queue (a scored
    file, triage.csv with --logs, or --audit-sample) and writes tasks with the decisions as annotations,
    plus the labelling config beside them (.xml).

    Example: crimerec export-reviews -o reviews.csv --store data/labels
    """
    _set_log_level(verbose)
    from training.audit.labels import open_label_store
    from training.audit.reviews import export_reviews

    if output_format not in ("table", "label-studio"):
        raise ClassifierError(f"--format must be table or label-studio; got {output_format!r}.")
    if output_format == "table" and (queue_file or audit_sample or logs):
        raise ClassifierError("A scored file, --logs or --audit-sample is only used with --format label-studio.")
    with open_label_store(store, create=False) as label_store:
        if output_format == "table":
            frame = export_reviews(label_store, output, label_source=source)
            typer.echo(f"Wrote {len(frame):,} {source} decisions to {output}.")
            return
        from training.review.labelstudio import write_label_studio_tasks

        count, config = write_label_studio_tasks(_review_queue(queue_file, logs, audit_sample), output,
                                                 store=label_store)
    typer.echo(f"Wrote {count:,} Label Studio tasks to {output}; labelling config {config}.")


@app.command("import-reviews")
def import_reviews_command(
    export: str = typer.Argument(..., help="Label Studio JSON export of tasks made by 'crimerec export-reviews'."),
    queue_file: str = QueueArgument,
    logs: str = LogsOption,
    audit_sample: str = AuditSampleOption,
    store: str = StoreOption,
    reviewer: str = typer.Option(None, "--reviewer", help="Name stored with every decision (default: the annotator)."),
    verbose: int = VerboseOption,
):
    """Record the annotations of a Label Studio JSON export as review (or random-audit) decisions.

    The queue the tasks were made from supplies the log text; each task's latest annotation is one
    decision, stored under the label store's usual conflict rules.

    Example: crimerec import-reviews ls-export.json out/scored.csv --store data/labels
    """
    _set_log_level(verbose)
    from training.audit.labels import open_label_store
    from training.review.labelstudio import import_label_studio

    queue = _review_queue(queue_file, logs, audit_sample)
    with open_label_store(store) as label_store:
        counts = import_label_studio(export, queue, label_store, reviewer=reviewer)
    typer.echo(f"{counts['tasks']:,} tasks: {counts['imported']:,} decisions recorded ({counts['conflicts']:,} "
               f"conflicting with stored labels), {counts['not_in_queue']:,} not in the queue, "
               f"{counts['without_annotation']:,} without an annotation.")


# -- profile --------------------------------------------------------------------------------------
@app.command("profile")
def profile_command(
    output: str = typer.Argument(..., help="Profile file to write (.toml)."),
    map_items: list[str] = MapOption,
    mapping_file: str = MappingFileOption,
    encoding: str = EncodingOption,
    date_format: str = DateFormatOption,
    force_name: str = typer.Option("", "--force-name", help="The force's name, shown in reports."),
    marking: str = typer.Option(None, "--security-marking", help="e.g. OFFICIAL-SENSITIVE, printed on every report."),
    check: str = typer.Option(None, "--check", help="An export to check the profile against (as 'crimerec validate')."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing profile file."),
):
    """Save a force profile: column names, date format, encoding, force name and security marking, once.

    Every command that reads logs or scored files takes --profile FILE (validate, score, report,
    audit-sample, retrain, evaluate), so the force's own export reaches a report with no second mapping.

    Example: crimerec profile force.toml --map incident_id=URN --map narrative="Opening Remarks" --date-format dayfirst
    """
    from dataclasses import replace

    from classifier.data import save_profile, validate_file

    force = replace(_force_profile(None, map_items, mapping_file, encoding, date_format, marking), force=force_name)
    if check:
        typer.echo(_render_validation(validate_file(check, **force.reading_options(), strict=False)))
    save_profile(force, output, overwrite=overwrite)
    typer.echo(f"Wrote {output}:\n{force.to_toml()}")


# -- adapt (adaptation helper) -------------------------------------------------------------------
@app.command("adapt")
def adapt_command(
    export: str = typer.Argument(..., help="The force's export (.csv, .jsonl, .parquet) with 'recorded'; audit labels where known."),
    output: str = typer.Option(..., "--output", "-o", help="Directory for scored.csv, rejects.csv, model/ and adapt_report.json."),
    audit: str = typer.Option(None, "--audit", help="Audit labels joined on incident_id: should_record (+ hocr_category, "
                              "domestic_abuse, inclusion_probability)."),
    base: str = typer.Option(None, "--base", help="Base model directory or MLflow URI (default: the champion, as for score)."),
    folds: int = typer.Option(5, "--folds", min=2, max=20, help="Cross-fitting folds."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    mapping_file: str = MappingFileOption,
    encoding: str = EncodingOption,
    date_format: str = DateFormatOption,
    max_training_rows: int = typer.Option(100_000, "--max-training-rows", min=100, help="Unaudited rows used for fitting at most (all rows are scored)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Worker processes for scoring (default: all cores)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the folds, the training sample and the fitting."),
    verbose: int = VerboseOption,
):
    """Learn from a force's own export: its recording decisions, corrected by its audit labels, on top of a base model.

    Every row is scored out of fold (by a model that never saw its decision or audit label) into DIR/scored.csv, with exactly the columns of 'crimerec score', so 'crimerec report DIR/scored.csv --audit ...' works on it. DIR/model is the model trained on all rows, for the next export ('crimerec score -m DIR/model'); it is registered in MLflow and made champion only if it is no worse than the base on the audited rows. Without audit labels it still runs and says what it cannot do.

    Example: crimerec adapt export.csv -o out/adapted --audit audit-labels.csv --folds 5
    """
    _set_log_level(verbose)
    from training.adapt import adapt, render_adapt_summary
    from training.config import load_config
    from training.tracking import make_tracker

    reading = _force_profile(profile, map_items, mapping_file, encoding, date_format).reading_options()
    settings = load_config(None)
    try:
        with _local_model(_champion(base)) as base_path, _score_progress() as progress:
            result = adapt(export, output, audit=audit, base=base_path, folds=folds, seed=seed, **reading,
                           max_training_rows=max_training_rows, workers=workers, command=_command_line(),
                           tracker=make_tracker(settings.tracking), progress=_progress_printer(), score_progress=progress)
    except ValueError as error:  # options out of range or nothing to learn from
        raise ClassifierError(str(error)) from error
    typer.echo(render_adapt_summary(result))


# -- report (reports helper) ---------------------------------------------------------------------
@app.command("report")
def report_command(
    scored: str = typer.Argument(..., help="Scored logs (crimerec score output): .csv, .jsonl or .parquet."),
    output: str = typer.Option(..., "--output", "-o", help="Directory for report.html, triage.csv, over_recorded.csv, summary.json."),
    audit: str = typer.Option(None, "--audit", help="Audit labels joined on incident_id: should_record (+ hocr_category, "
                              "domestic_abuse, inclusion_probability or audit_weight)."),
    period_days: float = typer.Option(None, "--period-days", help="Days the logs cover, for per-year figures (default: reported_at span)."),
    top: int = typer.Option(25, "--top", min=1, help="Triage rows shown in report.html (triage.csv has them all)."),
    audit_random: bool = typer.Option(False, "--audit-random", help="The audit labels are a simple random sample "
                                      "(without it, labels with no inclusion_probability are not used for rates)."),
    excel: bool = typer.Option(False, "--excel", help="Write the CSV files with a UTF-8 byte-order mark for spreadsheets."),
    profile: str = ProfileOption,
    map_items: list[str] = MapOption,
    date_format: str = DateFormatOption,
    marking: str = typer.Option(None, "--security-marking", help="Marking printed at the top and bottom of the page, "
                                "e.g. OFFICIAL-SENSITIVE (default: the profile's)."),
    verbose: int = VerboseOption,
):
    """Report likely under- and over-recording: a ranked triage queue, recording rates with 95% intervals
    (audit-only and model-assisted) and one self-contained HTML page for senior officers.

    Audit labels are used for rates only when they carry inclusion_probability (as audit-sample
    writes) or --audit-random says they are a random sample; otherwise they only mark reviewed rows.

    Example: crimerec report out/scored.csv -o out/report --audit audited.csv --profile force.toml
    """
    if period_days is not None and not 0 < period_days < float("inf"):  # also refuses nan
        raise ClassifierError(f"--period-days must be a finite number of days above 0; got {period_days}.")
    _set_log_level(verbose)
    from classifier.report import write_report

    force = _force_profile(profile, map_items, date_format=date_format, marking=marking)
    if isinstance(scored, str):
        _scored_by(scored)
    summary = write_report(scored, output, audit=audit, period_days=period_days, top=top, profile=force,
                           audit_random=audit_random, excel=excel)
    typer.echo(_render_report_summary(summary, output))


def _render_report_summary(summary, output):
    """Headline numbers of a report for the terminal (no log text)."""
    rate, per_year = summary["recording_rate"], summary["unrecorded_per_year"]
    lines = [f"{summary['rows']:,} logs; {summary['under_recorded_candidates']:,} likely under-recorded "
             f"({summary['contradictions']:,} contradictions), {summary['over_recorded_candidates']:,} possibly over-recorded.",
             f"Recording rate: audit {rate['audit']['text']}, model-assisted {rate['model_assisted']['text']}."]
    if per_year.get("estimate") is not None:
        interval = (f" ({per_year['low']:,.0f} to {per_year['high']:,.0f})" if per_year.get("low") is not None
                    else " (model's estimate only, no valid interval)")
        lines.append(f"Unrecorded crimes per year: {per_year['estimate']:,.0f}{interval}.")
    lines += summary["notes"] + [f"Written to {output}: report.html, triage.csv, over_recorded.csv, summary.json."]
    return "\n".join(lines)


def main():
    """Entry point: run the app, turning library errors into one-line messages with exit code 1.

    Typer's standalone mode already prints usage errors (exit code 2) and handles ``--help``;
    only our own ``ClassifierError`` needs translating here.
    """
    import signal

    # SIGTERM (timeout, systemd, Kubernetes) stops a command the way Ctrl-C does, so workers and
    # helper processes are shut down and work folders kept for --resume (issue #14, defect 3).
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app()
    except ClassifierError as error:
        typer.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except OSError as error:  # a file problem no check foresaw: still one line, never a traceback
        where = f" ({error.filename})" if error.filename else ""
        typer.echo(f"Error: {error.strerror or error}{where}. Check the path and its permissions.", err=True)
        sys.exit(1)


def _interrupt(signum, frame):
    """Signal handler: raise KeyboardInterrupt, as SIGINT does."""
    raise KeyboardInterrupt
