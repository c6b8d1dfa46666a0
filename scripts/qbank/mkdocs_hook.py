"""The thin MkDocs hook: run the qbank generator and hand its pages to MkDocs.

Everything else (loading, validation, rendering) is MkDocs-independent, so another
builder only needs its own ten lines like these, or `qbank build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from qbank import paths
from qbank.bank import read_bank
from qbank.export import site_downloads
from qbank.model import DIFFICULTIES
from qbank.notebooks import NotebookCache, cached_notebooks
from qbank.problems import BankError
from qbank.render import render_redirects, render_site, runnable, topic_path
from qbank.write import UnsafeWrite, write_pages

_pages: list[str] = []
_redirects: dict[str, str] = {}
_downloads: dict[str, str | bytes] = {}
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        bank = read_bank(_root(config) / paths.BANK_FILE)
        # Outputs come from `qbank execute`'s cache: a build never runs a snippet.
        cache = NotebookCache(_root(config) / paths.NOTEBOOK_CACHE_DIR)
        pages = render_site(bank, cached_notebooks(runnable(bank), cache))
        write_pages(pages, _root(config) / paths.GENERATED_DIR)
    except BankError as error:
        raise PluginError(f"questions/bank.yml has problems:\n{error}") from None
    except UnsafeWrite as error:
        raise PluginError(str(error)) from None
    _pages[:] = pages
    # While serving, a slightly old Anki deck beats a second's wait on every save.
    cache = _root(config) / paths.EXPORT_CACHE_DIR
    _downloads.clear()
    _downloads.update(site_downloads(bank, config.site_url or "", cache, allow_stale=_serving))
    _redirects.clear()
    _redirects.update(render_redirects(bank))
    # mkdocs.yml has `- Topics: []`, `- Browse: []` and `- Snippets: []` in its nav: fill them.
    sections = {
        "Topics": [{t.title: topic_path(t)} for t in bank.topics],
        "Browse": [
            {"Tags": "tags/index.md"},
            *({f"{d.capitalize()} questions": f"difficulty/{d}.md"} for d in DIFFICULTIES),
        ],
        # One entry: the index lists every notebook. A 43-item section would weigh on every
        # page (the whole navigation is in each page, styled even while the phone drawer is
        # shut) and bury the topics.
        "Snippets": ["snippets/index.md"],
    }
    for item in config.nav or []:
        for name, entries in sections.items():
            if isinstance(item, dict) and item.get(name) == []:
                item[name] = entries
    return config


@event_priority(50)  # before mkdocs-jupyter, which turns the .ipynb files into pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    out = _root(config) / paths.GENERATED_DIR
    for relative in _pages:
        # A plain File rooted in the generated folder (a second docs_dir), so that plugins
        # which read src_dir, such as mkdocs-jupyter, treat it like any other page.
        files.append(File(relative, str(out), config.site_dir, config.use_directory_urls))
    for relative, content in _downloads.items():
        files.append(File.generated(config, relative, content=content))
    return files


@event_priority(50)  # before the search plugin reads page.meta
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any):
    if page.file.src_uri not in _pages:
        return context
    # "Edit this page" on a generated page opens the bank (edit_uri points into docs/).
    if config.repo_url and config.edit_uri:
        page.edit_url = urljoin(config.repo_url + "/", config.edit_uri + "../questions/bank.yml")
    # Notebooks repeat code that search already finds in the answers, plus large outputs.
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}
    return context


def on_post_build(config: MkDocsConfig) -> None:
    # Permalinks /q/<id>/ are plain redirect pages, written straight into the site.
    for relative, html in _redirects.items():
        target = Path(config.site_dir) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(str((_root(config) / paths.BANK_FILE).parent))
    server.watch(str(paths.TEMPLATES))
    return server
