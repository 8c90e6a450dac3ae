#!/usr/bin/env python3
"""check_coverage.py — which CAMEO event codes dyad's default verb lexicon
(data/dict/verbs.txt) can produce, and which it cannot.

A code counts as covered when a verb block, a verb or a pattern carries it
(either side of a paired code [X:Y] counts).  The two-digit root headers of
the CAMEO list ("01" ... "20") are categories, not codes an event is given,
so they are reported separately: a root counts as covered when its "X0"
code is.

Usage (from the repository root):
    python3 gen/check_coverage.py [--verbs data/dict/verbs.txt]
                                  [--cameo ../shared/data/cameo/GDELT.CAMEO.eventcodes.txt]
Prints the summary and every uncovered code; exits 1 when a code is
uncovered or a code in the lexicon is not a CAMEO code, else 0.

MIT License, part of dyad.
"""

import argparse
import collections
import os
import re
import sys

CODE_RE = re.compile(r"\[([0-9:\-]+)\]")


def load_cameo(path):
    codes = collections.OrderedDict()
    with open(path, encoding="latin-1") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) >= 2 and parts[0].strip().isdigit():
                codes[parts[0].strip()] = parts[1].strip()
    return codes


def lexicon_codes(path):
    """Every event code the verb file mentions, with a line number each."""
    found = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            text = line.split("#", 1)[0]
            if not text.strip() or text.startswith("&") or text.startswith("+") and "[" not in text:
                continue
            for m in CODE_RE.finditer(text):
                for part in m.group(1).split(":"):
                    if part and part != "---":
                        found[part].append(lineno)
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbs", default=os.path.join(root, "data/dict/verbs.txt"))
    ap.add_argument("--cameo", default=os.path.join(root, "../shared/data/cameo/GDELT.CAMEO.eventcodes.txt"))
    args = ap.parse_args()
    if not os.path.exists(args.cameo):
        sys.exit("check_coverage: CAMEO code list %s not found (pass --cameo)" % args.cameo)

    cameo = load_cameo(args.cameo)
    found = lexicon_codes(args.verbs)
    codes = [c for c in cameo if len(c) >= 3]
    roots = [c for c in cameo if len(c) == 2]
    missing = [c for c in codes if c not in found]
    unknown = sorted(c for c in found if c not in cameo)
    root_missing = [r for r in roots if r + "0" not in found]

    print("CAMEO event codes (3 and 4 digits): %d" % len(codes))
    print("covered by verbs.txt: %d (%.1f%%)" % (len(codes) - len(missing),
                                                100.0 * (len(codes) - len(missing)) / len(codes)))
    print("root categories covered through their X0 code: %d of %d" % (len(roots) - len(root_missing), len(roots)))
    counts = collections.Counter()
    for c, lines in found.items():
        counts[c[:2]] += len(lines)
    print("patterns and verbs per root: " + " ".join("%s:%d" % (r, counts[r]) for r in roots))
    status = 0
    for c in missing:
        print("no verb or pattern for %s  %s" % (c, cameo[c]))
        status = 1
    for c in unknown:
        print("%s:%d: [%s] is not a CAMEO event code" % (args.verbs, found[c][0], c))
        status = 1
    sys.exit(status)


if __name__ == "__main__":
    main()
