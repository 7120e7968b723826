"""Label Studio's JSON task format, both ways, for a force that already runs Label Studio.

``queue_to_tasks`` turns a review queue into tasks (masked log text, the model's view unless it is a
random audit, and any decisions already stored as annotations); ``LABEL_CONFIG`` is the labelling
interface those tasks expect; ``import_label_studio`` reads Label Studio's JSON export back and records
each annotation as a decision, under the store's usual rules. Nothing here talks to a Label Studio
server: files only.
"""

import json
from pathlib import Path

from classifier import HOCR_GROUPS, NO_CRIME, InputFileError, SchemaError
from training.audit.reviews import DECISIONS, ReviewDecision, read_reviews, record_decision
from training.review.display import REASONS, mask_in_case, primer_hint

__all__ = ["LABEL_CONFIG", "queue_to_tasks", "write_label_studio_tasks", "import_label_studio"]


def _choices(name, values, *, required=False):
    """One ``<Choices>`` block of the labelling config."""
    options = "".join(f'<Choice value="{value}"/>' for value in values)
    extra = ' required="true"' if required else ""
    return f'  <Choices name="{name}" toName="text" choice="single"{extra}>{options}</Choices>\n'


LABEL_CONFIG = (
    "<View>\n"
    '  <Header value="Log $incident_id"/>\n'
    '  <Text name="text" value="$text"/>\n'
    '  <Header value="Closing comment" size="6"/>\n'
    '  <Text name="closing" value="$closing_comment"/>\n'
    '  <Header value="$hint" size="6"/>\n'
    + _choices("should_record", DECISIONS, required=True)
    + _choices("hocr_category", [group for group in HOCR_GROUPS if group != NO_CRIME])
    + _choices("domestic_abuse", ("yes", "no"))
    + _choices("reason", [text for _, text in REASONS])
    + '  <TextArea name="note" toName="text"/>\n'
    "</View>\n"
)


def queue_to_tasks(queue, *, store=None):
    """Label Studio tasks for every log of ``queue`` (decisions already in ``store`` as annotations).

    Text is masked as on the review page; a random-audit queue carries no model output.
    """
    stored = _stored_annotations(store, queue.label_source) if store is not None else {}
    tasks = []
    for number, item in enumerate(queue.items, start=1):
        data = {"incident_id": item["incident_id"], "text": mask_in_case(item["narrative"]),
                "closing_comment": mask_in_case(item["closing_comment"]), "area": item["area"],
                "reported_at": item["reported_at"], "opening_code": item["opening_code"],
                "closing_code": item["closing_code"],
                "force_decision": {True: "recorded", False: "not recorded"}.get(item["recorded"], "not known"),
                "hint": primer_hint(item["narrative"], item["closing_comment"]), "label_source": queue.label_source}
        if queue.random_audit:
            data["inclusion_probability"] = item["inclusion_probability"]
        else:
            data.update({name: item[name] for name in ("rank", "priority", "p_should_record", "predicted_category",
                                                        "contradiction_reason", "evidence")})
        task = {"id": number, "data": data}
        if item["incident_id"] in stored:
            task["annotations"] = stored[item["incident_id"]]
        tasks.append(task)
    return tasks


def _stored_annotations(store, label_source):
    """{incident_id: [annotation, ...]} of the live decisions in the store."""
    found = {}
    for row in read_reviews(store, label_source=label_source).itertuples():
        result = [_choice("should_record", row.decision)]
        if row.hocr_category and row.hocr_category != NO_CRIME:
            result.append(_choice("hocr_category", row.hocr_category))
        if row.domestic_abuse is not None and row.domestic_abuse == row.domestic_abuse:
            result.append(_choice("domestic_abuse", "yes" if row.domestic_abuse else "no"))
        if row.reason:
            result.append(_choice("reason", row.reason))
        if row.note:
            result.append({"from_name": "note", "to_name": "text", "type": "textarea", "value": {"text": [row.note]}})
        found.setdefault(row.incident_id, []).append(
            {"result": result, "completed_by": row.reviewer, "created_at": row.decided_at, "was_cancelled": False})
    return found


