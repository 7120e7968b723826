"""Mask names, old-style vehicle plates and street addresses: the rules that need capitals.

They run on the text as written, before it is lower-cased (see the table in ``_masking``).
"""

import re

from classifier.text.rules import rx
from classifier.text.shorthand import load_shorthand

__all__ = ["mask_cased"]

_UPPER_BYTES = bytes(range(65, 91))
_LOWER_BYTES = bytes(range(97, 123))

# Mr Mrs Ms Miss Mx Dr Mister MR MRS MS MISS DR PC DC PS DS DI DCI Sgt SGT Insp INSP PCSO Sergeant
# Constable Inspector Detective, grouped by first letter (faster to try; the order within a letter
# is kept, so the same title wins).
_TITLES = (
    r"M(?:r|rs|s|iss|x|ister|R|RS|S|ISS)|D(?:r|R|C|S|I|CI|etective)|P(?:C|S|CSO)|S(?:gt|GT|ergeant)"
    r"|I(?:nsp|NSP|nspector)|Constable"
)
_NAME_WORD = r"[A-Z][A-Za-z'-]{0,30}"
_NAME_LABELLED = rx(
    r"(?P<keep>\b(?i:name|surname|forename|nickname|known as|aka)\b ?[:-]? ?)"
    r"(?P<name>" + _NAME_WORD + r"(?: " + _NAME_WORD + r"){0,2})"
)
_NAME_TITLED = rx(
    r"(?P<keep>(?:" + _TITLES + r")\.? (?:\d{2,6} )?)(?P<name>" + _NAME_WORD
    + r"(?: [A-Z][a-z][A-Za-z'-]{0,30})?)"
)
# Plates and capitals-only surnames both start with a capital: one scan finds either. A run of
# letters is never given back ("+"): what follows it is never a letter of the same case.
_PLATE_OR_NAME = (
    r"[A-Z](?<!\w\w)(?:(?P<plate>\d{1,3} ?[A-Z]{3}\b|[A-Z]{2} ?\d{1,3}[A-Z]\b)"
    r"|(?P<fore>[a-z]{1,30}+(?: [A-Z][a-z]{1,30}+)?) (?P<sur>[A-Z]{2,30}+(?:['-][A-Z]{2,30}+)?)\b"
    r"|(?P<sur2>[A-Z]{1,29}+(?:['-][A-Z]{2,30}+)?)(?:, ?| )(?P<fore2>[A-Z][a-z]{1,30}+)\b)"
)
_CAPS_RULES = rx(_PLATE_OR_NAME)
_PLATES_ONLY = rx(r"[A-Z](?<!\w\w)(?P<plate>\d{1,3} ?[A-Z]{3}\b|[A-Z]{2} ?\d{1,3}[A-Z]\b)")
_CAPITALISED = re.compile(r"[A-Z](?<!\w\w)[A-Za-z'-]{0,30}")
# Capitalised words that start sentences in logs and are not names.
_NOT_NAMES = frozenset(
    "The A An He She They It His Her Their Male Female Man Woman Boy Girl Suspect Victim Caller"
    " Officer Officers Police Attended Called States Stated Reports Reported Says Said Informant"
    " Witness Mother Father Son Daughter Brother Sister Partner Husband Wife Ex Boyfriend Girlfriend"
    " Neighbour Staff Security Manager Ambulance Paramedics Crime Incident Closing Opening Narrative"
    " Update Note Advised Also Then When Whilst While On At In To From With By Of And But Or Not No"
    " Yes Unit Units Control Lady Gentleman Youth Youths Person Persons Subject Driver Passenger"
    " Injured Reporting Victims Both Intel Intelligence Enquiries Enquiry Words Advice Statement Log"
    " Logged Attending Arrived Spoke Checks Tasked Resulted Reviewed Supervisor".split()
)
_ACRONYMS = frozenset(
    "IP RP AP DA DV OIC MOP MOPS NOK BWV DOB VRM RTC ASB CFW TWOC ABH GBH POA OAPA PFHA CCTV PNC CAD"
    " CID PCSO MISPER DASH MARAC IDVA ISVA SARC SOCO CSI CPS NHS GP UK TV OK ID NFA NFPA BTP HMP MASH"
    " CAMHS CSE CSC ARV ANPR ATM SIM PIN AM PM ETA ATT HRS SMS MMS DM GPS USB EU USA ASAP FYI AKA IC"
    " AE NB PS MP IOPC HO NCRS HOCR OEL CRI CRN CRS CRIS CDI DDM FCR DCI DC DS PC DI SGT INSP MR MRS"
    " MS DR MISS II III NC OC URN INC LOG REF QA HR PE RE ICT SLT DSL SEN SENCO PSHE".split()
) | frozenset(short.upper() for short, _, _ in load_shorthand() if short.isalpha())
_COMMON_3 = frozenset(
    "THE AND FOR WAS HIS HER HAS NOT BUT ARE YOU SHE HIM OUT OFF WHO HAD ALL CAN ONE TWO"
    " NOW GOT SAW SAY DID WAY MAN MEN OWN TOO ANY NEW OLD BOY RAN SET PUT USE".split()
)
_ADDRESS = rx(
    r"\d(?<!\w\d)\d{0,3}+[A-Za-z]?,? (?:[A-Z][A-Za-z'-]{1,30}+ ){1,3}"
    r"(?i:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|cres|place|pl"
    r"|gardens|gdns|terrace|grove|hill|park|walk|view|rise|mews|square|sq|row|green|parade|vale"
    r"|croft|approach|gate|boulevard|wharf|quay)\b"
)

