"""Hard cases with more spread: idioms, everyday offence words, third-party reports and retractions.

Each builder here comes in matched pairs that share their wording, so that only the facts decide the
label (a word, an idiom, a call type or a retraction never does on its own). Labelling rules applied
(primer sections in brackets); every builder names its rule in its docstring.

Crimes (should_record True):
- ``idiom_with_offence``: a row described with violent-sounding idioms ("it all kicked off", "he went
  mental") in which an offence did happen: a push/grab/slap -> "Violence without injury", a punch with
  injury -> "Violence with injury", deliberate damage to the victim's property -> "Criminal damage and
  arson", a threat to kill that the victim fears -> "Violence without injury" (primer: what commonly is).
- ``everyday_words_offence``: keys, online posts, marks, "not scared" / "no longer afraid" in an account
  of an offence: keys taken and the victim's car driven off -> "Theft offences"; a car scratched with a key
  -> "Criminal damage and arson"; entry to her home with an old key to steal -> "Burglary"; abusive posts
  about her online on several occasions -> "Stalking and harassment"; red marks where she was grabbed ->
  "Violence without injury" (reddening stays without injury); a push the victim is "not scared" about ->
  "Violence without injury" (common assault needs neither injury nor fear); a threat to kill she feared
  at the time and "no longer" fears -> "Violence without injury" (the fear at the time decides).
- ``third_party`` (confirmed by the victim), ``third_party_supported`` (victim denies, but injury seen by
  officers, an independent witness or footage supports it) and ``third_party_vulnerable`` (the victim is a
  child or an adult who cannot give an account: no confirmation needed) -> the offence's group (primer 8).
- ``retraction_unverified``: the victim has a change of heart (withdraws, wants it dropped, no longer
  wants police involved) with nothing verifiable to show that no offence happened -> still a crime
  (primer 5, 6: a change of heart is not evidence).

Non-crimes (should_record False):
- ``idiom_no_offence``: the same idioms about a row, a party, exam results or pain, with nothing physical,
  no damage, no threat and nobody in fear -> "No crime".
- ``everyday_words_no_offence``: lost keys or a locked-out occupier climbing in, an online order that is
  late or misdelivered (seller refunding), marks on an exhaust or bumper explained by wear or a kerb,
  polite contact the caller is "not scared" about or "no longer afraid" of -> "No crime".
- ``third_party_denied``: an adult victim flatly denies a third party's report and nothing else supports
  it -> "No crime" (primer 8).
- ``retraction_verified``: the same change of heart, with additional verifiable information showing no
  offence took place (CCTV, the item found where it was left, records, an admission of inventing it with
  its details) -> "No crime" (primer 6, 9).
Domestic-abuse flag: set when the parties are partners, ex-partners or family aged 16+, crime or not.
"""

from training.generator.scenarios.common import CALL, COUNTER, DECLINED, NO_CRIME, ONLINE, SUPPORTS, Case, attend

WITHOUT_INJURY, WITH_INJURY = "Violence without injury", "Violence with injury"
_DAMAGE, _THEFT, _BURGLARY, _HARASS = "Criminal damage and arson", "Theft offences", "Burglary", \
    "Stalking and harassment"


def _scene(r, env, relation, channel, **kw):
    """Scene for one log in ``channel``."""
    return env.scene(r, relation=relation, first_person=channel == ONLINE, **kw)


