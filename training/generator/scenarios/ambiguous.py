"""Ambiguous scenarios: offences hidden in non-crime frames, and alarming calls with nothing made out.

These exist so that the *frame* of a log (opening code, call type, closing wording) never gives the label
away: the same frames lead to a crime or not depending only on the facts. Labelling rules applied here
(primer sections in brackets); every builder names its rule in its docstring.

Crimes (should_record True):
- ``buried_disclosure``: a civil / child-contact / welfare / noise / parking / lost-property / housing call
  in which the caller mentions, in passing (often with no cue at all), that the other party assaulted,
  threatened (in fear), harassed (a course of conduct), sent a threatening message or damaged her
  property on an earlier occasion. The disclosure is an account of an offence; the non-crime frame, the non-crime opening code
  and a non-crime closing do not change that (primer 2, 4, 7). Group from the disclosed act.
- ``neighbour_threat_words_only``: a neighbour / parking / bins dispute where the other party threatened
  violence and the victim was put in fear (shaking, upset, afraid to go out); the officer calls it
  "words only". Threat to kill or stab that is feared -> "Violence without injury" (threats to kill);
  any other threat of violence causing fear -> "Public order offences" (s4 fear of violence). The
  officer's "words only" is opinion, not contrary evidence (primer 4, 6).
- ``domestic_third_party_damage``: during a domestic incident the suspect deliberately damages property
  belonging to someone else (landlord, housing association, employer, a friend) and offers to pay or
  repair; closed as a verbal argument -> "Criminal damage and arson", DA flag (primer: damage; offering
  to repair is not a defence and does not stop recording).
- ``varied_crime``: common offences in unfamiliar contexts (pickpocketing noticed afterwards, a taxi
  driver touching a passenger, racially aggravated abuse of a worker, robbery at a cash machine, doorstep
  distraction burglary, snatch theft, voyeurism, road-rage assault...), each with its HOCR group stated
  next to it in ``_VARIED``.

Non-crimes (should_record False):
- ``buried_non_offence``: the same non-crime frames with an aside about the other party that is *not*
  an offence (rude on the doorstep, late with maintenance, shouted about money, nobody in fear).
- ``neighbour_words_negative``: neighbour dispute with heated words that threaten no violence (solicitor,
  council, "you'll regret it" about a planning objection) and the caller says she is not afraid.
- ``domestic_own_damage``: a partner breaks only his own property (own phone, own games console), no
  threat, nobody in fear -> "No crime" (damage to one's own property is not criminal damage); DA flag
  set as a domestic incident.
- ``alarming_code_negative``: FIREARMS / SEXUAL OFFENCE / ASSAULT / WEAPONS / KIDNAP calls resolved by a
  fact: toy or replica at a party, a man urinating out of view with no intent, an accidental brush in a
  queue, fireworks or a backfiring car, a gardener or chef carrying work tools, children playing or foxes
  screaming, play fighting, a parent collecting a child by arrangement, a cut hand from a fall on glass
  (primer 6: verifiable facts show no offence). The resolving fact is often only in an update.
- ``drug_smell_negative``: neighbour reports a smell of cannabis or "dealing"; nothing found, nobody
  identified -> "No crime" (crimes against the state need the points to prove made out, primer 3).
- ``course_of_conduct_duplicate``: further messages/visits in a course of conduct already recorded as a
  crime -> added to the existing crime, "No crime" for this log (primer 9, duplicate).
- ``burglary_authorised_entry``: a "burglary" where the entry was authorised (landlord's agent or a
  contractor with a key and notice) -> "No crime" (primer 6: verifiable information).
- ``teenager_kicking_off``: a parent calls about a teenager shouting and slamming doors, "kicking off";
  nothing physical, nothing damaged, nobody afraid -> "No crime". DA flag only if the teenager is 16+.
"""

from training.generator.scenarios.common import CALL, COUNTER, DECLINED, NO_CRIME, ONLINE, SUPPORTS, Case, attend

WITHOUT_INJURY, WITH_INJURY = "Violence without injury", "Violence with injury"

# --- non-crime frames in which something is mentioned in passing ---------------------------------
_FRAMES = {
    "child_contact": {
        "open": ("CHILD CONTACT", "CIVIL DISPUTE", "CONCERN FOR SAFETY", "DOMESTIC"),
        "rel": ("ex",),
        "call": ("{V} {v_is} [calling|ringing] [re|about] child contact - {O} [has not returned|won't return|is "
                 "refusing to hand back] the [kids|children|little one] [after the weekend|as agreed|on time]",
                 "[dispute|disagreement] over [child contact|contact arrangements|who has the kids this "
                 "weekend] between {vo} and {O}", "{V} wants advice [about|re] {O} [keeping|not returning] "
                 "[their son|their daughter|the children] [past the agreed time|overnight]"),
        "close": ("[Civil matter|Child contact is a civil matter] - [advised re family court|advised to "
                  "seek legal advice|parties advised]. [Closed|NFA].", "Children [returned|safe and well] "
                  "[with mum|with {vo}], [advice given re contact|no police matter]. [Closed|Resolved]."),
        "codes": ("CIVIL MATTER", "ADVICE GIVEN", "RESOLVED"),
    },
    "civil": {
        "open": ("CIVIL DISPUTE", "GENERAL ENQUIRY", "ADVICE"),
        "rel": ("ex", "known", "family"),
        "call": ("{V} [{v_is} calling|wants advice] about [money owed|a debt|a car {v} sold] [to|by] {O} [who "
                 "won't pay|and {o} is refusing to pay|]", "{V} [wants to collect|wants help getting] "
                 "[{v_pos} belongings|{v_pos} things|{v_pos} furniture] from {O}[ 's address|]",
                 "[dispute|row] [over|about] [a deposit|rent|who owns the sofa|the dog] between {vo} and {O}"),
        "close": ("[Civil matter|Civil dispute] - [advice given|advised re small claims court|parties "
                  "advised]. [Closed|NFA].", "No police powers [re|in relation to] the [debt|property], "
                  "[signposted to Citizens Advice|advice given]. Closed."),
        "codes": ("CIVIL MATTER", "ADVICE GIVEN", "RESOLVED"),
    },
    "welfare": {
        "open": ("CONCERN FOR SAFETY", "WELFARE CHECK", "CONCERN FOR WELFARE"),
        "rel": ("partner", "ex", "family"),
        "call": ("[{V}|caller's [sister|mum|friend]] [has not been heard from|not answering {v_pos} phone] "
                 "[since {day}|for two days] - [caller|family] worried", "[request for|] welfare check "
                 "on {vo} at {addr} [after a worrying text|as {v} sounded low on the phone]"),
        "close": ("{V} [found|seen] safe and well. [Closed|No police action required].", "[Welfare check "
                  "complete|Safe and well check done] - [no concerns|all fine]. [Closed|Resolved]."),
        "codes": ("CONCERN FOR SAFETY - SAFE", "RESOLVED", "ADVICE GIVEN"),
    },
    "noise": {
        "open": ("NOISE", "ASB", "NOISE NUISANCE"),
        "rel": ("known",),
        "call": ("[loud music|a party|banging and shouting] [coming from|at] [next door|the flat above|"
                 "{addr}] [for hours|since {hour}|every night this week]", "[caller|{V}] [complaining|"
                 "reporting] about noise from {O}[ next door|]"),
        "close": ("[Noise|Music] turned down[ on police arrival|]. [Advised re council noise team|Referred "
                  "to environmental health]. Closed.", "[Noise nuisance - council matter|ASB noise]. "
                  "[Advice given|Resolved]."),
        "codes": ("ASB - RESOLVED", "ADVICE GIVEN", "REFERRED - OTHER AGENCY"),
    },
    "parking": {
        "open": ("PARKING", "NEIGHBOUR DISPUTE", "ASB", "OBSTRUCTION"),
        "rel": ("known",),
        "call": ("{V} {v_is} [calling|complaining] [about|re] {O} [parking across {v_pos} drive|blocking "
                 "{v_pos} car in|parking in {v_pos} space] [again|every morning|for the third time this week]",
                 "[parking|bins|hedge] dispute with {O} [next door|over the road] [ongoing for months|again]"),
        "close": ("[Parking|Obstruction] is a council matter - [advice given|referred to the council]. Closed.",
                  "[Neighbour dispute|Parking dispute] - [advice given to both|mediation suggested]. Closed."),
        "codes": ("ADVICE GIVEN", "REFERRED - OTHER AGENCY", "RESOLVED"),
    },
    "lost_property": {
        "open": ("LOST PROPERTY", "GENERAL ENQUIRY"),
        "rel": ("ex", "family", "known"),
        "call": ("{V} [has lost|lost] {v_pos} [purse|phone|bag|keys] [in town|on the bus|at the park] and [wants "
                 "a reference|needs a lost property number]",),
        "close": ("Lost property - [reference given|advice given]. Closed.",),
        "codes": ("LOST PROPERTY", "ADVICE GIVEN", "RESOLVED"),
    },
    "housing": {
        "open": ("CIVIL DISPUTE", "GENERAL ENQUIRY", "ADVICE"),
        "rel": ("known",),
        "call": ("{V} [wants advice|calling] about [repairs not being done|{v_pos} deposit|being asked to leave] "
                 "[by|with] {O}", "[tenancy|housing] [dispute|problem] between {vo} and {O} [over rent|about "
                 "the boiler|about notice to leave]"),
        "close": ("[Landlord and tenant|Housing] matter - [advised re Shelter|advised to contact the council's "
                  "housing team]. Closed.", "Civil [matter|dispute] - advice given. Closed."),
        "codes": ("CIVIL MATTER", "ADVICE GIVEN", "RESOLVED"),
    },
}
_FRAME_OF = {"child_contact": "civil", "civil": "civil", "welfare": "welfare", "noise": "neighbour",
             "parking": "neighbour", "lost_property": "property", "housing": "civil"}
