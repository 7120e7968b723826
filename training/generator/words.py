"""Word lists for the synthetic-log generator: invented names, streets, places, vehicles and misspellings.

Everything here is data (module-level tuples and dicts) so that the phrasing engine stays small and
the lists can be extended without touching code. Names and streets are invented combinations; any
resemblance to a real person or address is accidental.
"""

FEMALE_NAMES = (
    "Sarah", "Emma", "Chloe", "Jade", "Kirsty", "Leanne", "Gemma", "Amy", "Hannah", "Laura",
    "Stacey", "Danielle", "Rebecca", "Natalie", "Charlotte", "Lauren", "Zoe", "Megan", "Aisha",
    "Fatima", "Priya", "Amira", "Shauna", "Kelly", "Tracey", "Donna", "Michelle", "Nicola",
    "Samantha", "Jodie", "Kayleigh", "Ellie", "Olivia", "Sophie", "Courtney", "Tanya", "Agnieszka",
    "Ioana", "Mariam", "Shanice", "Keisha", "Jasmine", "Ruth", "Margaret", "Pauline", "Janet",
    "Sandra", "Lisa", "Claire", "Joanne", "Harpreet", "Nadia", "Bethany", "Paige", "Abbie",
)
MALE_NAMES = (
    "Dean", "Craig", "Lee", "Jason", "Wayne", "Darren", "Ryan", "Liam", "Connor", "Jordan",
    "Kyle", "Mark", "Paul", "Steven", "Gary", "Carl", "Shane", "Ashley", "Mohammed", "Imran",
    "Tariq", "Kieran", "Jamie", "Callum", "Reece", "Tyler", "Nathan", "Daniel", "Adam", "Luke",
    "Marcus", "Andre", "Tomasz", "Marius", "Bogdan", "Kwame", "Delroy", "Sanjay", "Gurpreet",
    "Harvey", "Kevin", "Trevor", "Keith", "Graham", "Brian", "Derek", "Robert", "Jack", "Ben",
    "Josh", "Aaron", "Bilal", "Hassan", "Owen", "Scott",
)
SURNAMES = (
    "SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON", "JOHNSON", "DAVIES", "ROBINSON",
    "WRIGHT", "THOMPSON", "EVANS", "WALKER", "WHITE", "ROBERTS", "GREEN", "HALL", "WOOD", "JACKSON",
    "CLARKE", "PATEL", "KHAN", "HUSSAIN", "ALI", "BEGUM", "SINGH", "KAUR", "AKHTAR", "MAHMOOD",
    "NOWAK", "KOWALSKI", "POPESCU", "OKAFOR", "MENSAH", "CAMPBELL", "GRANT", "FRANCIS", "BENNETT",
    "HOLMES", "MASON", "PRICE", "HUGHES", "EDWARDS", "COLLINS", "STEVENS", "MORRIS", "BAKER",
    "TURNER", "PARKER", "COOK", "BAILEY", "HARRIS", "LLOYD", "MARSH", "DYER", "FLETCHER", "BRADLEY",
    "SHAW", "HOLT", "PEARCE", "RILEY", "DOYLE", "FINCH", "BIRCH", "KENDRICK", "MCBRIDE", "OSEI",
)
STREET_STEMS = (
    "Alder", "Ash", "Beech", "Birch", "Bramble", "Chestnut", "Elm", "Hazel", "Holly", "Larch",
    "Maple", "Oak", "Rowan", "Willow", "Yew", "Church", "Mill", "Station", "Park", "Victoria",
    "Albert", "Queens", "Kings", "Brook", "Meadow", "Orchard", "Farm", "Canal", "Wharf", "Forge",
    "Foundry", "Chapel", "Market", "Bridge", "Hill", "Stone", "Kiln", "Moat", "Priory", "Abbey",
    "Harrow", "Ferndale", "Glebe", "Hawthorn", "Laburnum", "Linden", "Mayfield", "Northfield",
    "Southgate", "Westbury", "Ashdown", "Clifton", "Denton", "Elmhurst", "Fairfield", "Greenway",
    "Highfield", "Longmoor", "Newbridge", "Oakleigh", "Redhill", "Sandpit", "Thornton", "Windmill",
)
STREET_SUFFIXES = (
    "Road", "Road", "Road", "Street", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent",
    "Grove", "Way", "Walk", "Court", "Place", "Rise", "Gardens", "Terrace", "Row", "Mews",
)
STREET_ABBREV = {"Road": "Rd", "Street": "St", "Lane": "Ln", "Avenue": "Ave", "Close": "Cl",
                 "Drive": "Dr", "Crescent": "Cres", "Gardens": "Gdns", "Terrace": "Ter"}