# --- violent-sounding idioms ------------------------------------------------------------------------
# (frame, relations, opening codes, idiom lines). The same frames serve the crime and the non-crime.
_IDIOM_FRAMES = (
    ("domestic", ("partner", "ex", "family"),
     ("DOMESTIC", "DOMESTIC - VERBAL", "DISTURBANCE", "CONCERN FOR SAFETY"), (
        "{O} [went mental|kicked off|lost it|went ballistic|blew up|went off on one] [about the phone bill|over "
        "money|when {o} saw the state of the kitchen|about the car|over the washing up|about {v_pos} mum "
        "visiting]", "it [all|] kicked off [at home|at the address|in the kitchen] [over money|about the "
        "kids|when {o} got in from the pub]", "{O} [was|has been] [going mental|kicking off|raging] [all "
        "evening|since {o} got home|about the wifi]")),
    ("neighbour", ("known",), ("NEIGHBOUR DISPUTE", "ASB", "DISTURBANCE", "NOISE"), (
        "{O} [next door|from number {num}] [went mental|kicked off|lost it|went ballistic] [about the bins|"
        "about {v_pos} car parked outside|over the hedge|when {v} asked {o_obj} to turn the music down]",
        "it [all|] kicked off [on the drive|in the street|over the fence] [with|between {vo} and] {O} [over "
        "parking|about the kids' football]")),
    ("street", ("stranger",), ("DISTURBANCE", "FIGHT", "ASB", "PUBLIC ORDER"), (
        "it [all|] kicked off [outside|in|in the smoking area of] {pub} [between two groups|over a spilt "
        "drink|at closing time]", "[a group|some lads|two men] [were|started] [going mental|kicking off|"
        "having a go] [outside|at] [{pub}|{shop}|the taxi rank]")),
)
_IDIOM_ASIDES = (
    "{V} [said|says] [work|{v_pos} back|the stress|{v_pos} head] [is|has been] killing {v_obj} [lately|this "
    "week|]", "[{v_pos} son|{v_pos} daughter|the eldest] [smashed|absolutely smashed] [{v_pos}|their] "
    "[exams|GCSEs|driving test] [this week|{day}]", "[everyone|the family] had been [in stitches|"
    "killing themselves laughing] [earlier in the evening|at a film earlier]",
    "{V} said {v} [could murder a brew|was dying for a cup of tea] [when officers arrived|]", "[the kids|everyone] [were|was] [going mental|hyper] [after the "
    "party|about the snow]",
)
_IDIOM_NOTHING = (
    "[nothing physical|no one touched anyone|no violence] [happened|took place|at any point]",
    "{V} [is|was] not [scared|afraid|in fear] [of {o_obj}|], [just|only] [fed up|annoyed|wants peace]",
    "[just|only] [shouting|raised voices|a lot of noise|swearing about the situation], [no threats made|"
    "nobody threatened]", "[no damage|nothing broken|nothing thrown], [calm on arrival|all calm now]",
    "[no one|nobody] [hurt|injured], [no complaint of any assault|no allegations made]",
)
_IDIOM_OFFENCE = (
    (WITHOUT_INJURY, "common assault", "violence", "[and|then] {O} [[pushed|shoved] {v_obj} [into the wall|out "
     "of the way|over]|grabbed {v_obj} by the [arm|throat|hair]|slapped {v_obj} across the face]"),
    (WITH_INJURY, "ABH", "violence", "[and|then] {O} [punched|headbutted|hit] {v_obj} [in the face|in the mouth] "
     "[causing a cut lip|leaving a swollen eye|and {v_pos} nose bled]"),
    (_DAMAGE, "criminal damage", "property", "[and|then] {O} [smashed|snapped|threw and broke] {v_pos} [phone|"
     "laptop|glasses|car wing mirror] [on purpose|in temper]"),
    (WITHOUT_INJURY, "threats to kill", "violence", "[and|then] {O} [said|told {v_obj}] {o} would [kill|stab] "
     "{v_obj} and {v} {v_is} [terrified|scared|frightened] {o} [will do it|means it]"),
)
_IDIOM_UPDATE = (
    "[Both parties|Both] spoken to [separately|]", "[Parties separated|{o_ref} left the area|{o_ref} went "
    "to a friend's] [for the night|]", "[Checks|PNC checks] completed [on both|], [nothing of note|previous "
    "logs noted]", "[Advice given|Words of advice given] to [both parties|all parties|{o_ref}]",
)


def build_idiom_no_offence(r, env):
    """Rule: violent-sounding idioms with nothing physical, no damage, no threat, nobody in fear -> No crime."""
    frame, relations, codes, lines = r.choice(_IDIOM_FRAMES)
    channel = r.choices((CALL, ONLINE, COUNTER), (80, 12, 8))[0]
    sc = _scene(r, env, r.choice(relations), channel)
    case = Case("idiom_no_offence", "non-crime", NO_CRIME, domestic=sc.domestic, scene=sc, channel=channel,
                hard_case="hard_negative_idiom", opening_codes=codes, frame=frame, over_weight=0.8,
                close_nocrime=("[Verbal only|Raised voices only|Shouting only] - [nothing physical|no offences]. "
                               "[Advice given|Resolved].", "[No offences|Nothing physical], [nobody in fear|"
                               "no complaint]. [Closed|Parties advised]."),
                codes_nocrime=("ADVICE GIVEN", "RESOLVED", "NO CRIME"))
    case.call = [r.choice(lines), r.choice(_IDIOM_NOTHING)]
    if r.random() < 0.45:
        case.call.append(r.choice(_IDIOM_ASIDES))
    upd = [attend(r)] + r.sample(_IDIOM_UPDATE, 2) + [r.choice(_IDIOM_NOTHING)]
    if r.random() < 0.25:
        upd.append(r.choice(DECLINED))  # non-crime callers also "don't want police action"
        case.situations = ("declined",)
    case.updates = [upd]
    return case


