"""wasm/stage_assets.py on a stand-in for the wasm build directory: content-
hashed names, embed.html naming them, paywidget.js naming the hashed wasm,
embed.css naming the hashed web font, .br/.gz that decompress to the same
bytes (none for the WOFF2 font, brotli inside already), nothing rewritten when nothing
changed, an earlier build's copies removed, and a page it cannot rewrite
refused."""
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

ROOT = os.environ.get("PW_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STAGE = os.path.join(ROOT, "wasm", "stage_assets.py")

PAGE = ('<link rel="stylesheet" href="embed.css">\n'
        '<link rel="preload" href="paywidget.wasm" as="fetch" crossorigin>\n'
        '<script src="embed.js"></script>\n<script async src="paywidget.js"></script>\n')


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class StageAssets(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.web = os.path.join(self.tmp.name, "web")
        self.out = os.path.join(self.tmp.name, "out")
        os.makedirs(self.web)
        os.makedirs(self.out)
        write(os.path.join(self.web, "embed.html"), PAGE)
        write(os.path.join(self.web, "embed.css"),
              '@font-face{src:url("inter.woff2") format("woff2")}\n' + "body{margin:0}\n" * 50)
        write(os.path.join(self.web, "embed.js"),
              "// the loader\nvar CATALOGUES = {/* catalogue files */};\nvar FONTS = {/* font extension files */};\n" +
              "var DEFERRED = null/* deferred code file */;\nvar SENTENCES = {/* page sentences */};\n" +
              "console.log(CATALOGUES, FONTS, DEFERRED, SENTENCES, 'glue');\n" * 50)
        # A language file compile_messages.py wrote (issue 14: fetched only
        # for a payer of that language).
        os.makedirs(os.path.join(self.out, "generated"))
        write(os.path.join(self.out, "generated", "messages.fr.json"),
              "{" + ",".join('"widget.m%d": "Payer la facture"' % i for i in range(50)) + "}")
        # Its rest (fetched with the deferred code), and en's rest with
        # nothing in it (nothing split): left out.
        write(os.path.join(self.out, "generated", "messages.fr.rest.json"),
              '{"locale":"fr","messages":{' + ",".join('"widget.r%d":"Carte"' % i for i in range(50)) + "}}")
        write(os.path.join(self.out, "generated", "messages.en.rest.json"), '{"locale":"en","messages":{}}')
        write(os.path.join(self.out, "paywidget.js"), 'var wasmBinaryFile="paywidget.wasm";\n' * 1 + "x();\n" * 50)
        write(os.path.join(self.out, "paywidget.wasm"), bytes(range(256)) * 40)
        write(os.path.join(self.out, "inter.woff2"), b"wOF2" + bytes(range(256)) * 4)
        # The fonts' extension make_fonts.py wrote (fetched only when a text needs it).
        write(os.path.join(self.out, "inter-ext-regular.otf"), b"OTTO" + bytes(range(256)) * 6)
        write(os.path.join(self.out, "inter-ext-semibold.otf"), b"OTTO" + bytes(range(255, -1, -1)) * 6)

    def tearDown(self):
        self.tmp.cleanup()

    def stage(self, check=True):
        return subprocess.run([sys.executable, STAGE, "widget", self.web, self.out], capture_output=True, check=check)

    def manifest(self):
        return json.loads(read(os.path.join(self.out, "asset-manifest.json")))

    def test_hashed_names_and_the_page_that_names_them(self):
        self.stage()
        names = self.manifest()
        self.assertEqual(sorted(names), ["embed.css", "embed.js", "inter-ext-regular.otf", "inter-ext-semibold.otf",
                                         "inter.woff2", "messages.fr.json", "messages.fr.rest.json", "paywidget.js",
                                         "paywidget.wasm"])
        for plain, hashed in names.items():
            stem, ext = plain.rsplit(".", 1)
            self.assertRegex(hashed, r"^%s\.[0-9a-f]{16}\.%s$" % (stem, ext))
            self.assertTrue(os.path.exists(os.path.join(self.out, hashed)), hashed)
        page = read(os.path.join(self.out, "embed.html")).decode()
        self.assertIn(f'href="{names["embed.css"]}"', page)
        self.assertIn(f'href="{names["paywidget.wasm"]}"', page)  # the preload
        self.assertIn(f'src="{names["embed.js"]}"', page)
        self.assertIn(f'src="{names["paywidget.js"]}"', page)
        # Subresource Integrity on what the page loads, of the bytes served.
        for plain in ("embed.css", "embed.js", "paywidget.js"):
            digest = base64.b64encode(hashlib.sha384(read(os.path.join(self.out, names[plain]))).digest()).decode()
            self.assertIn(f'"{names[plain]}" integrity="sha384-{digest}"', page)
        # embed.js names the hashed language file and its integrity.
        loader = read(os.path.join(self.out, names["embed.js"])).decode()
        french = read(os.path.join(self.out, names["messages.fr.json"]))
        digest = base64.b64encode(hashlib.sha384(french).digest()).decode()
        # (Minified by terser: no comments, the tables as compact literals.)
        self.assertIn('fr:["%s","sha384-%s"]' % (names["messages.fr.json"], digest), loader)
        rest = read(os.path.join(self.out, names["messages.fr.rest.json"]))
        digest = base64.b64encode(hashlib.sha384(rest).digest()).decode()
        self.assertIn('"fr.rest":["%s","sha384-%s"]' % (names["messages.fr.rest.json"], digest), loader)
        self.assertNotIn("en.rest", loader)
        self.assertNotIn("catalogue files", loader)
        self.assertNotIn("the loader", loader)
        self.assertIn("DEFERRED=null", loader.replace(" ", ""))  # one module: nothing deferred
        # The page's own sentences, per language, from the catalogue.
        self.assertNotIn("page sentences", loader)
        for lang in ("en", "fr", "es"):
            with open(os.path.join(ROOT, "shared", "messages", lang + ".json"), encoding="utf-8") as f:
                said = json.load(f)
            for mid in ("page.widget_needs_webgl", "page.widget_incomplete"):
                # (terser writes \u escapes as the characters themselves)
                self.assertTrue(said[mid] in loader or json.dumps(said[mid])[1:-1] in loader, lang + " " + mid)
        # ... and the fonts' extension, by weight.
        fonts = {}
        for weight in ("regular", "semibold"):
            plain = "inter-ext-%s.otf" % weight
            digest = base64.b64encode(hashlib.sha384(read(os.path.join(self.out, names[plain]))).digest()).decode()
            fonts[weight] = [names[plain], "sha384-" + digest]
        for weight, (name, sri) in fonts.items():
            self.assertIn('%s:["%s","%s"]' % (weight, name, sri), loader)
        glue = read(os.path.join(self.out, names["paywidget.js"])).decode()
        self.assertIn(f'"{names["paywidget.wasm"]}"', glue)
        self.assertNotIn('"paywidget.wasm"', glue)
        css = read(os.path.join(self.out, names["embed.css"])).decode()
        self.assertIn(f'url("{names["inter.woff2"]}")', css)
        self.assertNotIn('url("inter.woff2")', css)

    def test_split_modules_serve_the_primary_and_name_the_deferred(self):
        # wasm-split's outputs (wasm.cmake): the primary module is the one
        # served as paywidget.<hash>.wasm (preloaded, named in the glue);
        # the deferred one gets its own hashed name and SRI in embed.js.
        primary, rest = bytes(range(255, -1, -1)) * 30, bytes(range(0, 256, 3)) * 30
        write(os.path.join(self.out, "paywidget.primary.wasm"), primary)
        write(os.path.join(self.out, "paywidget.deferred.wasm"), rest)
        self.stage()
        names = self.manifest()
        self.assertEqual(read(os.path.join(self.out, names["paywidget.wasm"])), primary)
        self.assertRegex(names["paywidget.deferred.wasm"], r"^paywidget\.deferred\.[0-9a-f]{16}\.wasm$")
        self.assertEqual(read(os.path.join(self.out, names["paywidget.deferred.wasm"])), rest)
        digest = base64.b64encode(hashlib.sha384(rest).digest()).decode()
        loader = read(os.path.join(self.out, names["embed.js"])).decode()
        self.assertIn('DEFERRED=["%s","sha384-%s"]' % (names["paywidget.deferred.wasm"], digest),
                      loader.replace(" ", ""))
        for suffix in (".br", ".gz"):
            self.assertTrue(os.path.exists(os.path.join(self.out, names["paywidget.deferred.wasm"] + suffix)))

    def test_variants_decompress_to_the_file(self):
        self.stage()
        names = self.manifest()
        font = names.pop("inter.woff2")
        for suffix in (".br", ".gz"):
            self.assertFalse(os.path.exists(os.path.join(self.out, font + suffix)), font + suffix)
        for name in list(names.values()) + ["embed.html"]:
            path = os.path.join(self.out, name)
            br = subprocess.run(["brotli", "-d", "-c", path + ".br"], capture_output=True, check=True).stdout
            gz = subprocess.run(["gzip", "-d", "-c", path + ".gz"], capture_output=True, check=True).stdout
            self.assertEqual(br, read(path), name)
            self.assertEqual(gz, read(path), name)
            self.assertLess(len(read(path + ".br")), len(read(path)), name)

    def test_an_unchanged_build_rewrites_nothing(self):
        self.stage()
        # ctime: a rewrite changes it even when the writer copies the old mtime.
        before = {f: os.stat(os.path.join(self.out, f)).st_ctime_ns for f in os.listdir(self.out)}
        time.sleep(0.05)
        self.stage()
        after = {f: os.stat(os.path.join(self.out, f)).st_ctime_ns for f in os.listdir(self.out)}
        self.assertEqual(before, after)

    def test_a_new_build_replaces_the_old_hashed_copies(self):
        self.stage()
        old = self.manifest()
        write(os.path.join(self.out, "paywidget.wasm"), bytes(range(256)) * 41)
        self.stage()
        new = self.manifest()
        self.assertNotEqual(old["paywidget.wasm"], new["paywidget.wasm"])
        self.assertNotEqual(old["paywidget.js"], new["paywidget.js"])  # it names the wasm
        self.assertEqual(old["embed.css"], new["embed.css"])
        files = set(os.listdir(self.out))
        for suffix in ("", ".br", ".gz"):
            self.assertNotIn(old["paywidget.wasm"] + suffix, files)
            self.assertNotIn(old["paywidget.js"] + suffix, files)
            self.assertIn(new["paywidget.wasm"] + suffix, files)
            self.assertIn(old["embed.css"] + suffix, files)

    def test_a_new_font_renames_the_css_that_names_it(self):
        self.stage()
        old = self.manifest()
        write(os.path.join(self.out, "inter.woff2"), b"wOF2" + bytes(range(256)) * 5)
        self.stage()
        new = self.manifest()
        self.assertNotEqual(old["inter.woff2"], new["inter.woff2"])
        self.assertNotEqual(old["embed.css"], new["embed.css"])
        self.assertEqual(old["paywidget.js"], new["paywidget.js"])
        files = set(os.listdir(self.out))
        self.assertNotIn(old["inter.woff2"], files)
        self.assertNotIn(old["embed.css"], files)
        self.assertIn(new["inter.woff2"], files)

    def test_a_page_it_cannot_rewrite_is_refused(self):
        write(os.path.join(self.web, "embed.html"), PAGE.replace('src="embed.js"', 'src="./embed.js"'))
        r = self.stage(check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(b"embed.js", r.stderr)


if __name__ == "__main__":
    unittest.main()
