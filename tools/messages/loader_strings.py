#!/usr/bin/python3
"""Builds the served loader (pay-widget.js) from web/pay-widget.js and the
message catalogue, at build time (wasm/wasm.cmake).

The loader runs on the practitioner's page before anything else and shows
a few words of its own before the widget's iframe is ready: the placeholder's
"Loading the payment form…", the iframe's title, and the message when the
form could not be loaded. Those words come from the one catalogue
(shared/messages/*.json, loaded and checked by compile_messages.py, whose
rules this reuses as a module): this writes them, per language, into the
loader where web/pay-widget.js holds the marker `{} /* loader strings */`.
A regional variant (fr-CA) is written only when one of its texts differs
from its language's; the loader falls back region -> language -> en.

The loader must stay small (5 KB gzipped, scripts/bench): the served copy
also leaves out whole-line // comments and each line's indentation. The
source keeps them; everything else is byte for byte the source.

usage: loader_strings.py <messages dir> <web/pay-widget.js> <output .js>
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_messages as catalogue  # noqa: E402  (the catalogue's one loader and checker)

# The loader's texts, in the order web/pay-widget.js reads them (TEXT[lang][i]).
LOADER_IDS = ["page.loader_loading", "widget.frame_label", "page.loader_failed"]
MARKER = "{} /* loader strings */"


def load_checked(src):
    catalogues = {lang: catalogue.load(os.path.join(src, lang + ".json"))
                  for lang in catalogue.LANGUAGES + list(catalogue.REGIONAL)}
    errors = catalogue.check(catalogues)
    if errors:
        raise catalogue.MessageError("; ".join(errors))
    return catalogues


def text_table(catalogues, ids):
    """{"en": [...], "fr": [...], "fr-CA": [...] only if it differs, ...}: the
    texts `ids` in each language, for a script that shows them as they are
    (also wasm/stage_assets.py's, for the widget page's own sentences)."""
    table = {}
    for lang in catalogue.LANGUAGES:
        msgs = catalogues[lang]
        missing = [mid for mid in ids if mid not in msgs]
        if missing:
            raise catalogue.MessageError("%s: missing %s" % (lang, ", ".join(missing)))
        for mid in ids:
            if catalogue.placeholders(catalogue.parse_all(msgs[mid])):
                raise catalogue.MessageError("%s: a script shows %s as it is; it takes no {placeholder}" % (lang, mid))
        table[lang] = [msgs[mid] for mid in ids]
    for region, base in catalogue.REGIONAL.items():
        texts = [catalogues[region].get(mid, catalogues[base][mid]) for mid in ids]
        if texts != table[base]:
            table[region] = texts
    return table


def loader_table(catalogues):
    return text_table(catalogues, LOADER_IDS)


def served_source(source):
    """The source without whole-line // comments and indentation (the
    loader is plain ES5: no template literals, so no line of a string
    starts with //)."""
    lines = []
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        lines.append(stripped)
    return "\n".join(lines)


def build(src, loader_path, out):
    catalogues = load_checked(src)
    with open(loader_path, encoding="utf-8") as f:
        source = f.read()
    if source.count(MARKER) != 1:
        raise catalogue.MessageError("%s: expected %r exactly once" % (loader_path, MARKER))
    # ASCII only (\u escapes): the file is right whatever charset it is read in.
    table = json.dumps(loader_table(catalogues), ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    text = served_source(source.replace(MARKER, table))
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        build(*sys.argv[1:])
    except (OSError, ValueError, catalogue.MessageError) as e:
        print("loader_strings: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