def build_idiom_with_offence(r, env):
    """Rule: the same idioms describing a row in which an offence happened -> the offence's group."""
    frame, relations, codes, lines = r.choice(_IDIOM_FRAMES)
    group, crime, family, act = r.choice(_IDIOM_OFFENCE)
    channel = r.choices((CALL, ONLINE, COUNTER), (80, 12, 8))[0]
    sc = _scene(r, env, r.choice(relations), channel)
    case = Case("idiom_with_offence", family, group, domestic=sc.domestic, scene=sc, channel=channel,
                hard_case="idiom_with_offence", opening_codes=codes, frame=frame, crime_name=crime,
                situations=("minimised",) if r.random() < 0.3 else ())
    case.call = [r.choice(lines) + " " + act]
    if r.random() < 0.45:
        case.call.append(r.choice(_IDIOM_ASIDES))
    upd = [attend(r)] + r.sample(_IDIOM_UPDATE, 2)
    roll = r.random()
    if roll < 0.3:
        upd.append(r.choice(DECLINED))
        case.situations += ("declined",)
    elif roll < 0.6:
        upd.append(r.choice(SUPPORTS))
    case.updates = [upd]
    return case


# --- everyday words that are also offence words -------------------------------------------------
# Non-crime kinds: (kind, frame, relation, opening codes, call lines, resolving update lines).
_EVERYDAY_NEG = (
    ("keys", "property", "stranger", ("LOST PROPERTY", "GENERAL ENQUIRY", "SUSPICIOUS CIRCS"), (
        "{V} [has lost|lost|can't find] {v_pos} [keys|car keys|house keys|door keys] [in town|at the gym|"
        "somewhere on {street}|on the bus]", "{V} [left|dropped] {v_pos} [keys|car key] [in a taxi|at {pub}|"
        "in the park] and [wants to know if they have been handed in|needs a reference for the locksmith]"), (
        "[keys|the keys] [handed in|found in {v_pos} coat pocket|located at the gym|handed to staff at {shop}]",
        "[no one|nobody] [else|] [involved|has been in the property|has used the keys]")),
    ("locked_out", "street", "stranger", ("SUSPICIOUS CIRCS", "BURGLARY", "INTRUDER"), (
        "[caller|neighbour] [reports|can see] a [man|woman|person] [climbing in through|trying to get in "
        "through] a [window|back window] at {addr}",), (
        "[it was|person was] the [occupier|resident|tenant], who had [lost {v_pos} keys|locked {v_self} out|"
        "left the keys inside] - [ID and tenancy checked|confirmed by the landlord|neighbours confirm {v} "
        "lives there]", "[no|nil] [offences|damage|entry by anyone else]")),
    ("online_order", "civil", "stranger", ("ONLINE REPORT", "THEFT", "FRAUD", "GENERAL ENQUIRY"), (
        "{V} [ordered|bought] [a sofa|trainers|a phone case|a dress|a games console] online [and it has not "
        "arrived|and the delivery is {num} days late|and got the wrong item]", "{V} [does|did] [{v_pos}|the] "
        "[food shop|shopping] online and [the parcel|the delivery] [went to the wrong address|was left with a "
        "neighbour|has gone missing in the post]"), (
        "[courier|seller|the shop] [confirmed|says] [it was delivered next door|it is delayed|a refund has "
        "been issued|a replacement is on its way]", "[consumer issue|civil matter] - [advised to contact the "
        "seller|advised re Citizens Advice consumer helpline|seller is refunding]")),
    ("exhaust_marks", "property", "stranger", ("CRIMINAL DAMAGE", "DAMAGE", "SUSPICIOUS CIRCS"), (
        "{V} [noticed|found] [black|sooty|scorch|scrape] marks [on|around] [the exhaust|{v_pos} exhaust|the "
        "rear bumper] [this morning|after parking on {street}|after a long drive] and {v} [thinks someone has "
        "tampered with the car|is worried someone damaged it]",), (
        "[garage|mechanic|a friend who is a mechanic] [says|has confirmed] [the marks are normal soot|it was a "
        "kerb strike|it is wear and tear|it happened going over a speed bump]", "no [damage caused by anyone|"
        "deliberate damage|sign of tampering]")),
    ("not_scared", "civil", "ex", ("CHILD CONTACT", "CIVIL DISPUTE", "GENERAL ENQUIRY", "DOMESTIC"), (
        "{V} [says|states] {O} [asked to see the kids|dropped a birthday card round|came to collect {o_pos} "
        "things] [by arrangement|as agreed|politely] - {v} {v_is} not [scared|bothered|worried], [just|only] "
        "wants [advice|it noted]", "{V} [is|says {v} is] no longer [afraid|worried|frightened] [now {o} has "
        "moved away|since {o} got a new partner|as things have calmed down] and [wants the marker removed|"
        "just wanted to update police|wants advice about contact]"), (
        "[no|nil] [threats|abuse|unwanted contact] [disclosed|reported], contact was [agreed|by arrangement]",
        "{V} [happy with advice|content], [advised re contact arrangements|marker reviewed]")),
)
# Crime kinds using the same words: (kind, group, family, crime name, relation, call lines).
_EVERYDAY_OFFENCE = (
    ("keys_taken", _THEFT, "property", "theft of motor vehicle", "known", (
        "{O} [took|snatched|grabbed] {v_pos} [car keys|keys] [from the table|out of {v_pos} bag] and [drove "
        "off in {v_pos} car|took {v_pos} car] [without permission|even though {v} said no]",)),
    ("keyed_car", _DAMAGE, "property", "criminal damage", "known", (
        "{O} [scratched|keyed|dragged {o_pos} keys along] {v_pos} car [with {o_pos} keys|with a key|down the "
        "side] [after the row|{day}]",)),
    ("exhaust", _DAMAGE, "property", "criminal damage", "known", (
        "{O} [kicked|stamped on|jumped on] {v_pos} car [{day}|after the row] [leaving dents and scuff marks on "
        "the exhaust|snapping the exhaust|leaving marks on the bumper and exhaust] [on purpose|in temper]",)),
    ("old_key", _BURGLARY, "property", "residential burglary", "ex", (
        "{O} [used an old key|let {o_self} in with a spare key {o} kept] [to get into|and went into] {v_pos} "
        "flat [while {v} was at work|{day}] and took [cash|{v_pos} laptop|{v_pos} jewellery]",)),
    ("online_posts", _HARASS, "harassment", "harassment", "ex", (
        "{O} [has been posting|keeps posting] [abusive comments|lies|nasty posts] about {v_obj} online [every "
        "day|on {num} occasions|since {month}] and {v} {v_is} [distressed|very upset|anxious]",)),
    ("red_marks", WITHOUT_INJURY, "violence", "common assault", "partner", (
        "{O} grabbed {v_obj} [by the arm|by the wrists|round the arm] [during the row|when {v} tried to leave] "
        "[leaving red marks|and there are red marks] on {v_pos} [arm|wrists]",)),
    ("not_scared", WITHOUT_INJURY, "violence", "common assault", "ex", (
        "{O} [pushed|shoved|slapped] {v_obj} [at the handover|on the doorstep|{day}] - {v} {v_is} not "
        "[scared|frightened] of {o_obj} but wants it [recorded|on record|dealt with]",)),
    ("no_longer_afraid", WITHOUT_INJURY, "violence", "threats to kill", "ex", (
        "{O} [told|texted] {v_obj} {o} would kill {v_obj} [last week|{day}] and {v} {v_was} [terrified|"
        "petrified] at the time; {v} {v_is} no longer afraid now {o} has [moved away|been spoken to] but "
        "[wants it recorded|wanted police to know]",)),
)


