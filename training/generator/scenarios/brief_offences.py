"""Offences written briefly: the facts, the label rule applied, and how each register writes them.

Every spec is one kind of offence. ``group`` is the auditor's HOCR group, decided by the rule in the
comment above the spec (primer rules cited), never by the register. Registers: ``head`` (headline or
call type with a detail), ``line`` (one-line summary, active), ``passive``, ``precis`` (the officer's
third-person precis) and ``online`` (the victim's terse online one-liner). ``tail`` adds a loss or
damage value to some logs. Slots are filled by ``brief.py`` from ``brief_banks.py``. Written from
general knowledge of UK, US, Australian, campus and transport-police summaries, never from evaluation
data.
"""

# Offences --------------------------------------------------------------------------------------------
CRIME_SPECS = {
    # Rule: property taken without the owner's consent, no entry to a building, no force -> theft.
    "theft_item": dict(group="Theft offences", family="property", tail="loss", codes=("THEFT", "THEFT OTHER",
        "PETTY THEFT", "LARCENY", "THEFT FROM PERSON"), head=(
        "[Theft|THEFT|Petty theft|Theft of property|Larceny|Stolen property|Theft - other][ -|:|,] {item}"
        " [from|at|in] {place}", "Stolen {item}[ at {place}|]", "Theft of {item}[ from {place}|]",
        "[Report of|Rpt of] [theft|stolen {item}][ at {place}|]"), line=(
        "{Item} [stolen|taken|swiped|nicked|pinched] from {place}[ {time}|]",
        "{Item} [stolen|taken] from [victim's|RP's|a student's|a customer's|her|his] [bag|locker|desk|table|"
        "pocket|coat pocket] [at|in] {place}", "{Suspect} [took|stole|walked off with] [a|the victim's|RP's|"
        "a customer's] {item} [from|at|in] {place}", "{Item} left [unattended|on a table|on a chair|in an "
        "unlocked locker|charging] [at|in] {place} [was taken|was stolen|and taken|gone on return]",
        "[Someone|Person unknown|Unknown suspect] [stole|took] {item} from [an unlocked|a] locker at {place}",
        "{Item} [and|,] {item2} [stolen|taken] from {place}"), passive=(
        "{Item} was [stolen|taken|removed] from {place}[ by an unknown person| by unknown suspect(s)| "
        "{time}|]", "[A|The victim's|RP's] {item} was [stolen|taken] [while|when] [left unattended|they were "
        "in the toilet|charging] [at|in] {place}", "Victim's {item} was taken from [her|his|their] [bag|"
        "pocket|locker] [at|in] {place}"), precis=(
        "[Officer|Ofc|PC|Deputy] took a report of a stolen {item} at {place}. [RP|Victim|Owner] left it "
        "[unattended|for a few minutes|on a table] and it was gone [on return|when they came back].",
        "[RP|Victim|Student|Complainant] reports {item} [stolen|taken] from {place} {time}. [No suspect "
        "info|No suspects|No CCTV|CCTV requested|Suspect not known].", "[RP|Victim] [states|reports] "
        "[that|] {suspect} took [her|his|their] {item} [at|in] {place} and [left|ran off|walked away]."),
        online=("[my|My] {item} [was stolen|got stolen|got nicked|was taken|has been stolen] [from|at|in] "
        "{place}[ {time}|]", "someone [took|stole|nicked] my {item} [from|at|in] {place}",
        "[I|i] left my {item} [for 5 mins|on the table|in my locker] at {place} and someone took it"))
    ,
    # Rule: a cycle or e-scooter taken without consent -> theft (the lock's state does not matter).
    "theft_cycle": dict(group="Theft offences", family="property", tail="loss", codes=("THEFT", "CYCLE THEFT",
        "THEFT OF BICYCLE", "PETTY THEFT - BICYCLE"), head=(
        "[Theft of|Stolen|THEFT OF|Cycle theft -|Bike theft -|Petty theft -] {cycle}[ from {place}| at "
        "{outdoor}|]", "[Stolen|Theft] {cycle}[, lock cut| - lock cut| (locked)| (unlocked)|]"), line=(
        "{Cycle} [stolen|taken|nicked] from [the|a] [bike rack|cycle rack|rack|stand|railings] [at|outside|"
        "near] {place}", "[Locked|Unlocked|Secured] {cycle} [stolen|taken] from {place}[ {time}|]",
        "{Cycle} [stolen|taken], lock [cut|broken|cut through|left behind][, {time}|]",
        "{Suspect} [rode off on|took|cut the lock and took] [a|the victim's|RP's] {cycle} [from|at|outside] "
        "{place}"), passive=("[A|The|Victim's|RP's] {cycle} was [stolen|taken] from [the rack|the cycle "
        "shelter|outside|the stand at] {place}[ {time}|]", "{Cycle} was [locked|secured|left] [to the rack|"
        "outside|at] {place} and was [stolen|taken|gone] [when RP returned|on return|{time}]"), precis=(
        "[Officer|Ofc|PC] took a report of a stolen {cycle}. [RP|Owner|Student] locked it at {place} "
        "{time}; [lock cut|lock missing|it was gone on return].", "RP reports [her|his|their] {cycle} "
        "[stolen|taken] from {place}. [Frame number recorded|Serial number given|No serial number|"
        "Registered on BikeRegister]."), online=("my {cycle} [was stolen|got stolen|got nicked|has been "
        "taken] from [outside|] {place}[ {time}|]", "someone [cut my lock and took|stole|nicked] my {cycle} "
        "[from|at|outside] {place}"))
    ,
    # Rule: a motor vehicle or part of one taken without consent -> theft (of or from a vehicle).
    "theft_vehicle": dict(group="Theft offences", family="property", tail="loss", codes=("THEFT OF MV",
        "THEFT FROM MV", "VEHICLE CRIME", "AUTO THEFT", "THEFT FROM VEHICLE"), head=(
        "[Theft of|Stolen|THEFT OF] {veh}[ from {outdoor}|]", "[Theft from vehicle|Theft from MV|TFMV|Vehicle "
        "crime] - {part}[ taken| stolen| removed|]", "[Stolen vehicle|Vehicle stolen|Auto theft]"), line=(
        "{Part} [stolen|taken|removed|cut off] from [a|RP's|victim's|a parked] {veh}[ {time}|]",
        "{Veh} stolen from [outside home address|{outdoor}|the drive|the driveway][ {time}|]",
        "[Unknown suspects|Suspects|Someone] [took|stole|removed] [the|a] {part} from [a|RP's] {veh} "
        "[in|at|on] {outdoor}", "{Item} [taken|stolen] from [an unlocked|a] {veh}[ {time}|]",
        "{Veh} [window smashed|broken into] and {item} taken[ {time}|]"), passive=(
        "[The|RP's|Victim's|A] {part} was [stolen|removed|taken] from [the|a|her|his] {veh} [while parked at "
        "{outdoor}|{time}]", "[A|RP's|Victim's] {veh} was stolen from {outdoor}[ {time}|]",
        "{Item} was taken from [a|RP's] {veh} [left unlocked|parked] [at|on|in] {outdoor}"), precis=(
        "[RP|Owner|Victim] returned to [her|his|their] {veh} to find the {part} [had been cut off|missing|"
        "stolen].", "[Officer|PC|Ofc] took a report of a {veh} stolen from {outdoor} {time}. [Keys still "
        "with owner|No keys taken|Tracker fitted|ANPR checks requested]."), online=("my {veh} [was stolen|"
        "got stolen|has been stolen] from [outside my house|the drive|{outdoor}]", "someone [stole|took] "
        "the {part} off my {veh} {time}", "someone [broke into|got into] my {veh} and [took|stole] my {item}"))
    ,
    # Rule: goods taken from a shop without paying -> theft (shoplifting), even when recovered.
    "shoplifting": dict(group="Theft offences", family="property", tail="loss", codes=("SHOPLIFTING",
        "THEFT FROM SHOP", "RETAIL THEFT"), head=("[Shoplifting|Shop theft|Retail theft|THEFT FROM SHOP]"
        "[ -|:|,] [{goods}|male detained|female detained|suspect left|goods recovered]",), line=(
        "[Male|Female|Suspect|Customer|Two males] [left|walked out of] {shop} without paying for {goods}",
        "{Goods} [taken|stolen] from {shop}[, suspect detained by security| by a known shoplifter|]",
        "[Shoplifter|Suspect] detained by [security|staff] at {shop} with {goods}[, goods recovered|]"),
        passive=("{Goods} [was|were] [taken|stolen] from {shop} without payment",), precis=(
        "[Staff|Security|The manager] at {shop} [report|reported] a [male|female|customer] [concealed|"
        "took] {goods} and left without paying. [CCTV available|Goods recovered|Suspect known to staff].",),
        online=("[we|We] had {goods} [stolen|nicked] from [our|the] {shop} [today|this morning]",))
    ,
    # Rule: entering a building as a trespasser and stealing, or trying to (damage to get in) -> burglary.
    "burglary": dict(group="Burglary", family="property", tail="loss", codes=("BURGLARY", "BURGLARY DWELLING",
        "BURGLARY OTHER", "BREAK-IN", "BURG"), head=(
        "[Burglary|BURGLARY|Break-in|Burglary dwelling|Burglary - residential|Burglary - commercial|Burg]"
        "[ -|:|,] [{dwelling}|{building}][ entered| broken into|]", "[Break-in|Burglary] at [{dwelling}|"
        "{building}][, {item} taken|]", "Attempted [burglary|break-in] at [{dwelling}|{building}]"), line=(
        "[{Dwelling}|{Building}] broken into[ {time}|] and {item} [taken|stolen]",
        "[Door forced|Window smashed|Lock snapped|Rear door kicked in|Window forced] at [{dwelling}|"
        "{building}], {item} [taken|stolen|missing]", "[Unknown suspect|Someone|Offenders] entered [RP's|"
        "victim's|a|the] [{dwelling}|{building}] [through an open window|via the back door|by forcing the "
        "door] and [took|stole] {item}", "[Attempted break-in|Attempt burglary] - [door|window|lock] "
        "damaged, no entry gained"), passive=("[The|RP's|Victim's|A] [{dwelling}|{building}] was [broken "
        "into|entered|burgled|burglarized] [{time}|while occupants were out] and {item} [was|were] taken",
        "Entry was gained [via|through] [a rear window|the back door|an insecure window] and {item} taken"),
        precis=("[RP|Victim|Resident|Student] returned to [her|his|their] {dwelling} to find [the door "
        "forced|a window smashed|the room ransacked] and {item} missing.", "[Officer|PC|Ofc] attended a "
        "[burglary|break-in] at a {building}; [padlock cut|door forced|roller shutter forced] and [{item}|"
        "tools|stock|cash] taken."), online=("[someone|Someone] broke into my [{dwelling}|{building}] "
        "[{time}|while I was out] and [took|stole] my {item}", "my [{dwelling}|{building}] has been [broken "
        "into|burgled]"))
    ,
    # Rule: force, or the threat of it, used to steal -> robbery (a snatch with no force is theft).
    "robbery": dict(group="Robbery", family="property", tail="loss", codes=("ROBBERY", "ROBBERY PERSONAL",
        "STREET ROBBERY", "MUGGING"), head=("[Robbery|ROBBERY|Street robbery|Mugging|Armed robbery|Strong-arm "
        "robbery|Robbery - personal][ -|:|,] [{item}|{cycle}] [taken|stolen]", "[Robbery|Mugging] at "
        "{outdoor}"), line=("{Victim} [threatened with a knife|punched|pushed to the ground|held at "
        "knifepoint|threatened] and [made to hand over|robbed of] [her|his|their] {item}",
        "{Suspect} [grabbed|forced] [the victim|a student|RP] [and took|to hand over] [her|his|their] "
        "{item}[ at {outdoor}|]", "[Male|Suspect|Two males] demanded {item} [at knifepoint|and punched the "
        "victim when refused|while showing a knife]", "[Victim|RP] mugged [at|near|in] {outdoor}, {item} "
        "taken"), passive=("{Victim} was [threatened|assaulted|pushed over] and [her|his|their] {item} "
        "[taken|stolen] [at|near] {outdoor}",), precis=("[RP|Victim] [states|reports] [that|] {suspect} "
        "[pulled a knife|threatened to stab him|punched him] and took [her|his|their] {item}.",), online=(
        "[i|I] got mugged [at|near] {outdoor}, they [took|grabbed] my {item}", "[a|two] [guy|guys|lads] "
        "[threatened me|pushed me over] and took my {item}"))
    ,
    # Rule: deliberate or reckless damage to another's property -> criminal damage.
    "damage": dict(group="Criminal damage and arson", family="property", tail="damage", codes=(
        "CRIMINAL DAMAGE", "VANDALISM", "DAMAGE", "CRIM DAM", "GRAFFITI"), head=(
        "[Criminal damage|CRIMINAL DAMAGE|Vandalism|Vandalised|Damage|Malicious damage|Crim dam]"
        "[ -|:|,|] [{veh}|{structure}|{dwelling} window][ at {outdoor}|]", "[Graffiti|Tagging] on "
        "{structure}", "[Tyres|Tires] slashed[ on {veh}|]"), line=(
        "{Veh} [keyed|scratched down one side|tyres slashed|tyres punctured|wing mirror kicked off|"
        "windscreen smashed|dented|window smashed] [{time}|while parked at {outdoor}|in {outdoor}]",
        "[Graffiti|Spray paint|Tags] [sprayed|painted|written] on {structure}[ at {place}|]",
        "{Structure} [vandalised|damaged|smashed|kicked in|broken] [by youths|by {suspect}|{time}|]",
        "{Suspect} [kicked|smashed|punched|threw a brick through|damaged] [the|a] {structure}[ at {place}|]",
        "[All four|Two|The front] tyres [slashed|punctured|let down and cut] on [RP's|victim's|a] {veh}",
        "{Partner} smashed [RP's|victim's|her|his] [phone|TV|front door|car windscreen|laptop] during an "
        "argument"), passive=("[RP's|Victim's|A|The] {veh} was [vandalised|damaged|keyed|scratched] [{time}|"
        "while parked at {outdoor}]", "The {structure} was [damaged|smashed|vandalised|covered in graffiti] "
        "[by unknown suspects|{time}|]", "[The|Her|His] [tyres|tires] were [slashed|punctured] [{time}|]"),
        precis=("[RP|Owner|Victim] found [her|his|their] {veh} [keyed|scratched|with the tyres slashed|with "
        "a smashed window] when [she|he|they] returned [to it|to {outdoor}].", "[Officer|PC|Ofc] took a "
        "report of [graffiti|deliberate damage] to the {structure} at {place}. [Photos taken|No CCTV|"
        "Estimate to follow]."), online=("someone [keyed|scratched|smashed the window of|slashed the tyres "
        "on] my {veh} {time}", "[my|My] {veh} [got|has been] [vandalised|keyed|smashed up] [{time}|while "
        "parked at {outdoor}]", "someone [sprayed graffiti on|smashed] my {structure}"))
    ,
    # Rule: a fire started deliberately to damage property -> arson.
    "arson": dict(group="Criminal damage and arson", family="property", tail="damage", codes=("ARSON",
        "FIRE", "DELIBERATE FIRE"), head=("[Arson|ARSON|Deliberate fire|Fire - deliberate][ -|:|,] [{bin}|"
        "{veh}|{structure}]",), line=("[{Bin}|{Veh}|{Structure}] [deliberately|intentionally] set [on "
        "fire|alight][ {time}|]", "{Suspect} [set fire to|torched|lit] [a|the] [{bin}|{veh}|paper towels in "
        "the toilets|notice board]", "[Youths|Suspects] seen setting fire to [a|the] {bin}"), passive=(
        "[A|The] [{bin}|{veh}] was [deliberately|] set alight [by youths|{time}|]",), precis=(
        "Fire service [confirm|state] the fire to the [{bin}|{veh}] was started deliberately.",),
        online=("someone set fire to my [{veh}|{bin}] {time}",))
    ,
    # Rule: force applied to a person without consent -> assault; no injury needed (common assault);
    # injury -> ABH. Staff, patients and customers are victims like anyone else.
    "assault": dict(group="Violence without injury", family="violence", tail="", codes=("ASSAULT", "BATTERY",
        "COMMON ASSAULT", "ABH", "FIGHT", "VIOLENCE"), head=("[Assault|ASSAULT|Battery|BATTERY|Common "
        "assault|Assault - ABH|ABH|Simple assault|Assault by beating][ -|:|,|] [on|of|against] {staff}",
        "[Assault|Battery|Fight] [at|in|outside] {place}", "[Assault|Battery][ -|:] {victim} [punched|hit|"
        "kicked|pushed]"), line=("{Suspect} [punched|hit|kicked|slapped|shoved|pushed|headbutted|spat at|"
        "bit|elbowed|struck|grabbed|attacked|assaulted] [a|the] {staff}[ at {place}|]",
        "{Victim} [punched|hit|kicked|slapped|shoved|assaulted|attacked|beaten up|struck] [by {suspect}|] "
        "[at|in|outside|near] {place}", "[Patient|Customer|Passenger|Drunk male|Student] [punched|kicked|"
        "spat at|bit|scratched|threw a drink at|slapped] [a|the] {staff}", "[Fight|Scuffle|Brawl|Punch-up] "
        "[at|outside|in] {place}, [one male punched in the face|victim knocked to the ground|{victim} "
        "assaulted|{victim} hit with a bottle]", "{Victim} [punched|hit|kicked] in the {body} [by {suspect}|"
        "][ at {place}|], {injury}", "{Suspect} [threw a punch at|swung at|lunged at and hit|shoved] "
        "{victim} [during an argument|after a dispute over a seat|in a queue]"), passive=(
        "{Victim} was [punched|hit|kicked|pushed|struck|assaulted|slapped|headbutted] [in the {body}|] [by "
        "{suspect}|] [at|in|outside] {place}", "[A|The] {staff} was [assaulted|punched|spat at|hit|kicked|"
        "bitten] by [a patient|a customer|a passenger|a drunk male|a student|{suspect}]"), precis=(
        "[RP|Victim|Complainant] [states|reports] [that|] {suspect} [punched|hit|pushed|kicked] [her|him|"
        "them] [in the {body}|] [at|outside] {place}. {Injury}.", "[Officer|PC|Ofc] took a report of an "
        "assault on a {staff} at {place}; [suspect left before police arrived|suspect detained|CCTV "
        "requested|{injury}]."), online=("[i|I] was [punched|hit|pushed|kicked|attacked|assaulted] [by "
        "{suspect}|] [at|outside|in] {place}[ {time}|]", "{suspect} [punched|hit|shoved|slapped] me "
        "[at|outside|in] {place}"))
    ,
    # Rule: violence between partners, ex-partners or family (16+) -> assault, flagged domestic abuse.
    "domestic_assault": dict(group="Violence without injury", family="violence", tail="", domestic=True,
        codes=("DOMESTIC", "DOMESTIC ASSAULT", "DOMESTIC VIOLENCE", "DV"), head=("[Domestic assault|DOMESTIC|"
        "Domestic battery|DV|Domestic violence|Domestic - assault][ -|:|,] {partner} [pushed|hit|grabbed|"
        "assaulted] [victim|her|him]",), line=("{Partner} [pushed|slapped|grabbed|hit|punched|shoved|kicked]"
        " [victim|her|him|RP] [during an argument|at home|in the kitchen|][, {injury}|]",
        "[Female|Male|Victim|RP] [assaulted|pushed|hit|strangled|grabbed by the throat] by [her|his|their] "
        "{partner}"), passive=("Victim was [pushed|grabbed|slapped|hit|pinned down] by [her|his] {partner} "
        "[during an argument|at the address|]",), precis=("RP [states|reports] [her|his] {partner} [pushed|"
        "slapped|grabbed] [her|him] [during an argument|after drinking]. {Injury}.",), online=(
        "my {partner} [pushed|hit|grabbed|slapped] me [last night|during an argument|again]",))
    ,
    # Rule: threats of violence that put the victim in fear, a threat to kill, or a weapon brandished
    # -> public order / threats; recorded whatever the victim's wishes.
    "threats": dict(group="Public order offences", family="public order", tail="", codes=("THREATS",
        "THREATS TO KILL", "PUBLIC ORDER", "CRIMINAL THREATS", "BRANDISHING"), head=("[Threats|THREATS|Threats "
        "to kill|Criminal threats|Threatening behaviour|Threats made|Brandishing][ -|:|,] [to|against|"
        "toward] {staff}", "[Threats|Threat to kill|Brandishing a weapon] at {place}"), line=(
        "{Suspect} threatened to [kill|stab|hurt|beat up|shoot|smash the face of] [a|the] {staff}[ at "
        "{place}|]", "{Victim} threatened [with a knife|with a bottle|with a bat|with violence] by "
        "{suspect}[ at {place}|]", "{Suspect} [waved|brandished|pulled out|produced] a [knife|blade|machete|"
        "bat|screwdriver] at {victim}", "[Male|Customer|Patient|Passenger] [making threats|threatening "
        "violence] towards {staff}, [staff in fear|causing alarm]", "[Ex|{Partner}|Neighbour] "
        "threatened to [kill|burn down the house of|come round and hurt] [victim|RP|her|him]"), passive=(
        "{Victim} was threatened [with a knife|with violence|with a weapon] by {suspect}[ at {place}|]",
        "Threats [to kill|of violence] were made [to|against] [a|the] {staff}"), precis=("[RP|Victim] "
        "[states|reports] {suspect} threatened to [kill|stab|hurt] [her|him|them]; [RP in fear|victim "
        "scared|victim frightened].",), online=("{suspect} [threatened to kill me|said he would stab me|"
        "threatened me with a knife] [at|in|outside] {place}",))
    ,
    # Rule: two or more occasions of unwanted contact that distress -> harassment/stalking (a course of
    # conduct); one threatening message sent to cause distress -> malicious communications.
    "harassment": dict(group="Stalking and harassment", family="harassment", tail="", codes=("HARASSMENT",
        "STALKING", "MALICIOUS COMMS", "ANNOYING CALLS"), head=("[Harassment|HARASSMENT|Stalking|Malicious "
        "communications|Annoying calls|Threatening messages][ -|:|,] [{partner}|{suspect}|ex]",), line=(
        "{Partner} [keeps|continues to] [calling|messaging|texting|turning up at the house] after being "
        "told to stop", "Repeated unwanted [calls|texts|messages|emails] from [{partner}|{suspect}] over "
        "[several weeks|the last month|3 days|2 weeks]", "[Victim|RP|Student] [followed home|followed] on "
        "[several|three|repeated] occasions by {suspect}", "[Threatening|Abusive and threatening] [text|"
        "message|voicemail|DM|email] received from [{partner}|{suspect}] [saying he will kill her|threatening "
        "to hurt RP|threatening violence]", "{Suspect} [posting|sending] [abusive|threatening] messages "
        "about [victim|RP] [online|on social media] [daily|repeatedly]"), passive=("[Victim|RP] has been "
        "[repeatedly contacted|bombarded with messages|followed] by [{partner}|{suspect}] [despite asking "
        "them to stop|for weeks]",), precis=("RP reports [her|his] {partner} has [sent over 50 messages|"
        "called 30 times|turned up at work twice] [since the breakup|this week]; RP [distressed|scared].",),
        online=("my {partner} [won't stop|keeps] [messaging|calling|following] me[ even though I blocked "
        "them|]", "[i|I] [got|received] a message from {suspect} saying they [will|would] [hurt|kill] me"))
    ,
    # Rule: touching of a sexual nature without consent, or exposure to cause alarm -> sexual offence.
    "sexual": dict(group="Sexual offences", family="sexual", tail="", codes=("SEXUAL ASSAULT", "INDECENT "
        "EXPOSURE", "SEXUAL BATTERY", "SEXUAL OFFENCE"), head=("[Sexual assault|SEXUAL ASSAULT|Sexual "
        "battery|Indecent exposure|Exposure|Sexual touching|Groping|Unwanted sexual touching][ -|:|,] "
        "[on {transport}|at {place}|{victim}]",), line=("[Male|Unknown male|Suspect|{Suspect}] [groped|"
        "touched|grabbed] [victim's|a woman's|a student's|RP's] [bottom|breasts|thigh|groin] [on|at|in] "
        "[{transport}|{place}]", "[Male|Man|Suspect] exposed himself to [a woman|students|passers-by|a "
        "female jogger] [at|near|in] [{place}|{outdoor}]", "[Male|Suspect] [filmed up|took photos up] "
        "[a woman's|victim's] skirt [on an escalator|on {transport}]", "{Victim} [sexually assaulted|"
        "touched inappropriately|kissed without consent] by {suspect}[ at {place}|]"), passive=(
        "[Victim|A female passenger|A student] was [touched inappropriately|groped|sexually assaulted] "
        "[on|at|in] [{transport}|{place}]",), precis=("RP reports a male [rubbed himself against|put his "
        "hand up the skirt of|touched] her on {transport}; [suspect got off at the next stop|suspect "
        "identified].",), online=("[a|some] [man|guy] [touched|groped|grabbed] my [bum|bottom|chest] [on|"
        "in|at] [{transport}|{place}]", "[a|some] [man|guy] exposed himself to me [at|near] {outdoor}"))
    ,
    # Rule: possession of drugs or a weapon found by police on search -> crime against society (points to
    # prove made out, police-witnessed, primer 3).
    "possession": dict(group="Other crimes against society", family="society", tail="", codes=(
        "DRUGS", "POSSESSION", "WEAPONS", "STOP SEARCH"), head=("[Possession of drugs|Drugs possession|"
        "Possession of cannabis|Possession of a bladed article|Weapon possession|POSS OFFENSIVE WEAPON]"
        "[ -|:|,] [male|female|youth] [searched|stopped] at {outdoor}",), line=("[Stop and search|Search|"
        "Person searched] - [cannabis|cocaine|wraps of crack|a lock knife|a machete|a knuckle duster|MDMA "
        "tablets] found [on|in the pocket of] [a male|a youth|the suspect]", "[Male|Youth|Driver] found in "
        "possession of [cannabis|cocaine|a knife|a bladed article|class A drugs] [after a search|on "
        "stop]"), passive=("[Cannabis|A knife|Cocaine|A machete] was found on [a male|the suspect|a youth] "
        "[during a search|when searched] [at|in] {outdoor}",), precis=("Officers searched a male at "
        "{outdoor} and found [a lock knife|a quantity of cannabis|wraps of cocaine] [in his waistband|in his "
        "pocket]; [arrested|reported for summons|cannabis warning].",), online=())
    ,
}
