"""Build classifier/text/resources/common_words.txt: the words display masking never takes for a name.

A word after a cue ("spoke with ...", "her partner ...") is masked as a name unless it is listed
here. The list is the lower-case words of spaCy's English lexeme probabilities (spacy-lookups-data,
``en_lexeme_prob``) more frequent than ``--min-log-prob`` and written more often in lower case than
capitalised (so "jack", "ben", "john" are left out: mostly names; "mark", "will" stay: mostly words),
plus crimerec's police shorthand. Re-run after changing the threshold:

    python benchmarks/build_common_words.py --min-log-prob -13
"""

import argparse
import gzip
import json
from importlib import resources
from pathlib import Path

from classifier.text.shorthand import load_shorthand

TARGET = Path(__file__).resolve().parents[1] / "classifier" / "text" / "resources" / "common_words.txt"


def common_words(min_log_prob):
    """Lower-case words more frequent than ``min_log_prob`` and mostly written in lower case."""
    table = resources.files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    with table.open("rb") as handle:
        prob = json.load(gzip.open(handle))
    words = {word for word, value in prob.items()
             if word.isalpha() and word.isascii() and word.islower() and value > min_log_prob
             and value > prob.get(word.capitalize(), -99.0)}
    words |= {short.lower() for short, _, _ in load_shorthand() if short.isalpha()}
    return sorted(words)


def main():
    """Write the list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-log-prob", type=float, default=-13.0)
    args = parser.parse_args()
    words = common_words(args.min_log_prob)
    header = (f"# Common English words and police shorthand (benchmarks/build_common_words.py, "
              f"--min-log-prob {args.min_log_prob}); {len(words)} words.\n")
    TARGET.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"Wrote {len(words)} words to {TARGET}")


if __name__ == "__main__":
    main()
