// Small behaviours without inline handlers, so the Content Security Policy can forbid inline script.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  if (target.closest("[data-print]")) window.print();
  const select = target.closest("[data-select-on-click]");
  if (select instanceof HTMLInputElement) select.select();
});
