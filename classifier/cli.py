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
                              "(default: $CRIMEREC_MODEL, else models/default)."),
    rejects: str = typer.Option(None, "--rejects", help="Where rejected rows go (default: OUTPUT-name.rejects.csv)."),
    map_items: list[str] = typer.Option(None, "--map", help='Contract column = the file\'s column, e.g. --map narrative="Opening Remarks".'),
    mapping_file: str = typer.Option(None, "--mapping-file", help="JSON or TOML file of contract_column = \"file column\" pairs."),
    encoding: str = typer.Option(None, "--encoding", help="Encoding of a CSV/JSONL file, e.g. cp1252 (default UTF-8)."),
    input_format: str = typer.Option(None, "--format", help="Input format: csv, jsonl or parquet (default: from the extension)."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Worker processes (default: all cores)."),
    chunk_size: int = typer.Option(2000, "--chunk-size", min=1, help="Rows per chunk; memory grows with chunk size x workers."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run writing the same OUTPUT."),
    max_text_chars: int = typer.Option(100_000, "--max-text-chars", min=1, help="Longest text value allowed."),
    verbose: int = VerboseOption,
):
    """Score incident logs: should each have produced a recorded crime, and does the force's record agree?

    Every row is written with p_should_record, predicted_should_record, predicted_category, p_domestic_abuse, evidence and, where `recorded` is present, a discrepancy flag; rows that break the data contract go to the rejects file with their row number and reason. The output appears only once complete, and --resume continues a killed run. CSV output has spreadsheet formulas neutralised (see docs/SCORING.md to undo it). A progress bar shows on a terminal; a one-line JSON summary is printed at the end.

    Example: crimerec score export.csv -o scored.csv --map narrative="Opening Remarks" --workers 2
    """
    import json

    from classifier.data import load_mapping
    from classifier.scoring import score_file

    _set_log_level(verbose)
    mapping = load_mapping(map_items, mapping_file=mapping_file)
    try:
        with _local_model(model) as model_path, _score_progress() as progress:
            summary = score_file(input_path, output, model=model_path, rejects=rejects, mapping=mapping,
                                 encoding=encoding, format=input_format, workers=workers, chunk_size=chunk_size,
                                 resume=resume, max_text_chars=max_text_chars, progress=progress)
    except KeyboardInterrupt:
        typer.echo(f"Interrupted: no output was written. Finished chunks are kept in {output}.partial; "
                   "rerun the same command with --resume to continue.", err=True)
        raise
    if sys.stderr.isatty():
        typer.echo(_render_score_summary(summary), err=True)
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


def _render_score_summary(summary):
    """Format a ``ScoreSummary`` for people: counts, speed, discrepancies, where the files are."""
    lines = [f"{summary.rows_read:,} rows read: {summary.rows_scored:,} scored, {summary.rows_rejected:,} rejected "
             f"in {summary.seconds:,.1f} s ({summary.rows_per_second:,.0f} rows/s).",
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
    map_items: list[str] = typer.Option(
        None, "--map", help='Contract column = the file\'s column, e.g. --map narrative="Opening Remarks". Repeatable.'
    ),
    mapping_file: str = typer.Option(
        None, "--mapping-file", help='JSON or TOML file of contract_column = "file column" pairs; --map wins.'
    ),
    encoding: str = typer.Option(None, "--encoding", help="Encoding of a CSV/JSONL file, e.g. cp1252 (default UTF-8)."),
    input_format: str = typer.Option(None, "--format", help="csv, jsonl or parquet (default: from the extension)."),
    rejects: str = typer.Option(None, "--rejects", help="Write rejected rows here (.csv, .jsonl or .parquet)."),
    max_text_chars: int = typer.Option(None, "--max-text-chars", min=1, help="Longest text value allowed (default 100,000)."),
    verbose: int = VerboseOption,
):
    """Check an incident export against the data contract before scoring it.

    Reports rows read, accepted and rejected, and rejects per column; never prints narratives.
    --rejects saves every rejected row with its row number and reason.

    Example: crimerec validate export.csv --map narrative="Opening Remarks" --rejects rejects.csv
    """
    from classifier.data import load_mapping, validate_file

    _set_log_level(verbose)
    limits = {"max_text_chars": max_text_chars} if max_text_chars else {}
    mapping = load_mapping(map_items, mapping_file=mapping_file)
    summary = validate_file(
        input_path, mapping=mapping, encoding=encoding, format=input_format, rejects_path=rejects, **limits
    )
    typer.echo(_render_validation(summary))


def _render_validation(summary):
    """Format a ``ValidationSummary`` for the terminal: counts and reasons, never narrative text."""
    lines = [
        f"{summary.source}: {summary.rows_read:,} rows read, {summary.rows_accepted:,} accepted, "
        f"{summary.rows_rejected:,} rejected."
    ]
    if summary.rows_rejected:
        lines.append("Rejected rows by column:")
        lines += [f"  {column or '(whole row)'}: {count:,}" for column, count in summary.rejects_by_column.items()]
        lines.append("First rejected rows:")
        lines += [f"  row {reject.row}: {reject.reason}" for reject in summary.first_rejects.itertuples()]
    if summary.rejects_path:
        lines.append(f"Rejected rows written to {summary.rejects_path}.")
    elif summary.rows_rejected:
        lines.append("Add --rejects FILE to save every rejected row with its reason.")
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
    verbose: int = VerboseOption,
):
    """Train a model on audited logs; save it with its model card and log the run to MLflow.

    Example: crimerec train audited.csv -o models/mine --seed 1
    """
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


