/* pantau web UI: the small behaviours of every page (autocomplete, page size, article
   highlights, sortable tables, "/" to search) and the code that decides which widgets a page has
   and starts them. Load it last: it uses what the other scripts put on window.pantau. */
(function () {
  "use strict";
  const P = window.pantau, { htmlEl } = P;

  /* ------------------------------------------------------------------ autocomplete, page size */

  /* An input with data-suggest (actor, entity) gets a <datalist> filled from /api/suggest as one
     types (after a pause of 200 ms; a newer request cancels an older one). */
  function autocomplete(input, n) {
    const list = htmlEl("datalist", { id: `suggest-${input.name}-${n}` });
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    let timer = null, asked = "", pending = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || q === asked) return;
      timer = setTimeout(async () => {
        asked = q;
        if (pending) pending.abort();
        pending = new AbortController();
        try {
          const url = `/api/suggest?kind=${encodeURIComponent(input.dataset.suggest)}&q=${encodeURIComponent(q)}`;
          const r = await fetch(url, { signal: pending.signal, headers: { Accept: "application/json" } });
          if (!r.ok) return;
          const data = await r.json();
          list.replaceChildren(...data.items.map((s) => htmlEl("option", { value: s.value },
            `${s.label}${s.events ? ` · ${s.events} events` : ""}`)));
        } catch (err) { /* aborted by a newer request, or offline: no suggestions */ }
      }, 200);
    });
  }

  function pageSize() {
    document.querySelectorAll("select[data-autosubmit]").forEach((sel) => sel.addEventListener("change", () => sel.form.submit()));
    document.querySelectorAll(".js-hide").forEach((node) => { node.hidden = true; });
  }

  /* ------------------------------------------------------------------ article page */

  function article() {
    const items = document.querySelectorAll(".event-list li[data-ev]");
    const spans = (id) => document.querySelectorAll(`#clean-text [data-ev~="${id}"]`);
    items.forEach((li) => {
      const id = li.dataset.ev;
      li.addEventListener("mouseenter", () => { spans(id).forEach((s) => s.classList.add("hot")); });
      li.addEventListener("mouseleave", () => { spans(id).forEach((s) => s.classList.remove("hot")); });
      li.addEventListener("click", (evt) => {
        if (evt.target.closest("a")) return;
        const first = spans(id)[0];
        if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
    document.querySelectorAll("#clean-text [data-ev]").forEach((span) => {
      span.addEventListener("mouseenter", () => span.dataset.ev.split(" ").forEach((id) => document.querySelector(`.event-list li[data-ev="${id}"]`)?.classList.add("hot")));
      span.addEventListener("mouseleave", () => span.dataset.ev.split(" ").forEach((id) => document.querySelector(`.event-list li[data-ev="${id}"]`)?.classList.remove("hot")));
    });
    const toggle = document.getElementById("show-original");
    if (toggle) toggle.addEventListener("change", () => {
      document.getElementById("original-text").hidden = !toggle.checked;
      document.getElementById("clean-text").hidden = toggle.checked;
    });
  }

  /* ------------------------------------------------------------------ tables, keys */

  /* Sort a table's rows by a column (a click on a header with data-sort); the rows are those
     of this page only. The cell's data-key, where it has one, is the value sorted on. */
  function sortable(table) {
    const heads = [...table.tHead.rows[0].cells];
    heads.forEach((th, col) => {
      if (!th.dataset.sort) return;
      const button = htmlEl("button", { type: "button", class: "sort", title: "sort the rows on this page" }, th.textContent);
      th.replaceChildren(button);
      button.addEventListener("click", () => {
        const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", dir);
        const body = table.tBodies[0], rows = [...body.rows].filter((r) => r.cells.length > 1);
        const value = (r) => { const c = r.cells[col]; return c.dataset.key !== undefined ? c.dataset.key : c.textContent.trim(); };
        const num = th.dataset.sort === "num";
        rows.sort((a, b) => {
          const x = value(a), y = value(b);
          if (x === "" || y === "") return (x === "") - (y === ""); // blanks last either way
          const c = num ? Number(x) - Number(y) : x.localeCompare(y);
          return dir === "ascending" ? c : -c;
        });
        body.append(...rows);
      });
    });
  }

  /* "/" puts the cursor in the search field, unless one is typing somewhere already */
  function slashToSearch(evt) {
    if (evt.key !== "/" || evt.ctrlKey || evt.metaKey || evt.altKey || evt.defaultPrevented) return;
    const t = evt.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const search = document.querySelector(".top .search input");
    if (!search) return;
    evt.preventDefault();
    search.focus();
    search.select();
  }

  document.addEventListener("keydown", slashToSearch);

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("table.sortable").forEach(sortable);
    const byId = (id) => document.getElementById(id);
    if (byId("timeline-chart")) P.timeline(byId("timeline-chart"));
    if (byId("events-histogram")) P.histogram(byId("events-histogram"));
    document.querySelectorAll("input[data-suggest]").forEach(autocomplete);
    pageSize();
    if (byId("network-chart")) P.network(byId("network-chart"));
    if (byId("map-chart")) P.map(byId("map-chart"));
    if (byId("entity-chart")) P.entityChart(byId("entity-chart"));
    if (byId("clean-text")) article();
  });
})();
