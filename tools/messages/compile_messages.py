#!/usr/bin/python3
"""Compiles the message catalogue (shared/messages/*.json) into C++ tables.

Run at build time (CMakeLists.txt) with Debian's /usr/bin/python3. Each
language is one flat JSON object, id -> ICU-style message ("{name}",
"{count, plural, one {# day} other {# days}}"). The build fails here, before
any C++ compiles, when a language lacks an id of en.json, has an id en.json
does not, an empty message, a plural that does not parse, or a placeholder
set that differs from en's: the catalogue is checked where it is written.

A regional file (fr-CA.json) holds only the ids whose wording differs from
its language (fr); the core falls back region -> language -> en.

The pseudo-locale en-XA is generated here from en: letters accented, text
stretched to about 140 % so layouts are tested against long translations,
placeholders and plural syntax untouched.

The browser build (--widget) leaves out the messages only the server shows
(SERVER_ONLY_PREFIXES: pages, portal, receipts, emails): every byte of the
catalogue is part of the widget's download, and the widget never shows them.
It also splits the widget's texts in two by the first-visit list
(wasm/split/first-visit-messages.txt, written by
tools/split/profile_widget.mjs: the ids a first visit asks for before the
payer acts), as the deferred code splits its functions:
- en's first-visit texts are compiled in (en-XA is for the native layout
  tests and stays out of the browser);
- each other language's first-visit texts are its own file,
  messages.<locale>.json in <assets dir>, which the page fetches only for a
  payer who reads it;
- every language's other texts, en's too, are messages.<locale>.rest.json,
  which the page fetches after the first screen, with the deferred code.
pw::load_catalogue reads both files (the rest adds to the first). A regional
file is whole: fr-CA's holds fr with the Canadian wording, so a payer
downloads one file of each part. Without the list, nothing is split: the
rest files are written empty.

usage: compile_messages.py <messages dir> <output .cpp>
       compile_messages.py --widget <messages dir> <output .cpp> <assets dir> [<first-visit list>]
"""
import json
import math
import os
import sys

# Full languages (every id), then regional variants (subset of their base).
LANGUAGES = ["en", "fr", "es"]
REGIONAL = {"fr-CA": "fr"}
PSEUDO = "en-XA"

# Id prefixes of texts only server-rendered pages and emails show (the
# widget's own screens use widget.*, the core's errors, fields, amounts and
# the statement): left out of the wasm.
SERVER_ONLY_PREFIXES = ("account.", "email.", "invoice.", "items.", "link.", "mandate.", "note.", "page.", "pay.",
                        "payment_status.", "portal.", "receipt.")


class MessageError(Exception):
    pass


def parse(msg, pos=0, depth=0, in_plural=False):
    """Parses an ICU subset into nodes; returns (nodes, end position).

    nodes: ("text", s) | ("arg", name) | ("plural", name, [(selector, nodes)])
    | ("hash",) inside a plural branch. Stops at an unmatched '}' (a branch end).
    """
    if depth > 3:
        raise MessageError("plurals nested too deeply")
    nodes, buf = [], []
    while pos < len(msg):
        c = msg[pos]
        if c == "}":
            break
        if c == "#" and in_plural:
            if buf:
                nodes.append(("text", "".join(buf)))
                buf = []
            nodes.append(("hash",))
            pos += 1
            continue
        if c != "{":
            buf.append(c)
            pos += 1
            continue
        if buf:
            nodes.append(("text", "".join(buf)))
            buf = []
        close = msg.find("}", pos)
        comma = msg.find(",", pos)
        if close < 0:
            raise MessageError("unclosed '{'")
        if comma < 0 or comma > close:
            name = msg[pos + 1:close].strip()
            check_name(name)
            nodes.append(("arg", name))
            pos = close + 1
            continue
        name = msg[pos + 1:comma].strip()
        check_name(name)
        rest = msg[comma + 1:]
        kind_end = rest.find(",")
        if kind_end < 0 or rest[:kind_end].strip() != "plural":
            raise MessageError("only {name} and {name, plural, ...} are supported")
        pos = comma + 1 + kind_end + 1
        branches = []
        while True:
            while pos < len(msg) and msg[pos] == " ":
                pos += 1
            if pos < len(msg) and msg[pos] == "}":
                pos += 1
                break
            sel_end = msg.find("{", pos)
            if sel_end < 0:
                raise MessageError("plural branch without '{'")
            selector = msg[pos:sel_end].strip()
            if not (selector in ("zero", "one", "two", "few", "many", "other") or
                    (selector.startswith("=") and selector[1:].isdigit())):
                raise MessageError("bad plural selector %r" % selector)
            body, end = parse(msg, sel_end + 1, depth + 1, True)
            if end >= len(msg) or msg[end] != "}":
                raise MessageError("unclosed plural branch")
            branches.append((selector, body))
            pos = end + 1
        if not any(s == "other" for s, _ in branches):
            raise MessageError("plural without an 'other' branch")
        nodes.append(("plural", name, branches))
    if buf:
        nodes.append(("text", "".join(buf)))
    return nodes, pos


