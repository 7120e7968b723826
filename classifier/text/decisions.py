"""Mask the force's recording decision in lower-case log text (rules in ``_masking``'s docstring).

A decision phrase, a crime reference and a classification joined to them collapse into one
``__decision__`` placeholder, so that swapping one decision wording for another leaves the text
the model reads unchanged.
"""

import re

from classifier.text.rules import previous_starts, rx, sub_at
from classifier.text.shorthand import load_shorthand

__all__ = ["CRIME_REF", "DECISION_WORDS", "mask_decisions"]

# What follows "section N" in the shorthand table ("actual bodily harm", "wounding with intent"...).
_SECTION_WORDS = "|".join(
    re.escape(expansion.split(" ", 2)[2])
    for short, expansion, _ in load_shorthand()
    if short.lower().startswith("s.") and expansion.count(" ") >= 2
)
_CLASS = (
    r"(?:s(?:ect?(?:ion)?)?\.? ?\d{1,3}[a-z]?(?: (?:poa|oapa|pfha|pha|cda|mda|soa|public order act))?"
    r"|abh|gbh|(?:actual|grievous) bodily harm|common assault|battery|wounding(?: with(?:out)? intent)?"
    r"|assault(?: (?:by beating|occasioning actual bodily harm|with(?:out)? injury"
    r"|on (?:a |an )?(?:emergency worker|constable|police officer)))?"
    r"|harassment(?: without violence)?|stalking|malicious communications?|threats? to kill"
    r"|public order(?: offen[cs]es?| act)?|poa|criminal damage(?: and arson)?|arson"
    r"|theft(?: (?:from|of) (?:the |a )?(?:person|motor vehicle|vehicle|shop|dwelling|bicycle|cycle))?"
    r"|shoplifting|bicycle theft|other theft|theft offen[cs]es"
    r"|burglary(?: (?:dwelling|residential|business(?: and community)?|non[ -]?dwelling|other))?"
    r"|robbery(?: of (?:personal|business) property)?|sexual (?:assault|offen[cs]es?)|rape"
    r"|exposure|voyeurism|fraud|making off without payment|coercive control"
    r"|controlling (?:and|or) coercive behaviou?r|(?:racially|religiously)(?: or religiously)? aggravated"
    r"|violence with(?:out)? injury|stalking and harassment|other crimes against society"
    r"|public order offen[cs]es|possession of (?:drugs|weapons|an offensive weapon|a bladed article)"
    r"|domestic(?: abuse| violence| incident)?|da|dv|n100"
    r"|offences against the person act|protection from harassment act|" + _SECTION_WORDS + r")\b"
)
_AUX = r"(?:(?:has|have|had|was|were|is|are|now|to|be|been|being|not|then|also|subsequently) )*"
_REF_NUMBER = r"\d[\d/-]{0,20}[a-z]?\b"
_DECISION_CORES = (
    r"\b(?:cri|crn|crs|cris|cr|oel|athena|niche)\b\.?(?: ?(?:occurrence|occ|ref(?:erence)?|no"
    r"|num(?:ber)?)\b\.?)* ?[:#/-]? ?" + _REF_NUMBER,
    r"\bcrime ?(?:ref(?:erence)?s?|nos?|num(?:ber)?s?)\b\.?(?: ?(?:no|num(?:ber)?)\b\.?)?"
    r"(?: ?[:#-]? ?(?:[a-z]{2,4}[/-]?)?" + _REF_NUMBER + ")?",
    r"\b(?:n100|oel|nfa|nfpa|filed|criming|hocr|ncrs|cdi|ddm|fcr)\b",
    r"\b(?:(?:no|not|non|un|de|re)[ -]?)?crimed\b",
    r"\b(?:crime|offen[cs]e)s? " + _AUX + r"(?:raised|recorded|created|generated|submitted|issued"
    r"|allocated|crimed|cancell?ed|transferred|filed|closed|reclassified|finali[sz]ed|confirmed"
    r"|registered|logged)\b",
    r"\b(?:record|raise|create|submit|generate|complete)(?:d|ed|s|ing)? (?:a|an|the) crime(?: reports?)?\b",
    r"\bcrime (?:reports?|status|outcome|classification|category|registrar|bureau|management unit"
    r"|recording (?:unit|team|decision))\b",
    r"\bno crimes?\b(?: (?:committed|disclosed|identified|recorded|apparent|established|made out"
    r"|to (?:record|report)))?",
    r"\bnon[ -]?crimes?\b(?:[ -]+(?:incident|matter|related|occurrence))?",
    r"\bnot (?:a )?crimes?\b|\bcrime[ -]related\b",
    r"\b(?:no|non)[ -]?(?:(?:notifiable|recordable|substantive|criminal) )?offen[cs]es?\b"
    r"(?: " + _AUX + r"(?:disclosed|identified|made out|committed|apparent|established|recorded|evident))?",
    r"\b(?:non[ -]?)?(?:notifiable|recordable)(?: (?:offen[cs]es?|crimes?))?\b",
    r"\bno further (?:police )?action\b(?: (?:required|to be taken|taken|necessary))?",
    r"\b(?:closed|filed|finali[sz]ed|classified|reclassified|recorded|resulted|crimed|coded) as\b",
    r"\b(?:incident|log|occurrence|crime|file) " + _AUX + r"(?:closed|filed|resulted|finali[sz]ed)\b",
    r"\bclos(?:e|ed|ing) (?:the )?(?:log|incident|occurrence)\b",
    r"\b(?:closing|closure|result|outcome|disposal|finali[sz]ation) (?:codes?|category|classification)\b"
    r"(?: ?[:#-]? ?[a-z]{0,3}\d{1,3}[a-z]?\b)?",
    r"\boutcome ?\d{1,2}[a-z]?\b(?!:\d\d)|\boc ?\d{1,2}\b(?!:\d\d)",
    r"\b(?:home office counting rules|national crime recording standard)\b",
    r"\b(?:da|dv|domestic(?: abuse| violence)?) (?:flag(?:ged)?|marker)\b"
    r"|\bflagged (?:as )?(?:da|dv|domestic(?: abuse| violence)?)\b",
)
_DECISION = rx("|".join(f"(?:{core})" for core in _DECISION_CORES))
CRIME_REF = rx(_DECISION_CORES[0] + "|" + _DECISION_CORES[1])
# Every decision core contains one of these words within its first four words (checked by tests).
_DECISION_WORDS = frozenset(
    word.encode()
    for word in (
        "crime crimes crimed criming cri crn crs cris cr oel athena niche n100 nfa nfpa filed hocr"
        " ncrs cdi ddm fcr offence offences offense offenses notifiable recordable further closed"
        " closing closure close finalised finalized finalisation finalization classified"
        " reclassified recorded resulted coded result outcome disposal counting flag flagged marker"
        " uncrimed decrimed recrimed noncrime noncrimes oc"
    ).split()
) | frozenset(f"{prefix}{n}".encode() for prefix in ("oc", "outcome") for n in range(1, 23))
DECISION_WORDS = _DECISION_WORDS
_WORD_TEXT = {word: word.decode() for word in _DECISION_WORDS}
_SEP = r"[^\S\n]*(?:[,:;/\-–—()]+[^\S\n]*)?"
# Words that only report the decision being carried out ("N100 created", "crime report submitted").
_DONE = (
    r"(?:(?:has|have|was|were|is|been|now|then) )*(?:created|raised|submitted|completed|generated"
    r"|recorded|done|made|taken|flagged|added|closed|filed|allocated|issued|updated|confirmed"
    r"|cancell?ed|transferred)\b"
)
_FUNCTION_WORDS = (
    r"(?:has|have|had|was|were|is|are|will|would|should|shall|must|can|could|to|be|been|being"
    r"|now|then|not|no|non|never|nor|a|an|any|the|also|subsequently)\b"
)
_CLASS_PHRASE = r"(?:(?:as|for|under|of|re|to|with|being) )?(?:(?:a|an|the) )?" + _CLASS
# A crime reference number after a decision, perhaps labelled: "crime created 37/750558/18",
# "crimed under ref 21/488406/18", "crime number is 18/123456". Digits, "/" and "-" holding a run
# of at least five digits (a date or a time has none).
_REFERENCE = (
    r"(?:(?:under|as|with|is|was|given|issued) )?(?:crime )?(?:(?:ref(?:erence)?|no|num(?:ber)?)\b\.? ?)?"
    r"[:#-]? ?(?=\d[\d/-]*?\d{5})\d[\d/-]{4,30}[a-z]?\b"
)
_ABSORBED = r"(?:" + _CLASS_PHRASE + r"|" + _DONE + r"|" + _REFERENCE + r")"
# In brackets, "(ABH)", "(section 47 actual bodily harm)": the closing bracket goes too.
_BRACKETED = r" ?\( ?" + _ABSORBED + r"(?:[^\S\n]*(?:[,:;/\-–—]+[^\S\n]*)?" + _ABSORBED + r")* ?\)"
_ABSORB_AFTER = rx(r"__decision__(?:" + _BRACKETED + r"|" + _SEP + _ABSORBED + r")+")
_ABSORB_BEFORE = rx(r"\b(?:(?:" + _CLASS + r"|" + _FUNCTION_WORDS + r")" + _SEP + r")+(?=__decision__)")
# Every word that can end a classification or a function word absorbed before a decision.
_ABSORBABLE = frozenset(re.findall(r"[a-z]+", _CLASS + _FUNCTION_WORDS))
_PUNCTUATION = " ,:;/-–—()"
_MERGE = re.compile(r"__decision__(?:[\s.,;:!?\-–—/()\[\]'\"]*__decision__)+")


