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
