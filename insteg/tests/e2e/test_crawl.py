"""Every page each demo role can reach by following links, in Swedish and English, checked in a real browser.

The crawl starts at the home page on the demo's data and follows every same-origin link breadth first (GET only;
it never submits a form, so it never signs out or switches language). On every page of ours it checks what a
person who depends on assistive technology, a keyboard or a small screen would notice:

- no 5xx, for pages and for every other response the page causes (htmx, static files), and downloads too;
- zero axe violations of any impact; `<html lang>` is the language asked for; exactly one h1;
- a title that says where you are ("<where> – Insteg"), not shared by pages of different kinds;
- the first Tab reaches the skip link;
- reflow (WCAG 1.4.10): no page-level horizontal scrolling at 320 px nor at 640 px (1280 px at 200 % zoom);
- every element an htmx request replaces is announced (WCAG 4.1.3): inside a live region, or by base.html's status
  region that static/js/announce.js fills after each swap.

Each test collects every failure and asserts once, with a report per page. Figures per role and language are
written as JSON into the test's tmp_path, printed on one line, and appended to $INSTEG_CRAWL_REPORT when set.
"""

import collections
import json
import os
import time
import urllib.parse

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve

from insteg.accounts.demo import ACCOUNTS, demo_password
from insteg.accounts.models import User
from insteg.core.demo import seed_all
from insteg.tests.e2e.test_pages_a11y import _sign_in as sign_in

axe = Axe()
AXE_RUN = "axe.run(document, {resultTypes: ['violations']})"  # axe itself is added to every page at its start

ROLES = ["anonymous", *(account[0] for account in ACCOUNTS)]
LANGUAGES = ["sv", "en"]
# Addresses visited per route: two objects in Swedish (the longer words), one in English, where only the words
# differ. A list's third object adds little but time, and the crawl runs for 18 roles and languages.
PER_URL_NAME = {"sv": 2, "en": 1}
DOWNLOADS_PER_URL_NAME = 4  # a list's CSV and Excel, a document's formats
MAX_PAGES = 300  # per role and language; far above what the demo gives, so reaching it means a runaway crawl
NARROW_WIDTHS = (320, 640)  # a phone, and a 1280 px screen at 200 % zoom
DESKTOP = {"width": 1280, "height": 800}

# Never followed: they are forms in the page, but a link to them must not sign the crawler out either.
NOT_FOLLOWED = {"logout", "set_language"}
# Responses that are not pages: only their status is checked.
DOWNLOAD_SUFFIXES = (".docx", ".pdf", ".ics", ".csv", ".xlsx", ".json", ".xml", ".atom", ".rss", ".txt", ".png", ".svg")
DOWNLOAD_QUERY_KEYS = {"export", "format", "download"}
NOT_OURS_PREFIXES = ("/api/", "/static/", "/media/", "/django-admin/")  # JSON, files, Swagger UI, Django's admin
# Routes whose pages may share a title because they are the same page (sets of route names); none so far.
SAME_KIND: list[set[str]] = []


def _kind_of(path: str) -> str:
    """The route's name ("app:name"), or the path itself for an address no route matches."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _is_download(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    return (
        parts.path.lower().endswith(DOWNLOAD_SUFFIXES)
        or bool(DOWNLOAD_QUERY_KEYS & set(query))
        or parts.path.startswith(NOT_OURS_PREFIXES)
    )


def _sign_in(page, base: str, username: str, language: str) -> None:
    """As a person would, with the demo's password; roles that need a second factor type their app's code."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    if username != "anonymous":
        sign_in(page, base, User.objects.get(username=username), language, password=demo_password())


