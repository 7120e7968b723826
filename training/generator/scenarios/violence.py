"""Violence scenarios: assaults with and without injury and threats to kill, with their hard cases.

Labelling rules applied here (primer sections noted):
- Any unlawful force (push, grab, slap, spit, throw at, hands round the neck) is a crime even with no
  injury -> "Violence without injury"; visible injury (cut, bruising, swelling, bleeding, broken bone,
  black eye) -> "Violence with injury". Reddening or "no marks" stays without injury.
- A threat to kill that the victim fears will be carried out is a crime -> "Violence without injury",
  even when the call-taker logged it as a "verbal argument" or "words only".
- Victim declines, is intoxicated, hostile, minimises the injury, retracts without any verifiable
  information, or the officer doubts the account, or the suspect denies / claims self-defence or an
  accident with nothing to support it: still a crime (primer 4, 5, 6).
- A swing or punch that misses, leaving the victim expecting to be hit, is a (common) assault.
- Third-party report: a crime once the victim confirms it, or when something else supports it (injury
  seen by officers, independent witness, police witnessed it). Victim flatly denies with nothing else
  -> "No crime" (primer 8).
- Verifiable evidence that no assault took place (CCTV, a witness who saw the whole event on video)
  -> "No crime" (primer 6).
"""

from training.generator.scenarios.common import (
    CALL,
    CCTV_NEUTRAL,
    COUNTER,
    DECLINED,
    DISBELIEF,
    HOSTILE,
    INTOXICATED,
    MINIMISED,
    NO_CRIME,
    ONLINE,
    PATROL,
    SUPPORTS,
    Case,
)

WITH_INJURY, WITHOUT_INJURY = "Violence with injury", "Violence without injury"