POSTCODE_AREAS = {"west-midlands-2018": ("B", "CV", "DY", "WS", "WV"),
                  "leicestershire-2018": ("LE",), "compliant": ("NX", "NE", "NW")}
AREAS = {
    "west-midlands-2018": ("Birmingham East", "Birmingham West", "Coventry", "Dudley", "Sandwell",
                           "Solihull", "Walsall", "Wolverhampton"),
    "leicestershire-2018": ("Leicester City", "Charnwood", "Hinckley and Bosworth", "Melton",
                            "North West Leicestershire", "Harborough", "Blaby", "Oadby and Wigston"),
    "compliant": ("North District", "South District", "East District", "West District",
                  "Central District", "Rural District"),
}
PUBS = ("the Red Lion", "the Crown", "the White Hart", "the Swan", "the Plough", "the Royal Oak",
        "the Bell", "the Railway", "the Greyhound", "the Wheatsheaf", "the Fox and Hounds",
        "the Coach and Horses", "Revolution bar", "Oceana nightclub", "the Victoria Tavern",
        "Tramps nightclub", "the Anchor", "the Old Bull", "the Masons Arms", "the Sportsman")
SHOPS = ("Tesco Express", "the Co-op", "Aldi", "Lidl", "Asda", "Boots", "Primark", "Sainsburys Local",
         "the One Stop", "Spar", "B&M", "Home Bargains", "Poundland", "JD Sports", "the corner shop",
         "the off licence", "the petrol station", "Superdrug", "Greggs", "McDonalds")
CAR_MAKES = ("Ford Focus", "Vauxhall Corsa", "VW Golf", "Ford Fiesta", "BMW 3 series", "Audi A3",
             "Nissan Qashqai", "Toyota Yaris", "Peugeot 208", "Kia Sportage", "Mercedes A class",
             "Renault Clio", "Vauxhall Astra", "Seat Leon", "Skoda Octavia", "transit van", "Mini")
COLOURS = ("black", "white", "silver", "grey", "blue", "red", "dark blue", "green")
CLOTHING = ("grey tracksuit", "black puffer jacket", "dark hoodie", "hi vis jacket", "black North Face coat",
            "blue jeans and white trainers", "red top", "camo jacket", "work clothes", "black tracksuit",
            "green parka", "black cap", "white t-shirt", "leather jacket")
BUILDS = ("slim build", "stocky", "heavy build", "medium build", "skinny", "tall", "short", "large build")
ETHNIC = ("white", "asian", "black", "mixed race", "eastern european", "IC1", "IC3", "IC4", "IC2")
PHONES = ("iPhone", "iPhone 7", "Samsung Galaxy", "Samsung phone", "mobile phone", "iPhone X",
          "Huawei phone", "phone")
ITEMS = ("handbag", "purse", "wallet", "bank card", "laptop", "iPad", "bike", "push bike",
         "mountain bike", "watch", "gold chain", "cash", "rucksack", "car keys", "PS4",
         "tools", "power tools", "jewellery", "sunglasses", "headphones", "parcel", "bag")

