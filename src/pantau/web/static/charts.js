/* pantau web UI: the bar charts: the timeline (events per period, stacked by quad class), the
   entity page's events per month, and the events page's histogram with its date brush.
   Needs pantau-core.js; adds timeline, entityChart and histogram to window.pantau. */
(function () {
  "use strict";
  const { svgEl, htmlEl, getJSON, tooltip, fail, params, periodEnd, niceStep, allPeriods } = window.pantau;
  const QUAD = { 1: "#3b82c4", 2: "#2e9e6a", 3: "#e08a1e", 4: "#c8372d", 0: "#8a929c" };
  const QUAD_NAME = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict", 0: "unclassified" };

  /* ------------------------------------------------------------------ stacked bars: timeline, entity */

  function drawStackedBars(container, buckets, opts) {
    /* buckets: [{label, href, parts: [{value, color, name}]}] */
    const width = Math.max(container.clientWidth, 320), height = opts.height || 280;
    const m = { l: 44, r: 12, t: 12, b: 48 };
    const top = Math.max(1, ...buckets.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
    const tickStep = niceStep(top / 4), max = Math.ceil(top / tickStep) * tickStep;
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": opts.label || "bar chart" });
    const iw = width - m.l - m.r, ih = height - m.t - m.b;
    const step = iw / Math.max(buckets.length, 1), bw = Math.max(2, Math.min(48, step * 0.8));
    for (let v = 0; v <= max; v += tickStep) {
      const y = m.t + ih - (ih * v) / max;
      svg.appendChild(svgEl("line", { x1: m.l, x2: width - m.r, y1: y, y2: y, stroke: "#e6e9ed", class: "grid-line" }));
      svg.appendChild(svgEl("text", { x: m.l - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#6b7480", class: "axis-text" }, v));
    }
    const tip = tooltip(container);
    const every = Math.ceil(buckets.length / Math.max(1, Math.floor(iw / 70)));
    buckets.forEach((b, i) => {
      const x = m.l + i * step + (step - bw) / 2;
      let y = m.t + ih;
      const group = svgEl("a", b.href ? { href: b.href } : {});
      for (const p of b.parts) {
        if (!p.value) continue;
        const h = (ih * p.value) / max;
        y -= h;
        const rect = svgEl("rect", { x, y, width: bw, height: Math.max(h, 1), fill: p.color, class: "bar" });
        rect.addEventListener("mousemove", (evt) => tip.show(evt, [b.label, ...b.parts.filter((q) => q.value).map((q) => `${q.name}: ${q.value}`), ...(b.extra || [])]));
        rect.addEventListener("mouseleave", () => tip.hide());
        group.appendChild(rect);
      }
      svg.appendChild(group);
      if (i % every === 0) {
        svg.appendChild(svgEl("text", { x: x + bw / 2, y: height - m.b + 16, "text-anchor": "middle", "font-size": 11, fill: "#39424c", class: "axis-text" }, b.label));
      }
    });
    svg.appendChild(svgEl("line", { x1: m.l, x2: width - m.r, y1: m.t + ih, y2: m.t + ih, stroke: "#9aa3ad", class: "axis-line" }));
    container.replaceChildren(svg, tip.node);
  }

  /* The dated buckets behind a chart (its data-src), or null after saying in the container
     that no dated event matches. */
  async function datedBuckets(container) {
    const data = await getJSON(container.dataset.src);
    if (data.buckets.length) return data;
    container.replaceChildren(htmlEl("p", { class: "empty" }, "No dated events match these filters." + (data.undated ? ` (${data.undated} undated)` : "")));
    return null;
  }

  async function timeline(container) {
    try {
      const data = await datedBuckets(container);
      if (!data) return;
      const base = params();
      base.delete("granularity"); base.delete("offset");
      const g = data.granularity;
      const byPeriod = new Map(data.buckets.map((b) => [b.period, b]));
      const periods = allPeriods(data.buckets[0].period, data.buckets[data.buckets.length - 1].period, g, 400);
      const filled = periods ? periods.map((p) => byPeriod.get(p) || { period: p, events: 0, by_quad_class: {}, goldstein: null })
                             : data.buckets;
      const buckets = filled.map((b) => {
        const q = new URLSearchParams(base);
        q.set("from", b.period); q.set("to", periodEnd(b.period, g));
        const label = g === "year" ? b.period.slice(0, 4) : g === "month" ? b.period.slice(0, 7) : b.period;
        return {
          label, href: "/events?" + q.toString(),
          parts: [1, 2, 3, 4, 0].map((k) => ({ value: b.by_quad_class[String(k)] || 0, color: QUAD[k], name: QUAD_NAME[k] })),
          extra: [`mean Goldstein ${b.goldstein ?? "–"}`],
        };
      });
      drawStackedBars(container, buckets, { label: "events per " + g });
      const notes = [];
      if (!periods) notes.push(`Only the ${data.buckets.length} periods with events are shown; choose a coarser step for a continuous axis.`);
      if (data.undated) notes.push(`${data.undated} undated events are not on the axis.`);
      if (notes.length) container.appendChild(htmlEl("p", { class: "hint chart-note" }, notes.join(" ")));
    } catch (err) { fail(container, err); }
  }

  function entityChart(container) {
    const months = JSON.parse(document.getElementById("entity-months").textContent);
    if (!months.length) { container.replaceChildren(htmlEl("p", { class: "empty" }, "No dated events.")); return; }
    const by = new Map();
    for (const r of months) {
      if (!by.has(r.month)) by.set(r.month, { actor: 0, recipient: 0 });
      by.get(r.month)[r.role] = r.events;
    }
    const keys = [...by.keys()].sort();
    const months_ = allPeriods(keys[0] + "-01", keys[keys.length - 1] + "-01", "month", 400);
    for (const mo of months_ || []) if (!by.has(mo.slice(0, 7))) by.set(mo.slice(0, 7), { actor: 0, recipient: 0 });
    const buckets = [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, v]) => ({
      label: month, parts: [{ value: v.actor, color: "#0b5cad", name: "as actor" }, { value: v.recipient, color: "#f0b429", name: "as recipient" }],
    }));
    drawStackedBars(container, buckets, { height: 180, label: "events per month" });
  }

  /* ------------------------------------------------------------------ events histogram, with a brush */

  /* Events per day, week, month or year (the API picks the step from the span: granularity=auto)
     under the page's filters. Dragging over the bars selects the periods they cover and opens
     the page with `from` (the first period's first day) and `to` (the last one's last day);
     a click selects one bar. */
  async function histogram(container) {
    try {
      const data = await datedBuckets(container);
      if (!data) return;
      const g = data.granularity;
      const byPeriod = new Map(data.buckets.map((b) => [b.period, b]));
      const periods = allPeriods(data.buckets[0].period, data.buckets[data.buckets.length - 1].period, g, 400) || data.buckets.map((b) => b.period);
      const label = (p) => (g === "year" ? p.slice(0, 4) : g === "month" ? p.slice(0, 7) : p);
      const bars = periods.map((p) => ({ period: p, end: periodEnd(p, g), events: (byPeriod.get(p) || {}).events || 0 }));
      const width = Math.max(container.clientWidth, 300), height = 130, m = { l: 40, r: 10, t: 8, b: 24 };
      const iw = width - m.l - m.r, ih = height - m.t - m.b, step = iw / bars.length, gap = step > 4 ? 1 : 0;
      const max = Math.max(1, ...bars.map((b) => b.events));
      const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `events per ${g}: drag over the bars to choose dates` });
      for (const v of [0, max]) {
        const y = m.t + ih - (ih * v) / max;
        svg.appendChild(svgEl("line", { x1: m.l, x2: width - m.r, y1: y, y2: y, class: "grid-line", stroke: "#e6e9ed" }));
        svg.appendChild(svgEl("text", { x: m.l - 5, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#6b7480", class: "axis-text" }, v));
      }
      bars.forEach((b, i) => {
        const h = (ih * b.events) / max;
        const bw = Math.max(0.5, Math.min(step - gap, 40)); // a few bars stay bars, centred in their column
        svg.appendChild(svgEl("rect", { x: (m.l + i * step + (step - bw) / 2).toFixed(2), y: (m.t + ih - h).toFixed(2), width: bw.toFixed(2), height: (b.events ? Math.max(h, 1) : 0).toFixed(2), class: "hbar", "data-period": b.period, "data-events": b.events }));
      });
      const every = Math.ceil(bars.length / Math.max(1, Math.floor(iw / 80)));
      bars.forEach((b, i) => {
        if (i % every === 0) svg.appendChild(svgEl("text", { x: m.l + i * step + step / 2, y: height - 8, "text-anchor": "middle", "font-size": 10, fill: "#39424c", class: "axis-text" }, label(b.period)));
      });
      const brush = svgEl("rect", { class: "brush", x: m.l, y: m.t, width: 0, height: ih, visibility: "hidden" });
      const surface = svgEl("rect", { class: "brush-surface", x: m.l, y: 0, width: iw, height: m.t + ih });
      svg.append(brush, surface);
      const tip = tooltip(container);
      const index = (evt) => {
        const box = svg.getBoundingClientRect(), x = ((evt.clientX - box.left) * width) / box.width;
        return Math.max(0, Math.min(bars.length - 1, Math.floor((x - m.l) / step)));
      };
      const span = (a, b) => [Math.min(a, b), Math.max(a, b)];
      function show(a, b) {
        const [i0, i1] = span(a, b);
        brush.setAttribute("x", (m.l + i0 * step).toFixed(2));
        brush.setAttribute("width", ((i1 - i0 + 1) * step).toFixed(2));
        brush.setAttribute("visibility", "visible");
        return [i0, i1];
      }
      let start = null;
      surface.addEventListener("pointerdown", (evt) => {
        evt.preventDefault();
        start = index(evt);
        if (surface.setPointerCapture) surface.setPointerCapture(evt.pointerId);
        show(start, start);
      });
      surface.addEventListener("pointermove", (evt) => {
        const i = index(evt);
        if (start === null) { tip.show(evt, [label(bars[i].period), `${bars[i].events} events`, "drag to choose dates"]); return; }
        const [i0, i1] = show(start, i), n = bars.slice(i0, i1 + 1).reduce((s, b) => s + b.events, 0);
        tip.show(evt, [`${bars[i0].period} … ${bars[i1].end}`, `${n} events`]);
      });
      surface.addEventListener("pointerleave", () => tip.hide());
      surface.addEventListener("pointerup", (evt) => {
        if (start === null) return;
        const [i0, i1] = show(start, index(evt));
        start = null;
        const q = params();
        q.delete("offset");
        q.set("from", bars[i0].period);
        q.set("to", bars[i1].end);
        window.location.href = window.location.pathname + "?" + q.toString();
      });
      container.replaceChildren(svg, tip.node);
      const total = data.buckets.reduce((s, b) => s + b.events, 0);
      container.appendChild(htmlEl("p", { class: "hint chart-note" },
        `${total} dated events per ${g}; drag over the bars to choose dates.` + (data.undated ? ` ${data.undated} undated events are not on the axis.` : "")));
    } catch (err) { fail(container, err); }
  }

  Object.assign(window.pantau, { timeline, entityChart, histogram });
})();