ACT_NO_INJURY = (
    "{O} [pushed|shoved|barged|pushed] {v_obj} [into|against|onto] the [wall|door|car|floor|railings|"
    "ground|bar|counter]",
    "{O} [grabbed|took hold of|yanked|got hold of] {v_pos} [wrist|arm|arms|hair|hoodie|coat|top|"
    "neck] [and pulled {v_obj} [back|towards {o_obj}|out of the car|into the house]|]",
    "{O} [slapped|hit|clipped] {v_obj} [across the face|round the head|on the arm|on the back of the head] "
    "[with an open hand|]",
    "{O} [spat at|spat in the face of|spat on|gobbed at] {v_obj}",
    "{O} [threw|chucked|launched] [a drink|a pint|a cup of tea|a can|{o_pos} phone|a shoe|the remote] at "
    "{v_obj} [hitting {v_obj}|which hit {v_obj} on the [arm|leg|shoulder|back]|]",
    "{O} [put|had|placed] {o_pos} hands [round|around] {v_pos} [neck|throat] [for a few seconds|briefly|"
    "and squeezed|]",
    "{O} [poked|jabbed|prodded] {v_obj} [hard|] in the [chest|face|shoulder] [several times|repeatedly|]",
    "{O} [put {v_obj} in a headlock|held {v_obj} in a headlock]",
    "{O} [pinned|held] {v_obj} [down|against the wall|on the floor] [and wouldn't let {v_obj} up|]",
    "{O} [kicked out at|kicked|booted] {v_obj} [on the leg|in the shin|]",
    "{O} [dragged|pulled] {v_obj} [by the hair|by {v_pos} arm|along the floor]",
    "{O} [tripped|knocked] {v_obj} [over|to the ground]",
    "{O} [nudged|barged into|shouldered|elbowed] {v_obj} [on purpose|deliberately|as {o} walked past]",
    "{O} [swung for|threw a punch at|lunged at|went for] {v_obj} [but missed|and {v} ducked|, missing "
    "{v_obj}] [and {v} {v_was} terrified|- {v} thought {v} would be hit|]",
    "{O} [got physical with|put {o_pos} hands on|manhandled|laid hands on] {v_obj} [during the row|"
    "when {v} tried to leave|]", "{O} [squared up to|got in the face of] {v_obj} and [shoved|pushed|"
    "headbutted at] {v_obj}", "{O} [flicked|threw] [a lit cigarette|a drink|food] [at|in the face of] {v_obj}",
    "{V} {v_was} [pushed|shoved|grabbed|slapped|spat at] by {O} [during an argument|as {v} walked "
    "past|when {v} tried to leave|]", "{V} [got|was] [pushed over|knocked over|shoved out of the way] by {O}",
)
NOT_SCARED = (
    "{V} {v_is} not scared of {o_obj} but [wants it recorded|wants {o_obj} spoken to|is angry about it]",
    "{V} [says|states] {v} [isn't|is not] [scared|frightened], [just|only] [angry|shocked|fed up] that {o} did it",
    "{V} [is|was] no longer [afraid|upset] [now|as] {o} [has left|is not at the address] but wants it [logged|"
    "dealt with]",
)
NO_INJURY_NOTE = (
    "[no injuries|no visible injuries|no marks|no injury] [to {vo}|seen|reported|]", "{V} [not injured|unhurt|"
    "ok]", "[nil|no] [injs|injuries] [sustained|]", "[reddening|slight redness] [to|on] {v_pos} [arm|wrist|"
    "neck|cheek] [which faded|that went down|]", "{V} {v_was} [shaken|upset|shaken up] but not hurt",
)
ACT_INJURY = (
    "{O} [punched|hit|smacked|struck] {v_obj} [in|to] the [face|head|mouth|eye|nose|ribs|jaw] [several "
    "times|twice|once|repeatedly|]",
    "{O} [headbutted|head butted|nutted] {v_obj}",
    "{O} [kicked|stamped on|booted] {v_obj} [while {v} {v_was} on the floor|in the [stomach|ribs|legs|"
    "head|back]]",
    "{O} [bit|sank {o_pos} teeth into] {v_obj} on the [arm|hand|finger|shoulder]",
    "{O} [hit|struck|attacked] {v_obj} with a [bottle|glass|bat|metal bar|hammer|phone|belt|chair|plank]",
    "{O} [glassed|bottled] {v_obj} [in the face|]",
    "{O} [slashed|cut|stabbed] {v_obj} [with a knife|with a blade|with a stanley knife] [in the arm|in the "
    "leg|on the hand|]",
    "{O} [scratched|clawed at] {v_pos} [face|neck|arms] [drawing blood|]",
    "{O} [threw|pushed] {v_obj} down the stairs",
    "{O} [repeatedly|] [punched|hit|beat] {v_obj} [about the head|all over]",
    "{V} {v_was} [punched|assaulted|beaten up|kicked|headbutted|attacked] by {O} [and knocked to the "
    "floor|and left bleeding|causing injury|]", "{V} [got|was] [glassed|bottled|jumped|battered] by {O}",
    "{O} [set about|laid into|gave] {v_obj} [a beating|with {o_pos} fists]",
)
INJURY_NOTE = (
    "{V} {v_has} a [cut|split|fat|swollen] lip", "[swelling|bruising|bruises|a lump] [to|on] {v_pos} [eye|"
    "cheek|arm|neck|face|jaw|head|ribs]", "[bleeding from|blood coming from] {v_pos} [nose|mouth|head|ear]",
    "{v_pos} nose [may be|looks|is possibly] broken", "{V} {v_has} a black eye",
    "[a|] [cut|laceration|gash|wound] [to|on|above] {v_pos} [head|eyebrow|hand|forehead|arm]",
    "[bite mark|teeth marks] [visible|] on {v_pos} [arm|hand]", "[scratches|grazes] [to|on] {v_pos} "
    "[neck|face|arms|knees]", "{V} [lost|has lost] a tooth", "{v_pos} [wrist|finger|arm] [may be|is] broken",
    "[ambulance|paramedics] [attended|treated {v_obj}|requested] for [a head injury|{v_pos} injuries|cuts]",
    "[needed|needs|required] [stitches|glue|a dressing] [to|on|above] {v_pos} [eye|head|lip|hand]",
    "[nosebleed|busted lip|swollen eye|bruised ribs|concussion] [noted|seen|reported|]",
    "[suspected|possible] [fractured|broken] [cheekbone|jaw|eye socket] [- taken to hospital|]",
    "[visible|fresh] [bruising|marks] [on|to] {v_pos} [arms|upper arm|face] [photographed|seen by officers|]",
)
THREAT = (
    "{O} [said|told {v_obj}|shouted|screamed] [that|] {o}['d| would| was going to] [kill|stab|murder|end] "
    "{v_obj} [if {v} [went|called the police|left {o_obj}]|when {o} [sees|gets hold of] {v_obj}|]",
    "{O} [threatened to kill|threatened to stab] {v_obj}", "{O} threatened to burn the house down with {v_obj} "
    "[in it|inside]",
    "{O} [said|told {v_obj}] [\"you're dead\"|'ur dead'|\"I'm going to kill you\"|'I will end you'|"
    "\"you won't see tomorrow\"|'im gonna slit your throat'|\"I'll put you in the ground\"]",
    "{O} [said|told {v_obj}] {v_was} [a dead man|dead|going to die] [walking|]",
    "{O} [threatened|said {o} would] [get a gun and shoot|come round and kill|petrol bomb] {v_obj}",
    "{O} [held|waved] a [knife|kitchen knife|screwdriver] [at|towards] {v_obj} and [said|told {v_obj}] "
    "{o} would [use it|kill {v_obj}|stab {v_obj}]", "{O} [messaged|texted|voice noted] {v_obj} [saying|"
    "that] {o} [is going to|will] [kill|murder|end] {v_obj} [and {v_pos} family|tonight|when {o} finds "
    "{v_obj}|]", "{O} [said|told {v_obj}] {o} would [burn|torch] [the house|{v_pos} flat] [down|] with "
    "{v_obj} [in it|inside]",
)
FEAR = (
    "{V} [is|was] [terrified|scared|frightened|in fear|petrified] [{o} will carry it out|for {v_pos} "
    "life||of what {o} will do]", "{V} [believes|thinks|genuinely believes] {o} [will|would|means it "
    "and will] [do it|carry it out]", "{V} [doesn't|does not] feel safe [at home|tonight|]",
    "{V} [is staying with family|has left the address|is barricaded in|has gone to {v_pos} mum's] [as {v} "
    "{v_is} scared|out of fear|]",
)
WHERE = (
    "[outside|inside|in the smoking area of] {pub}", "in the street [on|outside] {street}", "[at|outside] "
    "{shop} on {street}", "at the [taxi rank|bus stop|park] [on|near] {street}", "in [the car|{v_pos} car] "
    "[on|parked on] {street}", "[at|outside] [a house party|a friend's house] on {street}",
    "[on|at] [the bus|the train station|the tram stop] [on {street}|]",
)
HOME_WHERE = (
    "at {addr}", "at [the|their|{v_pos}] home address", "at {o_pos} flat on {street}", "in the kitchen "
    "[at {addr}|at home]", "at home", "in the [hallway|living room|bedroom] [at {addr}|]", "at [{v_pos}|"
    "their] flat [on {street}|]", "outside [the|{v_pos}] house [on {street}|]",
)
ACT_HOME = (
    "{O} [pinned|held] {v_obj} [down on the bed|on the sofa|against the fridge] [and wouldn't let {v_obj} "
    "up|]", "{O} [pushed|shoved] {v_obj} [onto the sofa|against the kitchen side|into the fridge|onto the "
    "bed|down the hallway]", "{O} [dragged|pulled] {v_obj} [out of bed|across the room|up the stairs]",
    "{O} [blocked the door and|] [grabbed|took] {v_pos} phone [off {v_obj}|out of {v_pos} hand] [and "
    "pushed {v_obj} away|, twisting {v_pos} wrist]",
)
CONTEXT = (
    "[after|following] [an argument|a row|a disagreement|words] [about|over] [money|the kids|{o_pos} "
    "drinking|a phone|who was driving|the dog|cigarettes|child contact|{o_pos} ex]", "after a night out",
    "[when|as] {v} [got home|came back from work|tried to leave]", "over [a parking space|a spilled drink|"
    "a queue]", "[for no reason|out of nowhere|unprovoked]",
)
OFF_STATUS = (
    "{o_ref} [has left|left|made off|ran off|walked off] [towards {street2}|on foot|in a {colour} {car}|in "
    "a {colour} {car} {vrm}|]", "{o_ref} [is still|remains] [at the address|on scene|inside|outside]",
    "[OFF|suspect|{o_ref}] [whereabouts unknown|not located|left before police arrival]",
    "{o_ref} [was arrested|has been arrested|detained] [on scene|at the address|nearby]",
)
TP_CALLERS = ("a neighbour", "a member of the public", "the IP's [mum|mother|sister|friend]",
              "a passing motorist", "door staff", "an anonymous caller", "a taxi driver", "a passer by",
              "a [shop worker|bar worker|cashier]", "the [landlord|landlady] of the pub")