# The same rule for ASCII text, where it means the same; it looks for digits much faster.
_ASCII_ADDRESS = re.compile(_ADDRESS.pattern, re.ASCII)


def _old_plate(match):
    """Mask a capitals-only prefix/suffix-style plate unless its letters are a common word."""
    letters = re.sub(r"[^A-Z]", "", match.group(0))
    return match.group(0) if letters[-3:] in _COMMON_3 or letters[:3] in _COMMON_3 else "__vrm__"


def _split_name(words, found):
    """Mask a run of capitalised words, keeping leading ones that are not names ("Suspect")."""
    parts = words.split(" ")
    kept = []
    while parts and (parts[0] in _NOT_NAMES or parts[0].upper() in _ACRONYMS):
        kept.append(parts.pop(0))
    found.update(part for part in parts if len(part) > 1)
    return " ".join(kept + (["__name__"] if parts else []))


def _mask_names(text, low):
    """Mask names (labelled, titled, capitals-only surnames) and old-style plates, then repeats."""
    found = set()

    def labelled(match):
        start = match.start()
        if start and match.string[start - 1].isalnum():  # "PC" inside "NPC Smith" is no title
            return match.group(0)
        return match.group("keep") + _split_name(match.group("name"), found)

    def capitalised(match):
        if match.group("plate"):
            return _old_plate(match)
        first = match.group(0)[0]
        fore, sur = (first + match.group("fore"), match.group("sur")) if match.group("sur") else (
            match.group("fore2"), first + match.group("sur2"))
        if sur in _ACRONYMS:
            return match.group(0)
        return _split_name(fore + " " + sur, found)

    if "name" in low or "known as" in low or "aka" in low:
        text = _NAME_LABELLED.sub(labelled, text)
    text = _NAME_TITLED.sub(labelled, text)
    data = text.encode("utf-8", "surrogatepass")
    upper = len(data) - len(data.translate(None, _UPPER_BYTES))
    lower = len(data) - len(data.translate(None, _LOWER_BYTES))
    # Capitals-only surnames mean nothing in text typed all in capitals: only plates there.
    text = (_CAPS_RULES if lower * 2 > upper else _PLATES_ONLY).sub(capitalised, text)
    found -= _NOT_NAMES
    if any(name in text for name in found):
        text = _CAPITALISED.sub(lambda m: _mask_repeat(m.group(0), found), text)
    return text


def _mask_repeat(word, found):
    """``__name__`` for a later mention of a name already found ("Smith", "Smith's")."""
    if word in found:
        return "__name__"
    if word.endswith("'s") and word[:-2] in found:
        return "__name__'s"
    return word


def mask_cased(text, *, addresses=True):
    """The rules that need the original capitalisation: names, old plates, street addresses.

    ``addresses=False`` skips the address rule, for a caller that knows ``text`` has no digit.
    """
    text = _mask_names(text, text.lower())
    if not addresses:
        return text
    return (_ASCII_ADDRESS if text.isascii() else _ADDRESS).sub("__address__", text)
