/* pantau web UI: the map: the offline basemap in the Equal Earth projection, event places as
   circles (clustered where they overlap), zoom and pan, and the side panel of a place's events.
   Needs pantau-core.js; adds map to window.pantau. */
(function () {
  "use strict";
  const { svgEl, htmlEl, getJSON, goldColor, tooltip, fail, params } = window.pantau;

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

      /* the view: fitted to where most events are (at least ~25° wide), zoomed with the wheel,
         panned by dragging */
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
      /* where most events are: the places inside the event-weighted 2nd-98th percentiles of x and
         y. A few events abroad (a Kompas corpus names New York and Berlin) must not pull the
         opening view out to the whole world with Indonesia in a corner. */
      function core(pts) {
        const total = pts.reduce((n, p) => n + p.events, 0);
        const range = (key) => {
          const sorted = [...pts].sort((a, b) => a[key] - b[key]);
          let seen = 0, lo = sorted[0][key], hi = sorted[sorted.length - 1][key], loSet = false;
          for (const p of sorted) {
            seen += p.events;
            if (!loSet && seen >= 0.02 * total) { lo = p[key]; loSet = true; }
            if (seen >= 0.98 * total) { hi = p[key]; break; }
          }
          return [lo, hi];
        };
        const [x0, x1] = range("x"), [y0, y1] = range("y");
        return pts.filter((p) => p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1);
      }
      function fit() {
        if (places.length) fitPoints(core(places).map((p) => [p.x, p.y]), width / 14);
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

  Object.assign(window.pantau, { map });
})();
