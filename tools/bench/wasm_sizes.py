#!/usr/bin/python3
"""Where a wasm module's bytes go: sections, the largest functions, data.

Reads the module's own structure (no tools beyond Debian's python3): the
code section's function bodies, sized as stored, named from the "name"
section that a link with --profiling-funcs keeps (unnamed: "func[N]"), and
the data section's segments (the catalogue tables, the fonts, ...).

usage: wasm_sizes.py <module.wasm> [count]
  prints Markdown: each section's size, the [count] (default 10) largest
  functions, and code vs data.
"""
import sys


def uleb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def sections(buf):
    if buf[:4] != b"\0asm":
        sys.exit("wasm_sizes: not a wasm module")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = uleb(buf, pos + 1)
        yield sid, body, body + size
        pos = body + size


def custom_name(buf, start):
    n, pos = uleb(buf, start)
    return buf[pos:pos + n].decode(errors="replace"), pos + n


def imported_functions(buf, start):
    count, pos = uleb(buf, start)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            n, pos = uleb(buf, pos)
            pos += n
        kind = buf[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = uleb(buf, pos)
            funcs += 1
        elif kind == 1:  # table: elemtype, limits
            pos += 1
            flags, pos = uleb(buf, pos)
            _, pos = uleb(buf, pos)
            if flags & 1:
                _, pos = uleb(buf, pos)
        elif kind == 2:  # memory: limits
            flags, pos = uleb(buf, pos)
            _, pos = uleb(buf, pos)
            if flags & 1:
                _, pos = uleb(buf, pos)
        elif kind == 3:  # global: type, mutability
            pos += 2
    return funcs


def function_names(buf, start, end):
    names = {}
    pos = start
    while pos < end:
        sub = buf[pos]
        size, body = uleb(buf, pos + 1)
        if sub == 1:
            count, p = uleb(buf, body)
            for _ in range(count):
                idx, p = uleb(buf, p)
                n, p = uleb(buf, p)
                names[idx] = buf[p:p + n].decode(errors="replace")
                p += n
        pos = body + size
    return names


SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
                 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    buf = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) == 3 else 10
    imports = 0
    bodies = []
    names = {}
    segments = []
    rows = []
    for sid, start, end in sections(buf):
        label = SECTION_NAMES.get(sid, str(sid))
        if sid == 0:
            cname, _ = custom_name(buf, start)
            label = "custom " + cname
            if cname == "name":
                names = function_names(buf, custom_name(buf, start)[1], end)
        elif sid == 2:
            imports = imported_functions(buf, start)
        elif sid == 10:
            count, pos = uleb(buf, start)
            for _ in range(count):
                size, body = uleb(buf, pos)
                bodies.append(body + size - pos)
                pos = body + size
        elif sid == 11:
            count, pos = uleb(buf, start)
            for _ in range(count):
                flags, pos = uleb(buf, pos)
                if flags == 2:  # active with a memory index
                    _, pos = uleb(buf, pos)
                if flags in (0, 2):  # the offset: i32.const <sleb128> end
                    pos += 1
                    while buf[pos] & 0x80:
                        pos += 1
                    pos += 2
                size, pos = uleb(buf, pos)
                segments.append(size)
                pos += size
        rows.append((label, end - start))
    total = len(buf)
    print(f"| section | bytes | share |\n|---|---|---|")
    for label, size in rows:
        print(f"| {label} | {size:,} | {100 * size / total:.1f} % |")
    print(f"| whole module | {total:,} | |\n")
    ranked = sorted(((size, names.get(imports + i, f"func[{imports + i}]")) for i, size in enumerate(bodies)),
                    reverse=True)
    print(f"| # | function | bytes |\n|---|---|---|")
    for n, (size, name) in enumerate(ranked[:top], 1):
        print(f"| {n} | `{name[:110]}` | {size:,} |")
    print(f"\n{len(bodies):,} functions, {sum(bodies):,} B of code; {len(segments)} data segments, "
          f"{sum(segments):,} B of data (largest: {', '.join(f'{s:,}' for s in sorted(segments, reverse=True)[:5])}).")


if __name__ == "__main__":
    main()
