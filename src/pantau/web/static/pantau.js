/* pantau web UI: draws the timeline, network and map from the JSON API, and wires the article
   page. No libraries, no network beyond this server. Text from the data is only ever set with
   textContent / setAttribute, never parsed as HTML (article text is untrusted input). */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const QUAD = { 1: "#3b82c4", 2: "#2e9e6a", 3: "#e08a1e", 4: "#c8372d", 0: "#8a929c" };
  const QUAD_NAME = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict", 0: "unclassified" };

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

  /* ------------------------------------------------------------------ timeline */

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

  async function timeline(container) {
    try {
      const data = await getJSON(container.dataset.src);
      if (!data.buckets.length) {
        container.replaceChildren(htmlEl("p", { class: "empty" }, "No dated events match these filters." + (data.undated ? ` (${data.undated} undated)` : "")));
        return;
      }
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
      const data = await getJSON(container.dataset.src);
      if (!data.buckets.length) {
        container.replaceChildren(htmlEl("p", { class: "empty" }, "No dated events match these filters." + (data.undated ? ` (${data.undated} undated)` : "")));
        return;
      }
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

  /* ------------------------------------------------------------------ network */

  function layout(nodes, edges, width, height) {
    /* A small force simulation: nodes repel, edges pull, a weak pull to the centre. Seeded
       positions on a circle make the picture the same on every load. */
    const n = nodes.length, index = new Map(nodes.map((d, i) => [d.id, i]));
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / n;
      d.x = width / 2 + (Math.min(width, height) / 3) * Math.cos(a);
      d.y = height / 2 + (Math.min(width, height) / 3) * Math.sin(a);
    });
    const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
    const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
    for (let it = 0, temp = width / 8; it < 300; it++, temp *= 0.985) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        const d2 = Math.max(x * x + y * y, 0.01), f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
      for (const [a, b] of links) {
        const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y, d = Math.sqrt(x * x + y * y) || 0.01;
        const f = d / k;
        dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (width / 2 - nodes[i].x) * 0.05; dy[i] += (height / 2 - nodes[i].y) * 0.05;
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1, step = Math.min(len, temp);
        nodes[i].x = Math.max(40, Math.min(width - 40, nodes[i].x + (dx[i] / len) * step));
        nodes[i].y = Math.max(30, Math.min(height - 30, nodes[i].y + (dy[i] / len) * step));
      }
    }
  }

  /* Rescale the laid-out positions so that every node and its label lie inside the canvas:
     the margins leave room for the widest label at the sides and a label above the top row. */
  function fitInside(nodes, width, height, radius, labelWidth) {
    const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const side = Math.min(width / 4, Math.max(30, ...nodes.map((d) => labelWidth(d) / 2 + 6)));
    const top = 34, bottom = 34;
    const sx = (width - 2 * side) / Math.max(x1 - x0, 1), sy = (height - top - bottom) / Math.max(y1 - y0, 1);
    for (const d of nodes) {
      d.x = x1 > x0 ? side + (d.x - x0) * sx : width / 2;
      d.y = y1 > y0 ? top + (d.y - y0) * sy : height / 2;
    }
  }

  async function network(container) {
    try {
      const data = await getJSON(container.dataset.src);
      if (!data.edges.length) {
        container.replaceChildren(htmlEl("p", { class: "empty" }, "No actor-to-recipient events match these filters."));
        return;
      }
      const width = container.clientWidth || 900, height = container.clientHeight || 640;
      const nodes = data.nodes, byId = new Map(nodes.map((d) => [d.id, d]));
      const maxW = Math.max(...data.edges.map((e) => e.events)), maxN = Math.max(...nodes.map((d) => d.events));
      const radius = (d) => 6 + 16 * Math.sqrt(d.events / maxN);
      const FONT = 12, labelWidth = (d) => 7 * String(d.label).length + 6; // until measured
      layout(nodes, data.edges, width, height);
      fitInside(nodes, width, height, radius, labelWidth);
      const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "actor network" });
      const defs = svgEl("defs");
      for (let g = -10; g <= 10; g += 2) {
        const marker = svgEl("marker", { id: "arrow" + g, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" });
        marker.appendChild(svgEl("path", { d: "M0,0L10,5L0,10z", fill: goldColor(g) }));
        defs.appendChild(marker);
      }
      svg.appendChild(defs);
      const background = svgEl("rect", { x: 0, y: 0, width, height, class: "pan-surface" });
      const viewport = svgEl("g", { class: "viewport", transform: "translate(0,0) scale(1)" });
      svg.append(background, viewport);
      const tip = tooltip(container);
      const edgeLayer = svgEl("g"), nodeLayer = svgEl("g"), labelLayer = svgEl("g", { class: "labels" });
      const base = params(); base.delete("min_events"); base.delete("offset");
      const paths = data.edges.map((e) => {
        const bucket = Math.max(-10, Math.min(10, Math.round((e.goldstein ?? 0) / 2) * 2));
        const p = svgEl("path", { fill: "none", stroke: goldColor(e.goldstein), "stroke-width": 1.2 + 6 * (e.events / maxW), "stroke-opacity": 0.85, "marker-end": `url(#arrow${bucket})`, class: "edge", "data-events": e.events });
        p.addEventListener("mousemove", (evt) => tip.show(evt, [`${byId.get(e.source).label} → ${byId.get(e.target).label}`, `${e.events} events, mostly ${e.top_type}`, `mean Goldstein ${e.goldstein ?? "–"}`]));
        p.addEventListener("mouseleave", () => tip.hide());
        p.addEventListener("click", () => {
          const q = new URLSearchParams(base); q.set("actor", e.source); q.set("recipient", e.target);
          window.location.href = "/events?" + q.toString();
        });
        edgeLayer.appendChild(p);
        return p;
      });
      function route() {
        data.edges.forEach((e, i) => {
          const s = byId.get(e.source), t = byId.get(e.target);
          const dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
          const r = radius(t) + 3, ex = t.x - (dx / d) * r, ey = t.y - (dy / d) * r;
          const cx = (s.x + ex) / 2 - dy * 0.12, cy = (s.y + ey) / 2 + dx * 0.12; // curved: A→B and B→A stay apart
          paths[i].setAttribute("d", `M${s.x},${s.y}Q${cx},${cy} ${ex},${ey}`);
        });
      }
      const groups = nodes.map((d) => {
        const g = svgEl("g", { class: "node", transform: `translate(${d.x},${d.y})` });
        g.appendChild(svgEl("circle", { r: radius(d), class: "node-dot" }));
        if (radius(d) >= 14 && d.id.length <= 6) g.appendChild(svgEl("text", { y: 3, "text-anchor": "middle", "font-size": 8.5, class: "node-code" }, d.id));
        g.addEventListener("mousemove", (evt) => tip.show(evt, [d.label, `${d.id}${d.country ? " · " + d.country : ""}`, `${d.events} events`]));
        g.addEventListener("mouseleave", () => tip.hide());
        nodeLayer.appendChild(g);
        d.text = svgEl("text", { "font-size": FONT, class: "node-label" }, d.label);
        labelLayer.appendChild(d.text);
        return g;
      });
      viewport.append(edgeLayer, nodeLayer, labelLayer);

      /* the view: zoom (wheel, about the pointer) and pan (drag the background); labels keep
         their screen size and are placed where they overlap least */
      let k = 1, tx = 0, ty = 0;
      const visible = () => nodes.filter((d) => !d.hidden);
      function placeLabels() {
        const boxes = [], pad = 2;
        const overlap = (a) => boxes.reduce((s, b) => s + Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)), 0);
        // circles are obstacles too
        for (const d of visible()) {
          const sx = d.x * k + tx, sy = d.y * k + ty, r = radius(d) * k;
          boxes.push({ x0: sx - r, x1: sx + r, y0: sy - r, y1: sy + r });
        }
        const order = visible().sort((a, b) => b.events - a.events);
        for (const d of order) {
          const w = d.textWidth || labelWidth(d), h = FONT + 2, r = radius(d) * k;
          const sx = d.x * k + tx, sy = d.y * k + ty;
          const candidates = [[sx - w / 2, sy - r - 4 - h], [sx - w / 2, sy + r + 4], [sx + r + 4, sy - h / 2], [sx - r - 4 - w, sy - h / 2]];
          let best = null;
          for (const [x, y] of candidates) {
            // inside the canvas
            const cx = Math.max(pad, Math.min(width - w - pad, x)), cy = Math.max(pad, Math.min(height - h - pad, y));
            const box = { x0: cx, x1: cx + w, y0: cy, y1: cy + h };
            const cost = overlap(box) + (cx !== x || cy !== y ? 50 : 0);
            if (!best || cost < best.cost) best = { box, cost };
            if (cost === 0) break;
          }
          boxes.push(best.box);
          // back into graph units: the label layer lives inside the viewport transform
          d.text.setAttribute("x", ((best.box.x0 - tx) / k).toFixed(2));
          d.text.setAttribute("y", ((best.box.y0 + h - 3 - ty) / k).toFixed(2));
          d.text.setAttribute("font-size", (FONT / k).toFixed(3));
          d.text.setAttribute("stroke-width", (3 / k).toFixed(3));
        }
      }
      function applyView() {
        viewport.setAttribute("transform", `translate(${tx.toFixed(2)},${ty.toFixed(2)}) scale(${k.toFixed(4)})`);
        placeLabels();
      }
      const toGraph = (evt) => {
        const box = svg.getBoundingClientRect();
        const px = ((evt.clientX - box.left) / box.width) * width, py = ((evt.clientY - box.top) / box.height) * height;
        return [px, py, (px - tx) / k, (py - ty) / k];
      };
      svg.addEventListener("wheel", (evt) => {
        evt.preventDefault();
        const [px, py, gx, gy] = toGraph(evt);
        k = Math.max(0.3, Math.min(8, k * (evt.deltaY > 0 ? 0.8 : 1.25)));
        tx = px - gx * k; ty = py - gy * k;
        applyView();
      }, { passive: false });

      /* drag a node; a click without a drag opens its timeline; drag the background to pan */
      let dragging = null, moved = false, panning = null;
      groups.forEach((g, i) => g.addEventListener("pointerdown", (evt) => { evt.stopPropagation(); dragging = i; moved = false; svg.setPointerCapture(evt.pointerId); }));
      svg.addEventListener("pointerdown", (evt) => {
        if (evt.target.closest && evt.target.closest(".node, .edge")) return;
        panning = [evt.clientX, evt.clientY, tx, ty];
        svg.setPointerCapture(evt.pointerId);
        svg.classList.add("panning");
      });
      svg.addEventListener("pointermove", (evt) => {
        if (panning) {
          const box = svg.getBoundingClientRect(), f = width / box.width;
          tx = panning[2] + (evt.clientX - panning[0]) * f; ty = panning[3] + (evt.clientY - panning[1]) * f;
          applyView();
          return;
        }
        if (dragging === null) return;
        const [, , gx, gy] = toGraph(evt), d = nodes[dragging];
        d.x = gx; d.y = gy;
        groups[dragging].setAttribute("transform", `translate(${d.x},${d.y})`);
        moved = true; route(); placeLabels();
      });
      svg.addEventListener("pointerup", () => {
        if (dragging !== null && !moved) {
          const q = new URLSearchParams(base); q.delete("actor"); q.delete("recipient"); q.set("party", nodes[dragging].id);
          window.location.href = "/timeline?" + q.toString();
        }
        dragging = null; panning = null;
        svg.classList.remove("panning");
      });

      /* the minimum-weight slider: lighter edges hidden, and the nodes they leave alone */
      const slider = document.getElementById("net-weight"), shown = document.getElementById("net-weight-value");
      const counter = document.getElementById("net-count");
      function filterEdges() {
        const min = slider ? Number(slider.value) : 1, used = new Set();
        data.edges.forEach((e, i) => {
          const on = e.events >= min;
          paths[i].classList.toggle("off", !on);
          if (on) { used.add(e.source); used.add(e.target); }
        });
        nodes.forEach((d, i) => { d.hidden = !used.has(d.id); groups[i].classList.toggle("off", d.hidden); d.text.classList.toggle("off", d.hidden); });
        if (shown) shown.textContent = String(min);
        if (counter) counter.textContent = `${data.edges.filter((e) => e.events >= min).length} of ${data.edges.length} edges, ${used.size} of ${nodes.length} actors`;
        placeLabels();
      }
      if (slider) {
        slider.max = String(maxW);
        slider.value = String(Math.min(Number(slider.value) || 1, maxW));
        slider.disabled = maxW <= 1;
        slider.addEventListener("input", filterEdges);
      }
      const reset = document.getElementById("net-reset");
      if (reset) reset.addEventListener("click", () => { k = 1; tx = 0; ty = 0; applyView(); });

      route();
      container.replaceChildren(svg, tip.node);
      for (const d of nodes) d.textWidth = d.text.getComputedTextLength ? d.text.getComputedTextLength() || labelWidth(d) : labelWidth(d);
      // measured: fit again if a label is wider than the estimate
      if (nodes.some((d) => d.textWidth > labelWidth(d))) {
        fitInside(nodes, width, height, radius, (d) => d.textWidth);
        groups.forEach((g, i) => g.setAttribute("transform", `translate(${nodes[i].x},${nodes[i].y})`));
        route();
      }
      filterEdges();
      applyView();
    } catch (err) { fail(container, err); }
  }

  /* ------------------------------------------------------------------ map */

  /* Equal Earth projection (Šavrič, Patterson & Jenny 2018), in units of the unit sphere. */
  function equalEarth(lon, lat) {
    const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
    const l = (lon * Math.PI) / 180, p = Math.asin(M * Math.sin((lat * Math.PI) / 180));
    const p2 = p * p, p6 = p2 * p2 * p2;
    const x = (l * Math.cos(p)) / (M * (A1 + 3 * A2 * p2 + p6 * (7 * A3 + 9 * A4 * p2)));
    const y = p * (A1 + A2 * p2 + p6 * (A3 + A4 * p2));
    return [x, y];
  }

  /* A ring as SVG path data, cut where it jumps across the antimeridian (Fiji, Chukotka), so no
     stray line crosses the whole map. */
  function ringPath(ring, proj) {
    let d = "", prev = null;
    for (const [lon, lat] of ring) {
      const [x, y] = proj(lon, lat);
      d += (prev === null || Math.abs(lon - prev) > 180 ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
      prev = lon;
    }
    return d + "Z";
  }

  /* Indonesia (95°E–141°E, 11°S–6°N): the view of a map with nothing on it */
  const INDONESIA = [[95, -11], [141, 6]];

  async function map(container) {
    try {
      const [world, answer] = await Promise.all([getJSON(container.dataset.basemap), getJSON(container.dataset.src)]);
      const places = (Array.isArray(answer) ? answer : answer.items || []).filter((p) => p.lat !== null && p.lat !== undefined && p.lon !== null && p.lon !== undefined);
      const width = container.clientWidth || 900, height = container.clientHeight || 600;
      const X = 2.7066, Y = 1.3173; // the projection's extent at ±180°, ±90°
      const s = Math.min(width / (2 * X), height / (2 * Y)) * 0.98;
      const proj = (lon, lat) => { const [x, y] = equalEarth(lon, lat); return [width / 2 + x * s, height / 2 - y * s]; };
      const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "map of event locations" });
      const outline = [];
      for (let lat = -90; lat <= 90; lat += 5) outline.push(proj(180, lat));
      for (let lat = 90; lat >= -90; lat -= 5) outline.push(proj(-180, lat));
      svg.appendChild(svgEl("path", { d: "M" + outline.map((p) => p.join(",")).join("L") + "Z", class: "sea", "vector-effect": "non-scaling-stroke" }));
      const land = svgEl("g", { class: "land", "stroke-width": 0.6 });
      for (const f of world.features) {
        let d = "";
        for (const poly of f.geometry.coordinates) for (const ring of poly) d += ringPath(ring, proj);
        const path = svgEl("path", { d, "vector-effect": "non-scaling-stroke" });
        path.appendChild(svgEl("title", {}, f.properties.name || ""));
        land.appendChild(path);
      }
      svg.appendChild(land);
      const tip = tooltip(container);
      const list = document.getElementById("place-list");
      const max = Math.max(1, ...places.map((p) => p.events));
      const key = (p) => p.id || p.name;
      places.forEach((p) => { [p.x, p.y] = proj(p.lon, p.lat); p.r = 4 + 18 * Math.sqrt(p.events / max); });
      const dots = svgEl("g", { class: "places" });
      svg.appendChild(dots);
      for (const p of places) {
        if (!list) break;
        const li = htmlEl("li");
        const a = htmlEl("a", { href: "#place=" + encodeURIComponent(key(p)) }, p.name);
        li.append(a, " ", htmlEl("b", {}, p.events));
        list.appendChild(li);
      }

      /* places that overlap at the current zoom are drawn as one circle (events summed, the mean
         Goldstein weighted by events); a cluster lists its places when clicked */
      function cluster(k) {
        const groups = [];
        for (const p of [...places].sort((a, b) => b.events - a.events)) {
          const g = groups.find((c) => Math.hypot((c.x - p.x) / k, (c.y - p.y) / k) < (c.r + p.r) * 0.8);
          if (g) {
            const n = g.events + p.events;
            g.x = (g.x * g.events + p.x * p.events) / n; g.y = (g.y * g.events + p.y * p.events) / n;
            if (p.goldstein !== null && p.goldstein !== undefined) {
              g.gsum += p.goldstein * p.events; g.scored += p.events;
            }
            g.events = n; g.members.push(p);
            g.r = 4 + 18 * Math.sqrt(Math.min(n, max) / max) + 2;
          } else {
            const scored = p.goldstein === null || p.goldstein === undefined ? 0 : p.events;
            groups.push({ x: p.x, y: p.y, r: p.r, events: p.events, members: [p], gsum: scored ? p.goldstein * p.events : 0, scored });
          }
        }
        return groups;
      }
      function drawPlaces(k) {
        dots.replaceChildren();
        for (const g of cluster(k)) {
          const gold = g.scored ? Math.round((g.gsum / g.scored) * 100) / 100 : null;
          const one = g.members.length === 1 ? g.members[0] : null;
          const c = svgEl("circle", { cx: g.x.toFixed(2), cy: g.y.toFixed(2), r: (g.r * k).toFixed(2), fill: goldColor(gold), class: "place" + (one ? "" : " cluster"), "data-events": g.events, "vector-effect": "non-scaling-stroke" });
          const name = one ? one.name : `${g.members.length} places: ${g.members.slice(0, 4).map((m) => m.name).join(", ")}${g.members.length > 4 ? ", …" : ""}`;
          c.addEventListener("mousemove", (evt) => tip.show(evt, [name, `${g.events} events · mean Goldstein ${gold ?? "–"}`, ...(one ? [one.event_types.join(", ")] : ["click to list them"])]));
          c.addEventListener("mouseleave", () => tip.hide());
          c.addEventListener("click", () => { if (one) select(one); else showCluster(g.members); });
          dots.appendChild(c);
          if (!one) {
            const label = svgEl("text", { x: g.x.toFixed(2), y: (g.y + 4 * k).toFixed(2), "font-size": (11 * k).toFixed(2), "text-anchor": "middle", class: "cluster-count" }, g.members.length);
            dots.appendChild(label);
          }
        }
      }

      /* the view: fitted to the events (at least ~25° wide), zoomed with the wheel, panned by dragging */
      let view = [0, 0, width, height];
      function setView(v) {
        view = v;
        svg.setAttribute("viewBox", v.map((n) => n.toFixed(2)).join(" "));
        drawPlaces(v[2] / width); // map units per screen pixel: circles keep their screen size
      }
      function fitPoints(pts, minWidth) {
        const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
        const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
        const pad = 30 * (Math.max(x1 - x0, minWidth) / width); // room for the circles at the edge
        let w = Math.max(x1 - x0, minWidth) * 1.15 + 2 * pad, h = Math.max(y1 - y0, minWidth * height / width) * 1.15 + 2 * pad;
        if (w / h > width / height) h = w * height / width; else w = h * width / height;
        if (w >= width) return setView([0, 0, width, height]);
        setView([(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - h / 2, w, h]);
      }
      function fit() {
        if (places.length) fitPoints(places.map((p) => [p.x, p.y]), width / 14);
        else fitPoints(INDONESIA.map(([lon, lat]) => proj(lon, lat)), 0);
      }
      svg.addEventListener("wheel", (evt) => {
        evt.preventDefault();
        const box = svg.getBoundingClientRect(), f = evt.deltaY > 0 ? 1.25 : 0.8;
        const mx = view[0] + ((evt.clientX - box.left) / box.width) * view[2], my = view[1] + ((evt.clientY - box.top) / box.height) * view[3];
        const w = Math.max(width / 200, Math.min(width, view[2] * f)), h = w * height / width;
        setView([mx - (mx - view[0]) * (w / view[2]), my - (my - view[1]) * (h / view[3]), w, h]);
      }, { passive: false });
      let drag = null;
      svg.addEventListener("pointerdown", (evt) => { if (evt.target.tagName !== "circle") drag = [evt.clientX, evt.clientY, view.slice()]; });
      svg.addEventListener("pointermove", (evt) => {
        if (!drag) return;
        const box = svg.getBoundingClientRect(), k = view[2] / box.width;
        setView([drag[2][0] - (evt.clientX - drag[0]) * k, drag[2][1] - (evt.clientY - drag[1]) * k, view[2], view[3]]);
      });
      window.addEventListener("pointerup", () => { drag = null; });
      const controls = htmlEl("div", { class: "map-controls" });
      const fitButton = htmlEl("button", { type: "button" }, "fit events"), worldButton = htmlEl("button", { type: "button" }, "world");
      fitButton.addEventListener("click", fit);
      worldButton.addEventListener("click", () => setView([0, 0, width, height]));
      controls.append(fitButton, worldButton);
      container.replaceChildren(svg, tip.node, controls);
      fit();
      if (!places.length) container.appendChild(htmlEl("p", { class: "empty map-note" }, "No geocoded events match these filters."));

      /* the selected place lives in the URL (#place=ID), so that reload and back bring it back */
      const byKey = new Map(places.map((p) => [key(p), p]));
      function select(p) {
        const hash = "#place=" + encodeURIComponent(key(p));
        if (window.location.hash !== hash) history.pushState(null, "", hash);
        showPlace(p);
      }
      function fromUrl() {
        const m = /^#place=(.+)$/.exec(window.location.hash);
        const p = m && byKey.get(decodeURIComponent(m[1]));
        if (p) showPlace(p);
        else clearPlace();
      }
      window.addEventListener("popstate", fromUrl);
      window.addEventListener("hashchange", fromUrl);
      fromUrl();

      function showCluster(members) {
        const side = document.getElementById("map-side");
        const ol = htmlEl("ol", { class: "compact" });
        for (const p of members) {
          const li = htmlEl("li");
          li.append(htmlEl("a", { href: "#place=" + encodeURIComponent(key(p)) }, p.name), " ", htmlEl("b", {}, p.events));
          ol.appendChild(li);
        }
        side.replaceChildren(htmlEl("h2", {}, `${members.length} places here`), ol);
        fitPoints(members.map((p) => [p.x, p.y]), width / 60);
      }
    } catch (err) { fail(container, err); }
  }

  let placesPanel = null;
  function clearPlace() {
    const side = document.getElementById("map-side");
    if (side && placesPanel) side.replaceChildren(...placesPanel);
  }

  /* "Joko Widodo (IDNGOV)": names first, codes second; the same code and text once */
  function who(list) {
    const seen = new Set(), out = [];
    for (const a of list) {
      const k = (a.code || "") + "|" + (a.entity_id || (a.text || "").toLowerCase());
      if (seen.has(k)) continue;
      seen.add(k);
      out.push((a.text || a.code || "?") + (a.code ? ` (${a.code})` : ""));
    }
    return out.join(", ");
  }

  async function showPlace(place) {
    const side = document.getElementById("map-side");
    if (!placesPanel) placesPanel = [...side.childNodes];
    const q = params(); q.set("location", place.id || place.name); q.set("limit", "25");
    const back = htmlEl("a", { href: "#", class: "small" }, "← all places");
    back.addEventListener("click", (evt) => { evt.preventDefault(); history.pushState(null, "", window.location.pathname + window.location.search); clearPlace(); });
    side.replaceChildren(back, htmlEl("h2", {}, place.name), htmlEl("p", { class: "dim" }, `${place.events} events`));
    const data = await getJSON("/api/events?" + q.toString());
    const ol = htmlEl("ol", { class: "compact" });
    for (const e of data.items) {
      const li = htmlEl("li");
      li.append(htmlEl("span", { class: "badge q" + (e.quad_class || 0), title: e.cameo_code ? "CAMEO " + e.cameo_code : "" }, e.event_type), " ",
        htmlEl("b", {}, who(e.actors) + (e.recipients.length ? " → " + who(e.recipients) : "")), " ",
        htmlEl("span", { class: "dim" }, e.date || "undated"), " ");
      li.appendChild(htmlEl("a", { href: `/articles/${encodeURIComponent(e.doc_id)}#e-${encodeURIComponent(e.id)}` }, "article"));
      ol.appendChild(li);
    }
    const all = params(); all.set("location", place.id || place.name);
    side.append(ol, htmlEl("a", { href: "/events?" + all.toString() }, `all events at ${place.name} →`));
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
    if (byId("timeline-chart")) timeline(byId("timeline-chart"));
    if (byId("events-histogram")) histogram(byId("events-histogram"));
    document.querySelectorAll("input[data-suggest]").forEach(autocomplete);
    pageSize();
    if (byId("network-chart")) network(byId("network-chart"));
    if (byId("map-chart")) map(byId("map-chart"));
    if (byId("entity-chart")) entityChart(byId("entity-chart"));
    if (byId("clean-text")) article();
  });
})();
