// Edited code and solved exercises, kept in this browser only (localStorage), never on the server:
// - `save(key, text)` as the learner types in an editor (key: a lesson's stem, or "ex-" + stem for an exercise);
// - `saved()` → {key: text}, read when the page opens, so the server can put each edit back in its editor;
// - `clear(key)` on Reset; `solve(stem)` when Check passes; `forget()` clears every mark and edit;
// - the marks: "edited" beside an editor, ✓ beside a solved lesson in the course list.
(() => {
  "use strict";
  const EDIT = "streamlab.edit.";
  const SOLVED = "streamlab.solved";

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
    for (const link of document.querySelectorAll("#course-nav a[data-lesson]")) {
      const done = solved.has(link.dataset.lesson);
      link.classList.toggle("solved", done);
      let tick = link.querySelector(".nav-solved");
      if (done && !tick) {
        tick = document.createElement("span");
        tick.className = "nav-solved";
        tick.setAttribute("role", "img");
        tick.setAttribute("aria-label", document.documentElement.dataset.slLang === "zh" ? "练习已完成" : "exercise solved");
        tick.textContent = "✓";
        link.append(tick);
      } else if (!done && tick) tick.remove();
    }
  }

  window.streamlabEdits = {
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
    solve(stem) {
      const solved = new Set(read(SOLVED, []));
      solved.add(stem);
      localStorage.setItem(SOLVED, JSON.stringify([...solved]));
      marks();
    },
    forget() {
      for (const key of keys()) localStorage.removeItem(EDIT + key);
      localStorage.removeItem(SOLVED);
      marks();
    },
    marks,
  };
  new MutationObserver(() => { if (document.querySelector("#course-nav")) marksLater(); })
    .observe(document, {childList: true, subtree: true});
  let pending = false;
  function marksLater() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; marks(); });
  }
})();