def _choice(name, value):
    """One Label Studio ``choices`` result."""
    return {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}}


def write_label_studio_tasks(queue, path, *, store=None):
    """Write ``queue_to_tasks`` to ``path`` (JSON) and the labelling config beside it (``.xml``).

    Returns
    -------
    (int, pathlib.Path)
        The number of tasks and the path of the labelling config.
    """
    path = Path(path)
    tasks = queue_to_tasks(queue, store=store)
    path.write_text(json.dumps(tasks, indent=1, ensure_ascii=False), encoding="utf-8")
    config = path.with_suffix(".xml")
    config.write_text(LABEL_CONFIG, encoding="utf-8")
    return len(tasks), config


def import_label_studio(path, queue, store, *, reviewer=None):
    """Record the annotations of a Label Studio JSON export as decisions on ``queue``'s logs.

    Each task's latest annotation that was not cancelled is one decision (``round`` 1, the queue's
    label source); its reviewer is ``reviewer`` if given, else the annotation's ``completed_by``.
    The log text is taken from ``queue`` (the export holds only masked text), matched on
    ``data.incident_id``.

    Returns
    -------
    dict
        ``tasks``, ``imported``, ``conflicts`` (decisions that contradicted a stored label),
        ``not_in_queue`` (ids the queue does not hold), ``without_annotation``.
    """
    tasks = _read_tasks(path)
    counts = {"tasks": len(tasks), "imported": 0, "conflicts": 0, "not_in_queue": 0, "without_annotation": 0}
    for task in tasks:
        annotation = _latest_annotation(task)
        if annotation is None:
            counts["without_annotation"] += 1
            continue
        item = queue.by_id.get(str(task.get("data", {}).get("incident_id", "")))
        if item is None:
            counts["not_in_queue"] += 1
            continue
        decision = _decision(item, annotation, queue, reviewer, Path(path).name)
        outcome = record_decision(store, item, decision)
        counts["imported"] += 1
        counts["conflicts"] += outcome.store_outcome == "conflict-kept"
    return counts


def _read_tasks(path):
    """The list of tasks in a Label Studio JSON export."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{str(path)!r} does not exist. Export the project from Label Studio as JSON.")
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path.name} is not JSON: {error}. Export the project from Label Studio as JSON.") from None
    if not isinstance(tasks, list) or not all(isinstance(task, dict) for task in tasks):
        raise SchemaError(f"{path.name} is not a Label Studio JSON export (a list of tasks).")
    return tasks


def _latest_annotation(task):
    """The task's newest annotation that was not cancelled (None when there is none)."""
    kept = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    return max(kept, key=lambda a: str(a.get("created_at", "")), default=None)


def _decision(item, annotation, queue, reviewer, source):
    """A ReviewDecision from one Label Studio annotation."""
    values = {}
    for result in annotation.get("result") or []:
        value = result.get("value", {})
        picked = value.get("choices") or value.get("text") or [""]
        values[result.get("from_name", "")] = str(picked[0])
    decision = values.get("should_record", "")
    if decision not in DECISIONS:
        raise SchemaError(f"{source}: task {item['incident_id']} has should_record {decision!r}; expected one of "
                          f"{DECISIONS} (use the labelling config written by 'crimerec export-reviews').")
    who = annotation.get("completed_by")
    who = who.get("email", who.get("id")) if isinstance(who, dict) else who
    da = values.get("domestic_abuse", "")
    return ReviewDecision(
        incident_id=item["incident_id"], decision=decision, reviewer=str(reviewer or who or "label-studio"),
        hocr_category=values.get("hocr_category", "") if decision == "yes" else "",
        domestic_abuse={"yes": True, "no": False}.get(da), reason=values.get("reason", ""),
        note=values.get("note", ""), label_source=queue.label_source,
        inclusion_probability=item.get("inclusion_probability"), queue_source=source)
