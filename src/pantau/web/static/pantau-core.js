/* pantau web UI: the helpers the other scripts share, on one namespace object
   `window.pantau`. Load this first; charts.js, network.js and map.js add their entry points to the
   same object, and page.js decides which widgets a page has and starts them.
   No libraries, no network beyond this server. Text from the data is only ever set with
   textContent / setAttribute, never parsed as HTML (article text is untrusted input). */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";

  function el(ns, tag, attrs, text) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  const svgEl = (tag, attrs, text) => el(SVG, tag, attrs, text);
  const htmlEl = (tag, attrs, text) => el(null, tag, attrs, text);

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  /* Goldstein −10 … +10 → red … grey … green. */
  function goldColor(g) {
    if (g === null || g === undefined) return "#9aa3ad";
    const stops = [[-10, [200, 55, 45]], [-4, [232, 162, 58]], [0, [184, 190, 198]], [4, [95, 174, 124]], [10, [31, 122, 76]]];
    const x = Math.max(-10, Math.min(10, g));
    for (let i = 1; i < stops.length; i++) {
      const [x0, c0] = stops[i - 1], [x1, c1] = stops[i];
      if (x <= x1) {
        const t = (x - x0) / (x1 - x0);
        return "rgb(" + c0.map((c, j) => Math.round(c + t * (c1[j] - c))).join(",") + ")";
      }
    }
    return "rgb(31,122,76)";
  }

  function tooltip(container) {
    const tip = htmlEl("div", { class: "tooltip", hidden: "" });
    container.appendChild(tip);
    return {
      node: tip,
      show(evt, lines) {
        tip.replaceChildren(...lines.map((l, i) => htmlEl(i ? "div" : "b", {}, l)));
        const box = container.getBoundingClientRect();
        tip.style.left = Math.min(evt.clientX - box.left + 12, box.width - 240) + "px";
        tip.style.top = (evt.clientY - box.top + 12) + "px";
        tip.hidden = false;
      },
      hide() { tip.hidden = true; },
    };
  }

  function fail(container, err) {
    container.replaceChildren(htmlEl("p", { class: "empty" }, "Could not load: " + err.message));
  }

  function params() { return new URLSearchParams(window.location.search); }

  /* ------------------------------------------------------------------ periods, axis steps */

  function periodEnd(start, granularity) {
    const d = new Date(start + "T00:00:00Z");
    if (granularity === "day") return start;
    if (granularity === "week") d.setUTCDate(d.getUTCDate() + 6);
    else if (granularity === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    else { d.setUTCFullYear(d.getUTCFullYear() + 1); d.setUTCMonth(0); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  }

  function niceStep(x) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.max(x, 1))));
    for (const f of [1, 2, 5, 10]) if (f * p >= x) return Math.max(1, f * p);
    return 10 * p;
  }

  /* Every period from the first to the last, so that the axis is continuous (empty periods
     show as gaps); null when that would be too many bars to read. */
  function allPeriods(first, last, granularity, cap) {
    const out = [], d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
    while (d <= end) {
      out.push(d.toISOString().slice(0, 10));
      if (out.length > cap) return null;
      if (granularity === "day") d.setUTCDate(d.getUTCDate() + 1);
      else if (granularity === "week") d.setUTCDate(d.getUTCDate() + 7);
      else if (granularity === "month") d.setUTCMonth(d.getUTCMonth() + 1);
      else d.setUTCFullYear(d.getUTCFullYear() + 1);
    }
    return out;
  }

  window.pantau = { el, svgEl, htmlEl, getJSON, goldColor, tooltip, fail, params, periodEnd, niceStep, allPeriods };
})();
