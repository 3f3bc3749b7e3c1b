// The guide's own behaviour, on top of Material. Everything here is an
// enhancement: with JavaScript off, links and pages still work, and none of the
// controls below is drawn (reviewed boxes, progress, practice, the kit builder).
//
// What is remembered lives in this browser's localStorage, keyed by question id
// (the id survives rewording and moves between topics):
//   studyguide:reviewed:<id> = "1"   one key per question marked reviewed
//   studyguide:kit           = ["id", ...]   the kit's questions, in order (JSON)
// Practice and the kit builder read the guide from questions.json (site root).
// Seed text is data: it is only ever put on the page through inline(), which
// makes text nodes and <em>/<strong>/<code>, never HTML.
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var REVIEWED = "studyguide:reviewed:";
  var KIT = "studyguide:kit";
  var KIT_SEEN = "studyguide:kit-url";  // sessionStorage: the last ?q= this tab wrote
  var SCHEMA = 1;  // of the exported marks file

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
  var memory = {};
  var local = probe("localStorage");
  var session = probe("sessionStorage");

  function get(key) {
    return local ? local.getItem(key) : (memory[key] === undefined ? null : memory[key]);
  }

  function put(key, value) {
    try {
      if (value === null) {
        if (local) local.removeItem(key); else delete memory[key];
      } else if (local) {
        local.setItem(key, value);
      } else {
        memory[key] = value;
      }
    } catch (error) { /* storage full: the mark lasts for this page only */ }
  }

  function keys() {
    if (!local) return Object.keys(memory);
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
    put(REVIEWED + id, on ? "1" : null);
    refresh();
  }

  function unique(ids) {
    return ids.filter(function (id, index) {
      return isId(id) && ids.indexOf(id) === index;
    });
  }

  function kitIds() {
    try {
      var ids = JSON.parse(get(KIT) || "[]");
      return Array.isArray(ids) ? unique(ids) : [];
    } catch (error) {
      return [];
    }
  }

  function saveKit(ids) {
    put(KIT, ids.length ? JSON.stringify(unique(ids)) : null);
    refresh();
  }

  function setInKit(id, on) {
    var ids = kitIds().filter(function (other) { return other !== id; });
    if (on) ids.push(id);
    saveKit(ids);
  }

  // ---- Building the page: elements, and seed text as inline Markdown.

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

  // `code`, backslash escapes, [links](url) and ![images](src), **strong**,
  // *em*, and character references; whatever else is text.
  var INLINE = new RegExp([
    "(`+)([\\s\\S]*?[^`])\\1(?!`)",
    "\\\\([!-/:-@[-`{-~])",
    "(!?)\\[([^\\]]*)\\]\\(((?:[^()\\s]|\\([^()\\s]*\\))*)\\)",
    "\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*",
    "\\*(?=\\S)([\\s\\S]*?\\S)\\*",
    "&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos|nbsp);"
  ].join("|"));
  var NAMED = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };
  var UNSAFE_URL = /^\s*(?:javascript|vbscript|file|data):/i;

  function character(reference) {
    if (reference.charAt(0) !== "#") return NAMED[reference];
    var code = /^#x/i.test(reference) ? parseInt(reference.slice(2), 16) : parseInt(reference.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  }

  function inline(text) {
    var out = document.createDocumentFragment();
    var rest = String(text);
    var match;
    while (rest && (match = INLINE.exec(rest))) {
      var node = null;
      var used = match[0].length;
      if (match[1]) {
        node = el("code", {}, [match[2].replace(/^ ([\s\S]*[^ ][\s\S]*) $/, "$1")]);
      } else if (match[3]) {
        node = document.createTextNode(match[3]);
      } else if (match[6] !== undefined) {
        if (match[4]) {
          node = document.createTextNode(match[5]);  // an image shows as its alt text
        } else if (UNSAFE_URL.test(match[6])) {
          node = document.createTextNode("[");  // not a link: read on as text
          used = 1;
        } else {
          node = el("span", {}, [inline(match[5])]);  // a link's words, without the link
        }
      } else if (match[7]) {
        node = el("strong", {}, [inline(match[7])]);
      } else if (match[8]) {
        node = el("em", {}, [inline(match[8])]);
      } else {
        node = document.createTextNode(character(match[9]));
      }
      if (match.index) out.appendChild(document.createTextNode(rest.slice(0, match.index)));
      out.appendChild(node);
      rest = rest.slice(match.index + used);
    }
    if (rest) out.appendChild(document.createTextNode(rest));
    return out;
  }

  function plain(text) {
    return el("span", {}, [inline(text)]).textContent;
  }

  // questions.json, fetched once per site root and indexed by id.
  var guides = {};
  function loadGuide() {
    var url = siteUrl("questions.json");
    if (!guides[url]) {
      guides[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      }).then(function (data) {
        data.byId = {};
        data.questions.forEach(function (question) { data.byId[question.id] = question; });
        return data;
      });
      guides[url].catch(function () { delete guides[url]; });
    }
    return guides[url];
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
      chosen.text().then(function (text) {
        var data = JSON.parse(text);
        if (!data || data.schema !== SCHEMA || !Array.isArray(data.reviewed)) throw new Error("not an export");
        var ids = unique(data.reviewed);
        var added = ids.filter(function (id) { return !isReviewed(id); });
        ids.forEach(function (id) { put(REVIEWED + id, "1"); });
        refresh();
        status.textContent = "Imported " + ids.length + " marks, " + added.length + " of them new.";
      }).catch(function () {
        status.textContent = "That file is not an export of reviewed marks; nothing was changed.";
      });
    });
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
    var chosen = {};
    guide.topics.forEach(function (topic) {
      chosen[topic.slug] = wanted.indexOf(topic.slug) >= 0;
    });
    if (!guide.topics.some(function (topic) { return chosen[topic.slug]; })) {
      guide.topics.forEach(function (topic) { chosen[topic.slug] = true; });
    }
    var deck = [];
    var current = null;
    var shown = 0;

    var topicBoxes = guide.topics.map(function (topic) {
      var input = el("input", { type: "checkbox", value: topic.slug });
      input.checked = chosen[topic.slug];
      return el("label", { class: "guide-check" }, [input, topic.title + " (" + topic.questions.length + ")"]);
    });
    var fresh = el("input", { type: "checkbox", "data-option": "unreviewed" });
    var summary = el("summary");
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
      el("label", { class: "guide-check" }, [fresh, "Only questions I have not marked reviewed"])
    ]);

    var meta = el("p", { class: "practice-meta" });
    var question = el("h2", { class: "practice-question", id: "practice-question", tabindex: "-1" });
    var followUps = el("ol", { class: "practice-followups", "aria-label": "Follow-ups", "aria-live": "polite" });
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
      meta, el("div", { "aria-live": "polite" }, [question]), followUps, actions,
      el("p", { class: "practice-links" }, [open, kitBox]), status
    ]);
    app.appendChild(options);
    app.appendChild(card);

    function pool() {
      return guide.questions.filter(function (q) {
        return chosen[q.topic.slug] && !(fresh.checked && isReviewed(q.id));
      }).map(function (q) { return q.id; });
    }

    function draw() {
      var ids = pool();
      var last = current && current.id;
      deck = deck.filter(function (id) { return ids.indexOf(id) >= 0; });
      if (!deck.length) {
        deck = shuffle(ids.slice());
        if (deck.length > 1 && deck[0] === last) deck.push(deck.shift());
      }
      current = deck.length ? guide.byId[deck.shift()] : null;
      shown = 0;
      render();
    }

    function render() {
      var ids = pool();
      var count = guide.topics.filter(function (topic) { return chosen[topic.slug]; }).length;
      summary.textContent = "Topics: " + (count === guide.topics.length ? "all " + count : count + " of " + guide.topics.length) +
        (fresh.checked ? ", not yet reviewed" : "") + " · " + ids.length + " questions";
      card.hidden = false;
      question.textContent = "";
      followUps.textContent = "";
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
      meta.textContent = current.topic.title + (isReviewed(current.id) ? " · reviewed" : "");
      question.appendChild(inline(current.text));
      open.setAttribute("href", siteUrl(current.url));
      var input = kitBox.querySelector("input");
      input.setAttribute("data-id", current.id);
      input.checked = kitIds().indexOf(current.id) >= 0;
      showFollowUps();
    }

    function showFollowUps() {
      var all = current.follow_ups;
      while (followUps.children.length < shown) {
        followUps.appendChild(el("li", {}, [inline(all[followUps.children.length])]));
      }
      followUps.hidden = shown === 0;
      reveal.disabled = shown >= all.length;
      reveal.textContent = !all.length ? "No follow-ups"
        : shown >= all.length ? "All " + all.length + " follow-ups shown"
          : "Next follow-up (" + (shown + 1) + " of " + all.length + ")";
    }

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      if (action === "reveal" && current) {
        shown = Math.min(shown + 1, current.follow_ups.length);
        showFollowUps();
      } else if (action === "reviewed" && current) {
        var done = plain(current.text);
        setReviewed(current.id, true);
        draw();
        status.textContent = "Marked reviewed: " + done;
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
        chosen[input.value] = input.checked;
      });
      var slugs = guide.topics.filter(function (topic) { return chosen[topic.slug]; }).map(function (topic) { return topic.slug; });
      var query = slugs.length && slugs.length < guide.topics.length ? "?topics=" + slugs.join(",") : location.pathname;
      history.replaceState(history.state, "", query);
      deck = [];
      current = null;
      status.textContent = "";
      draw();
    }
    options.addEventListener("change", changed);
    hooks.push(function () {
      if (current) meta.textContent = current.topic.title + (isReviewed(current.id) ? " · reviewed" : "");
    });
    draw();
  }

  // ---- The kit builder: ids in the URL (?q=a,b) or this browser's kit.

  // Ids in pasted text, in the forms the CLI reads: an id, a short link
  // (q/<id>/), any link ending in #<id>, a kit link (?q=a,b) or a topic link.
  function idsIn(text, guide) {
    var found = [];
    var unknown = [];
    function add(candidate) {
      var id = candidate.trim().replace(/^[<("'\[]+|[>)"'\].,;:]+$/g, "").toLowerCase();
      if (!id) return;
      if (guide.byId[id]) found.push(id); else unknown.push(id);
    }
    String(text).split(/\s+/).forEach(function (token) {
      var value;
      try { value = decodeURIComponent(token); } catch (error) { value = token; }
      var kit = /[?&]q=([^&#]*)/.exec(value);
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
    var wanted = new URLSearchParams(location.search).get("q");
    var seen = session ? session.getItem(KIT_SEEN) : null;
    if (wanted && wanted !== seen) {
      // A kit link from elsewhere (not this tab's own address for its kit): it becomes
      // this browser's kit, and the kit it replaces can be restored.
      var shared = idsIn("?q=" + wanted, guide);
      var mine = kitIds();
      var said = [];
      if (mine.length && mine.join(",") !== shared.found.join(",")) {
        previous = mine;
        said.push("Opened the kit from the link; your previous kit can be restored.");
      }
      if (shared.unknown.length) said.push("Not in the guide any more: " + shared.unknown.join(", ") + ".");
      put(KIT, shared.found.length ? JSON.stringify(shared.found) : null);
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

    function draw(focus) {
      var ids = kitIds().filter(function (id) { return guide.byId[id]; });
      var query = ids.length ? "?q=" + ids.join(",") : "";
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
        var q = guide.byId[id];
        var words = plain(q.text);
        var item = el("li", { class: "kit-item", "data-id": id }, [
          el("p", { class: "kit-question" }, [
            el("a", { href: siteUrl(q.url) }, [inline(q.text)]),
            el("span", { class: "kit-topic" }, [q.topic.title])
          ])
        ]);
        if (q.follow_ups.length) {
          item.appendChild(el("ul", { class: "kit-followups", "aria-label": "Follow-ups" }, q.follow_ups.map(function (text) {
            return el("li", {}, [inline(text)]);
          })));
        }
        item.appendChild(el("div", { class: "kit-item-tools" }, [
          button("Move up", "up", { class: "guide-button", "aria-label": "Move up: " + words, disabled: index === 0 }),
          button("Move down", "down", { class: "guide-button", "aria-label": "Move down: " + words, disabled: index === ids.length - 1 }),
          button("Remove", "remove", { class: "guide-button", "aria-label": "Remove: " + words })
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
        var added = pasted.found.filter(function (other) { return ids.indexOf(other) < 0; });
        saveKit(ids.concat(added));
        var said = "Added " + added.length + (added.length === 1 ? " question" : " questions");
        if (pasted.found.length > added.length) said += "; " + (pasted.found.length - added.length) + " already in the kit";
        if (pasted.unknown.length) said += "; not found: " + pasted.unknown.join(", ");
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
        status.textContent = "Removed: " + plain(guide.byId[id].text);
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

  // "Copy link" copies the question's short link, /q/<id>/, instead of following it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.copy-link");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var url = new URL(link.getAttribute("data-short"), root()).href;
    navigator.clipboard.writeText(url).then(function () {
      link.classList.add("copied");
      link.textContent = "Copied";
      setTimeout(function () {
        link.classList.remove("copied");
        link.textContent = "Copy link";
      }, 2000);
    });
  });

  // Printing shows every follow-up. guide.css does it where the browser can
  // style closed <details>; elsewhere they are opened for the print and closed after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.followups:not([open])").forEach(function (details) {
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
