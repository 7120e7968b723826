"""Text rules behind the triage queue: closing-comment contradictions, repeat locations, and HTML
highlighting that escapes every character of log text.

Offence wording comes from ``classifier.text.preprocessing`` (the model's own indicator lexicon and
negation rules). The two closing-comment patterns here add wording that lexicon does not cover;
they are used only to explain a discrepancy to an analyst and never feed the model.
"""

import re

from markupsafe import Markup, escape

EXCERPT_CHARS = 200

__all__ = [
    "OFFENCE_FAMILIES",
    "DENIAL_FAMILIES",
    "DENIAL_PATTERN",
    "CONTRARY_EVIDENCE_PATTERN",
    "find_indicators",
    "assess_contradiction",
    "phrase_patterns",
    "location_key",
    "mentions_repeat",
    "evidence_patterns",
    "highlight",
]


def _words(*patterns):
    """Compile alternatives as one case-insensitive pattern matched on word boundaries."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


# Indicator families (classifier.text.preprocessing) that disclose a notifiable offence with a victim
# (primer, "What commonly is a notifiable crime"). Fraud is left out (recorded nationally, not by
# the force) and so are crimes against the state (recorded only when police-witnessed).
OFFENCE_FAMILIES = ("violence", "injury", "threat", "sexual", "harassment", "malicious_message",
                    "damage", "theft")
# Families whose wording in a closing comment denies or explains an offence away.
DENIAL_FAMILIES = ("reluctance", "non_crime")
# Closing wording that denies or explains away an offence without a checkable fact (primer rules
# 4-6): victim's wishes, disbelief, "no offences", advice given, words only, civil matter.
DENIAL_PATTERN = _words(
    r"no (?:crime|offences?|notifiable|criminal)\w*(?: \w+)?", r"non-?crime", r"not a crime",
    r"nothing criminal", r"no (?:assault|injur\w*|threats?|allegation)", r"words only",
    r"verbal (?:only|argument|dispute)", r"civil (?:matter|dispute)", r"advice given",
    r"words of advice", r"nfa", r"no further action", r"(?:intel(?:ligence)?|info(?:rmation)?) only",
    r"(?:just )?wants? it logged", r"logged for (?:info|information)", r"no complaint",
    r"(?:does not|doesn't|did not|didn't) (?:wish|want) to (?:support|make|provide|pursue|go)\w*",
    r"(?:refused|declined|unwilling)(?: to (?:give|provide|make))?(?: a)? statement",
    r"not supportive", r"withdr[ae]w\w*", r"no evidence", r"no further (?:issues|concerns)",
    r"not (?:believed|credible)", r"drunk|intoxicated", r"filed", r"resolved",
)
# Verifiable contrary evidence or another lawful reason not to record here (primer rules 6, 9).
CONTRARY_EVIDENCE_PATTERN = re.compile(
    r"\b(?:cctv|footage|body[- ]?worn|bwv)\b[^.]{0,60}\b(?:shows?|showed|confirms?|confirmed|"
    r"no|not|nothing)\b"
    r"|\b(?:found|located|recovered)\b[^.]{0,40}\b(?:at home|in (?:his|her|their|the)|where)\b"
    r"|\b(?:admit(?:s|ted)?|confess\w*)\b[^.]{0,40}\b(?:made (?:it )?up|lying|lied|invent\w*|"
    r"fabricat\w*|false)\b"
    r"|\bmade (?:it|the (?:story|report)) up\b"
    r"|\b(?:transferred|passed) to\b[^.]{0,30}\b(?:force|police|constabulary)\b"
    r"|\b(?:outside|another) (?:force|police)(?: area)?\b"
    r"|\bduplicate\b|\balready (?:recorded|reported|crimed)\b"
    r"|\b(?:action ?fraud|national fraud)\b"
    r"|\bwitness(?:es)? (?:confirm|state|states|stated)\w*[^.]{0,40}\b(?:no|not|nothing|did not)\b",
    re.IGNORECASE,
)
_REPEAT = _words(
    r"repeat (?:victim|caller|incident|call)s?", r"previous(?:ly)? (?:reported|incidents?|calls?)",
    r"(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time", r"not the first time",
    r"again", r"history of", r"ongoing", r"(?:several|many|numerous) times",
)
_STREET = re.compile(
    r"\b(\d{1,4}[a-z]?)\s*,?\s+((?:[A-Z][a-z]+\s){0,2}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|"
    r"Close|Drive|Dr|Way|Crescent|Court|Place|Grove|Terrace|Gardens|Walk|Row|Hill|Square|Mews))\b"
)
_PLACEHOLDER = re.compile(r"[\[<{]\s*address[\s_-]*(\w+)\s*[\]>}]|\baddress[_-](\d+)\b", re.IGNORECASE)


def find_indicators(texts):
    """Offence-indicator triples ``(family, text, negated)`` for each text (decisions left visible).

    Uses ``classifier.text.preprocessing.LogPreprocessor``, the same lexicon and negation rules the
    model's features use, with decision wording kept so "no offences disclosed" can be read.
    """
    from classifier.text import LogPreprocessor

    texts = [str(t) for t in texts]
    # Closing comments repeat a lot ("Advice given."): process each distinct text once.
    unique = list(dict.fromkeys(texts))
    if not unique:
        return []
    logs = LogPreprocessor(mask_decisions=False).fit_transform(unique)
    found = {text: log.indicators for text, log in zip(unique, logs)}
    return [found[text] for text in texts]


def _phrases(indicators, families):
    """Texts of the non-negated indicators of the given families, in order, without repeats."""
    found = []
    for family, text, negated in indicators:
        if family in families and not negated and text not in found:
            found.append(text)
    return found


def assess_contradiction(narrative_indicators, closing_comment, closing_indicators):
    """Decide whether the closing comment contradicts an offence disclosed in the narrative.

    True when the narrative discloses an offence (a non-negated indicator in ``OFFENCE_FAMILIES``)
    and the closing comment states no verifiable contrary evidence and either denies or explains
    the offence away (victim's wishes, "no offences", "civil matter", ...), does not address it
    (no offence wording at all) or is empty.

    Returns
    -------
    tuple of (bool, str)
        The flag and a one-line reason ("" when not flagged).
    """
    disclosed = sorted({f for f, _, neg in narrative_indicators if f in OFFENCE_FAMILIES and not neg})
    if not disclosed:
        return False, ""
    families = ", ".join(disclosed).replace("_", " ")
    closing = closing_comment.strip()
    if not closing:
        return True, f"Account discloses {families}; closing comment is empty."
    if _phrases(closing_indicators, ("contrary_evidence",)) or CONTRARY_EVIDENCE_PATTERN.search(closing):
        return False, ""
    denials = _phrases(closing_indicators, DENIAL_FAMILIES)
    match = DENIAL_PATTERN.search(closing)
    if denials or match:
        said = denials[0] if denials else match.group(0)
        return True, (f"Account discloses {families}; closing says '{said}' with no verifiable "
                      "contrary evidence.")
    if not _phrases(closing_indicators, OFFENCE_FAMILIES):
        return True, f"Account discloses {families}; closing comment does not address it."
    return False, ""


def phrase_patterns(phrases):
    """Case-insensitive patterns finding each phrase in display text, spaces matched loosely."""
    patterns = []
    for phrase in phrases:
        words = re.findall(r"\w+", phrase)
        if words and not any(w.startswith("__") for w in words):
            patterns.append(re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b",
                                       re.IGNORECASE))
    return patterns


def location_key(narrative, area):
    """Return a key for the victim's address (house number + street, or an address placeholder).

    None when the narrative names no address. The key is used only to count repeats in memory;
    it is never written out.
    """
    placeholder = _PLACEHOLDER.search(narrative)
    if placeholder:
        return f"{area.lower()}|ph|{(placeholder.group(1) or placeholder.group(2)).lower()}"
    street = _STREET.search(narrative)
    if street:
        name = re.sub(r"\s+", " ", street.group(2).lower())
        return f"{area.lower()}|{street.group(1).lower()}|{name}"
    return None


def mentions_repeat(narrative):
    """True when the narrative says the victim has been targeted before."""
    return bool(_REPEAT.search(narrative))


def evidence_patterns(evidence):
    """Turn a scored ``evidence`` string into patterns that find its phrases in log text.

    Quoted items (``'want complaint'``) match their words in order, each as a word prefix
    (evidence words may be lemmas), allowing up to two words between them. A leading "not "
    is dropped because the log says it in its own words. Indicator items are left out: their
    wording is highlighted from the log's own indicators (:func:`phrase_patterns`).
    """
    patterns = []
    for phrase in re.findall(r"'([^']+)'", evidence or ""):
        words = [w for w in re.findall(r"\w+", phrase.lower()) if w not in ("not", "neg")]
        words = [w for w in words if not w.startswith("__")]
        if not words or all(len(w) < 3 for w in words):
            continue
        body = r"\W+(?:\w+\W+){0,2}?".join(re.escape(w) + r"\w*" for w in words)
        patterns.append(re.compile(r"\b" + body, re.IGNORECASE))
    return patterns


def _merge(spans):
    """Merge overlapping (start, end, labels) spans, keeping every label once, in order."""
    merged = []
    for start, end, labels in sorted(spans, key=lambda span: span[:2]):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + tuple(x for x in labels if x not in last[2]))
        else:
            merged.append((start, end, labels))
    return merged


def _mark(text, labels):
    """``<mark>`` around escaped text; labels (e.g. indicator families) go in data-family and title."""
    if not labels:
        return Markup("<mark>") + escape(text) + Markup("</mark>")
    named = escape(", ".join(labels))
    return Markup('<mark data-family="%s" title="%s">') % (named, named) + escape(text) + Markup("</mark>")


def highlight(text, patterns, *, limit=None):
    """Return ``text`` as safe HTML with the matches of ``patterns`` wrapped in ``<mark>``.

    Every character of ``text`` passes through ``markupsafe.escape``; only the ``<mark>`` tags
    are added as markup. A pattern may come with a label, as ``(pattern, label)``: the mark then
    names it in ``data-family`` and ``title`` (escaped too). With ``limit``, the text is cut to
    about that many characters around the first highlight.

    Examples
    --------
    >>> str(highlight("<b>hit</b> me", [re.compile("hit")]))
    '&lt;b&gt;<mark>hit</mark>&lt;/b&gt; me'
    >>> str(highlight("he hit me", [(re.compile("hit"), "violence")]))
    'he <mark data-family="violence" title="violence">hit</mark> me'
    """
    labelled = [p if isinstance(p, tuple) else (p, None) for p in patterns]
    found = _merge((*m.span(), (label,) if label else ()) for p, label in labelled for m in p.finditer(text)
                   if m.end() > m.start())
    start, end = 0, len(text)
    if limit is not None and len(text) > limit:
        first = found[0][0] if found else 0
        start = max(0, min(first - limit // 3, len(text) - limit))
        end = start + limit
    parts, cursor = [], start
    for s, e, labels in found:
        s, e = max(s, cursor), min(e, end)
        if s >= e:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append(_mark(text[s:e], labels))
        cursor = e
    parts.append(escape(text[cursor:end]))
    prefix = Markup("… ") if start > 0 else Markup("")
    suffix = Markup(" …") if end < len(text) else Markup("")
    return prefix + Markup("").join(parts) + suffix


def masked_excerpt(text, limit=EXCERPT_CHARS):
    """The start of a log's text with personal data masked, in its original case, for the triage CSV.

    Examples
    --------
    >>> masked_excerpt("Spoke with PAIGE at 12 Elm Road. She was punched.")
    'Spoke with __name__ at __address__. She was punched.'
    """
    from classifier.text.display import mask_for_display

    # Masking a little more than is shown keeps the cost bounded on very long logs.
    masked = mask_for_display(str(text or "")[:2 * limit])
    return masked if len(masked) <= limit else masked[:limit].rsplit(" ", 1)[0] + " …"
