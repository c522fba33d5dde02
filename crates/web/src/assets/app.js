// sitrep's desk: the little the pages need beyond HTML.
//
// - Selecting words in a document's text fills the "Add a fact" form with
//   their [start, end) in characters of the document text. The record
//   counts Unicode scalar values; JavaScript strings count UTF-16 units, so
//   offsets are converted (an emoji or a rare CJK character is one
//   character, two units).
// - An evidence link (#c<start>-<end>) highlights those words even when no
//   fact starts exactly there.
// - Clicking a marked fact shows its entry in the facts panel.
// - Forms that return to the page they came from learn its address here.
// - The review loop runs from the keyboard: j/k move through the facts
//   panel (a place or actor with several mentions is one row), c confirms,
//   x rejects, e opens the correction form, o a group's mentions; after a
//   review the page comes back focused where it was.
//
// Nothing here reads document text into HTML: text is only ever set with
// textContent.
"use strict";

(function () {
  const chars = (s) => Array.from(s).length;

  // Forms that go back where they came from.
  for (const input of document.querySelectorAll("input.back")) {
    input.value = location.pathname + location.search;
  }

  const text = document.getElementById("doc-text");

  // The character offset in the document of a point in the text.
  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const piece = node.parentElement && node.parentElement.closest("[data-at]");
      if (!piece || !text.contains(piece)) return null;
      // A piece holds one text node; a paragraph's data-at is its start.
      if (piece.classList.contains("t")) {
        return Number(piece.dataset.at) + chars(node.data.slice(0, offset));
      }
      return Number(piece.dataset.at);
    }
    // An element and a child index: the start of the next piece, or the
    // end of the last one inside.
    const next = node.childNodes[offset];
    if (next) {
      const p = next.nodeType === Node.ELEMENT_NODE
        ? (next.matches(".t") ? next : next.querySelector(".t"))
        : null;
      if (p) return Number(p.dataset.at);
    }
    const pieces = node.nodeType === Node.ELEMENT_NODE ? node.querySelectorAll(".t") : [];
    if (pieces.length) {
      const last = pieces[pieces.length - 1];
      return Number(last.dataset.at) + chars(last.textContent);
    }
    return null;
  }

  function fillAdd() {
    const form = document.querySelector("#add-fact form");
    if (!form) return;
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) return;
    let start = offsetOf(r.startContainer, r.startOffset);
    let end = offsetOf(r.endContainer, r.endOffset);
    if (start === null || end === null || end <= start) return;
    // Leave out the spaces a selection picks up at its ends.
    const words = sel.toString();
    const lead = chars(words) - chars(words.replace(/^\s+/u, ""));
    const trail = chars(words) - chars(words.replace(/\s+$/u, ""));
    start += lead;
    end -= trail;
    if (end <= start) return;
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
    const shown = form.querySelector(".selected");
    shown.textContent = "“" + words.trim() + "” · characters [" + start + ", " + end + ")";
    const details = document.getElementById("add-fact");
    details.open = true;
    details.classList.add("armed");
  }

  if (text) {
    text.addEventListener("mouseup", () => setTimeout(fillAdd, 0));
    text.addEventListener("keyup", () => setTimeout(fillAdd, 0));

    // Evidence links: highlight the words, whether or not a fact is there.
    function showTarget() {
      for (const el of text.querySelectorAll(".hit")) el.classList.remove("hit");
      const m = /^#c(\d+)-(\d+)$/.exec(location.hash);
      if (!m) return;
      const [s, e] = [Number(m[1]), Number(m[2])];
      let first = null;
      for (const piece of text.querySelectorAll(".t")) {
        const a = Number(piece.dataset.at);
        const b = a + chars(piece.textContent);
        if (a < e && b > s) {
          piece.classList.add("hit");
          first = first || piece;
        }
      }
      if (first) first.scrollIntoView({ block: "center" });
    }
    window.addEventListener("hashchange", showTarget);
    showTarget();

    // A marked fact shows its entry in the panel.
    text.addEventListener("click", (ev) => {
      const mark = ev.target.closest("mark[data-fact]");
      if (!mark || !window.getSelection().isCollapsed) return;
      const item = document.getElementById("fact-" + mark.dataset.fact);
      if (!item) return;
      for (const el of document.querySelectorAll(".fact-item.focus")) el.classList.remove("focus");
      item.classList.add("focus");
      const kind = item.closest("details");
      if (kind) kind.open = true;
      item.scrollIntoView({ block: "nearest" });
    });
  }

  // The review loop from the keyboard.
  const panel = document.querySelector("aside.facts-panel");
  if (panel && text) {
    const rows = () =>
      Array.from(panel.querySelectorAll("li.fact-item, li.fact-group")).filter((r) => r.offsetParent !== null);
    const spansOf = (row) =>
      row.classList.contains("fact-group")
        ? row.dataset.spans.split(" ").map((c) => c.slice(1).split("-").map(Number))
        : [[Number(row.dataset.start), Number(row.dataset.end)]];
    function highlight(spans) {
      for (const el of text.querySelectorAll(".hit")) el.classList.remove("hit");
      let first = null;
      for (const piece of text.querySelectorAll(".t")) {
        const a = Number(piece.dataset.at);
        const b = a + chars(piece.textContent);
        if (spans.some(([s, e]) => a < e && b > s)) {
          piece.classList.add("hit");
          first = first || piece;
        }
      }
      if (first) first.scrollIntoView({ block: "center" });
    }
    function focusRow(row) {
      if (!row) return;
      for (const el of panel.querySelectorAll("li.focus")) el.classList.remove("focus");
      row.classList.add("focus");
      const kind = row.closest("details.kind");
      if (kind) kind.open = true;
      row.scrollIntoView({ block: "nearest" });
      highlight(spansOf(row));
    }
    const own = (row, css) => row.querySelector(":scope > .fi-actions " + css);
    document.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.target.closest && ev.target.closest("input, textarea, select, [contenteditable]")) return;
      const list = rows();
      const row = panel.querySelector("li.focus");
      const at = list.indexOf(row);
      switch (ev.key) {
        case "j":
          focusRow(list[Math.min(at + 1, list.length - 1)]);
          break;
        case "k":
          focusRow(list[Math.max(at - 1, 0)]);
          break;
        case "c":
        case "x": {
          const button = row && own(row, ev.key === "c" ? "button.ok" : "button.no");
          if (!button) return;
          button.click();
          break;
        }
        case "e": {
          const d = row && own(row, "details.correct");
          if (!d) return;
          d.open = true;
          const input = d.querySelector("input:not([type=hidden]), textarea");
          if (input) input.focus();
          break;
        }
        case "o": {
          const d = row && row.querySelector(":scope > details.mentions");
          if (!d) return;
          d.open = !d.open;
          break;
        }
        case "Escape":
          for (const d of panel.querySelectorAll("details.correct[open], details.mentions[open]")) d.open = false;
          break;
        default:
          return;
      }
      ev.preventDefault();
    });
    // Back from a review: the row of the words it was about.
    const m = /^#c(\d+)-(\d+)$/.exec(location.hash);
    if (m) {
      const hit = rows().find((r) => spansOf(r).some(([s, e]) => s === Number(m[1]) && e === Number(m[2])));
      if (hit) {
        hit.classList.add("focus");
        hit.scrollIntoView({ block: "nearest" });
      }
    }
    // A group's name shows all its mentions in the text.
    panel.addEventListener("click", (ev) => {
      const link = ev.target.closest("li.fact-group > .fi-head a.fi-text");
      if (!link) return;
      ev.preventDefault();
      focusRow(link.closest("li.fact-group"));
    });
  }

  // The add form shows the fields its kind uses.
  const addForm = document.querySelector("#add-fact form");
  if (addForm) {
    const kind = addForm.elements.kind;
    const sync = () => {
      for (const row of addForm.querySelectorAll("[data-kinds]")) {
        row.hidden = !row.dataset.kinds.split(" ").includes(kind.value);
      }
    };
    kind.addEventListener("change", sync);
    sync();
  }
})();
