"""Measure the synthetic-log generator: speed, profile rates, and whether one keyword gives the label away.

Run: .venv/bin/python benchmarks/generator_quality.py [--n 100000] [--train 20000] [--test 10000]

Prints (never narratives):
- wall/CPU time to generate ``--n`` logs;
- recorded rates per profile bucket against the profile's targets;
- held-out ROC-AUC for ``should_record`` from the narrative of (a) a curated offence-keyword
  presence baseline, (b) all single words (binary bag of words), (c) word 1-3-gram TF-IDF, each a
  logistic regression trained on one seed and tested on another. The keyword baseline staying well
  below (c) means the label is not readable from single keywords.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

from training.generator.generate import generate_incidents  # noqa: E402
from training.generator.profiles import PROFILES, SEXUAL_GROUPS, VIOLENT_GROUPS  # noqa: E402

OFFENCE_KEYWORDS = (
    "assault", "assaulted", "punched", "hit", "kicked", "slapped", "pushed", "grabbed", "spat", "injury",
    "injuries", "blood", "bleeding", "threat", "threats", "threatened", "kill", "stab", "knife", "weapon",
    "fear", "scared", "damage", "damaged", "smashed", "broke", "stolen", "stole", "theft", "taken",
    "burglary", "broken", "robbery", "robbed", "harassment", "messages", "sexual", "touched", "rape",
    "exposed", "drugs", "cannabis", "crime", "offence", "offences", "victim", "ip", "suspect",
    "arrested", "statement", "cctv", "domestic", "abuse", "fire", "fraud", "no", "not", "denies",
)


def _time_generation(n):
    """Wall and CPU seconds to generate ``n`` logs."""
    wall, cpu = time.perf_counter(), time.process_time()
    generate_incidents(n, seed=99)
    return time.perf_counter() - wall, time.process_time() - cpu


def _rates(n):
    """Observed vs target recorded rates for each profile."""
    lines = []
    for name, prof in PROFILES.items():
        frame = generate_incidents(n, seed=2024, profile=name)
        crimes = frame[frame["should_record"]]
        rec = crimes["recorded"].astype(bool)
        vio = crimes["hocr_category"].isin(VIOLENT_GROUPS)
        sex = crimes["hocr_category"].isin(SEXUAL_GROUPS)
        da = crimes["domestic_abuse"].astype(bool)
        over = frame.loc[~frame["should_record"], "recorded"].astype(bool).mean()
        lines.append(f"{name}: overall {rec.mean():.3f} (target {prof.overall_rate}), violent "
                     f"{rec[vio].mean():.3f} (n={vio.sum()}), sexual {rec[sex].mean():.3f} (n={sex.sum()}), DA "
                     f"{rec[da].mean():.3f} (n={da.sum()}, target {prof.domestic_rate}), over-recording "
                     f"{over:.3f} (target {prof.over_recording_rate}); min group "
                     f"{crimes.groupby('hocr_category')['recorded'].mean().min():.3f}")
    return lines


def _auc(vectorizer, train, test):
    """Held-out ROC-AUC of a logistic regression on ``vectorizer`` features of the narrative."""
    x_train = vectorizer.fit_transform(train["narrative"])
    model = LogisticRegression(max_iter=2000, C=1.0).fit(x_train, train["should_record"].astype(int))
    scores = model.predict_proba(vectorizer.transform(test["narrative"]))[:, 1]
    return roc_auc_score(test["should_record"].astype(int), scores)


def main(argv=None):
    """Run all measurements and print a short report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--train", type=int, default=20_000)
    parser.add_argument("--test", type=int, default=10_000)
    parser.add_argument("--rates-n", type=int, default=50_000)
    args = parser.parse_args(argv)
    wall, cpu = _time_generation(args.n)
    print(f"generate {args.n:,} logs: {wall:.1f} s wall, {cpu:.1f} s CPU")
    for line in _rates(args.rates_n):
        print(line)
    train = generate_incidents(args.train, seed=1)
    test = generate_incidents(args.test, seed=2)
    keyword = CountVectorizer(vocabulary=OFFENCE_KEYWORDS, binary=True, lowercase=True)
    unigram = CountVectorizer(binary=True, lowercase=True, min_df=3)
    ngram = TfidfVectorizer(ngram_range=(1, 3), min_df=3, sublinear_tf=True, max_features=300_000)
    print(f"ROC-AUC keyword presence ({len(OFFENCE_KEYWORDS)} words): {_auc(keyword, train, test):.3f}")
    print(f"ROC-AUC all single words (binary): {_auc(unigram, train, test):.3f}")
    print(f"ROC-AUC word 1-3-grams TF-IDF: {_auc(ngram, train, test):.3f}")
    sizes = test["narrative"].str.split().str.len()
    print(f"narrative words: median {sizes.median():.0f}, mean {sizes.mean():.0f}; distinct narratives "
          f"{test['narrative'].nunique():,}/{len(test):,}; should_record share {test['should_record'].mean():.3f}")
    return 0


if __name__ == "__main__":
    np.seterr(all="ignore")
    raise SystemExit(main())
