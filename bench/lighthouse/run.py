"""Lighthouse 12.2.3 in mobile emulation on the home, parents, posters and contact pages of a
private, freshly seeded deployment (gunicorn, production settings), compared with the targets.

Usage (from the repository root, after `npm ci` in bench/lighthouse):
    .venv/bin/python bench/lighthouse/run.py [--keep-reports DIR]

A benchmark, not a test: it prints a table and exits 0 even when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.site_pages import discover_states  # noqa: E402
from tests.live_site import running_site  # noqa: E402

CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = ["home", "parents", "posters", "contact"]


def lighthouse(url: str, report: Path) -> dict:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit("Run `npm ci` in bench/lighthouse first.")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): try a page up to 3 times.
    for attempt in range(1, 4):
        if subprocess.run(command, env=env, timeout=300).returncode == 0:
            return json.loads(report.read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt} of 3)", file=sys.stderr)
    sys.exit(f"Lighthouse could not measure {url}")


def summarise(result: dict) -> dict:
    audits = result["audits"]
    return {
        **{c: round(result["categories"][c]["score"] * 100) for c in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
    }


def table(rows: dict[str, dict]) -> str:
    header = (
        "| page | performance | accessibility | best practices | SEO | LCP | CLS | total bytes |"
    )
    lines = [header, "|" + "---|" * 8]
    for page, r in rows.items():
        scores = [
            f"{r[c]}{'' if r[c] >= TARGETS[c] else ' (below ' + str(TARGETS[c]) + ')'}"
            for c in CATEGORIES
        ]
        lines.append(
            f"| {page} | {' | '.join(scores)} | {r['lcp_ms'] / 1000:.1f} s | {r['cls']} "
            f"| {r['bytes'] / 1024:.1f} KB |"
        )
    targets = ", ".join(f"{c} ≥ {t}" for c, t in TARGETS.items())
    return "\n".join(lines) + f"\n\nTargets: {targets}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-reports", type=Path, help="write the JSON reports here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        workdir = Path(tmp)
        reports = args.keep_reports or workdir / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        with running_site(workdir) as site:
            states = discover_states(site)
            rows = {}
            for name in PAGES:
                if not states[name].path:
                    print(f"{name}: missing ({states[name].missing_reason})", file=sys.stderr)
                    continue
                url = site.base_url + states[name].path
                rows[name] = summarise(lighthouse(url, reports / f"{name}.json"))
    print(table(rows))


if __name__ == "__main__":
    main()
