"""Quality bars (issue 6): Lighthouse on the mobile profile (accessibility 100, best practices
and SEO >= 95, performance >= 90) and no axe-core violations, light and dark, on the home
page, the largest topic page and the practice page. scripts/audit/audit.py does the work."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest
from qbank import paths

AUDIT_DIR = paths.ROOT / "scripts" / "audit"
_spec = importlib.util.spec_from_file_location("audit", AUDIT_DIR / "audit.py")
audit = sys.modules["audit"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

if os.environ.get("CI") != "true":
    if not audit.chromium() or not shutil.which("node"):
        pytest.skip(
            "Chromium or Node.js is missing (apt-get install chromium nodejs npm); "
            "CI always runs the audit",
            allow_module_level=True,
        )
    if not audit.LIGHTHOUSE.exists():
        pytest.skip(
            "Lighthouse is not installed: npm ci --prefix scripts/audit; CI always runs the audit",
            allow_module_level=True,
        )


@pytest.fixture(scope="module")
def results(site):
    """One audit of the three pages (Lighthouse five times each), shared by the tests."""
    results = audit.run(site)
    print(audit.report(results))
    assert results[0].path == "/" and not results[0].skipped
    assert results[1].path.startswith("/topics/") and not results[1].skipped
    return results


def _missed(results, *, performance: bool) -> list[str]:
    return [m for r in results for m in r.missed if (": performance " in m) == performance]


@pytest.mark.slow
def test_accessibility_best_practices_seo_and_axe(results):
    assert not _missed(results, performance=False), audit.report(results)


@pytest.mark.slow
def test_performance(results):
    assert not _missed(results, performance=True), audit.report(results)
