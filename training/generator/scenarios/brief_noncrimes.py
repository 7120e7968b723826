"""Non-crimes written briefly, and the second sentences a later update adds to a brief report.

Same layout as ``brief_offences.py``: every spec names the rule that makes it no crime. The update
banks keep or undo a crime by the primer's rules: the victim's wishes, a suspect's denial and an
officer's doubt never undo one (primer 4-6); checkable information that nothing happened does
(primer 6, 9).
"""

# Not crimes -----------------------------------------------------------------------------------------
NONCRIME_SPECS = {
    # Rule: property lost or left behind, no suggestion anyone took it -> no crime (lost property).
    "lost_item": dict(family="non-crime", tail="loss", codes=("LOST PROPERTY", "LOST ITEM", "PROPERTY"),
        head=("[Lost property|LOST PROPERTY|Lost item|Lost][ -|:|,] {item}[ at {place}| on {transport}|]",
        "[Lost|Missing] {item}[ at {place}|]"), line=("{Item} [lost|misplaced|left behind|dropped] [at|in|"
        "on] [{place}|{transport}][ {time}|]", "[RP|Student|Owner|Person] [lost|misplaced|dropped] [her|"
        "his|their] {item} [at|in|on|somewhere near] [{place}|{transport}|{outdoor}]", "{Item} [left|"
        "forgotten] on [{transport}|a bench at {outdoor}|a table at {place}], not handed in",
        "{Item} [and|,] {item2} lost [somewhere on campus|in town|on the way home]"), passive=("{Item} was "
        "[lost|misplaced|left behind|dropped] [at|in|on] [{place}|{transport}][, no suspicion of theft|]",),
        precis=("RP [believes|thinks] [she|he|they] [dropped|left] [her|his|their] {item} [at|on|in] "
        "[{place}|{transport}]; [no suspicion of theft|no evidence of theft|lost property report|reference "
        "given for insurance].", "[Officer|Ofc|PC] took a lost property report for a {item} last seen at "
        "{place}."), online=("[i|I] [lost|dropped|left] my {item} [at|on|in] [{place}|{transport}][ {time}|"
        "][, has anyone handed it in|]", "[I think|I] [lost|dropped] my {item} [somewhere|on the way home]"))
    ,
    # Rule: property found and handed in -> no crime.
    "found_item": dict(family="non-crime", tail="", codes=("FOUND PROPERTY", "PROPERTY FOUND", "FOUND ITEM"),
        head=("[Found property|FOUND PROPERTY|Found item|Property found][ -|:|,] {item}[ at {place}|]",),
        line=("{Item} [found|handed in|turned in] [at|on|in] [{place}|{outdoor}|{transport}]",
        "[Member of public|Staff|Student|Cleaner] handed in a {item} found [at|in|on] [{place}|{outdoor}]",
        "{Cycle} found [abandoned|left] [at|in] {outdoor}, [not reported stolen|no trace on database|"
        "owner traced]"), passive=("{Item} was [found|handed in|turned in] [at|to] [{place}|reception|the "
        "front desk]",), precis=("[Officer|Ofc|PC] collected a {item} [found|handed in] at {place} and "
        "[booked it into property|returned it to the owner].",), online=("[i|I] found a {item} [at|on|in] "
        "[{place}|{outdoor}], who do I hand it to",))
    ,
    # Rule: an item reported stolen that verifiable information shows was not (found where it was left,
    # a family member had it) -> no crime (primer 6, additional verifiable information).
    "stolen_then_found": dict(family="non-crime", tail="loss", codes=("THEFT", "LOST PROPERTY",
        "THEFT OF BICYCLE"), head=("[Reported theft|Report of theft|Stolen {item}][ -|:|,] [found|located|"
        "recovered where left|owner found it]",), line=("{Item} reported stolen, later found [in RP's car|"
        "at home|in another bag|under a seat|where RP left it]", "{Cycle} [believed|reported] stolen, "
        "[found|located] [at a different rack|where owner had left it|chained up round the corner]",
        "{Veh} reported stolen, [found where owner had parked it|had been towed|had been taken by a family "
        "member with permission]", "RP thought [her|his] {item} had been stolen but [found it|a friend "
        "had it|it was in lost property]"), passive=("{Item} was [reported stolen|thought to be stolen] "
        "but was [found|located] [at home|in RP's room|in lost property]",), precis=("RP reported [her|his] "
        "{item} stolen from {place}; [it was found|CCTV shows RP left it|staff found it] [in lost property|"
        "under the desk|in the car] - no offence.",), online=("[sorry|update] [I|i] found my {item}, it "
        "wasnt stolen after all", "ignore my report, my {item} [was at home|turned up]"))
    ,
    # Rule: illness or an accident with no one else at fault -> no crime (medical / accidental injury).
    "medical": dict(family="non-crime", tail="", codes=("MEDICAL", "MEDICAL AID", "AMBULANCE", "INJURY",
        "CONCERN FOR SAFETY"), head=("[Medical aid|MEDICAL|Medical|Ambulance request|Injury|Fall|Collapse]"
        "[ -|:|,] [{victim}|{staff}] [at|in] {place}",), line=("{Victim} [fell|collapsed|fainted|had a "
        "seizure|is having chest pains|is having difficulty breathing|had an allergic reaction|feeling "
        "unwell|passed out] [at|in|on] [{place}|{outdoor}]", "{Victim} [slipped on a wet floor|fell down the "
        "stairs|fell off [her|his] {cycle}|tripped on the kerb|came off [her|his] {cycle}|fell while "
        "skateboarding] [, {injury}|, cut to head|, possible broken wrist|, injured ankle|]",
        "{Victim} [injured|hurt|cut|sprained] [her|his|their] [ankle|wrist|hand|knee|head] [playing "
        "football|playing basketball|at the gym|while cooking|on gym equipment|falling off a chair]",
        "[Intoxicated|Drunk|Unresponsive] [male|female|student|person] [needs medical attention|vomiting|"
        "unconscious] [at|in|outside] {place}"), passive=("{Victim} was [injured|hurt] [in a fall|when "
        "[she|he] tripped|playing sport|in an accident] [at|in|on] {place}",), precis=("[Officer|Ofc] "
        "assisted paramedics with {victim} who [had fallen|was unwell|had collapsed] at {place}; [taken to "
        "hospital|treated at scene|no police action].",), online=())
    ,
    # Rule: concern for someone's safety or welfare, missing person found, mental-health crisis -> no crime.
    "welfare": dict(family="non-crime", tail="", codes=("WELFARE CHECK", "CONCERN FOR WELFARE", "CFS",
        "MISSING PERSON", "MENTAL HEALTH"), head=("[Welfare check|WELFARE CHECK|Concern for welfare|CFW|Check "
        "on wellbeing|Missing person|Mental health][ -|:|,] {victim}[ at {place}|]",), line=(
        "[Parent|Family|Friend|Tutor] unable to contact [student|son|daughter|resident], [requests a welfare "
        "check|found safe and well|located at a friend's]", "[Welfare check|Check] on {victim} [at|in] "
        "[{dwelling}|{place}], [all ok|safe and well|no concerns|spoken to and fine]", "{Victim} [in "
        "distress|in crisis|threatening self-harm|talking about suicide] [at|on|near] [{place}|{outdoor}|"
        "the bridge], [taken to hospital|referred to mental health team|detained under s136]",
        "[Missing|Overdue] [student|teenager|elderly man|resident] [found safe|returned home|located]"),
        passive=("{Victim} was [reported missing|checked on|located] and [found safe|is well|returned "
        "home]",), precis=("Officers [checked on|spoke to] {victim} at [{dwelling}|{place}] after a "
        "[concern call|call from family]; [no concerns|safe and well|referred to support services].",),
        online=())
    ,
    # Rule: noise, loud music or a party with no offence disclosed -> no crime.
    "noise": dict(family="non-crime", tail="", codes=("NOISE", "NOISE COMPLAINT", "ASB", "DISTURBANCE"),
        head=("[Noise complaint|NOISE|Noise disturbance|Loud party|Loud music][ -|:|,] [{dwelling}|{place}]",),
        line=("[Loud music|Loud party|Shouting and music|Banging and music|People shouting|Bass music] "
        "[from|at|in] [{dwelling}|{place}|next door][ {time}|]", "[Noise|Party] [complaint|disturbance] "
        "[at|from] [{dwelling}|{place}], [occupants asked to turn it down|gone quiet on arrival|advice "
        "given]"), passive=("Loud music was reported [from|at] [{dwelling}|{place}] [{time}|]",), precis=(
        "Officers attended a noise complaint at [{dwelling}|{place}]; [music turned down|party dispersed|"
        "words of advice].",), online=("[the|my] [neighbours|people next door|flat upstairs] [are|have "
        "been] playing loud music [all night|again]",))
    ,
    # Rule: alarms, hazards, leaks, faults, animals and parking -> no crime.
    "hazard": dict(family="non-crime", tail="", codes=("ALARM", "FIRE ALARM", "HAZARD", "ANIMAL", "TRAFFIC",
        "PARKING", "ASSIST"), head=("[Fire alarm|Intruder alarm|Burglar alarm|Alarm activation|Panic alarm]"
        "[ -|:|,] [{place}|{building}]", "[Hazard|Water leak|Gas leak|Flooding|Tree down|Power outage|Road "
        "hazard|Spill|Debris in road][ -|:|,] {place}", "[Animal|Loose dog|Stray dog|Injured bird|Snake|"
        "Fox|Raccoon|Possum|Bees][ -|:|,] [{place}|{outdoor}]", "[Illegal parking|Parking complaint|"
        "Abandoned vehicle|Blocked driveway][ -|:|,] {outdoor}"), line=("[Fire alarm|Intruder alarm|Burglar "
        "alarm] [activation|sounding] at [{place}|{building}], [burnt toast|cooking smoke|system fault|no "
        "trace|all secure|set off by cleaner|false alarm]", "[Water leaking|Burst pipe|Flooding|Smell of "
        "gas|Broken glass|Oil spill|Fallen tree|Live cable] [at|in|on] [{place}|{outdoor}]",
        "[Lift|Elevator] stuck between floors at {place}, occupants [released|freed by engineer]",
        "[Dog|Cat|Fox|Raccoon|Possum|Bird|Snake] [loose|trapped|injured|stuck] [in|at|on] [{place}|"
        "{outdoor}]", "{Veh} [parked|left|abandoned] [across a driveway|on double yellow lines|in a disabled "
        "bay|blocking the entrance] at {outdoor}", "Minor [collision|bump|fender bender] [in|at] {outdoor}, "
        "details exchanged, no injuries", "[Street light|Traffic light|Barrier|Ticket machine] not "
        "working at {outdoor}", "[Door|Window|Gate] found [insecure|unlocked|propped open] at {building}, "
        "[checked|searched], nothing [taken|disturbed], secured"), passive=("[A|The] [fire alarm|intruder "
        "alarm] was [activated|set off] at {place} [by cooking|in error|by a fault]", "[A|The] {veh} was "
        "[damaged|scratched|dented] [by a falling branch|in the storm|by hail|when RP reversed into a "
        "post|by high winds]"), precis=("Officers attended an alarm at {building}; [premises secure|no "
        "sign of entry|keyholder attended|faulty sensor].", "[Storm|Wind|Hail|Falling branch] damage to "
        "[RP's|a] [{veh}|{structure}] - [accidental|no third party involved|insurance matter].",
        "[RP|Driver] [reversed into|clipped|scraped] a [post|bollard|wall|gate] [in|at] {outdoor}, damage "
        "to own {veh} only."), online=("[a|the] [branch|tree|fence panel] [fell on|blew onto] my {veh} in "
        "the [storm|wind]",))
    ,
    # Rule: a verbal argument with no threats, violence or fear, or a civil dispute -> no crime.
    "dispute": dict(family="non-crime", tail="", codes=("DISPUTE", "VERBAL ARGUMENT", "CIVIL DISPUTE",
        "DISTURBANCE", "NEIGHBOUR DISPUTE"), head=("[Verbal dispute|Verbal argument|Civil dispute|"
        "Disturbance - verbal|Argument|Neighbour dispute][ -|:|,] [{place}|{dwelling}|neighbours|"
        "housemates|couple]",), line=("Verbal [argument|dispute|disagreement] between [neighbours|"
        "housemates|a couple|a customer and staff|two students|driver and passenger] [over|about] [parking|"
        "rent|noise|a refund|bins|the bill], [no threats or violence|words only|no offences|both calmed "
        "down]", "[Dispute|Disagreement] over [a deposit|a refund|unpaid rent|a car sale|a debt|a "
        "boundary fence] - [civil matter|advised to seek legal advice|no offence]", "[Customer|Passenger|"
        "Patient] [shouting|arguing|refusing to leave] at [{place}|reception], [calmed down|left when "
        "asked|no threats made]", "[Couple|Housemates|Neighbours] [arguing loudly|shouting at each other]"
        ", [no violence|nothing physical|words only]"), passive=("[A|The] [dispute|argument] [was "
        "resolved|was verbal only] [with advice|between the parties]",), precis=("Officers spoke to both "
        "parties about a [dispute|argument] over [a deposit|parking|a refund|noise]; [no offences "
        "disclosed|civil matter|words of advice].",), online=("[my|My] [landlord|neighbour|ex flatmate] "
        "[won't return my deposit|owes me money|keeps parking in my space]",))
    ,
    # Rule: requests for help, information and lockouts with no offence -> no crime.
    "assist": dict(family="non-crime", tail="", codes=("ASSIST", "INFORMATION", "ADVICE", "ESCORT",
        "LOCKOUT"), head=("[Assist|Citizen assist|Information|Advice|Escort|Lockout|Assist other agency|"
        "Public assist][ -|:|,] [{victim}|{place}|fire service|ambulance]",), line=("[Student|Resident|RP] "
        "locked out of [her|his|their] [{dwelling}|{veh}|room]", "[Directions|Advice|Information|A lift "
        "home] given to {victim}", "[Assisted|Helped] [the fire service|paramedics|council|transport staff] "
        "[with traffic control|with access|at {place}]", "[Escort|Safe walk] requested from {place} to "
        "{dwelling}", "[Suspicious person|Suspicious vehicle|Suspicious package] at {place} - [checked, no "
        "offences|waiting for a taxi|resident|left when asked|nothing found]", "Report for information "
        "only: [property dispute|parking issue|upcoming event|road closure]"), passive=("{Victim} was "
        "[given advice|helped|escorted|given directions] [at|from] {place}",), precis=("Officers [assisted|"
        "spoke to] {victim} at {place}; [no offences|advice given|no further action].",), online=())
    ,
    # Rule: an assault or theft report that checkable evidence shows did not happen (CCTV shows no contact,
    # the caller admits it was made up) -> no crime (primer 6). Officer opinion alone would not be enough.
    "disproved": dict(family="non-crime", tail="", codes=("ASSAULT", "THEFT", "CRIMINAL DAMAGE"), head=(
        "[Reported assault|Alleged theft|Reported damage][ -|:|,] [CCTV shows no offence|caller admits made "
        "up|no offence]",), line=("[Reported assault|Alleged assault] at {place} - CCTV shows no contact "
        "between the parties", "Caller [admits|admitted] [she|he] made up the [theft|assault] [to get|for] "
        "[a crime number|attention]", "[Damage|Dent] to {veh} [was already there|pre-existed] - [photos "
        "from last month|dashcam] show[s] it", "[Reported|Alleged] theft of {item} - staff [were holding "
        "it|had moved it] for safe keeping"), passive=("The [assault|theft] reported [at|from] {place} was "
        "shown by CCTV not to have happened",), precis=("CCTV [reviewed|viewed] at {place}: [no contact|"
        "no assault|nothing taken]; caller [accepts|agrees] [no offence|it was a misunderstanding].",),
        online=())
    ,
}

