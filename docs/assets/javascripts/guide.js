// The guide's own behaviour, on top of Material. Everything here is an
// enhancement: with JavaScript off, links and pages still work, and none of the
// controls below is drawn (reviewed boxes, progress, practice, the kit builder).
//
// What is remembered lives in this browser's localStorage, keyed by question id
// (the id survives rewording and moves between topics):
//   studyguide:reviewed:<id> = "1"   one key per question marked reviewed
//   studyguide:kit           = ["id", ...]   the kit's questions, in order (JSON)
// Storage is read as untrusted: another version of the site, a hand edit or a
// crafted link may have left anything there, and no stored value may break a page.
// Practice and the kit builder read the guide from questions.json (site root).
// Seed text is data: it reaches the page only as questions.json's `html`, which the
// generator's one sanitising renderer made; it is inserted as it is (see rich()),
// never parsed here, and plain text (labels, messages) is that HTML's textContent.
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var REVIEWED = "studyguide:reviewed:";
  var KIT = "studyguide:kit";
  var KIT_SEEN = "studyguide:kit-url";  // sessionStorage: the last ?ids= this tab wrote
  var SCHEMA = 1;  // of the exported marks file
  // An import larger than this is not an export of this guide (every question
  // marked is a few kilobytes); refusing it keeps the page from freezing on it.
  var IMPORT_BYTES = 5 * 1024 * 1024;
  var IMPORT_IDS = 50000;

  // The site's root URL, from Material's page configuration. Its base is relative
  // to the page first loaded, and instant navigation keeps that page's
  // configuration while the address changes, so it is resolved once, here.
  var ROOT = (function () {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  })();

  function root() {
    return new URL(ROOT);
  }

  function siteUrl(path) {
    return new URL(path, root()).href;
  }

  function isId(value) {
    return typeof value === "string" && ID.test(value);
  }

  // ---- Storage: localStorage, or memory for this page when it is unavailable.

  function probe(name) {
    try {
      var store = window[name];
      store.setItem("studyguide:probe", "1");
      store.removeItem("studyguide:probe");
      return store;
    } catch (error) {
      return null;
    }
  }
  var memory = new Map();
  var local = probe("localStorage");
  var session = probe("sessionStorage");

  function get(key) {
    return local ? local.getItem(key) : (memory.has(key) ? memory.get(key) : null);
  }

  // False when the value could not be stored (the storage is full): callers that
  // promise the reader something (an import) must not say it was kept.
  function put(key, value) {
    try {
      if (value === null) {
        if (local) local.removeItem(key); else memory.delete(key);
      } else if (local) {
        local.setItem(key, value);
      } else {
        memory.set(key, value);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  function keys() {
    if (!local) return Array.from(memory.keys());
    var all = [];
    for (var i = 0; i < local.length; i++) all.push(local.key(i));
    return all;
  }

  function isReviewed(id) {
    return get(REVIEWED + id) === "1";
  }

  function reviewedIds() {
    return keys().filter(function (key) {
      return key.indexOf(REVIEWED) === 0 && isId(key.slice(REVIEWED.length));
    }).map(function (key) {
      return key.slice(REVIEWED.length);
    }).sort();
  }

  function setReviewed(id, on) {
    var kept = put(REVIEWED + id, on ? "1" : null);
    refresh();
    return kept;
  }

  // The ids in a list, first of each, in order; whatever is not an id is left out.
  // A Set, so that a list of any length (an imported file) takes linear time.
  function unique(ids) {
    var seen = new Set();
    return ids.filter(function (id) {
      if (!isId(id) || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  // The kit as stored: its ids, and whether anything there could not be read
  // (not JSON, not a list, or entries that are not ids). Never throws.
  function storedKit() {
    var raw = get(KIT);
    var list;
    if (raw === null) return { ids: [], unreadable: false, invalid: 0 };
    try {
      list = JSON.parse(raw);
    } catch (error) {
      list = null;
    }
    if (!Array.isArray(list)) return { ids: [], unreadable: true, invalid: 0 };
    var ids = unique(list);
    var invalid = list.filter(function (id) { return !isId(id); }).length;
    return { ids: ids, unreadable: false, invalid: invalid };
  }

  function kitIds() {
    return storedKit().ids;
  }

  function saveKit(ids) {
    var kept = put(KIT, ids.length ? JSON.stringify(unique(ids)) : null);
    refresh();
    return kept;
  }

  function setInKit(id, on) {
    var ids = kitIds().filter(function (other) { return other !== id; });
    if (on) ids.push(id);
    saveKit(ids);
  }

  // ---- Building the page: elements, and seed text as the generator rendered it.

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(label, action, extra) {
    var attributes = { type: "button", "data-action": action };
    Object.keys(extra || {}).forEach(function (name) { attributes[name] = extra[name]; });
    return el("button", attributes, [label]);
  }

  // Seed text, from questions.json's `html`: markup the generator's sanitising
  // renderer already made safe, inserted as it is through an inert <template> (its
  // images do not load and its scripts would not run while it is parsed). Parsing
  // Markdown here was a second renderer that could disagree with the pages and, by
  // regular expression, freeze the tab on a long run of backticks. A question
  // without `html` (a questions.json from before it) shows its source as text.
  function rich(markup, source) {
    var template = document.createElement("template");
    if (typeof markup === "string") template.innerHTML = markup;
    else template.content.appendChild(document.createTextNode(String(source || "")));
    // Addresses in `html` are relative to the site's root (the generator turned a
    // remote image into a link to it, and copied a seed's own files into the site),
    // so an image here is always one of the site's own files.
    template.content.querySelectorAll("img[src]").forEach(function (image) {
      var src = image.getAttribute("src");
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) image.replaceWith(image.getAttribute("alt") || "");
      else image.setAttribute("src", siteUrl(src));
    });
    template.content.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) link.setAttribute("href", siteUrl(href));
    });
    return template.content;
  }

  // A block of a question (its setting, figure, hint or answer) as an element, or null.
  function block(q, name, tag, className) {
    var html = q.html && q.html[name];
    if (typeof html !== "string" || !html) return null;
    var node = el(tag || "div", { class: className || "question-" + name });
    node.appendChild(rich(html, ""));
    return node;
  }

  var DIFFICULTY = { easy: "Easy", medium: "Medium", hard: "Hard" };

  // The same, for a place that is already a link: a link cannot hold another, so
  // the inner links keep their words and lose their target.
  function unlinked(fragment) {
    fragment.querySelectorAll("a").forEach(function (link) {
      var words = el("span");
      while (link.firstChild) words.appendChild(link.firstChild);
      link.replaceWith(words);
    });
    return fragment;
  }

  // A question's words as plain text, for labels and messages.
  function words(q) {
    return rich(q.html && q.html.text, q.text).textContent;
  }

  // questions.json, fetched once per site root and indexed by id. The index is a
  // Map: ids come from links and storage, and in a plain object "constructor" or
  // "toString" would be found (Object.prototype's) and taken for a question.
  var guides = new Map();
  function loadGuide() {
    var url = siteUrl("questions.json");
    if (!guides.has(url)) {
      var loading = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      }).then(function (data) {
        data.byId = new Map();
        data.members = new Map();
        data.questions.forEach(function (question) {
          data.byId.set(question.id, question);
          // The same question in several banks is one group, shown by its first wording.
          var group = question.group || question.id;
          if (!data.members.has(group)) data.members.set(group, []);
          data.members.get(group).push(question);
        });
        return data;
      });
      loading.catch(function () { guides.delete(url); });
      guides.set(url, loading);
    }
    return guides.get(url);
  }

  function failed(app) {
    return function (error) {
      app.textContent = "";
      app.appendChild(el("p", { class: "guide-status guide-error", role: "alert" }, [
        "The questions could not be loaded (" + error.message + "). Reload the page to try again."
      ]));
    };
  }

  // ---- Every page: the state of what is drawn follows storage.

  var hooks = [];  // redraws of this page's apps, reset on each page

  function refresh() {
    var kit = kitIds();
    document.querySelectorAll("input[data-kind]").forEach(function (input) {
      var id = input.getAttribute("data-id");
      var reviewed = input.getAttribute("data-kind") === "reviewed";
      input.checked = reviewed ? isReviewed(id) : kit.indexOf(id) >= 0;
    });
    document.querySelectorAll(".guide-progress").forEach(drawProgress);
    document.querySelectorAll(".guide-kit-count").forEach(function (link) {
      link.textContent = "Open the kit (" + kit.length + ")";
    });
    hooks.forEach(function (hook) { hook(); });
  }

  function toggle(kind, id, label, describedBy) {
    var input = el("input", {
      type: "checkbox", "data-kind": kind, "data-id": id, "aria-describedby": describedBy
    });
    return el("label", { class: "guide-toggle guide-toggle--" + kind }, [input, label]);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-kind]")) return;
    var id = input.getAttribute("data-id");
    if (input.getAttribute("data-kind") === "reviewed") setReviewed(id, input.checked);
    else setInKit(id, input.checked);
  });

  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf("studyguide:") === 0) refresh();
  });

  // Under each question: "Reviewed" and "Add to kit", before the copy link.
  function questionTools() {
    document.querySelectorAll(".question-tools[data-question]").forEach(function (tools) {
      var id = tools.getAttribute("data-question");
      if (!isId(id) || tools.querySelector(".guide-toggle")) return;
      var heading = document.getElementById(id) ? id : null;
      tools.insertBefore(toggle("kit", id, "Add to kit", heading), tools.firstChild);
      tools.insertBefore(toggle("reviewed", id, "Reviewed", heading), tools.firstChild);
    });
  }

  // "3/10 reviewed" and a bar, for the topic a .guide-progress names; on a
  // topic page (a div) also links to practise the topic and to the kit.
  function drawProgress(box) {
    var ids = (box.getAttribute("data-questions") || "").split(" ").filter(isId);
    var done = ids.filter(isReviewed).length;
    if (!box.firstChild) {
      box.appendChild(el("span", { class: "guide-progress__text", "aria-live": "polite" }));
      box.appendChild(el("span", { class: "guide-progress__bar", "aria-hidden": "true" }, [
        el("span", { class: "guide-progress__fill" })
      ]));
      if (box.tagName === "DIV") {
        var topic = box.getAttribute("data-topic");
        box.appendChild(el("span", { class: "guide-progress__links" }, [
          el("a", { href: siteUrl("practice/?topics=" + encodeURIComponent(topic)) }, ["Practise this topic"]),
          " · ",
          el("a", { class: "guide-kit-count", href: siteUrl("kit/") }, ["Open the kit"])
        ]));
      }
    }
    box.querySelector(".guide-progress__text").textContent = done + "/" + ids.length + " reviewed";
    box.querySelector(".guide-progress__fill").style.width = (ids.length ? 100 * done / ids.length : 0) + "%";
    box.classList.toggle("is-complete", ids.length > 0 && done === ids.length);
  }

  // ---- Home: how many are reviewed, export and import of the marks.

  function marksPanel(panel) {
    var total = [];
    document.querySelectorAll(".guide-progress").forEach(function (box) {
      total = total.concat((box.getAttribute("data-questions") || "").split(" ").filter(isId));
    });
    total = unique(total);
    var count = el("span", { "aria-live": "polite" });
    var status = el("p", { class: "guide-status", role: "status" });
    var file = el("input", { type: "file", accept: ".json,application/json", hidden: "hidden", "aria-label": "Marks file to import" });
    panel.appendChild(el("p", { class: "guide-marks__count" }, [count]));
    panel.appendChild(el("div", { class: "guide-actions" }, [
      button("Export marks", "export", { class: "md-button guide-button" }),
      button("Import marks…", "import", { class: "md-button guide-button" }),
      file
    ]));
    panel.appendChild(status);

    function draw() {
      var done = total.filter(isReviewed).length;
      count.textContent = "You have marked " + done + " of " + total.length +
        " questions reviewed in this browser. Export the marks to a file to carry them to another device.";
    }
    hooks.push(draw);
    draw();

    panel.addEventListener("click", function (event) {
      var action = event.target.closest("button") && event.target.closest("button").getAttribute("data-action");
      if (action === "export") {
        var ids = reviewedIds();
        var data = { schema: SCHEMA, reviewed: ids, exported: new Date().toISOString() };
        var blob = new Blob([JSON.stringify(data, null, 1) + "\n"], { type: "application/json" });
        var url = URL.createObjectURL(blob);
        el("a", { href: url, download: "studyguide-reviewed-" + data.exported.slice(0, 10) + ".json" }).click();
        setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
        status.textContent = "Exported " + ids.length + " marks.";
      } else if (action === "import") {
        file.click();
      }
    });

    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      file.value = "";
      if (!chosen) return;
      if (chosen.size > IMPORT_BYTES) {
        status.textContent = "That file is larger than 5 MB, too large to be an export of reviewed marks; nothing was changed.";
        return;
      }
      chosen.text().then(function (text) {
        var data = JSON.parse(text);
        if (!data || data.schema !== SCHEMA || !Array.isArray(data.reviewed)) throw new Error("not an export");
        return data.reviewed;
      }).then(importMarks, function () {
        status.textContent = "That file is not an export of reviewed marks; nothing was changed.";
      });
    });

    // All or nothing: when the storage fills up part way, the marks this import
    // added are taken back, so what the reader is told is what is stored.
    function importMarks(list) {
      if (list.length > IMPORT_IDS) {
        status.textContent = "That file lists " + number(list.length) + " marks, more than the " +
          number(IMPORT_IDS) + " an import takes; nothing was changed.";
        return;
      }
      var ids = unique(list);
      var added = ids.filter(function (id) { return !isReviewed(id); });
      var written = [];
      var full = !added.every(function (id) {
        if (!put(REVIEWED + id, "1")) return false;
        written.push(id);
        return true;
      });
      if (full) written.forEach(function (id) { put(REVIEWED + id, null); });
      refresh();
      status.textContent = full ? "Could not import: this browser's storage is full; nothing was changed."
        : "Imported " + number(ids.length) + " marks, " + number(added.length) + " of them new.";
    }
  }

  function number(count) {
    return count.toLocaleString("en");
  }

  // ---- Practice: a random question, follow-ups one at a time.

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = items[i]; items[i] = items[j]; items[j] = swap;
    }
    return items;
  }

  function practiceApp(app, guide) {
    var wanted = (new URLSearchParams(location.search).get("topics") || "").split(",");
    var chosen = new Map();  // topic slug -> drawn from; a Map, as the slugs come from the address
    guide.topics.forEach(function (topic) {
      chosen.set(topic.slug, wanted.indexOf(topic.slug) >= 0);
    });
    if (!guide.topics.some(function (topic) { return chosen.get(topic.slug); })) {
      guide.topics.forEach(function (topic) { chosen.set(topic.slug, true); });
    }
    var deck = [];
    var current = null;
    var shown = 0;

    var topicBoxes = guide.topics.map(function (topic) {
      var input = el("input", { type: "checkbox", value: topic.slug });
      input.checked = chosen.get(topic.slug);
      return el("label", { class: "guide-check" }, [input, topic.title + " (" + topic.questions.length + ")"]);
    });
    var fresh = el("input", { type: "checkbox", "data-option": "unreviewed" });
    var summary = el("summary");
    // Difficulty, where the bank marks it: a question without a mark is "Unmarked".
    var levels = ["easy", "medium", "hard", ""].filter(function (level) {
      return guide.questions.some(function (q) { return (q.difficulty || "") === level; });
    });
    var levelBoxes = levels.length > 1 ? levels.map(function (level) {
      var input = el("input", { type: "checkbox", value: level, "data-option": "difficulty" });
      input.checked = true;
      return el("label", { class: "guide-check" }, [input, DIFFICULTY[level] || "Unmarked"]);
    }) : [];
    var options = el("details", { class: "practice-options" }, [
      summary,
      el("fieldset", {}, [
        el("legend", {}, ["Draw from these topics"]),
        el("div", { class: "guide-actions" }, [
          button("All topics", "all", { class: "guide-button" }),
          button("None", "none", { class: "guide-button" })
        ]),
        el("div", { class: "practice-topics" }, topicBoxes)
      ]),
      levelBoxes.length ? el("fieldset", { class: "practice-levels" }, [el("legend", {}, ["Difficulty"])].concat(levelBoxes)) : null,
      el("label", { class: "guide-check" }, [fresh, "Only questions I have not marked reviewed"])
    ].filter(Boolean));

    function levelChosen(q) {
      if (!levelBoxes.length) return true;
      return levelBoxes.some(function (label) {
        var input = label.querySelector("input");
        return input.checked && input.value === (q.difficulty || "");
      });
    }

    var meta = el("p", { class: "practice-meta" });
    var question = el("h2", { class: "practice-question", id: "practice-question", tabindex: "-1" });
    var setting = el("div", { class: "practice-setting" });
    var followUps = el("ol", { class: "practice-followups", "aria-label": "Follow-ups", "aria-live": "polite" });
    var revealed = el("div", { class: "practice-revealed", "aria-live": "polite" });
    var reveal = button("", "reveal", { class: "md-button md-button--primary guide-button" });
    var actions = el("div", { class: "guide-actions" }, [
      reveal,
      button("Mark reviewed", "reviewed", { class: "md-button guide-button" }),
      button("Skip", "skip", { class: "md-button guide-button" })
    ]);
    var open = el("a", {}, ["Open it on its topic page"]);
    var kitBox = toggle("kit", "", "Add to kit", "practice-question");
    var status = el("p", { class: "guide-status", role: "status" });
    var card = el("section", { class: "practice-card", "aria-labelledby": "practice-question" }, [
      meta, el("div", { "aria-live": "polite" }, [question]), setting, followUps, revealed, actions,
      el("p", { class: "practice-links" }, [open, kitBox]), status
    ]);
    app.appendChild(options);
    app.appendChild(card);

    function pool() {
      return guide.questions.filter(function (q) {
        return chosen.get(q.topic.slug) && levelChosen(q) && !(fresh.checked && isReviewed(q.id));
      }).map(function (q) { return q.id; });
    }

    function draw() {
      var ids = pool();
      var inPool = new Set(ids);
      var last = current && current.id;
      deck = deck.filter(function (id) { return inPool.has(id); });
      if (!deck.length) {
        deck = shuffle(ids.slice());
        if (deck.length > 1 && deck[0] === last) deck.push(deck.shift());
      }
      current = deck.length ? guide.byId.get(deck.shift()) : null;
      shown = 0;
      render();
    }

    function render() {
      var ids = pool();
      var count = guide.topics.filter(function (topic) { return chosen.get(topic.slug); }).length;
      summary.textContent = "Topics: " + (count === guide.topics.length ? "all " + count : count + " of " + guide.topics.length) +
        (fresh.checked ? ", not yet reviewed" : "") + " · " + ids.length + " questions";
      card.hidden = false;
      question.textContent = "";
      setting.textContent = "";
      followUps.textContent = "";
      revealed.textContent = "";
      if (!current) {
        meta.textContent = "";
        question.textContent = count ? "No questions left to draw" : "No topics chosen";
        actions.hidden = true;
        open.parentNode.hidden = true;
        status.textContent = count ? "Every question in these topics is marked reviewed. Choose more topics, or include reviewed questions." : "Choose at least one topic above.";
        return;
      }
      actions.hidden = false;
      open.parentNode.hidden = false;
      meta.textContent = describe(current);
      question.appendChild(rich(current.html && current.html.text, current.text));
      [block(current, "context"), block(current, "figure")].forEach(function (node) {
        if (node) setting.appendChild(node);
      });
      open.setAttribute("href", siteUrl(current.url));
      var input = kitBox.querySelector("input");
      input.setAttribute("data-id", current.id);
      input.checked = kitIds().indexOf(current.id) >= 0;
      showFollowUps();
    }

    // What Space or the reveal button shows next: each follow-up, then the hint,
    // then the answer (the bank's answer comes last: answer out loud first).
    function steps() {
      var list = current.follow_ups.map(function (_, index) { return { follow: index }; });
      if (current.html && current.html.hint) list.push({ block: "hint", label: "Hint" });
      if (current.html && current.html.answer) list.push({ block: "answer", label: "Answer" });
      return list;
    }

    function describe(q) {
      return [q.topic.title, DIFFICULTY[q.difficulty], isReviewed(q.id) ? "reviewed" : ""]
        .filter(Boolean).join(" · ");
    }

    function showFollowUps() {
      var all = current.follow_ups;
      var html = (current.html && current.html.follow_ups) || [];
      var list = steps();
      followUps.textContent = "";
      revealed.textContent = "";
      list.slice(0, shown).forEach(function (step) {
        if (step.follow !== undefined) {
          followUps.appendChild(el("li", {}, [rich(html[step.follow], all[step.follow])]));
        } else {
          var body = block(current, step.block, "div", "practice-" + step.block);
          revealed.appendChild(el("section", { class: "practice-block", "aria-label": step.label }, [
            el("h3", {}, [step.label]), body
          ]));
        }
      });
      followUps.hidden = !followUps.firstChild;
      reveal.disabled = shown >= list.length;
      var next = list[shown];
      reveal.textContent = !list.length ? "No follow-ups"
        : !next ? "All shown"
          : next.follow !== undefined ? "Next follow-up (" + (next.follow + 1) + " of " + all.length + ")"
            : "Show the " + next.label.toLowerCase();
    }

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      if (action === "reveal" && current) {
        shown = Math.min(shown + 1, steps().length);
        showFollowUps();
      } else if (action === "reviewed" && current) {
        // The second click of a double click would mark the next question unread.
        if (event.detail > 1) return;
        var done = words(current);
        if (!setReviewed(current.id, true)) {
          status.textContent = "Could not mark it reviewed: this browser's storage is full.";
          return;
        }
        draw();
        status.textContent = "Marked reviewed: " + done;
        // Off the button, onto the new question: Enter or Space pressed again would
        // otherwise mark the next question before it is read.
        question.focus();
      } else if (action === "skip") {
        draw();
        status.textContent = "";
      } else if (action === "all" || action === "none") {
        topicBoxes.forEach(function (label) { label.querySelector("input").checked = action === "all"; });
        changed();
      }
    });

    function changed() {
      topicBoxes.forEach(function (label) {
        var input = label.querySelector("input");
        chosen.set(input.value, input.checked);
      });
      var slugs = guide.topics.filter(function (topic) { return chosen.get(topic.slug); }).map(function (topic) { return topic.slug; });
      var query = slugs.length && slugs.length < guide.topics.length ? "?topics=" + slugs.join(",") : location.pathname;
      history.replaceState(history.state, "", query);
      deck = [];
      current = null;
      status.textContent = "";
      draw();
    }
    options.addEventListener("change", changed);
    hooks.push(function () {
      if (current) meta.textContent = describe(current);
    });
    draw();
  }

  // ---- The kit builder: ids in the URL (?ids=a,b) or this browser's kit.
  // Not ?q=, which Material reads as a search to open over the page. Kit links
  // shared with ?q= still open the kit: overrides/main.html renames it before
  // Material starts, and it is read here too, for an instant navigation to one.

  // A few of any number of names: a link or storage can hold thousands, and a
  // message must stay a line.
  function listed(names) {
    var shown = names.slice(0, 5).map(function (name) {
      return name.length > 60 ? name.slice(0, 59) + "…" : name;
    });
    if (names.length > shown.length) shown.push("and " + number(names.length - shown.length) + " more");
    return shown.join(", ");
  }

  // Ids in pasted text, in the forms the CLI reads: an id, a short link
  // (q/<id>/), any link ending in #<id>, a kit link (?ids=a,b, or ?q=a,b from
  // before) or a topic link.
  function idsIn(text, guide) {
    var found = [];
    var unknown = [];
    function add(candidate) {
      var id = candidate.trim().replace(/^[<("'\[]+|[>)"'\].,;:]+$/g, "").toLowerCase();
      if (!id) return;
      // Any wording of a group is the group: one entry, under its first wording's id.
      if (guide.byId.has(id)) found.push(guide.byId.get(id).group || id); else unknown.push(id);
    }
    String(text).split(/\s+/).forEach(function (token) {
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
    return { found: unique(found), unknown: unknown };
  }

  function kitApp(app, guide) {
    var previous = null;
    var status = el("p", { class: "guide-status", role: "status" });
    var params = new URLSearchParams(location.search);
    var wanted = params.has("ids") ? params.get("ids") : params.get("q");
    var seen = session ? session.getItem(KIT_SEEN) : null;
    if (wanted && wanted !== seen) {
      // A kit link from elsewhere (not this tab's own address for its kit): it becomes
      // this browser's kit, and the kit it replaces can be restored.
      var shared = idsIn("?ids=" + wanted, guide);
      var mine = kitIds().filter(function (id) { return guide.byId.has(id); });
      var said = [];
      if (mine.length && mine.join(",") !== shared.found.join(",")) {
        previous = mine;
        said.push("Opened the kit from the link; your previous kit can be restored.");
      }
      if (shared.unknown.length) said.push("Not in the guide: " + listed(shared.unknown) + ".");
      if (!put(KIT, shared.found.length ? JSON.stringify(shared.found) : null)) {
        said = ["The link's kit could not be kept: this browser's storage is full."];
      }
      status.textContent = said.join(" ");
    }

    var paste = el("textarea", {
      id: "kit-paste", rows: "3", spellcheck: "false",
      placeholder: "bias-variance-tradeoff\n" + siteUrl("q/backpropagation/")
    });
    var share = el("input", { id: "kit-url", type: "url", readonly: "readonly" });
    var restore = button("", "restore", { class: "md-button guide-button" });
    var printButton = button("Print the kit", "print", { class: "md-button md-button--primary guide-button" });
    var clearButton = button("Clear the kit", "clear", { class: "md-button guide-button" });
    var controls = el("div", { class: "kit-controls" }, [
      el("div", { class: "kit-field" }, [
        el("label", { for: "kit-paste" }, ["Add questions by pasting their links or ids (any number, one per line or separated by spaces)"]),
        paste,
        el("div", { class: "guide-actions" }, [button("Add to kit", "add", { class: "md-button guide-button" })])
      ]),
      el("div", { class: "kit-field" }, [
        el("label", { for: "kit-url" }, ["Link to this kit: it opens the same questions on any machine"]),
        el("div", { class: "kit-share" }, [share, button("Copy link", "copy", { class: "md-button guide-button" })])
      ]),
      el("div", { class: "guide-actions" }, [
        printButton,
        clearButton,
        restore
      ]),
      status
    ]);
    var heading = el("h2", { class: "kit-heading", id: "kit-questions" });
    var list = el("ol", { class: "kit-list", "aria-labelledby": "kit-questions" });
    var empty = el("div", { class: "kit-empty" });
    var printed = el("p", { class: "kit-print-url" });
    app.appendChild(controls);
    app.appendChild(heading);
    app.appendChild(empty);
    app.appendChild(list);
    app.appendChild(printed);

    // The stored kit, as far as it can be read and names questions of this guide.
    // The rest is dropped from storage with a word to the reader, so that nothing
    // once stored (by a link, another version, a hand edit) can keep the page broken.
    function tidy() {
      var stored = storedKit();
      var known = stored.ids.filter(function (id) { return guide.byId.has(id); });
      var unknown = stored.ids.filter(function (id) { return !guide.byId.has(id); });
      // A wording that has since joined a group is kept as its group, once.
      var ids = unique(known.map(function (id) { return guide.byId.get(id).group || id; }));
      if (!stored.unreadable && !stored.invalid && !unknown.length && ids.length === known.length) return ids;
      put(KIT, ids.length ? JSON.stringify(ids) : null);
      var said = [];
      if (stored.unreadable) said.push("The kit saved in this browser could not be read, so it was emptied.");
      if (stored.invalid) said.push("Dropped " + number(stored.invalid) + " unreadable " + (stored.invalid === 1 ? "entry" : "entries") + " from the saved kit.");
      if (unknown.length) said.push("Dropped from the saved kit, not in the guide: " + listed(unknown) + ".");
      status.textContent = said.join(" ");
      return ids;
    }

    function draw(focus) {
      var ids = tidy();
      var query = ids.length ? "?ids=" + ids.join(",") : "";
      share.value = siteUrl("kit/" + query);
      printed.textContent = ids.length ? "This kit online: " + share.value : "";
      if (session) session.setItem(KIT_SEEN, ids.join(","));
      if (location.search !== query) history.replaceState(history.state, "", query || location.pathname);
      heading.textContent = ids.length === 1 ? "1 question" : ids.length + " questions";
      printButton.disabled = clearButton.disabled = !ids.length;
      restore.hidden = !previous;
      restore.textContent = previous ? "Restore my previous kit (" + previous.length + ")" : "";
      empty.hidden = ids.length > 0;
      if (!ids.length && !empty.firstChild) {
        empty.appendChild(el("p", {}, ["The kit is empty. Tick “Add to kit” under any question on a topic page, or paste links above. Topics:"]));
        empty.appendChild(el("ul", {}, guide.topics.map(function (topic) {
          return el("li", {}, [el("a", { href: siteUrl(topic.url) }, [topic.title])]);
        })));
      }
      list.textContent = "";
      ids.forEach(function (id, index) {
        var q = guide.byId.get(id);
        var html = q.html || {};
        var label = words(q);
        var item = el("li", { class: "kit-item", "data-id": id }, [
          el("p", { class: "kit-question" }, [
            el("a", { href: siteUrl(q.url) }, [unlinked(rich(html.text, q.text))]),
            el("span", { class: "kit-topic" }, [q.topic.title])
          ])
        ]);
        [block(q, "context"), block(q, "figure")].forEach(function (node) {
          if (node) item.appendChild(node);
        });
        var asked = q.follow_ups.map(function (text, at) { return rich((html.follow_ups || [])[at], text); })
          .concat((q.more_follow_ups || []).map(function (text, at) { return rich((html.more_follow_ups || [])[at], text); }));
        if (asked.length) {
          item.appendChild(el("ul", { class: "kit-followups", "aria-label": "Follow-ups" }, asked.map(function (node) {
            return el("li", {}, [node]);
          })));
        }
        // For the interviewer: what a good answer covers, folded on screen, printed open;
        // for a group, every bank's answer, named by its bank.
        var answered = (guide.members.get(id) || [q]).filter(function (wording) { return block(wording, "answer"); });
        answered.forEach(function (wording) {
          var credit = answered.length > 1 ? " (" + wording.bank + ")" : "";
          item.appendChild(el("details", { class: "answer kit-answer" }, [
            el("summary", {}, ["What a good answer covers" + credit]), block(wording, "answer", "div", "answer-body")
          ]));
        });
        item.appendChild(el("div", { class: "kit-item-tools" }, [
          button("Move up", "up", { class: "guide-button", "aria-label": "Move up: " + label, disabled: index === 0 }),
          button("Move down", "down", { class: "guide-button", "aria-label": "Move down: " + label, disabled: index === ids.length - 1 }),
          button("Remove", "remove", { class: "guide-button", "aria-label": "Remove: " + label })
        ]));
        list.appendChild(item);
      });
      if (focus) {
        var target = list.querySelector('[data-id="' + focus.id + '"] [data-action="' + focus.action + '"]:not(:disabled)') ||
          list.querySelector('[data-id="' + focus.id + '"] button:not(:disabled)') || heading;
        if (target === heading) heading.setAttribute("tabindex", "-1");
        target.focus();
      }
    }

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      var ids = kitIds();
      var item = target.closest(".kit-item");
      var id = item && item.getAttribute("data-id");
      var index = ids.indexOf(id);
      if (action === "add") {
        var pasted = idsIn(paste.value, guide);
        var have = new Set(ids);
        var added = pasted.found.filter(function (other) { return !have.has(other); });
        if (!saveKit(ids.concat(added))) {
          status.textContent = "Could not add: this browser's storage is full.";
          return;
        }
        var said = "Added " + added.length + (added.length === 1 ? " question" : " questions");
        if (pasted.found.length > added.length) said += "; " + (pasted.found.length - added.length) + " already in the kit";
        if (pasted.unknown.length) said += "; not found: " + listed(pasted.unknown);
        status.textContent = said + ".";
        if (!pasted.unknown.length) paste.value = "";
      } else if ((action === "up" || action === "down") && index >= 0) {
        var to = action === "up" ? index - 1 : index + 1;
        ids.splice(to, 0, ids.splice(index, 1)[0]);
        put(KIT, JSON.stringify(ids));
        draw({ id: id, action: action });
      } else if (action === "remove" && index >= 0) {
        ids.splice(index, 1);
        put(KIT, ids.length ? JSON.stringify(ids) : null);
        var next = ids[Math.min(index, ids.length - 1)];
        draw(next ? { id: next, action: "remove" } : { id: "", action: "" });
        status.textContent = "Removed: " + words(guide.byId.get(id));
      } else if (action === "copy") {
        share.select();
        var done = function () { status.textContent = "Link copied."; };
        if (navigator.clipboard) navigator.clipboard.writeText(share.value).then(done, function () {});
      } else if (action === "print") {
        window.print();
      } else if (action === "clear") {
        previous = ids.length ? ids : previous;
        saveKit([]);
        status.textContent = "The kit is empty.";
      } else if (action === "restore" && previous) {
        saveKit(previous);
        previous = null;
        status.textContent = "Your previous kit is back.";
      }
    });
    hooks.push(function () { draw(null); });
    draw(null);
  }

  // ---- Wiring: run on every page Material shows, instant navigation included.

  function enhance() {
    hooks = [];
    questionTools();
    shortLinks();
    document.querySelectorAll(".guide-marks").forEach(function (panel) {
      if (!panel.firstChild) marksPanel(panel);
    });
    document.querySelectorAll(".guide-app[data-app]:not([data-ready])").forEach(function (app) {
      app.setAttribute("data-ready", "");
      var start = app.getAttribute("data-app") === "kit" ? kitApp : practiceApp;
      loadGuide().then(function (guide) {
        if (app.isConnected) start(app, guide);
      }).catch(failed(app));
    });
    refresh();
  }

  // A question has one address to share, its short link /q/<id>/, which follows the
  // question wherever it moves. "Copy link" copies it; the heading's ¶ (MkDocs makes
  // it page#id) is pointed at it and copies it too, so the two never disagree.
  // Without JavaScript the ¶ stays the page link, which works as well.
  function copyLinkOf(id) {
    return isId(id) ? document.querySelector('.question-tools[data-question="' + id + '"] a.copy-link') : null;
  }

  function shortUrl(id) {
    var copy = copyLinkOf(id);
    return new URL(copy ? copy.getAttribute("data-short") : "q/" + id + "/", root()).href;
  }

  function shortLinks() {
    document.querySelectorAll("h2.question[id] > a.headerlink").forEach(function (anchor) {
      var id = anchor.parentNode.id;
      if (!isId(id)) return;
      anchor.setAttribute("href", shortUrl(id));
      anchor.setAttribute("title", "Copy a permanent link to this question");
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.copy-link, h2.question[id] > a.headerlink");
    if (!link || !navigator.clipboard) return;
    var id = link.classList.contains("headerlink") ? link.parentNode.id : null;
    if (id !== null && !isId(id)) return;
    var copy = id === null ? link : copyLinkOf(id);
    var url = id === null ? new URL(link.getAttribute("data-short"), root()).href : shortUrl(id);
    event.preventDefault();
    navigator.clipboard.writeText(url).then(function () {
      // Said on the question's "Copy link", whichever was clicked: one place to look.
      [link, copy].forEach(function (node) { if (node) node.classList.add("copied"); });
      if (copy) copy.textContent = "Copied";
      setTimeout(function () {
        [link, copy].forEach(function (node) { if (node) node.classList.remove("copied"); });
        if (copy) copy.textContent = "Copy link";
      }, 2000);
    }, function () {});
  });

  // Printing shows every follow-up. guide.css does it where the browser can
  // style closed <details>; elsewhere they are opened for the print and closed after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.followups:not([open]), details.answer:not([open]), details.hint:not([open])").forEach(function (details) {
      details.open = true;
      openedForPrint.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  // A link to page#question for a question that moved to another page (or whose
  // page is gone) is sent to the question's short link, which knows where it is now.
  // Only the fragment that was asked for counts: the one in the address the page
  // was opened with, in the link followed, or typed. Material's navigation.tracking
  // also writes the fragment of the section in view, and can do so late, onto the
  // next page's address; following that would send the reader back where they were.
  var requested = location.hash;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link) requested = new URL(link.href, location.href).hash;
  }, true);
  window.addEventListener("popstate", function () {
    requested = location.hash;
  });

  function followMovedQuestion() {
    var id = decodeURIComponent(requested.slice(1));
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || document.getElementById(id)) return;
    var target = new URL("q/" + id + "/", root());
    fetch(target, { method: "HEAD" }).then(function (response) {
      if (response.ok) location.replace(target.href);
    }, function () {});
  }

  function onPage() {
    enhance();
    followMovedQuestion();
  }

  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
  window.addEventListener("hashchange", function () {
    requested = location.hash;
    followMovedQuestion();
  });
})();
