// The Review page: today's questions one at a time, scheduled by FSRS (ts-fsrs,
// vendored as window.FSRS). Question, then Space for its follow-ups, hint and
// answer, then Again / Hard / Good / Easy (keys 1-4); U takes the last rating back.
// Everything happens in this page's memory and localStorage: once loaded it needs
// no network. ts-fsrs itself is fetched as soon as there is a question to rate,
// after the page has drawn, so the page's first load does not wait for it. ?concept=<slug> or ?topic=<slug> reviews only those questions, every
// one of them (new ones without the daily limit).
(function (S) {
  "use strict";

  var C = S.cards;
  var RATINGS = [["Again", 1], ["Hard", 2], ["Good", 3], ["Easy", 4]];
  // A question answered wrongly comes back after ten minutes, within the session;
  // Good on a new question leaves it for days.
  var SCHEDULER_OPTIONS = { learning_steps: ["10m"], relearning_steps: ["10m"] };

  S.apps.review = function (app) {
    S.loadGuide().then(function (guide) {
      if (app.isConnected) start(app, guide);
    }, function (error) {
      app.textContent = "";
      app.appendChild(S.el("p", { class: "guide-status guide-error", role: "alert" }, [
        "The questions could not be loaded (" + error.message + "). Reload the page to try again."
      ]));
    });
  };

  // Which questions this session is about: all, or a concept's or a topic's.
  function chosen(guide) {
    var params = new URLSearchParams(location.search);
    var concept = guide.concepts.filter(function (c) { return c.slug === params.get("concept"); })[0];
    var topic = guide.topics.filter(function (t) { return t.slug === params.get("topic"); })[0];
    if (concept) {
      return { name: concept.name, ids: guide.questions.filter(function (q) {
        return q.concepts.indexOf(concept.slug) >= 0;
      }).map(function (q) { return q.group || q.id; }) };
    }
    if (topic) return { name: topic.title, ids: topic.questions };
    return null;
  }

  function interval(from, to) {
    var minutes = Math.max(1, Math.round((to - from) / 60000));
    if (minutes < 60) return S.plural(minutes, "min", "min");
    if (minutes < 60 * 24) return S.plural(Math.round(minutes / 60), "hour");
    var days = Math.round(minutes / 1440);
    if (days < 31) return S.plural(days, "day");
    if (days < 365) return S.plural(Math.round(days / 30), "month");
    return S.plural(Math.round(days / 365), "year");
  }

  // The scheduler, once ts-fsrs (vendored in the site's assets) is loaded.
  var scheduling = null;
  function scheduler() {
    if (!scheduling) {
      scheduling = S.asset("vendor/ts-fsrs.min.js").then(function () {
        return window.FSRS.fsrs(SCHEDULER_OPTIONS);
      });
      scheduling.catch(function () { scheduling = null; });
    }
    return scheduling;
  }

  function start(app, guide) {
    var only = chosen(guide);
    var deck = C.deck(guide);
    if (only) {
      var wanted = new Set(only.ids);
      deck.forEach(function (_, id) { if (!wanted.has(id)) deck.delete(id); });
      only.ids.forEach(function (id) { if (!deck.has(id) && guide.byId.has(id)) deck.set(id, null); });
    }
    var work = C.today(deck, Date.now(), !only);
    var queue = work.due.concat(work.fresh);
    var total = queue.length;
    var done = 0;
    var tally = { 1: 0, 2: 0, 3: 0, 4: 0 };
    var history = [];  // what each rating changed, for undo
    var current = null;
    var revealed = false;

    var scope = S.el("p", { class: "review-scope" });
    var counter = S.el("p", { class: "practice-meta review-counter", "aria-live": "polite" });
    var question = S.el("h2", { class: "practice-question", id: "review-question", tabindex: "-1" });
    var setting = S.el("div", { class: "practice-setting" });
    var answer = S.el("div", { class: "review-answer", "aria-live": "polite" });
    var reveal = S.button("Show the follow-ups and answer", "reveal", { class: "md-button md-button--primary guide-button", "aria-keyshortcuts": "Space" });
    var rate = S.el("div", { class: "guide-actions review-ratings", role: "group", "aria-label": "How well did you recall it?" },
      RATINGS.map(function (pair) {
        return S.button(pair[0], "rate", { class: "md-button guide-button review-rate", "data-rating": String(pair[1]), "aria-keyshortcuts": String(pair[1]) });
      }));
    // A link from the start (the home page until a card is shown): an anchor without
    // an address is no link to a crawler or a screen reader.
    var open = S.el("a", { class: "review-open", href: S.siteUrl("") }, ["Open it on its topic page"]);
    var undo = S.button("Undo the last rating", "undo", { class: "guide-button", "aria-keyshortcuts": "U" });
    var keys = S.el("p", { class: "guide-keys" }, ["Keys: Space shows the answer · 1 Again · 2 Hard · 3 Good · 4 Easy · U undo"]);
    var status = S.el("p", { class: "guide-status", role: "status" });
    var card = S.el("section", { class: "practice-card", "aria-labelledby": "review-question" }, [
      counter, question, setting, answer, S.el("div", { class: "guide-actions" }, [reveal]), rate,
      S.el("p", { class: "practice-links" }, [open])
    ]);
    var summary = S.el("section", { class: "review-summary", "aria-labelledby": "review-done", hidden: "hidden" });
    app.appendChild(scope);
    app.appendChild(card);
    app.appendChild(summary);
    app.appendChild(S.el("div", { class: "guide-actions" }, [undo]));
    app.appendChild(keys);
    app.appendChild(status);

    if (only) {
      scope.appendChild(document.createTextNode("Reviewing " + only.name + " only. "));
      scope.appendChild(S.el("a", { href: S.siteUrl("review/") }, ["Review everything due"]));
    } else {
      scope.hidden = true;
    }

    // The next question: due ones first, then new ones, then those rated Again or
    // Hard in this session (taken early, as Anki does: see guide-cards.js).
    function next() {
      current = queue.length ? queue[0] : null;
      revealed = false;
      draw();
    }

    function draw() {
      undo.hidden = !history.length;
      card.hidden = !current;
      summary.hidden = Boolean(current);
      if (!current) {
        finish();
        return;
      }
      var q = guide.byId.get(current);
      var stored = deck.get(current);
      counter.textContent = "Question " + S.number(Math.min(done + 1, total)) + " of " + S.number(total) +
        " · " + q.topic.title + " · " + (stored === null ? "new" : stored.state === 3 ? "relearning" : "due");
      question.textContent = "";
      question.appendChild(S.rich(q.html && q.html.text, q.text));
      open.setAttribute("href", S.siteUrl(q.url));
      setting.textContent = "";
      [S.block(q, "context"), S.block(q, "figure")].forEach(function (node) { if (node) setting.appendChild(node); });
      answer.textContent = "";
      reveal.hidden = revealed;
      rate.hidden = !revealed;
      rate.querySelectorAll("button").forEach(function (choice) {
        choice.textContent = RATINGS[Number(choice.getAttribute("data-rating")) - 1][0];
      });
      if (revealed) showAnswer(q);
    }

    // Follow-ups, hint and every bank's answer, at once: the reader has answered.
    function showAnswer(q) {
      var asked = S.followUpNodes(q);
      if (asked.length) {
        answer.appendChild(S.el("ol", { class: "practice-followups", "aria-label": "Follow-ups" }, asked.map(function (node) {
          return S.el("li", {}, [node]);
        })));
      }
      (guide.members.get(q.id) || [q]).forEach(function (wording) {
        [["hint", "Hint"], ["answer", "Answer"]].forEach(function (pair) {
          var body = S.block(wording, pair[0], "div", "practice-" + pair[0]);
          if (body) {
            answer.appendChild(S.el("section", { class: "practice-block", "aria-label": pair[1] }, [
              S.el("h3", {}, [pair[1]]), body
            ]));
          }
        });
      });
      if (!answer.firstChild) answer.appendChild(S.el("p", {}, ["No follow-ups or answer in the bank: rate how well your own answer held up."]));
      var shown = current;
      scheduler().then(function (fsrs) {
        if (current !== shown || !revealed) return;
        var now = new Date();
        var preview = fsrs.repeat(stored(current, now), now);
        rate.querySelectorAll("button").forEach(function (choice) {
          var rating = Number(choice.getAttribute("data-rating"));
          choice.textContent = RATINGS[rating - 1][0] + " · " + interval(now, preview[rating].card.due);
        });
      }, unavailable);
    }

    function unavailable() {
      status.textContent = "The scheduler could not be loaded: reload the page when you are online.";
    }

    function stored(id, now) {
      var saved = deck.get(id);
      return saved ? C.toFsrs(saved) : window.FSRS.createEmptyCard(now);
    }

    function rateCurrent(rating) {
      var id = current;
      scheduler().then(function (fsrs) {
        if (current === id) rateWith(fsrs, rating);
      }, unavailable);
    }

    function rateWith(fsrs, rating) {
      var now = new Date();
      var before = deck.get(current);
      var after = C.toStored(fsrs.next(stored(current, now), now, rating).card);
      if (!C.saveCard(current, after)) {
        status.textContent = "Could not save the rating: this browser's storage is full.";
        return;
      }
      C.logRating(before === null, 1);
      history.push({ id: current, before: before, rating: rating, queue: queue.slice(), total: total });
      deck.set(current, after);
      queue.shift();
      tally[rating]++;
      if (Date.parse(after.due) <= now.getTime() + C.LEARN_AHEAD) {
        queue.push(current);  // back at the end of this session
        total++;
      }
      done++;
      status.textContent = RATINGS[rating - 1][0] + ": back in " + interval(now, Date.parse(after.due)) + ".";
      next();
      question.focus();
    }

    // The last rating taken back: its card as it was, the session as it was.
    function undoLast() {
      var last = history.pop();
      C.saveCard(last.id, last.before);
      C.logRating(last.before === null, -1);
      deck.set(last.id, last.before);
      queue = last.queue;
      total = last.total;
      tally[last.rating]--;
      done--;
      next();
      status.textContent = "Took back the last rating: " + S.words(guide.byId.get(last.id));
      question.focus();
    }

    function finish() {
      summary.textContent = "";
      var streak = C.streak();
      var after = C.today(deck, Date.now(), !only);
      var title = total ? "Done for today" : deck.size ? "Nothing due today" : "Nothing to review yet";
      summary.appendChild(S.el("h2", { id: "review-done", tabindex: "-1" }, [title]));
      if (done) {
        summary.appendChild(S.el("p", {}, [
          S.plural(done, "rating") + ": " + RATINGS.map(function (pair) { return pair[0] + " " + tally[pair[1]]; }).join(" · ") + "."
        ]));
      }
      if (!deck.size) {
        summary.appendChild(S.el("p", {}, ["Mark questions Reviewed on the topic pages or in Practice: each comes back here when FSRS expects you to be about to forget it."]));
      } else {
        summary.appendChild(S.el("p", { class: "review-next" }, [nextDue(after)]));
      }
      if (streak.days) summary.appendChild(S.el("p", {}, [S.plural(streak.days, "day") + " in a row."]));
      summary.appendChild(S.el("p", {}, [
        S.el("a", { href: S.siteUrl("practice/") }, ["Practise more questions"]), " · ",
        S.el("a", { href: S.siteUrl("") }, ["Back to the topics"])
      ]));
    }

    function nextDue(after) {
      var soonest = null;
      deck.forEach(function (saved) {
        if (saved && (soonest === null || Date.parse(saved.due) < soonest)) soonest = Date.parse(saved.due);
      });
      if (after.fresh.length) return S.plural(after.fresh.length, "new question") + " left for today.";
      if (after.later.length) return S.plural(after.later.length, "question") + " due again later today.";
      return soonest === null ? "" : "Next review in " + interval(Date.now(), soonest) + ".";
    }

    app.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) return;
      var action = target.getAttribute("data-action");
      // The second click of a double click would rate the next question.
      if (action === "rate" && current && revealed && event.detail < 2) rateCurrent(Number(target.getAttribute("data-rating")));
      else if (action === "reveal" && current) show();
      else if (action === "undo" && history.length) undoLast();
    });

    // The reveal button disappears: its focus goes to the question, where 1-4 work.
    function show() {
      var focused = document.activeElement === reveal;
      revealed = true;
      draw();
      if (focused) question.focus();
    }

    S.shortcuts(app, function (key) {
      if (key === "Space" && current && !revealed) show();
      else if (/^[1-4]$/.test(key) && current && revealed) rateCurrent(Number(key));
      else if (key === "u" && history.length) undoLast();
      else return false;
      return true;
    });
    next();
    // Fetched now, while the reader reads the first question: rating then needs no network.
    if (queue.length) scheduler().catch(function () {});
  }
})(window.StudyGuide);
