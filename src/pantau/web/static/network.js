/* pantau web UI: the actor network: a seeded force layout, zoom and pan, draggable nodes,
   labels placed where they overlap least, and the minimum-weight slider.
   Needs pantau-core.js; adds network to window.pantau. */
(function () {
  "use strict";
  const { svgEl, htmlEl, getJSON, goldColor, tooltip, fail, params } = window.pantau;

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

  Object.assign(window.pantau, { network });
})();