# Second sentences: what a later update adds to a brief report -----------------------------------------
# Rule (primer 5, 4, 6): the victim's wishes, a suspect's denial and an officer's doubt never undo a
# crime -- these updates keep the label.
KEEPS_CRIME = (  # (situation that makes an officer likelier not to record, template)
    ("declined", "[Update|UPDATE|Upd|Later][:|-|,] [victim|RP|V|IP] [does not|doesn't] [wish|want] to "
     "[pursue|support a prosecution|make a statement|take it further|press charges]"),
    ("insurance", "[Victim|RP|Owner] [only|just] wants [a crime number|a reference] for [insurance|the "
     "insurer]"),
    ("declined", "[Victim|RP] [declined|refused] to give a statement"),
    ("", "[No suspect info|No suspects|No CCTV|No witnesses|No lines of enquiry]"),
    ("disbelief", "[Suspect|Male] [denies it|says it was an accident|claims it was a joke|says he was "
     "defending himself]"),
    ("disbelief", "[Officer|Ofc|Attending officer] [has doubts about|not convinced by] the account"),
    ("intoxicated", "[Victim|RP] [was|is] [drunk|intoxicated] and [vague|unsure of times]"),
    ("minimised", "[Victim|RP] [did not|didn't] want [police involvement|an ambulance] [but gave details|]"),
)
# Rule (primer 6, 9): checkable information showing no offence happened turns the report into no crime.
# Keyed by the offence spec the report starts from, so the update answers what was alleged.
_FOUND = (
    "[Update|UPDATE|Upd|Later][:|-|,] [item|it] [found|located] [in RP's car|at home|in another bag|in lost "
    "property|under the seat|in RP's room] - no [theft|offence|crime]",
    "[Update|Later][:|-|,] CCTV shows [RP|the owner] [left with it|dropped it|took it home] - no offence",
    "[Update|Later][:|-|,] a [friend|family member|flatmate] had [borrowed|taken] it with [RP's|the "
    "owner's] permission",
    "[Update|Later][:|-|,] [staff|security|the cleaner] had moved it for safe keeping - no theft",
)
DISPROVES = {
    "theft_item": _FOUND,
    "theft_cycle": _FOUND[:3] + ("[Update|Later][:|-|,] [bike|it] found [at a different rack|where RP "
                                 "had left it|chained round the corner] - not stolen",),
    "theft_vehicle": ("[Update|Later][:|-|,] [vehicle|{veh}] had been [towed by the council|moved by a "
                      "family member|parked on the next street by RP] - not stolen",
                      "[Update|Later][:|-|,] [{veh}|vehicle] located where [RP|the owner] had [parked it|left "
                      "it] - no offence"),
    "shoplifting": ("[Update|Later][:|-|,] receipt [produced|shown] - [goods were|items were] paid for, no "
                    "theft", "[Update|Later][:|-|,] till [records|roll] show the items were paid for - no "
                    "offence"),
    "damage": ("[Update|UPDATE|Later][:|-|,] [CCTV|footage|dashcam] shows the damage was [accidental|"
               "caused by a delivery van reversing|caused by a falling branch]",
               "[Update|Later][:|-|,] damage was [caused by the storm|pre-existing, photos from last month "
               "show it|wear and tear] - no offence"),
    "assault": ("[Update|UPDATE|Later][:|-|,] CCTV [reviewed|viewed] - [no assault took place|no contact "
                "between the parties|RP fell on their own]",
                "[Update|Later][:|-|,] [caller|RP] admits [making it up|it did not happen] - no offence",
                "[Update|Later][:|-|,] injury caused by a fall, confirmed by [CCTV|witnesses and CCTV]"),
    "burglary": ("[Update|Later][:|-|,] [a family member|the landlord|a flatmate] had let themselves in "
                 "with a key - nothing [missing|taken], no offence",
                 "[Update|Later][:|-|,] [items|property] found [elsewhere in the house|in the loft] - no "
                 "sign of entry, no offence"),
}
# Updates that say nothing about the label, written after crimes and non-crimes alike.
NEUTRAL_UPDATES = (
    "[Update|Later][:|-|,] [RP updated|log updated|unit cleared|CAD closed|call back made|RP called back]",
    "[RP|Caller] [given a reference number|given the log number|advised to call back if needed]",
    "[Officer|Ofc|Unit] [attended|on scene|cleared] [at {time}|]",
)
