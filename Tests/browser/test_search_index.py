"""The sharded search index in the browser: same results as scanning every
paper, only the shards and card blocks a query needs are fetched, and
results come a page at a time."""
import json
import random
import re
import subprocess
import unicodedata

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, ENV, ROOT

SPECIAL = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def words(text):
    folded = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text)).lower().translate(SPECIAL)
    return re.findall(r"[^\W_]+", folded)


def symbol_names():
    """The names search adds for symbols written as characters (γ: gamma),
    read from the table the site generator uses."""
    source = (ROOT / "Sources/DigestCore/Render/TeX/TeXSymbols.swift").read_text(encoding="utf-8")
    start = source.index("static let greek")
    table = source[start:source.index("\n    ]", start)]
    pairs = re.findall(r'"(\w+)": "(.)"', table)
    names = {letter: name.lower() for name, letter in pairs if not name.startswith("var")}
    for name, letter in pairs:
        if name.startswith("var"):
            names.setdefault(letter, name[3:].lower())
    names.update({"∞": "infinity", "∂": "partial", "∇": "nabla", "ℓ": "ell", "∑": "sum", "∏": "product", "∫": "integral"})
    return names


SYMBOLS = symbol_names()


def lab_notes():
    """The lab's notes in Content/notes, by the folded title they name (the
    shipped notes name their papers by title), as text."""
    notes = {}
    for path in sorted((ROOT / "Content" / "notes").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        paper = re.search(r"^paper:\s*(.+)$", front, re.M).group(1).strip().strip('"')
        assert "hide: true" not in front, "the reference does not hide papers"
        notes[" ".join(words(paper))] = body
    return notes


def seed_papers():
    """The catalog, newest first as search ids number it (undated last, then
    catalog order), each with the lab's note on it ("" for none)."""
    out = subprocess.run([str(BINARY), "parse", "--json", "seeds"], cwd=ROOT, env=ENV, check=True,
                         capture_output=True, text=True).stdout
    papers = [json.loads(line) for line in out.splitlines()]
    notes = lab_notes()
    for paper in papers:
        paper["note"] = notes.pop(" ".join(words(paper["title"])), "")
    assert not notes, f"notes that match no paper: {list(notes)}"
    order = sorted(range(len(papers)), key=lambda i: (papers[i]["date"] is None,
                                                      [-ord(c) for c in papers[i]["date"] or ""], i))
    return [papers[i] for i in order]


def reference(papers, query):
    """A scan of every paper, the rule the index must keep: every word matches
    (the last as a prefix), title 1000 > authors 100 > abstract 10 > the
    lab's note 1, newest first on ties."""
    return [papers[position]["title"] for position in ranked(papers, query)]


def ranked(papers, query):
    """The reference's results as positions in `papers` (search ids)."""
    q = words(query)
    found = []
    for position, paper in enumerate(papers):
        text = paper["title"] + " " + paper["abstract"]
        symbols = list(dict.fromkeys(SYMBOLS[c] for c in text if c in SYMBOLS))
        fields = [words(paper["title"]), words(" ".join(paper["authors"])), words(paper["abstract"]) + symbols, words(paper["note"])]
        score = 0
        for i, word in enumerate(q):
            last = i == len(q) - 1
            weight = next((w for w, field in zip((1000, 100, 10, 1), fields)
                           if any(t == word or (last and t.startswith(word)) for t in field)), 0)
            if not weight:
                break
            score += weight
        else:
            found.append((-score, position))
    return [position for _, position in sorted(found)]


def run_query(browser, served, query):
    browser.get(f"{served['base']}/lab/digest/search/?q={query}")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    count = int(browser.find_element(By.ID, "status").text.split()[0].replace(",", ""))
    return count, [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results .card-title")]


def queries(papers):
    chosen = ["grok", "edge stability", "diffusion", "single index", "bruna", "adsera", "zdeborova",
              "feature learning", "scaling laws", "transformers", "gradient descent", "mean field", "the",
              "neural", "reinforcement learn", "poggio", "kernel", "spin glass", "in"]
    rng = random.Random(7)
    for paper in rng.sample(papers, 25):
        title = words(paper["title"])
        start = rng.randrange(max(1, len(title) - 1))
        chosen.append(" ".join(title[start:start + 2]))
    return chosen


def test_results_match_a_scan_of_every_paper(browser, served):
    papers = seed_papers()
    index = json.loads((served["dir"] / "lab/digest/search/index.json").read_text())
    assert index["papers"] == len(papers) and index["weights"] == [1000, 100, 10, 1]
    # The last queries find words that only notes hold.
    for query in queries(papers) + ["uniformly", "manifesto reading", "width scaling", "gamma", "epsilon", "sigma"]:
        expected = reference(papers, query)
        count, shown = run_query(browser, served, query)
        assert count == len(expected), query
        assert shown == expected[:10], query


def test_a_query_fetches_only_the_shards_and_cards_it_needs(browser, served):
    run_query(browser, served, "grokking")
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => [e.name, e.decodedBodySize])")
    json_files = sorted(re.sub(r".*/search/", "", name) for name, _ in fetched if name.endswith(".json"))
    root = json.loads((served["dir"] / "lab/digest/search/index.json").read_text())
    # Exactly the blocks that hold the first page of results.
    needed = {f"cards/{position // root['cards']}.json" for position in ranked(seed_papers(), "grokking")[:10]}
    cards = {f for f in json_files if f.startswith("cards/")}
    assert "index.json" in json_files and cards == needed, json_files
    assert len(cards) < -(-len(seed_papers()) // root["cards"]), "not every block"
    assert len([f for f in json_files if f.startswith("terms/")]) == 1, json_files
    assert len(root["shards"]) > 1
    measures = browser.execute_script("return performance.getEntriesByName('digest-search').map(m => m.detail)")
    assert measures == ["grokking"]


def test_more_results_come_a_page_at_a_time(browser, served):
    papers = seed_papers()
    expected = reference(papers, "learning")
    count, shown = run_query(browser, served, "learning")
    assert count == len(expected) > 20
    assert shown == expected[:10]
    more = browser.find_element(By.ID, "more")
    more.click()
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#results .card-title")) == 20)
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results .card-title")] == expected[:20]
    assert more.is_displayed()


def test_results_show_dates_as_pages_do_marks_and_a_snippet(browser, served):
    browser.get(f"{served['base']}/lab/digest/search/?q=grokking+lazy")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    first = browser.find_element(By.CSS_SELECTOR, "#results .card")
    assert [m.text for m in first.find_elements(By.CSS_SELECTOR, ".card-title mark")] == ["Grokking", "Lazy"]
    time = first.find_element(By.CSS_SELECTOR, ".meta time")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", time.text), time.text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.get_attribute("datetime"))
    snippet = first.find_element(By.CSS_SELECTOR, ".snippet")
    assert snippet.text and snippet.find_elements(By.TAG_NAME, "mark"), snippet.text


@pytest.fixture(scope="module")
def many_words(served):
    """A site of 2,500 papers, each with a word of its own starting with "s",
    so that words starting with "s" fill more than four term shards."""
    from conftest import build
    top = served["dir"]
    (top / "many-seeds").mkdir(exist_ok=True)
    (top / "many-content").mkdir(exist_ok=True)
    rng = random.Random(3)
    feed = ""
    for n in range(2500):
        word = "s" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
        feed += f"LGJan {1 + n % 28}, 2024\nPaper {n} on {word} learningAda Lovelace, Alan Turing\nWe study {word} and more.\n"
    (top / "many-seeds" / "feed.txt").write_text(feed, encoding="utf-8")
    (top / "many-content" / "index.md").write_text("---\ntitle: Many words\n---\nMany words.\n", encoding="utf-8")
    build(top / "many", "--seeds", str(top / "many-seeds"), "--content", str(top / "many-content"))
    return "/many"


def test_a_short_prefix_matched_in_part_says_so(browser, served, many_words):
    shards = json.loads((served["dir"] / "many/search/index.json").read_text())["shards"]
    assert sum(1 for s in shards if s.startswith("s")) > 4, shards
    browser.get(f"{served['base']}{many_words}/search/?q=s")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    assert "Words starting with “s” were matched in part of the index only" in browser.find_element(By.ID, "status").text
    browser.get(f"{served['base']}{many_words}/search/?q=study")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    status = browser.find_element(By.ID, "status").text
    assert status.startswith("2,500 papers found.") and "part of the index" not in status, status