# No cue at all: the earlier offence is just another sentence of the account (the only leads online).
_PLAIN_LEADS = ("", "", "{V} [says|said] ", "[Of note|Also], ", "[Apparently|It seems] ",
                "[Previously|Last time], ")
# The earlier offence, mentioned in passing (group, crime name, template).
_BURIED_OFFENCES = (
    (WITHOUT_INJURY, "common assault", "{o} [pushed|shoved|grabbed] {v_obj} [against the door|by the arm|"
     "out of the way] [when {o} dropped the kids off|last time {o} came round|{day}]"),
    (WITHOUT_INJURY, "common assault", "{o} [slapped|spat at|poked] {v_obj} [on the doorstep|at the "
     "handover|when they last met] [{day}|last week|a few days ago]"),
    (WITH_INJURY, "ABH", "{o} [punched|hit|headbutted] {v_obj} [last week|at the weekend|{day}] [and {v} "
     "still has a bruise|leaving a mark on {v_pos} [arm|cheek]|- {v} had a black eye]"),
    (WITHOUT_INJURY, "threats to kill", "{o} [told|texted] {v_obj} [last week|{day}|the other night] "
     "[{o} would kill {v_obj}|{v} would end up dead|{o} would stab {v_obj}] and {v} {v_is} [scared|"
     "frightened] of {o_obj}"),
    ("Criminal damage and arson", "criminal damage", "{o} [kicked in|smashed] [{v_pos} front door|{v_pos} "
     "car window|{v_pos} phone] [last week|{day}|when {o} was last there]"),
    ("Public order offences", "s4 public order", "{o} [threatened to|said {o} would] [batter|sort out|"
     "smash the face of] {v_obj} [at the last handover|on the phone {day}|last time] and {v} {v_was} "
     "[shaking|terrified|too scared to answer the door]"),
    ("Stalking and harassment", "harassment", "{o} has been [ringing|texting|messaging] {v_obj} [twenty times "
     "a day|every night|constantly] since [they split|{month}] and {v} {v_is} [frightened|distressed|not "
     "sleeping]"),
    ("Stalking and harassment", "malicious communications", "{o} [sent|left] {v_obj} a [voicemail|text|message] "
     "[{day}|last week] saying {v} would [get {v_pos} head kicked in|end up in hospital|be sorry when {o} "
     "found {v_obj}]"),
    (WITHOUT_INJURY, "common assault", "{o} [grabbed|took hold of] {v_obj} by the [arm|wrist] [when {v} tried "
     "to leave|at the door] [{day}|last time|the week before]"),
)
_BURIED_LEADS = (
    "[{V}|caller] [also|] [mentioned|said|let slip] [in passing|at the end of the call|as an aside] that ",
    "[during the conversation|whilst talking about this|when asked] {v} [mentioned|said|disclosed] that ",
    "[in passing|almost as an afterthought] {v} [said|added] ", "[{V} also said|Also says] ",
) + _PLAIN_LEADS
_BURIED_HARMLESS = (
    "{o} [was rude to|swore at] {v_obj} [at the handover|on the phone|on the doorstep] but nothing more",
    "{o} [is always late|never sticks to the times|keeps changing the arrangements]",
    "{o} [shouted|raised {o_pos} voice] about money [last week|{day}] but {v} {v_was} not [scared|worried] "
    "and nothing [else|physical] happened", "{o} [owes|still owes] {v_obj} £{value} [for the kids|for "
    "bills]", "{o} [has a new partner|has moved] and {v} [doesn't like it|is upset about it]",
    "{o} [blocked|has blocked] {v_obj} on [Facebook|WhatsApp|{v_pos} phone]",
    "{o} [kicked off|went mental] [about the arrangements|about money] on the phone but [nothing physical "
    "happened|{o} never threatened {v_obj}]", "{v} {v_is} not scared of {o_obj}, [just|only] [fed up|"
    "annoyed] with it", "{o} [kept|had] the spare keys [by mistake|] and [dropped them back|has since "
    "returned them]", "{o} [posted|put] [photos of the kids|a moan about {v_obj}] online [which annoyed "
    "{v_obj}|] but nothing threatening",
)
_BURIED_UPDATE = {
    "child_contact": ("[Spoke to {vo}|Called {vo} back] - [explained|advised re] [family court|contact "
                      "arrangements|mediation]", "[Other party|{osur}] [spoken to|contacted] [by phone|] [re "
                      "the arrangement|about the handover]", "[{V}|Caller] [happy with advice|content|just "
                      "wanted advice]"),
    "civil": ("[Spoke to {vo}|Called {vo} back] - [explained|advised re] [the civil process|small claims|"
              "Citizens Advice]", "[Other party|{osur}] [spoken to|contacted] [by phone|] about the dispute",
              "[{V}|Caller] [happy with advice|content|just wanted advice]"),
    "welfare": ("{V} [located|found|seen] [at home|at a friend's address|in town] [safe and well|fine]",
                "{V} [says|said] {v} [had turned {v_pos} phone off|just needed some space|had been at work]",
                "[Family|Caller] [updated|informed] {v} [is safe|has been found]"),
    "noise": ("[Music turned down|Party wound down] [on arrival|when asked]", "[Advised re|Referred to] "
              "[the council noise team|environmental health]", "[{V}|Caller] [happy with advice|content]"),
    "parking": ("[Spoke to|Called] {vo} - [advised|explained] [parking is a council matter|re civil remedies]",
                "[{o_ref}|Other party] [spoken to|asked to move the car]", "[{V}|Caller] [happy with advice|"
                "content]"),
    "lost_property": ("[Lost property reference|Reference] given to {vo}", "[Advised to check|Advised re] [the "
                      "bus company|the lost property office]", "[{V}|Caller] [content|happy with advice]"),
    "housing": ("[Spoke to|Called] {vo} - [advised re|explained] [Shelter|the council housing team|the "
                "notice period]", "[Other party|{osur}] [spoken to|contacted] [by phone|] about the dispute",
                "[{V}|Caller] [happy with advice|just wanted advice]"),
}


