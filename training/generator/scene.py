"""The invented circumstances of one synthetic log: people, relationship, places, times and slots.

A ``Scene`` holds the victim and the other party, how they are related, where and when, and the slot
values templates draw on; ``Scene.view`` gives each writer (call-taker, victim online, officer) the
right perspective so the same fact can be written in the third or the first person.
"""

from datetime import datetime, timedelta

from training.generator import words as W
from training.generator.phrasing import phone_number, postcode, street, vrm

DOMESTIC_KINDS = ("partner", "ex", "family")
_REL_NOUNS = {
    ("partner", "m"): ("partner", "boyfriend", "husband", "partner", "fiance", "boyfriend"),
    ("partner", "f"): ("partner", "girlfriend", "wife", "partner"),
    ("ex", "m"): ("ex partner", "ex boyfriend", "ex husband", "ex partner", "ex"),
    ("ex", "f"): ("ex partner", "ex girlfriend", "ex wife", "ex partner"),
    ("family", "m"): ("son", "brother", "father", "stepdad", "uncle", "cousin", "nephew", "grandson",
                      "son in law", "brother in law", "adult son", "dad"),
    ("family", "f"): ("daughter", "sister", "mother", "stepmum", "aunt", "cousin", "mum", "adult daughter"),
    ("known", "m"): ("neighbour", "friend", "work colleague", "housemate", "landlord", "mate",
                     "ex friend", "lodger", "associate"),
    ("known", "f"): ("neighbour", "friend", "work colleague", "housemate", "landlady", "ex friend",
                     "associate"),
}
_PRONOUNS = {"f": ("she", "her", "her", "herself"), "m": ("he", "him", "his", "himself")}


class Person:
    """An invented person: names, gender, age and date of birth."""

    __slots__ = ("first", "surname", "gender", "age", "dob")

    def __init__(self, r, gender, age, year):
        self.gender = gender
        self.first = r.choice(W.FEMALE_NAMES if gender == "f" else W.MALE_NAMES)
        self.surname = r.choice(W.SURNAMES)
        self.age = age
        self.dob = f"{r.randrange(1, 29):02d}/{r.randrange(1, 13):02d}/{year - age}"


def adult_age(r, lo=18, hi=70):
    """A plausible adult age, skewed young as in incident data."""
    return min(hi, lo + int(r.expovariate(1 / 14)))


_LAZY = {
    "street2": lambda sc, r: street(r),
    "postcode": lambda sc, r: postcode(r, sc.areas),
    "phone": lambda sc, r: phone_number(r),
    "vrm": lambda sc, r: vrm(r),
    "car": lambda sc, r: r.choice(W.CAR_MAKES),
    "colour": lambda sc, r: r.choice(W.COLOURS),
    "clothes": lambda sc, r: r.choice(W.CLOTHING),
    "build": lambda sc, r: r.choice(W.BUILDS),
    "eth": lambda sc, r: r.choice(W.ETHNIC),
    "pub": lambda sc, r: r.choice(W.PUBS),
    "shop": lambda sc, r: r.choice(W.SHOPS),
    "mobile": lambda sc, r: r.choice(W.PHONES),
    "item": lambda sc, r: r.choice(W.ITEMS),
    "value": lambda sc, r: str(r.choice((20, 40, 50, 80, 120, 150, 200, 250, 300, 450, 600, 800, 1200))),
    "num": lambda sc, r: str(r.randrange(2, 60)),
    "hour": lambda sc, r: sc.when.strftime("%H:%M"),
    "month": lambda sc, r: r.choice(("January", "March", "May", "June", "August", "October", "December")),
    "day": lambda sc, r: r.choice(("last night", "this evening", "earlier today", "this morning",
                                   "yesterday", "on " + sc.when.strftime("%A"), "tonight",
                                   "about an hour ago", "earlier", "at the weekend", "last week")),
    "descr": lambda sc, r: r.choice((
        "{eth}, {build}, approx {age}, wearing {clothes}", "approx {age} yrs, {build}, {clothes}",
        "{eth}, about {age}, {clothes}", "{clothes}, {build}", "in {clothes}", "{eth} in {clothes}, {build}",
        "{age}ish, {clothes}", "{build}, {eth}, {clothes}")),
}


class SlotView:
    """Read-only slot mapping for one writer: perspective, local extras, lazily invented details.

    ``{V}`` and ``{O}`` give the full first mention once, then shorter references. Details such as
    a phone number or a car are invented on first use and then shared by every writer of the log.
    """

    __slots__ = ("_scene", "_base", "_local", "_seen", "_r")

    def __init__(self, scene, base, r, local):
        self._scene, self._base, self._r, self._local = scene, base, r, local
        self._seen = set()

    def __getitem__(self, key):
        if key == "O" or key == "V":
            if key in self._seen:
                key = "o_ref" if key == "O" else "v_ref"
            else:
                self._seen.add(key)
        local = self._local
        if local and key in local:
            return local[key]
        value = self._base.get(key)
        if value is None:
            shared = self._scene.lazy
            value = shared.get(key)
            if value is None:
                value = shared[key] = _LAZY[key](self._scene, self._r)
        return value


