#!/usr/bin/env python3
"""sample-judgement.py — draws a blind judgement sample from two runs of
`dyad code --format tsv` over the same documents (docs/coder.md,
"Precision on running text"): events of both runs, events only in the
first (removed) and only in the second (added), shuffled together.

    python3 scripts/sample-judgement.py BEFORE.tsv AFTER.tsv OUT.tsv KEY.tsv [N]

OUT.tsv holds what a judge sees (id, sentence, codes, texts, the CAMEO
code); KEY.tsv says which set each id came from.  N (default 60) events
are drawn from each set, all of a set that holds fewer.  The seed is
fixed, so the same runs give the same sample.

MIT License, part of dyad.
"""
import random
import sys


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "doc_id" or len(p) < 14:
                continue
            rows[(p[0], p[3], p[4], p[5], p[9], p[10], p[11], p[13])] = p
    return rows


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    before, after = load(argv[1]), load(argv[2])
    n = int(argv[5]) if len(argv) > 5 else 60
    rnd = random.Random(20261130)
    common = [after[k] for k in after if k in before]
    removed = [before[k] for k in before if k not in after]
    added = [after[k] for k in after if k not in before]
    sample = [("removed", r) for r in rnd.sample(removed, min(n, len(removed)))]
    sample += [("added", r) for r in rnd.sample(added, min(n, len(added)))]
    sample += [("common", r) for r in rnd.sample(common, min(n, len(common)))]
    rnd.shuffle(sample)
    with open(argv[3], "w", encoding="utf-8") as out, open(argv[4], "w") as key:
        out.write("id\tsentence\tsource_code\tsource_text\ttarget_code\ttarget_text\tevent_code\tverb_text\n")
        for i, (group, r) in enumerate(sample, 1):
            text = r[13].replace("\t", " ")
            out.write(f"{i}\t{text}\t{r[3]}\t{r[9]}\t{r[4]}\t{r[10]}\t{r[5]}\t{r[11]}\n")
            key.write(f"{i}\t{group}\n")
    print(f"{len(sample)} events: {len(common)} common, {len(removed)} removed, {len(added)} added")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
