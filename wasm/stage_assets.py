#!/usr/bin/env python3
"""Stages the widget's files for serving, at build time (wasm/wasm.cmake).

  stage_assets.py compress FILE...
      writes FILE.br (brotli -q 11) and FILE.gz (zopfli --gzip) next to each
      FILE: the server serves the best one the browser accepts and never
      compresses on the fly (server/http/static_file.hpp).

  stage_assets.py widget WEB_DIR OUT_DIR
      gives the widget page's assets a content hash in their names
      (paywidget.<hash>.wasm, paywidget.<hash>.js, embed.<hash>.css,
      embed.<hash>.js: cached for a year as immutable), writes OUT_DIR/
      embed.html naming them (revalidated on every visit), removes the
      previous build's hashed copies, writes asset-manifest.json (plain name
      -> hashed name, for scripts/bench and the tests) and compresses all of
      them. paywidget.js names its wasm file itself, so the hashed wasm name
      is written into it before it is hashed in turn; embed.css names the
      text inputs' web font (inter.woff2, made by fonts/make_webfont.py)
      the same way. The font gets no .br/.gz: WOFF2 is brotli inside.
      The fonts' extension (inter-ext-regular.otf, inter-ext-semibold.otf,
      from fonts/make_fonts.py) gets hashed names, written with their SRI
      hashes into embed.js, which fetches them only when the widget needs
      one of their characters.
      The widget's deferred code (paywidget.deferred.wasm, split off by
      wasm-split in wasm.cmake beside paywidget.primary.wasm, which is then
      the one served as paywidget.<hash>.wasm) gets a hashed name, written
      with its SRI hash into embed.js, which fetches it after the first
      interactive frame.
      The languages other than en (OUT_DIR/generated/messages.<locale>.json,
      from tools/messages/compile_messages.py --widget: their first-visit
      texts) get hashed names too, written with their SRI hashes into
      embed.js, which fetches the payer's one; so do the rest of each
      language's texts, en's too (messages.<locale>.rest.json), which
      embed.js fetches with the deferred code. embed.html's scripts and stylesheet carry
      integrity="sha384-..." of the very bytes served (the browser checks
      the decoded body: one hash for every encoding).
"""
import base64
import hashlib
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "messages"))
import loader_strings  # noqa: E402  (the catalogue's texts for a script, per language)

HASH_CHARS = 16  # hex; the server recognises 8-64 (has_content_hash)
# The fonts' extension, by weight (the names embed.js's FONTS table uses).
FONT_EXTENSION = {"regular": "inter-ext-regular.otf", "semibold": "inter-ext-semibold.otf"}
# The widget page's own sentences, shown in #pw-fallback by embed.js (in
# this order: no WebGL 2, the deferred files could not be had), per
# language, from the catalogue.
MESSAGES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "messages")
PAGE_SENTENCE_IDS = ["page.widget_needs_webgl", "page.widget_incomplete"]


def compress(path):
    # Through stdout: brotli would copy the source's mtime, truncated to the
    # second, onto its output, which would then always look out of date.
    # zopfli writes the gzip format 5-6 % smaller than gzip -9 (the primary
    # wasm: 157,659 -> 148,846 B), with no name or time in its header, for
    # the browsers that do not take brotli; about 1 s for the wasm.
    for suffix, cmd in ((".br", ["brotli", "-q", "11", "-c", path]), (".gz", ["zopfli", "--gzip", "-c", path])):
        out = path + suffix
        if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(path):
            continue
        with open(out + ".tmp", "wb") as f:
            subprocess.run(cmd, check=True, stdout=f)
        os.replace(out + ".tmp", out)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write_if_changed(path, data):
    if os.path.exists(path) and read(path) == data:
        return
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def replace_once(text, old, new, where):
    if text.count(old) != 1:
        sys.exit(f"stage_assets: expected {old!r} exactly once in {where}, found {text.count(old)}")
    return text.replace(old, new)


def minify_js(text):
    """The script as the browser needs it: Debian's terser (compress and
    mangle; comments and whitespace dropped). The sources keep their
    comments; every byte of the widget page's script is a first-visit byte."""
    env = dict(os.environ)
    env["NODE_PATH"] = "/usr/share/nodejs" + (":" + env["NODE_PATH"] if env.get("NODE_PATH") else "")
    return subprocess.run(["terser", "--compress", "--mangle"], input=text.encode(), check=True,
                          capture_output=True, env=env).stdout.decode()


def hashed_name(plain, data):
    stem, ext = plain.rsplit(".", 1)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}.{ext}"


