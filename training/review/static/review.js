// Keyboard shortcuts for the crimerec review page. No build step, no external code: the page works
// without this file (mouse and Tab), it only adds keys. See docs/REVIEW.md for the key map.
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function choose(value) {
    var radio = byId("decision-" + value);
    if (!radio) { return; }
    radio.checked = true;
    var group = byId("group");
    if (value === "no" && group) { group.value = ""; }
  }

  function pickGroup(digit) {
    var group = byId("group");
    var index = digit === 0 ? 10 : digit;  // options: 0 is "(choose)", then 1..10
    if (group && index < group.options.length) { group.selectedIndex = index; choose("yes"); }
  }

  function cycleReason(step) {
    var reason = byId("reason");
    if (!reason) { return; }
    var n = reason.options.length;
    reason.selectedIndex = (reason.selectedIndex + step + n) % n;
  }

  function submit(form) {
    if (!form) { return; }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT" && target.type === "text" || tag === "SELECT") {
      if (event.key === "Escape") { target.blur(); event.preventDefault(); }
      if (tag === "TEXTAREA" && event.key === "Enter" && (event.ctrlKey || event.metaKey)) { submit(byId("decide")); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key;
    var handled = true;
    if (key === "y" || key === "Y") { choose("yes"); }
    else if (key === "n" || key === "N") { choose("no"); }
    else if (key === "u" || key === "U") { choose("unsure"); }
    else if (/^[0-9]$/.test(key)) { pickGroup(parseInt(key, 10)); }
    else if (key === "d" || key === "D") { var da = byId("da"); if (da) { da.checked = !da.checked; } }
    else if (key === "r") { cycleReason(1); }
    else if (key === "R") { cycleReason(-1); }
    else if (key === "c" || key === "C") { var note = byId("note"); if (note) { note.focus(); } }
    else if (key === "Enter") { submit(byId("decide")); }
    else if (key === "z" || key === "Z") { submit(byId("undo")); }
    else if (key === "f" || key === "F") { var first = document.querySelector("#filters select"); if (first) { first.focus(); } }
    else { handled = false; }
    if (handled) { event.preventDefault(); }
  });
}());
