// Keyboard shortcuts for the morning routine. No inline script anywhere: the CSP allows this file only.
"use strict";
(function () {
  function typing(event) {
    const t = event.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  }

  function inboxKeys() {
    const rows = Array.from(document.querySelectorAll("table.inbox tbody tr"));
    if (!rows.length) return;
    let cursor = 0;
    const show = () => {
      rows.forEach((row, i) => row.classList.toggle("cursor", i === cursor));
      rows[cursor].scrollIntoView({ block: "nearest" });
    };
    show();
    const bulk = document.getElementById("bulk");
    const decide = (decision) => {
      const box = rows[cursor].querySelector("input[type=checkbox]");
      if (!Array.from(rows).some((row) => row.querySelector("input[type=checkbox]").checked)) box.checked = true;
      const button = bulk.querySelector(`button[value="${decision}"]`);
      if (button) bulk.requestSubmit(button);
    };
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      if (key === "j") { cursor = Math.min(cursor + 1, rows.length - 1); show(); }
      else if (key === "k") { cursor = Math.max(cursor - 1, 0); show(); }
      else if (key === "o" || key === "Enter") { rows[cursor].querySelector("td.title a").click(); }
      else if (key === "x") { const box = rows[cursor].querySelector("input[type=checkbox]"); box.checked = !box.checked; }
      else if (key === "r") { decide("relevant"); }
      else if (key === "d") { decide("dismissed"); }
      else if (key === "l") { decide("later"); }
      else return;
      event.preventDefault();
    });
  }

  function storyKeys() {
    const form = document.querySelector("form.review");
    if (!form) return;
    document.addEventListener("keydown", (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key;
      const button = form.querySelector(`button[data-key="${key}"]`);
      if (button) { form.requestSubmit(button); }
      else if (key === "n") { const next = document.getElementById("next-story"); if (next) next.click(); else return; }
      else if (key === "i") { window.location.assign("/"); }
      else return;
      event.preventDefault();
    });
  }

  // The toast after a decision: u undoes (the Undo button is a plain form, so it works without this too),
  // Escape or × closes it, and it goes by itself after a while unless the pointer or focus is on it.
  function toast() {
    const box = document.querySelector(".toast");
    if (!box) return;
    const undo = box.querySelector("form");
    const close = box.querySelector("button.close");
    const hide = () => { box.remove(); document.removeEventListener("keydown", keys); };
    const keys = (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "u" && undo) { undo.requestSubmit(); }
      else if (event.key === "Escape") { hide(); }
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", keys);
    close.hidden = false;
    close.addEventListener("click", hide);
    let timer = null;
    const later = () => { timer = window.setTimeout(hide, 12000); };
    const hold = () => window.clearTimeout(timer);
    box.addEventListener("mouseenter", hold);
    box.addEventListener("focusin", hold);
    box.addEventListener("mouseleave", later);
    later();
  }

  // A chart too wide for a phone scrolls: show its latest days first.
  function latestDays() {
    document.querySelectorAll(".chart-scroll").forEach((box) => { box.scrollLeft = box.scrollWidth; });
  }

  document.addEventListener("DOMContentLoaded", () => { inboxKeys(); storyKeys(); toast(); latestDays(); });
})();
