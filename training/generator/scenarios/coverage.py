"""Matched pairs for everyday theft-like and violence-like incidents (issue #3: coverage of the primer).

Every builder here draws one *situation* (a belongings dispute, a "stolen" phone, an injury at football,
a fire, a smell of cannabis, a shop alarm...) and then one of two outcomes that share the situation's
wording: the facts that make it a notifiable crime, or the checkable facts that make it none. The
opening code, call wording, channel mix, victim stance and closing banks are drawn the same way on both
sides, so only the facts decide the label. Each side's rule is written next to its data as ``# Rule:``
comments citing the primer (``docs``: /work/shared/domain/NCRS-primer.md); a summary:

Crimes (should_record True):
- ``belongings_dispute_theft``: an ex keeps or takes her belongings, a borrowed item, a builder's job,
  a pet or a car, and dishonesty is clear (sold it, took it "to get back at her", item solely hers by
  receipt/V5/microchip, lied about it) -> "Theft offences" (primer 2, 4: her account is enough; a
  suspect's later claim is not verifiable evidence, primer 6). An officer who calls it "civil" is giving
  an opinion: still a crime (primer 4, 12).
- ``reported_stolen_confirmed``: an item reported stolen (or first thought lost) and nothing shows it was
  mislaid; CCTV, tracking or use of the cards may confirm it -> "Theft offences" (primer 2, 4).
- ``deliberate_injury``: the same sport, playground, fall or crowd situations where the other person
  used force on purpose -> "Violence with injury" when an injury is described, else "Violence without
  injury" (primer: what commonly is).
- ``youth_assault``: a "fight" among teenagers where one was set upon and did not want to fight ->
  violence group; a child victim needs no confirmation (primer 8).
- ``school_police_action``: a school incident that is serious (injury, a threat to stab, an intimate
  image of a pupil shared) or where the parent or member of staff asks for police action -> the
  offence's group (primer: schools).
- ``street_report_traced``: a passer-by's report of an assault where the victim is identified and
  confirms it (or police/footage saw it) -> violence group; declining support does not change it
  (primer 5, 8).
- ``fire_deliberate``: a fire the fire service finds deliberately set, or a person seen setting it ->
  "Criminal damage and arson".
- ``cannabis_smell_found``: a smell-of-cannabis complaint where officers find cannabis on a person they
  search -> "Other crimes against society" (points to prove made out, police-witnessed, primer 3).
- ``shop_theft_plain``: shop staff report goods taken without paying, seen on CCTV or by staff; the
  shop "just wants it logged" -> "Theft offences" (primer 5).
- ``self_defence_claim``: the suspect (door staff, a partner, a neighbour) says it was self-defence, with
  nothing verifiable to support it, or footage shows force beyond it -> violence group (primer 6).

Non-crimes (should_record False):
- ``belongings_dispute_civil``: the same situations where ownership is genuinely disputed and the
  holder's claim is supported by checkable facts (joint account receipts, V5 in his name, microchip in
  both names), or he openly accepts it is a loan he will return, or a deposit is held in a protection
  scheme -> "No crime": a civil dispute with no offence disclosed; an honest claim of right is not
  dishonest, so no theft (primer 2a, "what is not").
- ``reported_stolen_found``: the "stolen" item found where it was left or handed in intact, shown by
  CCTV or tracking -> "No crime" (primer 6, 9: verifiable information).
- ``accidental_injury``: a fair tackle, children colliding, a man tripping into her, confirmed by the
  referee, staff, witnesses or CCTV -> "No crime" (no unlawful force; an accident is not an offence).
- ``youth_horseplay``: friends or brothers play-fighting or wrestling for a video, both laughing, nobody
  hurt, nobody complaining -> "No crime" (no victim, no offence disclosed).
- ``school_protocol_incident``: pupils falling out, a scuffle with no injury, unkind (not threatening or
  sexual) messages in a group chat, a pupil kicking out during a restraint, dealt with by the school
  under the schools protocol with the parent or staff member content -> "No crime" (primer: schools).
- ``street_report_untraced``: the same passer-by's report where neither party is found, nobody injured is
  traced and nothing else supports it -> "No crime" (primer 8: unconfirmed third-party report).
- ``fire_controlled``: chip-pan fire, a cigarette dropped on a sofa, a garden bonfire or a farmer's
  controlled burn, confirmed by the fire service -> "No crime".
- ``cannabis_smell_nothing``: the same complaint, no smell on arrival, nothing found, no grounds to search
  -> "No crime" (primer 3).
- ``shop_theft_paid``: the "shoplifter" had paid (till record, receipt), a staff error, or came back to
  pay for an item forgotten in the trolley -> "No crime" (no dishonesty; verifiable records, primer 6).
- ``lawful_restraint``: a complaint of assault by door staff or security where CCTV shows only an escort
  out with reasonable force and no blows, and the injury from a fall -> "No crime" (primer 6).
Domestic-abuse flag: set when the parties are partners, ex-partners or family aged 16+, crime or not.
"""

from training.generator.scenarios.common import (
    CALL,
    CCTV_NEUTRAL,
    COUNTER,
    DECLINED,
    NO_CRIME,
    ONLINE,
    SUPPORTS,
    Case,
    attend,
)

WITHOUT_INJURY, WITH_INJURY = "Violence without injury", "Violence with injury"
THEFT, DAMAGE, SOCIETY = "Theft offences", "Criminal damage and arson", "Other crimes against society"
HARASS, SEXUAL = "Stalking and harassment", "Sexual offences"

# Non-crime callers also want someone "arrested" or "dealt with": the phrase must not mark a crime.
_WANTS_ACTION = (
    "{V} [wants|would like] {o_obj} [arrested|dealt with|charged] [for theft|]",
    "{V} [is adamant|insists] it is [theft|stealing] and wants police to [get it back|do something]",
    "{V} [wants|wanted] [it on record|a crime number|a reference] [in case it goes further|]",
)
_WANTS_ACTION_HURT = (
    "{V} [wants|would like] [someone|the other person] [dealt with|held responsible|spoken to by police]",
    "{V} [is angry|is upset] and [wants it on record|wants a reference|wants police to look at it]",
    "{V} [wants|would like] [a crime number|a reference] [for the claim|for compensation|for insurance]",
)
_DECLINED_OTHER = tuple(t for t in DECLINED if "father of" not in t)  # children only in domestic logs


def _without_suspect(bank):
    """The lines of ``bank`` that do not refer to the other party (for logs with no one identified)."""
    return tuple(t for t in bank if "{o" not in t and "{O" not in t)



def _scene(r, env, relation, channel, **kw):
    """Scene for one log in ``channel``."""
    return env.scene(r, relation=relation, first_person=channel == ONLINE, **kw)


def _channel(r, weights=(65, 25, 10)):
    """Call, online or front counter."""
    return r.choices((CALL, ONLINE, COUNTER), weights)[0]


def _stance(r, case, upd, *, crime, declined=0.25, wants=_WANTS_ACTION, suspect=True):
    """The caller's stance, drawn alike for crimes and non-crimes (never changes the label, primer 5).

    With ``suspect=False`` (nobody identified) no line refers to the other party.
    """
    roll = r.random()
    if roll < declined:
        bank = DECLINED if case.domestic else _DECLINED_OTHER
        upd.append(r.choice(bank if suspect else _without_suspect(bank)))
        case.situations = tuple(case.situations) + ("declined",)
    elif roll < declined + 0.2:
        bank = SUPPORTS if crime else wants
        upd.append(r.choice(bank if suspect else _without_suspect(bank)))


