// Practice mode (docs/practice.md): one question at a time from the chosen topics,
// difficulties and tags. Think, reveal the answer (Space), rate yourself (1, 2, 3); the
// Leitner schedule in progress.js decides what comes next. Runs only on the page that has
// the practice root element, and works with instant navigation.

(() => {
  const P = window.qbProgress;
  const ROOT = "[data-qb-practice]";
  const CHOICE_KEY = "qbank.practice"; // the last choice of topics, difficulties and tags
  const AGAIN_AFTER = 3; // a "not yet" question comes back after this many others
  const LABELS = { know: "Know it", partly: "Partly", "not-yet": "Not yet" };
  const KEYS = { 1: "know", 2: "partly", 3: "not-yet" };

  const fetched = new Map(); // site path -> its parsed content, fetched once per visit
  const tally = { know: 0, partly: 0, "not-yet": 0 }; // this visit's ratings
  let ui = null; // the practice page on screen; null on other pages

  // h("p", { class: "x", onclick: f }, "text", child): a small element builder.
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value == null) continue;
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    el.append(...children.flat(Infinity).filter((child) => child != null && child !== false));
    return el;
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  // ---- Data ----

  // A file of the site, fetched and parsed once per visit; after a failure, the next call
  // tries again.
  function fetchOnce(path, parse) {
    if (!fetched.has(path)) {
      const request = fetch(new URL(path, __md_scope))
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return parse(response);
        })
        .catch((error) => {
          fetched.delete(path);
          throw error;
        });
      fetched.set(path, request);
    }
    return fetched.get(path);
  }

  // questions.json (every question in full, on the Downloads page) or questions-index.json
  // (the same without the answers: what practice needs, at a seventh of the size).
  const loadJson = (name) =>
    fetchOnce(name, async (response) => {
      const bank = await response.json();
      if (bank.schema !== 1) throw new Error(`unknown format ${bank.schema}`);
      return bank;
    });

  const topicPage = (topic) =>
    fetchOnce(`topics/${topic}/`, async (response) =>
      new DOMParser().parseFromString(await response.text(), "text/html"),
    );

  // The rendered answer, cloned from the question's topic page, with its links made
  // absolute and its ids dropped (they belong to the topic page).
  async function answerOf(question) {
    const page = await topicPage(question.topic);
    const heading = page.getElementById(question.id);
    const details = heading && window.qbQuestions.answerOf(heading);
    if (!details) throw new Error("answer not found on its topic page");
    const base = new URL(`topics/${question.topic}/`, __md_scope);
    const body = h("div");
    for (const child of details.children) {
      if (!child.matches("summary")) body.append(document.importNode(child, true));
    }
    body.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    body
      .querySelectorAll("a[href]")
      .forEach((a) => (a.href = new URL(a.getAttribute("href"), base)));
    body
      .querySelectorAll("img[src]")
      .forEach((i) => (i.src = new URL(i.getAttribute("src"), base)));
    return body;
  }

  // When the topic page cannot be fetched: the answer's source text and its key points,
  // from questions.json (fetched only then).
  async function plainAnswer(question) {
    const full = await loadJson("questions.json")
      .then((bank) => bank.questions.find((q) => q.id === question.id))
      .catch(() => null);
    return h(
      "div",
      {},
      h("p", { class: "qb-practice__note" }, "The formatted answer could not be loaded."),
      full?.answer.split(/\n\s*\n/).map((text) => h("p", {}, text)),
      full?.key_points.length > 0 && [
        h("p", {}, h("strong", {}, "Key points")),
        h(
          "ul",
          {},
          full.key_points.map((point) => h("li", {}, point)),
        ),
      ],
    );
  }

  function typeset(el) {
    window.qbTypeset?.(el); // assets/javascripts/katex.js: loads KaTeX when needed
  }

  // ---- The choice of questions (null means "all") ----

  function loadChoice(bank) {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(CHOICE_KEY)) ?? {};
    } catch {
      // no stored choice
    }
    const keep = (list, allowed) =>
      Array.isArray(list) ? list.filter((x) => allowed.includes(x)) : null;
    return {
      topics: keep(
        saved.topics,
        bank.topics.map((t) => t.id),
      ),
      difficulties: keep(saved.difficulties, bank.difficulties),
      tags: keep(saved.tags, bank.tags) ?? [],
    };
  }

  function saveChoice(choice) {
    try {
      localStorage.setItem(CHOICE_KEY, JSON.stringify(choice));
    } catch {
      // storage unavailable: the choice lasts for this page only
    }
  }

  function matches(question, choice) {
    return (
      (!choice.topics || choice.topics.includes(question.topic)) &&
      (!choice.difficulties || choice.difficulties.includes(question.difficulty)) &&
      (choice.tags.length === 0 || question.tags.some((tag) => choice.tags.includes(tag)))
    );
  }

  function describeChoice(choice, bank, count) {
    const topics = choice.topics
      ? `${choice.topics.length} of ${bank.topics.length} topics`
      : "all topics";
    const levels = choice.difficulties
      ? choice.difficulties.join(", ") || "no difficulty"
      : "all difficulties";
    const tags =
      choice.tags.length === 0
        ? "any tag"
        : choice.tags.length <= 3
          ? choice.tags.join(", ")
          : plural(choice.tags.length, "tag");
    return `${topics} · ${levels} · ${tags}: ${plural(count, "question")}`;
  }

  // ---- The session ----

  // Queue the chosen questions: due ones first (weakest first), then new ones; or, when
  // practising anyway, everything chosen.
  function plan(anyway = false) {
    ui.chosen = ui.bank.questions.filter((q) => matches(q, ui.choice));
    const { due, fresh, later } = P.schedule(ui.chosen, P.load());
    ui.queue = anyway ? [...due, ...fresh, ...later] : [...due, ...fresh];
    ui.describe.textContent = describeChoice(ui.choice, ui.bank, ui.chosen.length);
  }

  function statusText() {
    const { cards } = P.load();
    const date = P.today();
    let due = 0;
    let fresh = 0;
    let ahead = 0;
    for (const id of ui.queue) {
      if (!cards[id]) fresh += 1;
      else if (cards[id].due <= date) due += 1;
      else ahead += 1;
    }
    const reviewed = tally.know + tally.partly + tally["not-yet"];
    const parts = [`${due} due`, `${fresh} new`];
    if (ahead) parts.push(`${ahead} ahead of schedule`);
    parts.push(`${reviewed} reviewed`);
    return parts.join(" · ");
  }

  function show(focus) {
    ui.status.textContent = statusText();
    const question = ui.byId.get(ui.queue[0]);
    if (question) showQuestion(question, focus);
    else showSummary(focus);
  }

  function showQuestion(question, focus) {
    const topic = ui.topics.get(question.topic);
    const current = { question, revealed: false, answer: answerOf(question).catch(() => null) };
    ui.current = current;
    const title = h("h2", { class: "qb-card__question", tabindex: "-1" }, question.question);
    current.reveal = h(
      "button",
      {
        type: "button",
        class: "qb-btn qb-btn--primary",
        "aria-keyshortcuts": "Space",
        onclick: reveal,
      },
      "Show answer ",
      h("kbd", { "aria-hidden": "true" }, "Space"),
    );
    current.answerBox = h("div", {
      class: "qb-card__answer",
      role: "region",
      "aria-label": "Answer",
      tabindex: "-1",
      hidden: true,
    });
    current.rating = h(
      "div",
      {
        class: "qb-card__rate",
        role: "group",
        "aria-label": "How well did you know it?",
        hidden: true,
      },
      h("span", { class: "qb-card__ask", "aria-hidden": "true" }, "How well did you know it?"),
      Object.entries(KEYS).map(([key, rating]) =>
        h(
          "button",
          {
            type: "button",
            class: `qb-btn qb-btn--${rating}`,
            "data-rating": rating,
            "aria-keyshortcuts": key,
            onclick: () => rate(rating),
          },
          `${LABELS[rating]} `,
          h("kbd", { "aria-hidden": "true" }, key),
        ),
      ),
    );
    ui.card.replaceChildren(
      h(
        "p",
        { class: "qb-card__meta" },
        h("a", { href: new URL(topic.url, __md_scope) }, topic.title),
        " ",
        h("span", { class: `qb-badge qb-badge--${question.difficulty}` }, question.difficulty),
        question.tags.map((tag) => [" ", h("code", { class: "qb-tag" }, tag)]),
      ),
      title,
      question.why_asked &&
        h("p", { class: "qb-why" }, h("strong", {}, "Why it is asked: "), question.why_asked),
      h("div", { class: "qb-card__reveal" }, current.reveal),
      current.answerBox,
      current.rating,
      h(
        "p",
        { class: "qb-card__link" },
        h("a", { href: new URL(question.url, __md_scope) }, "Open this question on its topic page"),
      ),
    );
    if (focus) title.focus();
  }

  async function reveal() {
    const current = ui?.current;
    if (!current || current.revealed) return;
    current.revealed = true;
    current.reveal.parentElement.hidden = true;
    current.answerBox.hidden = false;
    current.rating.hidden = false;
    current.answerBox.replaceChildren(h("p", {}, "Loading the answer…"));
    current.answerBox.focus();
    const body = (await current.answer) ?? (await plainAnswer(current.question));
    if (ui?.current !== current) return;
    current.answerBox.replaceChildren(body);
    typeset(current.answerBox);
  }

  function rate(rating) {
    const current = ui?.current;
    if (!current?.revealed) return;
    const { id, topic } = current.question;
    const progress = P.load();
    progress.cards[id] = P.rate(progress.cards[id], rating, topic);
    P.save(progress);
    tally[rating] += 1;
    ui.queue.shift();
    if (rating === "not-yet") ui.queue.splice(Math.min(AGAIN_AFTER, ui.queue.length), 0, id);
    show(true);
  }

  function formatDate(date) {
    if (date === P.addDays(P.today(), 1)) return "tomorrow";
    const day = new Date(`${date}T12:00:00`);
    return day.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
  }

  function showSummary(focus) {
    ui.current = null;
    const progress = P.load();
    const chosen = ui.chosen;
    const known = chosen.filter((q) => P.isKnown(progress.cards[q.id])).length;
    const { later } = P.schedule(chosen, progress);
    const next = later.length && progress.cards[later[0]].due;
    const nextCount = later.filter((id) => progress.cards[id].due === next).length;
    const reviewed = tally.know + tally.partly + tally["not-yet"];
    const title = h(
      "h2",
      { class: "qb-card__question", tabindex: "-1" },
      chosen.length ? "Nothing is due" : "No question matches your choice",
    );
    ui.card.replaceChildren(
      title,
      reviewed > 0 &&
        h(
          "p",
          {},
          `This session: ${plural(reviewed, "question")} reviewed ` +
            `(${tally.know} know it, ${tally.partly} partly, ${tally["not-yet"]} not yet).`,
        ),
      chosen.length > 0 &&
        h("p", {}, `You know ${known} of the ${plural(chosen.length, "chosen question")}.`),
      next && h("p", {}, `Next review: ${formatDate(next)} (${plural(nextCount, "question")}).`),
      chosen.length === 0 &&
        h("p", {}, "Tick more topics, difficulties or tags under “Choose questions”."),
      chosen.length > 0 &&
        h(
          "div",
          { class: "qb-card__reveal" },
          h(
            "button",
            {
              type: "button",
              class: "qb-btn qb-btn--primary",
              onclick: () => {
                plan(true);
                show(true);
              },
            },
            "Practise anyway",
          ),
        ),
    );
    if (focus) title.focus();
  }

  // ---- Choosing questions ----

  function fieldset(legend, name, options, checked, allNone) {
    return h(
      "fieldset",
      { class: "qb-choose__set" },
      h("legend", {}, legend),
      allNone &&
        h(
          "div",
          { class: "qb-choose__all" },
          h("button", { type: "button", class: "qb-btn qb-btn--small", "data-all": name }, "All"),
          h("button", { type: "button", class: "qb-btn qb-btn--small", "data-none": name }, "None"),
        ),
      h(
        "div",
        { class: "qb-choose__options" },
        options.map(([value, label]) =>
          h(
            "label",
            { class: "qb-check" },
            h("input", { type: "checkbox", name, value, checked: checked(value) }),
            ` ${label}`,
          ),
        ),
      ),
    );
  }

  function choosePanel() {
    const { bank, choice } = ui;
    const count = (key, value) =>
      bank.questions.filter((q) =>
        Array.isArray(q[key]) ? q[key].includes(value) : q[key] === value,
      ).length;
    const form = h(
      "form",
      { class: "qb-choose__form" },
      fieldset(
        "Topics",
        "topic",
        bank.topics.map((t) => [t.id, `${t.title} (${count("topic", t.id)})`]),
        (id) => !choice.topics || choice.topics.includes(id),
        true,
      ),
      fieldset(
        "Difficulty",
        "difficulty",
        bank.difficulties.map((d) => [
          d,
          `${d[0].toUpperCase()}${d.slice(1)} (${count("difficulty", d)})`,
        ]),
        (d) => !choice.difficulties || choice.difficulties.includes(d),
        false,
      ),
      fieldset(
        "Tags (tick none for any tag)",
        "tag",
        bank.tags.map((tag) => [tag, `${tag} (${count("tags", tag)})`]),
        (tag) => choice.tags.includes(tag),
        false,
      ),
    );
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-all], button[data-none]");
      if (!button) return;
      const name = button.dataset.all ?? button.dataset.none;
      form
        .querySelectorAll(`input[name="${name}"]`)
        .forEach((box) => (box.checked = "all" in button.dataset));
      changed();
    });
    form.addEventListener("change", changed);
    function changed() {
      const ticked = (name) =>
        [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
      const all = (name, list) => (ticked(name).length === list.length ? null : ticked(name));
      ui.choice = {
        topics: all("topic", bank.topics),
        difficulties: all("difficulty", bank.difficulties),
        tags: ticked("tag"),
      };
      saveChoice(ui.choice);
      plan();
      show(false);
    }
    ui.describe = h("span", { class: "qb-choose__current" });
    return h(
      "details",
      { class: "qb-choose" },
      h("summary", {}, "Choose questions: ", ui.describe),
      form,
    );
  }

  // ---- Export, import, reset ----

  function say(text, error = false) {
    ui.message.textContent = text;
    ui.message.classList.toggle("qb-message--error", error);
  }

  function updateStats() {
    const counts = Object.values(P.topicCounts(P.load()));
    const seen = counts.reduce((sum, c) => sum + c.seen, 0);
    const known = counts.reduce((sum, c) => sum + c.known, 0);
    ui.stats.textContent = seen
      ? `You have practised ${plural(seen, "question")} and know ${known}.`
      : "You have not practised any question yet.";
  }

  function exportProgress() {
    const progress = P.load();
    const blob = new Blob([P.serialize(progress)], { type: "application/json" });
    const link = h("a", {
      href: URL.createObjectURL(blob),
      download: `qbank-progress-${P.today()}.json`,
    });
    link.click(); // not in the document, so instant navigation never sees it
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say(`Exported your progress on ${plural(Object.keys(progress.cards).length, "question")}.`);
  }

  async function importProgress(file) {
    if (!file) return;
    try {
      if (file.size > 5_000_000) throw new Error("it is too large to be a progress file");
      const progress = P.parse(await file.text());
      P.save(progress);
      plan();
      show(false);
      const count = plural(Object.keys(progress.cards).length, "question");
      say(`Imported your progress on ${count} from “${file.name}”.`);
    } catch (error) {
      say(`Could not import “${file.name}”: ${error.message}. Your progress is unchanged.`, true);
    }
  }

  function resetProgress() {
    const count = Object.keys(P.load().cards).length;
    if (!count) return say("There is no progress to reset.");
    const question = `Delete your progress on ${plural(count, "question")}?`;
    if (!window.confirm(`${question} Export it first to keep a copy.`))
      return say("Nothing was deleted.");
    P.save(P.empty());
    plan();
    show(false);
    say("Your progress was reset.");
  }

  function storePanel() {
    const file = h("input", {
      type: "file",
      accept: ".json,application/json",
      class: "qb-practice__file",
      hidden: true,
      "aria-label": "Progress file to import",
    });
    file.addEventListener("change", () => {
      importProgress(file.files[0]);
      file.value = ""; // choosing the same file again still imports it
    });
    ui.stats = h("p", {});
    ui.message = h("p", { class: "qb-message", role: "status" });
    updateStats();
    return h(
      "section",
      { class: "qb-store", "aria-labelledby": "qb-store-title" },
      h("h2", { id: "qb-store-title" }, "Your progress"),
      ui.stats,
      h(
        "p",
        {},
        "It is stored in this browser only. " +
          "Export it to keep a copy or to move it to another browser.",
      ),
      h(
        "div",
        { class: "qb-store__actions" },
        h(
          "button",
          { type: "button", class: "qb-btn", onclick: exportProgress },
          "Export progress",
        ),
        h(
          "button",
          { type: "button", class: "qb-btn", onclick: () => file.click() },
          "Import progress",
        ),
        h(
          "button",
          { type: "button", class: "qb-btn qb-btn--danger", onclick: resetProgress },
          "Reset progress",
        ),
        file,
      ),
      ui.message,
    );
  }

  // ---- Page life ----

  async function start(root) {
    const state = { root };
    ui = state;
    let bank;
    try {
      bank = await loadJson("questions-index.json");
    } catch (error) {
      if (ui !== state) return;
      root.replaceChildren(
        h(
          "p",
          { class: "qb-message qb-message--error", role: "alert" },
          `Could not load the questions (${error.message}). Reload the page to try again.`,
        ),
      );
      return;
    }
    if (ui !== state) return; // the reader left the page meanwhile
    Object.assign(state, {
      bank,
      byId: new Map(bank.questions.map((q) => [q.id, q])),
      topics: new Map(bank.topics.map((t) => [t.id, t])),
      choice: loadChoice(bank),
    });
    const chooser = choosePanel();
    state.status = h("p", { class: "qb-card__status", role: "status" });
    state.card = h("div", { class: "qb-card__body" });
    root.replaceChildren(
      chooser,
      h(
        "section",
        { class: "qb-card", "aria-label": "Practice question" },
        state.status,
        state.card,
      ),
      storePanel(),
    );
    root.classList.add("qb-practice--ready");
    plan();
    show(false);
  }

  document$.subscribe(() => {
    const root = document.querySelector(ROOT);
    ui = null;
    if (root) start(root);
  });

  P.subscribe(() => {
    if (ui?.stats?.isConnected) updateStats();
  });

  // Space shows the answer, 1/2/3 rate it; keys typed into a form field are left alone.
  document.addEventListener("keydown", (event) => {
    const current = ui?.root.isConnected && ui.current;
    if (!current || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : document.body;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && !current.revealed) {
      if (target.closest("a, button, summary")) return; // Space activates what has focus
      event.preventDefault();
      reveal();
    } else if (KEYS[event.key] && current.revealed) {
      event.preventDefault();
      rate(KEYS[event.key]);
    }
  });
})();