@app.command("evaluate")
def evaluate_command(
    data: str = typer.Argument(..., help="Audited logs (CSV, JSON Lines or Parquet) with should_record."),
    model: str = typer.Option("models/default", "--model", "-m",
                              help="Model directory or MLflow URI such as models:/crimerec@champion."),
    json_path: str = typer.Option(None, "--json", help="Also write the metrics to this JSON file."),
    plots: str = typer.Option(None, "--plots", help="Write reliability.png and precision_recall.png here."),
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

    metrics = evaluate_model(load_model_from(model), read_incidents(data), plots_dir=plots)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            # Undefined metrics (NaN, e.g. AUC on one class) are written as null: valid JSON.
            json.dump({k: (None if v != v else v) for k, v in metrics.items()}, handle, indent=2)
    typer.echo(render_metrics({name: value for name, value in metrics.items() if "." not in name}))
    typer.echo("\nBy category:\n" + render_category_table(metrics))


@app.command("compare")
def compare_command(
    data: str = typer.Argument(..., help="The audited training logs the model was trained on."),
    eval_sets: list[str] = typer.Option(..., "--eval", help="NAME=FILE of audited logs to measure on (repeatable)."),
    model: str = typer.Option(None, "--model", "-m", help="Trained model to include (default: train one)."),
    config: str = typer.Option(None, "--config", help="TOML training config (same as for train)."),
    set_: list[str] = typer.Option([], "--set", help="Override a setting, e.g. --set data.seed=1."),
    output: str = typer.Option("docs/MODEL_COMPARISON.md", "--output", "-o", help="Markdown file to write."),
    verbose: int = VerboseOption,
):
    """Compare this model with keyword rules, plain TF-IDF + LR and spaCy textcat on the same splits.

    Example: crimerec compare train.csv --eval held-out=test.csv --eval external=dev.csv -m models/default
    """
    _set_log_level(verbose)
    from training.compare import compare_files

    markdown = compare_files(data, eval_sets, model=model, config_path=config, overrides=set_,
                             progress=_progress_printer(), command=_command_line())
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(markdown)
    typer.echo(markdown)


# -- retrain / label-issues / audit-sample (retraining helper) ----------------------------------
@app.command("retrain")
def retrain_command(
    labels: str = typer.Option(..., "--labels", help="New audit labels (CSV, JSON Lines or Parquet) with should_record."),
    store: str = typer.Option("data/labels", "--store", help="Label store directory (created on first use)."),
    model_dir: str = typer.Option("models/current", "--model-dir", help="Champion model directory, replaced on promotion."),
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

    settings = load_config(config, overrides=parse_overrides(set_))
    rule = PromotionRule(auc_margin=margin, recall_margin=recall_margin, min_support=min_support)
    result = retrain(labels, store=store, config=settings, tracker=make_tracker(settings.tracking),
                     model_dir=model_dir, dry_run=dry_run, force=force, force_reason=reason,
                     latest_wins=latest_wins, rule=rule, cv_folds=cv_folds, progress=_progress_printer())
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
    verbose: int = VerboseOption,
):
    """Propose the next logs to audit, each with its inclusion probability for unbiased rate estimates.

    'uncertainty' favours logs the model is unsure about, 'proportional' gives every log the same
    chance, 'mixed' (default) blends them; near-duplicates are never proposed together. Give the file
    to auditors; 'crimerec report' uses the inclusion_probability column as weights.

    Example: crimerec audit-sample out/scored.csv -n 200 -o audit-next.csv --strategy mixed
    """
    _set_log_level(verbose)
    from classifier.data import read_incidents, write_frame
    from training.audit.sampling import STRATEGIES, propose_audit_sample

    if strategy not in STRATEGIES:
        raise ClassifierError(f"--strategy must be one of {', '.join(STRATEGIES)}; got {strategy!r}.")
    frame = read_incidents(scored)
    try:
        sample = propose_audit_sample(frame, n, strategy=strategy, seed=seed, alpha=alpha, dedupe_threshold=dedupe)
    except ValueError as error:  # -n larger than the distinct logs in the file
        raise ClassifierError(str(error)) from error
    write_frame(sample, output)
    pi = sample["inclusion_probability"]
    typer.echo(f"Proposed {len(sample)} of {len(frame)} logs ({strategy}); inclusion probabilities "
               f"{pi.min():.4g} to {pi.max():.4g}. Written to {output}.")


# -- adapt (adaptation helper) -------------------------------------------------------------------
@app.command("adapt")
def adapt_command(
    export: str = typer.Argument(..., help="The force's export (.csv, .jsonl, .parquet) with 'recorded'; audit labels where known."),
    output: str = typer.Option(..., "--output", "-o", help="Directory for scored.csv, rejects.csv, model/ and adapt_report.json."),
    audit: str = typer.Option(None, "--audit", help="Audit labels joined on incident_id: should_record (+ hocr_category, "
                              "domestic_abuse, inclusion_probability)."),
    base: str = typer.Option(None, "--base", help="Base model directory or MLflow URI (default: $CRIMEREC_MODEL, else models/default)."),
    folds: int = typer.Option(5, "--folds", min=2, max=20, help="Cross-fitting folds."),
    map_items: list[str] = typer.Option(None, "--map", help='Contract column = the file\'s column, e.g. --map narrative="Opening Remarks".'),
    mapping_file: str = typer.Option(None, "--mapping-file", help="JSON or TOML file of contract_column = \"file column\" pairs."),
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
    from classifier.data import load_mapping
    from training.adapt import adapt, render_adapt_summary
    from training.config import load_config
    from training.tracking import make_tracker

    mapping = load_mapping(map_items, mapping_file=mapping_file)
    settings = load_config(None)
    try:
        with _local_model(base) as base_path, _score_progress() as progress:
            result = adapt(export, output, audit=audit, base=base_path, folds=folds, mapping=mapping, seed=seed,
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
    verbose: int = VerboseOption,
):
    """Report likely under- and over-recording: a ranked triage queue, recording rates with 95% intervals
    (audit-only and model-assisted) and one self-contained HTML page for senior officers.

    Example: crimerec report out/scored.csv -o out/report --audit audit-labels.csv
    """
    if period_days is not None and period_days <= 0:
        raise ClassifierError(f"--period-days must be a number of days above 0; got {period_days}.")
    _set_log_level(verbose)
    from classifier.report import write_report

    summary = write_report(scored, output, audit=audit, period_days=period_days, top=top)
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
    try:
        app()
    except ClassifierError as error:
        typer.echo(f"Error: {error}", err=True)
        sys.exit(1)
