#!/usr/bin/env python3
"""lint_dict.py — a maintainer's quick lint of dyad's default dictionaries
(data/dict/*.txt) for the problems `dyad dict check` reports, usable before
building dyad: conflicting duplicate phrases across files, codes that are not
3-character upper-case parts, overlapping date ranges with different codes,
undefined synsets, '_'-joined words in PETRARCH-2 patterns, verbs listed in
two blocks with different codes, multi-word verbs without '+', and event
codes that are not CAMEO codes.

`dyad dict check --dict data/dict` is the authority (tests/dict/run-dictdata
runs it); this script only exists so that dictionary edits can be checked
with python3 alone.

Usage: python3 gen/lint_dict.py [DIR]      (default data/dict)
Exit status 1 when a problem was found.

MIT License, part of dyad.
"""

import collections
import glob
import os
import re
import sys
import unicodedata

CODE_PARTS = re.compile(r"^([A-Z0-9]{3})+$")
problems = 0


def report(path, line, msg):
    global problems
    problems += 1
    print("%s:%d: %s" % (path, line, msg))


def strip_comment(line):
    return line.split("#", 1)[0].rstrip()


def norm_phrase(p):
    p = p.strip().rstrip("_")
    words = [w for w in re.split(r"[_\s]+", p) if w]
    return " ".join(unicodedata.normalize("NFC", w).casefold() for w in words)


def parse_date(s):
    s = s.strip()
    if len(s) == 6:
        s = ("20" if int(s[:2]) <= 30 else "19") + s
    if len(s) != 8 or not s.isdigit():
        return None
    return int(s)


def lint_actors(path, phrases):
    records = []
    cur = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n"))
            if not line.strip():
                continue
            if line.startswith("\t") or line.startswith(" ") and line.strip().startswith("["):
                if cur is None:
                    report(path, lineno, "date restriction without an actor")
                    continue
                m = re.match(r"^\s*\[([^\]\s]+)\s*([^\]]*)\]\s*$", line)
                if not m:
                    report(path, lineno, "malformed date restriction")
                    continue
                code, rest = m.group(1), m.group(2).strip()
                rng = (0, 99999999)
                if rest:
                    if rest[0] in "<>":
                        d = parse_date(rest[1:])
                        if d is None:
                            report(path, lineno, "bad date %r" % rest)
                            continue
                        rng = (0, d) if rest[0] == "<" else (d, 99999999)
                    else:
                        a, _, b = rest.partition("-")
                        da, db = parse_date(a), parse_date(b)
                        if da is None or db is None:
                            report(path, lineno, "bad date range %r" % rest)
                            continue
                        rng = (da, db)
                cur["codes"].append((code, rng, bool(rest), lineno))
                continue
            if line.startswith("+"):
                if cur is None:
                    report(path, lineno, "synonym without an actor")
                    continue
                cur["phrases"].append((line[1:].strip(), lineno))
                continue
            m = re.match(r"^(\S+)\s*(?:\[([^\]]+)\])?\s*$", line)
            if not m:
                report(path, lineno, "malformed actor line")
                continue
            cur = {"name": m.group(1), "line": lineno, "phrases": [(m.group(1), lineno)], "codes": []}
            if m.group(2):
                cur["codes"].append((m.group(2).strip(), (0, 99999999), False, lineno))
            records.append(cur)
    for r in records:
        if not r["codes"]:
            report(path, r["line"], "actor %s has no code" % r["name"])
        for code, rng, dated, lineno in r["codes"]:
            if not CODE_PARTS.match(code):
                report(path, lineno, "actor code [%s] is not upper-case 3-character parts" % code)
            if dated and rng[0] >= rng[1]:
                report(path, lineno, "empty date range for [%s]" % code)
        dated = [c for c in r["codes"] if c[2]]
        for i in range(len(dated)):
            for j in range(i + 1, len(dated)):
                a, b = dated[i], dated[j]
                if a[0] != b[0] and a[1][0] < b[1][1] and b[1][0] < a[1][1]:
                    report(path, b[3], "dates: [%s] overlaps [%s] (line %d) of %s" % (b[0], a[0], a[3], r["name"]))
        sig = tuple(sorted((c[0], c[1]) for c in r["codes"]))
        for p, lineno in r["phrases"]:
            key = norm_phrase(p)
            prev = phrases.get(key)
            if prev and prev[2] != sig:
                report(path, lineno, "duplicate: actor phrase %r differs from %s:%d" % (p, prev[0], prev[1]))
            elif not prev:
                phrases[key] = (path, lineno, sig)
    return len(records)