# --- 1. belongings, loans, payments, pets and cars: civil dispute or theft -------------------------
# (kind, relation, call lines shared by both outcomes, civil facts, theft facts)
_BELONGINGS = (
    ("ex_belongings", "ex", ("the TV", "the sofa", "the PS5", "the bed", "{v_pos} laptop", "{v_pos} jewellery box",
                             "the washing machine", "{v_pos} bike"), (
        "{V} [says|states] {O} [has kept|is keeping|won't hand back|refuses to return] {thing} [since they split "
        "up|since {o} moved out|after the break up]",
        "{O} [still has|has got|kept] {thing} [from when they lived together|after {v} moved out] and [won't "
        "give it back|is ignoring {v_pos} messages about it]"), (
        # Rule (primer 2a, "what is not"): ownership genuinely disputed and supported by checkable facts
        # -> civil, No crime (an honest claim of right is not dishonest).
        "{o_ref} [spoken to|contacted by phone] and says [{o} paid for it|it was bought jointly|it was a "
        "present to {o_obj}] - [receipts|bank statements] show it was bought from [their joint account|"
        "{o_pos} account]; genuine dispute over who owns it",
        "[both|the parties] paid towards it when they lived together and both [believe|say] it belongs to "
        "them - [ownership dispute|dividing joint property] is a civil matter"), (
        # Rule (primer 2, 4): the holder's dishonesty is clear -> Theft offences.
        "{o_ref} has [sold|listed] it on [Facebook Marketplace|eBay|Gumtree] and kept the money - {v} bought "
        "it [before they met|with {v_pos} own money] and has the receipt in {v_pos} name",
        "{o_ref} [messaged|texted] {v_obj} [saying|admitting] {o} took it [to get back at {v_obj}|to hurt "
        "{v_obj}|out of spite] and knows it belongs to {v_obj}",
        "{o_ref} [went back into|let {o_self} into] the flat [after moving out|while {v} was at work] and "
        "took it - {o} never paid for it and [admits|accepts] it belongs to {v_obj}")),
    ("borrowed", "known", ("drill", "lawnmower", "laptop", "camera", "pressure washer", "bike", "PS5",
                           "power tools"), (
        "{O} borrowed {v_pos} {thing} [weeks ago|in {month}|a while back] and [hasn't given it back|keeps "
        "making excuses|won't return it]",
        "{V} [lent|loaned] {O} {v_pos} {thing} and [can't get it back|{o} is now ignoring {v_obj}]"), (
        # Rule: a loan the borrower openly accepts and will return (or holds against a debt he honestly
        # believes he is owed) is a civil matter, no dishonesty -> No crime.
        "{o_ref} [spoken to|contacted] - [accepts|agrees] {o} still has the {thing} [at {o_pos} house|in "
        "{o_pos} garage] and [will drop it back at the weekend|will return it tomorrow|has arranged to "
        "return it]",
        "{o_ref} [spoken to|contacted] - has the {thing} and says {o} is keeping it until {v} pays back the "
        "£{value} {o} lent {v_obj}; [messages|texts] show the loan; dispute over the debt is civil"), (
        # Rule: the borrower has sold it, hidden it or lied about it -> Theft offences.
        "{o_ref} has [sold|pawned] the {thing} and [kept the money|spent the money] - [the shop's "
        "records|the pawn ticket] [show|shows] {o_pos} name",
        "{o_ref} [told|texted] {v_obj} the {thing} [was stolen from {o_pos} car|got nicked] but it is [for "
        "sale online|listed on Facebook] [under {o_pos} name|from {o_pos} address]",
        "{o_ref} now [denies ever having it|says {o} never borrowed it] although [messages|texts] show {o} "
        "[asked to borrow the {thing}|said {o} would return it]")),
    ("payment", "known", ("",), (
        "{V} paid {O} [£{value}|a deposit of £{value}] [for building work|to fit a kitchen|to fix {v_pos} "
        "roof|to lay a patio] and [the work has not been finished|is unhappy with it|wants the money back]",
        "[dispute|row] with {O} [over|about] [money|£{value}|a deposit|payment] for [work on the house|a job "
        "at {addr}]"), (
        # Rule (primer "what is not": contracts, debts): a contractual dispute -> No crime.
        "{o_ref} [is not denying it|agrees {o} was paid] and says [the work is done|{o} will finish next "
        "week|the money went on materials] - contractual dispute, [advised re small claims|advised re "
        "Citizens Advice]", "{o_ref} [has offered|agreed] to [refund part of it|finish the job] - dispute "
        "about the quality of the work, civil"), (
        # Rule: money or property taken that was never paid or lent to him -> Theft offences.
        "while working in the house {o_ref} [took|pocketed] £{value} cash from [{v_pos} kitchen drawer|"
        "{v_pos} purse|the tin in the bedroom] - [{v} saw {o_obj}|the doorbell camera caught {o_obj}|{o} "
        "admitted it when challenged]", "{o_ref} [took|helped {o_self} to] {v_pos} [tools|jewellery|bank "
        "card] [from the house|from the garage] while [on the job|{v} was out] - [it was seen on {v_pos} "
        "camera|{o} has since sold it]")),
    ("pet", "ex", ("dog", "cat", "puppy", "French bulldog", "cockapoo"), (
        "{V} says {O} [took|has taken] the {thing} [when {o} moved out|from the house|{day}] and won't give "
        "it back", "[row|dispute] [over|about] the {thing} between {vo} and {O} [after they split|since the "
        "break up]"), (
        # Rule: pet bought and registered jointly, both believe it is theirs -> civil, No crime.
        "the {thing} was bought [together|by both of them] while they lived together and the [microchip|"
        "vet records] [are|is] in both names - [ownership dispute|dispute over the pet], civil matter",
        "{o_ref} [has the adoption papers|is the registered keeper on the microchip] and says the {thing} "
        "belongs to {o_obj} - ownership disputed, civil"), (
        # Rule: taker knows it is not his (hers alone, taken to hurt her or to sell) -> Theft offences.
        "the {thing} is microchipped to {v_obj} alone and {v} had it years before they met; {o_ref} [took|"
        "lifted] it [from {v_pos} garden|while {v} was at work]",
        "{o_ref} [messaged|texted] saying {o} took the {thing} [to hurt {v_obj}|and will sell it] - it [is "
        "registered to|was bought by] {v_obj} alone")),
    ("car", "ex", ("",), (
        "{O} [has taken|drove off in|is keeping] the {car} [{vrm}|] [after the split|when {o} moved out|"
        "{day}] and {V} wants it back",
        "{V} [reports|says] {O} [has got|took] the car [{vrm}|] and [won't return it|says it belongs to "
        "{o_obj}]"), (
        # Rule: V5 in his name and he has paid the finance, genuine belief it is his -> civil, No crime.
        "[V5|logbook] is in {o_pos} name and {o} has been paying the finance; {o} honestly [believes|says] "
        "the car belongs to {o_obj} though {v} paid the deposit - [ownership dispute|civil dispute], advised "
        "re solicitor", "[the car|it] was bought [jointly|together] and both [drive|drove] it - [dispute "
        "over who keeps it|ownership] is civil"), (
        # Rule: car solely hers, taken with a spare key and being sold -> Theft offences.
        "the car is in {v_pos} name only and {v} paid for it outright; {o_ref} took it [with the spare "
        "key|without asking] and has [put it up for sale|refused to bring it back]",
        "{o_ref} has [no claim to it|never been on the insurance] and [admitted|told {v_pos} sister] {o} "
        "took it [to get back at {v_obj}|to sell]")),
)
_BELONG_CIVIL_CLOSE = (
    "[Civil dispute over ownership|Dispute over property between the parties] - [no offence|no theft], "
    "[advised re small claims|advised to seek legal advice]. [Closed|NFA].",
    "[Claim of right|Genuine ownership dispute] - [civil matter|not theft]. [Advice given|Parties advised]. Closed.",
)
_OFFICER_CIVIL_VIEW = (
    "[Officer view|OIC view|Attending officer's view]: [civil matter between ex partners|civil dispute over "
    "property|one for the civil courts]",
    "[Treated as|Logged as] a civil [dispute|matter] [at this time|for now]",
)


