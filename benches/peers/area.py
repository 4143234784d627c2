"""The part of an OpenAPI document that one API area of the client makes.

    python3 benches/peers/area.py DOCUMENT.json AREA OUT.json
    python3 benches/peers/area.py DOCUMENT.json --list

Keeps the operations whose path starts with `/api/<segment>` for a segment
of AREA (the generator's rule, `codegen/src/lower/areas.rs`: a segment
whose plural is also a segment joins the plural's area), and the
components those operations reach through `$ref`, transitively; every
security scheme stays, and the document's `webhooks` are left out. `--list` prints each area with its number of
operations, largest first. The peers' builds use it to find the largest
part of SignalWire's document that another generator's client compiles.
"""

import json
import sys

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def segment(path):
    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "api" and parts[2]:
        return parts[2]
    return None


def areas(document):
    segments = {segment(path) for path in document["paths"]} - {None}
    area_of = {s: (s + "s" if s + "s" in segments else s) for s in segments}
    grouped = {}
    for path, item in document["paths"].items():
        s = segment(path)
        if s is None:
            continue
        count = sum(1 for key in item if key in METHODS)
        grouped.setdefault(area_of[s].replace("-", "_"), {})[path] = count
    return grouped


def refs(value, found):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "$ref" and isinstance(inner, str) and inner.startswith("#/components/"):
                found.add(inner)
            else:
                refs(inner, found)
    elif isinstance(value, list):
        for inner in value:
            refs(inner, found)


def resolve(document, pointer):
    node = document
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def subset(document, area):
    paths = areas(document).get(area)
    if not paths:
        sys.exit(f"no operation of the area {area!r}; --list shows the areas")
    kept = {path: document["paths"][path] for path in paths}
    reached, todo = set(), set()
    refs(kept, todo)
    while todo:
        pointer = todo.pop()
        if pointer in reached:
            continue
        reached.add(pointer)
        found = set()
        refs(resolve(document, pointer), found)
        todo |= found - reached
    components = {}
    for pointer in sorted(reached):
        _, _, kind, name = pointer.split("/", 3)
        components.setdefault(kind, {})[name] = resolve(document, pointer)
    schemes = document.get("components", {}).get("securitySchemes")
    if schemes:
        components["securitySchemes"] = schemes
    # The document's `webhooks` (what SignalWire sends, not operations) go
    # with the components only they reach.
    left_out = ("paths", "components", "webhooks")
    out = {key: value for key, value in document.items() if key not in left_out}
    out["paths"] = kept
    out["components"] = components
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[2] == "--list":
        with open(sys.argv[1]) as file:
            grouped = areas(json.load(file))
        for area, paths in sorted(grouped.items(), key=lambda item: -sum(item[1].values())):
            print(f"{area}\t{sum(paths.values())}")
        return
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    with open(sys.argv[1]) as file:
        document = json.load(file)
    with open(sys.argv[3], "w") as file:
        json.dump(subset(document, sys.argv[2]), file, indent=1)


main()
