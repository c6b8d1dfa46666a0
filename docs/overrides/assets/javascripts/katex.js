// Render the math that pymdownx.arithmatex leaves in the pages ($...$, \(...\), \[...\], $$...$$)
// with KaTeX, lazily. KaTeX itself (300 KB) loads only once a page shows math: most math sits
// in collapsed answers, and loading and typesetting it all at start-up made pages slow to
// become usable (Lighthouse: total blocking time). Math outside a closed answer is typeset on
// every page change (instant navigation included), an answer's math when it opens, and all of
// it before printing (KaTeX is fetched in the background a few seconds after a page with math
// loads, so that printing finds it).
(() => {
  const OPTIONS = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
  };
  let katex = null; // the promise of KaTeX and its auto-render extension, once asked for

  function load() {
    const base = new URL("assets/katex/", __md_scope);
    const script = (path) =>
      new Promise((resolve, reject) => {
        const el = document.createElement("script");
        el.src = new URL(path, base).href;
        el.onload = resolve;
        el.onerror = reject;
        document.head.append(el);
      });
    katex ??= (() => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = new URL("katex.min.css", base).href;
      document.head.append(css);
      return script("katex.min.js").then(() => script("contrib/auto-render.min.js"));
    })();
    return katex;
  }

  function render(elements) {
    for (const el of elements) {
      if (el.classList.contains("qb-typeset")) continue;
      el.classList.add("qb-typeset");
      renderMathInElement(el, OPTIONS);
    }
    // main.html: a formula wider than the screen scrolls by keyboard too. KaTeX's fonts widen
    // formulas when they arrive, so measure again then.
    window.qbFocusScrollers?.(document);
    document.fonts.ready.then(() => window.qbFocusScrollers?.(document));
  }

  function typeset(root, all = false) {
    const math = [...root.querySelectorAll(".arithmatex:not(.qb-typeset)")].filter(
      (el) => all || !el.closest("details:not([open])"),
    );
    if (math.length === 0) return;
    if (window.renderMathInElement) render(math); // synchronous when loaded: printing needs it
    else load().then(() => render(math));
  }

  window.qbTypeset = (root) => typeset(root, true); // for answers shown elsewhere (practice)
  document$.subscribe(({ body }) => {
    typeset(body);
    if (body.querySelector(".arithmatex")) setTimeout(load, 5000);
  });
  // toggle does not bubble: listen in the capture phase.
  document.addEventListener("toggle", (e) => e.target.open && typeset(e.target), true);
  window.addEventListener("beforeprint", () => typeset(document.body, true));
})();