def _build_belongings(r, env, theft):
    """One belongings/loan/payment/pet/car log; ``theft`` picks the outcome."""
    kind, relation, things, calls, civil, dishonest = r.choice(_BELONGINGS)
    channel = _channel(r)
    sc = _scene(r, env, relation, channel)
    sc.lazy["thing"] = r.choice(things)  # one item throughout the log
    label = THEFT if theft else NO_CRIME
    case = Case("belongings_dispute_" + ("theft" if theft else "civil"), "property" if theft else "non-crime",
                label, domestic=sc.domestic, scene=sc, channel=channel, frame="civil",
                hard_case="belongings_theft" if theft else "belongings_civil", crime_name="theft",
                opening_codes=("CIVIL DISPUTE", "THEFT", "THEFT OTHER", "DOMESTIC" if sc.domestic else
                               "GENERAL ENQUIRY", "CIVIL DISPUTE"),
                close_nocrime=_BELONG_CIVIL_CLOSE, codes_nocrime=("CIVIL MATTER", "ADVICE GIVEN", "NO CRIME"),
                over_weight=0.9)
    case.call = [r.choice(calls)]
    upd = [attend(r), r.choice(dishonest if theft else civil)]
    if theft and r.random() < 0.3:
        # Rule (primer 4, 12): the officer's "civil" is opinion after a theft was described: still a crime.
        upd.append(r.choice(_OFFICER_CIVIL_VIEW))
        case.situations = ("contradicting",)
    elif not theft and r.random() < 0.35:
        upd.append(r.choice(_OFFICER_CIVIL_VIEW))
    _stance(r, case, upd, crime=theft)
    case.updates = [upd]
    return case


def build_belongings_dispute(r, env):
    """Rule: belongings/loan/payment/pet/car dispute -> No crime when the claim is honest and checkable,
    Theft offences when dishonesty is clear (see ``_BELONGINGS`` and the module rules)."""
    return _build_belongings(r, env, r.random() < 0.5)


# --- 2. reported stolen: found where it was left, or stolen after all -------------------------------
_STOLEN_CALLS = (
    "{v_pos} [{mobile}|purse|wallet|handbag|{item}] [was stolen|has been stolen|got nicked|was taken] [at "
    "{pub}|from {v_pos} table at {pub}|at work|from the changing room at the gym|on the bus|at {shop}]",
    "{V} [is sure|thinks|believes] someone [took|has stolen|has nicked] {v_pos} [{mobile}|purse|wallet|bag] "
    "[while {v} was at the bar|while {v} was paying at {shop}|from {v_pos} coat at work|at the gym]",
    "{V} [thought|assumed] {v} had [lost|dropped] {v_pos} [{mobile}|purse|wallet] [on a night out|in "
    "town|at {shop}] but {v} {v_is} now [worried|fairly sure] it was [stolen|taken]",
)
_STOLEN_EXTRA = (
    "[bank cards|cards] [cancelled|stopped|frozen]", "{V} [needs|wants] a [crime number|reference] for "
    "[insurance|the phone company]", "[last seen|last had it] at about {hour}", "[didn't see|did not see] "
    "anyone take it",
)
_STOLEN_FOUND = (
    # Rule (primer 6, 9): the "stolen" item found where it was left, intact -> No crime.
    "{V} [rang back|called back|updated] - [found it|it turned up] [down the side of the sofa|in {v_pos} "
    "car|in {v_pos} other coat|in {v_pos} locker] where {v} had left it, nothing taken",
    "[venue CCTV|CCTV from {pub}|store CCTV] shows {v_obj} [leaving it on the table|dropping it] and [staff|a "
    "member of staff] [put it behind the bar|handed it in]; [collected|returned] intact",
    "[{v_pos} partner|a housemate|a colleague] found it [in {v_pos} car|on the kitchen side|in the work "
    "kitchen] where {v} had left it, [nothing missing|cards all there]",
    "[handed in|returned] by [the bus company|{shop}|a member of the public] [with everything still in it|"
    "untouched] - {V} [accepts|now says] {v} must have dropped it",
)
_STOLEN_CONFIRMED = (
    # Rule (primer 2, 4): the victim's account of a theft stands; here also confirmed -> Theft offences.
    "[CCTV|venue CCTV|store CCTV] shows [someone|a person|a man in a {clothes}] [picking it up|taking it from "
    "the table|putting it in a pocket|lifting it from {v_pos} bag] and [walking out|leaving]",
    "[its tracking tag|Find My|the tracker] shows it at an address on {street2} {v} has never been to, [then switched "
    "off|now offline]", "{v_pos} [bank card|card] was used [at {shop}|for £{value} contactless|online] "
    "[an hour after|the morning after] it went missing",
    "[no CCTV covering the area|no CCTV]; {V} [is certain|is sure] it was in {v_pos} [bag|coat|locker] "
    "[and the bag was left open|and the locker was forced|before {v} was jostled]",
)


def _build_reported_stolen(r, env, stolen):
    """One "stolen" item log; ``stolen`` picks stolen (True) or found where left (False)."""
    channel = _channel(r, (55, 35, 10))
    sc = _scene(r, env, "stranger", channel)
    case = Case("reported_stolen_" + ("confirmed" if stolen else "found"), "property" if stolen else "non-crime",
                THEFT if stolen else NO_CRIME, scene=sc, channel=channel, frame="property",
                hard_case="reported_stolen_confirmed" if stolen else "hard_negative_disproved",
                crime_name=r.choice(("theft", "theft from the person", "theft other")),
                opening_codes=("THEFT", "THEFT FROM PERSON", "LOST PROPERTY", "THEFT OTHER"),
                close_nocrime=("[Item found|Property found|Located] - not stolen. [No crime|Closed].",
                               "[Mislaid|Lost, not stolen] - [found by {vo}|returned intact]. [NFA|Closed]."),
                codes_nocrime=("NO CRIME", "LOST PROPERTY", "RESOLVED"), over_weight=1.0)
    case.call = [r.choice(_STOLEN_CALLS)] + r.sample(_STOLEN_EXTRA, r.choice((0, 1, 2)))
    upd = [attend(r), r.choice(_STOLEN_CONFIRMED if stolen else _STOLEN_FOUND)]
    if r.random() < 0.3:
        upd.insert(1, r.choice(CCTV_NEUTRAL))
    if stolen and "insurance" in " ".join(case.call):
        case.situations = ("insurance",)
    _stance(r, case, upd, crime=stolen, declined=0.1, suspect=False)
    case.updates = [upd]
    if not stolen and r.random() < 0.3:
        case.close_evidence = ("[Item|Property] [confirmed found|back with {vo}] - not stolen",)
    return case


def build_reported_stolen(r, env):
    """Rule: "stolen" item found where it was left -> No crime (primer 6); otherwise Theft offences."""
    return _build_reported_stolen(r, env, r.random() < 0.5)


