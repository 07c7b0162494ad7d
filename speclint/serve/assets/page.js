/* speclint serve: send the chosen files or folders, show the report, try a clause as you type.
   Loaded from /static/page.js; the page has no inline script (its policy forbids it). */
(function () {
  "use strict";

  var DEBOUNCE_MS = 400;

  var input = document.getElementById("choose-files");
  var folderInput = document.getElementById("choose-folder");
  var drop = document.getElementById("drop");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var progressText = document.getElementById("progress-text");
  var cancel = document.getElementById("cancel");
  var status = document.getElementById("status");
  var problem = document.getElementById("problem");
  var fileProblems = document.getElementById("file-problems");
  var fileProblemsList = document.getElementById("file-problems-list");
  var downloads = document.getElementById("downloads");
  var downloadsNote = document.getElementById("downloads-note");
  var reviewedList = document.getElementById("reviewed-list");
  var report = document.getElementById("report");
  var clause = document.getElementById("clause");
  var clauseStatus = document.getElementById("clause-status");
  var clauseFindings = document.getElementById("clause-findings");
  var busy = null;
  var ticking = null;
  var TITLE = document.title;

  function title(what) {
    // The tab says how a long check is going while the reader works in another one.
    document.title = what ? what + " · " + TITLE : TITLE;
  }

  function suffix(name) {
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot).toLowerCase() : "";
  }

  var READS = input.getAttribute("accept").split(",");
  var LISTED = (drop.getAttribute("data-listed") || "").split(",");

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

  // --- choosing files and folders ------------------------------------------------------

  // A file chosen on its own is always sent: the server says what to do with one it does
  // not read. From a folder, as on the command line, hidden files and Office lock files are
  // left out, a document speclint does not read is sent by name only (for the advice), and
  // anything else (pictures, archives) is left out and counted.
  function fromFolder(file, path, pack) {
    var parts = path.split("/");
    var hidden = parts.some(function (part) {
      return part.charAt(0) === "." || part.indexOf("~$") === 0;
    });
    var kind = suffix(file.name);
    if (!hidden && READS.indexOf(kind) >= 0) {
      pack.files.push({ file: file, name: path });
    } else if (!hidden && LISTED.indexOf(kind) >= 0) {
      pack.files.push({ file: new File([], file.name), name: path });
    } else {
      pack.leftOut += 1;
    }
  }

  function chosen(fileList) {
    var pack = { files: [], leftOut: 0 };
    Array.prototype.forEach.call(fileList, function (file) {
      if (file.webkitRelativePath) {
        fromFolder(file, file.webkitRelativePath, pack);
      } else {
        pack.files.push({ file: file, name: file.name });
      }
    });
    return pack;
  }

  function readFolder(entry, pack) {
    // A folder's entries come in batches: read until an empty one.
    return new Promise(function (resolve) {
      var reader = entry.createReader();
      var waiting = [];
      function next() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(waiting).then(resolve);
            return;
          }
          batch.forEach(function (child) { waiting.push(readEntry(child, pack)); });
          next();
        }, function () { Promise.all(waiting).then(resolve); });
      }
      next();
    });
  }

  function readEntry(entry, pack) {
    if (entry.isDirectory) {
      if (entry.name.charAt(0) === ".") { return Promise.resolve(); }
      return readFolder(entry, pack);
    }
    return new Promise(function (resolve) {
      entry.file(function (file) {
        fromFolder(file, entry.fullPath.replace(/^\//, ""), pack);
        resolve();
      }, function () { pack.leftOut += 1; resolve(); });
    });
  }

  function dropped(transfer) {
    // Folders dropped are read through their entries; a plain list of files otherwise.
    var entries = [];
    if (transfer.items) {
      Array.prototype.forEach.call(transfer.items, function (item) {
        var entry = item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
        if (entry) { entries.push(entry); }
      });
    }
    if (!entries.some(function (e) { return e.isDirectory; })) {
      return Promise.resolve(chosen(transfer.files));
    }
    var pack = { files: [], leftOut: 0 };
    return Promise.all(entries.map(function (entry) {
      if (entry.isDirectory) { return readFolder(entry, pack); }
      return new Promise(function (resolve) {
        entry.file(function (file) { pack.files.push({ file: file, name: file.name }); resolve(); },
          function () { resolve(); });
      });
    })).then(function () { return pack; });
  }

  // --- sending them ----------------------------------------------------------------------

  function finish(xhr) {
    if (busy !== xhr) { return false; }
    busy = null;
    title("");
    clearInterval(ticking);
    progress.hidden = true;
    report.removeAttribute("aria-busy");
    return true;
  }

  function failed(message) {
    status.textContent = "The check did not run. Your files are unchanged; choose them again to retry.";
    showProblem(message);
  }

  function check(pack) {
    problem.hidden = true;
    if (!pack.files.length) {
      status.textContent = pack.leftOut ?
        "No document to check: the " + plural(pack.leftOut, "file") + " chosen are not " +
        "Word, PDF, Markdown or text files." :
        "No file to check: choose Word, PDF, Markdown or text files.";
      return;
    }
    if (busy) { busy.abort(); }
    var form = new FormData();
    pack.files.forEach(function (item) { form.append("files", item.file, item.name); });
    var n = pack.files.length;
    var what = n === 1 ? pack.files[0].name : plural(n, "file");
    var xhr = new XMLHttpRequest();
    var started = Date.now();
    var read = 0;
    var seen = 0;
    var result = null;
    var lastDone = "";
    var waiting = pack.files.map(function (item) { return item.name; });
    var announced = Date.now();
    busy = xhr;
    xhr.open("POST", "/api/review");
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.responseType = "text";
    progress.hidden = false;
    bar.value = 0;
    progressText.textContent = "Sending " + what + "…";
    status.textContent = "Checking " + what + "…";
    report.setAttribute("aria-busy", "true");

    function seconds() {
      return Math.round((Date.now() - started) / 1000) + " s";
    }
    function reading() {
      var still = read && waiting.length && waiting.length <= 3 ?
        "; still reading " + waiting.join(", ") : "";
      title(read ? "Read " + read + " of " + n : "Checking…");
      progressText.textContent = (read ?
        "Read " + read + " of " + plural(n, "file") + " (" + seconds() + "); last done: " + lastDone + still :
        "Reading " + what + " (" + seconds() + ")") + ". Large PDFs can take a minute.";
    }
    function lines() {
      // Each complete line of the stream is one file done, then the answer.
      var text = xhr.responseText;
      var end = text.lastIndexOf("\n");
      if (end < seen) { return; }
      text.slice(seen, end).split("\n").forEach(function (line) {
        if (!line.trim()) { return; }
        var data;
        try { data = JSON.parse(line); } catch (e) { return; }
        if (data.result) {
          result = data.result;
        } else if (data.done) {
          read = data.checked;
          waiting = waiting.filter(function (name) { return name !== data.done; });
          lastDone = data.done + (data.error ? " (could not be read)" :
            " (" + plural(data.findings, "finding") + ")");
          if (read < n && Date.now() - announced > 10000) {
            // Now and then, for a screen reader: the live status says how far it has gone.
            announced = Date.now();
            status.textContent = "Checking " + what + ": " + read + " read so far…";
          }
          bar.value = Math.round((100 * data.checked) / Math.max(1, data.of));
          reading();
        } else if (data.error) {
          result = { error: data.error };
        }
      });
      seen = end + 1;
    }

    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        bar.value = Math.round((100 * event.loaded) / event.total);
        progressText.textContent = "Sending " + what + ": " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.value = 0;
      reading();
      ticking = setInterval(reading, 1000);
    });
    xhr.addEventListener("progress", lines);
    xhr.addEventListener("load", function () {
      if (!finish(xhr)) { return; }
      if (xhr.status !== 200) {
        failed(errorText(xhr.responseText) +
          (xhr.status === 413 ? ". Choose fewer files at a time." : ""));
        return;
      }
      var kind = xhr.getResponseHeader("Content-Type") || "";
      if (kind.indexOf("ndjson") < 0) {
        try { result = JSON.parse(xhr.responseText); } catch (e) { result = null; }
      } else {
        lines();
      }
      if (!result || result.error) {
        failed(result && result.error ? result.error :
          "The answer from the server was cut short; choose the files again to retry.");
        return;
      }
      show(result, pack.leftOut);
    });
    xhr.addEventListener("error", function () {
      if (!finish(xhr)) { return; }
      failed("The connection to the speclint server was lost" +
        (read ? " after " + read + " of " + plural(n, "file") + " had been read" : "") +
        ". Check that the server is still running (the window where you typed speclint serve).");
    });
    xhr.addEventListener("abort", function () {
      if (!finish(xhr)) { return; }
      status.textContent = "Check stopped. Nothing was changed; choose the files again to check them.";
    });
    xhr.send(form);
  }

  function problemItem(path, reason) {
    // One line a file, as the server words it: "scan.pdf has no text layer: ...".
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "path";
    name.textContent = path;
    li.append(name, (/^(is|has|was|needs|looks|could|cannot) /.test(reason) ? " " : ": ") + reason);
    fileProblemsList.appendChild(li);
  }

  function show(data, leftOut) {
    var json = data.report;
    var findings = allFindings(json);
    var linted = json.files.length;
    var unread = json.errors.length;
    var skipped = json.skipped.length;
    var total = linted + unread + skipped;
    var sentence;
    if (!linted) {
      sentence = "No document was checked.";
    } else {
      sentence = "Checked " + (total > linted ? linted + " of " + plural(total, "file") : plural(linted, "file")) +
        ": " + (findings.length ? plural(findings.length, "finding") + " (" + counts(findings) + ")." :
        "no findings. Nothing in " + (linted === 1 ? "it" : "them") + " matched a rule; " +
        "the scorecard below lists each Box 3 principle and the rules that checked it.");
    }
    var missed = [];
    if (unread) { missed.push(plural(unread, "file") + " could not be read"); }
    if (skipped) { missed.push(plural(skipped, "document") + " not checked (a format speclint does not read)"); }
    if (missed.length) {
      sentence += " " + missed.join(" and ") + ": each is listed below with what to do.";
    }
    if (leftOut) {
      sentence += " " + plural(leftOut, "other file") + " in the folder " +
        (leftOut === 1 ? "was" : "were") + " left out (not documents).";
    }
    if (findings.length) { sentence += " The report is below."; }
    title(linted ? plural(findings.length, "finding") + " in " + plural(linted, "file") : "");
    status.textContent = sentence;
    fileProblemsList.textContent = "";
    json.errors.forEach(function (e) { problemItem(e.path, e.message); });
    json.skipped.forEach(function (s) { problemItem(s.path, s.reason); });
    fileProblems.hidden = !(unread || skipped);
    // The HTML report's own sections, rendered by the server (escaped there).
    report.innerHTML = data.html;
    rerunFilters();
    reviewedList.textContent = "";
    data.downloads.reviewed.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var folder = item.path.lastIndexOf("/");
      a.href = item.url;
      a.setAttribute("download", item.name);
      a.textContent = "Reviewed copy: " + (folder > 0 ? item.path.slice(0, folder + 1) : "") + item.name;
      li.appendChild(a);
      li.appendChild(document.createTextNode(item.comments ?
        " (Word, " + plural(item.comments, "comment") + ")" : " (Word, no findings, so no comments)"));
      reviewedList.appendChild(li);
    });
    var noCopy = json.files.filter(function (f) { return /\.(docm|dotx|dotm)$/i.test(f.path); });
    if (noCopy.length) {
      var note = document.createElement("li");
      note.className = "note";
      note.textContent = "No reviewed copy of " + noCopy.map(function (f) { return f.path; }).join(", ") +
        ": a reviewed copy is a .docx, so save " + (noCopy.length === 1 ? "it" : "them") +
        " as a Word Document (.docx) first for one.";
      reviewedList.appendChild(note);
    }
    if (data.downloads.reviewed.length > 1 && data.downloads.reviewed_zip) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = data.downloads.reviewed_zip;
      a.setAttribute("download", "speclint-reviewed.zip");
      a.textContent = "All " + data.downloads.reviewed.length + " reviewed copies (zip)";
      li.appendChild(a);
      reviewedList.appendChild(li);
    }
    reviewedList.hidden = reviewedList.children.length === 0;
    ["html", "json", "sarif"].forEach(function (fmt) {
      document.getElementById("download-" + fmt).href = data.downloads[fmt];
    });
    downloadsNote.textContent = "Each reviewed copy is a new file: your own file is never changed. " +
      "The reports cover every file checked. The server keeps these downloads for " +
      plural(data.downloads.keep_minutes || 30, "minute") + "; after that, check the files again.";
    downloads.hidden = !linted;
  }

  // A download is fetched first, so that a copy that cannot be made, or results the server
  // no longer keeps, are said in words on the page instead of a failed download.
  var downloadProblem = document.getElementById("download-problem");

  function download(event) {
    var link = event.target.closest("a[download]");
    if (!link || link.getAttribute("href") === "#") { return; }
    event.preventDefault();
    var name = link.getAttribute("download");
    downloadProblem.hidden = true;
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (body) { throw new Error(errorText(body)); });
      }
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var save = document.createElement("a");
      save.href = url;
      save.download = name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }).catch(function (error) {
      var why = error && error.message && error.message !== "Failed to fetch" ? error.message :
        "could not reach the speclint server: is it still running?";
      downloadProblem.textContent = "Could not download " + name + ": " + why;
      downloadProblem.hidden = false;
    }).then(function () {
      link.removeAttribute("aria-busy");
    });
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
    if (input.files && input.files.length) { check(chosen(input.files)); }
    input.value = ""; // choosing the same files again checks them again
  });
  folderInput.addEventListener("change", function () {
    if (folderInput.files && folderInput.files.length) { check(chosen(folderInput.files)); }
    folderInput.value = "";
  });
  downloads.addEventListener("click", download);
  // The file inputs are hidden: their own buttons say "Choose Files" whatever they choose.
  var chooseFiles = document.getElementById("choose-files-button");
  chooseFiles.addEventListener("click", function () { input.click(); });
  document.getElementById("choose-folder-button").addEventListener("click", function () {
    folderInput.click();
  });
  cancel.addEventListener("click", function () {
    if (busy) { busy.abort(); }
    chooseFiles.focus(); // the button is hidden now: focus goes back to where a new check starts
  });
  // Files or folders dropped anywhere on the page are checked (dropped on the box, it lights
  // up); only the clause box takes a drop of its own, of text. Left to the browser, a
  // dropped file would replace the page and its results.
  function forClause(event) {
    return event.target === clause;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (forClause(event)) { return; }
      event.preventDefault();
      drop.classList.toggle("dragging", drop.contains(event.target));
    });
  });
  document.addEventListener("dragleave", function (event) {
    if (event.target === drop) { drop.classList.remove("dragging"); }
  });
  document.addEventListener("drop", function (event) {
    if (forClause(event)) { return; }
    event.preventDefault();
    drop.classList.remove("dragging");
    if (event.dataTransfer) { dropped(event.dataTransfer).then(check); }
  });

  // --- a clause as you type --------------------------------------------------------------

  var timer = null;
  var pending = null;

  // The places folded into a finding (its other rows, list items or paragraphs of its
  // section), as the text report says them (speclint.models.places_said): "rows at lines
  // 8-9", "at page 2 lines 18, 20", "at clauses 2.1(b), 2.1(c)" (none: an empty list).
  function placesSaid(places, own) {
    if (!places || !places.length) { return []; }
    var known = function (v) { return v !== null && v !== undefined; };
    var rows = places.every(function (p) { return p.table; });
    var numbered = places.filter(function (p) { return !known(p.line) && known(p.paragraph); })
      .map(function (p) { return p.clause; });
    var byClause = numbered.every(function (c) { return c; }) &&
      numbered.filter(function (c, i) { return numbered.indexOf(c) === i; }).length === numbered.length &&
      !(own && numbered.indexOf(own.clause) >= 0);
    var pages = [], pageLines = {}, paragraphs = [], clauses = [], cells = [], cellRows = {}, unplaced = 0;
    places.forEach(function (p) {
      if (known(p.line)) {
        var key = known(p.page) ? p.page : "";
        if (!(key in pageLines)) { pages.push(key); pageLines[key] = []; }
        pageLines[key].push(p.line);
      } else if (known(p.paragraph) && p.clause && byClause) {
        clauses.push(p.clause);
      } else if (known(p.paragraph)) {
        paragraphs.push(p.paragraph);
      } else if (p.table) {
        if (!(p.table.index in cellRows)) { cells.push(p.table.index); cellRows[p.table.index] = []; }
        cellRows[p.table.index].push(p.table.row);
      } else if (known(p.page)) {
        if (!(p.page in pageLines)) { pages.push(p.page); pageLines[p.page] = []; }
      } else {
        unplaced += 1;
      }
    });
    var distinct = function (xs) { return xs.filter(function (x, i) { return xs.indexOf(x) === i; }).length; };
    var parts = [];
    pages.forEach(function (page) {
      var lines = pageLines[page];
      var said = lines.length ? (distinct(lines) === 1 ? "line " : "lines ") + runs(lines) : "";
      parts.push(page !== "" ? ("page " + page + " " + said).trim() : said);
    });
    if (clauses.length) { parts.push((clauses.length === 1 ? "clause " : "clauses ") + clauses.join(", ")); }
    if (paragraphs.length) {
      parts.push((distinct(paragraphs) === 1 ? "paragraph " : "paragraphs ") + runs(paragraphs));
    }
    cells.forEach(function (table) {
      var numbers = cellRows[table];
      parts.push((distinct(numbers) === 1 ? "row " : "rows ") + runs(numbers) + " of table " + table);
    });
    if (unplaced) { parts.push(unplaced + " other place" + (unplaced > 1 ? "s" : "")); }
    if (rows && !pages.length && !paragraphs.length && !clauses.length && !unplaced) {
      return [parts.join(" and ")];
    }
    return [(rows ? "rows at " : "at ") + parts.join(" and ")];
  }

  function runs(numbers) {
    var sorted = numbers.slice().sort(function (a, b) { return a - b; });
    var out = [];
    sorted.forEach(function (n) {
      var last = out[out.length - 1];
      if (last && n === last[1]) { return; }
      if (last && n === last[1] + 1) { last[1] = n; } else { out.push([n, n]); }
    });
    return out.map(function (r) { return r[0] === r[1] ? "" + r[0] : r[0] + "-" + r[1]; }).join(", ");
  }

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
    var folded = (f.related && f.related.length ? [f.related.join(", ")] : [])
      .concat(placesSaid(f.also_at, f.location));
    message.textContent = folded.length
      ? f.message + " (also " + folded.join("; ") + ")"
      : f.message;
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
