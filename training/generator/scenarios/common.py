"""Shared pieces of the scenario modules: the ``Case`` record and fact banks used by several families.

A scenario builder decides the *facts* of one incident (what happened, between whom, the victim's
stance, what evidence exists), derives the auditor's label from them by an explicit rule, and
lists the templates that will describe those facts. Nothing here knows what the force recorded.
"""

from dataclasses import dataclass, field

NO_CRIME = "No crime"

# Channels: 'call' (call-taker in capitals, then officer updates), 'online' (victim writes in the
# first person), 'counter' (front-counter officer's prose), 'patrol' (officer-witnessed or initiated).
CALL, ONLINE, COUNTER, PATROL = "call", "online", "counter", "patrol"


@dataclass(slots=True)
class Case:
    """The facts and label of one synthetic incident, plus the templates that describe it.

    ``group`` is the HOCR group the auditor expects, or ``NO_CRIME``; ``should_record`` follows from it.
    ``situations`` are the circumstances that make an officer more likely to close without a crime
    (keys of ``RecordingProfile.situation_effects``); they never change the label. ``frame`` names the
    kind of call the log looks like ("domestic", "neighbour", "civil", "welfare", "street", "property",
    "comms", "sexual"; empty = inferred from the family and relationship): closings of unrecorded logs
    draw on a bank shared by the crimes and non-crimes of that frame (``_recording.FRAME_CLOSINGS``).
    ``register`` is how the opening was written (``"call_caps"``, ``"online_form"``, ``"brief_passive"``...),
    set when the log is rendered; like ``scenario`` it is for analysis only, never a feature.
    """

    scenario: str
    family: str
    group: str
    domestic: bool = False
    hard_case: str = ""
    situations: tuple = ()
    call: list = field(default_factory=list)
    observations: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    opening_codes: tuple = ("SUSPICIOUS CIRCS",)
    close_nocrime: tuple = ("No offences disclosed. [NFA|Closed|Filed].",)
    codes_nocrime: tuple = ("NO CRIME",)
    close_evidence: tuple = ()
    crime_name: str = ""
    over_weight: float = 0.0
    scene: object = None
    channel: str = CALL
    frame: str = ""
    register: str = ""

    @property
    def should_record(self):
        """The auditor's label: a notifiable crime should have been recorded."""
        return self.group != NO_CRIME