# --- 3. injuries at sport, in play areas, in crowds: accident or assault -----------------------------
# (kind, victim age or None, call lines, accident facts, deliberate facts (text, injured?))
_INJURY = (
    ("football", None, (
        "{V} [was injured|got hurt|was hurt] [playing football|during a Sunday league match|at five-a-side|"
        "playing rugby] [in a challenge with another player|when another player went into {v_obj}|after a "
        "tackle] [and has a suspected broken ankle|and needed stitches to {v_pos} eye|and hurt {v_pos} knee]",
        "[report of|caller reporting] [an injury|a player hurt] at [a football match|the five-a-side pitches|"
        "the rugby club] on {street}"), (
        # Rule: force within the ordinary run of the game, confirmed by the referee/others -> No crime.
        "[the referee|the other players|both managers] [describe|confirm] a [late but normal tackle|clash "
        "of heads going for the ball|fair challenge that went wrong] - within the game, no intent",
        "[match footage|a parent's video] shows [both players going for the ball and colliding by accident|"
        "an accidental collision] - [the other player|he] [stayed to help|called the ambulance]"), (
        # Rule: force outside the game, deliberate -> violence group (injury decides which).
        ("after the whistle the other player [punched|headbutted] {v_obj} [off the ball|while {v} was on "
         "the floor] [breaking {v_pos} nose|cutting {v_pos} eye]", True),
        ("the other player [shoved|pushed] {v_obj} over after the game and [spat at|slapped] {v_obj} [in "
         "the car park|as they walked off]", False))),
    ("play_area", (4, 11), (
        "{caller} [reporting|calling about] {vfirst} [({vage})|aged {vage}] "
        "[being hurt|getting a cut head|hurting {v_pos} arm] at [the park|soft play|the play area on {street}] "
        "[after being knocked off the slide|in a collision with an older child|after being knocked over]",
        "{caller} [reporting|calling about] {vfirst} [({vage})|] [being hurt|"
        "getting injured] at [soft play|the park] by [another child|an older boy]"), (
        # Rule: children colliding while playing, seen by staff/parents -> accident, No crime.
        "[staff|other parents|the supervisor] saw the children [running into each other|collide on the "
        "slide|both go for the swing] - accident, [the other parent apologised|first aid given]",
        "[CCTV at soft play|the centre's CCTV] shows [an accidental collision|the children tumbling together] "
        "- no one [pushed|hit] anyone"), (
        # Rule: an adult or older youth deliberately pushes/grabs the child -> violence group.
        ("an [adult|older teenager] [deliberately pushed|shoved] {v_obj} off the [climbing frame|slide] "
         "[because {v} was in the way|and laughed] - {v} has a [cut head|swollen wrist]", True),
        ("a [man|woman] [grabbed|yanked] {v_obj} by the arm and [shook|shouted at] {v_obj} for being in "
         "the way - no marks", False))),
    ("crowd", None, (
        "{V} [was knocked over|was sent flying] [in {shop}|at the bus station|on the pavement on {street}|on "
        "the platform] [by a man rushing past|by a man who barged past] [and hurt {v_pos} wrist|and cut "
        "{v_pos} head|and grazed {v_pos} knees]", "{V} fell [in {shop}|on the platform|on {street}] when a man "
        "[rushed|barged|ran] past [and hurt {v_pos} wrist|and cut {v_pos} head]",
        "[report of|caller reporting] [a woman|a man|an elderly woman] [knocked to the ground|pushed over] "
        "[in {shop}|on {street}|at the station]"), (
        # Rule: an accidental knock, shown by CCTV/witnesses -> No crime.
        "[CCTV|store CCTV] shows the man [tripping|looking at his phone|slipping on the wet floor] and "
        "knocking into {v_obj} by accident - he [stopped and helped|apologised]",
        "[witnesses|staff] confirm [it was an accident|he lost his footing] and [he helped {v_obj} up|he "
        "called for first aid]"), (
        # Rule: deliberate barge/push -> violence group.
        ("[CCTV|store CCTV] shows the man [deliberately barging|shoulder-charging|pushing] {v_obj} [because {v} "
         "was in the way|after {v} asked him to queue] - {v} [cut {v_pos} head|broke {v_pos} wrist]", True),
        ("[witnesses|staff] saw the man [shove|push] {v_obj} out of the way on purpose [and swear at "
         "{v_obj}|after {v} asked him to wait] - no injuries", False))),
    ("grab", None, (
        "{V} [says|reports|states] a [man|stranger|male {v} didn't know] [grabbed|took hold of|yanked] {v_pos} "
        "arm [on {street}|at the crossing on {street}|on the platform|outside {shop}] [and pulled {v_obj} "
        "back|and held on] [and {v} {v_was} shaken|- {v} is upset|]",
        "[report of|caller reporting] a [woman|man|girl] [grabbed by the arm|being grabbed] by a [male|"
        "stranger] [on {street}|at the station]"), (
        # Rule: force used to stop her stepping into danger, shown by CCTV/witnesses -> lawful, No crime.
        "[CCTV|a witness|the bus driver] [shows|confirms] he pulled {v_obj} back from [the kerb|the road|the "
        "platform edge] as a [bus|car|train|cyclist] went past - to help {v_obj}, no assault",
        "[witnesses|staff] confirm the man [stopped {v_obj} walking into traffic|caught {v_obj} as {v} "
        "stumbled] and [let go straight away|walked off after checking {v} was ok]"), (
        # Rule: grabbed and held against her will -> Violence without injury.
        ("[CCTV|witnesses] show he grabbed {v_obj} [and tried to pull {v_obj} towards his car|and would not "
         "let go, shouting at {v_obj}|and twisted {v_pos} arm] - no injuries", False),)),
    ("fall_home", None, (
        "[ambulance|paramedics] [requesting police|asking for police] [to a|re a] [woman|man|person] with "
        "[a head injury|facial bruising|a broken arm] at {addr} [- says {v} fell|, account unclear]",), (
        # Rule: injury from a fall, medical evidence and independent account consistent -> No crime.
        "{V} [tripped on the stairs|fell in the bath|fainted in the kitchen] - [lives alone|was alone] and "
        "[paramedics|the hospital] confirm the injuries fit a fall; [no one else involved|no concerns]",
        "[doorbell footage|the carer|a neighbour who was there] confirms {v} [slipped on ice|fell on the "
        "step] - [medical matter|accident], no third party"), (
        # Rule: the "fall" was caused by a family member pushing/hitting -> violence group (DA if family).
        ("{V} [later disclosed|then told officers] {v_pos} {rel} [pushed|hit] {v_obj} and "
         "{v} did not fall - [bruising|a cut] consistent with a blow", True),)),
)


def _build_injury(r, env, deliberate):
    """One injury log; ``deliberate`` picks force on purpose (True) or an accident (False)."""
    kind, age, calls, accident, offence = r.choice(_INJURY)
    relation = "partner" if kind == "fall_home" and deliberate and r.random() < 0.5 else \
        "family" if kind == "fall_home" and deliberate else "stranger"
    channel = CALL if kind in ("fall_home", "play_area") else _channel(r, (70, 20, 10))
    sc = _scene(r, env, relation, channel, victim_age=r.randrange(*age) if age else None,
                caller="[a parent|{vfirst}'s mum|{vfirst}'s dad]" if age else None)
    text, injured = r.choice(offence)
    group = (WITH_INJURY if injured else WITHOUT_INJURY) if deliberate else NO_CRIME
    case = Case("deliberate_injury" if deliberate else "accidental_injury", "violence" if deliberate else
                "non-crime", group, domestic=sc.domestic, scene=sc, channel=channel,
                frame="welfare" if kind == "fall_home" else "street",
                hard_case="deliberate_injury" if deliberate else "hard_negative_accident",
                crime_name="ABH" if injured else "common assault",
                opening_codes=("ASSAULT", "INJURY", "AMBULANCE REQUEST", "ABH", "CONCERN FOR SAFETY"),
                close_nocrime=("[Accidental injury|Accident] - no assault. [Closed|Resolved].", "[No offence|No "
                               "crime] - injury from [an accident|a fall|a fair challenge], [confirmed by "
                               "witnesses|confirmed on CCTV]. [NFA|Closed]."),
                codes_nocrime=("NO CRIME", "RESOLVED", "ADVICE GIVEN"), over_weight=0.6)
    case.call = [r.choice(calls) if channel == CALL else calls[0]]  # later lines are call-taker wording
    upd = [attend(r), text if deliberate else r.choice(accident)]
    if not age:  # a young child's parent speaks for them
        _stance(r, case, upd, crime=deliberate, declined=0.2, wants=_WANTS_ACTION_HURT,
                suspect=deliberate)
    case.updates = [upd]
    return case


