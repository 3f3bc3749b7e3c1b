// The guide's own behaviour, on top of Material. Everything here is an
// enhancement: with JavaScript off, links and pages still work, and none of the
// controls below is drawn (reviewed boxes, progress, review, practice, the kit).
//
// This file runs on every page and stays small (it counts against every page's
// first-load budget). The tools of single pages (home, review, practice, the kit
// builder, the 404 page) are apps in guide-<name>.js, loaded only where their
// page has a <div class="guide-app" data-app="name">; they use the helpers
// exported here as window.StudyGuide.
//
// What is remembered lives in this browser's localStorage, keyed by question id
// (the id survives rewording and moves between topics):
//   studyguide:reviewed:<id> = "1"   one key per question marked reviewed
//   studyguide:kit           = ["id", ...]   the kit's questions, in order (JSON)
//   studyguide:kit-meta      = {title, notes, minutes}   the kit's words (guide-kit.js)
//   studyguide:card:<id>     = an FSRS card (guide-cards.js), once reviewed on Review
//   studyguide:review-days   = {"YYYY-MM-DD": [reviews, new]}, for the streak
//   studyguide:hide-reviewed = "1"   topic pages hide reviewed questions
// Storage is read as untrusted: another version of the site, a hand edit or a
// crafted link may have left anything there, and no stored value may break a page.
// The apps read the guide from questions.json (site root).
// Seed text is data: it reaches the page only as questions.json's `html`, which the
// generator's one sanitising renderer made; it is inserted as it is (see rich()),
// never parsed here, and plain text (labels, messages) is that HTML's textContent.
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var REVIEWED = "studyguide:reviewed:";
  var KIT = "studyguide:kit";
  var HIDE_REVIEWED = "studyguide:hide-reviewed";

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

  // The ids stored under "<prefix><id>" keys, sorted; keys whose rest is no id are left out.
  function idsUnder(prefix) {
    return keys().filter(function (key) {
      return key.indexOf(prefix) === 0 && isId(key.slice(prefix.length));
    }).map(function (key) {
      return key.slice(prefix.length);
    }).sort();
  }

  // JSON stored under ``key``, or ``fallback`` when it is missing or unreadable.
  function getJson(key, fallback) {
    try {
      var value = JSON.parse(get(key));
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function isReviewed(id) {
    return get(REVIEWED + id) === "1";
  }

  function reviewedIds() {
    return idsUnder(REVIEWED);
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
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
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

  // Every follow-up of a question (its group's other wordings' included), as nodes.
  function followUpNodes(q) {
    var html = q.html || {};
    return q.follow_ups.map(function (text, at) { return rich((html.follow_ups || [])[at], text); })
      .concat((q.more_follow_ups || []).map(function (text, at) {
        return rich((html.more_follow_ups || [])[at], text);
      }));
  }

  // questions.json, fetched once per site root and indexed by id. The indexes are
  // Maps: ids come from links and storage, and in a plain object "constructor" or
  // "toString" would be found (Object.prototype's) and taken for a question.
  var guides = new Map();
  function loadGuide() {
    var url = siteUrl("questions.json");
    if (!guides.has(url)) {
      var loading = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      }).then(index);
      loading.catch(function () { guides.delete(url); });
      guides.set(url, loading);
    }
    return guides.get(url);
  }

  function index(data) {
    data.byId = new Map();
    data.members = new Map();
    data.questions.forEach(function (question) {
      data.byId.set(question.id, question);
      // The same question in several banks is one group, shown by its first wording.
      var group = question.group || question.id;
      if (!data.members.has(group)) data.members.set(group, []);
      data.members.get(group).push(question);
    });
    // Where an id that left the guide went: merged into a live question, or nowhere.
    data.movedTo = new Map();
    (data.retired || []).forEach(function (record) {
      data.movedTo.set(record.id, data.byId.has(record.into) ? record.into : null);
    });
    data.concepts = data.concepts || [];
    return data;
  }

  // The live question an id stands for now (a group's first wording, or the question
  // a retired id was merged into), or null when the guide no longer has it.
  function current(guide, id) {
    if (guide.movedTo.has(id)) id = guide.movedTo.get(id);
    var q = id === null ? null : guide.byId.get(id);
    return q ? q.group || q.id : null;
  }

  function failed(app) {
    return function (error) {
      app.textContent = "";
      app.appendChild(el("p", { class: "guide-status guide-error", role: "alert" }, [
        "The questions could not be loaded (" + error.message + "). Reload the page to try again."
      ]));
    };
  }

  function number(count) {
    return count.toLocaleString("en");
  }

  function plural(count, noun, nouns) {
    return number(count) + " " + (count === 1 ? noun : nouns || noun + "s");
  }

  // A few of any number of names: a link or storage can hold thousands, and a
  // message must stay a line.
  function listed(names) {
    var shown = names.slice(0, 5).map(function (name) {
      return name.length > 60 ? name.slice(0, 59) + "…" : name;
    });
    if (names.length > shown.length) shown.push("and " + number(names.length - shown.length) + " more");
    return shown.join(", ");
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = items[i]; items[i] = items[j]; items[j] = swap;
    }
    return items;
  }

  // Single-key shortcuts of an app (Space, N, 1…): only while the app is on the
  // page, never while typing, never with a modifier, and not Space or Enter on a
  // control, which has its own meaning there. A key the app takes goes no further:
  // Material reads N and P as "next/previous page".
  function shortcuts(app, handle) {
    function listener(event) {
      if (!app.isConnected) {
        document.removeEventListener("keydown", listener);
        return;
      }
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      if (/^( |Enter)$/.test(event.key) && target.closest && target.closest("button, a, summary, label")) return;
      if (document.documentElement.querySelector("[data-md-toggle=search]:checked")) return;
      if (handle(event.key === " " ? "Space" : event.key.toLowerCase())) {
        event.preventDefault();
        event.stopPropagation();
      }
    }
    document.addEventListener("keydown", listener);
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
    hideReviewed();
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

  // ---- Topic pages: open or close every question's blocks, hide what is reviewed.

  // The blocks a reader opens to study: follow-ups, hints and answers (not the
  // related-question lists, which lead elsewhere).
  var STUDY_BLOCKS = "article details.followups, article details.hint, article details.answer";

  function topicTools(box) {
    if (box.firstChild) return;
    var hide = button("Hide reviewed", "hide-reviewed", { class: "guide-button", "aria-pressed": "false" });
    box.appendChild(el("div", { class: "guide-actions", role: "group", "aria-label": "All questions on this page" }, [
      button("Expand all", "expand-all", { class: "guide-button" }),
      button("Collapse all", "collapse-all", { class: "guide-button" }),
      hide
    ]));
    box.appendChild(el("p", { class: "guide-status", role: "status" }));
    box.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      if (action === "hide-reviewed") {
        put(HIDE_REVIEWED, get(HIDE_REVIEWED) === "1" ? null : "1");
        hideReviewed();
        return;
      }
      document.querySelectorAll(STUDY_BLOCKS).forEach(function (details) {
        details.open = action === "expand-all";
      });
    });
  }

  // A question's heading and everything under it, up to the next question.
  function questionParts(heading) {
    var parts = [heading];
    for (var node = heading.previousElementSibling; node && node.classList.contains("wording-anchor"); node = node.previousElementSibling) {
      parts.push(node);
    }
    for (node = heading.nextElementSibling; node && !node.matches("h1, h2, .wording-anchor"); node = node.nextElementSibling) {
      parts.push(node);
    }
    return parts;
  }

  function hideReviewed() {
    var box = document.querySelector(".topic-tools");
    if (!box) return;
    var on = get(HIDE_REVIEWED) === "1";
    var hidden = 0;
    document.querySelectorAll("article h2.question[id]").forEach(function (heading) {
      var gone = on && isReviewed(heading.id) && !heading.classList.contains("is-landed");
      if (gone) hidden++;
      questionParts(heading).forEach(function (part) { part.classList.toggle("is-hidden-reviewed", gone); });
    });
    var control = box.querySelector('[data-action="hide-reviewed"]');
    if (control) control.setAttribute("aria-pressed", String(on));
    var said = box.querySelector(".guide-status");
    if (said) said.textContent = on ? plural(hidden, "reviewed question") + " hidden." : "";
  }

  // ---- Landing on a question (its short link, or page#id): it is marked for a
  // moment and its follow-ups open, so the reader sees at once what was meant.

  function land(id) {
    var target = isId(id) ? document.getElementById(id) : null;
    if (!target) return;
    // A group's other wordings are anchors just before its heading.
    var heading = target.matches("h2.question") ? target : null;
    for (var node = target; !heading && node; node = node.nextElementSibling) {
      if (node.matches("h2.question")) heading = node;
    }
    if (!heading) return;
    questionParts(heading).forEach(function (part) {
      if (part.matches("details.followups")) part.open = true;
    });
    document.querySelectorAll(".is-landed").forEach(function (other) { other.classList.remove("is-landed"); });
    heading.classList.remove("is-landed");
    void heading.offsetWidth;  // restart the animation when the same question is landed on again
    heading.classList.add("is-landed");
    hideReviewed();
    inView(heading);
  }

  // The browser scrolls to page#id by itself, but a script of the theme's or a late
  // stylesheet can move the page after it (seen with Zensical): once the page has
  // loaded, bring the question back if it is out of sight.
  function inView(heading) {
    function check() {
      var top = heading.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight) heading.scrollIntoView({ block: "start" });
    }
    if (document.readyState === "complete") {
      requestAnimationFrame(check);
    } else {
      window.addEventListener("load", function () { requestAnimationFrame(check); }, { once: true });
    }
  }

  // ---- Short links: one address per question to share.

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

  // The copy button's words are its label and its tooltip: "Copied" shows in both.
  function sayCopied(copy, on) {
    var label = copy && copy.querySelector(".guide-tip");
    if (label) label.textContent = on ? "Copied" : "Copy link";
    else if (copy) copy.textContent = on ? "Copied" : "Copy link";
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
      sayCopied(copy, true);
      setTimeout(function () {
        [link, copy].forEach(function (node) { if (node) node.classList.remove("copied"); });
        sayCopied(copy, false);
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

  // ---- Apps: each page's tool, loaded with what it needs, once per site.

  // Each app's files, in order; a stylesheet is loaded before the app draws, so
  // nothing shows unstyled. (Review loads ts-fsrs itself, when it needs it.)
  var APPS = {
    home: ["guide-cards.js", "guide-home.js"],
    review: ["guide-apps.css", "guide-cards.js", "guide-review.js"],
    practice: ["guide-apps.css", "guide-practice.js"],
    kit: ["guide-apps.css", "guide-kit.js"],
    missing: ["guide-missing.js"]
  };
  var loaded = new Map();
  var api = { apps: {} };

  // A script or stylesheet of the site's assets, loaded once.
  function asset(name) {
    var css = /\.css$/.test(name);
    var url = siteUrl("assets/" + (css ? "stylesheets/" : "javascripts/") + name);
    if (!loaded.has(url)) {
      loaded.set(url, new Promise(function (resolve, reject) {
        var tag = css ? el("link", { rel: "stylesheet", href: url }) : el("script", { src: url });
        tag.onload = resolve;
        tag.onerror = function () {
          loaded.delete(url);
          tag.remove();
          reject(new Error("could not load " + name));
        };
        document.head.appendChild(tag);
      }));
    }
    return loaded.get(url);
  }

  function loadApp(name) {
    return APPS[name].reduce(function (ready, file) {
      return ready.then(function () { return asset(file); });
    }, Promise.resolve());
  }

  function startApps() {
    document.querySelectorAll(".guide-app[data-app]:not([data-ready])").forEach(function (app) {
      var name = app.getAttribute("data-app");
      if (!Object.prototype.hasOwnProperty.call(APPS, name)) return;
      app.setAttribute("data-ready", "");
      loadApp(name).then(function () {
        if (app.isConnected) api.apps[name](app);
      }).catch(failed(app));
    });
  }

  // "Add all to the kit" (concept pages): the ids are in the page.
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("button[data-add-to-kit]");
    if (!target) return;
    var ids = target.getAttribute("data-add-to-kit").split(" ").filter(isId);
    var have = kitIds();
    var added = ids.filter(function (id) { return have.indexOf(id) < 0; });
    var said = target.parentNode.querySelector(".guide-status");
    var kept = saveKit(have.concat(added));
    if (said) {
      said.textContent = !kept ? "Could not add: this browser's storage is full."
        : plural(added.length, "question") + " added to the kit" +
          (added.length < ids.length ? " (" + number(ids.length - added.length) + " already there)." : ".");
    }
  });

  function enhance() {
    hooks = [];
    shortLinks();
    document.querySelectorAll(".topic-tools").forEach(topicTools);
    document.querySelectorAll("button[data-add-to-kit][hidden]").forEach(function (add) { add.hidden = false; });
    startApps();
    refresh();
  }

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

  function requestedId() {
    try {
      return decodeURIComponent(requested.slice(1));
    } catch (error) {
      return "";
    }
  }

  function followMovedQuestion() {
    var id = requestedId();
    if (!isId(id)) return;
    if (document.getElementById(id)) {
      land(id);
      return;
    }
    var target = new URL("q/" + id + "/", root());
    fetch(target, { method: "HEAD" }).then(function (response) {
      if (response.ok) location.replace(target.href);
    }, function () {});
  }

  function onPage() {
    enhance();
    followMovedQuestion();
  }

  window.StudyGuide = Object.assign(api, {
    siteUrl: siteUrl, isId: isId, get: get, put: put, keys: keys, idsUnder: idsUnder,
    getJson: getJson, session: session, asset: asset, isReviewed: isReviewed, reviewedIds: reviewedIds,
    setReviewed: setReviewed, unique: unique, storedKit: storedKit, kitIds: kitIds,
    saveKit: saveKit, el: el, button: button, rich: rich, block: block, unlinked: unlinked,
    words: words, followUpNodes: followUpNodes, loadGuide: loadGuide, current: current,
    number: number, plural: plural, listed: listed, shuffle: shuffle, shortcuts: shortcuts,
    toggle: toggle, refresh: refresh, onRefresh: function (hook) { hooks.push(hook); },
    DIFFICULTY: { easy: "Easy", medium: "Medium", hard: "Hard" }
  });

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
