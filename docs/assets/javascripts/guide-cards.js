// Spaced review's memory: one FSRS card per question, kept in localStorage, read
// back as untrusted, and carried in the marks file (guide-home.js). Loaded by the
// home page (due today, streak) and the Review page (which adds ts-fsrs to rate).
//   studyguide:card:<id>   = {"due": ISO date, "stability", "difficulty", "elapsed_days",
//                             "scheduled_days", "learning_steps", "reps", "lapses",
//                             "state": 0-3, "last_review": ISO date or null}
//   studyguide:review-days = {"YYYY-MM-DD": [ratings, new questions]} (local days)
// A question marked reviewed without a card is "new": it joins the reviews, at most
// NEW_PER_DAY new ones a day, so that marking a whole topic does not bury the next day.
(function (S) {
  "use strict";

  var CARD = "studyguide:card:";
  var DAYS = "studyguide:review-days";
  var NEW_PER_DAY = 20;
  var KEPT_DAYS = 400;  // enough for any streak shown; older days are dropped
  var LEARNING = { 1: true, 3: true };  // FSRS states counted in minutes, not days
  // A question rated Again or Hard minutes ago is taken that much early (as Anki's
  // learn-ahead does), rather than left waiting with nothing else to do.
  var LEARN_AHEAD = 20 * 60 * 1000;
  var DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
  var DAY = /^\d{4}-\d\d-\d\d$/;

  // What each stored field must be: a card from elsewhere (storage, a file) is
  // taken only if it is exactly this shape, so the scheduler never sees junk.
  var FIELDS = {
    due: isDate,
    stability: range(0, 1e6),
    difficulty: range(0, 11),
    elapsed_days: count,
    scheduled_days: count,
    learning_steps: count,
    reps: count,
    lapses: count,
    state: function (value) { return count(value) && value <= 3; },
    last_review: function (value) { return value === null || isDate(value); }
  };

  function isDate(value) {
    return typeof value === "string" && DATE.test(value) && !isNaN(Date.parse(value));
  }

  function range(low, high) {
    return function (value) {
      return typeof value === "number" && isFinite(value) && value >= low && value <= high;
    };
  }

  function count(value) {
    return Number.isInteger(value) && value >= 0 && value <= 1e7;
  }

  function isPlain(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validCard(card) {
    if (!isPlain(card)) return false;
    var names = Object.keys(card);
    var wanted = Object.keys(FIELDS);
    return names.length === wanted.length && wanted.every(function (name) {
      return Object.prototype.hasOwnProperty.call(card, name) && FIELDS[name](card[name]);
    });
  }

  function validDays(days) {
    return isPlain(days) && Object.keys(days).every(function (day) {
      var value = days[day];
      return DAY.test(day) && Array.isArray(value) && value.length === 2 && value.every(count);
    });
  }

  // ---- Cards as stored (dates as ISO strings) and as ts-fsrs takes them (Dates).

  function card(id) {
    var stored = S.getJson(CARD + id, null);
    return validCard(stored) ? stored : null;
  }

  function cardIds() {
    return S.idsUnder(CARD);
  }

  function toStored(fsrsCard) {
    var stored = {};
    Object.keys(FIELDS).forEach(function (name) {
      var value = fsrsCard[name];
      stored[name] = value instanceof Date ? value.toISOString() : value === undefined ? null : value;
    });
    return stored;
  }

  function toFsrs(stored) {
    var copy = Object.assign({}, stored, { due: new Date(stored.due) });
    copy.last_review = stored.last_review ? new Date(stored.last_review) : undefined;
    return copy;
  }

  function saveCard(id, stored) {
    return S.put(CARD + id, stored === null ? null : JSON.stringify(stored));
  }

  // ---- Days: how many ratings (and new questions) each local day, for the streak.

  function dayOf(date) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function days() {
    var stored = S.getJson(DAYS, {});
    return validDays(stored) ? stored : {};
  }

  function saveDays(all) {
    var kept = {};
    Object.keys(all).sort().slice(-KEPT_DAYS).forEach(function (day) { kept[day] = all[day]; });
    return S.put(DAYS, JSON.stringify(kept));
  }

  // Count one rating today (``step`` -1 takes one back, for undo).
  function logRating(wasNew, step) {
    var all = days();
    var today = dayOf(new Date());
    var counts = all[today] || [0, 0];
    all[today] = [Math.max(0, counts[0] + step), Math.max(0, counts[1] + (wasNew ? step : 0))];
    return saveDays(all);
  }

  // Days in a row with a review, up to today (or up to yesterday, while today has
  // none yet: the streak still stands until the day is over).
  function streak(now) {
    var all = days();
    var day = new Date(now || Date.now());
    var reviewedToday = Boolean(all[dayOf(day)] && all[dayOf(day)][0]);
    if (!reviewedToday) day.setDate(day.getDate() - 1);
    var length = 0;
    while (all[dayOf(day)] && all[dayOf(day)][0]) {
      length++;
      day.setDate(day.getDate() - 1);
    }
    return { days: length, today: reviewedToday };
  }

  function endOfToday(now) {
    var end = new Date(now);
    end.setHours(23, 59, 59, 999);
    return end.getTime();
  }

  // ---- The deck: what this browser reviews, in terms of the guide as it is now.

  // Cards kept under an id that is no longer shown (a wording that joined a group,
  // a question merged into another) move to the question that stands for it, the
  // most recently reviewed card winning; a removed question's card stays stored but
  // leaves the deck. Returns Map(live id -> stored card or null for new).
  function deck(guide) {
    var found = new Map();
    cardIds().forEach(function (id) {
      var stored = card(id);
      var live = stored && S.current(guide, id);
      if (!live) return;
      if (live !== id) {
        var other = found.get(live) || card(live);
        if (!other || (stored.last_review || "") > (other.last_review || "")) {
          if (!saveCard(live, stored)) return;
          other = stored;
        }
        saveCard(id, null);
        stored = other;
      }
      found.set(live, stored);
    });
    S.reviewedIds().forEach(function (id) {
      var live = S.current(guide, id);
      if (live && !found.has(live)) found.set(live, null);
    });
    return found;
  }

  function isDue(stored, now) {
    var due = Date.parse(stored.due);
    return LEARNING[stored.state] ? due <= now + LEARN_AHEAD : due <= endOfToday(now);
  }

  // Today's work in a deck: cards due (by their due time), then new ones up to
  // today's allowance (``newLimit`` false: every new one, for a chosen concept).
  function today(deckMap, now, newLimit) {
    var due = [];
    var fresh = [];
    var later = [];
    deckMap.forEach(function (stored, id) {
      if (stored === null) fresh.push(id);
      else if (isDue(stored, now)) due.push(id);
      else if (Date.parse(stored.due) <= endOfToday(now)) later.push(id);
    });
    due.sort(function (a, b) { return Date.parse(deckMap.get(a).due) - Date.parse(deckMap.get(b).due); });
    var done = (days()[dayOf(new Date(now))] || [0, 0])[1];
    var allowed = newLimit === false ? fresh.length : Math.max(0, NEW_PER_DAY - done);
    return { due: due, fresh: fresh.slice(0, allowed), later: later, waiting: fresh.length };
  }

  // ---- The marks file's share: every card and day, and taking them back in.

  function exported() {
    var cards = {};
    cardIds().forEach(function (id) {
      var stored = card(id);
      if (stored) cards[id] = stored;
    });
    return { cards: cards, review_days: days() };
  }

  // Why an imported file's cards cannot be taken (a sentence), or "" when they can.
  function problem(data, limit) {
    if (data.cards === undefined && data.review_days === undefined) return "";
    if (!isPlain(data.cards) || !validDays(data.review_days)) return "its review schedule is not in the expected form";
    var ids = Object.keys(data.cards);
    if (ids.length > limit) return "it has more than " + S.number(limit) + " review cards";
    var bad = ids.filter(function (id) { return !S.isId(id) || !validCard(data.cards[id]); });
    return bad.length ? "the review card for " + S.listed(bad.map(JSON.stringify)) + " is not valid" : "";
  }

  // The writes an import makes: for each id the card most recently reviewed, and
  // for each day the larger counts. Returns [[key, value], ...] to apply.
  function importWrites(data) {
    var writes = [];
    Object.keys(data.cards || {}).forEach(function (id) {
      var mine = card(id);
      var theirs = data.cards[id];
      if (!mine || (theirs.last_review || "") > (mine.last_review || "")) {
        writes.push([CARD + id, JSON.stringify(theirs)]);
      }
    });
    if (data.review_days && Object.keys(data.review_days).length) {
      var all = days();
      Object.keys(data.review_days).forEach(function (day) {
        var mine = all[day] || [0, 0];
        var theirs = data.review_days[day];
        all[day] = [Math.max(mine[0], theirs[0]), Math.max(mine[1], theirs[1])];
      });
      writes.push([DAYS, JSON.stringify(all)]);
    }
    return writes;
  }

  S.cards = {
    card: card, cardIds: cardIds, toStored: toStored, toFsrs: toFsrs, saveCard: saveCard,
    logRating: logRating, streak: streak, deck: deck, today: today, dayOf: dayOf, LEARN_AHEAD: LEARN_AHEAD,
    exported: exported, problem: problem, importWrites: importWrites, DAYS: DAYS
  };
})(window.StudyGuide);
