// The 404 page: for an address that names a question (q/<id>/, topics/<page>/#<id>),
// a topic or a concept that does not exist, the nearest names that do, by edit
// distance: a mistyped short link finds its question. Computed here, from
// questions.json: the site is static.
(function (S) {
  "use strict";

  var SHOWN = 5;

  S.apps.missing = function (app) {
    searchBox();
    var wanted = asked();
    var listed = document.querySelector(".missing-topics");
    if (!wanted && listed) return;
    S.loadGuide().then(function (guide) {
      if (!app.isConnected) return;
      if (wanted) suggest(app, guide, wanted);
      if (!listed) topics(guide);
    }, function () {});
  };

  // The topics, where the engine's template could not list them from its navigation
  // (Zensical's differs from MkDocs'): from questions.json instead.
  function topics(guide) {
    var article = document.querySelector("article");
    if (!article) return;
    article.appendChild(S.el("h2", { id: "topics" }, ["Topics"]));
    article.appendChild(S.el("ul", { class: "missing-topics" }, guide.topics.map(function (topic) {
      return S.el("li", {}, [S.el("a", { href: S.siteUrl(topic.url) }, [topic.title])]);
    })));
  }

  // The search box sends its words to the home page as ?q=, which Material opens as a
  // search there (this page has no search results of its own).
  function searchBox() {
    var box = document.getElementById("missing-query");
    var go = document.querySelector('.missing-search [data-action="search"]');
    if (!box || !go) return;
    function search() {
      if (box.value.trim()) location.assign(S.siteUrl("?q=" + encodeURIComponent(box.value.trim())));
    }
    go.addEventListener("click", search);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") search();
    });
  }

  // What the address asked for: its kind and the name typed, or null.
  function asked() {
    var path = new URL(location.href).pathname;
    var base = new URL(S.siteUrl("")).pathname;
    if (path.indexOf(base) === 0) path = path.slice(base.length);
    var parts = path.split("/").filter(Boolean).map(function (part) {
      try { return decodeURIComponent(part).toLowerCase(); } catch (error) { return part.toLowerCase(); }
    });
    var hash = location.hash.slice(1).toLowerCase();
    if (parts[0] === "topics" && hash) return { kind: "question", name: hash };
    if (parts[0] === "q" && parts[1]) return { kind: "question", name: parts[1].replace(/\.html$/, "") };
    if (parts[0] === "topics" && parts[1]) return { kind: "topic", name: parts[1] };
    if (parts[0] === "concepts" && parts[1]) return { kind: "concept", name: parts[1] };
    return parts.length ? { kind: "question", name: parts[parts.length - 1].replace(/\.html$/, "") } : null;
  }

  // Optimal string alignment distance (Levenshtein with swapped neighbours), so a
  // typo of one letter, missing, extra, wrong or swapped, is 1.
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
        rows[i].push(best);
      }
    }
    return rows[a.length][b.length];
  }

  // Names within a third of their length of the one typed (or containing it), nearest first.
  function nearest(name, names) {
    return names.map(function (candidate) {
      var d = distance(name, candidate);
      var contains = name.length > 3 && (candidate.indexOf(name) >= 0 || name.indexOf(candidate) >= 0);
      return { name: candidate, score: contains ? Math.min(d, 2) : d };
    }).filter(function (match) {
      return match.score <= Math.max(2, Math.floor(match.name.length / 3));
    }).sort(function (a, b) {
      return a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : 1);
    }).slice(0, SHOWN).map(function (match) { return match.name; });
  }

  function suggest(app, guide, wanted) {
    var items = [];
    if (wanted.kind === "question") {
      items = nearest(wanted.name, Array.from(guide.byId.keys())).map(function (id) {
        var q = guide.byId.get(id);
        return S.el("li", {}, [
          S.el("a", { href: S.siteUrl(q.short_url) }, [S.unlinked(S.rich(q.html && q.html.text, q.text))]),
          " ", S.el("code", {}, [id]), " · " + q.topic.title
        ]);
      });
    } else {
      var named = wanted.kind === "topic" ? guide.topics.map(function (t) { return { slug: t.slug, title: t.title, url: t.url }; })
        : guide.concepts.map(function (c) { return { slug: c.slug, title: c.name, url: c.url }; });
      var bySlug = new Map(named.map(function (entry) { return [entry.slug, entry]; }));
      items = nearest(wanted.name, Array.from(bySlug.keys())).map(function (slug) {
        return S.el("li", {}, [S.el("a", { href: S.siteUrl(bySlug.get(slug).url) }, [bySlug.get(slug).title])]);
      });
    }
    if (!items.length) return;
    app.appendChild(S.el("h2", { id: "did-you-mean" }, ["Did you mean"]));
    app.appendChild(S.el("ul", { class: "missing-suggestions", "aria-labelledby": "did-you-mean" }, items));
  }
})(window.StudyGuide);
