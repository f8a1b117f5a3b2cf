// Edited code and progress, kept in this browser only (localStorage), never on the server:
// - `save(key, text)` as the learner types in an editor (key: a lesson's stem, or "ex-" + stem for an exercise);
// - `saved()` → {key: text}, read when the page opens, so the server can put each edit back in its editor;
// - `clear(key)` on Reset; `done(stem)` when a run ends done; `solve(stem)` when Check passes;
// - `clearProgress()` (the list's "Clear my progress") forgets the done and solved marks, not the edits;
// - the marks: "edited" beside an editor; in the course list ✓ for a lesson run to the end, ★ for a solved exercise.
(() => {
  "use strict";
  const EDIT = "streamlab.edit.";
  const SOLVED = "streamlab.solved";
  const DONE = "streamlab.done";

  function read(name, fallback) {
    try { return JSON.parse(localStorage.getItem(name)) ?? fallback; } catch { return fallback; }
  }
  function keys() {
    const found = [];
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (name && name.startsWith(EDIT)) found.push(name.slice(EDIT.length));
    }
    return found;
  }

  function marks() {
    const edited = new Set(keys());
    for (const mark of document.querySelectorAll(".edit-mark[data-key]")) mark.hidden = !edited.has(mark.dataset.key);
    const solved = new Set(read(SOLVED, []));
    const done = new Set(read(DONE, []));
    for (const link of document.querySelectorAll("#course-nav a[data-lesson]")) {
      const stem = link.dataset.lesson;
      link.classList.toggle("done", done.has(stem));
      link.classList.toggle("solved", solved.has(stem));
      const doneMark = link.querySelector(".nav-done"), solvedMark = link.querySelector(".nav-solved");
      if (doneMark) doneMark.hidden = !done.has(stem);
      if (solvedMark) solvedMark.hidden = !solved.has(stem);
    }
    const clear = document.querySelector("#course-nav .progress-clear");
    if (clear) clear.hidden = !done.size && !solved.size;
  }

  function add(name, stem) {
    const set = new Set(read(name, []));
    if (set.has(stem)) return;
    set.add(stem);
    try { localStorage.setItem(name, JSON.stringify([...set])); } catch { /* storage off: no mark */ }
    marks();
  }

  window.streamlabKept = {
    save(key, text) {
      try { localStorage.setItem(EDIT + key, text); } catch { /* storage full or off: the edit lives in the page */ }
      marks();
    },
    saved() {
      const found = {};
      for (const key of keys()) found[key] = localStorage.getItem(EDIT + key);
      return JSON.stringify(found);
    },
    clear(key) {
      localStorage.removeItem(EDIT + key);
      marks();
    },
    solve(stem) { add(SOLVED, stem); },
    done(stem) { add(DONE, stem); },
    clearProgress() {
      localStorage.removeItem(DONE);
      localStorage.removeItem(SOLVED);
      marks();
    },
    marks,
  };
  document.addEventListener("click", (event) => {
    if (event.target.closest("#course-nav .progress-clear")) window.streamlabKept.clearProgress();
  });
  new MutationObserver(() => { if (document.querySelector("#course-nav")) marksLater(); })
    .observe(document, {childList: true, subtree: true});
  let pending = false;
  function marksLater() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; marks(); });
  }
})();
