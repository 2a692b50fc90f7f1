#!/usr/bin/env python3
"""Prints the ratio table of bench/peers.sh: ParaML's JMH medians against peers' medians, row by row.

usage: ratio_table.py --jmh jmh.json [--jmh rerun.json ...] --peers DIR ROWS_FILE...
(a result found in a later --jmh file replaces the same result of an earlier one)
A result is jmh:<Benchmark.method>{param=value,...} (the median of the measured iterations of the
matching JMH result, in seconds) or <file>:<case> (the median_s of <case> in DIR/<file>.json).
"""
import argparse
import json
import os
import re
import statistics
import sys

UNIT = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


def jmh_medians(path):
    out = {}
    for r in json.load(open(path)):
        raw = [v for fork in r["primaryMetric"]["rawData"] for v in fork]
        unit = r["primaryMetric"]["scoreUnit"]
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        key = (name, tuple(sorted(r.get("params", {}).items())))
        if unit == "ops/s":  # throughput: seconds per operation
            out[key] = (1.0 / statistics.median(raw), len(raw))
        elif unit in UNIT:
            out[key] = (statistics.median(raw) * UNIT[unit], len(raw))
    return out


def lookup(sel, jmh, peers_dir):
    m = re.fullmatch(r"jmh:([\w.]+)(?:\{(.*)\})?", sel)
    if m:
        want = dict(kv.split("=", 1) for kv in m.group(2).split(",")) if m.group(2) else {}
        for (name, params), v in jmh.items():
            p = dict(params)
            if name == m.group(1) and all(p.get(k) == val for k, val in want.items()):
                return v
        return None
    f, case = sel.split(":", 1)
    path = os.path.join(peers_dir, f + ".json")
    if not os.path.exists(path):
        return None
    d = json.load(open(path)).get(case)
    return (d["median_s"], len(d["runs_s"])) if d else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jmh", required=True, action="append")
    ap.add_argument("--peers", required=True)
    ap.add_argument("rows", nargs="+")
    a = ap.parse_args()
    jmh = {}
    for path in a.jmh:
        if os.path.exists(path):
            jmh.update(jmh_medians(path))
    print(f"| workload | ParaML median | peer | peer median | peer / ParaML | target |")
    print(f"|---|---:|---|---:|---:|---|")
    for rows in a.rows:
        for line in open(rows):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            label, mine, peer, theirs, target = [x.strip() for x in line.split("|")]
            mv = lookup(mine, jmh, a.peers)
            pv = lookup(theirs, jmh, a.peers)
            fmt = lambda v: "n/a" if v is None else f"{v[0]:.3f} s (n={v[1]})"
            ratio = f"{pv[0] / mv[0]:.{2 if pv[0] < mv[0] else 1}f}x" if mv and pv else "n/a"
            verdict = ""
            if target and mv and pv:
                verdict = ("met" if pv[0] / mv[0] >= float(target) else "NOT met") + f" (>= {target}x)"
            elif target:
                verdict = f">= {target}x"
            print(f"| {label} | {fmt(mv)} | {peer} | {fmt(pv)} | {ratio} | {verdict} |")


if __name__ == "__main__":
    sys.exit(main())
