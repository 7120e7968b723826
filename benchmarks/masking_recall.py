"""Measure display masking (classifier.text.display.mask_for_display) on names and addresses planted in generated logs.

Each generated log gets sentences holding a known name or address, in the forms officers write
them (titled, after "spoke with", after a relationship word, labelled, in lower case and in
capitals; street addresses with and without house numbers, flats). A planted item counts as masked
when none of its words (forename, surname, street name, house number) appears in the masked text
more often than in the masked log without it. Half the names come from the generator's lists and
half from a list the generator never uses. Writes classifier/text/resources/masking_recall.json,
which the report states.

    python benchmarks/masking_recall.py --logs 2500 --seed 15
"""

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from classifier.text.display import mask_for_display
from training.generator.generate import generate_incidents
from training.generator.words import FEMALE_NAMES, MALE_NAMES, STREET_STEMS, STREET_SUFFIXES, SURNAMES

TARGET = Path(__file__).resolve().parents[1] / "classifier" / "text" / "resources" / "masking_recall.json"
# Names the generator never writes, so the figure is not one for the generator's own lists.
OTHER_FORENAMES = (
    "Poppy", "Freya", "Isla", "Maisie", "Esme", "Niamh", "Siobhan", "Kerry", "Ffion", "Aoife", "Yasmin",
    "Roxanne", "Tamsin", "Imogen", "Lottie", "Demi", "Alfie", "Archie", "Rhys", "Dylan", "Ellis",
    "Finley", "Kai", "Lewis", "Ollie", "Stuart", "Declan", "Ciaran", "Ifan", "Jaxon", "Rohan", "Arjun",
)
OTHER_SURNAMES = (
    "ASHWORTH", "BRAITHWAITE", "CARTWRIGHT", "DUNCAN", "FAIRCLOUGH", "GALLAGHER", "HEPWORTH", "IQBAL",
    "JEFFERSON", "KILBRIDE", "LOCKWOOD", "MCALLISTER", "NAPIER", "OGUNDIPE", "PEMBERTON", "QUINLAN",
    "RADCLIFFE", "SUTCLIFFE", "TREVELYAN", "UDDIN", "VARDY", "WHITTAKER", "YATES", "ZIELINSKI",
)
OTHER_STREETS = ("Gravelly", "Pendle", "Ravenscroft", "Saltley", "Tamworth", "Umberslade", "Wychall",
                 "Yardley", "Lozells", "Kingstanding", "Bordesley", "Hockley")
NAME_FORMS = {
    "spoke with + name": "Spoke with {fore} {sur} at the address.",
    "spoke to + forename": "Officers spoke to {fore} who was upset.",
    "title + surname": "{title} {sur} was present throughout.",
    "relationship + forename": "Her partner {fore} has left the address.",
    "role + full name": "Victim {fore} {sur} states she wants it logged.",
    "labelled name": "Name: {fore} {sur}.",
    "IP + forename": "IP {fore} says this has happened before.",
    "suspect, name": "The suspect, {fore} {sur}, left before police arrived.",
    "informed + forename": "Informed {fore} of the outcome.",
}
ADDRESS_FORMS = {
    "number + street": "Caller lives at {number} {stem} {suffix}.",
    "on + street (no number)": "Incident happened on {stem} {suffix} outside the shops.",
    "flat, number + street": "Address: Flat {flat}, {number} {stem} {suffix}.",
    "house number alone": "Attended number {number} and spoke to the occupant.",
}
CASES = ("as written", "lower case", "capitals")


def _cased(text, case):
    """The planted sentence in one of ``CASES`` (the whole sentence, as logs are typed)."""
    return {"as written": text, "lower case": text.lower(), "capitals": text.upper()}[case]


def _words(text):
    """Whole words of ``text``, lower-cased, counted."""
    return Counter(re.findall(r"[a-z0-9]+", text.lower()))


def _plant(rng, kind):
    """A planted sentence and the words that must not survive masking."""
    if kind in NAME_FORMS:
        other = rng.random() < 0.5
        fore = rng.choice(OTHER_FORENAMES if other else FEMALE_NAMES + MALE_NAMES)
        sur = str(rng.choice(OTHER_SURNAMES if other else SURNAMES)).title()
        title = rng.choice(("Mr", "Mrs", "Miss", "Ms", "Dr"))
        sentence = NAME_FORMS[kind].format(fore=fore, sur=sur, title=title)
        secret = [w for w in (fore, sur) if "{" + ("fore" if w == fore else "sur") + "}" in NAME_FORMS[kind]]
        return sentence, [w.lower() for w in secret]
    stem = rng.choice(STREET_STEMS + OTHER_STREETS)
    number, flat = str(rng.integers(1, 250)), str(rng.integers(1, 30))
    sentence = ADDRESS_FORMS[kind].format(number=number, flat=flat, stem=stem, suffix=rng.choice(STREET_SUFFIXES))
    secret = [number] + ([stem.lower()] if "{stem}" in ADDRESS_FORMS[kind] else []) \
        + ([flat] if "{flat}" in ADDRESS_FORMS[kind] else [])
    return sentence, secret


def measure(n_logs, seed):
    """Plant every form in every case across ``n_logs`` generated logs; return counts per form and case."""
    rng = np.random.default_rng(seed)
    narratives = generate_incidents(n_logs, seed=seed)["narrative"].tolist()
    kinds = list(NAME_FORMS) + list(ADDRESS_FORMS)
    found = defaultdict(lambda: [0, 0])
    for i, narrative in enumerate(narratives):
        base = _words(mask_for_display(narrative))
        for j in range(5):
            kind = kinds[(5 * i + j) % len(kinds)]
            case = CASES[(i + j) % len(CASES)]
            sentence, secret = _plant(rng, kind)
            cut = narrative.find(". ", len(narrative) // 3)
            text = narrative + " " + _cased(sentence, case) if cut < 0 else \
                narrative[:cut + 2] + _cased(sentence, case) + " " + narrative[cut + 2:]
            shown = _words(mask_for_display(text))
            leaked = any(shown[word] > base[word] for word in secret)
            entry = found[(kind, case)]
            entry[0] += 1
            entry[1] += not leaked
    return found


def summarise(found, n_logs, seed):
    """Recall overall, for names, for addresses, and per form and case."""
    def recall(keys):
        planted = sum(found[k][0] for k in keys)
        return {"planted": planted, "masked": sum(found[k][1] for k in keys),
                "recall": round(sum(found[k][1] for k in keys) / planted, 4) if planted else None}

    names = [k for k in found if k[0] in NAME_FORMS]
    addresses = [k for k in found if k[0] in ADDRESS_FORMS]
    return {"benchmark": "benchmarks/masking_recall.py", "logs": n_logs, "seed": seed,
            "overall": recall(list(found)), "names": recall(names), "addresses": recall(addresses),
            "by_form": {f"{kind} ({case})": recall([(kind, case)]) for kind, case in sorted(found)}}


def main():
    """Measure, print a table, write the JSON the report reads."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--no-write", action="store_true", help="Print only; do not update the resource.")
    args = parser.parse_args()
    result = summarise(measure(args.logs, args.seed), args.logs, args.seed)
    print("| planted form (case) | planted | masked | recall |\n|---|---|---|---|")
    for name, entry in result["by_form"].items():
        print(f"| {name} | {entry['planted']} | {entry['masked']} | {entry['recall']:.4f} |")
    for key in ("names", "addresses", "overall"):
        entry = result[key]
        print(f"| **{key}** | {entry['planted']} | {entry['masked']} | **{entry['recall']:.4f}** |")
    if not args.no_write:
        TARGET.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
