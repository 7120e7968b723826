"""Phrase banks for the non-crime scenarios (data only; see ``noncrime`` for the rules).

Each entry: ``family``, opening codes ``open``, first call line ``call``, optional further call lines
``extra``, officer ``update`` lines, closing comments ``close`` and closing codes ``codes``.
Crime words appear on purpose ("assault", "threat", "damage", "stolen") negated, hypothetical or
disproved, so that no single keyword gives the label away.
"""

_CALL1 = (100, 0, 0)

BANKS = {
    "verbal_argument": {
        "family": "non-crime", "stance": 0.25, "channels": _CALL1, "night": 0.7,
        "open": ("DOMESTIC", "DOMESTIC - VERBAL", "VERBAL ARGUMENT", "DISTURBANCE", "CONCERN FOR SAFETY"),
        "call": (
            "[verbal argument|arguing|shouting match|row|heated argument] between {vo} and {O} [at {addr}|"
            "at the address|]", "[{V} and {O} [have been arguing|were arguing]|{V} [has been|was] arguing with {O}] [all evening|"
            "since {o} got home|over money|about the kids|about {o_pos} drinking|]",
            "[caller|{V}] [requesting|wants] police [to attend|attendance] [as|because] {O} [won't leave|"
            "is shouting|is being verbally abusive|keeps starting arguments]",
            "[neighbour|caller] [can hear|reports] [shouting|raised voices|arguing] [from|at] {addr}",
        ),
        "extra": ("[no violence|nothing physical|no assault] [mentioned|disclosed|reported|]",
                  "[no weapons|no threats|no injuries]", "{o_ref} [has been drinking|is in drink|is sober]",
                  "[children|kids] [in the address|upstairs|at grandparents]", "{V} [just wants|wants] {o_obj} "
                  "[to leave|removed|to go to {o_pos} mum's] [for the night|]"),
        "update": (
            "[Both parties|Both] [spoken to|seen] [separately|], [verbal argument only|words only|just a "
            "row] [over money|about the kids|about {o_pos} ex|over the TV|]", "[No|Nil] [offences|allegations] "
            "[disclosed|made], [no injuries|both calm]", "{o_ref} [agreed to leave|went to stay with a friend|"
            "left voluntarily] for the night", "[DASH|DASH completed] [- standard|: standard risk|, standard]",
            "[both|parties] [calm|apologetic|laughing about it] [on arrival|now]", "{V} [states|says] [{o} has "
            "never been violent|{v} {v_is} not scared of {o_obj}|{v} feels safe]",
        ),
        "negated": (
            "[No|Nil] assault [took place|has taken place|alleged] [- both agree|, confirmed by both|]",
            "{V} [denies|states there were no] threats [of any kind|were made|]", "[no one|nobody] [hit|"
            "touched|threatened] anyone", "{V} [said|says] {o} [threatened to leave|threatened to take the "
            "car|threatened to tell {v_pos} mum] [- not a threat of violence|]", "[not|no] in fear, [just "
            "fed up|just wants peace and quiet]", "{V} [states|stated] {o} [has never hit {v_obj}|would "
            "never hurt {v_obj}|did not assault {v_obj}]", "[no one|nobody|neither party] [pushed|grabbed|hit|"
            "slapped|kicked|punched] anyone", "[no|nil] [punches|blows|kicks] [thrown|exchanged]", "[nothing "
            "physical|no physical contact] - [{V}|both] [adamant|clear] [on this|]", "{V} [was|is] [not|never] "
            "[scared|frightened|in fear] [of {o_obj}|], [just|only] [angry|upset|fed up]",
            "[not|no] [assault|threats|criminal damage] [alleged|disclosed|reported] [by either party|]",
        ),
        "close": ("[Verbal argument only|Words only], [no offences disclosed|no offences]. [Advice given|"
                  "Parties advised|DASH standard].", "[Non-crime domestic|Domestic incident] - verbal only. "
                  "[Closed|Resolved].", "No offences disclosed, parties separated. NFA."),
        "codes": ("ADVICE GIVEN", "NON-CRIME DOMESTIC", "RESOLVED", "NO CRIME"),
    },
    "hypothetical_threat": {
        "family": "non-crime", "stance": 0.3, "channels": (80, 10, 10),
        "open": ("NEIGHBOUR DISPUTE", "THREATS", "ASB", "PARKING"),
        "call": (
            "{O} [said|told {v_obj}|shouted] [that|] [if|next time] {v} [parked|park] [there|in {o_pos} "
            "space|across {o_pos} drive] again {o}['d| would] [hit|punch|smack] {v_obj}",
            "{O} [made a comment|joked|said in passing] [that|] {o} [could|would] [kill|murder|throttle] "
            "{v_obj} [for|over] [the noise|losing the keys|the football result]",
            "{O} [said|mentioned] {o} [would|'d] [have|] [sort|sorted] {v_obj} out [if|when] [the fence|"
            "the hedge] [wasn't|isn't] [cut|fixed]",
        ),
        "extra": ("[said|was said] [laughing|jokingly|as a joke|in jest]", "{V} [not in fear|was not scared|"
                  "doesn't think {o} meant it|laughed it off]", "{V} [just wants|wants] [advice|it noted|"
                  "the parking sorted]"),
        "update": (
            "{V} [confirms|states] [{v} {v_was} not in fear|it was said as a joke|{v} did not take it "
            "seriously]", "[no|nil] [threats to harm|intention to harm] [made out|disclosed]",
            "[Spoke to|Advised] {O} re [comments|{o_pos} behaviour], {o} [apologised|admitted it was a "
            "stupid thing to say|said it was banter]", "[both parties|both] happy [with advice|for matter "
            "to be closed]",
        ),
        "close": ("[Comment made in jest|Conditional remark], [IP not in fear|no one in fear]. [Advice "
                  "given|NFA].", "No [credible|] threat, [parties advised|words of advice]. Closed."),
        "codes": ("ADVICE GIVEN", "NO CRIME", "RESOLVED"),
    },
    "welfare": {
        "family": "non-crime", "channels": _CALL1,
        "open": ("CONCERN FOR SAFETY", "WELFARE CHECK", "CONCERN FOR WELFARE", "CFS"),
        "call": (
            "[caller|RP] [concerned for|worried about] [{v_pos} mum|{v_pos} dad|elderly neighbour|"
            "{vname}|{v_pos} brother] [as|who] [not answering the phone|not seen for 2 days|curtains "
            "still shut|milk on the doorstep]", "[concern for|welfare check on] {vname} ({vage}) at {addr}, "
            "[missed appointment|no contact since {day}|family worried]",
        ),
        "extra": ("[known to have|has] [diabetes|a heart condition|dementia|mobility issues]",
                  "[no|nil] key holder", "[lives alone|recently bereaved]"),
        "update": (
            "[Located|Found|Spoke to] {vo} [safe and well|at the address, fine|at a friend's house] "
            "[, phone had died|, had been away|]", "[Family|RP] updated", "[no concerns|nothing of concern|"
            "no safeguarding concerns] [found|noted]", "[door answered|contact made] on [arrival|second "
            "visit]",
        ),
        "close": ("[Safe and well|S&W|Located safe]. [Closed|No further police action].",
                  "Welfare check [complete|completed], no concerns. [Closed|Resolved]."),
        "codes": ("SAFE AND WELL", "RESOLVED", "NO CRIME"),
    },
    "mental_health": {
        "family": "non-crime", "channels": _CALL1, "night": 0.6,
        "open": ("MENTAL HEALTH", "CONCERN FOR SAFETY", "SUICIDAL", "CONCERN FOR WELFARE"),
        "call": (
            "{V} [is threatening to|has said {v} will] [harm {v_self}|end {v_pos} life|take an overdose|"
            "jump from the bridge]", "[caller|RP] states {vname} [in crisis|having a mental health "
            "episode|very low] [and has a knife|, has taken tablets|, has been self harming|]",
            "[male|female] on [the bridge|the roof] [threatening to jump|in distress] on {street}",
        ),
        "extra": ("[known to|open to] [mental health services|the crisis team|CMHT]", "[no|nil] "
                  "[threat|threats] to [others|anyone else]", "{V} [off medication|not taking meds]"),
        "update": (
            "[Spoke with|Engaged with] {vo}, [taken to|conveyed to] [A&E|hospital|the place of safety] [under "
            "s136|voluntarily|]", "[crisis team|mental health triage] [consulted|involved|informed]",
            "[knife|tablets] [removed|secured] [for safety|], [no|nil] [threat|risk] to others", "[no "
            "offences|no criminality] [disclosed|identified]",
        ),
        "close": ("[Mental health incident|MH crisis], [referred to|handed to] [crisis team|NHS]. "
                  "[No offences|No crime].", "[s136|Voluntary attendance at hospital]. Closed."),
        "codes": ("REFERRED - OTHER AGENCY", "RESOLVED", "NO CRIME"),
    },
    "sudden_death": {
        "family": "non-crime", "channels": _CALL1,
        "open": ("SUDDEN DEATH", "CONCERN FOR SAFETY", "AMBULANCE REQUEST"),
        "call": ("[AMBO|ambulance] [requesting police|request police attendance] [re|for] [sudden death|"
                 "unexpected death] at {addr}", "[caller|RP] [found|has found] [{v_pos} husband|{v_pos} "
                 "mum|elderly neighbour|{vname}] [unresponsive|deceased|not breathing] [in bed|on the "
                 "floor|]"),
        "extra": ("[known|history of] [heart problems|COPD|cancer]", "[paramedics|AMBO] on scene"),
        "update": ("[No|Nil] suspicious circumstances", "[GP|doctor] [to sign|willing to issue] [the death "
                   "certificate|MCCD]", "[coroner|coroners officer] [informed|notified]", "[no|nil] signs "
                   "of [forced entry|disturbance|injury]", "[family|next of kin] informed"),
        "close": ("[Non suspicious|Non-suspicious] sudden death. [File to coroner|Coroner informed].",
                  "Sudden death - not suspicious. Closed."),
        "codes": ("SUDDEN DEATH", "RESOLVED"),
    },
    "missing_person": {
        "family": "non-crime", "channels": _CALL1,
        "open": ("MISSING PERSON", "MISPER", "CONCERN FOR SAFETY"),
        "call": ("[{v_pos} son|{v_pos} daughter|{vname}] [has not come home|missing since {day}|not "
                 "returned from school]", "[report of|] [missing|misper] {vname} ({vage}) from {addr}"),
        "extra": ("[phone off|not answering phone]", "[out of character|has done this before]"),
        "update": ("[Located|Found|Returned home] [safe and well|at a friend's|at {o_pos} boyfriend's]",
                   "[return home interview|RHI] [booked|requested]", "[no|nil] [concerns|offences] "
                   "disclosed"),
        "close": ("Misper [located|found] safe and well. [Closed|No crime].",),
        "codes": ("SAFE AND WELL", "RESOLVED"),
    },
    "lost_property": {
        "family": "non-crime", "stance": 0.1, "channels": (40, 50, 10),
        "open": ("LOST PROPERTY", "THEFT", "THEFT OTHER", "GENERAL ENQUIRY"),
        "call": (
            "{V} [lost|has lost|misplaced] {v_pos} [{mobile}|{item}|wallet|purse] [on the bus|in town|at "
            "{shop}|somewhere on {street}|on a night out]", "{V} [can't find|cannot find] {v_pos} [{mobile}|"
            "{item}|keys] [- {v} [thinks|believes] it may have been [stolen|taken]|, not sure if lost or stolen]",
        ),
        "extra": ("{V} [needs|wants] a [reference|crime number] for [insurance|the phone company]",
                  "[didn't see|did not see] anyone take it", "[last seen|last had it] at {hour}"),
        "update": ("[Called|Rang] {vo} back", "[advised re|given advice on] [lost property|blocking cards]",
                   "[no|nil] evidence of theft", "[reference|lost property ref] [given|provided]"),
        "found": ("[{V}|RP] [rang back|called back|updated] - [found it|{mobile} found] [down the side of the "
                  "sofa|in {v_pos} car|at work|in another bag] [, not stolen|]", "[item|phone|bag] [handed in|"
                  "returned] [by {shop}|to the bus depot|by a member of the public], [nothing taken|contents "
                  "intact]", "[Find My iPhone|tracking] [shows|showed] it [at {v_pos} own address|at work], "
                  "[later found|located] by {vo}"),
        "close": ("Lost property [- no crime|. Ref given|. Advice given].", "[No evidence of theft|Not "
                  "stolen]. [Closed|Filed]."),
        "codes": ("LOST PROPERTY", "NO CRIME", "ADVICE GIVEN"),
    },
    "civil_dispute": {
        "family": "non-crime", "stance": 0.2, "channels": (60, 30, 10),
        "open": ("CIVIL DISPUTE", "FRAUD", "THEFT", "GENERAL ENQUIRY", "CONCERN FOR SAFETY"),
        "call": (
            "{O} [owes|won't pay back] {v_obj} [£{value}|money] [for|from] [a car|a loan|rent|work done]",
            "{V} [paid|gave] {O} £{value} [as a deposit|for building work|for a car] and [the work was not "
            "finished|{o} has not done the job properly|the car broke down]", "{O} [won't let|is not letting] "
            "{v_obj} see the [kids|children] [this weekend|as agreed|despite the arrangement]", "[dispute|"
            "argument] with [landlord|letting agent|{O}] over [deposit|rent|repairs|who owns the {car}]",
        ),
        "extra": ("{V} [says|claims] it[ is|'s] [theft|fraud|stealing] [but|and] [{o} says|{o} claims] it "
                  "[was a loan|is {o_pos} to keep|was agreed]", "[no|nil] [threats|violence] [made|involved]",
                  "{V} [has|has got] [messages|receipts|a contract]"),
        "update": ("[Advised|Explained to] {vo} [this is|it is] a civil matter [- small claims court|- "
                   "solicitor|- citizens advice|]", "[no|nil] [criminal offences|offences] [disclosed|"
                   "identified]", "[contact|child contact] [arrangements|order] [is|are] [a family court "
                   "matter|for the courts]", "[{o_ref}|the other party] [contacted|spoken to] and [disputes "
                   "it|agrees to pay|will return the item]"),
        "close": ("Civil [matter|dispute]. [Advice given|Parties advised]. [No offences|No crime].",
                  "[Contractual dispute|Debt], [no criminal offence|not a police matter]. Closed."),
        "codes": ("CIVIL MATTER", "ADVICE GIVEN", "NO CRIME"),
    },
    "neighbour_dispute": {
        "family": "non-crime", "stance": 0.25, "channels": (75, 20, 5),
        "open": ("NEIGHBOUR DISPUTE", "ASB", "PARKING", "CIVIL DISPUTE"),
        "call": (
            "[ongoing|long running] [dispute|issues] with [neighbour|next door] {O} [over|about] [parking|"
            "the boundary fence|the hedge|bins|the shared drive|a tree]", "{O} [keeps parking|parked] [across "
            "{v_pos} drive|in front of {v_pos} house|in {v_pos} space]", "[neighbour|{O}] [has put up|moved] "
            "a fence [on {v_pos} land|over the boundary]",
        ),
        "extra": ("[no|nil] [threats|abuse|damage] [made|caused]", "{V} [wants|would like] {o_obj} [spoken "
                  "to|told]", "[has been going on|ongoing] for [weeks|months|a year]"),
        "update": ("[Spoke to|Saw] both parties, [boundary|parking] [dispute|issue] [is civil|not a police "
                   "matter]", "[advised|signposted] to [council|mediation|land registry]", "[no|nil] "
                   "offences [disclosed|identified]"),
        "close": ("Neighbour dispute - civil. [Mediation advised|Advice given].", "[No offences|No crime], "
                  "[referred to|advised] [council|mediation]."),
        "codes": ("ADVICE GIVEN", "CIVIL MATTER", "REFERRED - OTHER AGENCY"),
    },
    "noise": {
        "family": "non-crime", "stance": 0.15, "channels": (85, 15, 0), "night": 0.9,
        "open": ("NOISE", "ASB", "ASB - NOISE", "PARTY"),
        "call": ("[loud music|party|loud noise|banging] [coming from|at] {addr} [since {hour}|for hours|"
                 "every night]", "[neighbours|next door] [having a party|playing music] [very loud|"
                 "loudly] [, can't sleep|]"),
        "extra": ("[has|have] [work|kids] in the morning", "[reported to|called] the council [before|"
                  "already]"),
        "update": ("[music turned down|occupants advised]", "[refer to|passed to] [council|environmental "
                   "health]", "[no|nil] [further|other] [issues|offences]"),
        "close": ("[Noise|ASB noise], [advice given|council informed]. Closed.",),
        "codes": ("ADVICE GIVEN", "REFERRED - OTHER AGENCY", "RESOLVED"),
    },
    "collision": {
        "family": "non-crime", "stance": 0.1, "channels": (80, 15, 5),
        "open": ("RTC", "RTC - DAMAGE ONLY", "ROAD TRAFFIC COLLISION", "DAMAGE"),
        "call": ("[RTC|collision|bump] [on|at|outside] {street} [between two cars|involving {colour} {car} "
                 "{vrm}|]", "{O} [reversed into|drove into|clipped] {v_pos} [car|parked car|wing mirror] "
                 "[in the car park at {shop}|on {street}]"),
        "extra": ("[damage only|damage to {v_pos} bumper|minor damage], [no injuries|nobody hurt]",
                  "[details|insurance details] [exchanged|given]", "[no|nil] [injuries|injury]"),
        "update": ("[Damage only|Damage-only] RTC, [details exchanged|parties exchanged details]", "[no "
                   "offences|no driving offences|no evidence of drink driving], [breath test negative|"
                   "both drivers breath tested negative|]", "[insurance|DVLA] [checks|check] [ok|fine]",
                   "[accidental|genuine accident], not [deliberate|intentional]"),
        "close": ("[RTC damage only|Damage-only collision]. [Details exchanged|Insurance matter]. Closed.",),
        "codes": ("RESOLVED", "NO CRIME"),
    },
    "hoax": {
        "family": "non-crime", "channels": _CALL1,
        "open": ("ASSAULT", "ROBBERY", "CONCERN FOR SAFETY", "SUSPICIOUS CIRCS"),
        "call": ("caller [states|reported] [a man has been stabbed|there is a man with a gun|{v} {v_has} been "
                 "robbed|a fight with weapons] [at|near] {street}", "[male|female] caller [reporting|states] "
                 "[{v} was assaulted|{v} {v_has} been attacked] [at|near] {shop} [then hung up|and line "
                 "cleared]"),
        "extra": ("[line cleared|caller hung up]", "[caller|RP] [sounds|sounded] [drunk|young|giggling]"),
        "update": ("[area|location] [searched|checked], [nothing found|no trace of any incident|no one "
                   "injured]", "[no|nil] [victims|witnesses|evidence of any incident] [found|located]"),
        "evidence": ("[caller traced|number traced] and [admitted|admits] [making it up|it was a hoax|"
                     "it was a prank]", "[caller|RP] [admitted|confessed] [{v} made it up|nothing happened]"
                     " [to get police to attend|for a laugh|]", "[children|kids] [playing with|on] the "
                     "phone, [parent|mum] [spoken to|apologised]"),
        "close": ("[Hoax call|Malicious call|False report]. [Advice given|Words of advice].",
                  "[No incident|Nothing] found. [Hoax|Prank] call."),
        "codes": ("HOAX", "NO CRIME", "ADVICE GIVEN"),
    },
    "disproved_report": {
        "family": "non-crime", "stance": 0.1, "channels": (60, 30, 10),
        "open": ("BURGLARY", "THEFT", "THEFT OF MOTOR VEHICLE", "CRIMINAL DAMAGE", "ASSAULT"),
        "call": (
            "{V} [thinks|believes|reports] {v_pos} [car|{car}|van] [has been stolen|is gone] from {street}",
            "{V} [came home|returned] to find [TV|laptop|jewellery] [missing|gone], [believes|thinks] "
            "[someone has broken in|it's a burglary]", "{V} [reports|says] {v_pos} [window|car|fence] "
            "[has been|was] [damaged|smashed] [overnight|by someone]", "{V} [reports|says] {v_pos} bank card "
            "[stolen|used] [and|,] £{value} [taken|spent]",
        ),
        "extra": ("[no|nil] [signs of forced entry|witnesses|suspects]", "[insurance|reference] [needed|"
                  "wanted]"),
        "update": ("[enquiries|checks] [made|completed]", "[Called {vo} back|Spoke with {vo} again]"),
        "evidence": (
            "[car|vehicle] [was|had been] [towed by the council|repossessed by the finance company|moved "
            "by {v_pos} {rel}] - [confirmed|checked] [on PNC|with the council|with the finance company]",
            "[{v_pos} {rel}|family member] had [taken|borrowed] the [TV|laptop|items] [for repair|to "
            "{o_pos} house] [with permission|] - [confirmed|verified]",
            "[the damage|window damage] [was|is] [storm damage|from the weather|a stone from a strimmer], "
            "[confirmed by|per] [the council|{v_pos} insurer|CCTV]", "[card|transaction] [used|was made] by "
            "[{v_pos} son|{v_pos} partner] [with permission|as agreed] - {V} [now recalls|has confirmed]",
        ),
        "close": ("[Verifiable information|Evidence shows] no crime [occurred|took place]. [Closed|NFA].",
                  "[Not stolen|No offence|Not a crime]. [IP informed|Closed]."),
        "codes": ("NO CRIME", "RESOLVED"),
    },
    "duplicate": {
        "family": "non-crime", "channels": (70, 20, 10),
        "open": ("ASSAULT", "THEFT", "BURGLARY", "HARASSMENT", "GENERAL ENQUIRY", "UPDATE"),
        "call": ("{V} [calling for an update|chasing an update] [on|re|about] [the assault|{v_pos} "
                 "burglary|the theft of {v_pos} {item}|the harassment] [reported|from] {day}",
                 "[second|further|another] [call|report] [re|about] [the same incident|the assault on {vo}|"
                 "the damage to {v_pos} car] [reported earlier|from {day}]"),
        "extra": ("[nothing new|no new offences] [disclosed|to report]", "[previous|original] log [ref|"
                  "number] [given|quoted] by [caller|RP]"),
        "update": ("[Duplicate of|Linked to|Same as] [log|incident] {num} [of|from] {day}, crime [already|"
                   "previously] [recorded|raised] [under|as] CRI/[18|19|24]/0{num}[55|81|37|12]",
                   "[no new|no further] offences [disclosed|reported], [OIC|officer in case] [informed|to "
                   "update IP]", "[already|previously] recorded by [another force|the other force] [as it "
                   "happened in their area|]"),
        "close": ("Duplicate - crime already recorded under [original|previous] [ref|reference]. [Closed|"
                  "Linked].", "[Duplicate log|Duplicate]. [OIC updated|IP given update]."),
        "codes": ("DUPLICATE", "RESOLVED"),
    },
    "outside_jurisdiction": {
        "family": "non-crime", "channels": (50, 30, 20),
        "open": ("ASSAULT", "THEFT", "SEXUAL OFFENCE", "GENERAL ENQUIRY", "ROBBERY"),
        "call": ("{V} [wants|would like|wanted] to report {what} [while on holiday in|in|when visiting] "
                 "{place} [last week|last month|in the summer|on holiday]",
                 "[{V}|caller] [has just got back from|returned from] {place} [and|,] [wants to report|reporting] "
                 "{what} [while there|out there]"),
        "extra": ("[reported|did not report] [to|it to] [local police|the police there] [at the time|]",
                  "{V} [needs|wants] a [reference|crime number] for [insurance|{v_pos} travel insurance]"),
        "update": ("[offence|incident] occurred in {place} - [outside England and Wales|outside this force's "
                   "jurisdiction], [not|cannot be] recorded by this force", "{V} advised to [contact|report "
                   "to] {juris}"),
        "close": ("[Offence outside jurisdiction|Occurred in {place}|Not in force area]. [IP advised to contact "
                  "{juris}|Signposted to {juris}]. No crime for this force.",),
        "codes": ("TRANSFERRED", "ADVICE GIVEN", "NO CRIME"),
    },
    "fraud_action_fraud": {
        "family": "non-crime", "channels": (40, 45, 15),
        "open": ("FRAUD", "THEFT", "GENERAL ENQUIRY", "ONLINE REPORT"),
        "call": ("{V} [paid|sent] £{value} [for a {car}|for a puppy|for concert tickets|for a PS5] [on "
                 "Facebook marketplace|on eBay|online] [and never received it|and the seller blocked "
                 "{v_obj}]", "{V} [got a call|was called] from [someone claiming to be from|a man saying he "
                 "was from] [the bank|HMRC|BT] and [transferred|sent] £{value}",
                 "[scam|fraud] [text|email|call] - {V} [gave|entered] [bank details|card details] and "
                 "£{value} [taken|went out]"),
        "extra": ("[bank|{v_pos} bank] [informed|contacted]", "[screenshots|messages] [available|kept]"),
        "update": ("[advised to|to] report to [Action Fraud|the national fraud service] [- ref NFRC{num}|"
                   ", ref given|online]", "[referred to|reported to] Action Fraud [by officer|]",
                   "[bank|fraud team] dealing"),
        "close": ("[Reported to|Referred to] Action Fraud [NFRC ref|reference] [given|obtained]. [Closed|"
                  "No further police action].",),
        "codes": ("REFERRED - OTHER AGENCY", "ADVICE GIVEN", "RESOLVED"),
    },
    "school": {
        "family": "non-crime", "channels": (90, 0, 10),
        "open": ("ASSAULT", "SCHOOL INCIDENT", "CONCERN FOR SAFETY", "ASB"),
        "call": ("[school|head of year|teacher|{v_pos} mum] [reporting|states] [a pupil|another pupil] "
                 "[pushed|kicked|slapped|punched] [{vfirst}|a pupil] ({vage}) [in the playground|in class|"
                 "at school]", "[{v_pos} mum|parent] [reporting|calling re] [a fight|an incident] at "
                 "[school|the academy] [involving|with] {vfirst} ({vage})"),
        "extra": ("[school|staff] [dealing|dealt] with it", "[no|nil] [injuries|injury] [reported|]"),
        "update": ("[Spoke to|Called] [school|the SRO|head of year] - [dealt with|being dealt with] under "
                   "[schools protocol|the school's behaviour policy]", "[parent|{v_pos} mum] [happy with|"
                   "content with] school action", "[restorative meeting|detention|exclusion] [arranged|"
                   "given]"),
        "serious": ("[parent|{v_pos} mum] [wants|now wants] police action [and a statement|]", "[{vfirst}|"
                    "IP] [needed hospital|taken to A&E] [with a suspected broken nose|for a head injury]",
                    "[knife|weapon] [involved|produced] [in the playground|], [{vfirst}|IP] [cut|injured]"),
        "close": ("Dealt with by school under [schools protocol|the protocol]. [No police action|Closed].",),
        "codes": ("REFERRED - OTHER AGENCY", "RESOLVED", "ADVICE GIVEN"),
    },
    "suspicious": {
        "family": "non-crime", "channels": _CALL1, "night": 0.8,
        "open": ("SUSPICIOUS CIRCS", "SUSPICIOUS PERSON", "SUSPICIOUS VEHICLE", "BURGLARY"),
        "call": ("[suspicious|] [male|males|youths] [trying car door handles|looking in windows|hanging "
                 "around] [on|at] {street}", "[suspicious|unknown] [{colour} {car}|vehicle] [parked|"
                 "sitting] [outside|on] {street} [for hours|with engine running]"),
        "extra": ("[no|nil] [damage|entry] [seen|reported]", "[caller|RP] [thinks|worried] they [are|may "
                  "be] [casing houses|up to no good]"),
        "update": ("[area|street] [searched|checked], [nothing found|no trace|all in order]", "[vehicle|VRM] "
                   "[checked|PNC'd] - [no reports|registered locally|delivery driver]", "[males|youths] "
                   "[spoken to|stopped] [- residents|- waiting for a lift|], [no offences|nothing "
                   "suspicious]"),
        "close": ("[Area search negative|No trace|All in order]. [Closed|NFA].",),
        "codes": ("NO TRACE", "RESOLVED", "NO CRIME"),
    },
    "non_notifiable": {
        "family": "non-crime", "channels": _CALL1, "night": 0.8,
        "open": ("DRUNK", "ASB", "PUBLIC ORDER", "ROAD TRAFFIC", "DISTURBANCE"),
        "call": ("[drunk|very drunk|intoxicated] [male|female] [shouting|singing|staggering] [in the road|"
                 "outside {pub}|on {street}] [, not aimed at anyone|]", "[driver|{colour} {car} {vrm}] "
                 "[stopped|pulled over] [- no insurance|- no MOT|- driving without licence]"),
        "extra": ("[no|nil] [one|members of public] [threatened|targeted|in fear]", "[no|nil] [victims|"
                  "complainants]"),
        "update": ("[arrested for|dealt with for] [drunk and disorderly|D&D|breach of the peace]", "[vehicle "
                   "seized|s165 seizure] [no insurance|], [TOR issued|driver reported]", "[taken home|"
                   "conveyed home|given words of advice]"),
        "close": ("[Drunk and disorderly|Breach of the peace|No insurance] - [non-notifiable|not a notifiable "
                  "offence]. [Closed|Resolved].",),
        "codes": ("RESOLVED", "NO CRIME", "ARREST - NON NOTIFIABLE"),
    },
}