def build_injury_accident_or_assault(r, env):
    """Rule: injury from an accident (fair tackle, children colliding, a trip, a fall) -> No crime; force
    used on purpose -> violence group (with injury if an injury is described)."""
    return _build_injury(r, env, r.random() < 0.5)


# --- 4. teenagers "fighting": horseplay or an assault -----------------------------------------------
_YOUTH_CALLS = (
    "{caller} [reporting|calling about] [two teenagers|a group of teenagers|some youths|"
    "two school kids] [fighting|scrapping|wrestling|rolling around] [on the field|in the park|outside {shop}|at the "
    "skate park] [while others film it|with a crowd watching|]",
    "[fight|scuffle] [between|involving] [teenagers|youths|school kids] [at|near] [the skate park|the rec on "
    "{street}|the bus station] [- one on the floor|, phones out filming|]",
)
_YOUTH_PLAY = (
    # Rule: friends/brothers play-fighting, both laughing, no one hurt, no one complaining -> No crime.
    "[both|the] [teenagers|youths] [traced|spoken to] - [friends|siblings|cousins] [play fighting|wrestling "
    "for a video|practising moves from a boxing class], both [laughing|fine], no one hurt, [neither wants "
    "to complain|no complaint from anyone]",
    "[the footage|the video on the phone] shows [both|them] [laughing|taking turns|joking] throughout - "
    "[horseplay|messing about], no injuries, [parents informed|sent home]",
)
_YOUTH_ASSAULT = (
    # Rule: one youth set upon against his will -> violence group (child victim, primer 8).
    ("{vfirst} ({vage}) [was jumped|was set upon|was punched repeatedly] by [an older boy|a group of lads] "
     "[while others filmed it|and did not want to fight] - [cut lip|swollen eye|bruising to {v_pos} face]", True),
    ("{vfirst} ({vage}) was [pushed to the ground|kicked while on the floor|dragged by {v_pos} hoodie] by "
     "[another boy|a lad from school] who [wanted a fight|called {v_obj} out] - {v} [refused to fight back|"
     "tried to walk away]; no visible injuries", False),
)


def _build_youth(r, env, assault):
    """One teenagers-fighting log; ``assault`` picks one set upon (True) or horseplay (False)."""
    sc = _scene(r, env, "stranger", CALL, victim_age=r.randrange(12, 17), offender_gender="m",
                caller="[a parent|a passer by|a dog walker|a shop worker]")
    text, injured = r.choice(_YOUTH_ASSAULT)
    group = (WITH_INJURY if injured else WITHOUT_INJURY) if assault else NO_CRIME
    case = Case("youth_assault" if assault else "youth_horseplay", "violence" if assault else "non-crime", group,
                scene=sc, channel=CALL, frame="street", crime_name="ABH" if injured else "common assault",
                hard_case="youth_assault" if assault else "hard_negative_horseplay",
                opening_codes=("FIGHT", "ASSAULT", "ASB", "DISTURBANCE", "YOUTHS CAUSING ANNOYANCE"),
                close_nocrime=("[Play fighting|Horseplay] - no assault, no complainant. [Words of advice|"
                               "Parents informed]. Closed.", "[Youths|Teenagers] messing about - [no "
                               "offences|nobody hurt]. [Resolved|Closed]."),
                codes_nocrime=("NO CRIME", "RESOLVED", "ADVICE GIVEN"), over_weight=0.7)
    case.call = [r.choice(_YOUTH_CALLS)]
    upd = [attend(r), text if assault else r.choice(_YOUTH_PLAY)]
    if assault:
        upd.append(r.choice(("[parent|{v_pos} mum] [informed|spoken to] and [wants it dealt with|is "
                             "supportive|does not want police action]", "[the video|footage] [posted "
                             "online|seen by officers] [shows the assault|shows {v_obj} not fighting back]")))
        if "does not want" in upd[-1]:
            case.situations = ("declined",)
    case.updates = [upd]
    return case


def build_youth_fight(r, env):
    """Rule: play fighting among friends, nobody hurt or complaining -> No crime; one youth set upon against
    his will -> violence group (primer 8: a child victim needs no confirmation)."""
    return _build_youth(r, env, r.random() < 0.5)


# --- 5. school incidents: schools protocol or police action ------------------------------------------
# (kind, call lines, protocol facts, crime facts as (group, crime name, text)). Victim: a pupil aged 11-15,
# or (kind "staff") a member of staff.
_SCHOOL = (
    ("pupils", (
        "{caller} [reporting|calling re] {vfirst} ({vage}) "
        "being [pushed|hit|picked on] by another pupil [in the playground|at lunch|after PE]",
        "{caller} [reporting|calling re] a fight between pupils [involving|with] "
        "{vfirst} ({vage})"), (
        # Rule (primer, schools): dealt with by the school, not serious, parent content -> No crime.
        "[school|the head of year] [dealt with it|dealing] under [the behaviour policy|the schools protocol] "
        "- [restorative meeting|detention|a day's exclusion], [no injuries|a graze only], [parent content "
        "with the school's action|parent happy for school to deal]",
        "[a scuffle|pushing and shoving] between [two pupils|friends who fell out] - [no injuries|nobody "
        "hurt]; school [dealing|has dealt with it] and [{vfirst}'s mum|the parent] is content"), (
        # Rule: the parent asks for police action -> the offence's group.
        (WITHOUT_INJURY, "common assault", "[{vfirst}'s mum|the parent] [wants police action|wants it "
         "reported to police|asks for the pupil to be dealt with by police] - {vfirst} was [pushed|kicked|"
         "slapped] by another pupil [again|in the corridor]"),
        # Rule: serious (an injury) -> violence with injury, whatever the protocol.
        (WITH_INJURY, "ABH", "{vfirst} [was punched in the face|was hit with a bottle|was stamped on] by "
         "another pupil - [suspected broken nose|cut to the head|taken to A&E]"))),
    ("online", (
        "{caller} [reporting|calling about] [messages|a group chat|comments "
        "online] [between pupils|from pupils at {v_pos} school] about {vfirst} ({vage})",
        "{caller} [reporting|calling re] [an online|a social media] [falling out|"
        "row] between pupils [involving|about] {vfirst} ({vage})"), (
        # Rule (primer, schools): unkind but not threatening or sexual, school dealing -> No crime.
        "[unkind|nasty] [comments|messages] in a [group chat|Snapchat group] [calling {v_obj} names|leaving "
        "{v_obj} out] - no threats, nothing sexual; school [dealing|has spoken to the pupils], [the "
        "parent is content|advice given re blocking]",), (
        # Rule: a threat to stab that the pupil fears -> malicious communications (serious).
        (HARASS, "malicious communications", "a pupil [sent|posted] {vfirst} a message saying [he would "
         "stab {v_obj}|{v} would be stabbed after school] and {v} is [scared to go to school|terrified]"),
        # Rule: an intimate image of a child shared -> Sexual offences (always serious).
        (SEXUAL, "indecent image of a child", "a [nude|intimate] image of {vfirst} ({vage}) [has been "
         "shared|was posted] in a [group chat|Snapchat group] by another pupil"))),
    ("staff", (
        "{caller} [reporting|calling re] a [Year 7|Year 8|Year 9|Year 10] pupil [kicking|pushing|lashing "
        "out at] a member of staff [in a corridor|during a restraint|in class]",), (
        # Rule (primer, schools): not serious, dealt with under the school's policy, the member of staff
        # content -> No crime.
        "[pupil|the child] with [additional needs|an EHCP] kicked out during a restraint - school dealing "
        "under its policy, [the teacher|the member of staff] [is not hurt|is content with that], no injury",), (
        # Rule: the member of staff asks for police action -> violence.
        (WITHOUT_INJURY, "common assault", "[the teacher|the member of staff] was [kicked|pushed into a wall] "
         "by the pupil [in a corridor|in class] and [wants it reported|wants police action]"),)),
)


