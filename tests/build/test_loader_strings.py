"""tools/messages/loader_strings.py: the served loader gets the catalogue's
words for every language (fr-CA only where it differs from fr), stays
within its 5 KB gzipped budget, still parses as JavaScript, and the build
stops on a catalogue or a loader it cannot use."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.environ.get("PW_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOL = os.path.join(ROOT, "tools", "messages", "loader_strings.py")
MESSAGES = os.path.join(ROOT, "shared", "messages")
LOADER = os.path.join(ROOT, "web", "pay-widget.js")
IDS = ["page.loader_loading", "widget.frame_label", "page.loader_failed"]
BUDGET = 5 * 1024  # scripts/bench: "the loader; budget 5 KB gzipped"


def catalogue(lang):
    with open(os.path.join(MESSAGES, lang + ".json"), encoding="utf-8") as f:
        return json.load(f)


class LoaderStrings(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.tmp.name, "pay-widget.js")

    def tearDown(self):
        self.tmp.cleanup()

    def run_tool(self, messages=MESSAGES, loader=LOADER):
        return subprocess.run([sys.executable, TOOL, messages, loader, self.out], capture_output=True, text=True)

    def table(self):
        with open(self.out, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"var TEXT = (\{.*?\});", text)
        self.assertIsNotNone(m, "the loader's TEXT table")
        return json.loads(m.group(1)), text

    def test_every_language_gets_the_catalogues_words(self):
        r = self.run_tool()
        self.assertEqual(r.returncode, 0, r.stderr)
        table, text = self.table()
        fr = catalogue("fr")
        fr_ca = dict(fr, **catalogue("fr-CA"))
        for lang, msgs in (("en", catalogue("en")), ("fr", fr), ("es", catalogue("es"))):
            self.assertEqual(table[lang], [msgs[i] for i in IDS], lang)
        want_ca = [fr_ca[i] for i in IDS]
        if want_ca != table["fr"]:
            self.assertEqual(table["fr-CA"], want_ca)
        else:
            self.assertNotIn("fr-CA", table)
        # No English left behind in the served code, and the words in ASCII
        # (\u escapes: the loader is served without a charset onto any page).
        self.assertNotIn("'Loading the payment form", text)
        self.assertNotIn("/* loader strings */", text)
        re.search(r"var TEXT = .*", text).group(0).encode("ascii")

    def test_the_served_loader_is_within_budget_and_parses(self):
        self.assertEqual(self.run_tool().returncode, 0)
        with open(self.out, "rb") as f:
            size = len(gzip.compress(f.read(), 9))
        self.assertLessEqual(size, BUDGET)
        node = shutil.which("node")
        if node:
            r = subprocess.run([node, "--check", self.out], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)

    def test_a_catalogue_without_the_loaders_ids_stops_the_build(self):
        broken = os.path.join(self.tmp.name, "messages")
        shutil.copytree(MESSAGES, broken)
        for lang in ("en", "fr", "es", "fr-CA"):
            path = os.path.join(broken, lang + ".json")
            with open(path, encoding="utf-8") as f:
                msgs = json.load(f)
            msgs.pop("page.loader_loading", None)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(msgs, f, ensure_ascii=False)
        r = self.run_tool(messages=broken)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("page.loader_loading", r.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_a_loader_without_the_marker_stops_the_build(self):
        plain = os.path.join(self.tmp.name, "plain.js")
        with open(plain, "w", encoding="utf-8") as f:
            f.write("var TEXT = {};\n")
        r = self.run_tool(loader=plain)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("exactly once", r.stderr)


if __name__ == "__main__":
    unittest.main()