class Scene:
    """The invented circumstances of one log and the slot values its templates draw on."""

    def __init__(self, r, *, relation, first_person, when, areas, victim_gender=None,
                 offender_gender=None, victim_age=None, caller=None):
        self.relation = relation
        self.first_person = first_person
        self.when = when
        self.areas = areas
        self.lazy = {}
        vg = victim_gender or ("f" if r.random() < (0.75 if relation in DOMESTIC_KINDS else 0.45) else "m")
        og = offender_gender or ("m" if r.random() < 0.82 else "f")
        self.victim = Person(r, vg, victim_age or adult_age(r), when.year)
        self.offender = Person(r, og, adult_age(r), when.year)
        if (relation == "partner" and r.random() < 0.5) or (relation == "family" and r.random() < 0.7):
            self.offender.surname = self.victim.surname
        self.rel = r.choice(_REL_NOUNS[(relation, og)]) if (relation, og) in _REL_NOUNS else ""
        self.slots3 = self._slots(r, caller)
        self.slots = self.slots3
        if first_person:
            self.slots = dict(self.slots3)
            self.slots.update(v="I", v_obj="me", v_pos="my", v_self="myself", v_is="am", v_has="have",
                              v_does="do", V="I", v_ref=("I",), vo="me")

    @property
    def domestic(self):
        """True when the parties are partners, ex-partners or family (both 16 or over)."""
        return self.relation in DOMESTIC_KINDS and self.victim.age >= 16 and self.offender.age >= 16

    def view(self, r, *, third_person=False, **local):
        """A ``SlotView`` in the report's perspective (or always third person for officers)."""
        return SlotView(self, self.slots3 if third_person else self.slots, r, local)

    def _slots(self, r, caller):
        """Build the eager third-person slot dictionary (people, pronouns, address)."""
        v, o = self.victim, self.offender
        vs, vo, vp, vself = _PRONOUNS[v.gender]
        os_, oo, op, oself = _PRONOUNS[o.gender]
        st = street(r)
        s = {
            "v": vs, "v_obj": vo, "v_pos": vp, "v_self": vself,
            "v_was": "was", "v_is": "is", "v_has": "has", "v_does": "does",
            "o": os_, "o_obj": oo, "o_pos": op, "o_self": oself, "rel": self.rel or "friend",
            "vfirst": v.first, "vname": f"{v.first} {v.surname}", "ofirst": o.first,
            "oname": f"{o.first} {o.surname}", "osur": o.surname,
            "street": st, "addr": f"{r.randrange(1, 180)} {st}",
            "age": str(o.age), "vage": str(v.age), "vdob": v.dob, "odob": o.dob,
            "caller": caller or "a neighbour",
            "ogender": "male" if o.gender == "m" else "female",
            "vgender": "male" if v.gender == "m" else "female",
        }
        s["V"] = self._victim_refs(r, third_party=caller is not None)
        s["v_ref"] = (vs, vs, "IP", v.first, "the IP")
        s["vo"] = ("IP", "IP", "the IP", v.first, "the victim")  # object position: no pronoun case errors
        s["O"] = self._offender_first(r, s)
        s["o_ref"] = self._offender_refs(s)
        return s

    def _victim_refs(self, r, third_party):
        """How the victim is first named in the third person."""
        refs = ("IP", "IP", "the IP", "IP {vname}", "the victim", "{vfirst}", "IP {vfirst}")
        return r.choice(refs if third_party else refs + ("the caller", "RP", "caller"))

    def _offender_first(self, r, s):
        """How the offender is first named, given the relationship."""
        if self.relation == "stranger":
            g = s["ogender"]
            return r.choice((f"an unknown {g}", f"a {g} unknown to {{v_obj}}", f"a {g}",
                             f"a {g} {{v}} didn't know", f"an unknown {g} ({{descr}})",
                             f"a {g} described as {{descr}}"))
        named = r.choice(("{rel} {oname}", "{rel} {ofirst}", "{rel}", "{rel} {oname} ({odob})",
                          "{rel}, {oname},"))
        return "{v_pos} " + named

    def _offender_refs(self, s):
        """Later references to the offender in subject position."""
        o = s["o"]
        if self.relation == "stranger":
            return (o, o, "the " + s["ogender"], "the suspect", "the offender")
        return (o, o, o, s["ofirst"], "the " + s["ogender"], s["osur"], "the suspect")


def add_minutes(t, r, lo, hi):
    """A later time, ``lo``-``hi`` minutes after ``t``."""
    return t + timedelta(minutes=r.randrange(lo, hi))


def random_datetime(r, year, night_bias):
    """A report time in ``year``; ``night_bias`` shifts the hour towards evenings and nights."""
    start = datetime(year, 1, 1)
    day = r.randrange(365)
    if r.random() < night_bias:
        hour = r.choice((17, 18, 19, 20, 21, 22, 22, 23, 23, 0, 0, 1, 1, 2, 3))
    else:
        hour = r.randrange(7, 24)
    return start + timedelta(days=day, hours=hour, minutes=r.randrange(60))
