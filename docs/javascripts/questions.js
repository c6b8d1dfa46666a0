// Question pages: open the answer a link points at, and give each question its actions
// (copy permalink, edit in the bank, report a problem). Works with instant navigation.

const QUESTION = "h2[data-line]";

// The generator writes each question as its heading followed by one body block (badges,
// the collapsed answer, related links). reading.js uses these too.
const bodyOf = (heading) =>
  heading.nextElementSibling?.matches(".qb-question-body") ? heading.nextElementSibling : null;
const answerOf = (heading) => bodyOf(heading)?.querySelector(":scope > details.answer") ?? null;

// The question's action bar, at the top of its body; made on first use.
function actionsOf(heading) {
  const body = bodyOf(heading);
  let bar = body?.querySelector(":scope > .qb-actions");
  if (body && !bar) {
    bar = document.createElement("div");
    bar.className = "qb-actions";
    body.prepend(bar);
  }
  return bar;
}
// The element a link's #hash names, if any.
const targetOf = (hash) =>
  hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
window.qbQuestions = { QUESTION, bodyOf, answerOf, actionsOf, targetOf };

// Open the targeted question's answer and bring its heading into view below the header.
// The browser has usually scrolled there already; scrolling again (up) would make
// Material show its "Back to top" button over the heading.
function reveal(heading) {
  const answer = answerOf(heading);
  if (answer) answer.open = true;
  const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0;
  const top = heading.getBoundingClientRect().top;
  if (top < header || top > window.innerHeight / 2) heading.scrollIntoView({ block: "start" });
  // Landing on a question is not "scrolling back up": keep the button off the heading.
  setTimeout(() => document.querySelector(".md-top")?.setAttribute("hidden", ""), 250);
}

function repository() {
  const link = document.querySelector("a.md-source");
  return link ? link.href.replace(/\/$/, "") : null;
}

function actionLink(label, icon, href) {
  const link = document.createElement("a");
  link.className = `qb-action qb-action--${icon}`;
  link.textContent = label;
  link.href = href;
  if (href.startsWith("http")) {
    link.target = "_blank";
    link.rel = "noopener";
  }
  return link;
}

function addActions(heading) {
  const bar = actionsOf(heading);
  if (!bar || bar.querySelector(".qb-action")) return;
  const id = heading.id;
  const title = heading.firstChild.textContent.trim();
  const permalink = new URL(`q/${id}/`, __md_scope).href;

  const copy = actionLink("Copy link", "link", permalink);
  copy.title = "Copy a permanent link to this question";
  copy.addEventListener("click", async (event) => {
    event.preventDefault();
    try {
      await navigator.clipboard.writeText(permalink);
      copy.textContent = "Link copied";
    } catch {
      copy.textContent = permalink; // clipboard blocked: show the link to copy by hand
    }
    setTimeout(() => (copy.textContent = "Copy link"), 2000);
  });
  bar.append(copy);

  const repo = repository();
  if (repo) {
    bar.append(
      actionLink("Edit", "edit", `${repo}/blob/main/questions/bank.yml#L${heading.dataset.line}`),
      actionLink(
        "Report a problem",
        "report",
        `${repo}/issues/new?template=wrong-answer.yml&question-id=${encodeURIComponent(id)}` +
          `&title=${encodeURIComponent(`Answer: ${title}`)}`,
      ),
    );
  }
}

// In a task of its own after Material's start-up (as in reading.js): one long task less
// between the first paint and a page that answers taps.
document$.subscribe(() =>
  setTimeout(() => {
    document.querySelectorAll(QUESTION).forEach(addActions);
    const target = targetOf(location.hash);
    if (target?.matches(QUESTION)) reveal(target);
  }),
);

// Links within the page (table of contents, search results, related questions).
target$.subscribe((target) => {
  if (target.matches(QUESTION)) reveal(target);
});