# What the page says about itself, in one round trip.
PAGE_FACTS = """() => {
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
  const live = '[aria-live]:not([aria-live="off"]), [role=status], [role=alert], [role=log]';
  const targetOf = (element) => {
    const spec = element.getAttribute('hx-target');
    if (spec === 'this') return [element];
    const [verb, ...rest] = spec.split(' ');
    const selector = rest.join(' ');
    if (verb === 'closest') return [element.closest(selector)];
    if (verb === 'find') return [element.querySelector(selector)];
    if (verb === 'next') return [selector ? null : element.nextElementSibling];
    if (verb === 'previous') return [selector ? null : element.previousElementSibling];
    return Array.from(document.querySelectorAll(spec));
  };
  // An element that makes a request swaps the target it or an ancestor names, or else itself.
  const requests = '[hx-get], [hx-post], [hx-put], [hx-patch], [hx-delete], [hx-target]';
  // base.html's persistent status region, which announce.js fills after every swap, announces any target that
  // is not itself inside a live region, as long as no swap can replace the announcer itself.
  const announcer = document.getElementById('htmx-status');
  const announcing = !!(announcer && announcer.matches(live) && document.querySelector('script[src*="js/announce"]'));
  const silent = [];
  for (const element of document.querySelectorAll(requests)) {
    const naming = element.closest('[hx-target]');
    const targets = naming ? targetOf(naming) : [element];
    const announced = (t) => t && (t.closest(live) || (announcing && !t.contains(announcer)));
    if (!targets.length || !targets.every(announced)) {
      silent.push(naming ? naming.getAttribute('hx-target') : describe(element));
    }
  }
  const links = Array.from(document.querySelectorAll('a[href]'), (a) => ({
    href: a.href, download: a.hasAttribute('download'),
  }));
  const active = document.activeElement;
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    title: document.title,
    silent,
    links,
    autofocused: active && active !== document.body && !!active.closest('main'),
  };
}"""

# What makes the page scroll sideways: the outermost elements reaching past the window, and text overflowing its box.
OVERFLOW = """() => {
  const width = window.innerWidth + 1;
  if (document.documentElement.scrollWidth <= window.innerWidth) return null;
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.classList.length ? '.' + Array.from(e.classList).join('.') : '');
  const where = (e) => {
    const path = [];
    for (let a = e; a && a !== document.body && path.length < 4; a = a.parentElement) path.unshift(describe(a));
    return path.join(' > ');
  };
  const scrollsInside = (e) => {
    if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;  // may escape the scroller
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const culprits = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (culprits.length >= 4) break;
    const right = e.getBoundingClientRect().right;
    if (right <= width && e.scrollWidth <= e.clientWidth + 1) continue;
    if (scrollsInside(e)) continue;
    const parent = e.parentElement;
    if (right > width && (parent === document.body || parent.getBoundingClientRect().right <= width)) {
      culprits.push(where(e) + ' is ' + Math.round(right) + ' px wide');
    } else if (right <= width && e.clientWidth && getComputedStyle(e).overflowX === 'visible') {
      culprits.push(where(e) + ' overflows with ' + e.scrollWidth + ' px of content');
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, culprits};
}"""