def _scene(r, env, relation, channel, **kw):
    """Scene for one log in ``channel``."""
    return env.scene(r, relation=relation, first_person=channel == ONLINE, **kw)


def build_buried_disclosure(r, env):
    """Rule: an earlier offence mentioned in passing in a non-crime frame is a crime (primer 2, 4, 7)."""
    key = r.choice(tuple(_FRAMES))
    frame = _FRAMES[key]
    group, crime, act = r.choice(_BURIED_OFFENCES)
    channel = CALL if key == "welfare" else r.choices((CALL, ONLINE, COUNTER), (70, 20, 10))[0]
    sc = _scene(r, env, r.choice(frame["rel"]), channel)
    case = Case("buried_disclosure", "crossover", group, domestic=sc.domestic, hard_case="buried_disclosure",
                scene=sc, channel=channel, opening_codes=frame["open"], crime_name=crime, frame=_FRAME_OF[key],
                close_nocrime=frame["close"], codes_nocrime=frame["codes"],
                situations=("update_only", "logged_only") if r.random() < 0.5 else ("update_only",))
    case.call = [r.choice(frame["call"])]
    line = r.choice(_PLAIN_LEADS if channel == ONLINE else _BURIED_LEADS) + act
    updates = [attend(r)] + r.sample(_BURIED_UPDATE[key], 2)
    if channel == CALL and r.random() < 0.5:
        updates.insert(1, line)  # the disclosure is only in the officer's update
    else:
        case.call.append(line)
    if r.random() < 0.4:
        updates.append(r.choice(DECLINED))
        case.situations += ("declined",)
    case.updates = [updates]
    return case


def build_buried_non_offence(r, env):
    """Rule: the same frames with an aside that is no offence (nothing physical, no threat, no fear) -> No crime."""
    key = r.choice(tuple(_FRAMES))
    frame = _FRAMES[key]
    channel = CALL if key == "welfare" else r.choices((CALL, ONLINE, COUNTER), (70, 20, 10))[0]
    sc = _scene(r, env, r.choice(frame["rel"]), channel)
    case = Case("buried_non_offence", "non-crime", NO_CRIME, domestic=sc.domestic and key != "welfare",
                hard_case="hard_negative_aside", scene=sc, channel=channel, opening_codes=frame["open"],
                frame=_FRAME_OF[key],
                close_nocrime=frame["close"], codes_nocrime=frame["codes"], over_weight=0.5)
    case.call = [r.choice(frame["call"])]
    line = r.choice(_PLAIN_LEADS if channel == ONLINE else _BURIED_LEADS) + r.choice(_BURIED_HARMLESS)
    updates = [attend(r)] + r.sample(_BURIED_UPDATE[key], 2)
    if channel == CALL and r.random() < 0.5:
        updates.insert(1, line)
    else:
        case.call.append(line)
    case.updates = [updates]
    return case


# --- neighbour threats dismissed as words only ------------------------------------------------------
_NB_FRAME = (
    "[row|dispute|argument] [over|about] [parking|a parking space|the bins|bins left out|the shared drive|"
    "the hedge|the fence|kids playing football] [with|between {vo} and] {O}[ next door|from number {num}|]",
    "{V} [asked|politely asked] {O} [to move {o_pos} car|not to park across {v_pos} drive|to take {o_pos} "
    "bins in|to stop {o_pos} dog barking]",
)
_NB_THREATS = (
    (WITHOUT_INJURY, "threats to kill", "{o} [said|shouted|told {v_obj}] [{o} would kill {v_obj}|\"I'll "
     "kill you\"|{v} would be dead [by the weekend|if {v} said another word]|{o} would [stab|knife] {v_obj}]"),
    ("Public order offences", "s4 public order", "{o} [said|shouted|threatened] [{o} would batter {v_obj}|"
     "{o} would [sort {v_obj} out|do {v_obj} in]|{o} would smash {v_pos} face in|\"you're getting a "
     "kicking\"]"),
    ("Public order offences", "s4 public order", "{o} [said|threatened] [{o} would burn {v_obj} out|{o} "
     "would [put {v_pos} windows through|come round with a bat]|{o} knows people who would hurt {v_obj}]"),
    ("Public order offences", "s4 public order", "{o} [squared up to|stood over] {v_obj} [fists clenched|"
     "with a spade in {o_pos} hand] and [said|shouted] [{v} would get hurt|{o} would [hurt|do] {v_obj}]"),
)
_NB_FEAR = (
    "{V} {v_was} [shaking|in tears|visibly shaken|very upset] [when officers arrived|on the phone|]",
    "{V} [is|was] [too scared|afraid|frightened] to [go out|leave the house|go to {v_pos} car] [now|]",
    "{V} [believes|genuinely believes|thinks] {o} [will|would] [do it|carry it out]",
    "{V} [has not slept|can't sleep] and [is|was] [scared|frightened] of {o_obj}",
)
_NB_MINIMISE = (
    "[Words only|Verbal only|Just words] [- both parties advised|, advice given|, no offences]",
    "[Both parties|Both neighbours] [spoken to|advised] [and told to keep apart|, referred to mediation|"
    "- community mediation suggested]", "[Words of advice|Advice] given to [the {ogender}|{ofirst}|the other party] [re behaviour|]",
    "[Neighbour dispute|Ongoing dispute] - [referred to the housing officer|council ASB team informed]",
    "{o_ref} [denies|says {o} was just] [making threats|angry|letting off steam]",
)
_NB_CLOSE_NEG = (
    "[Neighbour dispute|Civil dispute over parking|Boundary dispute] - no offences. [Mediation offered|"
    "Advice given to both]. Closed.", "Words exchanged, no threats, [RP not in fear|nobody in fear]. "
    "[Resolved|Advice given].",
)
_NB_HARMLESS = (
    "{o} [said|shouted] [{o} would see {v_obj} in court|{o} would get {o_pos} solicitor onto {v_obj}|"
    "{o} would report {v_obj} to the council|{v} would regret objecting to the extension]",
    "{o} [swore at|called {v_obj} names at] {v_obj} [and went inside|then drove off]",
)
_NB_NOT_AFRAID = (
    "{V} [states|says] {v} {v_is} not [scared|afraid|in fear] [of {o_obj}|], just fed up",
    "[no|nil] threats of violence [made|], {V} not in fear", "{V} [just wants|only wants] [it noted|advice]",
)


