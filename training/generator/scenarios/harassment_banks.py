"""Phrase banks for harassment, malicious communications, coercive control and public order (data only)."""

# Each line is one occasion; builders sample two or more so the course of conduct is explicit.
COURSE = (
    "{O} [has sent|sent] [over {num}|dozens of|loads of|constant] [messages|texts|WhatsApps|snapchats] "
    "[since|over] [the weekend|{day}|the last week|the last few days]",
    "{O} [has been|keeps] [ringing|calling|phoning] {v_obj} [from withheld numbers|from different numbers|"
    "all night|{num} times a day]", "{O} [turned up|has turned up|has been turning up] [at {v_pos} work|"
    "at {addr}|outside {v_pos} house|at {v_pos} mum's] [again|twice this week|{day}|uninvited]",
    "{O} [followed|has followed] {v_obj} [home from {shop}|in {o_pos} car|to the school gates] [on "
    "{day}|last week|again]", "{O} [has been|keeps] [messaging|contacting] {v_pos} [friends|family|"
    "new partner] about {v_obj} [on Facebook|on Instagram|]", "{O} [posted|has posted] [comments|things] "
    "about {v_obj} on [Facebook|Instagram|TikTok] [after {v} blocked {o_obj}|again|]",
    "{O} [left|has left] [notes|flowers|a letter] [on {v_pos} car|through {v_pos} door] [again|twice|]",
    "{O} [sat|was parked] outside {v_pos} [house|flat] [for hours|last night|again {day}]",
    "{O} [has made|made] [fake|new] accounts to [contact|message] {v_obj} [after being blocked|]",
    "[this is|this has been|it has been] [the 3rd|the 4th|another] [time|occasion] [this week|in "
    "a fortnight|since {v} ended the relationship]",
)
COURSE_UPD = {
    "effect": ("{V} [is|feels] [scared|anxious|distressed|alarmed|at the end of {v_pos} tether]",
               "{V} [has|had] [changed {v_pos} number|blocked {o_obj}|stopped going out] [because of it|]",
               "{V} [wants|just wants] it to stop", "[it is|it's] [affecting|ruining] {v_pos} [sleep|"
               "work|mental health]", "{V} {v_is} not scared of {o_obj} but [is distressed|is at the end of "
               "{v_pos} tether|can't cope with it any more]"),
    "officer": ("[Screenshots|Messages|Call logs] [seen|viewed|photographed] [by officer|on BWV|]",
                "{V} [showed|has shown] officers the [messages|call log|notes]", "[PIN|harassment warning] "
                "[considered|not appropriate|]", "[previous|prior] [reports|logs] [linked|found] [re same "
                "male|]"),
}
MALCOMM = {
    "call": (
        "{O} [sent|has sent] {v_obj} a [message|text|voice note|Facebook message] [saying|stating] [{o} "
        "would burn {v_pos} car|{o} knows where {v} lives and is coming for {v_obj}|{v} should kill {v_self}|"
        "{o} would [smash|batter] {v_pos} face in]", "{O} [sent|posted] [a message|a comment] [calling "
        "{v_obj}|describing {v_obj} as] [a racist slur|a paedo|vile names] and [threatening|saying {o} "
        "would hurt] {v_pos} [kids|family]", "{V} [received|got] a [message|text|DM] from {O} [with|"
        "containing] [a picture of a knife|a photo of {v_pos} house] and [the words|saying] ['you're "
        "next'|\"watch your back\"|'see you soon']",
    ),
    "extra": ("{V} [is|was] [very upset|frightened|shaken|distressed] by it", "[screenshot|message] "
              "[saved|kept|available]", "[{o}|{O}] [has done this before|hasn't contacted {v_obj} in "
              "months]"),
    "update": ("[Message|Screenshot] [seen|viewed] [by officer|and photographed]", "{V} [showed|forwarded] "
               "the [message|screenshot] [to officers|]", "[account|number] [identified as|linked to] "
               "[{osur}|the {ogender}|{ofirst}]"),
}
MALCOMM_NEG = {
    "update": ("[Called {vo} back|Spoke with {vo}]",),
    "evidence": ("[message|text] [was|had been] sent to {v_obj} [by mistake|in error] [- meant for someone "
                 "else|- {o} apologised], [not threatening|no threat in it] when read in full",
                 "[screenshot|image] [shown|provided] [was|had been] [edited|faked] - [original|phone] "
                 "[checked|examined] [by officer|], [no such message|message not sent]",
                 "[message|post] [read|viewed] by officer - [not threatening|not offensive|a song lyric|a "
                 "meme], [no offence|nothing criminal]"),
    "close": ("[No offence|Nothing criminal] [in message|disclosed]. [Advice given|NFA].",),
}
SINGLE_NEG = {
    "call": (
        "{O} [sent|has sent] {v_obj} [one|a single] [rude|nasty|abusive] [message|text|comment] [calling "
        "{v_obj} [an idiot|a liar|useless|a loser]|after they fell out]", "{O} [messaged|texted] {v_obj} "
        "[once|{day}] [asking|wanting] [to talk|to talk about the kids|to get back together|{o_pos} stuff back]",
        "{O} [left|posted] a [rude|sarcastic|negative] [comment|review] on {v_pos} [Facebook post|business "
        "page]",
    ),
    "extra": ("[no|nil] [threats|threat] [in it|made|mentioned]", "[only|just] [the one|one] [message|"
              "contact] in [months|weeks|ages]", "{V} [has blocked {o_obj} since|blocked {o_obj} straight "
              "away|blocked {o_obj}]", "{V} {v_was} [annoyed|upset|fed up] [rather than scared|but not frightened|]"),
    "update": ("[Message|Comment] [seen|read] by officer - [rude|unpleasant] but [no threat|not "
               "threatening|not grossly offensive]", "[single|one off|one] [message|contact], [no course of "
               "conduct|not harassment]", "{V} [advised|given advice] [re|on] [blocking|privacy settings|"
               "keeping records]"),
    "close": ("[Single message|One message], no threats, [no offence|not harassment]. [Advice given|NFA].",
              "[No course of conduct|One off contact]. [Advice re blocking|Words of advice]. Closed."),
}
CCB = {
    "facts": (
        "{O} [controls|has control of|takes] [all|] [the money|{v_pos} wages|{v_pos} bank card] [and gives "
        "{v_obj} £{num} a week|]", "{O} [checks|goes through|monitors] {v_pos} [phone|messages|location] "
        "[every day|constantly]", "{O} [doesn't|won't] let {v_obj} [see {v_pos} friends|go out alone|"
        "see {v_pos} family]", "{O} [tells|told] {v_obj} what to wear and [who {v} can talk to|when {v} can "
        "leave the house]", "{O} [put|has put] a tracker [on {v_pos} car|app on {v_pos} phone]",
        "this has been going on for [months|over a year|years]", "{O} [calls|puts] {v_obj} [stupid|"
        "worthless|fat] [every day|constantly] and [says no one else would want {v_obj}|]",
    ),
    "vague": ("[caller|female caller] [wants|wanting] advice [about|re] [{v_pos} relationship|{v_pos} "
              "partner] [, no violence|]", "[concern for safety|CFS] - [neighbour|friend] [worried about|"
              "concerned for] {vo} [and {v_pos} partner|]", "[verbal argument|domestic] at {addr} [, no "
              "injuries|]"),
    "update": ("[DASH|DASH risk] [completed|done] - [medium|high] [risk|]", "[IDVA|MARAC] [referral|"
               "referral made]", "{V} [disclosed|described] [a pattern of|ongoing] [control|controlling "
               "behaviour]"),
}
PO = {
    "call": (
        "{O} [was shouting|shouted|was screaming] [abuse|threats|racist abuse|homophobic abuse] at {vo} "
        "[in the street|outside {shop}|at the bus stop|across the road] [and squared up to {v_obj}|, "
        "fists clenched|]", "[customer|male] [became aggressive|kicked off] [at|in] {shop} [towards|with] "
        "[{V}|staff|the cashier], [shouting and swearing|threatening to come over the counter|banging on "
        "the counter]", "{O} [came to|stood outside] {v_pos} door [shouting|screaming] [abuse|that {v} "
        "would regret it|threats] [and banging on it|]",
    ),
    "effect": ("{V} [was|felt] [scared|alarmed|distressed|intimidated|frightened] [by it|]", "[Staff were|{V} "
               "{v_was}] [shaken|upset|crying|in fear] [after|afterwards|]", "{V} [thought|believed] {o} [was going "
               "to hit|would attack] {v_obj}"),
    "extra": ("[witnesses|other customers] [present|saw it]", "{o_ref} [left|made off] [before police "
              "arrived|towards {street2}|]", "[CCTV|footage] [available|in store]"),
    "update": ("[CCTV|footage] [viewed|seen], [shows|confirms] the {ogender} [shouting at|squaring up to] {v_obj}",
               "{V} [gave|provided] [an account|a statement]", "[witness|staff member] [confirms|"
               "corroborates] [the abuse|account]"),
}
PO_NEG = {
    "call": ("[male|drunk male|female] [shouting|swearing|ranting] [in the street|outside {pub}|on {street}] "
             "[at no one in particular|to {o_obj}self|on the phone]", "[neighbour|{O}] [shouting|swearing] "
             "[through the wall|from {o_pos} own flat|from {o_pos} window] [at|about] {v_obj} [while {v} "
             "{v_was} inside {v_pos} own flat|]"),
    "extra": ("[no|nil] [one|members of public] [targeted|threatened|approached]", "[both parties|"
              "both] [inside their own|in their own] [homes|flats]", "[no|nil] threats [made|of violence]"),
    "update": ("[male|{o_ref}] [spoken to|calmed down|gone inside] [, no one targeted|, no victim]", "[both "
               "parties|both] [in their own dwellings|inside their own homes] at the time - [no|not a] "
               "public order offence [(dwelling exemption)|]", "[no|nil] [complainant|victim] [identified|"
               "found]"),
    "close": ("[No victim|No one targeted|Dwelling exemption applies] - no [public order|] offence. "
              "[Advice given|Resolved].",),
}
