// The home page: today's reviews on the Review start, and the reader's progress
// (reviewed marks, streak) with the export and import of everything remembered.
// Until anything is marked, the panel offers only the import (a new device).
(function (S) {
  "use strict";

  var C = S.cards;
  var SCHEMA = 2;  // the marks file's version: 1 held marks only, 2 adds review cards
  // An import larger than this is not an export of this guide (every question
  // marked and scheduled is some hundred kilobytes); refusing it keeps the page
  // from freezing on it.
  var IMPORT_BYTES = 5 * 1024 * 1024;
  var IMPORT_IDS = 50000;

  S.apps.home = function (panel) {
    var total = S.unique(Array.from(document.querySelectorAll(".guide-progress")).reduce(function (all, box) {
      return all.concat((box.getAttribute("data-questions") || "").split(" "));
    }, []));
    var count = S.el("p", { class: "home-progress__count", "aria-live": "polite" });
    var status = S.el("p", { class: "guide-status", role: "status" });
    var file = S.el("input", { type: "file", accept: ".json,application/json", hidden: "hidden", "aria-label": "Progress file to import" });
    var exportButton = S.button("Export progress", "export", { class: "guide-button" });
    var importButton = S.button("Import progress…", "import", { class: "guide-button" });
    panel.appendChild(count);
    panel.appendChild(S.el("div", { class: "guide-actions" }, [exportButton, importButton, file]));
    panel.appendChild(status);
    var guide = null;

    function draw() {
      var done = total.filter(S.isReviewed).length;
      var marked = S.reviewedIds().length + C.cardIds().length > 0;
      var streak = C.streak();
      count.hidden = exportButton.hidden = !marked;
      importButton.textContent = marked ? "Import progress…" : "On a new device? Import your progress…";
      importButton.classList.toggle("guide-link-button", !marked);
      count.textContent = S.number(done) + " of " + S.number(total.length) + " questions reviewed" +
        (streak.days ? " · " + S.plural(streak.days, "day") + " in a row" + (streak.today ? "" : " (review today to keep it)") : "") + ".";
      drawDue(marked);
    }

    // "Review · 5 due today" once there is something to review. Counting needs the
    // guide (a merged or removed question counts as what it is now), fetched only then.
    function drawDue(marked) {
      var start = document.querySelector(".home-start--review");
      if (!start || !marked) return;
      (guide ? Promise.resolve(guide) : S.loadGuide()).then(function (loaded) {
        guide = loaded;
        var work = C.today(C.deck(guide), Date.now(), true);
        var due = work.due.length + work.fresh.length + work.later.length;
        var label = start.querySelector(".home-start__count") || start.appendChild(S.el("span", { class: "home-start__count" }));
        label.textContent = due ? " · " + S.number(due) + " due today" : " · nothing due today";
      }, function () {});
    }

    S.onRefresh(draw);
    draw();

    panel.addEventListener("click", function (event) {
      var action = event.target.closest("button") && event.target.closest("button").getAttribute("data-action");
      if (action === "export") {
        var data = Object.assign({ schema: SCHEMA, reviewed: S.reviewedIds() }, C.exported(), { exported: new Date().toISOString() });
        var blob = new Blob([JSON.stringify(data, null, 1) + "\n"], { type: "application/json" });
        var url = URL.createObjectURL(blob);
        S.el("a", { href: url, download: "studyguide-progress-" + data.exported.slice(0, 10) + ".json" }).click();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        status.textContent = "Exported " + S.plural(data.reviewed.length, "mark") + " and " +
          S.plural(Object.keys(data.cards).length, "review card") + ".";
      } else if (action === "import") {
        file.click();
      }
    });

    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      file.value = "";
      if (!chosen) return;
      if (chosen.size > IMPORT_BYTES) {
        status.textContent = "That file is larger than 5 MB, too large to be an export of your progress; nothing was changed.";
        return;
      }
      chosen.text().then(function (text) {
        var data = JSON.parse(text);
        if (!data || (data.schema !== 1 && data.schema !== SCHEMA) || !Array.isArray(data.reviewed)) throw new Error("not an export");
        return data;
      }).then(importProgress, function () {
        status.textContent = "That file is not an export of your progress; nothing was changed.";
      });
    });

    // All or nothing: a file with anything malformed is refused whole, and when the
    // storage fills up part way, what this import wrote is taken back, so what the
    // reader is told is what is stored.
    function importProgress(data) {
      if (data.reviewed.length > IMPORT_IDS) {
        status.textContent = "That file lists " + S.number(data.reviewed.length) + " marks, more than the " +
          S.number(IMPORT_IDS) + " an import takes; nothing was changed.";
        return;
      }
      var problem = data.schema === 1 ? "" : C.problem(data, IMPORT_IDS);
      if (data.schema === SCHEMA && data.cards === undefined) problem = "it has no review schedule";
      if (problem) {
        status.textContent = "That file cannot be imported: " + problem + "; nothing was changed.";
        return;
      }
      var ids = S.unique(data.reviewed);
      var added = ids.filter(function (id) { return !S.isReviewed(id); });
      var writes = added.map(function (id) { return ["studyguide:reviewed:" + id, "1"]; })
        .concat(data.schema === 1 ? [] : C.importWrites(data));
      if (!apply(writes)) {
        status.textContent = "Could not import: this browser's storage is full; nothing was changed.";
        return;
      }
      S.refresh();
      var cards = data.schema === 1 ? 0 : Object.keys(data.cards).length;
      status.textContent = "Imported " + S.plural(ids.length, "mark") + ", " + S.number(added.length) + " of them new" +
        (cards ? ", and " + S.plural(cards, "review card") : "") + ".";
    }
  };

  // Every write, or none: on the first that fails, each key gets its old value back.
  function apply(writes) {
    var before = [];
    var full = !writes.every(function (write) {
      before.push([write[0], S.get(write[0])]);
      return S.put(write[0], write[1]);
    });
    if (full) before.reverse().forEach(function (old) { S.put(old[0], old[1]); });
    return !full;
  }
})(window.StudyGuide);