TP_SAW = (
    "{caller} [reports|is reporting|states] [seeing|hearing] a [male|man] [hitting|punching|pushing|"
    "dragging|kicking] a [female|woman|male] [at|near|outside] {addr}",
    "{caller} [can hear|heard] [screaming|shouting and banging|a woman screaming help|crashing and "
    "screaming] [from|coming from|at] [next door|{addr}|the flat above]",
    "{caller} [reports|states] [a fight|a disturbance|an assault] [in progress|ongoing] [outside|at] "
    "[{pub}|{shop}|{addr}]",
    "[3rd party|third party|3RD PTY] [call|report] from {caller}: [male and female|couple] [fighting|"
    "arguing and pushing each other] [at|outside] {addr}",
)
TP_CONFIRM = (
    "{V} [confirms|confirmed|disclosed|admitted] [that|] {o} [had|] [pushed|hit|grabbed|punched|assaulted] "
    "{v_obj}", "[on speaking to {vo},|when spoken to,] {v} [confirmed what the caller saw|confirmed that {o} [hit|"
    "assaulted|pushed] {v_obj}|agreed with the caller's account]",
)
TP_DENY = (
    "{V} [flatly|] [denies|denied] [any assault|being assaulted|anything physical|that anything "
    "happened]", "{V} [states|stated|says] [nothing happened|they were only [arguing|messing about|play "
    "fighting]|no one has touched {v_obj}|it was the TV]", "[both parties|all parties|both] [deny|denied] "
    "[any assault|anything physical|any violence]",
)
NOTHING_ELSE = (
    "no injuries seen", "no [marks|injuries|signs of disturbance] [observed|seen|present]", "[caller|RP] "
    "[could not be traced|not contactable|anonymous] [and saw nothing further|]", "[house|flat] tidy, "
    "[calm on arrival|no signs of a struggle]", "no witnesses [came forward|found|located]",
)
TP_SUPPORT = (
    "[officers|attending officers] [observed|noted|saw] [fresh|] [bruising|a cut|swelling|red marks] "
    "[on|to] {v_pos} [face|neck|arm]", "[independent|a] witness [gave an account|provided a statement|"
    "confirmed] [seeing|that] {o} [hit|struck|pushed] {v_obj}", "[assault|incident] [witnessed|seen] by "
    "[officers|police] [on arrival|as they pulled up]", "BWV [captured|shows] {o} [pushing|grabbing] "
    "{v_obj} [as officers arrived|]",
)
DISPROVED = (
    "CCTV [viewed|reviewed|checked] [by officers|by PC|] [shows|confirms] [no assault took place|"
    "{o} did not touch {v_obj}|{v} fell [over|on the stairs] on {v_pos} own|there was no contact between "
    "the parties]", "[doorbell|Ring doorbell|dashcam] footage [shows|confirms] [no assault|no contact|"
    "{v} was never touched|{o} was not present]", "[{o_ref}|the {ogender}] [was|has been confirmed as] "
    "[in custody|at work|abroad] at the time [- confirmed by [custody records|employer|CCTV]|]",
    "[{V}|caller] [admitted|has admitted|now admits] [making it up|the allegation was false|inventing "
    "it [to get {o_obj} removed|out of anger]]",
)
CCTV_SHOWS = (
    "CCTV [viewed|reviewed|checked] [by officers|by PC|] [shows|confirms] [the assault|the {ogender} "
    "[punching|pushing|grabbing|hitting] {v_obj}|an assault took place|contact between the parties]",
    "[doorbell|Ring doorbell|dashcam|phone] footage [shows|captured] [the assault|the {ogender} [striking|"
    "pushing] {v_obj}]",
)
SUSPECT_DENIES = (
    "{o_ref} [denies|denied] [any assault|touching {v_obj}|it] and [says|claims|states] [{v} made it up|"
    "{v} fell|{v} is lying|{v} attacked {o_obj} first] - [no independent evidence either way|nothing to "
    "support that|no CCTV or witnesses]", "[suspect|{o_ref}] [interviewed|spoken to] [and|,] [no comment|"
    "denies the allegation|claims self defence]",
)
RETRACTS = (
    "{V} [now|later|on callback] [says|states|claims] {v} [fell|walked into a door|made a mistake|was "
    "exaggerating] [but|;] [injuries seen by officers are consistent with the original account|officers "
    "saw the injury|{v} was clearly frightened of {o_obj}|the original account was detailed]",
    "{V} [withdrew|retracted] [the allegation|{v_pos} account] [the next day|on callback] [saying|and said] "
    "{v} [doesn't want {o_obj} in trouble|loves {o_obj}|was drunk], [no evidence it did not happen|no "
    "verifiable information to the contrary]",
)
CLOSE_DISPROVED = (
    "[No crime|NC].[ CCTV shows no assault took place.| Verifiable evidence that no offence occurred.| "
    "Footage reviewed - no assault.]", "Allegation [disproved|shown to be untrue] by [CCTV|footage|"
    "custody records]. [NFA|No further action].",
)
CLOSE_TP_DENIED = (
    "[IP denies|Both parties deny] any assault, no injuries, [nothing to support the 3rd party report|"
    "no offences disclosed]. [Advice given|NFA|Filed].", "3rd party report not confirmed by IP, "
    "[no evidence of any offence|nothing seen]. [Words only|No crime].",
)
UNDISCLOSED_CALL = (
    "[CONCERN FOR SAFETY|ABANDONED 999 CALL|SILENT 999] - [shouting|arguing|screaming] [heard|in "
    "background] [at|from] {addr}", "[caller|female|male] [requesting|wanting] police [attendance|"
    "to attend] [to|at] {addr} [re|regarding] [an argument|a domestic|{v_pos} {rel}] [, would not say "
    "more|, line went dead|]", "[verbal argument|domestic - verbal] at {addr} [, caller states no violence|"
    ", no weapons mentioned|]",
)