# --- victim stance -------------------------------------------------------------------------------
# Rule (primer 5): the victim's wishes about prosecution never decide recording.
DECLINED = (
    "{V} [does not|doesn't|did not|didn't] [wish|want] to [support police action|support a prosecution|"
    "make a complaint|make a formal complaint|provide a statement|go to court|take it any further|"
    "press charges|have {o_obj} arrested]",
    "{V} [refused|declined] to [provide|give|make] a [statement|formal statement|written statement]",
    "{V} would [just|only|] like it [logged|recorded|on record|noted] [for now|in case it happens again|"
    "and nothing more|]",
    "{V} [stated|said] [that|] [they|{v}] [don't|didn't|do not] want [{o_obj}|the {ogender}] [arrested|"
    "getting into trouble|to get in trouble|charged], [just|only] [wants|wanted] {o_obj} to [leave|stay away|"
    "stop|calm down]",
    "[not supportive|unsupportive] of police action",
    "{V} [will not|won't|wouldn't] [sign a statement|attend court|give evidence|engage with the process]",
    "[IP|{V}] [withdrew|retracted|wanted to withdraw] [the allegation|{v_pos} complaint|support] [when "
    "spoken to|on callback|the next day|]",
    "[no complaint made|refused to make a complaint|no complaint forthcoming]",
    "{V} [wants|asked for] no further police involvement",
    "{V} [says|said] {v} [will deny it|won't back it up|will say it didn't happen] if it [goes to court|gets "
    "that far]", "{V} [is going to|will] [sort it out|deal with it] {v_self} [and doesn't want police|]",
    "{V} [doesn't|does not] want to get {o_obj} into trouble [as {o} is the father of {v_pos} children|as "
    "{o} has just got a job|because of {o_pos} mum|]", "{V} [refused|declined] to sign [the officer's "
    "notebook|a PNB entry|anything]", "{V} [will not|won't] [provide|give] a statement and [wants the matter "
    "closed|asked for the log to be closed]", "{V} [does not|doesn't] want to [be a grass|be involved|go "
    "through it all again]", "[{V}|IP] [hung up|ended the call] when [asked about|offered] a statement",
    "{V} [only|just] wanted [advice|{o_obj} spoken to|police to have a word with {o_obj}]",
)
SUPPORTS = (
    "{V} [is|was] [happy|willing] to [provide|give] a statement",
    "{V} [wants|would like] [{o_obj} dealt with|{o_obj} arrested|to make a complaint|police to deal with it]",
    "[statement|first account|MG11] [obtained|taken] from {vo}",
    "{V} [is|was] [supportive|supportive of police action|keen to support a prosecution]",
    "{V} [has agreed|agreed] to [attend the station|a video interview|give a statement]",
)
INTOXICATED = (
    "{V} [heavily|very|extremely|] [intoxicated|drunk|in drink]",
    "{V} [had been drinking all day|smelt strongly of intoxicants|was slurring {v_pos} words]",
    "{V} [struggling|unable] to give [a clear|a coherent|an] account [due to|because of] [drink|alcohol|"
    "intoxication]",
    "[IP|{V}] [appears|appeared] [to be|] [drunk|under the influence|under the influence of drink or drugs]",
    "{V} [was|is] [very drunk|worse for wear|steaming|paralytic] [and repeating {v_self}|]",
)
HOSTILE = (
    "{V} [hostile|uncooperative|abusive] towards officers",
    "{V} [told|was telling] officers to [go away|leave|f*** off] [and refused to engage|]",
    "{V} [refused|would not] [to engage|engage|answer questions|let officers in] [and was shouting|]",
    "[IP|{V}] [anti police|not engaging|unwilling to engage], [swearing|shouting] at officers",
)
MINIMISED = (
    "{V} [says|said|states] it[ is| was|'s] [nothing|only a scratch|just a bit of a bruise|no big deal|"
    "just a scuffle|nothing serious]",
    "{V} [refused|declined|did not want] [medical attention|an ambulance|to go to hospital|first aid]",
    "{V} [laughed it off|played it down|was minimising|kept saying {v} {v_was} fine]",
    "[IP|{V}] [insists|insisted] {v} [is|was] ok",
)
DISBELIEF = (
    "[officers|attending officers|the officer] [have doubts about|are not convinced by|do not believe] "
    "[IP's|{v_pos}] account [as {v} has made similar reports before|given {v_pos} presentation|]",
    "[IP|{V}] [known to police|well known to police] for [making|calling in] [allegations|reports] "
    "[against {o_obj}|when drunk|]; [officer|OIC] [unsure|sceptical] [of account|]",
    "[account|story] [keeps changing|inconsistent in places] but {v} [maintains|is adamant] {o} "
    "[did it|assaulted {v_obj}]",
)

# --- evidence, used on both sides so that no single word gives the label away -------------------
CCTV_NEUTRAL = (
    "CCTV [requested|being checked|to be viewed] [from {shop}|at the location|from the council]",
    "no CCTV [in the area|at the location|available]",
    "[house to house|H2H|enquiries] [completed|conducted] [with negative result|, nothing further|]",
    "BWV [on|activated|recording]", "[BWV|body cam] [footage|video] [captured|saved|uploaded]",
)
NOISE = (
    "PNC [checks|check] [done|completed] [on {osur}|on both parties|nothing of note|]",
    "[grade 1|grade 2|G2|G1|grade 3] [response|attendance|] [assigned|deployed|]",
    "[unit|units] [assigned|dispatched|en route] [{callsign}|]", "[call back|call-back] [attempted|made|"
    "attempted, no answer|completed]", "[RP|caller] [contact|contact number|tel] {phone}",
    "[location|address] [checks|history] [show|shows] [previous calls|no previous|2 previous calls]",
    "[warning markers|markers] [checked|on address|none]", "[VRM|veh] {vrm} [PNC'd|checked|no trace]",
    "[DOB|d.o.b.] {vdob}", "[mob|mobile|tel] {phone}", "[flagged|tagged] for [sgt|supervisor] review",
)
CALLSIGNS = ("BX21", "WV12", "Charlie 12", "Lima 4", "DL31", "Alpha 7", "SN4", "Tango 3", "K9 1",
             "Response 2", "NH40", "CV22")

_STANCE = {
    "declined_support": (DECLINED, ("declined",)), "intoxicated": (INTOXICATED, ("intoxicated",)),
    "hostile_victim": (HOSTILE, ("hostile",)), "officer_disbelief": (DISBELIEF, ("disbelief",)),
    "": (SUPPORTS, ()),
}
_ATTEND = ("ATT.", "On arrival", "Attended,", "Spoke to {vo}.", "Officers attended.", "", "Called {vo} back.",
           "[Spoke with|Saw] {vo} [at home|at scene|on the phone].")


def attend(r):
    """The opening words of an officer's first update."""
    return r.choice(_ATTEND)