class Crawl:
    def __init__(self, page, base: str, language: str, per_url_name: int):
        self.page = page
        self.base = base
        self.language = language
        self.per_url_name = per_url_name
        self.origin = urllib.parse.urlsplit(base).netloc
        self.queue = collections.deque()
        self.seen_paths = set()
        self.per_kind = collections.Counter()
        self.seen_downloads = set()
        self.downloads_per_kind = collections.Counter()
        self.downloads = 0
        self.statuses = {}  # url -> status of every response we caused or saw
        self.failures = collections.defaultdict(list)  # url -> what is wrong there
        self.titles = collections.defaultdict(set)  # title -> kinds of page that carry it
        self.pages = 0
        self.violations = 0
        self.page.on("response", self._saw)

    def _saw(self, response):
        if urllib.parse.urlsplit(response.url).netloc == self.origin:
            self.statuses[response.url] = response.status
            if response.status >= 500:
                self.failures[response.url].append(f"answers {response.status}")

    def offer(self, url: str, *, download: bool = False) -> None:
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(self.base, url))
        if parts.scheme not in ("http", "https") or parts.netloc != self.origin:
            return
        kind = _kind_of(parts.path)
        url = parts._replace(fragment="").geturl()
        if kind in NOT_FOLLOWED:
            return
        if download or _is_download(url):
            if url not in self.seen_downloads and self.downloads_per_kind[kind] < DOWNLOADS_PER_URL_NAME:
                self.seen_downloads.add(url)
                self.downloads_per_kind[kind] += 1
                self.queue.append(("download", kind, url))
            return
        if parts.path in self.seen_paths or self.per_kind[kind] >= self.per_url_name:  # query variants are one page
            return
        self.seen_paths.add(parts.path)
        self.per_kind[kind] += 1
        self.queue.append(("page", kind, url))

    def run(self) -> None:
        self.offer("/")
        while self.queue:
            assert self.pages < MAX_PAGES, f"the crawl reached {MAX_PAGES} pages: is a link growing without end?"
            what, kind, url = self.queue.popleft()
            if what == "download":
                self._check_status(url)
            else:
                self._visit(kind, url)

    def _check_status(self, url: str) -> None:
        self.downloads += 1
        response = self.page.request.get(url, max_redirects=0)
        self.statuses[url] = response.status
        if response.status >= 400:
            self.failures[url].append(f"answers {response.status}")

    def _visit(self, kind: str, url: str) -> None:
        try:
            response = self.page.goto(url)
        except Exception as error:  # a download starts instead of a page
            if "Download is starting" not in str(error):
                raise
            self._check_status(url)
            return
        self.statuses[url] = response.status
        if response.status >= 400:
            self.failures[url].append(f"answers {response.status}")
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        self.pages += 1
        self._check_page(_kind_of(urllib.parse.urlsplit(self.page.url).path), url)  # where a redirect led

    def _check_page(self, kind: str, url: str) -> None:
        page, failures = self.page, self.failures[url]
        facts = page.evaluate(PAGE_FACTS)
        results = AxeResults(page.evaluate(AXE_RUN))
        self.violations += results.violations_count
        if results.violations_count:
            failures.append("axe: " + results.generate_report().strip().replace("\n", "\n      "))
        if facts["lang"] != self.language:
            failures.append(f"<html lang> is {facts['lang']!r}, not {self.language!r}")
        if facts["h1"] != 1:
            failures.append(f"{facts['h1']} h1 elements instead of one")
        where, _, site = facts["title"].rpartition(" – ")
        if site != "Insteg" or not where.strip():
            failures.append(f"title {facts['title']!r} does not say where you are")
        self.titles[facts["title"]].add(kind)
        if facts["silent"]:
            failures.append(f"htmx replaces {sorted(set(facts['silent']))} outside a live region: updates are silent")
        if not facts["autofocused"]:
            page.keyboard.press("Tab")
            if not page.evaluate("document.activeElement.classList.contains('skip-link')"):
                failures.append("the first Tab does not reach the skip link")
        for width in NARROW_WIDTHS:
            page.set_viewport_size({"width": width, "height": DESKTOP["height"]})
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                failures.append(
                    f"scrolls sideways at {width} px (content {overflow['scrollWidth']} px): "
                    + "; ".join(overflow["culprits"])
                )
        page.set_viewport_size(DESKTOP)
        for link in facts["links"]:
            self.offer(link["href"], download=link["download"])

    def shared_titles(self) -> list[str]:
        return [
            f"title {title!r} is shared by {sorted(kinds)}"
            for title, kinds in sorted(self.titles.items())
            if len(kinds) > 1 and not any(kinds <= group for group in SAME_KIND)
        ]

    def report(self) -> str:
        lines = []
        for url, problems in self.failures.items():
            if problems:
                lines.append(url.removeprefix(self.base))
                lines.extend(f"    - {problem}" for problem in dict.fromkeys(problems))
        lines.extend(self.shared_titles())
        return "\n".join(lines)


def _write_figures(figures: dict, statuses: dict, tmp_path) -> None:
    """The figures and every address's status into the test's directory; the figures alone to the shared report."""
    (tmp_path / "crawl.json").write_text(json.dumps({**figures, "statuses": statuses}, indent=2))
    if path := os.environ.get("INSTEG_CRAWL_REPORT"):
        with open(path, "a", encoding="utf-8") as report:
            report.write(json.dumps(figures) + "\n")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_is_accessible(live_server, browser, role, language, tmp_path, capsys):
    started = time.monotonic()
    seed_all()
    context = browser.new_context(locale="sv-SE" if language == "sv" else "en-GB", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    context.add_init_script(axe.axe_script)  # cheaper than sending the script to each page after it loads
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, role, language)
        crawl = Crawl(page, live_server.url, language, PER_URL_NAME[language])
        crawl.run()
    finally:
        context.close()
    report = crawl.report()
    figures = {
        "role": role,
        "language": language,
        "pages": crawl.pages,
        "downloads": crawl.downloads,
        "responses": len(crawl.statuses),
        "violations": crawl.violations,
        "5xx": sum(status >= 500 for status in crawl.statuses.values()),
        "pages_with_failures": sum(bool(problems) for problems in crawl.failures.values()),
        "seconds": round(time.monotonic() - started, 1),
    }
    _write_figures(figures, crawl.statuses, tmp_path)
    with capsys.disabled():
        print(
            f"\ncrawl {role}/{language}: {figures['pages']} pages, {figures['violations']} violations, "
            f"{figures['5xx']} 5xx, {figures['downloads']} downloads and API answers checked, "
            f"{figures['pages_with_failures']} pages with failures, {figures['seconds']} s"
        )
    assert not report, f"\n{report}"
