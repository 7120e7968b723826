"""Phrase banks for the sexual-offence scenarios (data only; rules in ``sexual``)."""

_LOGGED = (
    "{V} [only wants|just wants|would like] it [logged|recorded|on record] [in case {o} does it again|"
    "for now|] [and does not want police to contact {o_obj}|]", "{V} [doesn't|does not] want [police "
    "action|{o_obj} spoken to|anyone contacted] [at the moment|yet|because of {v_pos} job]",
    "{V} [not ready|not sure {v} {v_is} ready] to [make a statement|do a video interview|go through "
    "court]", "[ISVA|Rape Crisis|SARC] [details|info] given, {V} [will think about|to consider] [police "
    "action|next steps]",
)
ASSAULT = {
    "act": (
        "{O} [grabbed|touched|groped|squeezed] {v_pos} [bottom|bum|breast|chest|crotch|between {v_pos} "
        "legs] [without consent|over {v_pos} clothes|]",
        "{O} [put|slid] {o_pos} hand [up {v_pos} skirt|down {v_pos} top|inside {v_pos} trousers|on {v_pos} "
        "thigh and moved it up]", "{O} [kissed|forcibly kissed|tried to kiss] {v_obj} [and pushed {o_pos} "
        "tongue in|after {v} said no|] [while holding {v_pos} face|]",
        "{O} [rubbed|pressed] [{o_pos} groin|{o_obj}self] against {v_obj} [repeatedly|on purpose|]",
        "{O} [touched|stroked] {v_pos} [leg|thigh|hair and neck] [and wouldn't stop|after being told no]",
    ),
    "where": (
        "[at|in] {pub} [on a night out|on the dance floor|at the bar|]", "on the [bus|train|tram] [into "
        "town|home|on {street}]", "at [work|{v_pos} work|the office|the warehouse] [in the kitchen|"
        "at the Christmas party|]", "at a [house party|party|friend's house] [on {street}|]",
        "at {addr}", "in a taxi [home|from town]",
    ),
    "extra": ("{V} [pushed {o_obj} away|told {o_obj} to stop|froze|left straight away]", "[friends|a "
              "friend|colleagues|door staff] [saw it|witnessed it|were there]", "{V} [is|was] [shaken|"
              "upset|disgusted|tearful]", "{o_ref} [laughed|said it was a joke|walked off]"),
    "update": ("[First account|Initial account] [obtained|taken] from {vo}", "[CCTV|footage] [requested|"
               "from the venue|to be seized]", "[suspect|{o_ref}] [identified|named|not yet identified]"),
    "vague": ("[concern for safety|CFS] - [female|{V}] [upset|crying] [outside {pub}|on {street}] [, "
              "won't say why|]", "[verbal argument|domestic] at {addr} [, no violence|]", "[friend|"
              "caller] [worried about|concerned for] {vo} [after a night out|]"),
    "third": ("[{v_pos} friend|door staff|{v_pos} mum|a colleague] [reporting|calling to report] that "
              "{V} [was|had been] [touched|groped|assaulted] by a male",),
    "logged": _LOGGED,
}
RAPE = {
    "act": (
        "{O} [had sex with|raped] {v_obj} [while {v} {v_was} asleep|when {v} {v_was} too drunk to consent|"
        "after {v} said no|despite {v} saying no repeatedly]", "{O} [forced|made] {v_obj} [to have sex|into "
        "sex|to perform a sex act] [and held {v_obj} down|after {v} refused|]",
        "{V} woke up [to find|and] {O} [having sex with {v_obj}|on top of {v_obj}]",
        "{O} [would not stop|carried on] when {v} [told {o_obj} to stop|said no|cried]",
    ),
    "where": ("at {addr}", "at {o_pos} flat [after a night out|on {street}|]", "[after a party|after "
              "meeting on Tinder|after {v} stayed over]", "[last night|{day}|at the weekend]"),
    "extra": ("{V} [has|had] [not showered|showered] [since|]", "[SARC|the sexual assault referral "
              "centre] [offered|booked|declined]", "{V} [is|was] [very distressed|numb|in shock]",
              "{V} [can't|doesn't] remember [much|everything] [after|of] [the taxi|the end of the night]"),
    "update": ("[First account|Early evidence kit|EEK] [obtained|taken|used]", "[SARC|ISVA] [referral "
               "made|appointment booked|referral booked]", "[scene|address] [identified|preserved]", "[DS|CID|RASSO team] [informed|"
               "aware]"),
    "vague": (
        "[concern for safety|CFS|welfare] - [caller|female] [wants to speak to police|upset] [, won't "
        "say why on phone|]", "[domestic|verbal domestic] at {addr} [, caller states no violence|]",
        "[female|{V}] [found|located] [distressed|crying] [in|at] [a bus shelter|{shop}|the park]"),
    "third": ("[{v_pos} mum|{v_pos} friend|{v_pos} sister|a support worker] [reporting|states] that {V} "
              "[has been raped|was raped|told them {v} was raped]",),
    "logged": _LOGGED,
}
HISTORIC = {
    "call": (
        "{V} [wants to report|reporting|disclosing] [that|] [{v_pos} {rel}|{O}|a family friend|a "
        "teacher] [sexually abused|touched|raped|indecently assaulted] {v_obj} [when {v} {v_was} a child|"
        "from age {num}|in the [1990s|80s|2000s]|about 20 years ago]",
        "[historic|non-recent] [sexual abuse|rape|indecent assault] [disclosure|report] by {vo} [against "
        "{O}|against {v_pos} {rel}|]",
    ),
    "extra": ("{V} [has never told anyone|told {v_pos} counsellor|told {v_pos} partner] [before|recently|]",
              "[offender|{o_ref}] [still alive|still lives locally|has contact with children]", "{V} "
              "[now {vage}|aged {vage} now]"),
    "update": ("[referred to|passed to] [the CAIT|the RASSO team|PVP]", "[ISVA|support] [offered|referral "
               "made]", "[ABE|video interview] [to be arranged|discussed]"),
}
EXPOSURE = {
    "call": ("[male|man] [exposed {o_obj}self|got his penis out|was masturbating] [in the park|on the "
             "train|on {street}|outside the school] [in front of|towards] [{vo}|{v_obj}|women walking past]",
             "[flasher|a male] [exposed|exposing] [{o_obj}self|himself] to {vo} [from a car|by the canal]"),
    "extra": ("[description|desc]: {descr}", "{V} [shocked|shaken|upset]"),
    "update": ("[area search|area searched] [negative|no trace]", "[description|details] circulated"),
}
NEG = {
    "photos": {
        "call": ("[male|a man] [taking photos|filming] [of children|near the play area|of people] [in the "
                 "park|at the beach|on {street}] [, caller concerned|]",),
        "update": ("[The male|{o_ref}] [was spoken to|was located] and [showed officers the images|let officers "
                   "check the camera]",),
        "evidence": ("[images|photos] [checked|viewed] by officers - [only of his own children|of birds|of "
                     "the building for work], [confirmed by his partner|nothing inappropriate]",),
        "close": ("[Photos checked|Images viewed], nothing inappropriate. No offence. Closed.",),
    },
    "consensual": {
        "call": ("[{v_pos} mum|parent] [reporting|concerned] that [{vfirst}|{v_pos} daughter] ({vage}) [is "
                 "seeing|is in a relationship with] an older [male|man] ({age})",),
        "update": ("[{vfirst}|{V}] [spoken to|seen] - [adult|aged {vage}], relationship [consensual|fine]",),
        "evidence": ("[both|{V} and the male] [confirm|confirmed] [a consensual relationship|consent], "
                     "[{vfirst}|{V}] is [an adult|over 18] [- DOB checked|]",),
        "close": ("Consensual relationship between adults. [No offences|No crime]. [Parent advised|Closed].",),
    },
}
INTIMATE = {
    "call": (
        "{O} [has shared|shared|posted|sent] [intimate|private|nude|sexual] [photos|images|videos|pictures] "
        "of {v_obj} [to {v_pos} family|on Facebook|on Snapchat|to {v_pos} friends|to {v_pos} work] [without "
        "{v_pos} consent|after they split up|to humiliate {v_obj}]",
        "{O} [is threatening|has threatened] to [share|post|send] [nudes|intimate pictures|a sex video] of "
        "{v_obj} [unless {v} [gets back with {o_obj}|pays {o_obj}|sends more]|if {v} tells anyone]",
    ),
    "extra": ("{V} [never agreed|did not consent] to [them|the images] being shared", "{V} [is|was] "
              "[mortified|devastated|humiliated|distraught]", "[screenshots|links] [saved|kept|available]"),
    "update": ("[Images|Screenshots] [seen|viewed] by officer [and|,] [secured|not copied]", "[platform|"
               "Facebook|Snapchat] [contacted|asked] to remove [the images|the post]",
               "[Revenge Porn Helpline|support] details given"),
}
TP_ADULT_DENIED = {
    "call": ("[{v_pos} friend|a neighbour|{v_pos} sister] [concerned|reporting] that {V} [may have been|"
             "was] [sexually assaulted|touched] [at a party|by {v_pos} {rel}] [, second hand info|]",),
    "update": ("{V} [spoken to|seen] [alone|privately] and [states|is clear] [nothing happened|no one touched "
               "{v_obj}|the friend misunderstood], [no concerns|adult with capacity], nothing else to "
               "support it",),
    "close": ("[Third party|3rd party] report, [IP|adult victim] [denies|states nothing happened], no "
              "other evidence. No crime.",),
}