def apply_stance(r, case, hard, *, in_call=0.3):
    """Add the victim's stance for ``hard`` (declined, intoxicated, hostile, disbelief or supportive).

    The stance is written into an officer update, or with probability ``in_call`` into the report.
    Rule: none of these stances changes the label (primer 4-6); they only set ``situations``.
    """
    bank, situations = _STANCE.get(hard, _STANCE[""])
    line = r.choice(bank)
    if case.updates and (case.channel == "online" or r.random() > in_call):
        case.updates[0].append(line)
    else:
        case.call.append(line)
    case.situations = tuple(case.situations) + situations


def pick_hard(r, extra=()):
    """Hard-case mix for a crime with a victim: mostly plain, often declined, sometimes drunk."""
    names = ("", "declined_support", "intoxicated", "hostile_victim", "officer_disbelief") + tuple(
        n for n, _ in extra)
    weights = (55, 22, 6, 3, 3) + tuple(w for _, w in extra)
    return r.choices(names, weights)[0]

# Officers' routine actions: written into crime and non-crime logs alike (length, realism, no signal).
PROCEDURE = (
    "[Checks|Intel checks|Niche checks|PND checks|Local checks] [completed|done] on [both parties|the address|"
    "all parties|{osur}] [- nil of note|, previous logs noted|, nothing relevant|]",
    "[Safeguarding|Safety|Crime prevention] advice given [to {vo}|to all parties|]",
    "[BWV|Body worn video|Body worn] [activated|on] [throughout|for the whole of the] [attendance|contact]",
    "[Cleared from|Left|Leaving] [scene|the address|location] [and resuming|, resuming|, back on] [patrol|"
    "air|]", "[Left contact details with|Gave a card to|Left a leaflet with] {vo} [and advised to call 999 "
    "if anything further|]", "[Rang|Called|Tried] {vo} [x2|twice|again] [- no answer, voicemail left|, no "
    "reply|, spoke briefly|, will try again tomorrow]", "[Log|Incident] [updated|passed|sent] [to|for] "
    "[the neighbourhood team|IMU|FCR|the day shift|the local team] [for review|for follow up|]",
    "[Sgt|Supervisor|PS] [reviewed|aware|updated] [and agrees|-|]", "[Vulnerability|VAF|Adult at risk] [form|assessment] [completed|submitted|not "
    "required]", "[Neighbours|Next door] [spoken to|canvassed] - [heard nothing|nothing heard|no further "
    "info]", "[Unit|Officers] [delayed|diverted] to a [higher priority|grade 1] call, [attended later|"
    "reallocated]", "[Appointment|Appt] [made|booked] for [tomorrow|{v_pos} convenience|Tuesday|next "
    "week]", "[Social care|Partner agencies|Adult social care] [informed|notified] [via MASH|by referral|]",
    "[Rear of the address|Garden|Area] [checked|searched] [- nothing found|, all secure|]",
    "[Unable to attend|Not attended] [tonight|today] [due to demand|- resourcing], [appt given|"
    "call back arranged]", "Attended at {hour}", "[Officers|Units] [arrived|on scene] at {hour}", "[Marker|Warning marker] [added|requested] for the address",
    "[RP|Caller|{V}] [updated|informed] [of the outcome|of what happens next|]",
)
# Routine follow-ups written into every kind of log (crime or not, recorded or not), so that the number
# of update lines and timestamps carries no label: welfare checks, call-backs, CAD/admin notes.
FOLLOW_UP = (
    "[Call-back|Call back|Callback] [made|completed] to {vo} [next day|this morning|later] - [no further "
    "issues|all quiet since|nothing further to add|{v} {v_is} ok]",
    "[Welfare check|Welfare visit|Safe and well check] [on|for] {vo} [completed|done] [- all fine|, no "
    "concerns|, {v} {v_is} ok|]", "CAD [note|update]: [RP|caller] [rang back|called again] [asking for an ETA|"
    "to ask for an update|to say {v} {v_is} still at the address|to give {v_pos} number]",
    "CAD [note|update]: [unit|{callsign}] [stood down|reassigned|ETA 20 mins|resourced]",
    "[RP|{V}] [re-contacted|recontacted|rang back] [and updated|- details confirmed|, nothing new]",
    "[Log|Incident] [reviewed|QA'd] by [FCR|the control room|the IMU] [- no further action needed|, "
    "updated|]", "[Voicemail|Text] left for {vo} [with the log number|asking {v_obj} to call back|]",
    "[Awaiting|Waiting for] [a unit|resources|a call back from {vo}]",
    "[PCSO|Neighbourhood officer] to [drop in on|revisit|call in on] {vo} [this week|tomorrow|]",
    "[Account|Brief account|Details|First account] [taken|obtained] from {vo} [at the door|on the phone|]",
    "[Area|Rear of the address|Street] checked - no signs of [anyone hiding|anyone about|the other party]",
)
# Only in domestic logs (the parties are partners, ex-partners or family): children, DASH, MARAC.
PROCEDURE_DOMESTIC = (
    "[[No|Nil] [children|kids] [at address|present|resident]|[2|3|Two] children [at the address|upstairs], "
    "[asleep|unaware|with grandparents]]",
    "[DASH|DASH risk assessment] [completed|done|submitted] [- standard|- medium|- high|] [risk|]",
    "[Child contact|Contact arrangements] [discussed|explained], [advised re family court|advised to use a "
    "solicitor|]", "[Domestic|DA] [booklet|leaflet] [given|left] [to {vo}|]",
)

