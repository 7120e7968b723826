"""Phrase banks for the property scenarios (data only; rules in ``property``)."""

_SUPPORTIVE_UPD = (
    "[{V} happy to provide [a statement|photos]|statement obtained from {vo}|{V} to email [photos|quotes "
    "for repair]]",
    "[scene|SOCO|CSI] [requested|attended|not required]", "[forensic|fingerprint] [opportunities|lifts] "
    "[none|taken|recovered]",
)

DAMAGE = {
    "domestic": {
        "call": (
            "{O} [smashed|broke|threw|stamped on] {v_pos} [phone|{mobile}|TV|laptop|glasses] [during an "
            "argument|in a temper|because {o} wanted to see {v_pos} messages|]",
            "{O} [has|] [kicked|punched|put {o_pos} fist through] [the|{v_pos}] [front door|bedroom door|"
            "wall|window] [at {addr}|at {v_pos} flat|]", "{O} [keyed|scratched|smashed the windscreen of] "
            "{v_pos} car [outside {addr}|on {street}|]", "{O} [threw|smashed] {v_pos} [belongings|clothes|"
            "things] [out of the window|in the garden] [and broke them|, breaking {v_pos} laptop]",
        ),
        "extra": ("{o_ref} [has left|is still there|left on foot]", "[no|nil] [violence|assault|injuries] "
                  "[mentioned|reported]", "damage [approx|about|est] £{value}", "[the {mobile}|the phone] "
                  "[is {v_pos} own|belongs to {vo}|is in {v_pos} name] [, {v} paid for it|]"),
        "update": _SUPPORTIVE_UPD + ("[damage|broken items] [seen|photographed|BWV captured]", "{V} "
                                     "[confirms|states] the [item|phone|door] [belongs to {v_obj}|is {v_pos} own]"),
    },
    "other": {
        "call": (
            "[someone|unknown person|youths] [has|have] [smashed|put through|broken] {v_pos} [front window|"
            "car window|shop window|windscreen] [overnight|{day}|with a brick]", "{v_pos} [car|{car}|van] "
            "[has been|was] [keyed|scratched down one side|had its tyres slashed|had wing mirrors kicked "
            "off] [on|outside] {street}", "[graffiti|tags] [sprayed|painted] on {v_pos} [wall|garage door|"
            "shop shutter] [overnight|{day}]", "{O} [kicked|punched] {v_pos} [door|car|fence] [causing a "
            "dent|and broke it|]",
        ),
        "extra": ("[damage|repair] [approx|estimated at|about] £{value}", "[no|nil] [witnesses|suspects]",
                  "[has|have] [CCTV|a ring doorbell]", "[3rd|second|another] time this [month|year]"),
        "update": _SUPPORTIVE_UPD + ("[damage|scene] [seen|photographed|viewed]", "[no|nil] [suspect|"
                                     "lines of enquiry] [identified|]"),
    },
}
TP_DAMAGE = (
    "{caller} [reports|states|can see] [youths|a male|two males] [smashing|kicking|damaging] [a car|car "
    "windows|the bus shelter|{v_pos} car] [on|at] {street}", "[3rd party|passer by] [report|call]: "
    "[someone|male] [breaking|smashing] [windows|a car window] at {addr}",
)
# Each kind pairs the call with the update that shows why it is not criminal damage.
DAMAGE_NEG_KINDS = (
    ("{O} [smashed|broke|threw|put {o_pos} fist through] [{o_pos} own|{o_pos}] [phone|TV|laptop|xbox] [in a "
     "temper|during an argument|out of frustration]", "[the|damaged] [phone|TV|laptop|xbox] [belongs to|is "
     "owned by|was bought by] [{osur}|the {ogender}] - own property, [no offence|not criminal damage]"),
    ("[a|the kids'] [ball|football] [went through|smashed] {v_pos} [window|greenhouse|car windscreen] [- "
     "kids playing|from next door's garden]", "[accidental|an accident], [no intent|not deliberate] [- parent "
     "offered to pay|- apologised and paid|]"),
    ("[fence|gate|shed roof|garden wall] [damaged|blown down|broken] [in the wind|in the storm|overnight]",
     "[storm|weather|wear and tear] damage, [no third party|nobody] involved"),
    ("{O} [reversed into|knocked|clipped] {v_pos} [wall|gate|fence|wheelie bin] [by accident|accidentally] [and "
     "came to tell {v_obj}|]", "[details|insurance details] exchanged, [accidental damage|not deliberate]"),
)
DAMAGE_NEG_EXTRA = ("[no|nil] [one|others] [involved|injured]", "[damage|cost] [about|approx] £{value}",
                    "{V} [would like|needs] [advice|a reference] [for insurance|]")
