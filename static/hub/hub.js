// Locality Hub's page behaviour. No inline script anywhere (the Content
// Security Policy forbids it): markup asks for behaviour with data- attributes.
// Listeners sit on the document, so they survive Turbo's page swaps.
document.addEventListener("change", (event) => {
  // <select data-autosubmit>: choosing a value submits its form.
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});

// A form with errors: its summary takes the focus, so a screen reader reads
// it first (GOV.UK error summary). Turbo swaps pages in without a load event.
function focusErrorSummary() {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
}
document.addEventListener("DOMContentLoaded", focusErrorSummary);
document.addEventListener("turbo:load", focusErrorSummary);
document.addEventListener("turbo:render", focusErrorSummary);

// A link in the summary focuses its field and shows the field's label (or a
// group's legend) with it, rather than only scrolling to the input.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".error-summary a[href^='#']");
  if (!link) return;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) return;
  event.preventDefault();
  const caption = field.closest("fieldset")?.querySelector("legend")
    || document.querySelector(`label[for="${CSS.escape(field.id)}"]`) || field;
  caption.scrollIntoView();
  field.focus({ preventScroll: true });
});

// The skip link moves the focus into the page's content, so the next Tab
// starts there (Turbo would otherwise treat the click as a visit).
document.addEventListener("click", (event) => {
  const link = event.target.closest(".skip-link");
  const main = link && document.getElementById("main-content");
  if (!main) return;
  event.preventDefault();
  main.focus();
});

// Background work (<div data-run-poll="status URL">): ask how the run is going
// every two seconds, show it in the progress bar and the live region (read
// out only when the words change), and when it ends go to its result.
function pollRun() {
  const box = document.querySelector("[data-run-poll]");
  if (!box || box.dataset.polling) return;
  box.dataset.polling = "1";
  const words = document.getElementById("run-words");
  const bar = document.getElementById("run-progress");
  const tick = async () => {
    if (!document.body.contains(box)) return; // the page was left
    try {
      const response = await fetch(box.dataset.runPoll, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const run = await response.json();
        if (words && words.textContent !== run.words) words.textContent = run.words;
        if (bar) { bar.value = run.progress; bar.textContent = `${run.progress}%`; }
        if (run.finished) {
          window.setTimeout(() => window.location.assign(run.next), 1500);
          return;
        }
      }
    } catch (error) {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(tick, 2000);
  };
  window.setTimeout(tick, 1000);
}
document.addEventListener("DOMContentLoaded", pollRun);
document.addEventListener("turbo:load", pollRun);

// A list table wider than a phone's screen scrolls sideways (hub.css): one
// that does takes the focus, so it can be scrolled from the keyboard too.
function focusableScrollers() {
  for (const table of document.querySelectorAll(".hub table.list")) {
    if (table.scrollWidth > table.clientWidth) table.tabIndex = 0;
    else table.removeAttribute("tabindex");
  }
}
document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("turbo:load", focusableScrollers);
window.addEventListener("resize", focusableScrollers);
