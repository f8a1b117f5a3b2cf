// StreamLab's page behaviour, loaded before Gradio starts (streamlab/ui/navigation.py puts it in <head>):
// - the chapter list (#course-nav) opens a lesson in one click, and marks the open one;
// - `?lesson=11_raw_wire` opens that lesson; the address follows the lesson opened (other parameters kept);
// - presenter mode: `?present=1` or the toggle in the list (the `data-present` attribute of #page);
// - keys: Ctrl/Cmd+Enter runs the open lesson, Esc stops it; in presenter mode Page Down / Page Up open the next /
//   previous lesson (the links at the end of each lesson, which also open it in one click);
// - the code panels grey the `__main__` block (a CSS highlight: the editor's own text and DOM are untouched).
(() => {
  "use strict";
  const STANDALONE = 'if __name__ == "__main__":';
  const asked = new URLSearchParams(location.search);

  function setParam(name, value) {
    const url = new URL(location.href);
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  }

  const tabButton = (stem) => document.getElementById(`tab-${stem}-button`);
  const page = () => document.getElementById("page");
  const presenting = () => Boolean(page() && page().hasAttribute("data-present"));

  function openStem() {
    const selected = document.querySelector('#lesson-tabs [role="tab"][aria-selected="true"]');
    return selected ? selected.dataset.tabId : null;
  }

  function visibleText(element) {
    const lang = document.documentElement.dataset.slLang || "en";
    const own = element.querySelector(`[lang="${lang}"]`);
    return (own || element).textContent;
  }

  function mark() {
    const stem = openStem();
    let title = "";
    for (const link of document.querySelectorAll("#course-nav a[data-lesson]")) {
      const current = link.dataset.lesson === stem;
      link.classList.toggle("current", current);
      if (current) {
        link.setAttribute("aria-current", "page");
        title = `${link.querySelector(".nav-num").textContent}. ${visibleText(link.querySelector(".nav-title"))}`;
      } else link.removeAttribute("aria-current");
    }
    const label = document.querySelector("#course-nav .nav-current");
    if (label && label.textContent !== title) label.textContent = title;
    fitLater();
  }

  function open(stem, remember) {
    const button = tabButton(stem);
    if (!button) return false;
    if (button.getAttribute("aria-selected") !== "true") button.click();
    if (remember) setParam("lesson", stem);
    mark();
    return true;
  }

  function present(on, remember) {
    const root = page();
    if (!root) return;
    root.toggleAttribute("data-present", on);
    if (remember) setParam("present", on ? "1" : null);
    const toggle = document.querySelector("#course-nav .present-toggle");
    if (toggle) toggle.setAttribute("aria-pressed", String(on));
    fitLater();
  }

  // Presenter mode: the open lesson's code panel and main output pane end at the bottom of the window, so both
  // are seen whole without scrolling the page, whatever the window and the lesson's controls.
  let fitPending = false;
  function fit() {
    fitPending = false;
    const style = document.documentElement.style;
    const stem = openStem();
    if (!presenting() || !stem) {
      style.removeProperty("--sl-code-max");
      style.removeProperty("--sl-pane-max");
      style.removeProperty("--sl-page-max");
      return;
    }
    const tools = document.getElementById(`tools-${stem}`); // the editor's Reset row, under the code
    const bottom = window.innerHeight - 10 - (tools ? tools.getBoundingClientRect().height + 8 : 0);
    const scroller = document.querySelector(`#code-${stem} .cm-scroller`);
    const script = document.querySelector(`#script-${stem} .cm-scroller`);
    const frame = document.querySelector(`#page-${stem} iframe`);
    if (scroller && script && frame) { // a web lesson: its Python above its JavaScript, and its page beside them
      const top = scroller.getBoundingClientRect().top;
      const label = script.getBoundingClientRect().top - script.closest(".snippet-code").getBoundingClientRect().top;
      style.setProperty("--sl-code-max", `${Math.max(90, (bottom - top - label - 12) / 2)}px`);
      const below = frame.closest(`#page-${stem}`).getBoundingClientRect().bottom - frame.getBoundingClientRect().bottom;
      style.setProperty("--sl-page-max", `${Math.max(100, bottom - frame.getBoundingClientRect().top - below)}px`);
    } else if (scroller) {
      style.setProperty("--sl-code-max", `${Math.max(160, bottom - scroller.getBoundingClientRect().top)}px`);
    }
    const pane = document.querySelector(`#pane-${stem}-0 textarea, #pane-${stem}-0.chat-pane`);
    const end = window.innerHeight - 10;
    if (pane) style.setProperty("--sl-pane-max", `${Math.max(72, end - pane.getBoundingClientRect().top)}px`);
  }
  function fitLater() {
    if (fitPending) return;
    fitPending = true;
    requestAnimationFrame(fit);
  }
  window.addEventListener("resize", fitLater);

  document.addEventListener("click", (event) => {
    const link = event.target.closest("#course-nav a[data-lesson], .lesson-steps a[data-lesson]");
    if (link) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      open(link.dataset.lesson, true);
      return;
    }
    if (event.target.closest("#course-nav .present-toggle")) present(!presenting(), true);
  });

  document.addEventListener("keydown", (event) => {
    // presenter mode: Page Down / Page Up (what a presenter's clicker sends) open the next / previous lesson
    if (presenting() && (event.key === "PageDown" || event.key === "PageUp") && !event.target.closest(
      "textarea, input, [contenteditable=true]")) {
      const step = document.querySelector(`#tab-${openStem()} .lesson-steps a[rel=${event.key === "PageDown" ? "next" : "prev"}]`);
      if (step) {
        event.preventDefault();
        open(step.dataset.lesson, true);
        window.scrollTo(0, 0);
      }
      return;
    }
    const run = event.key === "Enter" && (event.ctrlKey || event.metaKey);
    if (!run && event.key !== "Escape") return;
    const stem = openStem();
    const button = stem && document.getElementById(`${run ? "run" : "stop"}-${stem}`);
    if (!button) return;
    if (run) event.preventDefault(); // no new line in the prompt
    button.click();
  }, true);

  let greyPending = false;
  function greyStandalone() {
    greyPending = false;
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    const ranges = [];
    for (const content of document.querySelectorAll(".snippet-code .cm-content")) {
      const start = [...content.querySelectorAll(":scope > .cm-line")].find((line) => line.textContent === STANDALONE);
      if (!start) continue;
      const range = new Range();
      range.setStartBefore(start);
      range.setEndAfter(content.lastElementChild);
      ranges.push(range);
    }
    CSS.highlights.set("sl-standalone", new Highlight(...ranges));
  }
  function greyLater() {
    if (greyPending) return;
    greyPending = true;
    requestAnimationFrame(greyStandalone);
  }

  // While the page is built: presenter mode as soon as #page exists, the lesson the address names as soon as its
  // tab exists; then follow the tabs.
  const wanted = asked.get("lesson");
  let pending = Boolean(wanted);
  let presented = false;
  const watcher = new MutationObserver(() => {
    if (!presented && page()) {
      presented = true;
      if (asked.get("present") === "1") present(true, false);
    }
    if (pending && open(wanted, false)) pending = false;
    const links = document.querySelectorAll("#course-nav a[data-lesson]").length;
    if (!links || document.querySelectorAll('#lesson-tabs [role="tab"]').length < links) return;
    pending = false; // every tab is there: a lesson the address names that is not among them does not exist
    watcher.disconnect();
    present(presenting(), false);
    mark();
    const tabs = document.getElementById("lesson-tabs");
    new MutationObserver(mark).observe(tabs, {subtree: true, attributes: true, attributeFilter: ["aria-selected"]});
    // the editors draw their lines as they come into view (and again on scroll): grey the block each time;
    // a run's status line and panes change the layout: fit again
    new MutationObserver(() => { greyLater(); fitLater(); }).observe(tabs, {subtree: true, childList: true});
    greyLater();
  });
  watcher.observe(document, {childList: true, subtree: true});
})();