DAMAGE_CLOSE_NEG = (
    "[Accidental damage|Own property damaged|Storm damage] - [no offence|no crime]. [Advice given|Closed].",
    "[No criminal damage|No offence disclosed] [- accidental|- own property|]. NFA.",
)
ARSON = {
    "call": ("[wheelie bin|car|shed|fence] [on fire|alight|set alight] [at|on|behind] {street} [- youths "
             "seen running off|, fire service attending|]", "[fire service|F&R] [report|requesting police "
             "for] a [deliberate|suspicious] fire [at|in] [{addr}|a car on {street}]"),
    "extra": ("[accelerant|petrol smell] [suspected|found]", "[no|nil] [injuries|persons inside]"),
    "update": ("[fire service|F&R] [investigator|officer] [confirms|believes] [deliberate ignition|fire "
               "was started deliberately]", "[no|nil] [suspects|witnesses] [identified|]"),
}
ARSON_NEG = {
    "call": ARSON["call"],
    "extra": ARSON["extra"],
    "update": ("[fire service|F&R] [investigator|officer] [confirms|states] [electrical fault|accidental "
               "cause|a discarded cigarette|chip pan fire]", "[no|nil] [evidence of|signs of] [deliberate "
               "ignition|accelerant]"),
    "close": ("[Accidental fire|Fire accidental] [per|confirmed by] fire service. No crime.",),
}
_THEFT_UPD = ("[CCTV|footage] [requested|obtained|to be reviewed]", "[no|nil] [suspects|witnesses] "
              "[identified|]", "[items|property] [listed|serial numbers taken]", "[{V}|RP] [given|to be "
              "given] [a crime number|advice]")