def build_everyday_words_no_offence(r, env):
    """Rule: offence words used about an innocent matter (lost keys, an online order, exhaust marks, a caller
    who is not scared of polite contact) disclose no offence -> No crime."""
    kind, frame, relation, codes, calls, updates = r.choice(_EVERYDAY_NEG)
    channel = CALL if kind == "locked_out" else r.choices((CALL, ONLINE, COUNTER), (60, 30, 10))[0]
    sc = _scene(r, env, relation, channel)
    case = Case("everyday_words_no_offence", "non-crime", NO_CRIME, domestic=sc.domestic, scene=sc,
                channel=channel, hard_case="hard_negative_everyday_words", opening_codes=codes, frame=frame,
                over_weight=0.6, close_nocrime=("[No offences disclosed|No offence] - [advice given|explained "
                                                "to {vo}]. [Closed|Resolved].", "[Not a police matter|No crime]"
                                                " - [advice given|{vo} content]. Closed."),
                codes_nocrime=("ADVICE GIVEN", "RESOLVED", "NO CRIME"))
    case.call = [r.choice(calls)]
    case.updates = [[attend(r)] + list(updates)]
    return case


def build_everyday_words_offence(r, env):
    """Rule: the same everyday words in an account of an offence -> the group in ``_EVERYDAY_OFFENCE``."""
    kind, group, family, crime, relation, calls = r.choice(_EVERYDAY_OFFENCE)
    channel = r.choices((CALL, ONLINE, COUNTER), (60, 30, 10))[0]
    sc = _scene(r, env, relation, channel)
    case = Case("everyday_words_offence", family, group, domestic=sc.domestic, scene=sc, channel=channel,
                hard_case="everyday_words_offence", crime_name=crime,
                opening_codes={"property": ("THEFT", "CRIMINAL DAMAGE", "BURGLARY", "CIVIL DISPUTE"),
                               "harassment": ("HARASSMENT", "ONLINE REPORT", "MALICIOUS COMMS", "CIVIL DISPUTE"),
                               "violence": ("DOMESTIC", "ASSAULT", "CHILD CONTACT", "CONCERN FOR SAFETY")}[family])
    case.call = [r.choice(calls)]
    upd = [attend(r), r.choice(("[Account|First account] taken from {vo}", "[Spoke to|Saw] {vo} [at home|on the "
                                "phone]", "[Checks|PNC checks] completed on {o_ref}"))]
    roll = r.random()
    if roll < 0.3:
        upd.append(r.choice(DECLINED))
        case.situations = ("declined",)
    elif roll < 0.55:
        upd.append(r.choice(SUPPORTS))
    case.updates = [upd]
    return case