def lint_agents(path):
    seen = {}
    subst = {}
    n = 0
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if m:
                subst[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
                continue
            m = re.match(r"^(\S+)\s*(\{[^}]*\})?\s*\[([^\]]+)\]$", line)
            if not m:
                report(path, lineno, "malformed agent line")
                continue
            n += 1
            code = m.group(3)
            bare = code.strip("~")
            if "~" not in code:
                report(path, lineno, "agent code [%s] lacks '~'" % code)
            elif not CODE_PARTS.match(bare):
                report(path, lineno, "agent code [%s] is not 3-character parts" % code)
            phrase = m.group(1)
            forms = [phrase]
            for marker, members in subst.items():
                if marker in phrase:
                    forms = [phrase.replace(marker, x) for x in members]
            for p in forms:
                key = norm_phrase(p)
                if key in seen and seen[key][1] != code:
                    report(path, lineno, "duplicate: agent %r differs from line %d" % (p, seen[key][0]))
                seen.setdefault(key, (lineno, code))
    return n


def lint_verbs(path, cameo):
    synsets = set()
    verbs = {}
    block_code = None
    npat = nverb = 0
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    for raw in lines:
        line = strip_comment(raw.rstrip("\n")).strip()
        if line.startswith("&"):
            synsets.add(line.rstrip("_"))
    for lineno, raw in enumerate(lines, 1):
        line = strip_comment(raw.rstrip("\n")).strip()
        if not line or line.startswith("&"):
            continue
        if line.startswith("---"):
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]+)\]\s+---$", line)
            if not m:
                report(path, lineno, "malformed block header")
                continue
            block_code = m.group(2)
            if block_code != "---" and block_code not in cameo:
                report(path, lineno, "block code [%s] is not CAMEO" % block_code)
            continue
        if line.startswith("- "):
            npat += 1
            m = re.match(r"^-\s+(.*?)\s*\[([0-9:\-]+)\]$", line)
            if not m:
                report(path, lineno, "malformed pattern")
                continue
            body, code = m.group(1), m.group(2)
            if "*" not in body.split():
                report(path, lineno, "never matches: pattern without '*'")
            if "_" in body:
                report(path, lineno, "never matches: '_'-joined words in a PETRARCH-2 pattern")
            if body.count("(") != body.count(")") or body.count("{") != body.count("}"):
                report(path, lineno, "unbalanced brackets")
            for tok in re.findall(r"&[A-Z_]+", body):
                if tok.rstrip("_") not in synsets:
                    report(path, lineno, "synset %s is not defined" % tok)
            for part in code.split(":"):
                if part and part != "---" and part not in cameo:
                    report(path, lineno, "pattern code [%s] is not CAMEO" % part)
            continue
        if line.startswith("+") and block_code is None:
            continue  # synset member
        if line.startswith("+") and synsets and not re.match(r"^\+\S+_", line) and "[" not in line and "{" not in line:
            # a synset member line after a synset label
            continue
        # a verb line
        m = re.match(r"^(\S+)\s*(\{[^}]*\})?\s*(?:\[([^\]]+)\])?$", line)
        if not m:
            report(path, lineno, "malformed verb line")
            continue
        nverb += 1
        spelling, code = m.group(1), m.group(3) or block_code
        if "_" in spelling and "+" not in spelling:
            report(path, lineno, "multi-word verb %s needs '+'" % spelling)
        lemma = spelling.replace("+", "")
        if code and code != "---" and code not in cameo:
            report(path, lineno, "verb code [%s] is not CAMEO" % code)
        if lemma in verbs and verbs[lemma][1] != code:
            report(path, lineno, "duplicate: verb %s differs from line %d" % (lemma, verbs[lemma][0]))
        verbs.setdefault(lemma, (lineno, code))
    return nverb, npat, len(synsets)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(here), "data/dict")
    cameo_path = os.path.join(os.path.dirname(here), "../shared/data/cameo/GDELT.CAMEO.eventcodes.txt")
    cameo = set()
    if os.path.exists(cameo_path):
        with open(cameo_path, encoding="latin-1") as f:
            cameo = {l.split("\t")[0] for l in f if l[:1].isdigit()}
    phrases = {}
    for path in sorted(glob.glob(os.path.join(d, "*actors*.txt"))):
        n = lint_actors(path, phrases)
        print("%s: %d actors" % (os.path.basename(path), n))
    for path in sorted(glob.glob(os.path.join(d, "*agents*.txt"))):
        print("%s: %d agents" % (os.path.basename(path), lint_agents(path)))
    for path in sorted(glob.glob(os.path.join(d, "*verbs*.txt"))):
        if not cameo:
            print("(CAMEO list not found; event codes not checked)")
        nv, np_, ns = lint_verbs(path, cameo or _AnyCode())
        print("%s: %d verbs, %d patterns, %d synsets" % (os.path.basename(path), nv, np_, ns))
    print("%d problem(s)" % problems)
    sys.exit(1 if problems else 0)


class _AnyCode:
    def __contains__(self, item):
        return True


if __name__ == "__main__":
    main()
