/* attrib report script: inlined into the page at render time. Everything it
   adds is optional: the report is complete without it (filters are CSS).
   It adds j/k navigation between flagged sentences, a live "showing N of M"
   count, sortable tables, copying the embedded JSON, opening a why panel
   that a link points to, and opening every panel for printing. */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  var status = doc.getElementById("js-status");
  function announce(message) {
    if (status) status.textContent = message;
  }

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  // Filters: the CSS does the hiding; the script keeps the count in words.
  var filterStatus = doc.getElementById("filter-status");
  function updateCount() {
    if (!filterStatus) return;
    var sentences = doc.querySelectorAll(".article .sent");
    var n = 0;
    for (var i = 0; i < sentences.length; i++) if (shown(sentences[i])) n++;
    filterStatus.querySelector(".shown-n").textContent = String(n);
  }
  var filters = doc.getElementById("filters");
  if (filters) {
    filters.addEventListener("change", updateCount);
    // "reset" fires before the boxes are cleared.
    filters.addEventListener("reset", function () { window.setTimeout(updateCount, 0); });
    updateCount();
  }

  // j / k: next / previous flagged sentence among those shown; o: its why panel.
  function flagged() {
    return Array.prototype.filter.call(doc.querySelectorAll(".article .sent.flagged"), shown);
  }
  function go(step) {
    var list = flagged();
    if (!list.length) {
      announce("No flagged sentence is shown.");
      return;
    }
    var at = list.indexOf(doc.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step;
    if (next < 0 || next >= list.length) {
      announce(step > 0 ? "That was the last flagged sentence." : "That was the first flagged sentence.");
      return;
    }
    var target = list[next];
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
    announce("Flagged sentence " + (next + 1) + " of " + list.length + " (" + target.id + ").");
  }
  function togglePanel() {
    var active = doc.activeElement;
    if (!active || !active.classList || !active.classList.contains("sent")) return;
    var panel = doc.getElementById("why-" + active.id);
    if (panel) panel.open = !panel.open;
  }
  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|reset|submit)$/.test(target.type);
  }
  doc.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "j") go(1);
    else if (event.key === "k") go(-1);
    else if (event.key === "o") togglePanel();
    else return;
    event.preventDefault();
  });
  var keys = doc.getElementById("keys");
  if (keys && doc.querySelector(".article .sent.flagged")) keys.hidden = false;

  // A link to a why panel opens it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && doc.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Printing opens every panel; afterwards the closed ones close again.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    var closed = doc.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].open = true;
      reopened.push(closed[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    while (reopened.length) reopened.pop().open = false;
  });

  // Sortable tables: each column heading becomes a button.
  function sortKey(cell) {
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.trim();
  }
  function sortTable(table, column, heading) {
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    var headings = table.tHead.rows[0].cells;
    for (var i = 0; i < headings.length; i++) headings[i].removeAttribute("aria-sort");
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var numeric = rows.every(function (row) {
      var key = sortKey(row.cells[column]);
      return key !== "" && !isNaN(Number(key));
    });
    rows.sort(function (a, b) {
      var x = sortKey(a.cells[column]);
      var y = sortKey(b.cells[column]);
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    announce("Sorted by " + heading.textContent.trim() + ", " + (ascending ? "ascending" : "descending") + ".");
  }
  Array.prototype.forEach.call(doc.querySelectorAll("table.sortable"), function (table) {
    if (!table.tHead || !table.tBodies.length || table.tBodies[0].rows.length < 2) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, column, heading); });
    });
  });

  // Copy buttons: the embedded audit JSON, and the questions for the reporter as plain text.
  function copyButton(source, className, label, done, place) {
    if (!source || !navigator.clipboard) return;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "tool " + className;
    button.textContent = label;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () { announce(done); },
        function () { announce("Could not copy: the browser refused clipboard access."); }
      );
    });
    place(button);
  }
  var jsonTools = doc.getElementById("json-tools");
  copyButton(doc.getElementById("attrib-data"), "copy-json", "Copy audit JSON", "Audit JSON copied.", function (button) {
    if (!jsonTools) return;
    jsonTools.appendChild(doc.createTextNode(" "));
    jsonTools.appendChild(button);
  });
  var questions = doc.getElementById("questions-text");
  copyButton(questions, "copy-questions", "Copy the questions", "Questions copied.", function (button) {
    var details = questions.parentNode;
    details.parentNode.insertBefore(button, details);
  });
})();
