"""What the review page shows of a log: masked text in its original case, evidence highlighted with its
family names, the primer's reasons to choose from, and the primer rule that most likely applies.

Log text reaches the page only through ``classifier.report.highlight`` (every character escaped, only
``<mark>`` added) or jinja2's autoescaping.
"""

import difflib
import re

from classifier.report import (
    DENIAL_PATTERN,
    evidence_patterns,
    find_indicators,
    highlight,
    phrase_patterns,
)
from classifier.text import mask_text

__all__ = ["REASONS", "mask_in_case", "highlighted_texts", "primer_hint"]

# The reasons a reviewer can give, from the primer's recording rules (docs/NCRS primer, rule numbers).
REASONS = (
    ("offence-disclosed", "offence disclosed, no contrary evidence (rule 2)"),
    ("victim-declined", "victim declined: still a crime (rule 5)"),
    ("disbelief", "disbelief or intoxication is no reason (rules 4, 6)"),
    ("closing-unexplained", "closing comment does not explain (rule 12)"),
    ("verifiable-information", "additional verifiable information (rules 6, 9)"),
    ("other-force", "other force area (rule 9)"),
    ("duplicate", "duplicate or already recorded (rule 9)"),
    ("no-offence", "no offence disclosed"),
    ("not-notifiable", "not a notifiable offence (rule 11)"),
    ("third-party-denied", "third-party report, victim denies (rule 8)"),
    ("state-not-made-out", "crime against the state not made out (rule 3)"),
    ("other", "other: see note"),
)

# (pattern on narrative + closing comment, hint): the first that matches is shown; the last always does.
_HINTS = (
    (re.compile(r"\b(?:not (?:wish|want)|doesn'?t (?:wish|want)|refused|declined|unwilling|no complaint|"
                r"wants? it logged|not supportive|withdr[ae]w)", re.IGNORECASE),
     "Rule 5: the victim's wishes about prosecution decide the outcome, not whether a crime is recorded."),
    (re.compile(r"\b(?:drunk|intoxicated|not believed|not credible|lying|hostile)\b", re.IGNORECASE),
     ("Rules 4 and 6: disbelief, an officer's opinion or the victim's intoxication is not credible evidence "
      "to the contrary.")),
    (re.compile(r"\b(?:another force|other force|transferred to|outside (?:the )?force)", re.IGNORECASE),
     "Rule 9: a crime in another force's area is transferred there, not recorded here."),
    (re.compile(r"\b(?:on behalf of|third party|neighbour reports|friend reports|passer-?by)\b", re.IGNORECASE),
     "Rule 8: a third-party report is recorded once the victim confirms it (or is a child or vulnerable)."),
    (re.compile(r"\b(?:rape|raped)\b", re.IGNORECASE),
     "Rule 10: rape reports held as N100 must become crimes once the recording test is met."),
    (re.compile(r"\b(?:texts?|messages?|calls?|again|keeps|every day|course of conduct)\b", re.IGNORECASE),
     ("Harassment needs a course of conduct (two or more occasions); one threatening message can be a "
      "malicious communication.")),
)
_DEFAULT_HINT = ("Rule 2: record when, on the balance of probability, the account amounts to a notifiable offence "
                 "and there is no credible evidence to the contrary.")
_EMPTY_CLOSING_HINT = "Rule 12: when police decide not to record, the log must say why."
_PLACEHOLDER = re.compile(r"__[a-z]+__")
_PRIVATE_USE = 0xF0000  # Unicode plane 15, private use: never in a log


def mask_in_case(text):
    """Mask personal data as the report does, but keep the original case of the words left visible.

    ``mask_text`` lower-cases; the unmasked stretches are copied back from the original, so only
    characters the mask kept are shown (in their original case) and placeholders stay as masked.

    Examples
    --------
    >>> mask_in_case("Call from 07700 900123: IP says her Partner punched her.")
    'Call from __phone__: IP says her Partner punched her.'
    """
    text = str(text or "")
    placeholders = []

    def stand_in(match):
        """One private-use character per placeholder, so no letter of it lines up with the original."""
        placeholders.append(match.group(0))
        return chr(_PRIVATE_USE + len(placeholders) - 1)

    masked = _PLACEHOLDER.sub(stand_in, mask_text(text, decisions=False))
    # One character per character, so positions line up (a few characters lower-case to two).
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    matcher = difflib.SequenceMatcher(None, low, masked, autojunk=False)
    parts = [text[i1:i2] if op == "equal" else masked[j1:j2] for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    return "".join(parts).translate({_PRIVATE_USE + i: p for i, p in enumerate(placeholders)})


def highlighted_texts(narrative, closing_comment, evidence="", *, with_evidence=True):
    """The narrative and closing comment as safe HTML: masked, original case, indicator phrases marked.

    Each mark is labelled with its indicator family (``violence``, ``reluctance``, ...), or
    ``model evidence`` for a phrase from the model's evidence. With ``with_evidence=False`` (the
    random-audit mode) the model's evidence is not used.
    """
    narrative, closing = mask_in_case(narrative), mask_in_case(closing_comment)
    said, closed = find_indicators([narrative, closing])
    story = _family_patterns(said)
    if with_evidence:
        story += [(p, "model evidence") for p in evidence_patterns(evidence)]
    ending = _family_patterns(closed) + [(DENIAL_PATTERN, "explained away")]
    return highlight(narrative, story), highlight(closing, ending)


def _family_patterns(indicators):
    """(pattern, family label) for each indicator; negated ones are labelled so."""
    found = []
    for family, phrase, negated in indicators:
        label = family.replace("_", " ") + (" (negated)" if negated else "")
        found += [(pattern, label) for pattern in phrase_patterns([phrase])]
    return found


def primer_hint(narrative, closing_comment):
    """The primer rule most likely to settle this log, as one sentence."""
    if not str(closing_comment or "").strip():
        return _EMPTY_CLOSING_HINT
    text = f"{narrative}\n{closing_comment}"
    for pattern, hint in _HINTS:
        if pattern.search(text):
            return hint
    return _DEFAULT_HINT
