#!/usr/bin/env python3
"""Runs one load tool as a child process and prints what it cost and measured, as one JSON line.

Usage: measure.py TOOL OUTDIR -- COMMAND...
CPU is the child's user+system time from getrusage(RUSAGE_CHILDREN), so every tool is measured the same way.
Throughput and latency are read from each tool's own output.
"""
import json
import re
import resource
import subprocess
import sys
import time


def parse_wrk(out, _):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    dist = {p: to_ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    return rps, total, dist.get("50"), dist.get("99")


def parse_hey(out, _):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = sum(int(n) for n in re.findall(r"\[\d{3}\]\s+(\d+) responses", out))
    dist = {p: float(v) * 1000 for p, v in re.findall(r"^\s+(50|99)% in ([\d.]+) secs", out, re.M)}
    return rps, total, dist.get("50"), dist.get("99")


def parse_locust(_, outdir):
    with open(outdir + "/locust_stats.csv") as f:
        header = f.readline().strip().split(",")
        for line in f:
            row = dict(zip(header, line.strip().split(",")))
            if row.get("Name") == "Aggregated":
                return (float(row["Requests/s"]), int(row["Request Count"]), float(row["50%"]), float(row["99%"]))
    raise SystemExit("no aggregated row in locust_stats.csv")


def parse_stressgate(_, outdir):
    with open(outdir + "/results.json") as f:
        r = json.load(f)
    a = r["load"]["all"]
    return a["rps"], a["requests"], a["latencyMs"]["p50"], a["latencyMs"]["p99"]


def parse_h2load(out, _):
    # h2load prints no percentiles, only min/max/mean/sd of "time for request", so p50 and p99 stay empty
    seconds = float(re.search(r"finished in ([\d.]+)s", out).group(1))
    done = int(re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded", out).group(1))
    return done / seconds, done, None, None


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


PARSERS = {"wrk": parse_wrk, "hey": parse_hey, "locust": parse_locust, "stressgate": parse_stressgate,
           "stressgate-checks": parse_stressgate, "stressgate-post": parse_stressgate, "stressgate-nocomp": parse_stressgate,
           "stressgate-post-placeholders": parse_stressgate,
           "h2load-h2c": parse_h2load, "h2load-tls": parse_h2load, "stressgate-h2c": parse_stressgate,
           "stressgate-tls": parse_stressgate}


def main():
    tool, outdir = sys.argv[1], sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(f"{outdir}/{tool}.out", "w") as f:
        f.write(proc.stdout)
    rps, total, p50, p99 = PARSERS[tool](proc.stdout, outdir)
    print(json.dumps({"tool": tool, "rps": rps, "requests": total, "p50_ms": p50, "p99_ms": p99,
                      "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
                      "cpu_us_per_request": round(cpu * 1e6 / total, 2) if total else None}))


if __name__ == "__main__":
    main()