THEFT = {
    "shoplifting": {
        "name": "shoplifting", "open": ("SHOPLIFTING", "THEFT FROM SHOP", "THEFT"),
        "call": ("[staff|manager|security] at {shop} [reporting|report|states] [a male|a female|two males] "
                 "[left without paying for|stole|walked out with] [£{value} of|] [meat|alcohol|razors|"
                 "clothes|toiletries]", "[shoplifter|male] [detained by security|made off] at {shop} [with "
                 "goods|after filling a bag]"),
        "extra": ("[known to staff|regular offender|seen before]", "[CCTV|footage] [available|kept]"),
        "update": _THEFT_UPD,
    },
    "person": {
        "name": "theft from the person", "open": ("THEFT", "THEFT FROM PERSON", "PICKPOCKET"),
        "call": ("{v_pos} [{mobile}|purse|wallet] [was taken|was stolen|went missing] from {v_pos} [bag|"
                 "pocket|coat] [on the bus|in {shop}|in town|at the market] [, didn't feel a thing|]",
                 "[someone|a male] [dipped|pickpocketed] {v_obj} [in the queue at {shop}|on the train]"),
        "extra": ("[bank cards|cards] [cancelled|stopped]", "[didn't see|did not see] who took it"),
        "update": _THEFT_UPD,
    },
    "bike": {
        "name": "bicycle theft", "open": ("THEFT", "THEFT OF PEDAL CYCLE"),
        "call": ("{v_pos} [bike|push bike|mountain bike|e-bike] [was stolen|has been taken] from [outside "
                 "{shop}|the garden|the bike rack at {street}] [, lock cut|, was locked up|]",),
        "extra": ("[worth|value] [about|approx] £{value}", "[frame|serial] number [known|unknown]"),
        "update": _THEFT_UPD,
    },
    "from_vehicle": {
        "name": "theft from vehicle", "open": ("THEFT FROM MV", "THEFT", "VEHICLE CRIME"),
        "call": ("[tools|{item}|sat nav|handbag] [taken|stolen] from {v_pos} [van|car|{car}] [overnight|"
                 "while parked on {street}] [, window smashed|, no damage, possibly left unlocked|]",),
        "extra": ("[value|worth] [about|approx] £{value}", "[van|car] [was|had been] locked"),
        "update": _THEFT_UPD,
    },
    "of_vehicle": {
        "name": "theft of vehicle", "open": ("THEFT OF MV", "TWOC", "VEHICLE CRIME", "THEFT"),
        "call": ("{v_pos} [{colour} {car}|car|moped|motorbike] {vrm} [stolen|taken] from [outside {addr}|"
                 "{street}|the drive] [overnight|{day}]",),
        "extra": ("[keys|both keys] [still with {v_obj}|taken in a previous burglary]", "[not|no] finance "
                  "on it [- checked|]"),
        "update": _THEFT_UPD + ("[VRM|vehicle] [circulated|added] on PNC [as stolen|]",),
    },
    "by_known": {
        "name": "theft", "open": ("THEFT", "THEFT OTHER", "CIVIL DISPUTE"),
        "call": ("{O} [took|has taken|stole] {v_pos} [{item}|bank card|£{value} cash|{mobile}] [from {v_pos} "
                 "room|while staying over|from {v_pos} bag] [and won't give it back|and has sold it|]",),
        "extra": ("{V} [never gave|did not give] {o_obj} permission", "[has|got] [messages|texts] where "
                  "{o} [admits|admitted] taking it"),
        "update": _THEFT_UPD + ("{o_ref} [admitted|denies] taking it",),
    },
    "domestic": {
        "name": "theft", "open": ("THEFT", "DOMESTIC", "CIVIL DISPUTE"),
        "call": ("{O} [took|has taken] {v_pos} [bank card|{mobile}|car keys|£{value}] [without asking|"
                 "when {o} left|and won't return it] [- it is {v_pos}, not joint|]",),
        "extra": ("{V} [bought|paid for] it [{v_self}|with {v_pos} own money]",),
        "update": _THEFT_UPD + ("{o_ref} [refuses|refused] to return it",),
    },
}
BURGLARY = {
    "dwelling": {
        "name": "residential burglary",
        "call": ("[{V} came home|{V} returned home|{V} woke up] to find [the back door forced|a window "
                 "smashed|the house ransacked|the front door open] and [{item}|jewellery|laptop and "
                 "cash|car keys] [taken|missing|stolen]", "[offenders|someone] [broke in|gained entry] "
                 "[via|through] [rear window|back door|patio door] at {addr} [and took|stealing] [{item}|"
                 "TV|jewellery]"),
        "extra": ("[SOCO|CSI] [requested|required]", "[nothing|no one] [seen|heard]", "[house|address] "
                  "[empty|was empty] [at the time|for the weekend]"),
        "update": ("[point of entry|POE] [rear window|back door|kitchen window], [jemmy marks|pry marks|"
                   "lock snapped]", "[CSI|SOCO] [attended|booked], [prints|marks] [lifted|taken]", "[house "
                   "to house|H2H] [completed|done]"),
    },
    "shed": {
        "name": "residential burglary",
        "call": ("{v_pos} [shed|garage|outbuilding] [broken into|forced] [overnight|{day}] and [tools|bikes|"
                 "the lawnmower|power tools] [taken|stolen]",),
        "extra": ("[padlock|lock] [cut|snapped|forced]", "[value|worth] [about|approx] £{value}"),
        "update": ("[padlock|lock] [cut|forced], [items|tools] [listed|serial numbers taken]",
                   "[no|nil] [CCTV|witnesses]"),
    },
    "business": {
        "name": "burglary business and community",
        "call": ("[alarm activation|break in] at [{shop}|the unit|the office|the community centre] on "
                 "{street}, [shutter|door|window] [forced|smashed] and [stock|cash|laptops|cigarettes] "
                 "[taken|stolen]",),
        "extra": ("[keyholder|manager] [attending|on scene]",),
        "update": ("[entry|POE] [via|through] [rear door|roof|shutter]", "[CCTV|footage] [shows|captured] "
                   "[2 males|males in balaclavas] [at|around] {hour}"),
    },
    "attempt": {
        "name": "attempted burglary",
        "call": ("[someone|a male] [tried|attempted] to [force|break] {v_pos} [back door|front door|window] "
                 "[overnight|{day}] - [marks|damage] [to the lock|to the frame]", "[ring doorbell|CCTV] "
                 "[shows|caught] a male trying {v_pos} [door handle|back door] and [forcing|trying to "
                 "force] it at [night|{hour}]"),
        "extra": ("[no entry gained|didn't get in]", "[lock|frame] [damaged|bent]"),
        "update": ("[damage|marks] [to|on] [lock|door frame] [seen|photographed]", "[no entry|entry not] "
                   "gained"),
    },
}
BURGLARY_NEG = {
    "call": BURGLARY["dwelling"]["call"],
    "extra": ("[nothing|no one] [seen|heard]",),
    "update": ("[no|nil] signs of [forced entry|disturbance|damage]", "[enquiries|checks] [made|with "
               "family]"),
    "evidence": ("[{v_pos} son|{v_pos} daughter|{v_pos} {rel}|the landlord] [had let themselves in|had "
                 "been in] [and moved|and borrowed] the [items|laptop|jewellery] - [confirmed|verified]",
                 "[items|{item}|jewellery] [found|located] [in the loft|in another room|at {v_pos} "
                 "mum's], nothing [stolen|taken]"),
}
BURGLARY_CLOSE_NEG = ("[No burglary|No offence] - [items located|family member had entered with a key]. "
                      "[No crime|Closed].", "[Not a burglary|Nothing stolen], verified. NFA.")
