// Study progress, shared by the practice page and the topic pages: a Leitner schedule kept in
// this browser's localStorage under "qbank.progress" as
//   {"version": 1, "cards": {"<question-id>": {"topic": "<topic-id>", "box": 1-5,
//     "due": "YYYY-MM-DD", "last": "know" | "partly" | "not-yet", "reviewed": "YYYY-MM-DD"}}}
// Everything but load/save/subscribe is a pure function of its arguments.

window.qbProgress = (() => {
  const KEY = "qbank.progress";
  const VERSION = 1;
  const RATINGS = ["know", "partly", "not-yet"];
  // Days until a question in box 1, 2, ..., 5 is due again.
  const INTERVALS = [0, 1, 3, 7, 16];
  const BOXES = INTERVALS.length;
  // "Mark as known" on a topic page puts a question in this box (at least).
  const KNOWN_BOX = 4;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const CHANGED = "qbank:progress";

  // Today's date in the reader's time zone, as YYYY-MM-DD.
  function today(now = new Date()) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function addDays(date, days) {
    const [y, m, d] = date.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  }

  function empty() {
    return { version: VERSION, cards: {} };
  }

  // Check a parsed progress document; return a clean copy or throw an Error that says,
  // in words a reader understands, what is wrong.
  function validate(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || !("version" in data)) {
      throw new Error("it is not a progress file from this site");
    }
    if (data.version !== VERSION) {
      throw new Error(
        Number.isInteger(data.version) && data.version > VERSION
          ? `it was saved by a newer version of this site (format ${data.version})`
          : `its format version (${JSON.stringify(data.version)}) is not one this site knows`,
      );
    }
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) {
      throw new Error('it has no "cards" object');
    }
    const cards = {};
    for (const [id, card] of Object.entries(data.cards)) {
      const problem = cardProblem(card);
      if (problem) throw new Error(`the entry for "${id}" ${problem}`);
      const { topic, box, due, last, reviewed } = card;
      cards[id] = { topic, box, due, last, reviewed };
    }
    return { version: VERSION, cards };
  }

  function cardProblem(card) {
    if (!card || typeof card !== "object") return "is not an object";
    if (typeof card.topic !== "string" || !card.topic) return "has no topic";
    if (!Number.isInteger(card.box) || card.box < 1 || card.box > BOXES) {
      return `has a box that is not a whole number from 1 to ${BOXES}`;
    }
    if (!DATE.test(card.due ?? "")) return "has a due date that is not YYYY-MM-DD";
    if (!DATE.test(card.reviewed ?? "")) return "has a review date that is not YYYY-MM-DD";
    if (!RATINGS.includes(card.last)) return `has a last rating that is not ${RATINGS.join(", ")}`;
    return null;
  }

  // Parse the text of a progress file (for import); throws like validate().
  function parse(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error("it is not valid JSON");
    }
    return validate(data);
  }

  function serialize(progress) {
    return JSON.stringify(progress, null, 2) + "\n";
  }

  // Stored progress; empty when there is none. Unreadable progress is set aside under
  // another key (never silently overwritten) and reported in the console.
  function load() {
    let text = null;
    try {
      text = localStorage.getItem(KEY);
      return text ? parse(text) : empty();
    } catch (error) {
      console.warn(`qbank: stored progress ignored (${error.message}); kept as ${KEY}.unreadable`);
      try {
        if (text) localStorage.setItem(`${KEY}.unreadable`, text);
      } catch {
        // storage unavailable (private mode): nothing to keep
      }
      return empty();
    }
  }

  // Store progress and tell every listener on this page.
  function save(progress) {
    try {
      localStorage.setItem(KEY, JSON.stringify(progress));
    } catch (error) {
      console.warn(`qbank: progress not saved (${error.message})`);
    }
    window.dispatchEvent(new CustomEvent(CHANGED));
  }

  // Call back whenever progress changes here or in another tab.
  function subscribe(callback) {
    window.addEventListener(CHANGED, callback);
    window.addEventListener("storage", (event) => {
      if (event.key === KEY || event.key === null) callback();
    });
  }

  // The card after a rating: "know" moves it up a box, "partly" keeps its box (and brings it
  // back tomorrow at the latest), "not yet" sends it back to box 1, due today.
  function rate(card, rating, topic, date = today()) {
    if (!RATINGS.includes(rating)) throw new Error(`unknown rating ${rating}`);
    const box = card ? card.box : 1;
    const next = rating === "know" ? Math.min(BOXES, box + 1) : rating === "partly" ? box : 1;
    const wait = rating === "partly" ? Math.max(1, INTERVALS[next - 1]) : INTERVALS[next - 1];
    return { topic, box: next, due: addDays(date, wait), last: rating, reviewed: date };
  }

  function isKnown(card) {
    return card?.last === "know";
  }

  // "Mark as known" and its undo, from a topic page.
  function markKnown(card, topic, date = today()) {
    const box = Math.max(card?.box ?? 1, KNOWN_BOX);
    return { topic, box, due: addDays(date, INTERVALS[box - 1]), last: "know", reviewed: date };
  }

  function unmarkKnown(card, topic, date = today()) {
    return rate(card, "not-yet", topic, date);
  }

  // Per topic: how many questions have progress, and how many of those are known.
  function topicCounts(progress) {
    const counts = {};
    for (const card of Object.values(progress.cards)) {
      const count = (counts[card.topic] ??= { seen: 0, known: 0 });
      count.seen += 1;
      if (isKnown(card)) count.known += 1;
    }
    return counts;
  }

  // Split questions (in bank order) into the ones to review today, weakest box first, then
  // the new ones, interleaved across topics, and the ones not due yet, soonest first.
  function schedule(questions, progress, date = today()) {
    const due = [];
    const fresh = [];
    const later = [];
    const seenInTopic = {};
    questions.forEach((question, index) => {
      const card = progress.cards[question.id];
      const rank = (seenInTopic[question.topic] = (seenInTopic[question.topic] ?? -1) + 1);
      const entry = { question, card, index, rank };
      if (!card) fresh.push(entry);
      else if (card.due <= date) due.push(entry);
      else later.push(entry);
    });
    const byDate = (a, b) => (a.card.due < b.card.due ? -1 : a.card.due > b.card.due ? 1 : 0);
    due.sort((a, b) => a.card.box - b.card.box || byDate(a, b) || a.index - b.index);
    fresh.sort((a, b) => a.rank - b.rank || a.index - b.index);
    later.sort((a, b) => byDate(a, b) || a.card.box - b.card.box || a.index - b.index);
    const ids = (list) => list.map((entry) => entry.question.id);
    return { due: ids(due), fresh: ids(fresh), later: ids(later) };
  }

  return {
    KEY,
    VERSION,
    RATINGS,
    INTERVALS,
    today,
    addDays,
    empty,
    validate,
    parse,
    serialize,
    load,
    save,
    subscribe,
    rate,
    isKnown,
    markKnown,
    unmarkKnown,
    topicCounts,
    schedule,
  };
})();
