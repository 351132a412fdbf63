"""The BibTeX that Digest exports, read back by a real BibTeX parser
(bibtexparser): every entry of digest.bib parses, and its fields are the
catalog's (`digest parse --json`)."""
import json
import subprocess
import tempfile
from pathlib import Path

import bibtexparser
from bibtexparser.bparser import BibTexParser
from bibtexparser.latexenc import latex_to_unicode

from conftest import BINARY, ENV, ROOT

FIXTURES = ROOT / "Tests" / "DigestCoreTests" / "Fixtures" / "identity"


def read_bib(path):
    parser = BibTexParser(common_strings=True)
    parser.ignore_nonstandard_types = False
    with open(path, encoding="utf-8") as f:
        return bibtexparser.load(f, parser=parser).entries


def unescape(value):
    """BibTeX text as a reader sees it: escapes and braces undone."""
    for macro, char in (("\\textbackslash{}", "\\"), ("\\textasciitilde{}", "~"), ("\\textasciicircum{}", "^")):
        value = value.replace(macro, char)
    for char in "{}%&$#_":
        value = value.replace("\\" + char, char)
    return latex_to_unicode(value) if "\\" in value else value


def catalog(*paths):
    run = subprocess.run([str(BINARY), "parse", "--json", *map(str, paths)], env=ENV, capture_output=True, text=True)
    return [json.loads(line) for line in run.stdout.splitlines()]


def check(entries, papers):
    by_title = {p["title"]: p for p in papers}
    assert len(entries) == len(papers)
    assert len({e["ID"] for e in entries}) == len(entries), "citation keys are unique"
    for entry in entries:
        paper = by_title[unescape(entry["title"])]
        names = [unescape(n) for n in entry.get("author", "").split(" and ") if n] if "author" in entry else []
        expected = paper["authors"] + ([] if paper["authors_complete"] or not paper["authors"] else ["others"])
        assert names == expected, entry["ID"]
        if paper["date"]:
            assert entry["year"] == paper["date"][:4]
        if paper["arxiv_id"]:
            assert entry["eprint"] == paper["arxiv_id"] and entry["archiveprefix"] == "arXiv"
        if paper["doi"]:
            assert entry["doi"] == paper["doi"]


def test_the_seed_digest_bib_reads_back(served):
    entries = read_bib(served["dir"] / "lab" / "digest" / "digest.bib")
    check(entries, catalog(ROOT / "seeds"))


def test_identity_fixtures_read_back():
    with tempfile.TemporaryDirectory() as top:
        top = Path(top)
        (top / "seeds").mkdir()
        for name in ("arxiv-api.xml", "cs.LG.rss", "library.bib"):
            text = (FIXTURES / name).read_text(encoding="utf-8")
            if "@article{broken," in text:  # the fixture's broken entry is an error
                text = text[: text.index("@article{broken,")] + text[text.index("@misc{afterbroken"):]
            (top / "seeds" / name).write_text(text, encoding="utf-8")
        (top / "Content").mkdir()
        (top / "Content" / "index.md").write_text("---\ntitle: Identity\n---\n", encoding="utf-8")
        subprocess.run([str(BINARY), "build", "--seeds", "seeds", "--content", "Content",
                        "--templates", str(ROOT / "Templates"), "--out", "site"], cwd=top, env=ENV, check=True,
                       capture_output=True)
        entries = read_bib(top / "site" / "digest.bib")
        check(entries, catalog(top / "seeds"))
        assert any(e.get("month") for e in entries)
