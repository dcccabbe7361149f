"""Build the offline world basemap shipped with the web UI (`static/world.geojson`).

Source: Natural Earth admin-0 countries (public domain), as TopoJSON in the npm package
`world-atlas@2.0.2` (ISC, © Mike Bostock): 1:110m for the world, and 1:50m for the countries of
Southeast Asia (REGION), where most of pantau's news happens: at 1:110m Indonesia is 13
polygons, at 1:50m 133 (the file grows from 170 to 287 KiB). Get it with
`npm pack world-atlas@2.0.2`, unpack it, and run

    python -m pantau.web.build_basemap path/to/package

The TopoJSON arcs are decoded (delta-encoded, quantised) into plain GeoJSON polygons with
coordinates rounded to 0.01°, which is finer than the 110m source. Only the country name and its
ISO 3166 numeric id are kept. The result is committed; nothing is fetched at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).parent / "static" / "world.geojson"
REGION = {"Indonesia", "Malaysia", "Singapore", "Brunei", "Philippines", "Timor-Leste", "Papua New Guinea",
          "Thailand", "Vietnam", "Cambodia", "Laos", "Myanmar"}  # drawn from the 1:50m layer


def decode_arcs(topo: dict) -> list[list[list[float]]]:
    """Absolute lon/lat points for every arc (TopoJSON stores quantised deltas)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Join arcs into one ring; a negative index (~i) means arc i reversed. Consecutive arcs share
    their joining point, which is written once."""
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def to_geojson(topo: dict, object_name: str = "countries") -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"][object_name]["geometries"]:
        if geom["type"] == "Polygon":
            coords = [[ring(r, arcs) for r in geom["arcs"]]]
        elif geom["type"] == "MultiPolygon":
            coords = [[ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": geom.get("properties", {}).get("name")},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def combine(world: dict, detail: dict, names: set[str]) -> dict:
    """`world`'s countries, with those named in `names` taken from `detail` instead."""
    finer = [f for f in detail["features"] if f["properties"]["name"] in names]
    replaced = {f["id"] for f in finer}
    return {"type": "FeatureCollection", "features": [f for f in world["features"] if f["id"] not in replaced] + finer}


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: python -m pantau.web.build_basemap path/to/world-atlas-package")
    folder = Path(argv[0])
    world, detail = (to_geojson(json.loads((folder / f"countries-{scale}.json").read_text(encoding="utf-8")))
                     for scale in ("110m", "50m"))
    geo = combine(world, detail, REGION)
    OUT.write_text(json.dumps(geo, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(geo['features'])} countries, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