# --- third-party reports (primer 8) -------------------------------------------------------------------
_TP_REPORTERS = ("{v_pos} [mum|sister|brother|friend|dad]", "a [colleague|neighbour|friend] of {vo}",
                 "[a passer by|a member of the public|door staff]")
_TP_VULNERABLE = ("[a support worker|{v_pos} carer|staff at the care home|the day centre manager]",
                  "[{v_pos} teacher|the school's safeguarding lead|a youth worker]")
# (group, crime name, family, what the reporter says happened)
_TP_OFFENCES = (
    (WITHOUT_INJURY, "common assault", "violence", "{O} [pushed|slapped|grabbed|shoved] {vo} [{day}|at "
     "the weekend|in the street]"),
    (_HARASS, "harassment", "harassment", "{O} [keeps turning up at|won't stop messaging|follows] {vo} "
     "[every day|night after night|after work] and {v} {v_is} [frightened|distressed]"),
    (_DAMAGE, "criminal damage", "property", "{O} [smashed|kicked in|damaged] {v_pos} [car window|front door|"
     "phone] [{day}|last night]"),
    (_THEFT, "theft", "property", "{O} [has been taking|took] [money|cash|{v_pos} bank card] from {vo} "
     "[without asking|while {v} was out|for weeks]"),
)
_TP_CONFIRM = ("{V} [spoken to and confirms|confirmed the account|agreed it happened as reported|gave a first "
               "account matching the report]",)
_TP_DENY = ("{V} [flatly denies|denies] [anything happened|it happened|there is anything wrong]",
            "{V} [says|insists] [nothing happened|{o} has done nothing]", "{V} [says|states] the [report|caller] [is mistaken|has got it wrong] "
            "and [nothing happened|all is fine]")
_TP_NOTHING = ("[no injuries|no marks|no damage] [seen|observed|found]", "[no|nil] [witnesses|CCTV|other "
               "evidence] [located|found|available]", "[caller|reporter] [could not say more|only heard it "
               "second hand]")