def _relation(r):
    """Relationship mix for violence: heavy on domestic and known parties."""
    return r.choices(("partner", "ex", "family", "known", "stranger"), (22, 15, 13, 20, 30))[0]


def _hard(r):
    """Pick the hard case for one assault log (weights are the share of assault logs)."""
    return r.choices(
        ("", "declined_support", "intoxicated", "hostile_victim", "injury_minimised", "third_party",
         "third_party_denied", "third_party_supported", "disclosed_in_update", "officer_disbelief",
         "hard_negative_disproved", "suspect_denies", "victim_retracts"),
        (26, 16, 7, 4, 7, 7, 6, 4, 8, 3, 7, 4, 4))[0]


def build_assault(r, env):
    """An assault, with or without injury, and one of its hard cases (see module rules)."""
    relation, hard = _relation(r), _hard(r)
    injury = r.random() < 0.45 or hard == "injury_minimised"
    third = hard.startswith("third_party")
    channel = CALL if third or hard == "disclosed_in_update" else r.choices(
        (CALL, ONLINE, COUNTER, PATROL), (72, 10, 9, 9))[0]
    caller = r.choice(TP_CALLERS) if third else None
    sc = env.scene(r, relation=relation, first_person=channel == ONLINE, caller=caller)
    group = WITH_INJURY if injury else WITHOUT_INJURY
    if hard in ("third_party_denied", "hard_negative_disproved"):
        group = NO_CRIME
    case = Case("assault_" + ("injury" if injury else "no_injury"), "violence", group, hard_case=hard,
                domestic=sc.domestic, scene=sc, channel=channel,
                crime_name=r.choice(("ABH", "s47 ABH", "assault occasioning ABH")) if injury else
                r.choice(("common assault", "s39 common assault", "battery", "assault by beating")))
    case.opening_codes = ("DOMESTIC", "DOMESTIC", "ASSAULT", "CONCERN FOR SAFETY") if sc.domestic else \
        ("ASSAULT", "ASSAULT", "FIGHT", "DISTURBANCE", "ASB", "ABH", "PUBLIC ORDER")
    home = sc.domestic and r.random() < 0.8 or relation == "known" and r.random() < 0.3
    acts = ACT_INJURY if injury else (ACT_NO_INJURY + ACT_HOME if home else ACT_NO_INJURY)
    act = [r.choice(acts), r.choice(HOME_WHERE if home else WHERE)]
    if r.random() < 0.5:
        act.append(r.choice(CONTEXT))
    note = r.choice(INJURY_NOTE if injury else NO_INJURY_NOTE)
    story = [" ".join(act), note, r.choice(OFF_STATUS)] if r.random() < 0.8 else [" ".join(act), note]
    if relation == "stranger" and r.random() < 0.5:
        story.append("[description|desc|offender desc]: {descr}")
    _apply_hard(r, case, hard, story, injury)
    if case.should_record and case.updates and r.random() < 0.07:
        # Common assault needs neither injury nor fear: "not scared" appears in crimes as in non-crimes.
        case.updates[0].append(r.choice(NOT_SCARED))
    return case