def build_neighbour_threat(r, env):
    """Rule: threat of violence in a neighbour dispute, victim in fear -> crime even if 'words only'."""
    group, crime, threat = r.choice(_NB_THREATS)
    channel = r.choices((CALL, ONLINE, COUNTER), (75, 15, 10))[0]
    sc = _scene(r, env, "known", channel)
    case = Case("neighbour_threat_words_only", "public order" if group != WITHOUT_INJURY else "violence",
                group, scene=sc, channel=channel, hard_case="words_only_threat", crime_name=crime,
                opening_codes=("NEIGHBOUR DISPUTE", "ASB", "PARKING DISPUTE", "CIVIL DISPUTE", "DISTURBANCE"),
                situations=("words_only",))
    case.call = [r.choice(_NB_FRAME), "[and|during which|then] " + threat]
    fear = r.choice(_NB_FEAR)
    upd = [attend(r), r.choice(_NB_MINIMISE)]
    if r.random() < 0.5:
        case.call.append(fear)
    else:
        upd.insert(1, fear)
    if r.random() < 0.5:
        upd.append(r.choice(_NB_MINIMISE))
    case.updates = [upd]
    return case


def build_neighbour_words_negative(r, env):
    """Rule: heated words with no threat of violence and nobody in fear -> No crime."""
    channel = r.choices((CALL, ONLINE, COUNTER), (75, 15, 10))[0]
    sc = _scene(r, env, "known", channel)
    case = Case("neighbour_words_no_offence", "non-crime", NO_CRIME, scene=sc, channel=channel,
                hard_case="hard_negative_vocab", close_nocrime=_NB_CLOSE_NEG,
                codes_nocrime=("ADVICE GIVEN", "CIVIL MATTER", "RESOLVED"), over_weight=0.8,
                opening_codes=("NEIGHBOUR DISPUTE", "ASB", "PARKING DISPUTE", "THREATS", "CIVIL DISPUTE"))
    case.call = [r.choice(_NB_FRAME), "[and|then] " + r.choice(_NB_HARMLESS), r.choice(_NB_NOT_AFRAID)]
    case.updates = [[attend(r), r.choice(_NB_MINIMISE[1:4])]]
    return case


# --- damage inside a domestic incident --------------------------------------------------------------
_DD_PROPERTY = (
    ("the [landlord's|housing association's|council's] [front door|kitchen door|window|bathroom door]",
     "[the landlord|the housing association|the council] [owns|own] the property"),
    ("[{v_pos} employer's|the works] [van|laptop|phone]", "it belongs to {v_pos} employer"),
    ("[{v_pos} mum's|{v_pos} sister's|a friend's] [car windscreen|TV|phone|front window]",
     "it belongs to [{v_pos} mum|{v_pos} sister|a friend]"),
    ("{v_pos} [phone|laptop|glasses|TV]", "{v} bought it with {v_pos} own money"),
)
_DD_ACT = (
    "{O} [punched|kicked|put {o_pos} fist through|smashed] {prop} [during the row|in temper|as {o} left]",
    "[during the argument|in the row] {O} [threw|launched] [a mug|a chair|{o_pos} keys] [at|through] {prop}",
)
_DD_UPDATE = (
    "{o_ref} [has offered|says {o} will|agreed] to [pay for|fix|repair|replace] [it|the damage]",
    "{o_ref} [apologised|calmed down] and [offered to repair it|said {o} would sort it]",
    "[verbal argument|argument] only [- no assault|, no violence|, nobody hurt]",
    "{V} [not injured|unhurt], [no threats made|no assault disclosed]",
)


def build_domestic_damage(r, env):
    """Rule: deliberate damage to someone else's property in a domestic incident -> Criminal damage (DA)."""
    prop, owner = r.choice(_DD_PROPERTY)
    channel = r.choices((CALL, COUNTER), (85, 15))[0]
    sc = _scene(r, env, r.choice(("partner", "partner", "ex", "family")), channel)
    case = Case("domestic_third_party_damage", "property", "Criminal damage and arson", domestic=sc.domestic,
                hard_case="domestic_damage", scene=sc, channel=channel, crime_name="criminal damage",
                opening_codes=("DOMESTIC", "DOMESTIC - VERBAL", "VERBAL ARGUMENT", "CONCERN FOR SAFETY"),
                situations=("words_only", "minimised"))
    sc.lazy["prop"] = prop
    case.call = ["[verbal argument|argument|row] between {vo} and {O}", r.choice(_DD_ACT)]
    upd = [attend(r), owner] + r.sample(_DD_UPDATE, 2)
    if r.random() < 0.35:
        upd.append(r.choice(DECLINED))
        case.situations += ("declined",)
    case.updates = [upd]
    return case


def build_domestic_own_damage(r, env):
    """Rule: a partner breaking only his own property, no threat, nobody in fear -> No crime (DA incident)."""
    sc = _scene(r, env, r.choice(("partner", "ex", "family")), CALL)
    case = Case("domestic_own_damage", "non-crime", NO_CRIME, domestic=sc.domestic, scene=sc, channel=CALL,
                hard_case="hard_negative_own_property", over_weight=1.0,
                opening_codes=("DOMESTIC", "DOMESTIC - VERBAL", "CRIMINAL DAMAGE"),
                close_nocrime=("Verbal argument, [damage to own property only|{o_ref} broke {o_pos} own "
                               "phone] - no offences. [Advice given|Parties separated].",
                               "[No crime|Not criminal damage] - [property belongs to the male|own property]. "
                               "[Resolved|Closed]."),
                codes_nocrime=("NON-CRIME DOMESTIC", "ADVICE GIVEN", "NO CRIME"))
    case.call = ["[verbal argument|argument|row] between {vo} and {O}", "{O} [smashed|threw|broke] [{o_pos} own "
                 "phone|{o_pos} games console|{o_pos} own laptop|the mug {o} was holding] [in temper|"
                 "against the wall]"]
    case.updates = [[attend(r), "[item|the phone|the property] [belongs to|is owned by|was bought by] [the {ogender}|{ofirst}] "
                     "[alone|only|- confirmed by {vo}]", "{V} [not in fear|not scared], [no threats|nothing "
                     "thrown at {v_obj}|nobody touched]"]]
    return case


