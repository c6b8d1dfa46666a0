"""Quality bars for the built site: Lighthouse (mobile profile) and axe-core.

    python scripts/audit/audit.py [SITE_DIR] [--runs N]

Without SITE_DIR it builds the site (`mkdocs build --strict`) into a temporary directory.
It serves the site on 127.0.0.1 with gzip, as GitHub Pages does, and audits the home page,
the largest topic page and the practice page one after the other: Lighthouse five times
each (the median run counts, as Lighthouse's guide to variability advises), then axe-core
in light and dark mode with every answer open. It prints the scores and every failing check
with its selector, and exits 1 if any bar is missed.

Needs `npm ci --prefix scripts/audit` (Lighthouse, axe-core), Playwright (the test extras)
and a system Chromium: CHROMIUM, else `chromium` on PATH. It never downloads a browser.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# Category id -> (column title, minimum score out of 100).
BARS = {
    "performance": ("performance", 90),
    "accessibility": ("accessibility", 100),
    "best-practices": ("best practices", 95),
    "seo": ("SEO", 95),
}
SCHEMES = ("light", "dark")
RUNS = 5  # Lighthouse runs per page; the median one counts
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ipynb"}


# Check what a reader sees with every answer open, not only the collapsed page: open them,
# then bring each code block into view (content.lazy mounts code blocks when first seen).
OPEN_EVERYTHING = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  document.querySelectorAll("details").forEach((d) => (d.open = true));
  for (const code of document.querySelectorAll("pre > code")) {
    code.scrollIntoView();
    // Mounted: a wide block is focusable (tabindex), a narrow one needs nothing. 2 s at most.
    const start = performance.now();
    while (!(code.tabIndex === 0 || code.scrollWidth <= code.clientWidth)
           && performance.now() - start < 2000) await frame();
  }
  scrollTo(0, 0);
}"""


def chromium() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


@dataclass
class PageResult:
    name: str
    path: str
    skipped: str = ""
    scores: dict[str, int] = field(default_factory=dict)  # category id -> 0..100
    lighthouse_failures: list[str] = field(default_factory=list)
    axe_violations: list[str] = field(default_factory=list)

    @property
    def missed(self) -> list[str]:
        """Every bar this page misses, in words."""
        if self.skipped:
            return []
        missed = [
            f"{self.name}: {title} {self.scores[cat]} < {bar}"
            for cat, (title, bar) in BARS.items()
            if self.scores[cat] < bar
        ]
        if self.axe_violations:
            missed.append(f"{self.name}: {len(self.axe_violations)} axe violation(s)")
        return missed


def pages(site: Path) -> list[PageResult]:
    """Home, the largest topic page by bytes, and the practice page."""
    topics = sorted(site.glob("topics/*/index.html"), key=lambda p: p.stat().st_size)
    found = [PageResult("home", "/")]
    if topics:
        found.append(
            PageResult(f"topic: {topics[-1].parent.name}", f"/topics/{topics[-1].parent.name}/")
        )
    practice = PageResult("practice", "/practice/")
    if not (site / "practice" / "index.html").is_file():
        practice.skipped = "skipped: not built"
    return [*found, practice]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped like GitHub Pages does (Lighthouse measures transfer sizes)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzipped and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # also redirects /dir to /dir/ and answers 404
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(site: Path):
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _selectors(audit: dict) -> list[str]:
    items = (audit.get("details") or {}).get("items") or []
    nodes = [item.get("node") or {} for item in items]
    return [n.get("selector") or n.get("snippet", "") for n in nodes if n][:5] or [
        str(item.get("url") or item.get("source") or "")[:120] for item in items[:5]
    ]


def _lighthouse_report(url: str, browser: str) -> dict:
    run = subprocess.run(
        [
            str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
            f"--only-categories={','.join(BARS)}", f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": browser},
    )  # fmt: skip
    if run.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout)


def lighthouse(url: str, result: PageResult, browser: str, runs: int) -> None:
    """Lighthouse's default (mobile) profile, every category we have a bar for. Performance
    varies from run to run: with several runs, keep the median one (as Lighthouse advises)."""
    reports = [_lighthouse_report(url, browser) for _ in range(runs)]
    reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
    report = reports[len(reports) // 2]
    for cat, category in report["categories"].items():
        result.scores[cat] = round(100 * (category["score"] or 0))
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                where = "".join(f"\n      {s}" for s in _selectors(audit))
                result.lighthouse_failures.append(
                    f"{BARS[cat][0]}: {ref['id']} score {audit['score']:.2f}{value}{where}"
                )


def axe(url: str, result: PageResult, browser: str) -> None:
    """axe-core's default rules (WCAG A/AA and best practices), light and dark, answers open."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=browser, args=["--no-sandbox"])
        for scheme in SCHEMES:
            context = chrome.new_context(
                color_scheme=scheme, viewport={"width": 412, "height": 823}
            )
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.evaluate(OPEN_EVERYTHING)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("axe.run().then(r => r.violations)")
            for v in violations:
                targets = "".join(f"\n      {' '.join(n['target'])}" for n in v["nodes"][:5])
                more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
                result.axe_violations.append(f"{scheme}: {v['id']}: {v['help']}{more}{targets}")
            context.close()
        chrome.close()


def build(out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    return out


def run(site: Path, runs: int = RUNS) -> list[PageResult]:
    """Audit the built site's pages, one after the other (Lighthouse `runs` times each)."""
    browser = chromium()
    if not browser:
        raise RuntimeError("no Chromium: apt-get install chromium, or set CHROMIUM")
    if not LIGHTHOUSE.exists() or not AXE.exists():
        raise RuntimeError("Lighthouse or axe-core missing: npm ci --prefix scripts/audit")
    results = pages(site)
    with serve(site) as base:
        for result in results:
            if not result.skipped:
                lighthouse(base + result.path, result, browser, runs)
                axe(base + result.path, result, browser)
    return results


def report(results: list[PageResult]) -> str:
    head = ["page", *(title for title, _ in BARS.values()), "axe violations"]
    rows = [head, ["---"] * len(head)]
    for r in results:
        if r.skipped:
            rows.append([r.name, r.skipped, "", "", "", ""])
        else:
            rows.append([r.name, *(str(r.scores[c]) for c in BARS), str(len(r.axe_violations))])
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    bars = ", ".join(f"{title} >= {bar}" for title, bar in BARS.values())
    lines.append(f"\nBars: {bars}, no axe violations (light and dark).")
    for r in results:
        for failure in r.lighthouse_failures + r.axe_violations:
            lines.append(f"  {r.name}: {failure}")
    missed = [m for r in results for m in r.missed]
    lines.append("FAILED: " + "; ".join(missed) if missed else "All bars met.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse runs per page (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qbank-audit-") as tmp:
        site = args.site or build(Path(tmp) / "site")
        results = run(site, args.runs)
    print(report(results))
    return 1 if any(r.missed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
