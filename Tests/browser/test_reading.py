"""What readers see: formulas typeset by the browser from MathML (no script,
no font download), and no page that scrolls sideways on a phone."""
import pytest
from selenium.webdriver.common.by import By

MUON = "/lab/digest/papers/the-spectral-dynamics-and-noise-geometry-of-muon.html"


def test_formulas_on_a_seed_paper_page_render_with_a_size(browser, served):
    browser.get(served["base"] + MUON)
    formulas = browser.find_elements(By.CSS_SELECTOR, ".abstract math")
    assert len(formulas) >= 2
    for math in formulas:
        box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", math)
        assert box[0] > 5 and box[1] > 5, box
    # MathML layout, not text: the superscript sits above the baseline of its base.
    offset = browser.execute_script("""
        const sup = document.querySelector('.abstract msup');
        const base = sup.firstElementChild.getBoundingClientRect(), script = sup.lastElementChild.getBoundingClientRect();
        return base.top - script.top;""")
    assert offset > 1, offset
    # Copying a formula gives its TeX: the annotation keeps the source.
    annotation = browser.find_element(By.CSS_SELECTOR, ".abstract annotation")
    assert annotation.get_attribute("textContent") == "G=UΣV^\\top"


@pytest.mark.parametrize("path", [
    "/lab/digest/", "/lab/digest/papers/", "/lab/digest/papers/undated/", MUON,
    "/lab/digest/papers/exponential-separations-in-symmetric-neural-networks.html",
    "/lab/digest/authors/", "/lab/digest/authors/joan-bruna.html", "/lab/digest/themes/", "/lab/digest/editions/",
    "/lab/digest/editions/2026-05-22.html", "/lab/digest/tags/", "/lab/digest/search/?q=learning", "/lab/digest/about/",
])
def test_no_page_scrolls_sideways_on_a_phone(browser, served, path):
    browser.set_window_size(390, 844)
    try:
        browser.get(served["base"] + path)
        width = browser.execute_script("return document.documentElement.clientWidth")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390 and scroll <= width, (path, width, scroll)
    finally:
        browser.set_window_size(1200, 900)


def test_a_long_unbroken_word_wraps_on_a_phone(browser, served):
    browser.set_window_size(390, 844)
    try:
        browser.get(served["base"] + MUON)
        # Such as a citation key or a URL pasted into an abstract or a title.
        browser.execute_script("""
            const word = 'santoro2017simple,'.repeat(20);
            document.querySelector('.abstract p').append(' \\\\cite{' + word + '}');
            document.querySelector('h1').append(' ' + word);""")
        width = browser.execute_script("return document.documentElement.clientWidth")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    finally:
        browser.set_window_size(1200, 900)


def test_the_header_links_stay_on_one_line_on_a_phone(browser, served):
    browser.set_window_size(390, 844)
    try:
        browser.get(served["base"] + "/lab/digest/")
        links = browser.find_elements(By.CSS_SELECTOR, ".site-header nav a")
        assert [a.text for a in links][-1] == "Search"
        tops = {round(a.rect["y"]) for a in links}
        assert len(tops) == 1, tops
        # And every one of them is on screen, not scrolled out of view.
        width = browser.execute_script("return document.documentElement.clientWidth")
        assert all(a.rect["x"] + a.rect["width"] <= width for a in links), [(a.text, a.rect) for a in links]
    finally:
        browser.set_window_size(1200, 900)


def test_the_focus_ring_has_enough_contrast(browser, served):
    """WCAG 2.2 (1.4.11): 3:1 against the page for the focus indicator."""
    browser.get(served["base"] + "/lab/digest/")
    colors = browser.execute_script("""
        const link = document.querySelector('.brand');
        link.focus({focusVisible: true});
        const style = getComputedStyle(document.documentElement);
        return [style.getPropertyValue('--focus').trim(), style.getPropertyValue('--bg').trim()];""")

    def luminance(hex_color):
        channels = [int(hex_color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted(map(luminance, colors), reverse=True)
    assert (high + 0.05) / (low + 0.05) >= 3, colors
