"""scripts/fetch-arxiv without the network: the arXiv API is a fixture file
(curl reads file:// URLs). A fetch keeps its file only when it brings papers
the digest does not have yet."""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from conftest import BINARY, ROOT

FIXTURE = ROOT / "Tests" / "DigestCoreTests" / "Fixtures" / "identity" / "arxiv-api.xml"


def fetch(project):
    env = dict(os.environ, ARXIV_API=FIXTURE.as_uri(), ARXIV_DELAY="0", DIGEST=str(BINARY))
    return subprocess.run([str(project / "scripts" / "fetch-arxiv")], cwd=project, env=env, capture_output=True, text=True)


def test_fetch_keeps_new_papers_only():
    with tempfile.TemporaryDirectory() as top:
        project = Path(top)
        for folder in ("scripts", "Content", "seeds"):
            shutil.copytree(ROOT / folder, project / folder)
        with open(project / "Content" / "config.yaml", "a", encoding="utf-8") as config:
            config.write('arxiv_authors: [Joan Bruna, "Alethea Power"]\narxiv_categories: [cs.LG, stat.ML]\n')
        first = fetch(project)
        assert first.returncode == 0, first.stderr
        assert "3 new papers in seeds/arxiv-" in first.stdout
        fetched = list((project / "seeds").glob("arxiv-*.xml"))
        assert len(fetched) == 1 and "<entry>" in fetched[0].read_text(encoding="utf-8")
        again = fetch(project)
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("nothing new")
        assert list((project / "seeds").glob("arxiv-*.xml")) == fetched


def test_fetch_needs_a_query():
    with tempfile.TemporaryDirectory() as top:
        project = Path(top)
        for folder in ("scripts", "Content", "seeds"):
            shutil.copytree(ROOT / folder, project / folder)
        run = fetch(project)
        assert run.returncode != 0
        assert "set arxiv_authors and/or arxiv_categories" in run.stderr
