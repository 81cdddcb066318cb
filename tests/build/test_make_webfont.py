"""wasm/fonts/make_webfont.py on Debian's Inter Regular: a WOFF2 file whose
characters are exactly the ones web/embed.css's @font-face unicode-range
names (within what Inter has), without layout tables or hints (the canvas
uses neither), small enough for the card details screen; a stylesheet
without one unicode-range is refused."""
import os
import re
import subprocess
import sys
import tempfile
import unittest

from fontTools.ttLib import TTFont

ROOT = os.environ.get("PW_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAKE = os.path.join(ROOT, "wasm", "fonts", "make_webfont.py")
CSS = os.path.join(ROOT, "web", "embed.css")
INTER = "/usr/share/fonts/opentype/inter/Inter-Regular.otf"  # Debian fonts-inter (scripts/setup)


def css_code_points(css):
    m = re.search(r"unicode-range\s*:\s*([^;]+);", css)
    points = set()
    for r in m.group(1).split(","):
        lo, _, hi = r.strip()[2:].partition("-")
        points.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return points


class MakeWebfont(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def make(self, css_path, check=True):
        out = os.path.join(self.tmp.name, "inter.woff2")
        r = subprocess.run([sys.executable, MAKE, INTER, css_path, out], capture_output=True, check=check)
        return out, r

    def test_the_font_covers_exactly_the_stylesheets_unicode_range(self):
        out, _ = self.make(CSS)
        with open(out, "rb") as f:
            self.assertEqual(f.read(4), b"wOF2")
        size = os.path.getsize(out)
        self.assertLess(size, 20000, f"{size} B")
        font = TTFont(out)
        self.assertEqual(font.flavor, "woff2")
        wanted = css_code_points(open(CSS, encoding="utf-8").read())
        has = set(TTFont(INTER).getBestCmap())
        self.assertEqual(set(font.getBestCmap()), wanted & has)
        for c in "09 Łukasz Dvořák José 4242 – …":
            self.assertIn(ord(c), font.getBestCmap(), c)
        self.assertNotIn(ord("€"), font.getBestCmap())  # outside the range: the system font draws it
        self.assertNotIn("GPOS", font)
        self.assertNotIn("GSUB", font)

    def test_a_stylesheet_without_a_unicode_range_is_refused(self):
        css = os.path.join(self.tmp.name, "embed.css")
        with open(css, "w") as f:
            f.write('@font-face { font-family: "X"; src: url("inter.woff2"); }\n')
        out, r = self.make(css, check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(b"unicode-range", r.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
