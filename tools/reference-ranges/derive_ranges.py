#!/usr/bin/env python3
"""Derive healthy-adult ratio-to-tCr reference ranges per field and TE band from the Gudmundson 2023 MRS database.

Usage: derive_ranges.py DATABASE_DIR [--tesla 3] [--te-max 40] [--te-min 0] [--fitting LCModel]
DATABASE_DIR holds Values_Concentrations.csv and References_Concentrations.csv of github.com/agudmundson/mrs-database
(MIT licence). Only standard-library Python.

A study group counts when it is a healthy or control group, at the field, inside the TE band, fitted with the named
software (LCModel-style fits give concentration ratios, not peak-area ratios), adults (mean age 18-65), and reports a
mean and SD of X/tCr. Per metabolite: the N-weighted mean of the group means; the SD a new healthy subject has is
sqrt(pooled within-group variance + between-group variance of the means); range = mean +/- 2 SD, clipped at 0.
"""
import argparse
import csv
import math
import os
from collections import defaultdict

HEALTHY = {"Control", "Healthy", "Healthy Controls"}


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("database")
    p.add_argument("--tesla", type=float, default=3.0)
    p.add_argument("--te-min", type=float, default=0)
    p.add_argument("--te-max", type=float, default=40)
    p.add_argument("--fitting", default="LCModel")
    p.add_argument("--min-groups", type=int, default=3)
    a = p.parse_args()
    refs = {}
    with open(os.path.join(a.database, "References_Concentrations.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            refs[(r["Reference"], r["ID"])] = r
    groups = defaultdict(list)
    with open(os.path.join(a.database, "Values_Concentrations.csv"), encoding="utf-8-sig") as f:
        for v in csv.DictReader(f):
            r = refs.get((v["Reference"], v["ID"]))
            mean, sd = number(v["tCr_u"]), number(v["tCr_std"])
            if r is None or mean is None or sd is None or v["Group"].strip() not in HEALTHY:
                continue
            te, tesla, age, n = number(r["TE (ms)"]), number(r["Tesla"]), number(r["Age"]), number(r["N_Total"])
            if tesla != a.tesla or te is None or not (a.te_min <= te <= a.te_max) or n is None or n < 2:
                continue
            if a.fitting.lower().replace(" ", "") not in r["Fitting"].lower().replace(" ", ""):
                continue
            if age is None or not (18 <= age <= 65):
                continue
            groups[v["Name"].strip()].append((mean, sd, n, v["Reference"]))
    print(f"# {a.tesla:g} T, TE {a.te_min:g}-{a.te_max:g} ms, fitting {a.fitting}, healthy adults (mean age 18-65)")
    print("name,groups,studies,subjects,mean,sd_within,sd_between,sd_total,low,high")
    for name, rows in sorted(groups.items()):
        if len(rows) < a.min_groups:
            continue
        total = sum(n for _, _, n, _ in rows)
        mean = sum(m * n for m, _, n, _ in rows) / total
        within = sum(s * s * (n - 1) for _, s, n, _ in rows) / sum(n - 1 for _, _, n, _ in rows)
        between = sum(n * (m - mean) ** 2 for m, _, n, _ in rows) / total
        sd = math.sqrt(within + between)
        studies = len({ref for *_, ref in rows})
        print(f"{name},{len(rows)},{studies},{total:.0f},{mean:.3f},{math.sqrt(within):.3f},{math.sqrt(between):.3f},{sd:.3f},"
              f"{max(0.0, mean - 2 * sd):.3f},{mean + 2 * sd:.3f}")


if __name__ == "__main__":
    main()
