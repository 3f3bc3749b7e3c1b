// The kit builder: an interviewer's questions in their order, with a title, notes
// and minutes per question, all of it in one shareable link:
//   kit/?ids=a,b,c&min=5,,10&title=Onsite%20loop&notes=…
// (?ids= alone, and old links' ?q=, still open a kit: overrides/main.html renames
// ?q=, which Material reads as a search, before Material starts, and it is read
// here too, for an instant navigation to one). The kit is drawn first, then its
// link and the paste box; printed, it is the document the CLI's `studyguide kit`
// makes: title, notes, then each question with its follow-ups, hint and answer,
// its id and short link, its minutes, and room for the interviewer's notes.
(function (S) {
  "use strict";

  var KIT = "studyguide:kit";
  var META = "studyguide:kit-meta";  // {title, notes, minutes: {id: n}}
  var KIT_SEEN = "studyguide:kit-url";  // sessionStorage: the last query this tab wrote
  var TITLE_MAX = 200;
  var NOTES_MAX = 4000;  // a link stays usable (browsers take some 32,000 characters)
  var MINUTES_MAX = 999;

  S.apps.kit = function (app) {
    S.loadGuide().then(function (guide) {
      if (app.isConnected) start(app, guide);
    }, function (error) {
      app.textContent = "";
      app.appendChild(S.el("p", { class: "guide-status guide-error", role: "alert" }, [
        "The questions could not be loaded (" + error.message + "). Reload the page to try again."
      ]));
    });
  };

  function text(value, max) {
    return typeof value === "string" ? value.slice(0, max) : "";
  }

  function minutes(value) {
    var n = typeof value === "number" ? value : Number(String(value || "").trim() || NaN);
    return Number.isInteger(n) && n > 0 && n <= MINUTES_MAX ? n : 0;
  }

  // The kit's words as stored, each checked: storage is untrusted.
  function storedMeta() {
    var meta = S.getJson(META, {});
    var byId = new Map();
    if (meta && typeof meta.minutes === "object" && meta.minutes) {
      Object.keys(meta.minutes).forEach(function (id) {
        if (S.isId(id) && minutes(meta.minutes[id])) byId.set(id, minutes(meta.minutes[id]));
      });
    }
    return { title: text(meta && meta.title, TITLE_MAX), notes: text(meta && meta.notes, NOTES_MAX), minutes: byId };
  }

  function saveMeta(meta) {
    var byId = {};
    meta.minutes.forEach(function (n, id) { byId[id] = n; });
    var empty = !meta.title && !meta.notes && !meta.minutes.size;
    return S.put(META, empty ? null : JSON.stringify({ title: meta.title, notes: meta.notes, minutes: byId }));
  }

  // A kit's address: ids first (what older readers of kit links look for).
  function query(ids, meta) {
    if (!ids.length) return "";
    var parts = ["ids=" + ids.join(",")];
    var mins = ids.map(function (id) { return meta.minutes.get(id) || ""; });
    if (mins.some(Boolean)) parts.push("min=" + mins.join(","));
    if (meta.title) parts.push("title=" + encodeURIComponent(meta.title));
    if (meta.notes) parts.push("notes=" + encodeURIComponent(meta.notes));
    return "?" + parts.join("&");
  }

  // Ids in pasted text, in the forms the CLI reads: an id, a short link
  // (q/<id>/), any link ending in #<id>, a kit link (?ids=a,b, or ?q=a,b from
  // before) or a topic link.
  function idsIn(value, guide) {
    var found = [];
    var unknown = [];
    function add(candidate) {
      var id = candidate.trim().replace(/^[<("'\[]+|[>)"'\].,;:]+$/g, "").toLowerCase();
      if (!id) return;
      // Any wording of a group is the group: one entry, under its first wording's id.
      if (guide.byId.has(id)) found.push(guide.byId.get(id).group || id); else unknown.push(id);
    }
    String(value).split(/\s+/).forEach(function (token) {
      var value;
      try { value = decodeURIComponent(token); } catch (error) { value = token; }
      var kit = /[?&](?:ids|q)=([^&#]*)/.exec(value);
      var topic = /(?:^|\/)topics\/([a-z0-9-]+)\/?(?:index\.html)?(?:[?#]|$)/.exec(value);
      var short = /(?:^|\/)q\/([^\/?#]+)\/?(?:index\.html)?(?:[?#]|$)/.exec(value);
      var hash = value.indexOf("#");
      if (kit) {
        kit[1].split(",").forEach(add);
      } else if (hash >= 0 && value.slice(hash + 1)) {
        add(value.slice(hash + 1));
      } else if (short) {
        add(short[1]);
      } else if (topic) {
        var matched = guide.topics.filter(function (t) { return t.slug === topic[1]; })[0];
        if (matched) found = found.concat(matched.questions); else unknown.push(value);
      } else {
        value.split(",").forEach(add);
      }
    });
    return { found: S.unique(found), unknown: unknown };
  }

  // A kit link from elsewhere (not this tab's own address for its kit) becomes this
  // browser's kit; the kit it replaces can be restored. Returns what was replaced.
  function openLink(guide, status) {
    var params = new URLSearchParams(location.search);
    var wanted = params.has("ids") ? params.get("ids") : params.get("q");
    var seen = S.session ? S.session.getItem(KIT_SEEN) : null;
    if (!wanted || location.search === seen) return null;
    var shared = idsIn("?ids=" + wanted, guide);
    var given = (params.get("min") || "").split(",");
    var meta = { title: text(params.get("title"), TITLE_MAX), notes: text(params.get("notes"), NOTES_MAX), minutes: new Map() };
    wanted.split(",").forEach(function (id, at) {
      var live = guide.byId.has(id) ? guide.byId.get(id).group || id : null;
      if (live && minutes(given[at])) meta.minutes.set(live, minutes(given[at]));
    });
    var mine = S.kitIds().filter(function (id) { return guide.byId.has(id); });
    var previous = null;
    var said = [];
    if (mine.length && mine.join(",") !== shared.found.join(",")) {
      previous = { ids: mine, meta: storedMeta() };
      said.push("Opened the kit from the link; your previous kit can be restored.");
    }
    if (shared.unknown.length) said.push("Not in the guide: " + S.listed(shared.unknown) + ".");
    if (!S.put(KIT, shared.found.length ? JSON.stringify(shared.found) : null) || !saveMeta(meta)) {
      said = ["The link's kit could not be kept: this browser's storage is full."];
    }
    status.textContent = said.join(" ");
    return previous;
  }

  function start(app, guide) {
    var status = S.el("p", { class: "guide-status", role: "status" });
    var previous = openLink(guide, status);
    var meta = storedMeta();

    var title = S.el("input", { id: "kit-title", type: "text", maxlength: String(TITLE_MAX), autocomplete: "off", placeholder: "Interview kit, " + new Date().toLocaleDateString("en-CA") });
    var notes = S.el("textarea", { id: "kit-notes", rows: "3", maxlength: String(NOTES_MAX), placeholder: "What this interview is for, what to listen for, timing…" });
    var paste = S.el("textarea", {
      id: "kit-paste", rows: "3", spellcheck: "false",
      placeholder: "bias-variance-tradeoff\n" + S.siteUrl("q/backpropagation/")
    });
    var share = S.el("input", { id: "kit-url", type: "url", readonly: "readonly" });
    var restore = S.button("", "restore", { class: "md-button guide-button" });
    var printButton = S.button("Print the kit", "print", { class: "md-button md-button--primary guide-button" });
    var clearButton = S.button("Clear the kit", "clear", { class: "md-button guide-button" });
    var heading = S.el("h2", { class: "kit-heading", id: "kit-questions" });
    var list = S.el("ol", { class: "kit-list", "aria-labelledby": "kit-questions" });
    var empty = S.el("div", { class: "kit-empty" });
    // What only the printed kit shows: the title and notes as text, not as fields.
    var printedTitle = S.el("h2", { class: "kit-print-title" });
    var printedNotes = S.el("div", { class: "kit-print-notes" });
    var printed = S.el("p", { class: "kit-print-url" });
    var words = S.el("div", { class: "kit-words" }, [
      S.el("div", { class: "kit-field" }, [S.el("label", { for: "kit-title" }, ["Title"]), title]),
      S.el("div", { class: "kit-field" }, [S.el("label", { for: "kit-notes" }, ["Notes (printed before the questions)"]), notes])
    ]);
    var controls = S.el("div", { class: "kit-controls" }, [
      S.el("div", { class: "kit-field" }, [
        S.el("label", { for: "kit-url" }, ["Link to this kit: it opens the same questions, title, notes and minutes on any machine"]),
        S.el("div", { class: "kit-share" }, [share, S.button("Copy link", "copy", { class: "md-button guide-button" })])
      ]),
      S.el("div", { class: "guide-actions" }, [printButton, clearButton, restore]),
      status,
      S.el("div", { class: "kit-field" }, [
        S.el("label", { for: "kit-paste" }, ["Add questions by pasting their links or ids (any number, one per line or separated by spaces)"]),
        paste,
        S.el("div", { class: "guide-actions" }, [S.button("Add to kit", "add", { class: "md-button guide-button" })])
      ])
    ]);
    [printedTitle, words, printedNotes, heading, empty, list, controls, printed].forEach(function (node) { app.appendChild(node); });
    title.value = meta.title;
    notes.value = meta.notes;

    // The stored kit, as far as it can be read and names questions of this guide.
    // The rest is dropped from storage with a word to the reader, so that nothing
    // once stored (by a link, another version, a hand edit) can keep the page broken.
    function tidy() {
      var stored = S.storedKit();
      var known = stored.ids.filter(function (id) { return guide.byId.has(id); });
      var unknown = stored.ids.filter(function (id) { return !guide.byId.has(id); });
      // A wording that has since joined a group is kept as its group, once.
      var ids = S.unique(known.map(function (id) { return guide.byId.get(id).group || id; }));
      if (!stored.unreadable && !stored.invalid && !unknown.length && ids.length === known.length) return ids;
      S.put(KIT, ids.length ? JSON.stringify(ids) : null);
      var said = [];
      if (stored.unreadable) said.push("The kit saved in this browser could not be read, so it was emptied.");
      if (stored.invalid) said.push("Dropped " + S.number(stored.invalid) + " unreadable " + (stored.invalid === 1 ? "entry" : "entries") + " from the saved kit.");
      if (unknown.length) said.push("Dropped from the saved kit, not in the guide: " + S.listed(unknown) + ".");
      status.textContent = said.join(" ");
      return ids;
    }

    // The link, the address, the counts and the printed title and notes: everything
    // the words and minutes change, without redrawing the list (the field keeps focus).
    function drawShare(ids) {
      var search = query(ids, meta);
      share.value = S.siteUrl("kit/" + search);
      printed.textContent = ids.length ? "This kit online: " + share.value : "";
      if (S.session) S.session.setItem(KIT_SEEN, search);
      if (location.search !== search) history.replaceState(history.state, "", search || location.pathname);
      var follow = ids.reduce(function (sum, id) { return sum + S.followUpNodes(guide.byId.get(id)).length; }, 0);
      var total = ids.reduce(function (sum, id) { return sum + (meta.minutes.get(id) || 0); }, 0);
      heading.textContent = [S.plural(ids.length, "question"), follow ? S.plural(follow, "follow-up") : "", total ? total + " min" : ""]
        .filter(Boolean).join(" · ");
      printedTitle.textContent = meta.title || title.placeholder;
      printedNotes.textContent = meta.notes;
      printedNotes.hidden = !meta.notes;
    }

    function item(id, index, count) {
      var q = guide.byId.get(id);
      var label = S.words(q);
      var minutesField = S.el("input", {
        type: "number", min: "1", max: String(MINUTES_MAX), inputmode: "numeric", class: "kit-minutes-input",
        id: "kit-min-" + id, "data-id": id, value: meta.minutes.get(id) ? String(meta.minutes.get(id)) : null
      });
      var node = S.el("li", { class: "kit-item", "data-id": id }, [
        S.el("p", { class: "kit-question" }, [
          S.el("a", { href: S.siteUrl(q.url) }, [S.unlinked(S.rich(q.html && q.html.text, q.text))]),
          S.el("span", { class: "kit-topic" }, [
            [q.topic.title, S.DIFFICULTY[q.difficulty], id, S.siteUrl(q.short_url).replace(/^https?:\/\//, "")].filter(Boolean).join(" · ")
          ]),
          meta.minutes.get(id) ? S.el("span", { class: "kit-minutes" }, [meta.minutes.get(id) + " min"]) : null
        ]),
        S.block(q, "context"),
        S.block(q, "figure")
      ]);
      var asked = S.followUpNodes(q);
      if (asked.length) {
        node.appendChild(S.el("ul", { class: "kit-followups", "aria-label": "Follow-ups" }, asked.map(function (part) {
          return S.el("li", {}, [part]);
        })));
      }
      // For the interviewer: hints and what a good answer covers, folded on screen,
      // printed open; for a group, every bank's, named by its bank.
      [["hint", "Hint"], ["answer", "What a good answer covers"]].forEach(function (pair) {
        var given = (guide.members.get(id) || [q]).filter(function (wording) { return S.block(wording, pair[0]); });
        given.forEach(function (wording) {
          var credit = given.length > 1 ? " (" + wording.bank + ")" : "";
          node.appendChild(S.el("details", { class: pair[0] + " kit-" + pair[0] }, [
            S.el("summary", {}, [pair[1] + credit]), S.block(wording, pair[0], "div", "answer-body")
          ]));
        });
      });
      node.appendChild(S.el("div", { class: "kit-notes-space", "aria-hidden": "true" }));
      node.appendChild(S.el("div", { class: "kit-item-tools" }, [
        S.el("label", { class: "kit-minutes-label", for: "kit-min-" + id }, ["Minutes"]), minutesField,
        S.button("Move up", "up", { class: "guide-button", "aria-label": "Move up: " + label, disabled: index === 0 }),
        S.button("Move down", "down", { class: "guide-button", "aria-label": "Move down: " + label, disabled: index === count - 1 }),
        S.button("Remove", "remove", { class: "guide-button", "aria-label": "Remove: " + label })
      ]));
      return node;
    }

    function draw(focus) {
      var ids = tidy();
      drawShare(ids);
      printButton.disabled = clearButton.disabled = !ids.length;
      restore.hidden = !previous;
      restore.textContent = previous ? "Restore my previous kit (" + previous.ids.length + ")" : "";
      empty.hidden = ids.length > 0;
      if (!ids.length && !empty.firstChild) {
        empty.appendChild(S.el("p", {}, ["The kit is empty. Tick “Add to kit” under any question on a topic page, or paste links below. Topics:"]));
        empty.appendChild(S.el("ul", {}, guide.topics.map(function (topic) {
          return S.el("li", {}, [S.el("a", { href: S.siteUrl(topic.url) }, [topic.title])]);
        })));
      }
      list.textContent = "";
      ids.forEach(function (id, index) { list.appendChild(item(id, index, ids.length)); });
      if (focus) {
        var target = list.querySelector('[data-id="' + focus.id + '"] [data-action="' + focus.action + '"]:not(:disabled)') ||
          list.querySelector('[data-id="' + focus.id + '"] button:not(:disabled)') || heading;
        if (target === heading) heading.setAttribute("tabindex", "-1");
        target.focus();
      }
    }

    function keepMeta() {
      if (!saveMeta(meta)) status.textContent = "Could not keep the kit's words: this browser's storage is full.";
      drawShare(tidy());
    }

    words.addEventListener("input", function () {
      meta.title = text(title.value.trim(), TITLE_MAX);
      meta.notes = text(notes.value, NOTES_MAX);
      keepMeta();
    });

    list.addEventListener("change", function (event) {
      var field = event.target.closest && event.target.closest("input.kit-minutes-input");
      if (!field) return;
      var id = field.getAttribute("data-id");
      if (minutes(field.value)) meta.minutes.set(id, minutes(field.value)); else meta.minutes.delete(id);
      field.value = meta.minutes.get(id) || "";
      var shown = field.closest(".kit-item").querySelector(".kit-question");
      var old = shown.querySelector(".kit-minutes");
      if (old) old.remove();
      if (meta.minutes.get(id)) shown.appendChild(S.el("span", { class: "kit-minutes" }, [meta.minutes.get(id) + " min"]));
      keepMeta();
    });

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      var ids = S.kitIds();
      var row = target.closest(".kit-item");
      var id = row && row.getAttribute("data-id");
      var index = ids.indexOf(id);
      if (action === "add") {
        var pasted = idsIn(paste.value, guide);
        var have = new Set(ids);
        var added = pasted.found.filter(function (other) { return !have.has(other); });
        if (!S.saveKit(ids.concat(added))) {
          status.textContent = "Could not add: this browser's storage is full.";
          return;
        }
        var said = "Added " + S.plural(added.length, "question");
        if (pasted.found.length > added.length) said += "; " + (pasted.found.length - added.length) + " already in the kit";
        if (pasted.unknown.length) said += "; not found: " + S.listed(pasted.unknown);
        status.textContent = said + ".";
        if (!pasted.unknown.length) paste.value = "";
      } else if ((action === "up" || action === "down") && index >= 0) {
        var to = action === "up" ? index - 1 : index + 1;
        ids.splice(to, 0, ids.splice(index, 1)[0]);
        S.put(KIT, JSON.stringify(ids));
        draw({ id: id, action: action });
      } else if (action === "remove" && index >= 0) {
        ids.splice(index, 1);
        S.put(KIT, ids.length ? JSON.stringify(ids) : null);
        meta.minutes.delete(id);
        saveMeta(meta);
        var next = ids[Math.min(index, ids.length - 1)];
        draw(next ? { id: next, action: "remove" } : { id: "", action: "" });
        status.textContent = "Removed: " + S.words(guide.byId.get(id));
      } else if (action === "copy") {
        share.select();
        var done = function () { status.textContent = "Link copied."; };
        if (navigator.clipboard) navigator.clipboard.writeText(share.value).then(done, function () {});
      } else if (action === "print") {
        window.print();
      } else if (action === "clear") {
        previous = ids.length ? { ids: ids, meta: meta } : previous;
        meta = { title: "", notes: "", minutes: new Map() };
        title.value = notes.value = "";
        saveMeta(meta);
        S.saveKit([]);
        status.textContent = "The kit is empty.";
      } else if (action === "restore" && previous) {
        meta = previous.meta;
        title.value = meta.title;
        notes.value = meta.notes;
        saveMeta(meta);
        S.saveKit(previous.ids);
        previous = null;
        status.textContent = "Your previous kit is back.";
      }
    });
    S.onRefresh(function () { draw(null); });
    draw(null);
  }
})(window.StudyGuide);