def _attend(r):
    """The opening words of an attending officer's update."""
    return r.choice(("ATT.", "On arrival", "Attended,", "OS.", "Officers attended.", "At scene.", "",
                     "Arrived at addr.", "Spoke to parties."))


def _apply_hard(r, case, hard, story, injury):
    """Write the call and updates for the chosen hard case."""
    rest = [r.choice(CCTV_NEUTRAL)] if r.random() < 0.3 else []
    if case.domestic and r.random() < 0.6:
        rest.append("[DASH completed|DASH done|DASH] [- standard|- medium|- high|] [risk|]")
    if hard.startswith("third_party"):
        # Coherence: a domestic incident is seen or heard at the home address, not outside a shop or pub.
        case.call = [r.choice((TP_SAW[0], TP_SAW[1], TP_SAW[3]) if case.domestic else TP_SAW)]
        case.situations = ("third_party",)
        if hard == "third_party":
            case.updates = [[_attend(r), r.choice(TP_CONFIRM), story[1]] + rest]
        elif hard == "third_party_denied":
            case.updates = [[_attend(r), r.choice(TP_DENY), r.choice(NOTHING_ELSE)] + rest]
            case.close_nocrime, case.codes_nocrime = CLOSE_TP_DENIED, ("NO CRIME", "ADVICE GIVEN", "RESOLVED")
            case.over_weight = 1.0
        else:
            case.updates = [[_attend(r), r.choice(TP_DENY), r.choice(TP_SUPPORT)] + rest]
            case.situations = ("third_party", "declined")
        return
    if hard == "disclosed_in_update":
        case.call = [r.choice(UNDISCLOSED_CALL)]
        case.opening_codes = ("CONCERN FOR SAFETY", "DOMESTIC", "ABANDONED CALL", "DISTURBANCE")
        case.updates = [[_attend(r), "{V} [disclosed|then disclosed|later said|went on to say] [that|] " +
                         story[0], story[1]] + rest]
        case.situations = ("update_only",)
        return
    case.call = story
    stance = {"declined_support": DECLINED, "intoxicated": INTOXICATED, "hostile_victim": HOSTILE,
              "injury_minimised": MINIMISED, "officer_disbelief": DISBELIEF}.get(hard, SUPPORTS)
    upd = [_attend(r), r.choice(("Spoke with {vo} who [states|confirms|stated] {v} {v_was} [assaulted|hit|"
                                 "attacked] as [reported|described|per call].",
                                 "[Spoken to|Saw] {vo}, account as per [call|log|opening].",
                                 "{V} [spoken to|seen] [at home|at scene|in hospital|at the front counter].")),
           r.choice(stance)]
    situations = {"declined_support": ("declined",), "intoxicated": ("intoxicated",),
                  "hostile_victim": ("hostile",), "injury_minimised": ("minimised",),
                  "officer_disbelief": ("disbelief",), "suspect_denies": ("disbelief",),
                  "victim_retracts": ("declined",)}.get(hard, ())
    if r.random() < 0.45 and hard not in ("hard_negative_disproved",):
        # The officer restates the account in prose, as attending officers do.
        upd.insert(1, r.choice(("[Spoke with {vo} who [states|stated|alleges|says] [that|]|{V} [states|"
                                "alleges|confirms|reports] [that|]|{V} [gave an account|explained] that] ",
                                "[Account|IP account|Victim account]: ")) + story[0])
    if hard in ("suspect_denies", "victim_retracts"):
        upd[1] = r.choice(SUSPECT_DENIES if hard == "suspect_denies" else RETRACTS)
    if r.random() < 0.15 and hard != "hard_negative_disproved":
        upd.append(r.choice(CCTV_SHOWS))
    if hard == "declined_support" and r.random() < 0.4:
        case.call.append(r.choice(DECLINED))
    if hard == "hard_negative_disproved":
        upd[1] = r.choice(SUPPORTS + TP_DENY)
        case.close_evidence = DISPROVED
        case.close_nocrime, case.codes_nocrime = CLOSE_DISPROVED, ("NO CRIME", "NFA")
        case.over_weight = 1.5
    case.updates = [upd + rest]
    if not injury and r.random() < 0.5:
        situations += ("no_injury",)
    case.situations = situations