def check_name(name):
    if not name or not all(ch.isalnum() or ch == "_" for ch in name):
        raise MessageError("bad placeholder name %r" % name)


def parse_all(msg):
    nodes, end = parse(msg)
    if end != len(msg):
        raise MessageError("unmatched '}'")
    return nodes


def placeholders(nodes, out=None):
    out = set() if out is None else out
    for n in nodes:
        if n[0] == "arg":
            out.add(n[1])
        elif n[0] == "plural":
            out.add(n[1])
            for _, body in n[2]:
                placeholders(body, out)
    return out


# en-XA: accented look-alikes inside Latin-1 / Latin Extended-A (the widget's
# font subset), vowels doubled, then padded to 140 %.
ACCENTS = dict(zip("aeiouyAEIOUYcnszCNSZ", "áéíóúýÁÉÍÓÚÝçñšžÇÑŠŽ"))


def pseudo_text(s):
    out = []
    for ch in s:
        out.append(ACCENTS.get(ch, ch))
        if ch in "aeiouAEIOU":
            out.append(ACCENTS[ch])
    return "".join(out)


def pseudo_nodes(nodes):
    parts = []
    for n in nodes:
        if n[0] == "text":
            parts.append(pseudo_text(n[1]))
        elif n[0] == "arg":
            parts.append("{%s}" % n[1])
        elif n[0] == "hash":
            parts.append("#")
        else:
            branches = " ".join("%s {%s}" % (sel, pseudo_nodes(body)) for sel, body in n[2])
            parts.append("{%s, plural, %s}" % (n[1], branches))
    return "".join(parts)