# Address/party history: mentions every kind of incident, in crime and non-crime logs alike.
HISTORY = (
    "[2|3|4|several|two|three|a number of] previous [logs|calls|incidents] [at the address|between the "
    "parties|involving {osur}|for this address] [for|re] [verbal arguments|concern for welfare|noise|"
    "neighbour disputes|civil disputes|mental health|assaults|criminal damage|domestic incidents|ASB|"
    "harassment|thefts]", "[no|nil] previous [logs|calls|history] [at the address|between the parties|"
    "for {vo}]", "[address|parties] known [to police|] for [domestic incidents|ASB|noise|mental health "
    "calls|disputes]", "[last|previous] [call|log] [was|on] [yesterday|last week|last month|in {month}] [re|for] [the same "
    "issue|a verbal argument|a welfare check|a civil dispute|an assault]",
)
# Lines an officer writes in any log; some negate, some affirm, so none marks a class on its own.
SHARED = (
    "[No|Nil] [other|further] offences [disclosed|identified|apparent]",
    "[Advised|Advice given] re [civil matters|housing|the civil process|personal safety|home security|"
    "blocking numbers]", "[Matter|Incident] [discussed|reviewed] with [Sgt|supervisor|PS] {callsign}",
    "[No|Nil] [weapons|drugs|alcohol] [involved|mentioned|seen]", "[Both|All] parties [sober|calm now|"
    "known to each other]", "[CSI|SOCO] [not required|requested|booked|cancelled]",
    "[witness|neighbour] "
    "[details|contact details] [taken|obtained|recorded]", "[Phone|Mobile] [number|no.] {phone} [for "
    "{vo}|for RP|]", "{V} [happy with|content with|thanked officers for] [advice|police attendance|the "
    "response]", "{V} [has|has got] [support from family|a good support network|family support] [nearby|at "
    "the address|]", "[Victim Support|Support services|Local support services] [details|leaflet] [given|"
    "offered|left]",
)
SHARED_DOMESTIC = (
    "[No|Nil] [concerns|safeguarding concerns] [for|re] the children",
    "[Advised|Advice given] re [child contact|bail conditions|a non-molestation order|the family court]",
)
CONTRADICTING = (
    "[Words only|Verbal only|Verbal argument only] [- no offences disclosed|, advice given|]",
    "[No|Nil] offences disclosed [on attendance|when spoken to|]", "[Parties|Both] [separated|advised] - "
    "[domestic verbal|non-crime domestic|no crime]", "[Handbags|Minor scuffle|Nothing of note] [- no "
    "offences|, no injuries of note]",
)

# A suspect's own version is a claim, not verifiable evidence (primer 6): the label stays a crime.
SUSPECT_CLAIM = {
    "violence": ("it was an accident", "it was self defence", "{v} is making it up", "the allegation is "
                 "false", "it was a joke", "{o} was never there", "{v} fell", "{v} started it"),
    "property": ("it was accidental", "{o} had permission", "{o} thought it was {o_pos}", "the allegation "
                 "is false", "{o} was never there", "{o} was going to give it back"),
    "sexual": ("{v} consented", "it was consensual", "{v} is making it up", "the allegation is false",
               "it was a joke", "nothing happened"),
    "harassment": ("the messages were friendly", "{v} is making it up", "the allegation is false",
                   "{o} only wanted to see the kids", "{v} keeps contacting {o_obj} too"),
}
SUSPECT_CLAIM_FRAME = (
    "{o_ref} [spoken to|interviewed|contacted by phone|arrested and interviewed] and [claims|says|states|"
    "insists] {claim} [- no evidence to support this|- not supported by anything else|, account disputed|"
    "; no independent evidence either way|]",
    "[Suspect|{o_ref}] [account|version]: {claim}. [Nothing to corroborate this|No witnesses|Disputed by "
    "{V}|]",
)