def build_threats(r, env):
    """A threat to kill put in fear; hard case: logged as a 'verbal argument' / 'words only'."""
    relation = r.choices(("partner", "ex", "family", "known", "stranger"), (15, 30, 12, 28, 15))[0]
    hard = r.choices(("", "words_only_threat", "declined_support", "intoxicated", "by_phone"),
                     (30, 30, 20, 8, 12))[0]
    channel = CALL if hard == "words_only_threat" else r.choices((CALL, ONLINE, COUNTER), (70, 18, 12))[0]
    sc = env.scene(r, relation=relation, first_person=channel == ONLINE)
    case = Case("threats_to_kill", "violence", WITHOUT_INJURY, domestic=sc.domestic, scene=sc,
                channel=channel, hard_case="" if hard == "by_phone" else hard,
                crime_name=r.choice(("threats to kill", "TTK", "s16 threats to kill")),
                opening_codes=("THREATS", "DOMESTIC", "CONCERN FOR SAFETY", "HARASSMENT", "ASB",
                               "NEIGHBOUR DISPUTE"))
    threat, fear = r.choice(THREAT), r.choice(FEAR)
    if hard == "by_phone":
        threat = "{O} [rang|called|phoned|sent a voice note to] {v_obj} [from {phone}|] and " + threat[4:]
    lead = "[verbal argument|verbal only|words only|argument|verbal dispute] [between {vo} and {O}|with {O}|]"
    if hard == "words_only_threat":
        case.call = [lead + " [, no violence|, nothing physical|, no assault|] [- during which|, in which|"
                     "but|and] " + threat, fear]
        case.situations = ("words_only",)
        case.opening_codes = ("DOMESTIC - VERBAL", "VERBAL ARGUMENT", "DOMESTIC", "ASB", "NEIGHBOUR DISPUTE")
    else:
        case.call = [threat + " " + r.choice(WHERE), fear]
    upd = [_attend(r), "[Spoke with|Spoken to] {vo}[,| who] [account as per call|confirms the threat|"
           "repeated what {o} said]."]
    if hard == "declined_support":
        upd.append(r.choice(DECLINED))
        case.situations += ("declined",)
    elif hard == "intoxicated":
        upd.append(r.choice(INTOXICATED))
        case.situations += ("intoxicated",)
    case.updates = [upd]
    return case


def build_update_injury(r, env):
    """A call about something else (welfare, row) where injuries are only seen by the officer."""
    relation = r.choices(("partner", "ex", "family"), (50, 25, 25))[0]
    sc = env.scene(r, relation=relation, first_person=False)
    case = Case("assault_disclosed_update", "violence", WITH_INJURY, domestic=True, scene=sc,
                hard_case="disclosed_in_update", situations=("update_only",), crime_name="ABH",
                opening_codes=("CONCERN FOR SAFETY", "DOMESTIC", "WELFARE CHECK", "DOMESTIC - VERBAL"))
    case.call = [r.choice(UNDISCLOSED_CALL)]
    case.updates = [[_attend(r), r.choice(INJURY_NOTE) + " [seen|noted|observed] by officers",
                     "{V} [eventually|reluctantly|then] [said|admitted|disclosed] " + r.choice(ACT_INJURY)],
                    [r.choice(DECLINED + SUPPORTS)]]
    return case
