/* speclint HTML report: offline filters by family, severity and file, and opening or
   closing every finding at once. Without this script the filter panel stays hidden and
   every finding shows as its one-line summary, which opens on a click. Printing opens
   every finding (the stylesheet does it too, where the browser allows). */
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  var panel = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  if (!form || !panel || !status) {
    return;
  }
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group], [data-file-group]"));
  var select = document.getElementById("filter-file");
  var total = findings.length;

  function chosen(name) {
    var set = {};
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        set[boxes[i].value] = true;
      }
    }
    return set;
  }

  function bump(counts, key) {
    counts[key] = (counts[key] || 0) + 1;
  }

  function plural(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  function update() {
    var families = chosen("family");
    var severities = chosen("severity");
    var file = select ? select.value : "";
    var byFamily = {};
    var bySeverity = {};
    var byFile = {};
    var shown = 0;
    findings.forEach(function (item) {
      var okFamily = families[item.getAttribute("data-family")] === true;
      var okSeverity = severities[item.getAttribute("data-severity")] === true;
      var okFile = file === "" || file === item.getAttribute("data-file");
      // Each filter's counts show what that choice would give with the other filters as they are.
      if (okSeverity && okFile) { bump(byFamily, item.getAttribute("data-family")); }
      if (okFamily && okFile) { bump(bySeverity, item.getAttribute("data-severity")); }
      if (okFamily && okSeverity) { bump(byFile, item.getAttribute("data-file")); bump(byFile, ""); }
      var show = okFamily && okSeverity && okFile;
      item.hidden = !show;
      if (show) { shown += 1; }
    });
    groups.forEach(function (group) {
      var all = group.querySelectorAll("li.finding").length;
      var visible = group.querySelectorAll("li.finding:not([hidden])").length;
      group.hidden = visible === 0;
      var note = group.querySelector(".n-shown");
      if (note) {
        note.textContent = visible === all ? "" : ", " + visible + " shown";
        note.hidden = visible === all;
      }
    });
    var counters = form.querySelectorAll("[data-count]");
    for (var i = 0; i < counters.length; i++) {
      var parts = counters[i].getAttribute("data-count").split(":");
      var counts = parts[0] === "family" ? byFamily : bySeverity;
      counters[i].textContent = "(" + (counts[parts[1]] || 0) + ")";
    }
    if (select) {
      for (var j = 0; j < select.options.length; j++) {
        var option = select.options[j];
        option.textContent = option.getAttribute("data-label") + " (" + (byFile[option.value] || 0) + ")";
      }
    }
    status.textContent = "Showing " + shown + " of " + plural(total, "finding") + ".";
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var reset = document.getElementById("filter-reset");
  if (reset) {
    reset.addEventListener("click", function () {
      form.reset();
      update();
    });
  }
  var details = Array.prototype.slice.call(document.querySelectorAll("details.finding-details"));
  var expand = document.getElementById("expand-all");
  if (expand) {
    expand.addEventListener("click", function () {
      var open = expand.getAttribute("aria-pressed") !== "true";
      details.forEach(function (d) { d.open = open; });
      expand.setAttribute("aria-pressed", open ? "true" : "false");
      expand.textContent = open ? "Collapse all" : "Expand all";
    });
  }
  var wasOpen = [];
  window.addEventListener("beforeprint", function () {
    wasOpen = details.map(function (d) { return d.open; });
    details.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    details.forEach(function (d, i) { d.open = wasOpen[i] === true; });
  });
  panel.hidden = false;
  var links = document.querySelectorAll("nav .js-only");
  for (var k = 0; k < links.length; k++) {
    links[k].hidden = false;
  }
  update();
})();
