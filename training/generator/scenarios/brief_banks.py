"""Phrase banks for brief logs: one-line summaries, headlines, passive reports, officer precis, online
one-liners, written in UK, US, Australian, campus and transport-police vocabulary.

Written from general knowledge of how English-speaking police, campus and transport forces summarise
calls -- never from any evaluation data. Each bank entry is a template in ``_phrasing`` syntax; the
slots are filled by ``brief.py`` (``{item}``, ``{place}``, ``{veh}``, ``{victim}``, ``{suspect}`` ...).
"""

# --- slot banks --------------------------------------------------------------------------------------
ITEMS = (
    "phone", "mobile phone", "mobile", "cell phone", "iPhone", "smartphone", "Samsung phone", "wallet",
    "purse", "handbag", "laptop", "MacBook", "tablet", "iPad", "backpack", "rucksack", "bag", "gym bag",
    "headphones", "earbuds", "AirPods", "keys", "bank card", "credit card", "debit card", "ID card",
    "student ID", "driving licence", "watch", "jacket", "coat", "sunglasses", "camera", "textbooks",
    "charger", "jewellery", "gold necklace", "cash", "passport", "Nintendo Switch", "speaker", "calculator",
    "hoodie", "trainers", "sneakers", "suitcase", "tool bag", "power tools", "guitar", "skateboard",
)
CYCLES = (
    "bicycle", "bike", "push bike", "pedal cycle", "mountain bike", "road bike", "e-bike", "electric bike",
    "e-scooter", "electric scooter", "scooter", "moped", "motor scooter", "BMX",
)
VEHICLES = ("car", "vehicle", "van", "truck", "pickup", "ute", "motorbike", "motorcycle", "hatchback",
            "work van", "Honda Civic", "Ford Transit", "Toyota Prius", "VW Golf", "SUV", "taxi")
VEHICLE_PARTS = ("catalytic converter", "number plates", "front number plate", "wheels", "alloy wheels",
                 "battery", "wing mirrors", "sat nav", "stereo", "badge", "fuel")
PLACES = (
    "the library", "the gym", "the changing rooms", "the locker room", "a cafe", "the coffee shop",
    "the canteen", "the dining hall", "a lecture theatre", "the classroom", "the student union",
    "halls of residence", "the dorm", "the residence hall", "the flat", "the apartment", "the car park",
    "the parking lot", "the parking garage", "the multi-storey", "the bike rack", "the cycle shelter",
    "the bus stop", "the train station", "the platform", "the tube station", "the bus", "the train",
    "the tram", "the hospital", "A&E", "the supermarket", "the shop", "the store", "the pub", "the bar",
    "the nightclub", "the office", "the warehouse", "the building site", "the laundry room",
    "the sports centre", "the swimming pool", "the park", "the beach", "the shopping centre", "the mall",
    "the cinema", "the food court", "the music room", "the lab", "the study room", "reception",
    "the taxi rank", "the petrol station", "the gas station", "the servo", "the bottle shop",
)
OUTDOOR = ("the street", "the high street", "the road outside", "the car park", "the parking lot",
           "the park", "the bus stop", "the town centre", "the footpath", "the sidewalk", "the alley",
           "the underpass", "the quad", "the campus green", "the station forecourt", "the beach")
DWELLINGS = ("house", "flat", "apartment", "dorm room", "student room", "home", "bungalow", "unit",
             "terraced house", "maisonette", "bedsit", "townhouse")
OUTBUILDINGS = ("shed", "garage", "outbuilding", "storage unit", "site office", "lock-up", "bike store",
                "office", "shop", "cafe", "warehouse", "lab", "workshop", "locker")
STRUCTURES = ("bus shelter", "wall", "fence", "front door", "window", "shop window", "notice board",
              "vending machine", "toilet door", "bench", "sign", "lift", "elevator", "street light",
              "gate", "parking meter", "ticket machine", "door", "noticeboard", "statue", "classroom door")
STAFF = ("staff member", "security guard", "security officer", "bus driver", "train guard", "door staff",
         "bouncer", "shop assistant", "cashier", "nurse", "doctor", "paramedic", "teacher", "lecturer",
         "receptionist", "bar staff", "delivery driver", "ticket inspector", "conductor", "taxi driver",
         "store manager", "resident assistant", "caretaker", "cleaner", "officer", "PCSO", "lifeguard")
VICTIMS = ("victim", "a student", "a man", "a woman", "a male", "a female", "a customer", "a passenger",
           "a pedestrian", "a cyclist", "a resident", "a teenager", "an elderly man", "an elderly woman",
           "a patient", "the reporting person", "a worker", "a visitor", "a youth", "a boy", "a girl")