# --- common crimes in less familiar contexts ----------------------------------------------------------
# (scenario suffix, HOCR group, crime name, opening codes, relation, victim gender or None, facts)
# Rules: theft from the person without force on the victim -> Theft; force or threat to steal -> Robbery;
# entry to a home as a trespasser (by deception) and stealing -> Burglary; non-consensual touching or
# photographing under clothing -> Sexual offences; abuse aimed at a worker causing distress, racially
# aggravated -> Public order offences; spitting at or striking a person -> Violence.
_VARIED = (
    ("pickpocket", "Theft offences", "theft from the person", ("THEFT", "THEFT FROM PERSON", "LOST PROPERTY"),
     None, (
        "{V} [was at|had been at] [the market|a car boot sale|the Christmas market|a busy bus stop] and "
        "[only noticed later|realised when {v} got home|noticed when {v} went to pay] that {v_pos} [bag had "
        "been unzipped|coat pocket was empty] and {v_pos} [purse|wallet|{mobile}] [was gone|had been taken]",
        "{V} [felt someone brush against {v_obj}|was jostled] [on the bus|in the queue|in the crowd] and "
        "[afterwards|later] found {v_pos} [wallet|purse|{mobile}] missing [from {v_pos} pocket|from {v_pos} "
        "bag]")),
    ("taxi_touching", "Sexual offences", "sexual assault", ("SEXUAL OFFENCE", "TAXI", "CONCERN FOR SAFETY",
                                                            "ASSAULT"), "f", (
        "[the|a] [taxi|private hire|Uber|cab] driver [put {o_pos} hand on|stroked|rubbed] {v_pos} [thigh|knee|"
        "leg] [on the way home|when {v} was paying|and would not stop] [after a night out|]",
        "{V} [got a taxi|was in a private hire car] home [from {pub}|from town] and the driver [touched "
        "{v_obj} between the legs|tried to kiss {v_obj} and grabbed {v_pos} breast] [before {v} could get "
        "out|as {v} got out]")),
    ("worker_racial_abuse", "Public order offences", "racially aggravated s5 public order",
     ("HATE INCIDENT", "ABUSE", "PUBLIC ORDER", "TAXI"), None, (
        "a [passenger|customer|fare] [racially abused|shouted racist abuse at|called {v_obj} a racist name "
        "and swore at] {vo} [who works as a taxi driver|at the till in {shop}|on the bus {v} was driving] "
        "[and {v} {v_was} [upset|shaken|distressed]|- {v} felt humiliated|]",
        "{V}, [a delivery driver|a taxi driver|a shop assistant|a bus driver], was told ["
        "\"go back to your own country\"|they would \"get\" {v_obj}] by [a customer|a male passenger|a "
        "woman] [using racist language|with racial slurs] [and {v} {v_was} upset|]")),
    ("atm_robbery", "Robbery", "robbery", ("ROBBERY", "ROBBERY - PERSONAL", "THEFT", "SUSPICIOUS CIRCS"),
     None, (
        "{V} [was at|was using] [the cash machine|an ATM|the cashpoint] [outside {shop}|on {street}] when "
        "[a male|two males|a man] [showed {v_obj} a knife|held a knife to {v_pos} side|stood close and said "
        "{o} had a blade] and [made {v_obj} take out|forced {v_obj} to withdraw] £{value}",
        "[male|offender] [waited|hung around] by the [ATM|cashpoint] [and|then] [grabbed|snatched] £{value} "
        "[from {v_pos} hand|as it came out] [after pushing {v_obj} aside|, shoving {v_obj} against the wall]")),
    ("distraction_burglary", "Burglary", "distraction burglary", ("BURGLARY", "BOGUS CALLER",
                                                                   "SUSPICIOUS CIRCS", "CONCERN FOR SAFETY"),
     None, (
        "[a man|two men|a woman] [claiming to be|saying {o} was] from [the water board|the council|the gas "
        "board] [came to the door|knocked] and [asked to come in|was let in] [to check the pipes|to read the "
        "meter] - [later|after {o} left] {V} found [cash|£{value}|{v_pos} jewellery] missing from the "
        "[bedroom|kitchen drawer]",)),
    ("snatch_theft", "Theft offences", "theft from the person", ("THEFT", "ROBBERY", "THEFT FROM PERSON"), None, (
        "[a cyclist|a male on a moped|a youth on a bike] [snatched|grabbed] {v_pos} {mobile} [out of {v_pos} "
        "hand|as {v} was on a call] [on {street}|outside {shop}] and [rode off|made off]",)),
    ("voyeurism", "Sexual offences", "voyeurism", ("SEXUAL OFFENCE", "SUSPICIOUS CIRCS", "PUBLIC ORDER"),
     "f", (
        "[a male|a man] [was filming|held {o_pos} phone] [up {v_pos} skirt|under {v_pos} skirt|over the "
        "cubicle wall] [on the escalator|on the train|in the changing room at {shop}]",)),
    ("worker_spat_at", WITHOUT_INJURY, "common assault", ("ASSAULT", "ABUSE", "DISTURBANCE"), None, (
        "[a customer|a passenger|a drunk male] [spat at|spat in the face of|threw a drink over] {vo} [who "
        "works at {shop}|the bus driver|working behind the bar at {pub}] [after being refused|when asked "
        "to leave|over a fare]",)),
    ("road_rage", WITH_INJURY, "ABH", ("ROAD RAGE", "RTC", "ASSAULT", "DISTURBANCE"), None, (
        "[after a near miss|at the lights|over a parking space] the other driver [got out|came over] and "
        "[punched {v_obj} through the open window|hit {v_obj} in the face] [cutting {v_pos} lip|leaving "
        "{v_obj} with a swollen eye|breaking {v_pos} glasses and cutting {v_pos} nose]",)),
    ("parcel_theft", "Theft offences", "theft", ("THEFT", "SUSPICIOUS CIRCS", "ONLINE REPORT"), None, (
        "[doorbell camera|Ring footage|{v_pos} camera] [shows|caught] [a man|a woman|someone in a {clothes}] "
        "[taking|picking up] [a parcel|{v_pos} delivery] [from {v_pos} doorstep|from the porch] [{day}|"
        "minutes after it was delivered]",)),
    ("catalytic", "Theft offences", "theft", ("THEFT", "THEFT FROM MV", "SUSPICIOUS CIRCS"), None, (
        "{V} [started {v_pos} car|went to drive to work] and it [was roaring|sounded like a tractor] - the "
        "catalytic converter [has been cut off|was taken] [overnight|from under the car]",)),
    ("hate_graffiti", "Criminal damage and arson", "racially aggravated criminal damage",
     ("CRIMINAL DAMAGE", "HATE INCIDENT", "GRAFFITI"), None, (
        "[racist|offensive] [graffiti|words] [sprayed|painted|scratched] on {v_pos} [front door|car|shop "
        "shutter] [overnight|{day}]",)),
    ("club_groping", "Sexual offences", "sexual assault", ("SEXUAL OFFENCE", "ASSAULT", "DISTURBANCE"), "f", (
        "[in the queue|on the dance floor|at the bar] [at|in] {pub} [a male|a man {v} didn't know] "
        "[grabbed|squeezed|put {o_pos} hand up] {v_pos} [bum|backside|skirt] [twice|and laughed|]",)),
)
_VARIED_FORMS = {
    ONLINE: ("{fact}. [I|] [didn't|did not] [report it at the time|call anyone straight away] [because I "
             "was in shock|as I wasn't sure it was worth it|]", "[What happened:|Details:|] {fact}."),
    CALL: ("{fact}", "{fact} [- IP now at home|, IP safe now|- offender made off|]"),
    COUNTER: ("{fact}",),
}
_VARIED_UPD = (
    "[Account taken|Statement obtained|First account taken] from {vo}",
    "[CCTV|Footage] [requested|to be checked|being sought] [from the venue|from the council|]",
    "[Enquiries|Area search] [made|conducted] [- no trace of offender|, negative|]",
    "[{V}|IP] [provided a description|could not describe the offender|gave a partial description]",
)