ROBBERY = {
    "call": (
        "[two males|a male|group of youths] [approached|stopped] {v_obj} [on|at] [{street}|the bus stop|"
        "the underpass] and [demanded|took] {v_pos} [{mobile}|phone|bag|wallet|cash] [, threatening|"
        "while threatening|and threatened] to [stab|hit|batter] {v_obj}", "{V} [was|got] [pushed over|"
        "punched|grabbed] and {v_pos} [{mobile}|bag|chain|watch] [snatched|taken|ripped off] [on {street}|"
        "near {shop}|outside {shop}|in the park]", "[male|youth] [produced|showed] a [knife|blade|what looked like a gun] and "
        "[took|demanded] {v_pos} [{mobile}|cash|bank card] [outside {shop}|on {street}]",
    ),
    "extra": ("[offenders|suspects] [made off|ran off|left] [on foot|on bikes|towards {street2}]",
              "[description|desc]: {descr}", "[no|minor] [injuries|injury]"),
    "update": ("[area search|area searched] [negative|, no trace]", "[phone|{mobile}] [tracked|being "
               "tracked] [to|near] {street2}", "[CCTV|footage] [requested|being reviewed]"),
}
ROBBERY_NEG = {
    "call": ROBBERY["call"][:2],
    "extra": ROBBERY["extra"],
    "update": ("[Called {vo} back|Spoke with {vo} again]",),
    "evidence": ("CCTV [viewed|reviewed] [shows|confirms] {v} [dropped|left] {v_pos} [phone|bag] [and walked "
                 "off|on the bench] - [no one|nobody] [approached|touched] {v_obj}", "{V} [later|now] "
                 "[admits|admitted] {v} [sold|lent|gave] the [phone|{mobile}|chain] to [a friend|{O}] and "
                 "[made up the robbery|invented the robbery] [for insurance|to explain it to {v_pos} parents]"),
    "close": ("[Robbery disproved|No robbery] [by CCTV|- admitted false]. No crime.",),
}
DRUGS = {
    "call": ("[officers|patrol] [stopped and searched|s23 searched|searched] [a male|a youth|the driver] "
             "[on|at] {street} [after smelling cannabis|after a tip off|]", "[driver|male] [stopped|"
             "spoken to] [on|at] {street} [and a search conducted|, search under s1 PACE]"),
    "extra": ("[grounds|GOWISELY] [given|recorded]", "[BWV|body cam] [on|running]"),
    "update": ("[found in possession of|FIP] [a small amount of cannabis|a bag of cannabis|a lock knife|"
               "a kitchen knife|cocaine wraps] [in {o_pos} pocket|in the car|in {o_pos} waistband]",
               "[drugs|item] [seized|bagged and tagged] [- exhibit|]", "[cannabis warning|community "
               "resolution|arrested|reported for summons] [issued|given|]"),
}
DRUGS_NEG = {
    "call": DRUGS["call"],
    "extra": DRUGS["extra"],
    "update": ("[search|s23 search] [negative|nothing found|NFI]", "[no|nil] [drugs|weapons|items] [found|"
               "located]", "[male|youth] [allowed to leave|given search record]"),
    "close": ("[Search negative|Nothing found]. [No offences|No crime].",),
}