SUSPECTS = ("an unknown male", "an unknown man", "an unknown woman", "an unknown person", "a male",
            "a female", "a man", "a group of youths", "two males", "a customer", "a passenger",
            "a patient", "a drunk male", "an intoxicated man", "a known male", "a neighbour",
            "a housemate", "a roommate", "a former friend", "a man on a bike", "the suspect", "a teenager",
            "a juvenile", "a student", "another student", "a stranger", "a driver", "a cyclist")
PARTNERS = ("ex-partner", "ex partner", "ex-boyfriend", "ex-girlfriend", "boyfriend", "girlfriend",
            "husband", "wife", "partner", "ex-husband", "ex-wife", "estranged husband", "former partner")
BODY = ("face", "head", "arm", "chest", "back", "stomach", "leg", "mouth", "nose", "eye", "jaw", "ribs")
INJURIES = ("minor injuries", "a cut lip", "a bloody nose", "bruising", "a black eye", "a cut to the head",
            "swelling to the face", "scratches", "a graze", "no visible injuries", "no injuries",
            "a sore jaw", "red marks to the neck")
TRANSPORT = ("the bus", "the train", "the tube", "the tram", "the Metro", "the platform", "the escalator",
             "a crowded carriage", "the night bus", "the ferry", "the shuttle bus")
SHOPS = ("the supermarket", "the shop", "a convenience store", "the campus store", "the pharmacy",
         "the bookshop", "a clothing store", "the corner shop", "the petrol station", "the off licence",
         "the bottle shop", "a department store")
GOODS = ("alcohol", "meat", "razor blades", "clothing", "perfume", "baby formula", "snacks", "energy drinks",
         "cosmetics", "bottles of spirits", "a phone charger", "headphones", "groceries", "chocolate")
BINS = ("wheelie bin", "bin", "skip", "dumpster", "recycling bin", "rubbish pile", "trash can")
MONEY = ("£", "$", "$", "£", "")
TIMES = ("overnight", "last night", "this morning", "earlier today", "yesterday", "at the weekend",
         "between 2200 and 0700", "while parked", "during the day", "sometime last week",
         "between 0800-1700hrs", "over the holidays", "during the night", "this afternoon")

# --- loss / damage / value tails (used on BOTH sides: a lost item has a value too) --------------------
LOSS_TAILS = ("loss {money}{amount}", "Loss: {money}{amount}", "est. loss {money}{amount}",
              "approx loss {money}{amount}", "value {money}{amount}", "valued at {money}{amount}",
              "worth approx {money}{amount}", "({money}{amount})", "- {money}{amount}", "Value: {money}{amount}",
              "total value {money}{amount}", "loss approx {money}{amount}")
DAMAGE_TAILS = ("damage {money}{amount}", "est. damage {money}{amount}", "damage approx {money}{amount}",
                "cost to repair {money}{amount}", "repair est {money}{amount}", "({money}{amount} damage)",
                "Damage: {money}{amount}")

# --- UK -> other-force wording (applied to a share of logs, whole words only) -------------------------
US_WORDS = (
    ("tyres", "tires"), ("tyre", "tire"), ("vandalised", "vandalized"), ("vandalise", "vandalize"),
    ("car park", "parking lot"), ("multi-storey", "parking structure"), ("mobile phone", "cell phone"),
    ("mobile", "cell"), ("pavement", "sidewalk"), ("flat", "apartment"), ("rucksack", "backpack"),
    ("windscreen", "windshield"), ("number plates", "license plates"), ("number plate", "license plate"),
    ("driving licence", "driver's license"), ("jewellery", "jewelry"), ("petrol station", "gas station"),
    ("shop", "store"), ("lorry", "truck"), ("bin", "trash can"), ("wheelie bin", "dumpster"),
    ("halls of residence", "residence hall"), ("trainers", "sneakers"), ("colour", "color"),
    ("theft", "larceny"), ("lift", "elevator"), ("A&E", "the ER"), ("£", "$"), ("neighbour", "neighbor"),
    ("criminal damage", "vandalism"), ("assaulted", "battered"), ("motorbike", "motorcycle"),
)
ABBREVIATIONS = (
    ("vehicle", "veh"), ("victim", "vict"), ("suspect", "susp"), ("suspects", "susps"), ("unknown", "unk"),
    ("approximately", "approx"), ("approx", "appx"), ("reporting person", "RP"), ("reporting party", "RP"),
    ("with", "w/"), ("without", "w/o"), ("building", "bldg"), ("apartment", "apt"), ("report", "rpt"),
    ("officer", "ofc"), ("between", "btwn"), ("about", "abt"), ("person", "pers"), ("information", "info"),
    ("property", "prop"), ("residence", "res"), ("bicycle", "bike"), ("injured party", "IP"),
    ("telephone", "tel"), ("damage", "dmg"), ("outside", "o/s"), ("males", "m/s"), ("male", "M"),
    ("female", "F"), ("hospital", "hosp"), ("ambulance", "ambo"), ("and", "&"), ("department", "dept"),
)
