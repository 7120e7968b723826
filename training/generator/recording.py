"""Simulated recording decisions and the closing comments a force writes for them.

The truth (``should_record``, category, situations) is fixed first; this module then decides what the
simulated force *did* (``recorded``) from a ``RecordingProfile`` and writes a ``closing_comment`` and
``closing_code`` consistent with that decision, including the under-recording reasons that contradict
the call and the genuine contrary evidence that closes real non-crimes.
"""

import numpy as np

from training.generator.phrasing import expand, officer, tidy

_LOGIT_LO, _LOGIT_HI = -12.0, 12.0


def _sigmoid(x):
    """Logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def _solve(base, mask, target):
    """Shift ``base[mask]`` by one constant so that its mean probability is ``target`` (bisection)."""
    lo, hi = _LOGIT_LO, _LOGIT_HI
    sub = base[mask]
    for _ in range(50):
        mid = (lo + hi) / 2
        if _sigmoid(sub + mid).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def recording_probabilities(groups, domestic, effects, should, over_weights, profile):
    """P(recorded) for every row, calibrated so that the profile's marginal rates hold on this batch.

    Parameters
    ----------
    groups : ndarray of str
        HOCR group per row ("No crime" for non-crimes).
    domestic : ndarray of bool
        Domestic-abuse flag per row.
    effects : ndarray of float
        Sum of the profile's situation log-odds per row.
    should : ndarray of bool
        The auditor's truth.
    over_weights : ndarray of float
        Log-odds bump for non-crimes that look like crimes (over-recording risk).
    profile : RecordingProfile

    Returns
    -------
    ndarray of float
    """
    p = np.zeros(len(groups))
    crime = should
    logit = effects.astype(float).copy()
    buckets = []
    covered = np.zeros(len(groups), dtype=bool)
    for members, target in profile.bucket_rates.values():
        mask = crime & np.isin(groups, members)
        covered |= mask
        buckets.append((mask, target))
    rest = crime & ~covered
    if profile.other_rate is not None:
        buckets.append((rest, profile.other_rate))
    shift = np.zeros(len(groups))
    da_mask = crime & domestic
    da_shift = 0.0
    for _ in range(12 if profile.domestic_rate is not None or profile.overall_rate is not None else 1):
        for mask, target in buckets:
            if mask.any():
                shift[mask] = _solve(logit + da_shift * domestic, mask, target)
        if profile.overall_rate is not None and rest.any():
            shift[rest] = 0.0
            shift[rest] = _solve_rest(logit + shift + da_shift * domestic, crime, rest, profile.overall_rate)
        if profile.domestic_rate is not None and da_mask.any():
            da_shift = _solve(logit + shift, da_mask, profile.domestic_rate)
    p[crime] = _sigmoid(logit + shift + da_shift * domestic)[crime]
    non = ~crime
    if non.any():
        base = over_weights.astype(float)
        p[non] = _sigmoid(base + _solve(base, non, profile.over_recording_rate))[non]
    return p


def _solve_rest(logit, crime, rest, overall):
    """Constant for the unbucketed groups so that the rate over all true crimes is ``overall``."""
    fixed = _sigmoid(logit[crime & ~rest]).sum()
    n = crime.sum()
    need = (overall * n - fixed) / rest.sum()
    return _solve(logit, rest, float(np.clip(need, 1e-4, 1 - 1e-4)))


# --- closing comments ----------------------------------------------------------------------------
_REF = ("CRI/{yy}/{n6}", "{n2}/{n6}/{yy}", "CRIME {n2}/20{yy}/{n6}", "crime no. {yy}-{n6}",
        "CRN {n2}{n6}", "ref {n2}/{n6}/{yy}", "{yy}/{n6}")
_RECORDED = (
    "Crime [recorded|raised|created] {ref} [- {crime}|({crime})|as {crime}|]. {after}",
    "[{crime}|Offence] [recorded|crimed] under {ref}. {after}",
    "{ref} [raised|created] [for {crime}|]. {after}", "CRIME REPORT {ref} [{crime}|]. {after}",
    "[Crimed|Recorded] as {crime} [-|,|] {ref}. {after}",
)
_AFTER = (
    "[OIC|oic] {off}.", "Allocated to [CID|the local investigation team|PPU|the DA team|LPT|MASH] [for "
    "follow up|]", "[Suspect|OFF] to be [arrested|interviewed|circulated on PNC|dealt with by voluntary "
    "interview]", "[IP|Victim] updated [and VCOP complied with|, victim care letter sent|]", "",
    "[Filed pending further info|Filed - no lines of enquiry]", "[Safeguarding|Crime prevention|Suitable] "
    "advice given to {vo} [and OIC allocated|, crime recorded|]", "[Suspect arrested and interviewed|"
    "Charged|Community resolution] [- see crime report|]", "[DASH|DA risk] [standard|medium|high]; "
    "[referral to IDVA|MARAC referral made|safeguarding in place]",
    "[IP does not support|Victim not supporting] [- outcome 16|, evidence led prosecution considered|, "
    "filed outcome 16]", "Crime [number|ref] given to [IP|victim|RP] [for insurance|]",
)
_UNDER = {
    "declined": (
        "IP does not wish to support police action. NFA.", "[Victim|IP] [declined|refused] to "
        "[provide a statement|make a complaint|support]. [No further action|NFA|Filed].",
        "[IP|Victim] [only wanted it logged|just wanted it logging|wanted it recorded for info only]. "
        "[Intel submitted|Logged for information|Filed].", "No complaint made. [Advice given|NFA].",
        "[IP|Victim] [not supportive|unwilling to engage], [nothing further police can do|closed]."),
    "words_only": (
        "[Words only|Verbal only|Verbal argument only]. [Advice given|Parties advised|Words of advice "
        "given to both].", "Verbal domestic, no offences disclosed. [DASH standard|Advice given].",
        "[Argument|Row] between parties, no violence. [Closed|Resolved].", "Both parties [advised re "
        "behaviour|spoken to and told to keep apart]. [Referred to mediation|Mediation offered|Closed].",
        "[Heated words|Heated exchange] [only|], [no assault|nobody hurt]. [Words of advice given|Advice "
        "given to both].", "[Dispute between the parties|Ongoing dispute] - [referred to the housing "
        "officer|council ASB team aware|mediation suggested]. Closed."),
    "intoxicated": (
        "IP [heavily intoxicated|too drunk|in drink], unable to give an account. [No complaint|NFA].",
        "[Both parties|IP] [in drink|drunk], [no clear offence|account unclear]. [Advised|NFA]."),
    "hostile": ("IP [refused to engage|uncooperative|abusive to officers]. [NFA|Closed].",
                "[IP|Victim] would not engage with officers. No further action."),
    "third_party": ("[3rd party|Third party] report, [IP would not engage|not confirmed|IP unwilling to "
                    "assist]. [NFA|Filed].", "[Caller not the victim|Report by 3rd party]. [No complaint "
                    "from IP|IP not interested]. Closed."),
    "update_only": ("No offences disclosed [at time of call|on initial contact|]. [Advice given|Filed].",
                    "[Concern for safety|Welfare check] [complete|completed], [parties separated|all "
                    "safe]. [Resolved|Closed]."),
    "minimised": ("[Minor scuffle|Handbags|Minor altercation], no injuries of note. [Parties advised|NFA].",
                  "[No injuries|Minor injury only], IP [did not want|declined] [to pursue|police "
                  "action]. Closed."),
    "disbelief": ("[Account not credible|Officer doubts account|Inconsistent account]. [NFA|No crime].",
                  "[IP's|Victim's] account [not believed|lacks credibility]. [Filed|No further action]."),
    "logged_only": ("[For information only|Intel only|Logged for info]. [Filed|No police action requested].",),
    "historic": ("[Historic matter|Historic allegation], [IP does not want to pursue|no action requested]. "
                 "[Filed|Intel submitted].",),
    "generic": (
        "No offences disclosed. [NFA|Filed|Closed].", "[Advice given|Words of advice given]. [Resolved|"
        "Closed].", "[Resolved|Closed] [at scene|on phone|]. [No further police action|NFA|].",
        "[Parties separated|Male left for the night]. [Advice given|NFA].", "NFA.", "No crime.",
        "[Civil matter|Matter for the parties]. Advice given.", "[Dealt with|Resolved] by [attending "
        "officers|words of advice]."),
}
_AFTER_NO_VICTIM = tuple(a for a in _AFTER if "IP" not in a and "Victim" not in a and "DASH" not in a)
# DASH/MARAC/DA team only after domestic crimes (closing coherent with the scene).
_AFTER_NON_DOMESTIC = tuple(a.replace("|the DA team", "") for a in _AFTER if "DASH" not in a)
# Offence words officers use when giving advice without recording ("advised re harassment"). Written into
# closings of unrecorded true crimes *and* of non-crimes, so offence vocabulary in a closing is no proxy
# for ``recorded``.
_ADVICE_RE = (
    "[Advised|Advice given|Words of advice given|Parties advised|Suitable advice given] [re|regarding|about|"
    "on] {offence}.", "[Male|Female|Other party|{o_ref}] [warned|given words of advice] [re|about|regarding] "
    "{offence}.", "[Explained|Discussed] what [would amount to|counts as] {offence} [with both parties|"
    "with {vo}|]. ", "[Informed|Told] that [any further|repeat] {offence} [will be|would be] [dealt with|"
    "crimed|recorded]. ",
)
_ADVICE_OFFENCES = {
    "": ("harassment", "threats", "assault", "threatening behaviour", "public order offences",
         "breach of the peace", "criminal damage", "common assault"),
    "domestic": ("harassment", "threats", "assault", "criminal damage", "domestic abuse",
                 "controlling behaviour", "common assault"),
    "property": ("theft", "criminal damage", "trespass", "handling stolen goods"),
    "harassment": ("harassment", "malicious communications", "stalking", "the Harassment Act", "threats"),
}
# Under-recording reasons that fit families other than violence/domestic (replace 'generic').
_UNDER_FAMILY = {
    "property": ("No lines of enquiry. [Filed|Closed].", "[Advice given re insurance|Crime prevention advice "
                 "given]. Closed.", "[Lost property|Property lost], no evidence of theft. [Closed|NFA].",
                 "[Civil matter|Dispute over ownership] - advised. Closed.", "No offences disclosed. NFA.",
                 "[RP|Owner] [not contactable|did not respond]. [Filed|Closed]."),
    "sexual": ("[Intel only|For information only] - [IP did not want police action|no complaint]. Filed.",
               "[N100|Logged] - [no crime|not crimed] at this time. [Filed|Closed].", "No offences "
               "disclosed. Closed.", "[IP|Victim] [declined|did not wish] to [engage|pursue]. [NFA|Filed]."),
    "harassment": ("[Advice given re blocking|Words of advice to the male]. [Closed|NFA].", "[Not "
                   "harassment|No course of conduct] [- advice given|]. Closed.", "Civil matter re child "
                   "contact, advice given. Closed.", "No offences disclosed. Filed."),
}
_UNDER_CODES = ("ADVICE GIVEN", "NO CRIME", "FILED", "RESOLVED", "NFA", "NO FURTHER ACTION")
_BARE = frozenset(("generic", "update_only", "frame", "neutral"))

# Reasons officers give when closing a kind of call without a crime. Drawn for unrecorded crimes and for
# genuine non-crimes of the same frame alike; none states verifiable evidence (that stays the non-crime's own).
FRAME_CLOSINGS = {
    "domestic": (
        "[Verbal argument only|Verbal domestic|Words only], [no offences disclosed|no offences|nothing "
        "further]. [Advice given|Parties advised|DASH standard].", "[Non-crime domestic|Domestic incident] - "
        "[verbal only|parties separated]. [Closed|Resolved].", "[Parties separated|{o_ref} left for the night|"
        "{o_ref} went to stay with family] [- advice given|, no further issues]. [NFA|Closed].",
        "[DASH|DA risk assessment] standard, [non-crime domestic|domestic incident only]. [Leaflet given|"
        "Closed].", "Both parties [spoken to|advised], [calm on departure|happy for the matter to be closed]. "
        "[NFA|Closed].", "[Argument|Row] [over money|about the kids|between the parties], [advice given|"
        "safeguarding advice given] [to both|]. [Resolved|Closed].",
        "[Domestic|DA] incident, [both spoken to|parties advised re behaviour]. [Referred to the DA team for "
        "review|Early help referral|Closed]."),
    "neighbour": (
        "[Neighbour dispute|Ongoing neighbour dispute|Dispute between neighbours] - [advice given to both|"
        "both parties advised|mediation suggested]. Closed.", "[Referred to|Passed to] [the council ASB "
        "team|the housing officer|community mediation]. [Closed|No further police action].", "[Words "
        "exchanged|Heated words|Verbal dispute] between [neighbours|the parties], [advice given|parties "
        "advised to keep apart]. [NFA|Resolved].", "[Both parties|Both] given words of advice. [Closed|"
        "Resolved].", "[ASB|Nuisance] [issue|dispute] - [council aware|advised re civil remedies]. Closed.",
        "[Long running|Ongoing] [dispute|issues] between the parties, [no police action|nothing further for "
        "police]. [Closed|NFA]."),
    "civil": (
        "[Civil matter|Civil dispute] - [advice given|parties advised|advised re small claims]. [Closed|NFA].",
        "[Dispute between the parties is civil|The parties' arrangements are a civil matter] - "
        "[advised to seek legal advice|advice given]. Closed.", "No police powers [in this matter|re the "
        "dispute], [signposted to Citizens Advice|advice given]. Closed.", "[Matter for the parties|Dispute "
        "between the parties] - [advice given|no police action]. [Closed|Resolved].", "[Advised re|Signposted "
        "to] [mediation|a solicitor|the family court]. [Closed|NFA]."),
    "welfare": (
        "[Concern for safety|Welfare check] [complete|completed] - [all safe|no concerns]. [Resolved|Closed].",
        "[Located|Seen] [safe|safe and well], [no police matter|nothing further for police]. Closed.",
        "[Welfare|Safety] concerns [addressed|resolved] [on attendance|], [advice given|partner agencies "
        "informed]. Closed.", "[Checks complete|Call-backs made], [no further concerns|all fine]. [NFA|Closed]."),
    "street": (
        "[Area search negative|No trace of anyone|No trace]. [Closed|NFA].", "[Parties|Group] [dispersed|"
        "separated] [on police arrival|], [no further issues|no complainant]. [Resolved|Closed].",
        "[Resolved at scene|Dealt with at scene] - [words of advice|advice given]. [NFA|Closed].",
        "[Nothing further|No further issues] [on patrol|reported]. [Closed|NFA].", "[Male|Female|Parties] "
        "[moved on|sent on their way] [with words of advice|]. [Resolved|Closed].", "[No complainant|No one "
        "wishing to make a complaint] [located|found]. [Closed|NFA]."),
    "property": (
        "No lines of enquiry. [Filed|Closed].", "[Crime prevention advice|Advice re insurance|Security advice] "
        "given. [Closed|Resolved].", "[No evidence of an offence|No offence identified] [at this time|]. "
        "[NFA|Closed].", "[Owner|RP] [advised|given advice] [re insurance|re security|]. [Filed|Closed].",
        "[Civil matter|Dispute over ownership] - advised. Closed.", "[RP|Owner] [not contactable|did not "
        "respond to call-backs]. [Filed|Closed]."),
    "comms": (
        "[Advice given re blocking|Advised to block the number|Advised re privacy settings]. [Closed|NFA].",
        "[Not harassment|No course of conduct|No offence in the messages] [- advice given|]. Closed.",
        "[Words of advice given to the sender|Sender spoken to and told to stop contact]. [Closed|Resolved].",
        "[Screenshots|Messages] [seen|reviewed], [advice given|no further police action]. [Closed|Filed].",
        "[Intel only|For information only] [- advice given|]. [Filed|Closed]."),
    "sexual": (
        "[Intel only|For information only] - [no police action requested|advice given]. Filed.",
        "[Logged|N100] [- not crimed at this time|for information]. [Filed|Closed].", "[Safeguarding advice "
        "given|Referred to the SARC|Support services details given]. [Closed|Filed].", "[No offences "
        "disclosed|Nothing further disclosed] [on follow up|]. Closed."),
    "generic": (
        "[No offences disclosed|Nothing further for police]. [NFA|Filed|Closed].", "[Advice given|Words of "
        "advice given]. [Resolved|Closed].", "[Matter resolved|Resolved] [at scene|on phone|]. [NFA|Closed]."),
}
FRAME_CODES = {
    "domestic": ("NON-CRIME DOMESTIC", "DOMESTIC - NO CRIME", "ADVICE GIVEN", "RESOLVED"),
    "neighbour": ("ADVICE GIVEN", "CIVIL MATTER", "RESOLVED", "ASB - RESOLVED", "REFERRED - OTHER AGENCY"),
    "civil": ("CIVIL MATTER", "ADVICE GIVEN", "RESOLVED"),
    "welfare": ("RESOLVED", "CONCERN FOR SAFETY - SAFE", "NO FURTHER ACTION", "SAFE AND WELL"),
    "street": ("NO TRACE", "RESOLVED", "NFA", "ADVICE GIVEN"),
    "property": ("NO CRIME", "ADVICE GIVEN", "FILED", "RESOLVED"),
    "comms": ("ADVICE GIVEN", "NO CRIME", "INTEL ONLY", "RESOLVED"),
    "sexual": ("INTEL ONLY", "NO CRIME", "FILED", "N100 - NO CRIME"),
    "generic": _UNDER_CODES,
}
# Neutral closings fit any log (a sudden death as well as an unrecorded assault).
NEUTRAL_CLOSINGS = (
    "No offences disclosed. [NFA|Filed|Closed].", "[Resolved|Closed] [at scene|on phone|by FCR|]. [No further "
    "police action|NFA|].", "NFA.", "[Dealt with|Resolved] by attending officers.", "[Closed|Resolved] - "
    "[no further police action|nothing further for police].", "Log closed[ by FCR|]. [NFA|]",
    "[Closed|Resolved] [as above|per updates|- see updates].",
)
_NONCRIME_FRAMES = (
    ("verbal_argument", "domestic"), ("teenager", "domestic"), ("domestic_own", "domestic"),
    ("hypothetical", "neighbour"), ("neighbour", "neighbour"), ("noise", "neighbour"),
    ("public_order", "street"), ("civil", "civil"), ("welfare", "welfare"), ("mental_health", "welfare"),
    ("missing", "welfare"), ("sudden_death", "welfare"), ("single_message", "comms"),
    ("malicious_comms", "comms"), ("course_of_conduct", "comms"), ("sexual", "sexual"),
    ("collision", "street"), ("hoax", "street"), ("suspicious", "street"), ("non_notifiable", "street"),
    ("alarming", "street"), ("drug", "street"), ("search", "street"), ("lost", "property"),
    ("disproved", "property"), ("damage", "property"), ("fire", "property"), ("burglary", "property"),
    ("robbery", "property"), ("fraud", "property"), ("idiom", "domestic"),
)


def frame_of(case):
    """The kind of call a log looks like (see ``FRAME_CLOSINGS``), from its facts, never its label."""
    frame = case.frame
    if not frame and case.family == "non-crime":
        frame = next((f for prefix, f in _NONCRIME_FRAMES if case.scenario.startswith(prefix)), "")
    if not frame:
        if case.family == "harassment":
            frame = "comms"
        elif case.family == "sexual":
            frame = "sexual"
        elif case.family == "society":
            frame = "street"
        elif case.family == "property":
            frame = "property"
        elif case.scene.relation in ("partner", "ex", "family"):
            frame = "domestic"
        else:
            frame = "neighbour" if case.scene.relation == "known" else "street"
    if frame == "domestic" and not case.domestic:
        frame = "neighbour" if case.scene.relation != "stranger" else "street"
    return frame


def _ref(r, year):
    """An invented crime reference number."""
    yy = f"{year % 100:02d}"
    t = r.choice(_REF)
    return t.format(yy=yy, n6=f"{r.randrange(0, 999999):06d}", n2=r.randrange(10, 60))


def write_closing(case, recorded, r, year):
    """Closing comment and code for one case given what the force did.

    Returns
    -------
    tuple of (str, str, str)
        ``(closing_comment, closing_code, extra_hard_case)``; the last is ``'contradicting_close'`` when a
        true crime was closed with a bare statement that nothing happened, else ``''``.
    """
    if recorded:
        crime = case.crime_name or r.choice(("common assault", "s5 public order", "harassment",
                                             "criminal damage", "theft"))
        after = _AFTER_NO_VICTIM if case.family == "society" else _AFTER if case.domestic \
            else _AFTER_NON_DOMESTIC
        slots = case.scene.view(r, third_person=True, ref=_ref(r, year), crime=crime, off=officer(r),
                                after=r.choice(after))
        text = expand(r.choice(_RECORDED), r, slots)
        if case.close_evidence and r.random() < 0.5:
            text += " " + expand(case.close_evidence, r, slots) + r.choice((" - for review.", ".",
                                                                           " - refer for cancellation."))
        return tidy(text), "CRIME RECORDED", ""
    slots = case.scene.view(r, third_person=True)
    frame = frame_of(case)
    key, bank = _closing_bank(case, r, frame)
    if not case.domestic:
        bank = tuple(t for t in bank if "domestic" not in t.lower() and "DASH" not in t) or NEUTRAL_CLOSINGS
    text = expand(bank, r, slots)
    if not case.should_record and case.close_evidence:
        text = expand(case.close_evidence, r, slots) + ". " + text
    text = _maybe_advice(case, r, slots, text, 0.3 if case.should_record else 0.25)
    code = _closing_code(case, r, frame)
    extra = "contradicting_close" if case.should_record and key in _BARE and not case.hard_case else ""
    return tidy(text), code, extra


# Crimes hidden in a non-crime frame may be closed with that frame's own closing ("Civil matter re
# child contact"), exactly as the genuine non-crimes of the frame are.
_FRAME_DISGUISED = frozenset(("buried_disclosure",))


def _closing_bank(case, r, frame):
    """``(key, templates)`` for a log closed without a crime; crimes and non-crimes share the banks."""
    situations = [s for s in case.situations if s in _UNDER]
    roll = r.random()
    if case.should_record:
        if case.scenario in _FRAME_DISGUISED and r.random() < 0.4:
            return "frame", case.close_nocrime
        if situations and roll < 0.42:
            key = r.choice(situations)
            bank = _UNDER[key]
            if key in _BARE and case.family in _UNDER_FAMILY:
                bank = _UNDER_FAMILY[case.family]
            return key, bank
        if roll < 0.82:
            return "frame", FRAME_CLOSINGS[frame]
        if roll < 0.9 and case.family in _UNDER_FAMILY:
            return "generic", _UNDER_FAMILY[case.family]
        return "neutral", NEUTRAL_CLOSINGS
    if roll < 0.38:
        return "own", case.close_nocrime
    if roll < 0.78:
        return "frame", FRAME_CLOSINGS[frame]
    if situations and roll < 0.88:
        return "situation", _UNDER[r.choice(situations)]
    if roll < 0.9 and case.family in _UNDER_FAMILY:
        return "family", _UNDER_FAMILY[case.family]
    return "neutral", NEUTRAL_CLOSINGS


def _closing_code(case, r, frame):
    """Closing code of a log closed without a crime, from code pools shared by crimes and non-crimes."""
    roll = r.random()
    if not case.should_record and roll < 0.4:
        return r.choice(case.codes_nocrime)
    if roll < 0.75:
        codes = FRAME_CODES[frame]
    else:
        codes = _UNDER_CODES + (("NON-CRIME DOMESTIC", "DOMESTIC - NO CRIME") if case.domestic else ())
    if not case.domestic:
        codes = tuple(c for c in codes if "DOMESTIC" not in c) or _UNDER_CODES
    return r.choice(codes)


def _maybe_advice(case, r, slots, text, rate):
    """Sometimes add 'advised re <offence>' to a closing that records no crime (crime or not)."""
    if r.random() >= rate or (not case.should_record and case.over_weight < 0):
        return text  # no offence advice after a sudden death, welfare check, missing person...
    bank = _ADVICE_OFFENCES["domestic"] if case.domestic else _ADVICE_OFFENCES.get(case.family,
                                                                                    _ADVICE_OFFENCES[""])
    offence = case.crime_name if case.crime_name and r.random() < 0.4 else r.choice(bank)
    line = expand(_ADVICE_RE, r, case.scene.view(r, third_person=True, offence=offence))
    return text + " " + line if r.random() < 0.6 else line + " " + text
