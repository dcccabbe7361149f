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
      svg.appendChild(svgEl("line", { x1: m.l, x2: width - m.r, y1: y, y2: y, stroke: "#e6e9ed" }));
      svg.appendChild(svgEl("text", { x: m.l - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#6b7480" }, v));
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
        svg.appendChild(svgEl("text", { x: x + bw / 2, y: height - m.b + 16, "text-anchor": "middle", "font-size": 11, fill: "#39424c" }, b.label));
      }
    });
    svg.appendChild(svgEl("line", { x1: m.l, x2: width - m.r, y1: m.t + ih, y2: m.t + ih, stroke: "#9aa3ad" }));
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

  async function network(container) {
    try {
      const data = await getJSON(container.dataset.src);
      if (!data.edges.length) {
        container.replaceChildren(htmlEl("p", { class: "empty" }, "No actor-to-recipient events match these filters."));
        return;
      }
      const width = container.clientWidth || 900, height = container.clientHeight || 640;
      const nodes = data.nodes, byId = new Map(nodes.map((d) => [d.id, d]));
      layout(nodes, data.edges, width, height);
      const maxW = Math.max(...data.edges.map((e) => e.events)), maxN = Math.max(...nodes.map((d) => d.events));
      const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "actor network" });
      const defs = svgEl("defs");
      for (let g = -10; g <= 10; g += 2) {
        const marker = svgEl("marker", { id: "arrow" + g, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" });
        marker.appendChild(svgEl("path", { d: "M0,0L10,5L0,10z", fill: goldColor(g) }));
        defs.appendChild(marker);
      }
      svg.appendChild(defs);
      const tip = tooltip(container);
      const radius = (d) => 6 + 16 * Math.sqrt(d.events / maxN);
      const edgeLayer = svgEl("g"), nodeLayer = svgEl("g");
      const base = params(); base.delete("min_events"); base.delete("offset");
      const paths = data.edges.map((e) => {
        const bucket = Math.max(-10, Math.min(10, Math.round((e.goldstein ?? 0) / 2) * 2));
        const p = svgEl("path", { fill: "none", stroke: goldColor(e.goldstein), "stroke-width": 1.2 + 6 * (e.events / maxW), "stroke-opacity": 0.85, "marker-end": `url(#arrow${bucket})`, class: "edge" });
        p.addEventListener("mousemove", (evt) => tip.show(evt, [`${byId.get(e.source).label} → ${byId.get(e.target).label}`, `${e.events} events, mostly ${e.top_type}`, `mean Goldstein ${e.goldstein ?? "–"}`]));
        p.addEventListener("mouseleave", () => tip.hide());
        p.addEventListener("click", () => {
          const q = new URLSearchParams(base); q.set("actor", e.source); q.set("recipient", e.target);
          window.location.href = "/events?" + q.toString();
        });
        p.style.cursor = "pointer";
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
        g.appendChild(svgEl("circle", { r: radius(d), fill: "#14202c", "fill-opacity": 0.85, stroke: "#fff", "stroke-width": 1.5 }));
        g.appendChild(svgEl("text", { y: -radius(d) - 4, "text-anchor": "middle", "font-size": 12, "font-weight": 600, fill: "#1d2329", "paint-order": "stroke", stroke: "#fff", "stroke-width": 3 }, d.label));
        if (radius(d) >= 14 && d.id.length <= 6) g.appendChild(svgEl("text", { y: 3, "text-anchor": "middle", "font-size": 8.5, fill: "#fff" }, d.id));
        g.style.cursor = "grab";
        g.addEventListener("mousemove", (evt) => tip.show(evt, [d.label, `${d.id}${d.country ? " · " + d.country : ""}`, `${d.events} events`]));
        g.addEventListener("mouseleave", () => tip.hide());
        nodeLayer.appendChild(g);
        return g;
      });
      /* drag a node; a click without a drag opens its timeline */
      let dragging = null, moved = false;
      groups.forEach((g, i) => g.addEventListener("pointerdown", (evt) => { dragging = i; moved = false; g.setPointerCapture(evt.pointerId); }));
      svg.addEventListener("pointermove", (evt) => {
        if (dragging === null) return;
        const box = svg.getBoundingClientRect(), d = nodes[dragging];
        d.x = ((evt.clientX - box.left) / box.width) * width; d.y = ((evt.clientY - box.top) / box.height) * height;
        groups[dragging].setAttribute("transform", `translate(${d.x},${d.y})`);
        moved = true; route();
      });
      svg.addEventListener("pointerup", () => {
        if (dragging !== null && !moved) {
          const q = new URLSearchParams(base); q.delete("actor"); q.delete("recipient"); q.set("party", nodes[dragging].id);
          window.location.href = "/timeline?" + q.toString();
        }
        dragging = null;
      });
      route();
      svg.append(edgeLayer, nodeLayer);
      container.replaceChildren(svg, tip.node);
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

  async function map(container) {
    try {
      const [world, places] = await Promise.all([getJSON(container.dataset.basemap), getJSON(container.dataset.src)]);
      const width = container.clientWidth || 900, height = container.clientHeight || 600;
      const X = 2.7066, Y = 1.3173; // the projection's extent at ±180°, ±90°
      const s = Math.min(width / (2 * X), height / (2 * Y)) * 0.98;
      const proj = (lon, lat) => { const [x, y] = equalEarth(lon, lat); return [width / 2 + x * s, height / 2 - y * s]; };
      const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "map of event locations" });
      const outline = [];
      for (let lat = -90; lat <= 90; lat += 5) outline.push(proj(180, lat));
      for (let lat = 90; lat >= -90; lat -= 5) outline.push(proj(-180, lat));
      svg.appendChild(svgEl("path", { d: "M" + outline.map((p) => p.join(",")).join("L") + "Z", fill: "#eaf2f8", stroke: "#c9d6e0", "vector-effect": "non-scaling-stroke" }));
      const land = svgEl("g", { fill: "#dfe3e6", stroke: "#fff", "stroke-width": 0.6 });
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
      const dots = svgEl("g"), circles = [];
      for (const p of places) {
        const [x, y] = proj(p.lon, p.lat);
        const c = svgEl("circle", { cx: x, cy: y, fill: goldColor(p.goldstein), "fill-opacity": 0.75, stroke: "#14202c", "stroke-width": 0.8, "vector-effect": "non-scaling-stroke", class: "place" });
        c.dataset.r = 4 + 18 * Math.sqrt(p.events / max);
        c.style.cursor = "pointer";
        c.addEventListener("mousemove", (evt) => tip.show(evt, [p.name, `${p.events} events · mean Goldstein ${p.goldstein ?? "–"}`, p.event_types.join(", ")]));
        c.addEventListener("mouseleave", () => tip.hide());
        c.addEventListener("click", () => showPlace(p));
        dots.appendChild(c);
        circles.push(c);
        if (list) {
          const li = htmlEl("li");
          const a = htmlEl("a", { href: "#" }, p.name);
          a.addEventListener("click", (evt) => { evt.preventDefault(); showPlace(p); });
          li.append(a, " ", htmlEl("b", {}, p.events));
          list.appendChild(li);
        }
      }
      svg.appendChild(dots);

      /* the view: fitted to the events (at least ~40° wide), zoomed with the wheel, panned by dragging */
      let view = [0, 0, width, height];
      function setView(v) {
        view = v;
        svg.setAttribute("viewBox", v.map((n) => n.toFixed(2)).join(" "));
        const k = v[2] / width; // map units per screen pixel: circles keep their screen size
        for (const c of circles) c.setAttribute("r", (c.dataset.r * k).toFixed(2));
      }
      function fit() {
        if (!places.length) return setView([0, 0, width, height]);
        const pts = places.map((p) => proj(p.lon, p.lat));
        let [x0, y0, x1, y1] = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
        const minW = width / 9;
        let w = Math.max(x1 - x0, minW) * 1.5, h = Math.max(y1 - y0, minW * height / width) * 1.5;
        if (w / h > width / height) h = w * height / width; else w = h * width / height;
        const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        setView(w >= width ? [0, 0, width, height] : [cx - w / 2, cy - h / 2, w, h]);
      }
      svg.addEventListener("wheel", (evt) => {
        evt.preventDefault();
        const box = svg.getBoundingClientRect(), f = evt.deltaY > 0 ? 1.25 : 0.8;
        const mx = view[0] + ((evt.clientX - box.left) / box.width) * view[2], my = view[1] + ((evt.clientY - box.top) / box.height) * view[3];
        const w = Math.min(width, view[2] * f), h = w * height / width;
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
    } catch (err) { fail(container, err); }
  }

  async function showPlace(place) {
    const side = document.getElementById("map-side");
    const q = params(); q.set("location", place.id || place.name); q.set("limit", "25");
    side.replaceChildren(htmlEl("h2", {}, place.name), htmlEl("p", { class: "dim" }, `${place.events} events`));
    const data = await getJSON("/api/events?" + q.toString());
    const ol = htmlEl("ol", { class: "compact" });
    for (const e of data.items) {
      const li = htmlEl("li");
      const who = (a) => a.map((x) => x.code || x.text).join(", ");
      li.append(htmlEl("span", { class: "badge q" + (e.quad_class || 0) }, e.event_type), " ",
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

  document.addEventListener("DOMContentLoaded", () => {
    const byId = (id) => document.getElementById(id);
    if (byId("timeline-chart")) timeline(byId("timeline-chart"));
    if (byId("network-chart")) network(byId("network-chart"));
    if (byId("map-chart")) map(byId("map-chart"));
    if (byId("entity-chart")) entityChart(byId("entity-chart"));
    if (byId("clean-text")) article();
  });
})();
