"""Measure preprocessing throughput (docs/s, one process) on synthetic 60-150-word incident logs.

Usage: python benchmarks/preprocess_bench.py [--rows 5000] [--repeat 3] [--corpus dense|typical]

Prints the CPU-time throughput (best of --repeat) of each stage: regex masking + shorthand, the
full spaCy pipeline, and LogPreprocessor.transform end to end. The logs are made up here from
sentence templates; no real or evaluation data. "dense" logs carry personal data, shorthand and
decision wording in nearly every sentence (a worst case for masking); "typical" logs mix plain
narrative sentences with one or two of those.
"""

import argparse
import random
import statistics
import time

from classifier.text.masking import normalise_text
from classifier.text.preprocessing import LogPreprocessor, _shared_nlp

SENTENCES = (
    "IP states her ex-partner John SMITH punched her in the face and she has bruising to her cheek.",
    "RP called at 14:32 from 07700 900123 reporting a disturbance at 12 Acacia Avenue, B23 6AB.",
    "Suspect left in a red Ford Focus AB12 CDE towards the town centre.",
    "Officers attended, BWV on, IP c/o pain to her arm but does not wish to support police action.",
    "No injuries seen. Suspect denies hitting her and says she fell over.",
    "IP has received abusive messages on WhatsApp on several occasions over the last two weeks.",
    "Neighbour reports loud music and shouting, no threats were made, verbal argument only.",
    "CCTV reviewed and shows no assault took place, caller admitted making it up.",
    "Crime recorded CRI/24/046402 ABH. DA flagged, DASH completed, IP given advice.",
    "Male o/s the address shouting abuse and kicked the front door causing damage to the glass panel.",
    "PC 4567 Jones spoke to the suspect DOB 12/03/1985 who was arrested and taken to custody.",
    "IP just wants it logged and refused to give a statement. NFA, no crime.",
    "Concern for welfare call, male located safe and well, mental health team informed.",
    "Caller reports his bike was stolen from outside the shop, no CCTV available, log 1234 of 12/03.",
    "Email from jo.bloggs@example.com states the male keeps turning up at her address and follows her.",
)


PLAIN = (
    "Officers attended and spoke to both parties separately at the address.",
    "Area search conducted with negative result, suspect not located.",
    "Caller states the male has been drinking all afternoon and became aggressive.",
    "She says this has happened before but she has never reported it.",
    "Both parties have calmed down and the male agreed to leave for the night.",
    "Neighbours heard shouting and a loud bang coming from the upstairs flat.",
    "The children were asleep upstairs and were not present during the argument.",
    "Safeguarding advice given and leaflets left with the victim.",
    "Witness describes the suspect as a white male in his thirties wearing a grey hoodie.",
    "Enquiries continuing with local shops for any camera footage.",
    "Officers remained on scene until the situation was calm and the caller felt safe.",
    "Update to follow once the victim has been seen by the attending officer.",
)


def make_logs(rows, seed=0, corpus="dense"):
    """Synthetic logs of 4-9 template sentences (about 60-150 words)."""
    rng = random.Random(seed)
    if corpus == "dense":
        return [" ".join(rng.sample(SENTENCES, k=rng.randint(4, 9))) for _ in range(rows)]
    logs = []
    for _ in range(rows):
        sentences = rng.sample(PLAIN, k=rng.randint(3, 7)) + rng.sample(SENTENCES, k=rng.randint(1, 2))
        rng.shuffle(sentences)
        logs.append(" ".join(sentences))
    return logs


def _rate(func, logs, repeat):
    """Best-of-``repeat`` docs per second for ``func(logs)``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(logs)
        best = min(best, time.process_time() - start)
    return len(logs) / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", choices=("dense", "typical"), default="dense")
    args = parser.parse_args()
    logs = make_logs(args.rows, corpus=args.corpus)
    nlp = _shared_nlp(True)  # build once, outside the timings
    preprocessor = LogPreprocessor(batch_size=256)
    preprocessor.transform(logs[:50])
    words = statistics.mean(len(log.split()) for log in logs)
    print(f"corpus={args.corpus} rows={len(logs)} mean_words={words:.0f}")
    stages = (
        ("normalise_text (regex)", lambda xs: [normalise_text(x) for x in xs]),
        ("nlp.pipe (full pipeline)", lambda xs: list(nlp.pipe(xs, batch_size=256))),
        ("LogPreprocessor.transform", preprocessor.transform),
    )
    for name, func in stages:
        print(f"{name:28s}{_rate(func, logs, args.repeat):8.0f} docs/s")


if __name__ == "__main__":
    main()
