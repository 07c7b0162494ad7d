/* speclint serve: send the chosen files, show the report, try a clause as you type.
   Loaded from /static/page.js; the page has no inline script (its policy forbids it). */
(function () {
  "use strict";

  var DEBOUNCE_MS = 400;

  var input = document.getElementById("choose-files");
  var drop = document.getElementById("drop");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var progressText = document.getElementById("progress-text");
  var status = document.getElementById("status");
  var problem = document.getElementById("problem");
  var downloads = document.getElementById("downloads");
  var reviewedList = document.getElementById("reviewed-list");
  var report = document.getElementById("report");
  var clause = document.getElementById("clause");
  var clauseStatus = document.getElementById("clause-status");
  var clauseFindings = document.getElementById("clause-findings");
  var busy = null;

  function plural(n, noun) {
    return n + " " + noun + (n === 1 ? "" : "s");
  }

  function counts(findings) {
    var by = { error: 0, warning: 0, info: 0 };
    findings.forEach(function (f) { by[f.severity] += 1; });
    var parts = [];
    if (by.error) { parts.push(plural(by.error, "error")); }
    if (by.warning) { parts.push(plural(by.warning, "warning")); }
    if (by.info) { parts.push(by.info + " info"); }
    return parts.join(", ");
  }

  function allFindings(json) {
    var out = [];
    json.files.forEach(function (file) { out = out.concat(file.findings); });
    return out;
  }

  function errorText(xhrOrText) {
    try {
      var data = JSON.parse(xhrOrText);
      if (data && data.error) { return data.error; }
    } catch (e) { /* not JSON */ }
    return "the server did not answer as expected";
  }

  function showProblem(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  // --- files ---------------------------------------------------------------------------

  function check(fileList) {
    // Every file goes to the server: it lists those it does not read, with how to convert them.
    var files = Array.prototype.slice.call(fileList);
    problem.hidden = true;
    if (!files.length) {
      status.textContent = "No file to check: choose Word, PDF, Markdown or text files.";
      return;
    }
    if (busy) { busy.abort(); }
    var form = new FormData();
    files.forEach(function (file) { form.append("files", file, file.name); });
    var what = files.length === 1 ? files[0].name : plural(files.length, "file");
    var xhr = new XMLHttpRequest();
    busy = xhr;
    xhr.open("POST", "/api/review");
    xhr.responseType = "text";
    progress.hidden = false;
    bar.value = 0;
    progressText.textContent = "Sending " + what + "…";
    status.textContent = "Checking " + what + "…";
    report.setAttribute("aria-busy", "true");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        bar.value = Math.round((100 * event.loaded) / event.total);
        progressText.textContent = "Sending " + what + ": " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value"); // indeterminate while the server reads the files
      progressText.textContent = "Checking " + what + "… large PDFs can take a minute.";
    });
    xhr.addEventListener("load", function () {
      if (busy !== xhr) { return; }
      busy = null;
      progress.hidden = true;
      report.removeAttribute("aria-busy");
      if (xhr.status !== 200) {
        status.textContent = "The check did not run.";
        showProblem(errorText(xhr.responseText));
        return;
      }
      show(JSON.parse(xhr.responseText));
    });
    xhr.addEventListener("error", function () {
      if (busy !== xhr) { return; }
      busy = null;
      progress.hidden = true;
      report.removeAttribute("aria-busy");
      status.textContent = "The check did not run.";
      showProblem("Could not reach the speclint server: is it still running?");
    });
    xhr.send(form);
  }

  function show(data) {
    var json = data.report;
    var findings = allFindings(json);
    var sentence = json.summary.files || !json.skipped.length ?
      "Checked " + plural(json.summary.files, "file") + ": " +
      (findings.length ? plural(findings.length, "finding") + " (" + counts(findings) + ")" : "no findings") + "." :
      "No document was checked.";
    if (json.errors.length) {
      sentence += " " + plural(json.errors.length, "file") + " could not be read.";
    }
    if (json.skipped.length) {
      sentence += " " + plural(json.skipped.length, "document") + " not checked.";
      showProblem(json.skipped.map(function (s) { return s.path + ": " + s.reason; }).join("\n"));
    }
    status.textContent = sentence + " The report is below.";
    // The HTML report's own sections, rendered by the server (escaped there).
    report.innerHTML = data.html;
    rerunFilters();
    reviewedList.textContent = "";
    data.downloads.reviewed.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.setAttribute("download", item.name);
      a.textContent = "Reviewed copy: " + item.name;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + plural(item.comments, "comment") + ")"));
      reviewedList.appendChild(li);
    });
    reviewedList.hidden = data.downloads.reviewed.length === 0;
    ["html", "json", "sarif"].forEach(function (fmt) {
      document.getElementById("download-" + fmt).href = data.downloads[fmt];
    });
    downloads.hidden = false;
  }

  function rerunFilters() {
    // report.js wires the filters of the report on the page when it runs: run it again.
    var old = document.getElementById("report-script");
    if (old) { old.parentNode.removeChild(old); }
    var script = document.createElement("script");
    script.id = "report-script";
    script.src = "/static/report.js";
    document.body.appendChild(script);
  }

  input.addEventListener("change", function () {
    if (input.files && input.files.length) { check(input.files); }
  });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (event) {
      event.preventDefault();
      drop.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function () { drop.classList.remove("dragging"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) { check(event.dataTransfer.files); }
  });

  // --- a clause as you type --------------------------------------------------------------

  var timer = null;
  var pending = null;

  function finding(f) {
    var li = document.createElement("li");
    li.className = "finding sev-" + f.severity;
    var title = document.createElement("h3");
    title.className = "finding-title";
    var badge = document.createElement("span");
    badge.className = "badge sev-" + f.severity;
    badge.textContent = f.severity.charAt(0).toUpperCase() + f.severity.slice(1);
    var code = document.createElement("code");
    code.textContent = f.code;
    var name = document.createElement("span");
    name.className = "rule-name";
    name.textContent = f.name;
    title.append(badge, " ", code, " ", name);
    li.appendChild(title);
    var message = document.createElement("p");
    message.className = "message";
    message.textContent = f.message;
    li.appendChild(message);
    if (f.excerpt) {
      var quote = document.createElement("blockquote");
      quote.className = "excerpt";
      var p = document.createElement("p");
      var done = 0;
      f.highlights.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (span) {
        if (span[0] >= done && span[1] > span[0] && span[1] <= f.excerpt.length) {
          p.append(f.excerpt.slice(done, span[0]));
          var mark = document.createElement("mark");
          mark.textContent = f.excerpt.slice(span[0], span[1]);
          p.appendChild(mark);
          done = span[1];
        }
      });
      p.append(f.excerpt.slice(done));
      quote.appendChild(p);
      li.appendChild(quote);
    }
    var advice = document.createElement("dl");
    advice.className = "advice";
    var dt = document.createElement("dt");
    dt.textContent = "Better";
    var dd = document.createElement("dd");
    dd.textContent = f.suggestion;
    advice.append(dt, dd);
    li.appendChild(advice);
    return li;
  }

  function checkClause() {
    var text = clause.value;
    if (pending) { pending.abort(); }
    if (!text.trim()) {
      clauseFindings.textContent = "";
      clauseStatus.textContent = "Nothing checked yet.";
      clauseStatus.classList.remove("clean");
      return;
    }
    var controller = new AbortController();
    pending = controller;
    fetch("/api/text", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text }),
      signal: controller.signal,
      credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (body) {
        if (pending !== controller) { return; }
        pending = null;
        if (!response.ok) {
          clauseStatus.textContent = "Not checked: " + errorText(body);
          return;
        }
        var json = JSON.parse(body);
        var findings = allFindings(json);
        clauseFindings.textContent = "";
        findings.forEach(function (f) { clauseFindings.appendChild(finding(f)); });
        if (findings.length) {
          clauseStatus.textContent = plural(findings.length, "finding") + " (" + counts(findings) + ").";
          clauseStatus.classList.remove("clean");
        } else {
          clauseStatus.textContent = "No findings: this clause is clean.";
          clauseStatus.classList.add("clean");
        }
      });
    }).catch(function (error) {
      if (error && error.name === "AbortError") { return; }
      clauseStatus.textContent = "Not checked: could not reach the speclint server.";
    });
  }

  clause.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(checkClause, DEBOUNCE_MS);
  });
})();
