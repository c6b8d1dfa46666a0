"""A Markdown extension: links to other sites open in a new tab, with rel="noopener" so the
opened page cannot reach back into ours. Enable it as `qbank.external_links`."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _ExternalLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(("https://", "http://")):
                link.set("target", "_blank")
                link.set("rel", "noopener")


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 0: after the inline processor (20) has turned [text](url) into <a>.
        md.treeprocessors.register(_ExternalLinks(md), "qbank_external_links", 0)


def makeExtension(**kwargs) -> ExternalLinksExtension:
    return ExternalLinksExtension(**kwargs)