# Realistic misspellings seen in hand-typed logs (lower case -> wrong form).
MISSPELLINGS = {
    "received": "recieved", "definitely": "definately", "separate": "seperate",
    "argument": "arguement", "occurred": "occured", "until": "untill", "beginning": "begining",
    "neighbour": "neighour", "neighbours": "nieghbours", "harassment": "harrassment",
    "threatening": "threatning", "aggressive": "agressive", "accommodation": "accomodation",
    "possession": "posession", "committed": "comitted", "their": "there", "believe": "beleive",
    "attended": "atended", "apparently": "apparantly", "immediately": "immediatly",
    "statement": "statment", "property": "propety", "address": "adress", "because": "becuase",
    "witness": "wittness", "which": "wich", "whether": "wether", "information": "infomation",
    "officers": "officer's", "it's": "its", "don't": "dont", "didn't": "didnt", "can't": "cant",
    "won't": "wont", "doesn't": "doesnt", "wasn't": "wasnt", "i'm": "im", "she's": "shes",
    "he's": "hes", "wouldn't": "wouldnt", "ambulance": "ambulence", "assaulted": "assualted",
    "assault": "assualt", "unconscious": "unconcious", "bruising": "brusing",
    "embarrassed": "embarassed", "towards": "towads", "friend": "freind", "through": "thru",
    "tonight": "tonite", "though": "tho", "daughter": "daugter", "ex-partner": "expartner",
    "front": "frount", "garden": "graden", "window": "windo", "threatened": "threatend",
    "messages": "msgs", "message": "msg", "please": "pls", "you": "u", "tomorrow": "tomorow",
    "police": "polive", "separated": "seperated", "girlfriend": "girlfreind",
    "boyfriend": "boyfreind", "happened": "happend", "believed": "beleived", "really": "realy",
    "anything": "anythin", "anyone": "any one", "something": "somthing", "scared": "scarred",
    "frightened": "frightend", "assaulting": "assualting", "stolen": "stollen", "damaged": "damadged",
    "breaking": "braking", "arrested": "arested", "necessary": "neccessary", "occasion": "occassion",
    "occasions": "occassions", "different": "diffrent", "interview": "interveiw", "advised": "advized",
    "advice": "advise", "whose": "who's", "were": "where", "quiet": "quite", "lose": "loose",
    "lost": "lossed", "alright": "allright", "definite": "definate", "vehicle": "vehical",
    "registration": "registation", "neighbourhood": "neighborhood", "colleague": "collegue",
    "disappeared": "dissapeared", "embarrassing": "embarassing", "weird": "wierd", "tried": "tryed",
    "calendar": "calender", "sergeant": "seargent", "safeguarding": "safegaurding",
    "appointment": "appointement", "unfortunately": "unfortunatly", "actually": "actualy",
    "knife": "knive", "photos": "fotos", "again": "agian", "what": "wat",
    "friends": "freinds", "business": "buisness", "behaviour": "behavior", "basically": "basicly",
    "completely": "completly", "eventually": "eventualy", "harassing": "harrassing",
}
# Keys next to each other on a UK keyboard (fat-finger substitutions in hurried typing).
KEY_NEIGHBOURS = {
    "a": "qsz", "b": "vgn", "c": "xdv", "d": "sfe", "e": "wrd", "f": "dgr", "g": "fht", "h": "gjy",
    "i": "uok", "j": "hku", "k": "jli", "l": "ko", "m": "nk", "n": "bmh", "o": "ipl", "p": "ol",
    "q": "wa", "r": "etf", "s": "adw", "t": "ryg", "u": "yij", "v": "cbf", "w": "qes", "x": "zc",
    "y": "tuh", "z": "xa",
}
# How people type in texts and hurried online forms (word -> text-speak form).
TEXTSPEAK = {
    "you": "u", "your": "ur", "you're": "ur", "because": "cos", "i'm": "im", "don't": "dont",
    "didn't": "didnt", "can't": "cant", "won't": "wont", "doesn't": "doesnt", "isn't": "isnt",
    "please": "pls", "tonight": "2nite", "people": "ppl", "though": "tho", "about": "abt",
    "before": "b4", "thanks": "thx", "message": "msg", "messages": "msgs", "really": "rly",
    "probably": "prob", "something": "sumthing", "what": "wot", "with": "wiv", "they're": "theyre",
    "he's": "hes", "she's": "shes", "it's": "its", "that's": "thats", "going to": "gonna",
    "want to": "wanna", "got to": "gotta", "okay": "ok", "tomorrow": "tmrw", "boyfriend": "bf",
    "girlfriend": "gf", "someone": "some1",
}
# Officers' terse update shorthand (prose -> what a hurried officer types). Applied as whole words.
OFFICER_TERSE = (
    ("spoke with", "S/W"), ("spoke to", "S/T"), ("spoken to", "s/t"), ("attended", "att"),
    ("officers", "ofrs"), ("officer", "ofr"), ("the victim", "IP"), ("victim", "IP"),
    ("no further action", "NFA"), ("words of advice", "WOA"), ("advised", "adv"), ("advice", "adv"),
    ("statement", "stmt"), ("address", "addr"), ("information", "info"), ("approximately", "approx"),
    ("ambulance", "ambo"), ("negative", "neg"), ("suspect", "susp"), ("regarding", "re"),
    ("concern for safety", "CFS"), ("body worn video", "BWV"), ("house to house", "H2H"),
    ("without", "w/o"), ("with", "w/"), ("because", "as"), ("and", "&"), ("nothing", "nil"),
    ("telephone", "tel"), ("message", "msg"), ("messages", "msgs"), ("previous", "prev"),
    ("checked", "chkd"), ("completed", "comp"), ("required", "req"), ("request", "req"),
    ("arrived", "arr"), ("returned", "rtn'd"), ("details", "dets"), ("circumstances", "circs"),
    ("investigation", "invest"), ("believed", "bel"), ("number", "no."), ("between", "btwn"),
    ("mother", "mum"), ("going to", "to"), ("further", "furth"), ("statement", "stmt"),
)
# Connectives and asides of a long, rambling first-person report (label-free: used in every kind of log).
RAMBLE_CONNECTORS = (" and then ", " and ", " so ", ", anyway ", " and basically ", ", like, ", " then ",
                     ". So ", ". And ", " - ", "... ")
