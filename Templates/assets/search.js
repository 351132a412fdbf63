// Digest search: queries the prebuilt, sharded index next to this page in
// the browser. No server, no library. It fetches the small root file, then
// only the term shards that hold the query's words and the blocks of result
// cards it shows (see Sources/DigestCore/Publish/Search/SearchIndex.swift).
// Results are built from DOM text nodes only, never innerHTML, since every
// string comes from a listing.
(function () {
  "use strict";
  var PAGE = 10;
  var MAX_PREFIX_SHARDS = 4;
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var more = document.getElementById("more");
  var here = new URL("./", document.baseURI);
  var siteRoot = new URL("../", document.baseURI);
  var rootIndex = null;
  var cache = new Map();
  var current = 0;
  var shown = null;
  // Query words typed as a short prefix that were matched in part of the
  // index only (see shardsFor), for the status line.
  var partial = [];
  var queryWords = [];

  function getJSON(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(new URL(path, here).href).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      }));
    }
    return cache.get(path);
  }

  // Lowercase, accents removed, as the index folds words:
  // "Boix-Adserà" -> "boix-adsera", "Søren" -> "soren".
  var SPECIAL = { "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe" };
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[øłđßæœ]/g, function (c) { return SPECIAL[c]; });
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // JavaScript's own string order is the index's order (UTF-16 code units).
  function shardOf(word) {
    var shards = rootIndex.shards, lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid] <= word) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // The shards to read for a word: its own, and for a prefix every later
  // shard that starts with it (few: shards are cut between prefixes).
  function shardsFor(word, prefix) {
    var first = shardOf(word), last = first;
    while (prefix && last + 1 < rootIndex.shards.length && rootIndex.shards[last + 1].lastIndexOf(word, 0) === 0) last++;
    if (last - first + 1 > MAX_PREFIX_SHARDS) {
      last = first;
      if (partial.indexOf(word) < 0) partial.push(word);
    }
    var paths = [];
    for (var s = first; s <= last; s++) paths.push("terms/" + s + ".json");
    return paths;
  }

  // Marks, per paper, the best field a word matched: with the index's
  // fields title, authors, abstract, note, a match in field k (from 0)
  // marks fields.length - k, so a higher mark is a better field. A list is
  // an array of gaps or a base64 bitmap string.
  function mark(best, code, encoded) {
    if (typeof encoded === "string") {
      var bytes = atob(encoded);
      for (var i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var bit = 0; byte; bit++, byte >>= 1) {
          if (byte & 1) { var id = i * 8 + bit; if (best[id] < code) best[id] = code; }
        }
      }
    } else {
      for (var j = 0, at = 0; j < encoded.length; j++) {
        at += encoded[j];
        if (best[at] < code) best[at] = code;
      }
    }
  }

  function matchWord(word, prefix) {
    return Promise.all(shardsFor(word, prefix).map(getJSON)).then(function (shards) {
      var best = new Uint8Array(rootIndex.papers);
      shards.forEach(function (entries) {
        entries.forEach(function (entry) {
          var term = entry[0];
          if (term === word || (prefix && term.lastIndexOf(word, 0) === 0)) {
            var fields = rootIndex.weights.length;
            for (var k = 0; k < fields; k++) mark(best, fields - k, entry[k + 1]);
          }
        });
      });
      return best;
    });
  }

  // Every query word must match somewhere; the last one may be a prefix.
  // Scores add the field weights; ties keep search-id order (newest first).
  function search(query) {
    var q = words(query);
    if (q.length === 0) return Promise.resolve([]);
    return Promise.all(q.map(function (w, i) { return matchWord(w, i === q.length - 1); })).then(function (marks) {
      // weight[mark]: the weight of the field that mark stands for.
      var weight = [0].concat(rootIndex.weights.slice().reverse());
      var found = [];
      for (var id = 0; id < rootIndex.papers; id++) {
        var score = 0;
        for (var k = 0; k < marks.length; k++) {
          var code = marks[k][id];
          if (!code) { score = -1; break; }
          score += weight[code];
        }
        if (score > 0) found.push({ id: id, score: score });
      }
      found.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return found;
    });
  }

  function card(id) {
    var size = rootIndex.cards;
    return getJSON("cards/" + Math.floor(id / size) + ".json").then(function (block) { return block[id % size]; });
  }

  // Whether a word of the text is one the query matched: the same folded
  // word, or for the last query word a word it begins.
  function matches(word) {
    var folded = fold(word);
    return queryWords.some(function (q, i) {
      return folded === q || (i === queryWords.length - 1 && folded.lastIndexOf(q, 0) === 0);
    });
  }

  // `text` into `parent`, the matched words in <mark>: text nodes only.
  function appendMarked(parent, text) {
    var re = /[\p{L}\p{N}]+/gu, at = 0, m;
    while ((m = re.exec(text))) {
      if (!matches(m[0])) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // A short piece of the abstract around its first matched word (or its
  // start), cut at spaces.
  function snippet(text) {
    if (!text) return "";
    var re = /[\p{L}\p{N}]+/gu, m, at = -1;
    while ((m = re.exec(text))) { if (matches(m[0])) { at = m.index; break; } }
    var start = at < 0 ? 0 : Math.max(0, at - 70), end = Math.min(text.length, start + 200);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < at) start = space + 1; }
    if (end < text.length) { var last = text.lastIndexOf(" ", end); if (last > start) end = last; }
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function showPage(token) {
    var page = shown.slice(list.children.length, list.children.length + PAGE);
    return Promise.all(page.map(function (r) { return card(r.id); })).then(function (cards) {
      if (token !== current) return;
      // A card: [title, authors, date as pages show it, route, the start of
      // the abstract, ISO date].
      cards.forEach(function (c) {
        var li = document.createElement("li");
        li.className = "card";
        var a = document.createElement("a");
        a.className = "card-title";
        a.href = new URL(c[3], siteRoot).href;
        appendMarked(a, c[0]);
        var meta = document.createElement("span");
        meta.className = "meta";
        appendMarked(meta, c[1]);
        if (c[2]) {
          if (c[1]) meta.appendChild(document.createTextNode(" · "));
          var time = document.createElement("time");
          time.dateTime = c[5];
          time.textContent = c[2];
          meta.appendChild(time);
        }
        li.appendChild(a);
        li.appendChild(meta);
        var excerpt = snippet(c[4]);
        if (excerpt) {
          var p = document.createElement("p");
          p.className = "snippet";
          appendMarked(p, excerpt);
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      more.hidden = list.children.length >= shown.length;
    });
  }

  function show(query) {
    var token = ++current;
    var started = performance.now();
    if (!query.trim()) {
      while (list.firstChild) list.removeChild(list.firstChild);
      more.hidden = true;
      status.textContent = "Type to search.";
      return Promise.resolve();
    }
    partial = [];
    queryWords = words(query);
    return search(query).then(function (found) {
      if (token !== current) return;
      shown = found;
      while (list.firstChild) list.removeChild(list.firstChild);
      return showPage(token).then(function () {
        if (token !== current) return;
        var text = found.length.toLocaleString("en") + (found.length === 1 ? " paper" : " papers") + " found.";
        if (partial.length) {
          text += " Words starting with " + partial.map(function (w) { return "“" + w + "”"; }).join(", ")
            + " were matched in part of the index only; type more letters to match them all.";
        }
        status.textContent = text;
        performance.measure("digest-search", { start: started, detail: query });
      });
    }).catch(function () {
      if (token === current) status.textContent = "The search index could not be loaded.";
    });
  }

  var timer = 0;
  function update() {
    var query = input.value;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.href);
    clearTimeout(timer);
    if (rootIndex) timer = setTimeout(function () { show(query); }, 80);
  }

  input.addEventListener("input", update);
  document.querySelector("form.search").addEventListener("submit", function (e) { e.preventDefault(); update(); });
  more.addEventListener("click", function () { showPage(current); });
  input.value = new URL(window.location.href).searchParams.get("q") || "";
  status.textContent = "Loading the index…";
  getJSON("index.json")
    .then(function (index) { rootIndex = index; return show(input.value); })
    .catch(function () { status.textContent = "The search index could not be loaded."; });
})();
