"""The review web application (Starlette): one log at a time, decisions posted to the label store.

Every request needs the access token (from the printed address, then an HttpOnly same-site cookie) and
a Host header naming this server (no DNS rebinding); every state-changing request is a POST with
the CSRF token. Pages are server-rendered jinja2 with autoescaping, served with a Content-Security-Policy
that allows only this server's own script and style sheet. The store is opened per request, so
several servers (reviewers) can share one store; SQLite serialises their writes.
"""

import hmac
import secrets
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import parse_qs, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from classifier import HOCR_GROUPS, NO_CRIME, ClassifierError
from training.audit.labels import open_label_store
from training.audit.reviews import ReviewDecision, decided_ids, first_decisions, record_decision, undo_last_decision
from training.review.display import REASONS, highlighted_texts, primer_hint
from training.review.queue import FILTERS

__all__ = ["ReviewSettings", "build_review_app"]

COOKIE = "crimerec_review"
_MAX_BODY = 64 * 1024
_STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
_CRIME_GROUPS = [group for group in HOCR_GROUPS if group != NO_CRIME]


@dataclass
class ReviewSettings:
    """What one review server serves and for whom.

    Attributes
    ----------
    queue : ReviewQueue
    store : str or Path
        The label store directory.
    reviewer : str
    second_reviewer : bool, default=False
        Show only logs another reviewer has decided, hide that decision, record agreement.
    allowed_hosts : set of str
        Host header values accepted (``127.0.0.1:8765``, ``localhost:8765``, ...); empty = any.
    token, csrf_token : str
        Random secrets; made here unless given.
    """

    queue: object
    store: object
    reviewer: str
    second_reviewer: bool = False
    allowed_hosts: set = field(default_factory=set)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    @property
    def round(self):
        """1 for a first decision, 2 for a second reviewer's."""
        return 2 if self.second_reviewer else 1


def build_review_app(settings):
    """Return the Starlette application serving ``settings.queue`` (see ``ReviewSettings``)."""
    state = _State(settings)
    routes = [Route("/", state.guarded(state.page)), Route("/decide", state.guarded(state.decide), methods=["POST"]),
              Route("/undo", state.guarded(state.undo), methods=["POST"]),
              Route("/static/{name}", state.guarded(state.static))]
    return Starlette(routes=routes)


