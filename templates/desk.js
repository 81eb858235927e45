/* attrib review desk (attrib serve): served as /static/desk.js. Optional: the form
   works without it. It lets a file be dropped on the drop box, keeps the pasted
   text and a chosen file from being sent together, and says when an audit is running. */
(function () {
  "use strict";
  var form = document.getElementById("audit-form");
  if (!form) return;
  var text = document.getElementById("text");
  var file = document.getElementById("file");
  var drop = document.getElementById("drop");
  var chosen = document.getElementById("file-chosen");
  var clear = document.getElementById("file-clear");
  var busy = document.getElementById("busy");
  var submit = document.getElementById("submit");

  // A chosen file is what gets audited: the textarea is disabled (and so not sent) meanwhile.
  function showFile() {
    var picked = file.files && file.files.length ? file.files[0] : null;
    chosen.hidden = clear.hidden = !picked;
    chosen.textContent = picked ? "File: " + picked.name + " (" + picked.size + " bytes); the pasted text is set aside." : "";
    text.disabled = !!picked;
  }
  file.addEventListener("change", showFile);
  clear.addEventListener("click", function () {
    file.value = "";
    showFile();
  });

  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) {
      event.preventDefault();
      drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) return;
    var kept = new DataTransfer();
    kept.items.add(files[0]);
    file.files = kept.files;
    showFile();
  });

  form.addEventListener("submit", function () {
    submit.disabled = true;
    busy.textContent = "Auditing\u2026";
  });
  // Back from the report: the page may come from the cache with the button still disabled.
  window.addEventListener("pageshow", function () {
    submit.disabled = false;
    busy.textContent = "";
    showFile();
  });
  showFile();
})();
