// Digest search: loads the prebuilt index next to this page and searches it
// in the browser. No server, no library. Results are built from DOM text
// nodes only, never innerHTML, since every string comes from a listing.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var root = new URL("../", document.baseURI);
  var papers = null;

  // Lowercase, accents removed: "Boix-Adserà" -> "boix-adsera".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function prepare(index) {
    return index.papers.map(function (p) {
      return { p: p, title: words(p.t), authors: words(p.a.join(" ")), abstract: words(p.x) };
    });
  }

  // A query word matches a field when one of its words equals it, or starts
  // with it for the last (still being typed) query word.
  function hits(fieldWords, word, prefix) {
    for (var i = 0; i < fieldWords.length; i++) {
      var w = fieldWords[i];
      if (w === word || (prefix && w.lastIndexOf(word, 0) === 0)) return true;
    }
    return false;
  }

  // Every query word must match somewhere; title matches outrank author
  // matches, which outrank abstract matches. Ties keep index order (newest first).
  function search(query) {
    var q = words(query);
    if (q.length === 0) return [];
    var scored = [];
    for (var i = 0; i < papers.length; i++) {
      var entry = papers[i], score = 0, all = true;
      for (var j = 0; j < q.length && all; j++) {
        var prefix = j === q.length - 1;
        if (hits(entry.title, q[j], prefix)) score += 100;
        else if (hits(entry.authors, q[j], prefix)) score += 10;
        else if (hits(entry.abstract, q[j], prefix)) score += 1;
        else all = false;
      }
      if (all) scored.push({ score: score, order: i, p: entry.p });
    }
    scored.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return scored;
  }

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.trim()) { status.textContent = "Type to search."; return; }
    var results = search(query);
    status.textContent = results.length + (results.length === 1 ? " paper" : " papers") + " found.";
    results.slice(0, 100).forEach(function (r) {
      var li = document.createElement("li");
      li.className = "card";
      var a = document.createElement("a");
      a.className = "card-title";
      a.href = new URL(r.p.u, root).href;
      a.textContent = r.p.t;
      var meta = document.createElement("span");
      meta.className = "meta";
      var authors = r.p.a.slice(0, 4).join(", ") + (r.p.a.length > 4 ? " et al." : "");
      meta.textContent = authors + (r.p.d ? " · " + r.p.d : "");
      li.appendChild(a);
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  function update() {
    var query = input.value;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
    if (papers) show(query);
  }

  input.addEventListener("input", update);
  document.querySelector("form.search").addEventListener("submit", function (e) { e.preventDefault(); update(); });
  input.value = new URL(window.location.href).searchParams.get("q") || "";
  status.textContent = "Loading the index…";
  fetch(new URL("index.json", document.baseURI).href)
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (index) { papers = prepare(index); show(input.value); })
    .catch(function () { status.textContent = "The search index could not be loaded."; });
})();