def build_varied_crime(r, env):
    """Rule per row of ``_VARIED`` (group stated there): common crimes in unfamiliar contexts and formats."""
    key, group, crime, codes, vgender, facts = r.choice(_VARIED)
    channel = r.choices((CALL, ONLINE, COUNTER), (60, 28, 12))[0]
    sc = _scene(r, env, "stranger", channel, victim_gender=vgender, offender_gender="m" if vgender else None,
                night_bias=0.5)
    case = Case("varied_" + key, "sexual" if group == "Sexual offences" else "property" if group in (
        "Theft offences", "Burglary", "Robbery", "Criminal damage and arson") else "violence", group,
                scene=sc, channel=channel, crime_name=crime, opening_codes=codes)
    sc.lazy["fact"] = r.choice(facts)
    case.call = [r.choice(_VARIED_FORMS[channel])]
    case.updates = [[attend(r)] + r.sample(_VARIED_UPD, r.choice((1, 2)))]
    roll = r.random()
    if roll < 0.2:
        case.updates[0].append(r.choice(DECLINED))
        case.situations = ("declined",)
    elif roll < 0.3 and case.family == "property":
        case.updates[0].append("{V} [only needs|just wants] a [crime number|reference] for [insurance|{v_pos} "
                               "bank|the insurers]")
        case.situations = ("insurance",)
    else:
        case.updates[0].append(r.choice(SUPPORTS))
    return case


# --- alarming opening codes, nothing made out ------------------------------------------------------
_ALARM = {
    "firearm": {
        "open": ("FIREARMS", "FIREARMS INCIDENT", "WEAPONS", "ARMED POLICE REQUIRED"),
        "call": ("[male|youth|man] [seen|spotted] [with|holding|waving] [a gun|a handgun|what looks like a "
                 "rifle|a firearm] [in the garden of|outside|at] {addr}", "[caller|{V}] [reports|saw] [people|"
                 "a group] [pointing|waving] [a gun|guns|a pistol] [in the street|over a fence] at {street}"),
        "resolve": ("[it was|item was|the \"gun\" was] a [toy|plastic|water pistol|cap gun|nerf gun] [- kids' "
                    "party at the address|at a children's birthday party|]", "[ARVs|armed officers|officers] "
                    "[attended|checked] - [a replica|a BB gun prop|a toy rifle] used [in a fancy dress "
                    "party|for a party game|by children playing], [nobody threatened|no one alarmed by it]",
                    "[{V}|the caller] [now says|has since realised|confirmed on callback] [it was a toy|it "
                    "was the kids playing|it was plastic]", "[party host|homeowner] [showed|handed] "
                    "officers [the toy|the plastic gun] - [orange tip|clearly a toy]"),
        "close": ("[Toy|Replica] [gun|firearm] - [no offences|nothing untoward]. [Resolved|Closed].",
                  "No firearms offences. [Children's toy|Party prop]. [Advice given|Closed]."),
    },
    "urinating": {
        "open": ("SEXUAL OFFENCE", "EXPOSURE", "INDECENT EXPOSURE", "SUSPICIOUS CIRCS"),
        "call": ("[caller|{V}] [reports|says] a [male|man] [exposing himself|with his trousers down|with his "
                 "penis out] [behind|by] [the bins|the bus shelter|the hedge] [on {street}|near {shop}]",),
        "resolve": ("[male|he] [was|had been] [urinating|having a wee|relieving himself] [behind the bins|"
                    "against the wall] [and did not see anyone|facing away from the path|out of view]",
                    "[male traced|man identified] - [taken short|desperate for the toilet] [after the pub|on "
                    "the way home], [no intent|not aimed at anyone|did not know anyone could see]",
                    "CCTV [shows|confirms] the male [urinating|weeing] [with his back to the street|out of "
                    "sight of the caller] and leaving"),
        "close": ("[Urinating in public|Male urinating] - [no intent|no exposure offence]. [Words of advice|"
                  "Advice given]. Closed.", "No sexual offence - [male was urinating|no intent to cause "
                  "alarm]. [Resolved|NFA]."),
    },
    "brush": {
        "open": ("ASSAULT", "ASSAULT - COMMON", "DISTURBANCE", "ABH"),
        "call": ("[caller|{V}] [reporting|says {v} was] [assaulted|barged] [in the queue at|in] [{shop}|"
                 "{pub}|the station]", "[assault|altercation] [reported|in progress] [at|outside] "
                 "[{shop}|{pub}]"),
        "resolve": ("[on callback|when spoken to] {v} [clarified|explained|said] [the other person only "
                    "brushed past|it was an accidental knock|{o} bumped into {v_obj} by accident] and "
                    "[apologised|said sorry]", "[CCTV|footage] [shows|confirms] [an accidental|a] "
                    "[brush past|bump] in [a busy queue|a crowded doorway] - no [deliberate contact|"
                    "assault]", "{V} [accepts|now accepts] [it was an accident|{o} tripped into {v_obj}] "
                    "[and|,] [is not hurt|has no complaint about an assault]"),
        "close": ("[Accidental contact|Accident] - no assault. [Resolved|Closed].", "No offences - [accidental "
                  "brush|accidental knock], [confirmed by CCTV|IP agrees]. [NFA|Closed]."),
    },
    "fireworks": {
        "open": ("SHOTS FIRED", "FIREARMS", "FIREARMS INCIDENT", "DISTURBANCE"),
        "call": ("[bangs|what sounded like gunshots|shots|loud bangs] heard [near|on|behind] {street} [, caller "
                 "thinks a gun|- several in a row|]", "[caller|{V}] [reports|heard] [gunshots|shots being fired] "
                 "[from|near] [the park|{addr}|the garages]"),
        "resolve": ("[fireworks|bangers|rockets] [being let off|set off] [in the park|at a birthday party|by "
                    "teenagers] - [spent fireworks found|officers saw the last ones go off]", "[a car|a van|an "
                    "old motorbike] [backfiring|misfiring] - [driver spoken to|seen by officers]", "[area "
                    "search|ARV search] found [spent fireworks|the remains of fireworks], [no firearm|nothing "
                    "else], [no one hurt|nobody threatened]"),
        "close": ("[Fireworks|Backfiring vehicle] - no firearms [offence|incident]. [Closed|Resolved].",),
    },
    "bladed_tool": {
        "open": ("WEAPONS", "MAN WITH KNIFE", "WEAPONS - BLADE", "SUSPICIOUS CIRCS"),
        "call": ("[male|man] [walking|seen walking] [down {street}|towards {shop}] [with|carrying] [a machete|a "
                 "large knife|an axe|a big blade]", "[caller|{V}] [saw|reports] a [man|male] [getting out of a "
                 "van|at the bus stop] with [a large knife|a blade|a saw]"),
        "resolve": ("[he|male] [is|was] a [gardener|tree surgeon|landscaper] carrying [a pruning saw|a billhook|"
                    "hedge trimmers] to a job [at {addr}|nearby] - [employer confirmed|van and tools seen]",
                    "[male|he] [is|was] a chef carrying [his knives|a knife roll] to work at [{pub}|a restaurant] "
                    "- [manager confirmed|knives wrapped in a roll], good reason", "[item|the blade] [was|turned "
                    "out to be] [a strimmer|a hedge cutter|a toy sword for a costume] - [no offence|nothing "
                    "unlawful]"),
        "close": ("[Lawful purpose|Work tools|Good reason] - no [weapons|bladed article] offence. [Closed|"
                  "Resolved].",),
    },
    "screaming": {
        "open": ("CONCERN FOR SAFETY", "ASSAULT", "DOMESTIC", "DISTURBANCE"),
        "call": ("[woman|female|child] [screaming|screaming help|screaming and crying] [at|from] [{addr}|the "
                 "house opposite|next door]", "[caller|{V}] [can hear|heard] [screaming|someone being hurt] "
                 "[in|from] [{addr}|the flat above]"),
        "resolve": ("[children|teenagers|the kids] [playing|having a water fight|on the trampoline] in the "
                    "garden - [parents seen|all fine], [nobody hurt|no one in distress]", "[occupants|couple] "
                    "[watching a horror film|playing a video game] [very loud|with the volume up] - [all "
                    "spoken to separately|checked on], [no injuries|no concerns]", "[a fox|foxes] [screaming|"
                    "fighting] [in the gardens|behind the houses] - [heard and seen by officers|confirmed]"),
        "close": ("[No incident|Nothing untoward] - [children playing|TV|foxes]. [Closed|Resolved].",),
    },
    "play_fight": {
        "open": ("FIGHT", "ASSAULT", "DISTURBANCE", "ASB"),
        "call": ("[two lads|youths|two men] [fighting|scrapping|wrestling] [in the park|on {street}|outside "
                 "{shop}]", "[fight|scuffle] [in progress|ongoing] [between two males|] [at|near] [the park|"
                 "the bus station]"),
        "resolve": ("[they were|the lads were] [play fighting|practising boxing|filming a video for "
                    "social media] - [both laughing|both confirmed it|phone footage seen], [nobody hurt|no "
                    "injuries]", "[brothers|friends] [messing about|play wrestling] - [no one hurt|both fine], "
                    "[no complaint|no offence]"),
        "close": ("[Play fighting|Horseplay] - no assault. [Words of advice|Resolved]. Closed.",),
    },
    "abduction": {
        "open": ("CHILD ABDUCTION", "KIDNAP", "CONCERN FOR SAFETY"),
        "call": ("[caller|{V}] [saw|reports] a [child|young girl|young boy] [being pulled|being put] into a "
                 "[car|{colour} {car}] [outside the school|on {street}] [and crying|]",),
        "resolve": ("[it was|the man was] the child's [father|grandfather|uncle] collecting [by "
                    "arrangement|as agreed with mum] - [mum confirmed|school confirmed]", "[child|the boy] "
                    "[was upset|was crying] because [he didn't want to leave the park|of a tantrum] - [parent "
                    "traced|family spoken to], [no concerns|all fine]"),
        "close": ("[Parent collecting child|Family member collecting by arrangement] - no offence. [Closed|"
                  "Resolved].",),
    },
    "cut_hand": {
        "open": ("ASSAULT", "STABBING", "WOUNDING", "ABH"),
        "call": ("[male|man] [bleeding|with blood on his hands] [outside|in] [{pub}|{shop}] - [caller|staff] "
                 "[think|thinks] he [has been stabbed|was attacked]",),
        "resolve": ("[male|he] [cut his hand|cut himself] on [a broken glass|a bottle he dropped] - [CCTV shows "
                    "him fall|staff saw it happen], [nobody else involved|no assault]", "[paramedics|officers] "
                    "[confirmed|saw] the cut came from [a fall|broken glass] - [CCTV reviewed|witnesses agree], "
                    "no one [touched|went near] him"),
        "close": ("[Accidental injury|Fall onto glass] - no assault. [Closed|Resolved].",),
    },
}


