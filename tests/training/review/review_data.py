"""Scored logs for the review app's tests: fourteen unrecorded logs the model calls crimes, built inline."""

import pandas as pd

SCRIPT = "<script>alert(1)</script>"
# (narrative, closing comment, area, model category, domestic abuse flag)
REVIEW_LOGS = (
    (f"{SCRIPT} IP states her partner punched her in the face, black eye.",
     "IP does not wish to support police action. Filed.", "North", "Violence with injury", True),
    ("Male threatened to kill the caller outside the shop, caller scared.", "", "North",
     "Violence without injury", None),
    ("Her ex keeps texting abusive messages, third time this month.", "Words only, no offences disclosed.",
     "South", "Stalking and harassment", True),
    ("Victim says a man touched her bottom on the bus without consent.", "Advice given.", "South",
     "Sexual offences", None),
    ("RP reports his bike stolen from the shed overnight, lock cut.", "Intel only.", "North", "Theft offences",
     None),
    ("Call from 07700 900123: John SMITH says his car windscreen was smashed.", "Civil matter.", "South",
     "Criminal damage and arson", None),
    ("Male pushed the victim to the floor in the pub car park.", "Victim drunk, not believed.", "North",
     "Violence without injury", None),
    ("Youth had his phone taken by two males who threatened to stab him.", "NFA.", "South", "Robbery", None),
    ("Back door forced overnight, laptop taken from the house.", "Filed.", "North", "Burglary", None),
    ("IP kicked in the leg by her father, bruising.", "Victim does not want to make a complaint.", "South",
     "Violence with injury", True),
    ("Ex-partner sent a message saying he will burn her house down.", "Advice given, words only.", "North",
     "Stalking and harassment", True),
    ("Male shouting threats at staff, staff member in fear of violence.", "Resolved.", "South",
     "Public order offences", None),
    ("Wallet stolen from handbag in a cafe, victim saw the male take it.", "No further action.", "North",
     "Theft offences", None),
    ("Victim spat at by a neighbour in the street.", "", "South", "Violence without injury", None),
)


def make_review_scored():
    """A scored frame: every log predicted a crime and not recorded, so all fourteen are in the triage queue."""
    n = len(REVIEW_LOGS)
    narrative, closing, area, category, domestic = zip(*REVIEW_LOGS)
    p = [round(0.99 - 0.02 * i, 2) for i in range(n)]
    return pd.DataFrame({
        "incident_id": [f"V{i:02d}" for i in range(1, n + 1)], "narrative": narrative, "closing_comment": closing,
        "opening_code": ["ASSAULT"] * n, "closing_code": ["CLOSED"] * n, "area": area,
        "reported_at": [f"2024-03-{1 + i:02d}T10:00:00" for i in range(n)],
        "recorded": pd.array([False] * n, dtype="boolean"),
        "domestic_abuse": pd.array(domestic, dtype="boolean"), "p_should_record": p,
        "predicted_should_record": [True] * n, "predicted_category": category,
        "p_domestic_abuse": [0.9 if d else 0.1 for d in domestic],
        "evidence": ["'punch'; 'not wish support'"] + [""] * (n - 1)})