def _build_school(r, env, crime):
    """One school log; ``crime`` picks serious/police action asked for (True) or the protocol (False)."""
    kind, calls, protocol, offences = r.choice(_SCHOOL)
    age = r.randrange(25, 60) if kind == "staff" else r.randrange(11, 16)
    channel = CALL if r.random() < 0.9 else COUNTER
    caller = "[the school|the head of year|the deputy head|the SRO]" if kind == "staff" or r.random() < 0.6 \
        else "[{vfirst}'s mum|{vfirst}'s dad|a parent]"
    sc = _scene(r, env, "stranger", channel, victim_age=age, caller=caller)
    group, name, text = r.choice(offences)
    family = {SEXUAL: "sexual", HARASS: "harassment"}.get(group, "violence")
    case = Case("school_police_action" if crime else "school_protocol_incident", family if crime else "non-crime",
                group if crime else NO_CRIME, scene=sc, channel=channel, frame="generic", crime_name=name,
                hard_case="school_serious" if crime else "school_protocol",
                opening_codes=("SCHOOL INCIDENT", "ASSAULT", "CONCERN FOR SAFETY", "MALICIOUS COMMS", "ASB"),
                close_nocrime=("Dealt with by school under [the schools protocol|its behaviour policy]. [No "
                               "police action|Closed].", "[School matter|Schools protocol] - [parent content|"
                               "advice given]. Closed."),
                codes_nocrime=("REFERRED - OTHER AGENCY", "RESOLVED", "ADVICE GIVEN"), over_weight=0.4)
    case.call = [r.choice(calls)]
    upd = [attend(r), text if crime else r.choice(protocol)]
    upd.append(r.choice(("[Spoke to|Called] [the school|the SRO|head of year]", "[SRO|Schools officer] "
                         "[informed|updated]", "[Spoke to|Called] [the parent|the school] [back|again]")))
    case.updates = [upd]
    return case


def build_school_incident(r, env):
    """Rule (primer, schools): school incident dealt with under the schools protocol -> No crime, unless
    serious (injury, threat to stab, intimate image of a pupil) or the parent/staff member asks for police
    action -> the offence's group."""
    return _build_school(r, env, r.random() < 0.5)


# --- 6. a passer-by's report of an assault: victim traced or never found -----------------------------
_STREET_TP = (
    "[a passer by|a bus driver|an anonymous caller|a member of the public|a taxi driver] [reports|saw|is "
    "reporting] a [man|male] [hitting|pushing|grabbing|slapping] a [woman|female|young woman] [on {street}|outside "
    "{shop}|at the bus stop on {street}|in the car park at {shop}] [then they walked off|before they went "
    "round the corner|]",
    "3rd party [call|report]: [couple|two people] [fighting|scuffling] [on|near] {street} - [male seen "
    "pushing the female|one hitting the other]",
)
_STREET_UNTRACED = (
    # Rule (primer 8): nobody traced to confirm it and nothing else supports it -> No crime.
    "[area search|area searched] [negative|- no trace of either party|for 20 minutes, no trace]",
    "[caller|informant] [did not leave details|could not give descriptions|withheld their number]",
    "[no|nil] [CCTV covering the spot|injured person at hospitals|other calls|witnesses found] [located|"
    "found|]",
)
_STREET_TRACED = (
    # Rule (primer 8): the victim traced and confirms it (or footage shows it) -> violence group.
    "[the woman|the victim|IP] [traced via CCTV|identified from her bank card at {shop}|rang 101 herself "
    "later] and [confirms|confirmed] {o} [pushed|hit|grabbed] {v_obj}",
    "[CCTV|council CCTV] [traced|found] - [shows|captured] the [male|man] [pushing|striking] {vo}; {V} "
    "[identified and spoken to|located at home] and [confirms it|gives the same account]",
)


def _build_street_report(r, env, traced):
    """One passer-by report; ``traced`` picks victim traced and confirming (True) or never found."""
    relation = r.choice(("partner", "ex", "known", "stranger"))
    sc = _scene(r, env, relation, CALL, caller="the reporter", victim_gender="f", offender_gender="m")
    injured = traced and r.random() < 0.3
    group = (WITH_INJURY if injured else WITHOUT_INJURY) if traced else NO_CRIME
    case = Case("street_report_" + ("traced" if traced else "untraced"), "violence" if traced else "non-crime",
                group, domestic=sc.domestic if traced else False, scene=sc, channel=CALL, frame="street",
                hard_case="third_party_traced" if traced else "third_party_untraced",
                crime_name="ABH" if injured else "common assault", situations=("third_party",),
                opening_codes=("ASSAULT", "DISTURBANCE", "CONCERN FOR SAFETY", "THIRD PARTY REPORT",
                               "DOMESTIC"),
                close_nocrime=("[Area search negative|No trace of the parties] - [no victim|nobody] [traced|"
                               "found] to confirm [any offence|the report]. [Closed|Filed].",
                               "[3rd party report unconfirmed|Unconfirmed third party report], [no trace|"
                               "no victim located]. [NFA|Closed]."),
                codes_nocrime=("NO TRACE", "NO CRIME", "RESOLVED"), over_weight=0.8)
    case.call = [r.choice(_STREET_TP)]
    if traced:
        upd = [attend(r), r.choice(_STREET_UNTRACED[:1]), r.choice(_STREET_TRACED)]
        if injured:
            upd.append("[bruising|a cut|swelling] [to|on] {v_pos} [face|arm|lip] [seen|photographed]")
        _stance(r, case, upd, crime=True, declined=0.35)
    else:
        upd = [attend(r)] + r.sample(_STREET_UNTRACED, 2)
    case.updates = [upd]
    return case


def build_street_report(r, env):
    """Rule (primer 8): third-party report of an assault -> crime once the victim is traced and confirms
    it (or footage shows it); victim never traced and nothing else supports it -> No crime."""
    return _build_street_report(r, env, r.random() < 0.5)


