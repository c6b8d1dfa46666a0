// Render the math that pymdownx.arithmatex leaves in the pages ($...$, \(...\), \[...\], $$...$$)
// with KaTeX, lazily: most of a topic page's math sits in collapsed answers, and typesetting it
// all at load was a third of the page's start-up script time (Lighthouse: total blocking time).
// Math outside a closed answer is typeset on every page change (instant navigation included);
// an answer's math when it opens; everything before printing.
(() => {
  const OPTIONS = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
  };

  function typeset(root, all = false) {
    for (const el of root.querySelectorAll(".arithmatex:not(.qb-typeset)")) {
      if (!all && el.closest("details:not([open])")) continue;
      el.classList.add("qb-typeset");
      renderMathInElement(el, OPTIONS);
    }
  }

  document$.subscribe(({ body }) => typeset(body));
  // toggle does not bubble: listen in the capture phase.
  document.addEventListener("toggle", (e) => e.target.open && typeset(e.target), true);
  window.addEventListener("beforeprint", () => typeset(document.body, true));
})();
