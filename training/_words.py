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
}

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