class _State:
    """The handlers and what they share: settings, templates, the last action's message."""

    def __init__(self, settings):
        self.settings = settings
        self.message = None  # (kind, text) shown once on the next page
        source = resources.files("training.review").joinpath("templates", "review.html.j2").read_text("utf-8")
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                 lstrip_blocks=True)
        self.template = env.from_string(source)

    # ---- security ---------------------------------------------------------------------------

    def guarded(self, handler):
        """Wrap a handler: refuse a foreign Host, require the token, and check CSRF on POST."""

        async def endpoint(request):
            refusal = self._refusal(request)
            if refusal is None and request.method == "POST":
                form = await _read_form(request)
                if form is None or not hmac.compare_digest(form.get("csrf", ""), self.settings.csrf_token):
                    refusal = _secure(PlainTextResponse("Missing or wrong CSRF token.", status_code=403))
                request.state.form = form
            if refusal is not None:
                return refusal
            if "token" in request.query_params:  # first visit: keep the token in a cookie, drop it from the URL
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
                response.set_cookie(_cookie(request), self.settings.token, httponly=True, samesite="strict")
                return _secure(response)
            return _secure(await handler(request))

        return endpoint

    def _refusal(self, request):
        """A 4xx response when the request lacks the token or names another host, else None."""
        hosts = self.settings.allowed_hosts
        if hosts and request.headers.get("host", "") not in hosts:
            return _secure(PlainTextResponse("Unknown Host header.", status_code=421))
        given = request.query_params.get("token") or request.cookies.get(_cookie(request), "")
        if not hmac.compare_digest(given, self.settings.token):
            return _secure(PlainTextResponse("Open the address printed by 'crimerec review' (it holds the access "
                                             "token).", status_code=403))
        return None

    # ---- pages ------------------------------------------------------------------------------

    async def static(self, request):
        """The page's own script and style sheet (packaged files; nothing external)."""
        name = request.path_params["name"]
        if name not in _STATIC:
            return PlainTextResponse("Not found.", status_code=404)
        body = resources.files("training.review").joinpath("static", name).read_bytes()
        return Response(body, media_type=_STATIC[name])

    async def page(self, request):
        """The next undecided log of the filtered queue (or the log named by ``id``)."""
        filters = {name: request.query_params.get(name, "") for name in FILTERS}
        queue = self.settings.queue
        with open_label_store(self.settings.store) as store:
            decided, eligible = self._decided_and_eligible(store)
        items = [item for item in queue.select(filters) if eligible is None or item["incident_id"] in eligible]
        wanted = request.query_params.get("id", "")
        current = queue.by_id.get(wanted) if wanted in {item["incident_id"] for item in items} else None
        current = current or next((item for item in items if item["incident_id"] not in decided), None)
        done = sum(item["incident_id"] in decided for item in items)
        message, self.message = self.message, None
        return HTMLResponse(self.template.render(
            log=self._view(current), filters=filters, choices=queue.filter_choices(), done=done,
            total=len(items), queue=queue, reviewer=self.settings.reviewer, second=self.settings.second_reviewer,
            csrf=self.settings.csrf_token, message=message, groups=_CRIME_GROUPS, reasons=REASONS,
            filter_query=urlencode({k: v for k, v in filters.items() if v})))

    def _decided_and_eligible(self, store):
        """Ids decided in this mode and round, and (second reviewer) the ids another reviewer decided."""
        source, round_ = self.settings.queue.label_source, self.settings.round
        decided = decided_ids(store, label_source=source, round=round_)
        if round_ == 1:
            return decided, None
        first = first_decisions(store, label_source=source)
        return decided, {i for i, reviewer in first.items() if reviewer != self.settings.reviewer}

    def _view(self, item):
        """What the template shows of one log (None when the queue is done)."""
        if item is None:
            return None
        audit = self.settings.queue.random_audit
        narrative, closing = highlighted_texts(item["narrative"], item["closing_comment"], item.get("evidence", ""),
                                               with_evidence=not audit)
        guess = item.get("predicted_category", "")
        return {**item, "narrative_html": narrative, "closing_html": closing,
                "hint": primer_hint(item["narrative"], item["closing_comment"]),
                "group_default": "" if audit or guess == NO_CRIME else guess,
                "da_default": False if audit else bool(item.get("domestic_abuse_flag"))}

    # ---- actions ----------------------------------------------------------------------------

    async def decide(self, request):
        """Record one decision (one transaction), then show the next log."""
        form = request.state.form
        filters = {name: form.get(name, "") for name in FILTERS}
        item = self.settings.queue.by_id.get(form.get("incident_id", ""))
        if item is None:
            return _secure(PlainTextResponse("That log is not in this queue.", status_code=400))
        decision = self._decision(item, form)
        if isinstance(decision, str):
            self.message = ("error", decision)
            return _redirect({**filters, "id": item["incident_id"]})
        try:
            with open_label_store(self.settings.store) as store:
                outcome = record_decision(store, item, decision)
        except ClassifierError as error:
            self.message = ("error", str(error))
            return _redirect({**filters, "id": item["incident_id"]})
        self.message = _describe(item["incident_id"], decision, outcome)
        return _redirect(filters)

    def _decision(self, item, form):
        """A ReviewDecision from the posted form, or a message saying what is missing."""
        choice = form.get("decision", "")
        if choice not in ("yes", "no", "unsure"):
            return "Choose yes, no or unsure (keys Y, N, U) before saving."
        group = form.get("hocr_category", "")
        if choice == "yes" and group not in _CRIME_GROUPS:
            return "A crime needs its HOCR group: choose one (keys 1-9 and 0) before saving."
        reason = form.get("reason", "")
        return ReviewDecision(
            incident_id=item["incident_id"], decision=choice, reviewer=self.settings.reviewer,
            hocr_category=group if choice == "yes" else "",
            domestic_abuse={"yes": True, "no": False}.get(form.get("domestic_abuse", "no")),
            reason=dict(REASONS).get(reason, ""), note=form.get("note", "").strip()[:2000],
            label_source=self.settings.queue.label_source, round=self.settings.round,
            inclusion_probability=item.get("inclusion_probability"), queue_source=self.settings.queue.source)

    async def undo(self, request):
        """Withdraw this reviewer's last decision and show that log again."""
        form = request.state.form
        filters = {name: form.get(name, "") for name in FILTERS}
        try:
            with open_label_store(self.settings.store) as store:
                undone = undo_last_decision(store, reviewer=self.settings.reviewer,
                                            label_source=self.settings.queue.label_source, round=self.settings.round)
        except ClassifierError as error:
            self.message = ("error", str(error))
            return _redirect(filters)
        if undone is None:
            self.message = ("info", "Nothing to undo.")
            return _redirect(filters)
        self.message = ("info", f"Undid the decision on {undone}; decide it again.")
        return _redirect({**filters, "id": undone})


def _describe(incident_id, decision, outcome):
    """(kind, text) telling the reviewer what saving did, conflicts and agreement included."""
    text = f"Saved {incident_id}: {decision.decision}"
    text += f" ({decision.hocr_category})" if decision.hocr_category else ""
    kind = "ok"
    if outcome.decided_before:
        others = ", ".join(f"{who} said {what}" for who, what in outcome.decided_before)
        text += f". Already decided by another reviewer ({others})"
        kind = "conflict"
    if outcome.store_outcome == "conflict-kept":
        fields = ", ".join(f"{name} {stored} → {new}" for name, stored, new in outcome.conflicts)
        text += f". Conflict with the stored label ({fields}): recorded as a conflict, stored label kept"
        kind = "conflict"
    if outcome.agrees is not None:
        text += f". You {'agreed' if outcome.agrees else 'disagreed'} with the first reviewer " \
                f"({outcome.first_decision})"
    return kind, text + "."


async def _read_form(request):
    """The urlencoded form of a POST as {name: last value}, or None when it is not one (or too big)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return None
    body = await request.body()
    if len(body) > _MAX_BODY:
        return None
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=50)
    return {name: values[-1] for name, values in fields.items()}


def _cookie(request):
    """The token cookie's name: one per port, since browsers share cookies across the ports of a host
    (two reviewers' servers on one machine would otherwise log each other out)."""
    return f"{COOKIE}_{request.url.port or 80}"


def _redirect(params):
    """303 to the queue page with the given query parameters (empty ones dropped)."""
    query = urlencode({k: v for k, v in params.items() if v})
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=303)


def _secure(response):
    """Add the security headers to a response."""
    response.headers.update(_HEADERS)
    return response