def build_alarming_code_negative(r, env):
    """Rule: a verifiable fact shows no offence (toy gun, urinating with no intent, accidental brush) -> No crime."""
    kind = r.choice(tuple(_ALARM))
    bank = _ALARM[kind]
    channel = CALL
    sc = _scene(r, env, "stranger", channel)
    case = Case("alarming_code_" + kind, "non-crime", NO_CRIME, scene=sc, channel=channel,
                hard_case="hard_negative_disproved", opening_codes=bank["open"], close_nocrime=bank["close"],
                codes_nocrime=("NO CRIME", "RESOLVED", "ADVICE GIVEN"), over_weight=1.5)
    case.call = [r.choice(bank["call"])]
    resolve = r.choice(bank["resolve"])
    # Mostly only in an officer's update; sometimes in the closing too.
    case.updates = [[attend(r), resolve]]
    if r.random() < 0.3:
        case.close_evidence = bank["resolve"]
    return case


def build_drug_smell_negative(r, env):
    """Rule: smell of cannabis / suspected dealing, nothing found, nobody identified -> No crime (primer 3)."""
    channel = r.choices((CALL, ONLINE), (75, 25))[0]
    sc = _scene(r, env, "known", channel)
    case = Case("drug_smell_negative", "non-crime", NO_CRIME, scene=sc, channel=channel,
                hard_case="search_negative", over_weight=0.5,
                opening_codes=("DRUGS", "DRUG DEALING", "ASB", "SUSPICIOUS CIRCS"),
                close_nocrime=("[Intel submitted|Intelligence report submitted]. [Nothing found|No drugs "
                               "found], no offences made out. Closed.", "[Smell only|Suspicion only] - "
                               "[no evidence of an offence|nobody identified]. [Intel only|Filed]."),
                codes_nocrime=("INTEL ONLY", "NO CRIME", "RESOLVED"))
    case.call = [r.choice((
        "[strong|constant] smell of [cannabis|weed|skunk] [coming from|from] [next door|the flat below|{addr}] "
        "[every night|for weeks|again]", "[caller|{V}] [thinks|believes|suspects] [next door|the house "
        "opposite|{addr}] [is dealing|are selling drugs] - [cars coming and going|people calling at all "
        "hours|short visits]"))]
    case.updates = [[attend(r), r.choice((
        "[no smell|nothing smelt|no smell of cannabis] [on arrival|at the door|when officers attended]",
        "[occupant|resident] [spoken to|seen] - [no drugs seen|nothing found|denies it], no grounds to search",
        "[intel checks|checks] - nothing [known|on the address]")), "[intelligence|intel] [submitted|report "
                                                               "done] [for the neighbourhood team|]"]]
    return case