RAMBLE_FILLERS = (
    "I have lived here for [{num} years|years|a long time] and never had [any|a single] problem [before|"
    "like this]", "sorry if this is the wrong [place|way] to report this", "my [mum|sister|friend|partner] "
    "[told me|said I should] [to report it|report it online]", "I work [nights|long shifts|in town] so "
    "[I was tired|I only just saw it|I couldn't call earlier]", "I didn't know whether to ring 101 or do it "
    "online", "I don't want to waste police time", "[to be honest|honestly] I [don't know|am not sure] what "
    "[I'm supposed to do|happens now]", "[it has|it's] been [a horrible|a stressful|a long] [week|few days|"
    "day] [anyway|]", "I [am|was] still [really|quite|] upset about it", "I tried to ring [earlier|before] "
    "but [was on hold for ages|couldn't get through]", "I [have|do have] [two kids|a dog|work in the "
    "morning] [so I need this sorted|]", "I [just|only] want [someone to know|it on record|it sorting]",
    "[not sure if|don't know if] [this is relevant but|it matters but] {day} was [busy|normal] [otherwise|"
    "before all this]", "the [kids|dog|neighbours] [were|was] [there|around] [at the time|as well]",
)
HEDGES = ("basically", "I think", "like", "to be honest", "I mean", "sort of", "apparently", "anyway")

# Call-taker / officer shorthand: (pattern on lower-case prose, replacement in capitals).
SHORTHAND = (
    (r"\bthe injured party\b", "IP"), (r"\bthe victim\b", "IP"), (r"\bvictim\b", "IP"),
    (r"\bthe caller\b", "RP"), (r"\binjuries\b", "INJS"),
    (r"\binjury\b", "INJ"), (r"\bsuspect\b", "SUSP"), (r"\boffender\b", "OFF"),
    (r"\baddress\b", "ADDR"), (r"\bwithout\b", "W/O"), (r"\bwith\b", "W/"), (r"\bambulance\b", "AMBO"),
    (r"\bapproximately\b", "APPROX"), (r"\binformation\b", "INFO"), (r"\bvehicle\b", "VEH"),
    (r"\bblack\b", "BLK"), (r"\bwhite\b", "WHT"), (r"\bcomplains of\b", "C/O"), (r"\boutside\b", "O/S"),
    (r"\btowards\b", "TWDS"), (r"\bbecause\b", "COS"), (r"\bpolice\b", "POL"), (r"\bboyfriend\b", "BF"),
    (r"\bgirlfriend\b", "GF"), (r"\bex partner\b", "EX PTNR"), (r"\bpartner\b", "PTNR"),
    (r"\bstatement\b", "STMT"), (r"\bmessages\b", "MSGS"), (r"\bmessage\b", "MSG"),
    (r"\bthreatening\b", "THREATENING"), (r"\bdomestic\b", "DOM"), (r"\bhospital\b", "HOSP"),
    (r"\bminutes\b", "MINS"), (r"\btelephone\b", "TEL"), (r"\bphone\b", "PHONE"), (r"\band\b", "&"),
    (r"\bregistration\b", "VRM"), (r"\bnumber\b", "NO."), (r"\bthrough\b", "THRU"),
    (r"\bknife\b", "KNIFE"), (r"\bresponse\b", "RESP"), (r"\byears old\b", "YRS"),
    (r"\bfemale\b", "FEM"), (r"\bunknown\b", "UNK"),
)
# The same facts written out in full by a careful officer (shorthand -> prose).
EXPANSIONS = (
    (r"\bIP\b", "the victim"), (r"\bRP\b", "the informant"), (r"\bNFA\b", "no further action"),
    (r"\bBWV\b", "body worn video"), (r"\bDA\b", "domestic"), (r"\bOIC\b", "officer in the case"),
)
