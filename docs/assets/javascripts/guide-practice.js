// Practice: a session through the questions chosen (topics, a concept, difficulty,
// only those not yet reviewed), shuffled, the follow-ups revealed one at a time,
// then the hint and the answer. Keys: Space reveals the next step, N the next
// question, R marks it reviewed (and moves on), U takes the last mark back.
// The address keeps the choice: ?topics=a,b, ?concept=c and ?banks=n (asked in at
// least n banks, where several banks ask the same question).
(function (S) {
  "use strict";

  S.apps.practice = function (app) {
    S.loadGuide().then(function (guide) {
      if (app.isConnected) start(app, guide);
    }, function (error) {
      app.textContent = "";
      app.appendChild(S.el("p", { class: "guide-status guide-error", role: "alert" }, [
        "The questions could not be loaded (" + error.message + "). Reload the page to try again."
      ]));
    });
  };

  function checkbox(value, label, checked, option) {
    var input = S.el("input", { type: "checkbox", value: value, "data-option": option });
    input.checked = checked;
    return S.el("label", { class: "guide-check" }, [input, label]);
  }

  function start(app, guide) {
    var params = new URLSearchParams(location.search);
    var wanted = (params.get("topics") || "").split(",");
    var anyTopic = !guide.topics.some(function (topic) { return wanted.indexOf(topic.slug) >= 0; });
    var topicBoxes = guide.topics.map(function (topic) {
      return checkbox(topic.slug, topic.title + " (" + topic.questions.length + ")", anyTopic || wanted.indexOf(topic.slug) >= 0, "topic");
    });
    var conceptSelect = S.el("select", { id: "practice-concept", "data-option": "concept" }, [S.el("option", { value: "" }, ["Any concept"])]
      .concat(guide.concepts.map(function (concept) {
        var option = S.el("option", { value: concept.slug }, [concept.name]);
        option.selected = concept.slug === params.get("concept");
        return option;
      })));
    // Difficulty, where the bank marks it: a question without a mark is "Unmarked".
    var levels = ["easy", "medium", "hard", ""].filter(function (level) {
      return guide.questions.some(function (q) { return (q.difficulty || "") === level; });
    });
    var levelBoxes = levels.length > 1 ? levels.map(function (level) {
      return checkbox(level, S.DIFFICULTY[level] || "Unmarked", true, "difficulty");
    }) : [];
    // How many banks ask each question (a group holds one wording per bank).
    var most = Math.max.apply(null, [1].concat(Array.from(guide.members.values()).map(function (m) { return m.length; })));
    var banksSelect = S.el("select", { id: "practice-banks", "data-option": "banks" }, [S.el("option", { value: "" }, ["Any number of banks"])]
      .concat(Array.from({ length: Math.max(0, most - 1) }, function (_, i) {
        var n = i + 2;
        var option = S.el("option", { value: String(n) }, [n === (guide.banks || []).length ? "Every bank (" + n + ")" : "At least " + n + " banks"]);
        option.selected = String(n) === params.get("banks");
        return option;
      })));
    var fresh = checkbox("", "Only questions I have not marked reviewed", false, "unreviewed");
    var summary = S.el("summary");
    var options = S.el("details", { class: "practice-options" }, [
      summary,
      S.el("fieldset", {}, [
        S.el("legend", {}, ["Topics"]),
        S.el("div", { class: "guide-actions" }, [
          S.button("All topics", "all", { class: "guide-button" }),
          S.button("None", "none", { class: "guide-button" })
        ]),
        S.el("div", { class: "practice-topics" }, topicBoxes)
      ]),
      guide.concepts.length ? S.el("p", { class: "practice-concept" }, [S.el("label", { for: "practice-concept" }, ["Concept "]), conceptSelect]) : null,
      most > 1 ? S.el("p", { class: "practice-banks" }, [S.el("label", { for: "practice-banks" }, ["Asked in "]), banksSelect]) : null,
      levelBoxes.length ? S.el("fieldset", { class: "practice-levels" }, [S.el("legend", {}, ["Difficulty"])].concat(levelBoxes)) : null,
      fresh
    ]);

    var meta = S.el("p", { class: "practice-meta", "aria-live": "polite" });
    var question = S.el("h2", { class: "practice-question", id: "practice-question", tabindex: "-1" });
    var setting = S.el("div", { class: "practice-setting" });
    var followUps = S.el("ol", { class: "practice-followups", "aria-label": "Follow-ups", "aria-live": "polite" });
    var revealed = S.el("div", { class: "practice-revealed", "aria-live": "polite" });
    var reveal = S.button("", "reveal", { class: "md-button md-button--primary guide-button", "aria-keyshortcuts": "Space" });
    var undo = S.button("Undo the last mark", "undo", { class: "md-button guide-button", "aria-keyshortcuts": "U" });
    var actions = S.el("div", { class: "guide-actions" }, [
      reveal,
      S.button("Mark reviewed", "reviewed", { class: "md-button guide-button", "aria-keyshortcuts": "R" }),
      S.button("Next question", "skip", { class: "md-button guide-button", "aria-keyshortcuts": "N" }),
      undo
    ]);
    var open = S.el("a", { href: S.siteUrl("") }, ["Open it on its topic page"]);
    var kitBox = S.toggle("kit", "", "Add to kit", "practice-question");
    var status = S.el("p", { class: "guide-status", role: "status" });
    var keys = S.el("p", { class: "guide-keys" }, ["Keys: Space next step · N next question · R reviewed · U undo"]);
    var links = S.el("p", { class: "practice-links" }, [open, kitBox]);
    var card = S.el("section", { class: "practice-card", "aria-labelledby": "practice-question" }, [
      meta, S.el("div", { "aria-live": "polite" }, [question]), setting, followUps, revealed, actions, links, status
    ]);
    var ending = S.el("section", { class: "review-summary", "aria-labelledby": "practice-done", hidden: "hidden" });
    app.appendChild(options);
    app.appendChild(card);
    app.appendChild(ending);
    app.appendChild(keys);

    var session = [];   // the session's questions, in the order drawn
    var at = 0;         // the one on screen
    var shown = 0;      // its steps revealed
    var marks = [];     // ids this session marked reviewed, latest last
    var passed = new Set();  // ids moved past without a mark

    function concept() {
      return conceptSelect.value;
    }

    function minBanks() {
      return Number(banksSelect.value) || 0;
    }

    function askedIn(id) {
      return (guide.members.get(id) || []).length || 1;
    }

    function chosenTopics() {
      return topicBoxes.filter(function (label) { return label.querySelector("input").checked; })
        .map(function (label) { return label.querySelector("input").value; });
    }

    function levelChosen(q) {
      return !levelBoxes.length || levelBoxes.some(function (label) {
        var input = label.querySelector("input");
        return input.checked && input.value === (q.difficulty || "");
      });
    }

    // The questions the choice names: each group once, by the wording shown for it.
    function pool() {
      var topics = new Set(chosenTopics());
      var unreviewed = fresh.querySelector("input").checked;
      return S.unique(guide.questions.filter(function (q) {
        return topics.has(q.topic.slug) && levelChosen(q) && (!concept() || q.concepts.indexOf(concept()) >= 0);
      }).map(function (q) { return q.group || q.id; }).filter(function (id) {
        return !(unreviewed && S.isReviewed(id)) && askedIn(id) >= minBanks();
      }));
    }

    function newSession(ids) {
      session = S.shuffle(ids.slice());
      at = 0;
      shown = 0;
      marks = [];
      passed = new Set();
      status.textContent = "";
      render();
    }

    function current() {
      return at < session.length ? guide.byId.get(session[at]) : null;
    }

    function render() {
      var topics = chosenTopics().length;
      var name = guide.concepts.filter(function (c) { return c.slug === concept(); })[0];
      summary.textContent = "Topics: " + (topics === guide.topics.length ? "all " + topics : topics + " of " + guide.topics.length) +
        (name ? ", concept: " + name.name : "") + (minBanks() ? ", asked in " + minBanks() + "+ banks" : "") + (fresh.querySelector("input").checked ? ", not yet reviewed" : "") +
        " · " + S.plural(pool().length, "question");
      var q = current();
      card.hidden = !q;
      ending.hidden = Boolean(q);
      undo.hidden = !marks.length;
      if (!q) {
        finish();
        return;
      }
      meta.textContent = describe(q);
      question.textContent = "";
      question.appendChild(S.rich(q.html && q.html.text, q.text));
      setting.textContent = "";
      [S.block(q, "context"), S.block(q, "figure")].forEach(function (node) { if (node) setting.appendChild(node); });
      open.setAttribute("href", S.siteUrl(q.url));
      var input = kitBox.querySelector("input");
      input.setAttribute("data-id", q.id);
      input.checked = S.kitIds().indexOf(q.id) >= 0;
      showSteps();
    }

    function describe(q) {
      var banks = askedIn(q.group || q.id);
      return [S.number(at + 1) + " of " + S.number(session.length), q.topic.title, S.DIFFICULTY[q.difficulty],
        banks > 1 ? "asked in " + banks + " banks" : "",
        S.isReviewed(q.id) ? "reviewed" : ""].filter(Boolean).join(" · ");
    }

    // What Space or the reveal button shows next: each follow-up, then the hint,
    // then the answer (the bank's answer comes last: answer out loud first).
    function steps(q) {
      var list = S.followUpNodes(q).map(function (node) { return { follow: node }; });
      if (q.html && q.html.hint) list.push({ block: "hint", label: "Hint" });
      if (q.html && q.html.answer) list.push({ block: "answer", label: "Answer" });
      return list;
    }

    function showSteps() {
      var q = current();
      var list = steps(q);
      var asked = list.filter(function (step) { return step.follow; }).length;
      followUps.textContent = "";
      revealed.textContent = "";
      list.slice(0, shown).forEach(function (step) {
        if (step.follow) {
          followUps.appendChild(S.el("li", {}, [step.follow]));
        } else {
          revealed.appendChild(S.el("section", { class: "practice-block", "aria-label": step.label }, [
            S.el("h3", {}, [step.label]), S.block(q, step.block, "div", "practice-" + step.block)
          ]));
        }
      });
      followUps.hidden = !followUps.firstChild;
      reveal.disabled = shown >= list.length;
      var next = list[shown];
      reveal.textContent = !list.length ? "No follow-ups"
        : !next ? "All shown"
          : next.follow ? "Next follow-up (" + (shown + 1) + " of " + asked + ")"
            : "Show the " + next.label.toLowerCase();
    }

    function finish() {
      ending.textContent = "";
      var total = session.length;
      ending.appendChild(S.el("h2", { id: "practice-done", tabindex: "-1" }, [total ? "Session done" : "No questions to practise"]));
      if (!total) {
        ending.appendChild(S.el("p", {}, [chosenTopics().length ? "No question matches the choice above: choose more topics, another concept, or include reviewed questions." : "Choose at least one topic above."]));
        return;
      }
      ending.appendChild(S.el("p", {}, [
        S.plural(total, "question") + ": " + S.number(marks.length) + " marked reviewed, " + S.number(passed.size) + " passed over."
      ]));
      var again = Array.from(passed);
      ending.appendChild(S.el("div", { class: "guide-actions" }, [
        again.length ? S.button("Practise the " + S.plural(again.length, "one") + " passed over", "again", { class: "md-button md-button--primary guide-button" }) : null,
        S.button("New session", "restart", { class: "md-button guide-button" }),
        S.el("a", { class: "md-button guide-button", href: S.siteUrl("review/") }, ["Review what is due"])
      ]));
    }

    function advance() {
      at++;
      shown = 0;
      render();
      (current() ? question : ending.querySelector("h2")).focus();
    }

    function mark() {
      var q = current();
      if (!q) return;
      if (!S.setReviewed(q.id, true)) {
        status.textContent = "Could not mark it reviewed: this browser's storage is full.";
        return;
      }
      marks.push(q.id);
      passed.delete(q.id);
      status.textContent = "Marked reviewed: " + S.words(q);
      // Off the button, onto the new question: Enter or Space pressed again would
      // otherwise mark the next question before it is read.
      advance();
    }

    function skip() {
      var q = current();
      if (!q) return;
      if (marks.indexOf(q.id) < 0) passed.add(q.id);
      status.textContent = "";
      advance();
    }

    // The last mark taken back, and its question on screen again.
    function undoMark() {
      var id = marks.pop();
      if (!id) return;
      S.setReviewed(id, false);
      passed.add(id);
      at = Math.max(0, session.indexOf(id));
      shown = 0;
      render();
      status.textContent = "No longer marked reviewed: " + S.words(guide.byId.get(id));
      question.focus();
    }

    function step() {
      var q = current();
      if (!q) return;
      shown = Math.min(shown + 1, steps(q).length);
      showSteps();
    }

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      if (action === "reveal") step();
      else if (action === "reviewed" && event.detail < 2) mark();  // a double click's second would mark the next
      else if (action === "skip") skip();
      else if (action === "undo") undoMark();
      else if (action === "again") newSession(Array.from(passed));
      else if (action === "restart") newSession(pool());
      else if (action === "all" || action === "none") {
        topicBoxes.forEach(function (label) { label.querySelector("input").checked = action === "all"; });
        changed();
      }
    });

    // A new choice starts a new session, and the address keeps it.
    function changed() {
      var slugs = chosenTopics();
      var query = new URLSearchParams();
      if (slugs.length && slugs.length < guide.topics.length) query.set("topics", slugs.join(","));
      if (concept()) query.set("concept", concept());
      if (minBanks()) query.set("banks", String(minBanks()));
      var search = query.toString().replace(/%2C/g, ",");
      history.replaceState(history.state, "", search ? "?" + search : location.pathname);
      newSession(pool());
    }
    options.addEventListener("change", changed);

    S.shortcuts(app, function (key) {
      if (key === "Space") step();
      else if (key === "n") skip();
      else if (key === "r") mark();
      else if (key === "u") undoMark();
      else return false;
      return true;
    });
    S.onRefresh(function () {
      if (current()) meta.textContent = describe(current());
    });
    newSession(pool());
  }
})(window.StudyGuide);