def _decision_starts(low, words):
    """Where a decision phrase may begin: at a decision word or up to three words before it."""
    starts = set()
    for word in words & _DECISION_WORDS:
        word = _WORD_TEXT[word]
        size, index = len(word), low.find(word)
        while index >= 0:  # each whole-word occurrence (as ``find_word``)
            if (not index or not low[index - 1].isalnum()) and not low[index + size : index + size + 1].isalnum():
                starts.add(index)
                if index and low[index - 1] != "\n":
                    starts.update(previous_starts(low, index, 3))
            index = low.find(word, index + 1)
    return starts


def mask_decisions(low, words):
    """Replace recording decisions by one ``__decision__`` per run.

    ``words`` is ``word_set(low)``, or its part in a vocabulary holding every decision word: the
    decision rules run only when one of their words is present.
    """
    starts = _decision_starts(low, words)
    if not starts:
        return low
    low = sub_at(_DECISION, low, starts, "__decision__")
    # Repeat until nothing more is absorbed. Absorbing what follows a decision and merging runs
    # leave nothing more to absorb after one, so another round is needed only when words before
    # a decision were absorbed (up to six words are tried at a time).
    absorbed = "__decision__" in low
    while absorbed:
        low = _ABSORB_AFTER.sub("__decision__", low)
        starts, index = set(), low.find("__decision__")
        while index >= 0:
            # Only look further back when the word just before could be absorbed at all.
            before = low[max(0, index - 40) : index].rstrip(_PUNCTUATION).rpartition(" ")[2]
            before = before.rpartition("\n")[2].strip(_PUNCTUATION).rpartition(".")[2]
            if before in _ABSORBABLE or before.isdigit():
                starts.update(previous_starts(low, index, 6))
            index = low.find("__decision__", index + 1)
        absorbed = False
        if starts:
            shorter = sub_at(_ABSORB_BEFORE, low, starts, "")
            absorbed, low = shorter != low, shorter
        low = _MERGE.sub("__decision__", low)
    return low
