#!/usr/bin/env python3
"""Checks the static site written by `renkei export --format html`, statically and in a real
headless browser.

    check_html.py SITE_DIR [--expect COLLECTION=N ...] [--json renkei.json]
                  [--chromium PATH] [--no-browser] [--screenshot OUT.png]

Static checks, on every page (standard library only):
  - each page is UTF-8, starts with <!DOCTYPE html>, declares its charset and language;
  - nothing is loaded from the network: scripts, styles, images and frames are local files
    that exist, CSS has no remote url(); no inline scripts, no on* handlers, no javascript: URLs;
  - every local link leads to a file that exists, and its #fragment to an id on that page;
  - ids are unique on each page; Japanese and English spans come in pairs;
  - the records carried (elements with data-collection and data-record-id) match the counts
    given with --expect, or the counts of the canonical JSON given with --json.

Browser checks (Chromium through the DevTools protocol over a pipe, one browser for all pages):
  - no console message, no uncaught exception, no failed load, no request leaving file://;
  - the charts' <svg> elements are in the rendered DOM (overview, per-year page, network
    with one circle per partner and Japan, logic model when an indicator has values);
  - the rendered timeline has one row per event;
  - the language switch works: with Japanese chosen no English text is visible, and the
    other way round.
With --screenshot, the overview is rendered at 1280 px wide and saved as PNG.

Exit status 0 when every check passes, 1 otherwise; each problem is printed on one line.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

RECORD_COLLECTIONS = [
    "sources", "actors", "memberships", "series", "events", "attributions", "proposals", "budgets", "indicators",
]
SITE_PAGES = [
    "index.html", "years.html", "timeline.html", "network.html", "projects.html", "proposals.html",
    "attributions.html", "logic-model.html", "actors.html", "series.html",
]


class Page(HTMLParser):
    """One page's parts the checks need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []
        self.links = []        # (tag, attribute, value)
        self.resources = []    # (tag, attribute, value): what the browser loads
        self.records = []      # (collection, id)
        self.lang = {"ja": 0, "en": 0}
        self.html_lang = None
        self.charset = False
        self.inline_scripts = 0
        self.handlers = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        elif a.get("lang") in self.lang:
            self.lang[a["lang"]] += 1
        if tag == "meta" and (a.get("charset", "").lower() == "utf-8"):
            self.charset = True
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag}[{name}]")
            if value and name in ("href", "src") and value.strip().lower().startswith("javascript:"):
                self.handlers.append(f"{tag}[{name}=javascript:]")
        if tag == "a" and "href" in a:
            self.links.append((tag, "href", a["href"]))
        if tag in ("script", "img", "iframe", "embed", "source", "audio", "video", "track", "input") and "src" in a:
            self.resources.append((tag, "src", a["src"]))
        if tag == "link" and "href" in a:
            self.resources.append((tag, "href", a["href"]))
        if tag == "object" and "data" in a:
            self.resources.append((tag, "data", a["data"]))
        if tag == "script":
            self._in_script = True
            if "src" not in a:
                self.inline_scripts += 1
        if "data-collection" in a and "data-record-id" in a:
            self.records.append((a["data-collection"], a["data-record-id"]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def is_remote(url):
    u = url.strip().lower()
    return u.startswith("//") or (urlsplit(u).scheme not in ("", "file"))


def static_checks(site, expected):
    problems = []
    pages = {}
    for root, _, files in os.walk(site):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            if name.endswith(".css"):
                css = open(path, encoding="utf-8").read()
                for part in css.split("url(")[1:]:
                    target = part.split(")")[0].strip("'\" ")
                    if is_remote(target):
                        problems.append(f"{rel}: CSS loads {target} from the network")
                if "@import" in css:
                    problems.append(f"{rel}: CSS @import")
            if not name.endswith(".html"):
                continue
            try:
                text = open(path, encoding="utf-8").read()
            except UnicodeDecodeError:
                problems.append(f"{rel}: not UTF-8")
                continue
            if not text.startswith("<!DOCTYPE html>"):
                problems.append(f"{rel}: does not start with <!DOCTYPE html>")
            page = Page()
            page.feed(text)
            page.close()
            pages[rel] = page
    if "index.html" not in pages:
        problems.append("index.html is missing")
    for rel, page in sorted(pages.items()):
        if not page.charset:
            problems.append(f"{rel}: no <meta charset=\"utf-8\">")
        if not page.html_lang:
            problems.append(f"{rel}: <html> has no lang")
        if page.inline_scripts:
            problems.append(f"{rel}: {page.inline_scripts} inline script(s)")
        for h in page.handlers:
            problems.append(f"{rel}: script in an attribute: {h}")
        seen = set()
        for i in page.ids:
            if i in seen:
                problems.append(f"{rel}: id '{i}' used twice")
            seen.add(i)
        if page.lang["ja"] != page.lang["en"]:
            problems.append(f"{rel}: {page.lang['ja']} Japanese and {page.lang['en']} English elements")
        if page.lang["ja"] == 0:
            problems.append(f"{rel}: no bilingual text")
        base = os.path.dirname(rel)
        for tag, attr, value in page.resources:
            if is_remote(value) or value.startswith("data:"):
                problems.append(f"{rel}: <{tag} {attr}=\"{value}\"> loads from outside the site")
                continue
            target = os.path.normpath(os.path.join(site, base, unquote(urlsplit(value).path)))
            if not os.path.isfile(target):
                problems.append(f"{rel}: <{tag} {attr}=\"{value}\"> does not exist")
        for tag, attr, value in page.links:
            if is_remote(value) or value.startswith("mailto:"):
                continue
            parts = urlsplit(value)
            target_rel = os.path.normpath(os.path.join(base, unquote(parts.path))) if parts.path else rel
            if target_rel.startswith(".."):
                # The download page links the release bundle's other formats, which lie beside
                # the site (exports/ in the bundle); it is the one page allowed to leave it.
                if rel == "downloads.html":
                    continue
                problems.append(f"{rel}: link {value} leaves the site")
                continue
            target = pages.get(target_rel)
            if target is None and not os.path.isfile(os.path.join(site, target_rel)):
                problems.append(f"{rel}: link {value} leads nowhere")
            elif parts.fragment and target is not None and unquote(parts.fragment) not in target.ids:
                problems.append(f"{rel}: link {value} names a missing #{parts.fragment}")
    counts = {c: 0 for c in RECORD_COLLECTIONS}
    ids = {c: set() for c in RECORD_COLLECTIONS}
    for page in pages.values():
        for collection, record in page.records:
            counts[collection] = counts.get(collection, 0) + 1
            ids.setdefault(collection, set()).add(record)
    for collection, n in sorted(counts.items()):
        if len(ids.get(collection, ())) != n:
            problems.append(f"{collection}: {n} record markers but {len(ids[collection])} distinct ids")
        if collection in expected and expected[collection] != n:
            problems.append(f"{collection}: the site carries {n} records, expected {expected[collection]}")
    return problems, pages, counts


class DevTools:
    """Chromium driven over --remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="renkei-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():
            # In the child: move both ends above 3 and 4 first, so neither is overwritten,
            # then put them on 3 and 4, inheritable.
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3, inheritable=True)
            os.dup2(high_w, 4, inheritable=True)

        self.proc = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the browser did not answer in time")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, timeout=30):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        for i, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            if "method" in event:
                self.events.append(event)

    def drain(self, seconds):
        deadline = time.monotonic() + seconds
        try:
            while True:
                event = self._read_message(deadline)
                if "method" in event:
                    self.events.append(event)
        except TimeoutError:
            pass

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating a check failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")


PROBE = r"""
(() => {
  const visible = (el) => el.getClientRects().length > 0;
  const count = (sel) => document.querySelectorAll(sel).length;
  const out = {
    svg: count("main svg"), charts: count("main svg.chart"),
    networkCircles: count("#partner-network circle"), networkEdges: count("#partner-network .edge"),
    timelineRows: count("table.timeline tr[data-collection='events'][data-record-id]"),
    rendered: document.body ? document.body.innerText.length : 0,
    languages: {},
  };
  for (const lang of ["ja", "en"]) {
    const input = document.getElementById("lang-" + lang);
    if (!input) { out.languages = null; break; }
    input.click();
    const shown = {ja: 0, en: 0};
    for (const el of document.querySelectorAll(".page [lang]")) {
      if (visible(el)) shown[el.getAttribute("lang")] = (shown[el.getAttribute("lang")] || 0) + 1;
    }
    out.languages[lang] = shown;
  }
  document.getElementById("lang-ja") && document.getElementById("lang-ja").click();
  return out;
})()
"""


def browser_checks(site, pages, chromium, expected, screenshot):
    problems = []
    browser = DevTools(chromium)
    try:
        browser.open_page()
        names = sorted(pages)
        for rel in names:
            url = "file://" + os.path.abspath(os.path.join(site, rel))
            browser.events.clear()
            browser.send("Page.navigate", {"url": url})
            browser.wait_for("Page.loadEventFired")
            browser.drain(0.05)
            probe = browser.evaluate(PROBE)
            for event in browser.events:
                method, params = event["method"], event.get("params", {})
                if method == "Runtime.consoleAPICalled":
                    text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                    problems.append(f"{rel}: console.{params.get('type')}: {text}")
                elif method == "Runtime.exceptionThrown":
                    details = params.get("exceptionDetails", {})
                    problems.append(f"{rel}: uncaught exception: {details.get('exception', {}).get('description') or details.get('text')}")
                elif method == "Log.entryAdded":
                    entry = params.get("entry", {})
                    if entry.get("level") in ("error", "warning"):
                        problems.append(f"{rel}: {entry.get('level')}: {entry.get('text')} {entry.get('url', '')}".rstrip())
                elif method == "Network.loadingFailed":
                    problems.append(f"{rel}: a load failed: {params.get('errorText')}")
                elif method == "Network.requestWillBeSent":
                    request_url = params.get("request", {}).get("url", "")
                    if not request_url.startswith(("file://", "data:", "about:")):
                        problems.append(f"{rel}: a request leaves the site: {request_url}")
            if probe["rendered"] == 0:
                problems.append(f"{rel}: nothing rendered")
            langs = probe["languages"]
            if langs is None:
                problems.append(f"{rel}: no language switch")
            else:
                if langs["ja"].get("en", 0) or not langs["ja"].get("ja", 0):
                    problems.append(f"{rel}: with Japanese chosen, {langs['ja'].get('en', 0)} English and {langs['ja'].get('ja', 0)} Japanese elements show")
                if langs["en"].get("ja", 0) or not langs["en"].get("en", 0):
                    problems.append(f"{rel}: with English chosen, {langs['en'].get('ja', 0)} Japanese and {langs['en'].get('en', 0)} English elements show")
            if rel in ("index.html", "years.html") and probe["charts"] < 2:
                problems.append(f"{rel}: {probe['charts']} chart <svg> rendered, expected at least 2")
            if rel == "network.html":
                if probe["svg"] < 1 or probe["networkCircles"] < 1:
                    problems.append(f"{rel}: the network <svg> is not rendered")
                rows = probe_partner_rows(browser)
                if probe["networkCircles"] != rows + 1:
                    problems.append(f"{rel}: {probe['networkCircles']} circles for {rows} partners and Japan")
            if rel == "timeline.html" and "events" in expected and probe["timelineRows"] != expected["events"]:
                problems.append(f"{rel}: {probe['timelineRows']} event rows rendered, expected {expected['events']}")
            if rel == "logic-model.html":
                has_values = browser.evaluate("document.querySelectorAll('.indicator table').length")
                if has_values and probe["charts"] < 1:
                    problems.append(f"{rel}: indicator values without a chart")
        if screenshot:
            take_screenshot(browser, site, screenshot)
    finally:
        browser.close()
    return problems, len(pages)


def probe_partner_rows(browser):
    return browser.evaluate("document.querySelectorAll('tr[data-partner]').length")


def take_screenshot(browser, site, out):
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    browser.events.clear()
    browser.send("Page.navigate", {"url": "file://" + os.path.abspath(os.path.join(site, "index.html"))})
    browser.wait_for("Page.loadEventFired")
    height = browser.evaluate("Math.ceil(document.documentElement.scrollHeight)")
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": int(height), "deviceScaleFactor": 1, "mobile": False})
    browser.drain(0.2)
    shot = browser.send("Page.captureScreenshot", {"format": "png"})
    with open(out, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def find_chromium(given):
    for candidate in [given, os.environ.get("RENKEI_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"]:
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", help="the site/ directory")
    parser.add_argument("--expect", action="append", default=[], metavar="COLLECTION=N")
    parser.add_argument("--json", help="take the expected counts from this canonical JSON export")
    parser.add_argument("--chromium")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    expected = {}
    if args.json:
        with open(args.json, encoding="utf-8") as f:
            counts = json.load(f)["dataset"]["counts"]
        expected.update({c: counts[c] for c in RECORD_COLLECTIONS})
    for item in args.expect:
        name, _, n = item.partition("=")
        expected[name] = int(n)

    problems, pages, counts = static_checks(args.site, expected)
    print(f"static: {len(pages)} pages; records carried: " + ", ".join(f"{c} {counts[c]}" for c in RECORD_COLLECTIONS))
    if not args.no_browser:
        chromium = find_chromium(args.chromium)
        if chromium is None:
            problems.append("no Chromium found (install Debian's chromium, or pass --chromium / set RENKEI_CHROMIUM)")
        else:
            browser_problems, n = browser_checks(args.site, pages, chromium, expected, args.screenshot)
            problems += browser_problems
            print(f"browser: {n} pages rendered in {os.path.basename(chromium)}")
    for p in problems:
        print(f"PROBLEM {p}")
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