def build_course_duplicate(r, env):
    """Rule: further contact in a course of conduct already recorded -> added to that crime, No crime here."""
    channel = r.choices((CALL, ONLINE), (70, 30))[0]
    sc = _scene(r, env, r.choice(("ex", "ex", "known")), channel)
    case = Case("course_of_conduct_duplicate", "non-crime", NO_CRIME, scene=sc, channel=channel,
                domestic=sc.domestic, hard_case="duplicate", over_weight=2.0,
                opening_codes=("HARASSMENT", "STALKING", "MALICIOUS COMMS", "BREACH OF ORDER", "ONLINE REPORT"),
                close_nocrime=("[Added to|Linked to|Attached to] {ref} [as further "
                               "evidence|- same course of conduct]. [OIC informed|Closed].",
                               "[Further|New] [messages|contact] form part of [the existing|the already "
                               "recorded] [harassment|stalking] crime - [no new crime|not a new offence]. "
                               "[OIC updated|Closed]."),
                codes_nocrime=("DUPLICATE", "LINKED", "RESOLVED"))
    sc.lazy["ref"] = r.choice(("crime CRI/18/0{num}2{num}", "crime ref {num}/{num}881/18", "the harassment "
                               "crime from {month}", "the existing stalking crime", "the crime reported last "
                               "month", "the open harassment crime", "the existing crime reference"))
    case.call = [r.choice((
        "{O} [has sent|sent] [more|another {num}|further] [messages|texts|voice notes] [{day}|overnight]",
        "{O} [turned up again|was outside {v_pos} house again|came to {v_pos} work again] [{day}|]",
        "[further|more] [contact|calls] from {O} [to add to|for] {ref}")),
        "{V} [already has|has an open] [crime|crime reference|case] [for this|with police] [- {ref}|]"]
    case.updates = [[attend(r), "[Details|Screenshots] [passed to|added for] [the OIC|the officer in the case]"
                     " [on {ref}|for the existing crime]", "[Same|Continuing] course of conduct - [evidence "
                     "added|linked]"]]
    return case


def build_burglary_authorised(r, env):
    """Rule: entry shown to be authorised (agent/contractor with key and notice) -> No crime (primer 6)."""
    channel = r.choices((CALL, ONLINE, COUNTER), (70, 20, 10))[0]
    sc = _scene(r, env, "stranger", channel)
    case = Case("burglary_authorised_entry", "non-crime", NO_CRIME, scene=sc, channel=channel,
                hard_case="hard_negative_disproved", over_weight=1.8,
                opening_codes=("BURGLARY", "BURGLARY - DWELLING", "INTRUDER", "SUSPICIOUS CIRCS"),
                close_nocrime=("[Entry authorised|Authorised entry] - [no burglary|no offence]. [Closed|"
                               "Resolved].", "[Not a burglary|No crime]: [the landlord's agent|a contractor] "
                               "had a key and [gave notice|had permission]. [RP informed|Closed]."))
    case.call = [r.choice((
        "{V} [came home|returned from work] to find [someone had been in|the door unlocked|things moved] and "
        "[muddy footprints|tools left|the boiler cover off]", "[caller|{V}] [reporting|thinks there has been] "
        "a burglary - [back door open|lights on|window latch undone] on return"))]
    case.updates = [[attend(r), r.choice((
        "[landlord|letting agent] [confirmed|has confirmed] [a plumber|an electrician|the gas engineer] "
        "[attended with a key|was let in] [{day}|that morning] - [notice was given by letter|a text was "
        "sent] [last week|in advance]", "[contractor|the boiler engineer|the agent] [traced|contacted] and "
        "[confirms|says] [they had a key|entry was agreed] [for a repair|for the gas check]; [letter of "
        "notice|email notice] [shown to officers|seen]", "[nothing missing|no property taken]; [agent's key "
        "log|the agency's records] [show|shows] the visit [was booked|was arranged]"))]]
    return case


def build_teenager_negative(r, env):
    """Rule: teenager shouting / slamming doors, nothing physical, no damage, nobody afraid -> No crime.

    DA flag only when the teenager is 16 or over (domestic incident between family members 16+).
    """
    sc = _scene(r, env, "family", CALL, victim_gender="f")
    sc.offender.age = r.randrange(13, 18)
    sc.rel = "son" if sc.offender.gender == "m" else "daughter"
    sc.slots3["rel"] = sc.rel
    sc.slots["rel"] = sc.rel
    sc.slots3["age"] = sc.slots["age"] = str(sc.offender.age)
    if sc.victim.age < 30:
        sc.victim.age = 30 + r.randrange(20)
    case = Case("teenager_kicking_off", "non-crime", NO_CRIME, scene=sc, channel=CALL, domestic=sc.domestic,
                hard_case="hard_negative_vocab", over_weight=0.8,
                opening_codes=("DOMESTIC", "CONCERN FOR SAFETY", "DISTURBANCE", "DOMESTIC - VERBAL"),
                close_nocrime=("[Teenager|{o_ref}] [calmed down|spoken to], [no offences|nothing physical]. "
                               "[Advice given re early help|Referred to early help|Advice given]. Closed.",
                               "[Verbal only|Behavioural issue] - [no assault|no damage], mum not in fear. "
                               "[Resolved|Advice given]."),
                codes_nocrime=("ADVICE GIVEN", "RESOLVED", "NON-CRIME DOMESTIC"))
    case.call = [r.choice((
        "[{V}|caller|mum] [calling about|reporting] {v_pos} {rel} [({age})|aged {age}|] [kicking off|going "
        "mental|having a meltdown|playing up] [over {o_pos} phone|over the wifi|about a curfew]",
        "{rel} [{age}|] [shouting|screaming|slamming doors] [at {v_obj}|in the house] [and refusing to go "
        "to bed|after being grounded|]")), r.choice((
        "[nothing physical|no one touched anyone|{o} has not hit anyone] [and|,] {v} {v_is} not [scared|"
        "afraid|frightened] of {o_obj}", "{V} [says|states] {v} [just wants|only wants] {o_obj} [spoken "
        "to|to calm down|to hear it from police], [no violence|nothing broken]"))]
    case.updates = [[attend(r), "{o_ref} [calm|calmer|in {o_pos} room] [on arrival|now], [spoken to about "
                     "behaviour|apologised to mum]", "[no damage|nothing broken], [no assault|nothing "
                     "physical] [disclosed|], {V} [not in fear|happy with advice]"]]
    return case


SCENARIOS = {
    build_buried_disclosure: 4.0, build_buried_non_offence: 2.4, build_neighbour_threat: 2.8,
    build_neighbour_words_negative: 1.8, build_domestic_damage: 2.0, build_domestic_own_damage: 1.2,
    build_varied_crime: 5.5, build_alarming_code_negative: 4.4, build_drug_smell_negative: 1.2,
    build_course_duplicate: 1.5, build_burglary_authorised: 1.3, build_teenager_negative: 1.6,
}
