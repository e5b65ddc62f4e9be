#!/usr/bin/env python3
"""Independent check of the note parser against Obsidian's own metadata.

For every oracle note in ../shared/oracles/obsidian-metadata (fileContents plus the
cachedMetadata Obsidian produced for it), this script writes the note to a temporary
.md file, runs the project's CLI (`node dist/cli.js parse <file> --json`), and compares
the NoteDoc it prints with Obsidian's values. The comparison is written here from
scratch, in Python, so that a bug in the TypeScript test's comparison code cannot hide
a parser bug.

An item is one link, embed, heading, tag, block, section, frontmatter link, or the
frontmatter object of a note. Items are paired by where they start (by id for blocks,
by key for frontmatter links); an item found on one side only is a mismatch.

Exit status: 0 when overall agreement is at least --threshold percent, 1 below it,
2 when the oracle folder or the CLI is unusable.

Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED_NOTES = 89  # the oracle folder holds 89 notes plus the metadataCache/ folder

GATED = ["links", "embeds", "headings", "tags", "blocks", "sections", "frontmatter", "frontmatterLinks"]
INFORMATIONAL = ["listItems", "getAllTags"]


def pos_key(item):
    start = item["position"]["start"]
    return (start["line"], start["col"], start["offset"])


def subset(item, fields):
    return {f: item.get(f) for f in fields}


def start_line(item):
    position = item.get("position")
    return position["start"]["line"] if position else item.get("start")


def pair_lists(expected, actual, key, fields):
    """Pairs items by key, then leftovers by start line; returns (matches, mismatches)."""
    ours = {}
    for item in actual:
        ours.setdefault(key(item), []).append(item)
    pairs, unpaired = [], []
    for item in expected:
        bucket = ours.get(key(item))
        if bucket:
            pairs.append((item, bucket.pop(0)))
        else:
            unpaired.append(item)
    leftovers = [mine for bucket in ours.values() for mine in bucket]
    matches, mismatches = 0, []
    for item in unpaired:
        same_line = next((m for m in leftovers if start_line(m) == start_line(item)), None)
        if same_line is None:
            mismatches.append(("missing", subset(item, fields), None))
        else:
            leftovers.remove(same_line)
            pairs.append((item, same_line))
    for item, mine in pairs:
        if subset(item, fields) == subset(mine, fields):
            matches += 1
        else:
            mismatches.append(("differs", subset(item, fields), subset(mine, fields)))
    for mine in leftovers:
        mismatches.append(("extra", None, subset(mine, fields)))
    return matches, mismatches


def section_view(s):
    return {"type": s["type"], "start": s["position"]["start"]["line"], "end": s["position"]["end"]["line"]}


def compare_note(oracle, doc):
    cm = oracle["cachedMetadata"]
    results = {}
    ref_fields = ["link", "original", "displayText", "position"]
    results["links"] = pair_lists(cm.get("links", []), doc.get("links", []), pos_key, ref_fields)
    results["embeds"] = pair_lists(cm.get("embeds", []), doc.get("embeds", []), pos_key, ref_fields)
    results["headings"] = pair_lists(cm.get("headings", []), doc.get("headings", []), pos_key, ["heading", "level", "position"])
    results["tags"] = pair_lists(cm.get("tags", []), doc.get("tags", []), pos_key, ["tag", "position"])
    results["blocks"] = pair_lists(
        list(cm.get("blocks", {}).values()), list(doc.get("blocks", {}).values()), lambda b: b["id"], ["id", "position"]
    )
    results["sections"] = pair_lists(
        [section_view(s) for s in cm.get("sections", [])],
        [section_view(s) for s in doc.get("sections", [])],
        lambda s: s["start"],
        ["type", "start", "end"],
    )
    expected_fm, actual_fm = cm.get("frontmatter"), doc.get("frontmatter")
    if expected_fm is None and actual_fm is None:
        results["frontmatter"] = (0, [])
    elif expected_fm == actual_fm:
        results["frontmatter"] = (1, [])
    else:
        results["frontmatter"] = (0, [("differs", expected_fm, actual_fm)])
    results["frontmatterLinks"] = pair_lists(
        cm.get("frontmatterLinks", []),
        doc.get("frontmatterLinks") or [],
        lambda l: (l["key"], l["original"]),
        ["key", "link", "original", "displayText"],
    )
    results["listItems"] = pair_lists(cm.get("listItems", []), doc.get("listItems", []), pos_key, ["position", "parent", "task"])
    expected_tags, actual_tags = oracle.get("getAllTags") or [], doc.get("allTags", [])
    results["getAllTags"] = (1, []) if expected_tags == actual_tags else (0, [("differs", expected_tags, actual_tags)])
    return results


def run_cli(node, cli, path):
    proc = subprocess.run([node, cli, "parse", path, "--json"], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"{cli} parse {path} exited {proc.returncode}: {proc.stderr.strip()[:500]}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as err:
        raise RuntimeError(f"{cli} parse {path} printed no JSON ({err}): {proc.stdout[:200]!r}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", default=os.path.join(REPO_ROOT, "dist", "cli.js"), help="the CLI to run (default: dist/cli.js)")
    parser.add_argument(
        "--oracles",
        default=os.path.join(REPO_ROOT, "..", "shared", "oracles", "obsidian-metadata"),
        help="folder of oracle JSON files (default: ../shared/oracles/obsidian-metadata)",
    )
    parser.add_argument("--node", default="node", help="node executable")
    parser.add_argument("--threshold", type=float, default=98.0, help="minimum overall agreement in percent")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = parser.parse_args()

    if not os.path.isdir(args.oracles):
        print(f"oracle folder not found: {args.oracles}", file=sys.stderr)
        return 2
    names = sorted(n for n in os.listdir(args.oracles) if n.endswith(".json"))
    if len(names) < EXPECTED_NOTES:
        print(f"oracle folder {args.oracles} holds {len(names)} notes, expected {EXPECTED_NOTES}", file=sys.stderr)
        return 2
    if not os.path.isfile(args.cli):
        print(f"CLI not found: {args.cli} (build it first: npm run build)", file=sys.stderr)
        return 2

    totals = {c: [0, 0] for c in GATED + INFORMATIONAL}  # [matches, items]
    problems = []
    with tempfile.TemporaryDirectory(prefix="oracle-check-") as tmp:
        for name in names:
            with open(os.path.join(args.oracles, name), encoding="utf-8") as f:
                oracle = json.load(f)
            note = os.path.join(tmp, name[:-5] + ".md")
            with open(note, "w", encoding="utf-8", newline="") as f:
                f.write(oracle["fileContents"])
            try:
                doc = run_cli(args.node, args.cli, note)
            except RuntimeError as err:
                print(str(err), file=sys.stderr)
                return 2
            for category, (matches, mismatches) in compare_note(oracle, doc).items():
                totals[category][0] += matches
                totals[category][1] += matches + len(mismatches)
                for kind, expected, actual in mismatches:
                    problems.append((category, name, kind, expected, actual))

    def pct(m, n):
        return 100.0 if n == 0 else 100.0 * m / n

    print(f"{'category':<18}{'agree':>8}{'items':>8}{'percent':>10}")
    gated_m = gated_n = 0
    for category in GATED:
        m, n = totals[category]
        gated_m += m
        gated_n += n
        print(f"{category:<18}{m:>8}{n:>8}{pct(m, n):>9.2f}%")
    print(f"{'overall':<18}{gated_m:>8}{gated_n:>8}{pct(gated_m, gated_n):>9.2f}%")
    for category in INFORMATIONAL:
        m, n = totals[category]
        print(f"{category + ' (info)':<18}{m:>8}{n:>8}{pct(m, n):>9.2f}%")

    gated_problems = [p for p in problems if p[0] in GATED]
    if args.verbose or gated_problems:
        shown = problems if args.verbose else gated_problems
        print(f"\n{len(shown)} mismatch(es):")
        for category, name, kind, expected, actual in shown:
            print(f"  [{category}] {name}: {kind}\n    obsidian: {json.dumps(expected, ensure_ascii=False)}\n    parser:   {json.dumps(actual, ensure_ascii=False)}")

    overall = pct(gated_m, gated_n)
    if overall < args.threshold:
        print(f"\nFAIL: overall agreement {overall:.2f}% is below {args.threshold}%", file=sys.stderr)
        return 1
    print(f"\nOK: overall agreement {overall:.2f}% (threshold {args.threshold}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
