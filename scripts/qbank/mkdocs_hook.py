"""The thin MkDocs hook: run the qbank generator and hand its pages to MkDocs.

Everything else (loading, validation, rendering) is MkDocs-independent, so another
builder only needs its own ten lines like these, or `qbank build`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from qbank import paths
from qbank.bank import read_bank
from qbank.problems import BankError
from qbank.render import render_site, topic_path
from qbank.write import UnsafeWrite, write_pages

_pages: list[str] = []
_NAV_PLACEHOLDER = "Topics"


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        bank = read_bank(_root(config) / paths.BANK_FILE)
        pages = render_site(bank)
        write_pages(pages, _root(config) / paths.GENERATED_DIR)
    except BankError as error:
        raise PluginError(f"questions/bank.yml has problems:\n{error}") from None
    except UnsafeWrite as error:
        raise PluginError(str(error)) from None
    _pages[:] = pages
    # mkdocs.yml has `- Topics: []` in its nav: fill it with the topics, in their order.
    for item in config.nav or []:
        if isinstance(item, dict) and item.get(_NAV_PLACEHOLDER) == []:
            item[_NAV_PLACEHOLDER] = [{t.title: topic_path(t)} for t in bank.topics]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    out = _root(config) / paths.GENERATED_DIR
    for relative in _pages:
        file = File.generated(config, relative, abs_src_path=str(out / relative))
        # "Edit this page" opens the bank, relative to edit_uri (which points into docs/).
        file.edit_uri = "../questions/bank.yml"
        files.append(file)
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    server.watch(str((_root(config) / paths.BANK_FILE).parent))
    server.watch(str(paths.TEMPLATES))
    return server
