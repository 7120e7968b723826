"""Simulated recording decisions and the closing comments a force writes for them.

The truth (``should_record``, category, situations) is fixed first; this module then decides what the
simulated force *did* (``recorded``) from a ``RecordingProfile`` and writes a ``closing_comment`` and
``closing_code`` consistent with that decision, including the under-recording reasons that contradict
the call and the genuine contrary evidence that closes real non-crimes.
"""

import numpy as np

from training._phrasing import expand, officer, tidy

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
_BARE = frozenset(("generic", "update_only"))


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
    if not case.should_record:
        text = expand(case.close_nocrime, r, slots)
        if case.close_evidence:
            text = expand(case.close_evidence, r, slots) + ". " + text
        text = _maybe_advice(case, r, slots, text, 0.25)
        return tidy(text), r.choice(case.codes_nocrime), ""
    keys = [s for s in case.situations if s in _UNDER]
    key = r.choice(keys) if keys and r.random() < 0.8 else "generic"
    bank = _UNDER[key]
    if key in _BARE and case.family in _UNDER_FAMILY:
        bank = _UNDER_FAMILY[case.family]
    if not case.domestic:
        bank = tuple(t for t in bank if "domestic" not in t and "DASH" not in t) or _UNDER["generic"]
    text = _maybe_advice(case, r, slots, expand(bank, r, slots), 0.3)
    codes = _UNDER_CODES + (("NON-CRIME DOMESTIC", "DOMESTIC - NO CRIME") if case.domestic else ())
    extra = "contradicting_close" if key in _BARE and not case.hard_case else ""
    return tidy(text), r.choice(codes), extra


def _maybe_advice(case, r, slots, text, rate):
    """Sometimes add 'advised re <offence>' to a closing that records no crime (crime or not)."""
    if r.random() >= rate or (not case.should_record and case.over_weight < 0):
        return text  # no offence advice after a sudden death, welfare check, missing person...
    bank = _ADVICE_OFFENCES["domestic"] if case.domestic else _ADVICE_OFFENCES.get(case.family,
                                                                                    _ADVICE_OFFENCES[""])
    offence = case.crime_name if case.crime_name and r.random() < 0.4 else r.choice(bank)
    line = expand(_ADVICE_RE, r, case.scene.view(r, third_person=True, offence=offence))
    return text + " " + line if r.random() < 0.6 else line + " " + text