# --- 7. fires: deliberate, accidental or controlled ---------------------------------------------------
_FIRE_CALLS = (
    "[smoke|flames|a fire] [seen|reported] [at|behind|in the garden of] [{addr}|the allotments on {street}|"
    "a field off {street}|the flats on {street}]",
    "[fire service|F&R|fire crew] [requesting police|at scene, asking for police] [re|for] a [fire|blaze] "
    "[at|in] [a house on {street}|a flat at {addr}|a garden on {street}|a shed behind {street}]",
    "[caller|{V}] [reports|says] [next door's|a] [garden|shed|bin|car] [is on fire|is alight|went up in "
    "flames] [on {street}|at {addr}|]",
)
_FIRE_ACCIDENT = (
    # Rule: accidental fire confirmed by the fire service, or lawful burning of one's own waste -> No crime.
    "[fire service|F&R] [confirm|state] a chip pan fire in the kitchen - [occupier|{V}] admits leaving "
    "the pan on, [accidental|no third party]",
    "[fire investigator|F&R] [confirms|states] a [discarded cigarette|cigarette left on the sofa arm|"
    "cigarette in a bin] - occupant fell asleep smoking, accidental",
    "[it was|the fire was] a garden bonfire - [the owner|{o_ref}] burning [garden waste|hedge cuttings] on "
    "{o_pos} own land, [advised re smoke|put out on request], no damage to anyone else",
    "[a farmer's|the council's] controlled burn of [stubble|heathland|brash] - [permitted|planned], [fire "
    "service aware|landowner on scene], no offence",
)
_FIRE_DELIBERATE = (
    # Rule: fire set on purpose to another's property -> Criminal damage and arson.
    "[fire investigator|F&R] [confirm|state] deliberate ignition - [two separate seats of fire|accelerant "
    "found|a lit rag pushed through the letterbox]",
    "[youths|two lads|a male] [seen|caught on a doorbell camera] [setting fire to|putting a lighter to] "
    "the [wheelie bin|shed|fence] [next to the house|at the back] and running off",
    "{V} [says|states] {O} was seen pouring [petrol|liquid] on {v_pos} [car|fence|"
    "shed] before it went up",
)


def _build_fire(r, env, arson):
    """One fire log; ``arson`` picks deliberate (True) or accidental/controlled (False)."""
    sc = _scene(r, env, "stranger" if r.random() < 0.7 else "known", CALL, night_bias=0.7)
    case = Case("fire_deliberate" if arson else "fire_controlled", "property" if arson else "non-crime",
                DAMAGE if arson else NO_CRIME, scene=sc, channel=CALL, frame="property",
                hard_case="deliberate_fire" if arson else "hard_negative_accident",
                crime_name=r.choice(("arson", "arson not endangering life")),
                opening_codes=("FIRE", "ARSON", "CONCERN FOR SAFETY", "ASB", "SMOKE"),
                close_nocrime=("[Accidental fire|Controlled burn|Garden bonfire] [per fire service|confirmed]. "
                               "[No crime|No offence]. Closed.", "[Fire service dealt|F&R dealing] - "
                               "[accidental|lawful burning], no offence. [Closed|Resolved]."),
                codes_nocrime=("NO CRIME", "REFERRED - OTHER AGENCY", "RESOLVED"), over_weight=0.5)
    case.call = [r.choice(_FIRE_CALLS)]
    upd = [attend(r), r.choice(_FIRE_DELIBERATE if arson else _FIRE_ACCIDENT)]
    if r.random() < 0.5:
        upd.append("[no|nil] [injuries|persons inside|one hurt] [reported|]")
    case.updates = [upd]
    return case


def build_fire(r, env):
    """Rule: fire set deliberately -> Criminal damage and arson; chip pan, cigarette, bonfire or controlled
    burn confirmed by the fire service -> No crime."""
    return _build_fire(r, env, r.random() < 0.45)


# --- 8. smell of cannabis: found on search or nothing -------------------------------------------------
# (place, call lines, found lines, nothing lines): the update is about the place the caller named.
_SMELL = (
    ("home", (
        "[strong|constant|overpowering] smell of [cannabis|weed|skunk] [coming from|from] [next door|the flat "
        "below|{addr}] [every night|again|tonight]",
        "[caller|{V}] [complaining|reporting] [about|re] [cannabis smoke|weed being smoked] [at|in] [the flat "
        "below|{addr}|next door]"), (
        # Rule (primer 3): police find it on a search (points to prove made out) -> Other crimes against society.
        "officers smelt cannabis at the door - [occupant|male occupant] [let officers in and|] [handed over|"
        "was found with] [a bag of cannabis|a grinder and a small amount of skunk|cannabis in {o_pos} "
        "pocket] - [seized|bagged and tagged], [cannabis warning|community resolution] given",
        "[male|occupant] [seen smoking a joint|rolling a joint] at the [door|window] [by officers|on arrival] "
        "- searched under s23 and [a bag of cannabis|a quantity of cannabis] found"), (
        # Rule (primer 3): nothing found, nobody identified -> No crime.
        "[no smell|nothing smelt] on arrival; [occupant|resident] [spoken to|let officers in] - no drugs "
        "seen, no grounds to search", "[flat|address] in darkness, [no answer|nobody home] and no smell at "
        "the door - [letter left|to revisit]")),
    ("car", (
        "[strong|constant] smell of [cannabis|weed] [coming from|from] a [{colour} {car}|car] parked on "
        "{street} [every night|again|with people in it]",), (
        "[driver|male in the passenger seat] [searched|s23 searched] after officers smelt cannabis - [a bag "
        "of cannabis|cannabis in the door pocket|a joint and a bag of skunk] found - seized, [cannabis "
        "warning|community resolution|reported for summons]",), (
        "[car|vehicle] [gone|not there] on arrival - [VRM not known|no trace], nothing further",
        "[car|vehicle] found, [occupants|two males] spoken to - no smell, [no grounds to search|nothing "
        "seen], [sent on their way|words of advice]")),
    ("public", (
        "[people|a group|youths] smoking [cannabis|weed] [in the stairwell of the flats|in the park on {street}|"
        "by the garages on {street}] [again|every evening]",), (
        "[male|youth] [searched|s23 searched] [in the stairwell|in the park|by the garages] - [a bag of "
        "cannabis|a small amount of cannabis] found in {o_pos} [pocket|sock] - seized, [cannabis warning|"
        "community resolution]",), (
        "[stairwell|park|area] [empty|checked] on arrival - nobody there, [no smell now|nothing found]",
        "[group|youths] spoken to - [no smell|nothing seen], no grounds to search, [moved on|words of "
        "advice]")),
)


def _build_smell(r, env, found):
    """One cannabis-smell log; ``found`` picks cannabis found on a search (True) or nothing."""
    sc = _scene(r, env, "stranger", CALL, offender_gender="m")
    place, calls, found_lines, nothing = r.choice(_SMELL)
    case = Case("cannabis_smell_" + ("found" if found else "nothing"), "society" if found else "non-crime",
                SOCIETY if found else NO_CRIME, scene=sc, channel=CALL, frame="street",
                hard_case="drugs_found" if found else "search_negative",
                crime_name="possession of cannabis",
                opening_codes=("DRUGS", "ASB", "SUSPICIOUS CIRCS", "DRUG SMELL"),
                close_nocrime=("[Nothing found|No drugs found] - [no offence|intel submitted]. Closed.",),
                codes_nocrime=("INTEL ONLY", "NO CRIME", "RESOLVED"), over_weight=0.4)
    case.call = [r.choice(calls)]
    case.updates = [[attend(r), r.choice(found_lines if found else nothing),
                     "[intel|intelligence report] [submitted|done]"]]
    return case


def build_cannabis_smell(r, env):
    """Rule (primer 3): cannabis found on a person searched -> Other crimes against society; smell only,
    nothing found -> No crime."""
    return _build_smell(r, env, r.random() < 0.5)


