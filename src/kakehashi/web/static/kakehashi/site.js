// Small behaviours without inline handlers, so the Content Security Policy can forbid inline script.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) window.print();
  const select = target.closest("[data-select-on-click]");
  if (select instanceof HTMLInputElement) select.select();
});

// A list's header box selects or clears every row box of its name (`data-select-all="selected"`).
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  const table = box.closest("table") || document;  // outside a table (the queue's cards): the whole page
  for (const row of table.querySelectorAll(`input[type=checkbox][name="${box.dataset.selectAll}"]`)) {
    row.checked = box.checked;
  }
});

// Printing a long report prints every week of it, not only the weeks opened on the screen.
window.addEventListener("beforeprint", () => {
  for (const section of document.querySelectorAll("details.week-section")) section.open = true;
});