_TP_SUPPORT = ("[officers|attending officers] [observed|saw] [fresh|] [bruising|red marks|a cut] [on|to] "
               "{v_pos} [face|arm|neck]", "[an independent|a] witness [confirmed|described] what [happened|"
               "{o} did]", "[CCTV|doorbell footage|dashcam] [shows|captured] [the incident|{o} doing it]")
_TP_UNABLE = ("{V} [has dementia|has severe learning disabilities|is non-verbal|is {vage}] and [could not "
              "give an account|was unable to confirm what happened|could not be interviewed]",)


def build_third_party_report(r, env):
    """Rule (primer 8): a third party's report is a crime once the victim confirms it, or when something
    else supports it, or without confirmation when the victim is a child or vulnerable adult; an adult
    victim who flatly denies it with nothing else to support it -> No crime."""
    group, crime, family, what = r.choice(_TP_OFFENCES)
    variant = r.choices(("third_party", "third_party_supported", "third_party_vulnerable", "third_party_denied"),
                        (30, 20, 17, 33))[0]
    vulnerable = variant == "third_party_vulnerable"
    relation = r.choice(("known", "known", "stranger")) if vulnerable else r.choice(("partner", "ex", "family",
                                                                                      "known", "stranger"))
    age = r.choice((r.randrange(8, 15), r.randrange(70, 92), r.randrange(20, 60))) if vulnerable else None
    sc = _scene(r, env, relation, CALL, victim_age=age, caller="the reporter")  # the victim is not the caller
    label = NO_CRIME if variant == "third_party_denied" else group
    case = Case("third_party_report", family if label != NO_CRIME else "non-crime", label,
                domestic=sc.domestic, scene=sc, channel=CALL, hard_case=variant, crime_name=crime,
                situations=("third_party",), opening_codes=("CONCERN FOR SAFETY", "THIRD PARTY REPORT",
                                                            "SAFEGUARDING", "GENERAL ENQUIRY", "ASSAULT"),
                over_weight=1.0, close_nocrime=(
                    "[3rd party|Third party] report, [IP|the adult concerned] [denies|states nothing happened], "
                    "[nothing to support it|no evidence of any offence]. [Advice given|NFA|Filed].",),
                codes_nocrime=("NO CRIME", "ADVICE GIVEN", "RESOLVED"),
                frame={"violence": "", "harassment": "comms", "property": "property"}[family])
    sc.lazy["reporter"] = r.choice(_TP_VULNERABLE if vulnerable else _TP_REPORTERS)
    case.call = ["[{reporter}|caller, {reporter},] [calling|reporting|is worried] [that|because] " + what,
                 "[caller|reporter] [is not the victim|heard about it from {vo}|saw it happen]"]
    upd = [attend(r)]
    if variant == "third_party":
        upd.append(r.choice(_TP_CONFIRM))
        upd.append(r.choice(DECLINED + SUPPORTS))
    elif variant == "third_party_supported":
        upd += [r.choice(_TP_DENY), r.choice(_TP_SUPPORT)]
        case.situations += ("declined",)
    elif vulnerable:
        upd += [r.choice(_TP_UNABLE), "[safeguarding referral|adult safeguarding referral|MASH referral] "
                "[made|submitted]"]
        case.domestic = False
    else:
        upd += [r.choice(_TP_DENY), r.choice(_TP_NOTHING)]
    case.updates = [upd]
    return case