# --- 9. shop alarms: paid after all, or shoplifting ---------------------------------------------------
_SHOP_CALLS = (
    "{caller} at {shop} [reporting|report] a [{ogender}|customer|shopper] [left without paying "
    "for|walked out with] [£{value} of goods|a bottle of vodka|a bag of shopping|a coat|a TV|meat and "
    "razors]",
    "{caller} at {shop} [reporting|report] a [self checkout|till|door] alarm - [a customer|a {ogender}] "
    "[walked out|left] [with items|"
    "with a bag] [without scanning them|past the tills]",
)
_SHOP_PAID = (
    # Rule (primer 6): till records/receipt/CCTV show the goods paid for, a staff error, or a forgotten
    # item paid for on return -> no dishonesty, No crime.
    "[till records|the receipt|CCTV of the tills] [show|shows] the [items were paid for|customer paid at "
    "another till|goods scanned and paid]",
    "[staff error|the cashier forgot to remove the security tag|the item scanned twice and was refunded] - "
    "[manager|store] [satisfied|apologised to the customer]",
    "customer [came back|returned] [within minutes|to the store] to pay - [genuine mistake|had forgotten "
    "the item in the bottom of the trolley]; [manager|store] content",
)
_SHOP_THEFT = (
    # Rule: goods taken without paying, seen -> Theft offences (a store that "just wants it logged" is
    # still a victim of a recorded crime, primer 5).
    "[CCTV shows|staff saw] {o_ref} [putting items in {o_pos} bag|concealing the goods] and walking past "
    "the tills [without paying|]",
    "{o_ref} [was detained by security|was stopped outside] with [unpaid goods|the items] in {o_pos} bag - [goods "
    "recovered|items returned to stock]",
    "[known shoplifter|regular offender] - [CCTV|footage] [saved|kept]; [goods not recovered|made off]",
)


def _build_shop(r, env, theft):
    """One shop-alarm log; ``theft`` picks shoplifting (True) or paid/staff error (False)."""
    sc = _scene(r, env, "stranger", CALL, caller="[staff|security|the manager|the store detective]")
    case = Case("shop_theft_" + ("plain" if theft else "paid"), "property" if theft else "non-crime",
                THEFT if theft else NO_CRIME, scene=sc, channel=CALL, frame="property",
                hard_case="shop_theft" if theft else "hard_negative_disproved",
                crime_name="shoplifting", opening_codes=("SHOPLIFTING", "THEFT FROM SHOP", "THEFT", "SECURITY"),
                close_nocrime=("[Goods paid for|Paid in full|Staff error] - no theft. [Closed|Resolved].",
                               "[No offence|No crime] - [till records checked|receipt seen]. [NFA|Closed]."),
                codes_nocrime=("NO CRIME", "RESOLVED"), over_weight=1.0)
    case.call = [r.choice(_SHOP_CALLS)]
    upd = [attend(r), r.choice(_SHOP_THEFT if theft else _SHOP_PAID)]
    if r.random() < 0.3:
        upd.append("[store|manager] [just wants it logged|does not want to prosecute|will not provide a "
                   "statement]")
        case.situations = ("declined",)
    case.updates = [upd]
    return case


def build_shop_alarm(r, env):
    """Rule: goods taken without paying -> Theft offences; goods paid for, staff error or a forgotten item
    paid on return (checkable) -> No crime."""
    return _build_shop(r, env, r.random() < 0.5)


# --- 10. "it was self-defence": unverified claim, or lawful force shown on CCTV ----------------------
_FORCE_CALLS = (
    "{V} [says|complains|reports] {v} {v_was} assaulted by [door staff|a bouncer|security] [at {pub}|at "
    "{shop}|outside {pub}] [when {v} was asked to leave|after being refused entry|when stopped at the door]",
    "[{V}|a {vgender}] [with a cut head|with a bloody nose|with a bruised arm] [outside|at] [{pub}|{shop}] "
    "[saying|alleging] [door staff|the bouncers|security] [attacked|assaulted|threw] {v_obj}",
)
_FORCE_LAWFUL = (
    # Rule (primer 6): CCTV shows only reasonable force to escort out, no blows; the injury is from a fall.
    "CCTV [viewed|reviewed] shows door staff [escorting|guiding] {v_obj} out [by the arm|with an arm hold] "
    "after {v} [refused to leave|threw a glass] - no [strikes|punches], force reasonable; {v} [fell over "
    "on the step|tripped on the kerb] outside",
    "[venue CCTV|the door staff's body camera] shows {v_obj} [being walked out|being held by the arms] and "
    "[falling over while drunk|stumbling down the steps] on {v_pos} own - no assault",
)
_FORCE_CLAIM = (
    # Rule (primer 6): the suspect's self-defence claim is not verifiable -> still a crime.
    ("{o_ref} [says|claims] it was self defence [as {v} was shouting|as {v} squared up] but [there is no "
     "CCTV|no witnesses support that|the other door staff say {v} was walking away]", False),
    ("CCTV shows [a doorman|the bouncer] [punching|kicking] {v_obj} [while {v} was on the floor|after {v} "
     "was already outside] - {o_ref} claims self defence", True),
)


def _build_force(r, env, crime):
    """One door-staff log; ``crime`` picks an unverified self-defence claim (True) or lawful force."""
    channel = r.choices((CALL, ONLINE, COUNTER), (70, 15, 15))[0]
    sc = _scene(r, env, "stranger", channel, offender_gender="m")
    text, injured = r.choice(_FORCE_CLAIM)
    group = (WITH_INJURY if injured else WITHOUT_INJURY) if crime else NO_CRIME
    case = Case("self_defence_claim" if crime else "lawful_restraint", "violence" if crime else "non-crime",
                group, scene=sc, channel=channel, frame="street",
                hard_case="self_defence_claim" if crime else "hard_negative_disproved",
                crime_name="ABH" if injured else "common assault",
                opening_codes=("ASSAULT", "DISTURBANCE", "LICENSED PREMISES", "ABH"),
                close_nocrime=("CCTV [reviewed|viewed] - [reasonable force|lawful ejection], no assault. "
                               "[Closed|NFA].", "[No offence|No crime] by door staff, [injury from a fall|"
                               "fell while intoxicated]. [Advice given|Closed]."),
                codes_nocrime=("NO CRIME", "RESOLVED", "ADVICE GIVEN"), over_weight=1.2)
    case.call = [r.choice(_FORCE_CALLS)]
    upd = [attend(r), text if crime else r.choice(_FORCE_LAWFUL)]
    if r.random() < 0.3:
        upd.append("{V} [was|is] [drunk|intoxicated|in drink] [and struggled to give an account|]")
        case.situations = tuple(case.situations) + ("intoxicated",)
    _stance(r, case, upd, crime=crime, declined=0.2, wants=_WANTS_ACTION_HURT)
    case.updates = [upd]
    if not crime and r.random() < 0.3:
        case.close_evidence = ("CCTV [reviewed|viewed] - [reasonable force only|no blows struck by door staff]",)
    return case


def build_force_at_venue(r, env):
    """Rule (primer 6): a self-defence claim with nothing verifiable, or force beyond it on CCTV -> violence
    group; CCTV showing only a reasonable escort out and a fall -> No crime."""
    return _build_force(r, env, r.random() < 0.5)


# Weights are modest (about 4% of all logs together) so the existing category balance stays close.
SCENARIOS = {
    build_belongings_dispute: 1.0, build_reported_stolen: 0.9, build_injury_accident_or_assault: 0.9,
    build_youth_fight: 0.5, build_school_incident: 0.5, build_street_report: 0.6, build_fire: 0.5,
    build_cannabis_smell: 0.5, build_shop_alarm: 0.8, build_force_at_venue: 0.7,
}
