"""Where a scoring worker's CPU goes: milliseconds per log for each stage, in one process.

Usage: python benchmarks/stage_costs.py [--file out/bench/logs-100000-seed7.csv] [--model models/default]

Reads chunks of the file as ``crimerec score`` does, warms the caches on a few chunks (a long run is
warm), then times each stage on the next chunks with ``time.process_time`` (CPU time, so other load on
the machine matters less) and prints a Markdown table. Stages overlap: the indented rows are parts of
the row above them.
"""

import argparse
import itertools
import time
from pathlib import Path

from classifier.scoring import worker as scoring  # the worker-side helpers moved here with the layout
from classifier.data import iter_incident_chunks
from classifier.model.features import _decision_free_masked, _decision_free_tokens
from classifier.text.masking import normalise_texts
from classifier.text.preprocessing import LogPreprocessor, _shared_nlp


def _cpu_ms(function, rows):
    """CPU milliseconds per row of one call of ``function``."""
    start = time.process_time()
    function()
    return (time.process_time() - start) / rows * 1000


def measure(frames, model):
    """Per-stage CPU ms/row, summed over ``frames`` (validated chunks)."""
    nlp = _shared_nlp(True)
    union = model.pipeline_.named_steps["features"]
    blocks = dict(union.transformer_list)
    totals = {}

    def add(name, value, weight):
        totals[name] = totals.get(name, 0.0) + value * weight

    rows = sum(len(frame.accepted) for frame in frames)
    for chunk in frames:
        frame, n, share = chunk.accepted, len(chunk.accepted), len(chunk.accepted) / rows
        texts = model._log_text(frame)
        masked = []
        add("masking and shorthand (`normalise_texts`)", _cpu_ms(lambda: masked.extend(normalise_texts(texts)), n), share)
        docs = []
        add("spaCy tokenizer", _cpu_ms(lambda: docs.extend(nlp.tokenizer.from_normalised(t) for t in masked), n), share)
        for name, component in nlp.pipeline:
            add(f"`{name}`", _cpu_ms(lambda: [component(doc) for doc in docs], n), share)
        processed = []
        add("preprocessing total (`LogPreprocessor.transform`)",
            _cpu_ms(lambda: processed.extend(LogPreprocessor().transform(texts)), n), share)
        add("word TF-IDF", _cpu_ms(lambda: blocks["words"][-1].transform(_decision_free_tokens(processed)), n), share)
        add("character TF-IDF", _cpu_ms(lambda: blocks["chars"][-1].transform(_decision_free_masked(processed)), n), share)
        add("`predict_frame` total", _cpu_ms(lambda: model.predict_frame(frame), n), share)
        add("worker total (`predict_frame` + output columns + CSV bytes)",
            _cpu_ms(lambda: scoring._score_chunk((frame, "csv", {}, chunk.input_cells)), n), share)
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="out/bench/logs-100000-seed7.csv")
    parser.add_argument("--model", default="models/default")
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--warm-chunks", type=int, default=5)
    parser.add_argument("--chunks", type=int, default=4)
    args = parser.parse_args()
    scoring._init_worker(args.model, None)
    model = scoring._worker_model()
    chunks = iter_incident_chunks(Path(args.file), chunk_size=args.chunk_size)
    for chunk in itertools.islice(chunks, args.warm_chunks):
        scoring._score_chunk((chunk.accepted, "csv", {}, chunk.input_cells))
    totals = measure(list(itertools.islice(chunks, args.chunks)), model)
    print(f"Command: python benchmarks/stage_costs.py --file {args.file} --model {args.model}")
    print("| stage | CPU ms/row |\n|---|---:|")
    for name, value in totals.items():
        indent = "" if "total" in name else "— "
        print(f"| {indent}{name} | {value:.3f} |")


if __name__ == "__main__":
    main()