# --- retractions with and without verifiable information (primer 6, 9) ------------------------------
# (group, crime name, family, frame, report, verifiable information showing nothing happened)
_RETRACT_KINDS = (
    (WITHOUT_INJURY, "common assault", "violence", "", (
        "{O} [pushed|slapped|grabbed] {v_obj} [outside {pub}|at {addr}|in the car park at {shop}]",), (
        "[CCTV|doorbell footage|the venue's CCTV] [covering the whole incident|] [shows|confirms] {o} [never "
        "touched {v_obj}|was not there|walked away without any contact]", "{V} [admitted|has admitted] in "
        "[a recorded call|interview] [inventing|making up] the allegation [to get {o_obj} evicted|out of anger "
        "after a row] and [gave the details|explained why]",
        "{o_ref} [was in custody|was at work - confirmed by {o_pos} employer's records|was abroad - travel "
        "records seen] at the time")),
    (_THEFT, "theft", "property", "property", (
        "{v_pos} [phone|purse|bank card|watch] [was stolen|has been taken] [at {pub}|from {v_pos} bag|at "
        "work]",), (
        "[the item|{v_pos} phone|the purse] [was found|has been found] [in {v_pos} car|at {v_pos} mum's|under "
        "the seat of {v_pos} car] where {v} [left it|had dropped it]",
        "[bank|card provider] confirms [the card was used by {v_pos} son with permission|no transactions "
        "were made] and [the card|it] was [in {v_pos} other bag|never taken]")),
    (_DAMAGE, "criminal damage", "property", "property", (
        "[someone|an unknown person] [damaged|dented|smashed the mirror of] {v_pos} car [on {street}|"
        "overnight]",), (
        "[the damage|the dent] [was already on the MOT record from last year|is shown in photos from before "
        "the date|was caused by a council bin lorry - council confirms]",)),
    (_HARASS, "malicious communications", "harassment", "comms", (
        "{O} [sent|has been sending] {v_obj} [threatening|abusive] [messages|texts]",), (
        "[phone|network] [records|download] [shows|show] the messages [came from {v_pos} own phone|were sent "
        "by {v} to {v_self}]", "[the original messages|{o_pos} phone] [seen by officers|examined] - the "
        "screenshots [had been edited|were not genuine] and contain no threat")),
)
_RETRACT = (
    "{V} [rang back|called back|later said|now says] [{v} wants to withdraw the report|{v} no longer wants "
    "police involved|{v} doesn't want to take it any further|it was \"nothing\" and {v} wants it dropped]",
    "{V} [withdrew|retracted] [the allegation|{v_pos} account|{v_pos} complaint] [the next day|on callback|"
    "when officers attended] [saying|and said] [{v} wants it dropped|{v} just wants to move on|{v} has "
    "changed {v_pos} mind]",
)
_RETRACT_NO_PROOF = (
    "[no|nil] [evidence|verifiable information] [either way|to show it did not happen]",
    "{o_ref} [was|could be heard] [in the room|in the background] when {v} [called back|withdrew]",
    "{V} [sounded|seemed|appeared] [frightened|very nervous|upset] when withdrawing",
    "[original account was detailed|{v_pos} first account was clear and consistent]",
)


def build_retraction(r, env):
    """Rule: a retraction alone is not credible evidence to the contrary (primer 5, 6) -> still a crime;
    the same retraction with additional verifiable information that no offence occurred -> No crime."""
    group, crime, family, frame, reports, proofs = r.choice(_RETRACT_KINDS)
    verified = r.random() < 0.5
    relation = r.choice(("partner", "ex", "known", "stranger")) if family in ("violence", "harassment") \
        else "stranger"  # the property reports name no offender
    channel = r.choices((CALL, ONLINE, COUNTER), (65, 25, 10))[0]
    sc = _scene(r, env, relation, channel)
    label = NO_CRIME if verified else group
    case = Case("retraction", "non-crime" if verified else family, label, domestic=sc.domestic, scene=sc,
                channel=channel, hard_case="retraction_verified" if verified else "retraction_unverified",
                crime_name=crime, frame=frame, situations=("declined",), over_weight=1.2,
                opening_codes={"violence": ("ASSAULT", "DOMESTIC", "DISTURBANCE"), "property": (
                    "THEFT", "CRIMINAL DAMAGE", "LOST PROPERTY"), "harassment": ("MALICIOUS COMMS", "HARASSMENT",
                                                                                 "THREATS")}[family],
                close_nocrime=("[Allegation withdrawn|Report withdrawn] and [verified|confirmed] - no offence "
                               "[occurred|took place]. [No crime|Closed].", "[Verifiable information|Checks] "
                               "[show|confirm] no offence. [IP informed|Closed]."),
                codes_nocrime=("NO CRIME", "RESOLVED"))
    case.call = [r.choice(reports)]
    first = [attend(r), r.choice(("[Account|First account] taken from {vo}", "[Spoke to|Saw] {vo} [at home|on "
                                  "the phone]", "{V} [repeated|confirmed] the account"))]
    second = [r.choice(_RETRACT)]
    if verified:
        second.append(r.choice(proofs))
    else:
        second.append(r.choice(_RETRACT_NO_PROOF))
    case.updates = [first, second]
    return case


SCENARIOS = {
    build_idiom_no_offence: 1.6, build_idiom_with_offence: 1.3, build_everyday_words_no_offence: 2.0,
    build_everyday_words_offence: 1.6, build_third_party_report: 2.2, build_retraction: 1.8,
}