def pseudo(msg):
    body = pseudo_nodes(parse_all(msg))
    want = math.ceil(len(msg) * 1.4)
    pad = max(0, want - len(body) - 2)
    filler = ("ĺőŕéñ " * (pad // 6 + 1))[:pad].rstrip() if pad else ""
    return "[" + body + (" " + filler if filler else "") + "]"


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise MessageError("%s: must be one object of id -> string" % path)
    return data


def check(catalogues):
    errors = []
    en = catalogues["en"]
    for lang, msgs in catalogues.items():
        base = REGIONAL.get(lang)
        for mid, text in msgs.items():
            if mid not in en:
                errors.append("%s: %s is not in en.json" % (lang, mid))
                continue
            if not text.strip():
                errors.append("%s: %s is empty" % (lang, mid))
                continue
            try:
                names = placeholders(parse_all(text))
                en_names = placeholders(parse_all(en[mid]))
            except MessageError as e:
                errors.append("%s: %s: %s" % (lang, mid, e))
                continue
            if names != en_names:
                errors.append("%s: %s has placeholders %s, en has %s" %
                              (lang, mid, sorted(names), sorted(en_names)))
        if base is None:
            for mid in en:
                if mid not in msgs:
                    errors.append("%s: %s is missing" % (lang, mid))
    return errors


def cpp_string(s):
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 32 <= b < 127 and c != "?":  # '?' escaped: no trigraph surprises
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def load_all(src):
    """Every language's catalogue, checked, with en-XA generated: {locale: {id: text}}.

    Raises MessageError with every problem found, one per line.
    """
    catalogues = {}
    try:
        for lang in LANGUAGES + list(REGIONAL):
            catalogues[lang] = load(os.path.join(src, lang + ".json"))
    except (OSError, ValueError) as e:
        raise MessageError(str(e))
    errors = check(catalogues)
    if errors:
        raise MessageError("\n".join(errors))
    catalogues[PSEUDO] = {mid: pseudo(text) for mid, text in catalogues["en"].items()}
    return catalogues


def widget_messages(msgs):
    """The messages the widget can show: SERVER_ONLY_PREFIXES left out."""
    return {mid: text for mid, text in msgs.items() if not mid.startswith(SERVER_ONLY_PREFIXES)}


def whole(catalogues, lang):
    """`lang`'s messages with its base language's filled in (fr-CA: fr + overrides)."""
    base = REGIONAL.get(lang)
    return dict(catalogues[base], **catalogues[lang]) if base else dict(catalogues[lang])


def asset_json(lang, msgs):
    """The browser's file for one language (pw::load_catalogue's format):
    {"locale": ..., "messages": {id: text}}, ids sorted, no spaces."""
    return json.dumps({"locale": lang, "messages": dict(sorted(msgs.items()))},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def cpp_tables(tables):
    """The generated C++: tables is [(locale, fallback, {id: text})], en first."""
    lines = ["// Generated by tools/messages/compile_messages.py from shared/messages/*.json.",
             "// Do not edit: change the JSON files.",
             '#include "messages_data.hpp"', "", "namespace pw::messages_data {", "namespace {"]
    for i, (_, _, msgs) in enumerate(tables):
        lines.append("constexpr Entry k%d[] = {" % i)
        for mid in sorted(msgs):  # sorted: binary search
            lines.append("    {%s, %s}," % (cpp_string(mid), cpp_string(msgs[mid])))
        lines.append("};")
    lines.append("constexpr Table kTables[] = {")
    for i, (lang, fallback, _) in enumerate(tables):
        lines.append("    {%s, %s, k%d, sizeof k%d / sizeof k%d[0]}," % (cpp_string(lang), cpp_string(fallback), i, i, i))
    lines += ["};", "}  // namespace", "",
              "std::span<const Table> tables() { return kTables; }", "", "}  // namespace pw::messages_data", ""]
    return "\n".join(lines)


def write_if_changed(path, text):
    # Unchanged output keeps its mtime: nothing downstream rebuilds.
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return
    except OSError:
        pass
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    args = sys.argv[1:]
    widget = bool(args) and args[0] == "--widget"
    if widget:
        args = args[1:]
    if not (len(args) in (3, 4) if widget else len(args) == 2):
        print(__doc__, file=sys.stderr)
        return 2
    src, out = args[0], args[1]
    try:
        catalogues = load_all(src)
    except MessageError as e:
        for line in str(e).splitlines():
            print("compile_messages: " + line, file=sys.stderr)
        return 1

    if not widget:
        order = LANGUAGES + list(REGIONAL) + [PSEUDO]
        tables = [(lang, REGIONAL.get(lang, "en" if lang != "en" else ""), catalogues[lang]) for lang in order]
        write_if_changed(out, cpp_tables(tables))
        return 0
    first_visit = read_first_visit(args[3]) if len(args) == 4 else None
    assets = args[2]
    os.makedirs(assets, exist_ok=True)
    for lang in LANGUAGES + list(REGIONAL):
        msgs = widget_messages(whole(catalogues, lang))
        first = {m: t for m, t in msgs.items() if first_visit is None or m in first_visit}
        rest = {m: t for m, t in msgs.items() if m not in first}
        if lang == "en":
            write_if_changed(out, cpp_tables([("en", "", first)]))
        else:
            write_if_changed(os.path.join(assets, "messages.%s.json" % lang), asset_json(lang, first))
        write_if_changed(os.path.join(assets, "messages.%s.rest.json" % lang), asset_json(lang, rest))
    return 0


def read_first_visit(path):
    """The ids of the first-visit list, one per line ("#" starts a comment)."""
    with open(path, encoding="utf-8") as f:
        ids = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    return ids or None  # an empty list (before the first profile) splits nothing

if __name__ == "__main__":
    sys.exit(main())
