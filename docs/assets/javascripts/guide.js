// The guide's own behaviour, on top of Material. Everything here is an
// enhancement: with JavaScript off, links and pages still work.
(function () {
  "use strict";

  // The site's root URL, from Material's page configuration.
  function root() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
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

  // A link to page#question for a question that moved to another page (or whose
  // page is gone) is sent to the question's short link, which knows where it is now.
  function followMovedQuestion() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || document.getElementById(id)) return;
    var target = new URL("q/" + id + "/", root());
    fetch(target, { method: "HEAD" }).then(function (response) {
      if (response.ok) location.replace(target.href);
    }, function () {});
  }

  if (window.document$) {
    window.document$.subscribe(followMovedQuestion);
  } else {
    followMovedQuestion();
  }
  window.addEventListener("hashchange", followMovedQuestion);
})();