def integrity(data):
    """Subresource Integrity: sha384 of the file's bytes, base64."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def catalogue_files(out_dir):
    """{key: plain name} of the per-language files compile_messages.py wrote:
    "fr" for a language's first-visit texts, "fr.rest" (and "en.rest") for
    its other texts; a rest without messages (nothing split) is left out."""
    generated = os.path.join(out_dir, "generated")
    found = {}
    for f in sorted(os.listdir(generated)):
        m = re.fullmatch(r"messages\.([A-Za-z-]+(?:\.rest)?)\.json", f)
        if m and not (m.group(1).endswith(".rest") and not json.loads(read(os.path.join(generated, f)))["messages"]):
            found[m.group(1)] = f
    return found


def stage_widget(web_dir, out_dir):
    catalogues = catalogue_files(out_dir)
    contents = {
        "paywidget.wasm": read(os.path.join(out_dir, "paywidget.wasm")),
        "inter.woff2": read(os.path.join(out_dir, "inter.woff2")),
    }
    # Split by wasm-split (wasm.cmake): the primary module is served as
    # paywidget.<hash>.wasm, the rest as paywidget.deferred.<hash>.wasm. Without
    # a primary module (tools/split/profile_widget.mjs stages emcc's own
    # output) there is one module and nothing deferred.
    primary = os.path.join(out_dir, "paywidget.primary.wasm")
    if os.path.exists(primary):
        contents["paywidget.wasm"] = read(primary)
        contents["paywidget.deferred.wasm"] = read(os.path.join(out_dir, "paywidget.deferred.wasm"))
    for plain in FONT_EXTENSION.values():
        contents[plain] = read(os.path.join(out_dir, plain))
    for plain in catalogues.values():
        contents[plain] = read(os.path.join(out_dir, "generated", plain))
    names = {plain: hashed_name(plain, data) for plain, data in contents.items()}
    # Files that name others: the hashed names go in, then their own hash is
    # taken.
    table = {locale: [names[plain], integrity(contents[plain])] for locale, plain in catalogues.items()}
    fonts = {weight: [names[plain], integrity(contents[plain])] for weight, plain in FONT_EXTENSION.items()}
    sentences = loader_strings.text_table(loader_strings.load_checked(MESSAGES_DIR), PAGE_SENTENCE_IDS)
    deferred = ([names["paywidget.deferred.wasm"], integrity(contents["paywidget.deferred.wasm"])]
                if "paywidget.deferred.wasm" in contents else None)
    for plain, source, replacements in (
            ("paywidget.js", out_dir, [('"paywidget.wasm"', '"%s"' % names["paywidget.wasm"])]),
            ("embed.css", web_dir, [('url("inter.woff2")', 'url("%s")' % names["inter.woff2"])]),
            ("embed.js", web_dir, [("{/* catalogue files */}", json.dumps(table, sort_keys=True)),
                                   ("{/* page sentences */}", json.dumps(sentences, sort_keys=True)),
                                   ("{/* font extension files */}", json.dumps(fonts, sort_keys=True)),
                                   ("null/* deferred code file */", json.dumps(deferred))])):
        text = read(os.path.join(source, plain)).decode()
        for old, new in replacements:
            text = replace_once(text, old, new, plain)
        if plain == "embed.js":
            text = minify_js(text)
        contents[plain] = text.encode()
        names[plain] = hashed_name(plain, contents[plain])

    page = read(os.path.join(web_dir, "embed.html")).decode()
    page = replace_once(page, 'href="paywidget.wasm"', f'href="{names["paywidget.wasm"]}"', "embed.html")
    for attr, plain in (("href", "embed.css"), ("src", "embed.js"), ("src", "paywidget.js")):
        page = replace_once(page, f'{attr}="{plain}"',
                            f'{attr}="{names[plain]}" integrity="{integrity(contents[plain])}"', "embed.html")

    for plain, name in names.items():
        write_if_changed(os.path.join(out_dir, name), contents[plain])
    write_if_changed(os.path.join(out_dir, "embed.html"), page.encode())
    manifest = json.dumps(names, indent=2, sort_keys=True) + "\n"
    write_if_changed(os.path.join(out_dir, "asset-manifest.json"), manifest.encode())

    # Earlier builds' hashed copies (and their variants) are never named again.
    current = set(names.values())
    stale = re.compile(r"^(paywidget|paywidget\.deferred|embed|inter|inter-ext-[a-z]+|messages\.[A-Za-z-]+)\.[0-9a-f]{%d}\."
                       r"(wasm|js|css|woff2|otf|json)(\.br|\.gz)?$"
                       % HASH_CHARS)
    for f in os.listdir(out_dir):
        m = stale.match(f)
        if m and f.removesuffix(m.group(3) or "") not in current:
            os.remove(os.path.join(out_dir, f))

    for name in sorted(current) + ["embed.html"]:
        if not name.endswith(".woff2"):
            compress(os.path.join(out_dir, name))


def main(argv):
    if len(argv) >= 2 and argv[0] == "compress":
        for path in argv[1:]:
            compress(path)
    elif len(argv) == 3 and argv[0] == "widget":
        stage_widget(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
