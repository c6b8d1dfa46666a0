// Topic pages: a "Mark as known" toggle on each question, "K / N known" counts (also on the
// home page), a toolbar to expand or collapse every answer and to filter the questions by
// difficulty and tag, and printing with every answer open. Works with instant navigation.

(() => {
  const P = window.qbProgress;
  const { QUESTION, bodyOf, answerOf, actionsOf, targetOf } = window.qbQuestions;
  const LEVELS = ["easy", "medium", "hard"];
  const filter = { difficulties: [], tag: "" }; // nothing chosen: every question shows

  const h = (tag, attrs = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    el.append(...children);
    return el;
  };

  // ---- What the page says about each question ----

  // A question's heading and its body.
  const partsOf = (heading) => [heading, bodyOf(heading)].filter(Boolean);

  // The generator writes each question's topic, difficulty and tags on its heading.
  const topicOf = (heading) => heading.dataset.topic;
  const difficultyOf = (heading) => heading.dataset.difficulty;
  const tagsOf = (heading) => heading.dataset.tags.split(" ").filter(Boolean);

  function questions() {
    return [...document.querySelectorAll(`.md-content ${QUESTION}`)];
  }

  // ---- Progress: known counts and "Mark as known" ----

  function showCounts() {
    const counts = P.topicCounts(P.load());
    document.querySelectorAll(".qb-known[data-topic]").forEach((el) => {
      const count = counts[el.dataset.topic];
      el.textContent = count?.seen ? `${count.known} / ${el.dataset.total} known` : "";
    });
  }

  function showToggles() {
    const { cards } = P.load();
    document.querySelectorAll(".qb-known-toggle").forEach((button) => {
      button.setAttribute("aria-pressed", String(P.isKnown(cards[button.dataset.question])));
    });
  }

  function addToggle(heading) {
    const bar = actionsOf(heading);
    if (!bar || bar.querySelector(".qb-known-toggle")) return;
    const button = h(
      "button",
      {
        type: "button",
        class: "qb-known-toggle",
        "aria-pressed": "false",
        "data-question": heading.id,
      },
      "Mark as known",
    );
    button.addEventListener("click", () => {
      const progress = P.load();
      const card = progress.cards[heading.id];
      const topic = topicOf(heading);
      progress.cards[heading.id] = P.isKnown(card)
        ? P.unmarkKnown(card, topic)
        : P.markKnown(card, topic);
      P.save(progress); // updates every toggle and count through P.subscribe below
    });
    bar.prepend(button);
  }

  // ---- Reading toolbar: expand/collapse, filters ----

  // The filters a link asked for (?difficulty=easy,hard&tag=nms); unknown values are ignored.
  function readFilterFromUrl(all) {
    const params = new URLSearchParams(location.search);
    filter.difficulties = (params.get("difficulty") ?? "")
      .split(",")
      .filter((d) => LEVELS.includes(d));
    const tag = params.get("tag") ?? "";
    filter.tag = all.some((heading) => tagsOf(heading).includes(tag)) ? tag : "";
  }

  function writeFilterToUrl() {
    const url = new URL(location.href);
    if (filter.difficulties.length)
      url.searchParams.set("difficulty", filter.difficulties.join(","));
    else url.searchParams.delete("difficulty");
    if (filter.tag) url.searchParams.set("tag", filter.tag);
    else url.searchParams.delete("tag");
    history.replaceState(history.state, "", url);
  }

  function shown(heading) {
    return (
      (!filter.difficulties.length || filter.difficulties.includes(difficultyOf(heading))) &&
      (!filter.tag || tagsOf(heading).includes(filter.tag))
    );
  }

  // Hide the questions the filters leave out (and their table of contents entries).
  function applyFilter() {
    const all = questions();
    let count = 0;
    for (const heading of all) {
      const visible = shown(heading);
      if (visible) count += 1;
      partsOf(heading).forEach((el) => el.classList.toggle("qb-filtered", !visible));
      document
        .querySelectorAll(`.md-nav--secondary a[href="#${CSS.escape(heading.id)}"]`)
        .forEach((link) => link.parentElement.classList.toggle("qb-filtered", !visible));
    }
    const toolbar = document.querySelector(".qb-toolbar");
    if (!toolbar) return;
    const active = filter.difficulties.length > 0 || filter.tag !== "";
    toolbar.querySelector(".qb-toolbar__count").textContent = active
      ? `Showing ${count} of ${all.length} questions`
      : `Showing all ${all.length} questions`;
    toolbar.querySelector(".qb-toolbar__clear").hidden = !active;
    toolbar.querySelectorAll("[data-difficulty]").forEach((button) => {
      button.setAttribute(
        "aria-pressed",
        String(filter.difficulties.includes(button.dataset.difficulty)),
      );
    });
    toolbar.querySelector("select").value = filter.tag;
  }

  function setFilter(change) {
    Object.assign(filter, change);
    writeFilterToUrl();
    applyFilter();
  }

  function setAnswers(open) {
    questions().forEach((heading) => {
      const answer = answerOf(heading);
      if (answer) answer.open = open;
    });
  }

  // A toggle: pressed difficulties are the only ones shown (none pressed: all shown).
  function difficultyButton(level, button) {
    const label = level[0].toUpperCase() + level.slice(1);
    return button(label, { "data-difficulty": level, "aria-pressed": "false" }, () => {
      const chosen = filter.difficulties.includes(level)
        ? filter.difficulties.filter((d) => d !== level)
        : [...filter.difficulties, level];
      setFilter({ difficulties: chosen });
    });
  }

  function addToolbar(all) {
    const meta = document.querySelector(".md-content .qb-meta");
    if (!meta || document.querySelector(".qb-toolbar")) return;
    const levels = LEVELS.filter((level) => all.some((heading) => difficultyOf(heading) === level));
    const tags = [...new Set(all.flatMap(tagsOf))].sort();
    const button = (label, attrs, onclick) => {
      const el = h("button", { type: "button", class: "qb-btn qb-btn--small", ...attrs }, label);
      el.addEventListener("click", onclick);
      return el;
    };
    const select = h(
      "select",
      { class: "qb-toolbar__tag" },
      h("option", { value: "" }, "All tags"),
      ...tags.map((tag) =>
        h(
          "option",
          { value: tag },
          `${tag} (${all.filter((q) => tagsOf(q).includes(tag)).length})`,
        ),
      ),
    );
    select.addEventListener("change", () => setFilter({ tag: select.value }));
    const toolbar = h(
      "div",
      { class: "qb-toolbar", role: "group", "aria-label": "Reading options" },
      h(
        "div",
        { class: "qb-toolbar__row" },
        button("Expand all", {}, () => setAnswers(true)),
        button("Collapse all", {}, () => setAnswers(false)),
      ),
      h(
        "div",
        { class: "qb-toolbar__row" },
        h(
          "span",
          { class: "qb-toolbar__group", role: "group", "aria-labelledby": "qb-difficulty-label" },
          h("span", { class: "qb-toolbar__label", id: "qb-difficulty-label" }, "Difficulty:"),
          ...levels.map((level) => difficultyButton(level, button)),
        ),
        h("label", { class: "qb-toolbar__label" }, "Tag: ", select),
      ),
      h(
        "div",
        { class: "qb-toolbar__row" },
        h("p", { class: "qb-toolbar__count", role: "status" }),
        button("Clear filters", { class: "qb-btn qb-btn--small qb-toolbar__clear" }, () =>
          setFilter({ difficulties: [], tag: "" }),
        ),
      ),
    );
    // The page keeps the toolbar's place free, so that adding it moves nothing.
    const slot = document.querySelector(".md-content .qb-toolbar-slot");
    if (slot) slot.replaceWith(toolbar);
    else meta.after(toolbar);
  }

  // A link to a question the filters hide clears the filters, then shows the question.
  function unhide(target) {
    if (!target?.matches?.(QUESTION) || !target.classList.contains("qb-filtered")) return false;
    setFilter({ difficulties: [], tag: "" });
    return true;
  }

  // ---- Printing: every answer open, then back as it was ----

  let closedBeforePrint = [];
  window.addEventListener("beforeprint", () => {
    closedBeforePrint = [...document.querySelectorAll(".md-content details:not([open])")];
    closedBeforePrint.forEach((details) => (details.open = true));
  });
  window.addEventListener("afterprint", () => {
    closedBeforePrint.forEach((details) => (details.open = false));
    closedBeforePrint = [];
  });

  // ---- Wiring ----

  function setUpPage() {
    showCounts();
    const all = questions();
    if (!all.length) return;
    all.forEach(addToggle);
    showToggles();
    readFilterFromUrl(all);
    addToolbar(all);
    applyFilter();
    // Landing on a hidden question: show it (questions.js then opens its answer).
    if (unhide(targetOf(location.hash)))
      targetOf(location.hash)?.scrollIntoView({ block: "start" });
  }

  // In a task of its own after Material's start-up (as in questions.js).
  document$.subscribe(() => setTimeout(setUpPage));

  // Clicks on links to a hidden question on this page (table of contents, related links).
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element && event.target.closest("a[href*='#']");
      if (!link || link.origin + link.pathname !== location.origin + location.pathname) return;
      unhide(targetOf(link.hash));
    },
    true,
  );
  window.addEventListener("hashchange", () => {
    const target = targetOf(location.hash);
    if (unhide(target)) target.scrollIntoView({ block: "start" });
  });

  P.subscribe(() => {
    showCounts();
    showToggles();
  });
})();
