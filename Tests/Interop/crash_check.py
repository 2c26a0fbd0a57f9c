#!/usr/bin/env python3
"""Crash safety of an in-place `suivi edit`: kill it at random moments and check
that the workbook is always either the old or the new version, never a torn one.

usage: crash_check.py --suivi PATH/TO/suivi --tracker FILE.xlsx [--runs 200] [--seed 1]
                      [--verbose]

1. `suivi inspect --json` of the tracker gives the OLD content. The edit
   (EDIT_ARGS below) is run to completion, in place, on three fresh copies:
   each must exit 0 and give the same content, the NEW one (which must differ
   from the old); the median wall time of those runs is the full edit time E.
2. --runs times: copy the tracker into a fresh temporary directory, start
   `suivi edit COPY EDIT_ARGS` (in place), sleep a random time in [0, 1.5 E]
   (random.Random(--seed)), send SIGKILL if it is still running, wait. Then the
   file at COPY's path must exist and `suivi inspect COPY --json` must exit 0
   with exactly the old or the new content (the "file" key is left out of the
   comparison). An edit that ends by itself before the kill must exit 0.
3. Reported, not failures: how many runs ended with the old and with the new
   version (both should occur: a warning otherwise, the kill window is then
   badly placed), and anything a killed edit left in the directory besides
   COPY and the backups in .suivi-backups/ (temporary files), plus backups
   that are not byte-identical to the original (a backup cut short).

One line per failed run:  FAIL<TAB>run N<TAB>kill after X ms<TAB>what
then a summary and, last, "N passed, M failed". Exit status 0 when no run
failed, 1 otherwise, 2 for usage errors. The workbooks of failed runs are kept
(their paths are printed); everything else is removed.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(SCRIPT_DIR))

# the edit under test: a number, a text and an appended row (number, date, text)
EDIT_ARGS = ["--set-number", "F2=123.45", "--set", "C2=Crash-test",
             "--append-row", "FA-CRASH,2024-11-02,Client crash"]
KILL_WINDOW = 1.5           # sleep up to this many times the full edit time
MEASURE_RUNS = 3
TIMEOUT = 120               # seconds, for any suivi run
BACKUP_DIR = ".suivi-backups"


def one_line(s, n=300):
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[:n] + "…"


def inspect(suivi, path):
    """-> (content without the "file" key, None) or (None, what went wrong)."""
    try:
        p = subprocess.run([suivi, "inspect", path, "--json"], stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "suivi inspect timed out after %d s" % TIMEOUT
    if p.returncode != 0:
        return None, "suivi inspect exited %d: %s" % (p.returncode, one_line(p.stderr.decode("utf-8", "replace"), 200))
    try:
        doc = json.loads(p.stdout)
    except ValueError as e:
        return None, "suivi inspect printed invalid JSON: %s" % e
    if not isinstance(doc, dict):
        return None, "suivi inspect printed JSON that is not an object"
    doc.pop("file", None)
    return doc, None


def first_difference(a, b, path="$"):
    """A short description of where two JSON values first differ."""
    if type(a) is not type(b):
        return "%s: %s vs %s" % (path, type(a).__name__, type(b).__name__)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return "%s.%s: only in %s" % (path, k, "new" if k in b else "old")
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return "%s: %d vs %d items" % (path, len(a), len(b))
        return None
    return None if a == b else "%s: %s vs %s" % (path, one_line(repr(a), 60), one_line(repr(b), 60))


def run_edit(suivi, path):
    """Run the edit to completion. -> (seconds, error or None)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.run([suivi, "edit", path] + EDIT_ARGS, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "suivi edit timed out after %d s" % TIMEOUT
    secs = time.perf_counter() - t0
    if p.returncode != 0:
        return secs, "suivi edit exited %d: %s" % (p.returncode, one_line(p.stderr.decode("utf-8", "replace"), 200))
    return secs, None


def leftovers(d, name, original):
    """Files left in d besides the workbook and complete backups."""
    left = []
    for dirpath, dirnames, filenames in os.walk(d):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, d)
        for fn in sorted(filenames):
            rel = fn if rel_dir == "." else os.path.join(rel_dir, fn)
            if rel == name:
                continue
            full = os.path.join(dirpath, fn)
            if rel_dir == BACKUP_DIR:
                try:
                    with open(full, "rb") as fh:
                        if fh.read() == original:
                            continue
                except OSError:
                    pass
                left.append(rel + " (not a complete backup)")
            else:
                left.append(rel)
    return left


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_suivi = os.path.join(REPO_ROOT, ".build", "release", "suivi")
    if not os.path.exists(default_suivi):
        default_suivi = os.path.join(REPO_ROOT, ".build", "debug", "suivi")
    ap.add_argument("--suivi", default=default_suivi, help="suivi binary (default: %(default)s)")
    ap.add_argument("--tracker", required=True, help="the workbook to edit (a tracker with a sheet whose "
                    "columns C and F are free to edit, e.g. from shared/tools/make_tracker.py)")
    ap.add_argument("--runs", type=int, default=200, help="killed edits (default 200)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the kill times (default 1)")
    ap.add_argument("--verbose", "-v", action="store_true", help="one line per run")
    a = ap.parse_args()

    suivi = os.path.abspath(a.suivi)
    if not os.access(suivi, os.X_OK):
        ap.error("suivi binary not found or not executable: %s" % suivi)
    tracker = os.path.abspath(a.tracker)
    if not os.path.isfile(tracker):
        ap.error("tracker not found: %s" % tracker)
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    with open(tracker, "rb") as fh:
        original = fh.read()
    name = os.path.basename(tracker)
    root = tempfile.mkdtemp(prefix="suivi-crash-")
    keep = False
    try:
        keep = run(a, suivi, tracker, original, name, root)
    finally:
        if keep:
            print("failed runs kept in %s" % root, file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 1 if keep else 0


def run(a, suivi, tracker, original, name, root):
    """-> True when some run failed (its files are then kept under root)."""
    old, err = inspect(suivi, tracker)
    if err:
        print("error: the tracker itself: %s" % err, file=sys.stderr)
        sys.exit(2)

    # ---- the new content and the time of a full edit
    times, new = [], None
    for i in range(MEASURE_RUNS):
        d = os.path.join(root, "measure-%d" % i)
        os.mkdir(d)
        copy = os.path.join(d, name)
        shutil.copyfile(tracker, copy)
        secs, err = run_edit(suivi, copy)
        if err:
            print("error: the edit does not complete on a copy: %s" % err, file=sys.stderr)
            sys.exit(2)
        times.append(secs)
        doc, err = inspect(suivi, copy)
        if err:
            print("error: the edited copy: %s" % err, file=sys.stderr)
            sys.exit(2)
        if new is None:
            new = doc
        elif doc != new:
            print("error: the same edit gave two different contents: %s" % first_difference(new, doc),
                  file=sys.stderr)
            sys.exit(2)
        shutil.rmtree(d)
    if new == old:
        print("error: the edit does not change the content of the tracker", file=sys.stderr)
        sys.exit(2)
    full = statistics.median(times)
    window = KILL_WINDOW * full
    print("full edit: %.1f ms (median of %s ms); kill after 0 to %.1f ms"
          % (full * 1000, ", ".join("%.1f" % (t * 1000) for t in times), window * 1000))

    # ---- killed runs
    rng = random.Random(a.seed)
    outcome = Counter()
    left_names = Counter()      # name with digits replaced by N -> runs
    left_example = {}
    left_runs = 0
    failed = passed = 0
    for i in range(1, a.runs + 1):
        d = tempfile.mkdtemp(prefix="run-%d-" % i, dir=root)
        copy = os.path.join(d, name)
        shutil.copyfile(tracker, copy)
        delay = rng.uniform(0, window)
        errf = open(os.path.join(d, ".stderr"), "w+b")
        try:
            p = subprocess.Popen([suivi, "edit", copy] + EDIT_ARGS, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=errf)
            time.sleep(delay)
            killed = p.poll() is None
            if killed:
                p.send_signal(signal.SIGKILL)
            try:
                rc = p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                rc = p.wait()
            errf.seek(0)
            stderr = errf.read().decode("utf-8", "replace")
        finally:
            errf.close()
            os.unlink(os.path.join(d, ".stderr"))
        problem, version = None, None
        if killed and rc != -signal.SIGKILL:
            killed = False  # it ended between the poll and the kill
        if not killed and rc != 0:
            problem = "the edit ended by itself with exit status %s: %s" % (rc, one_line(stderr, 200))
        elif not os.path.exists(copy):
            problem = "the workbook is gone"
        else:
            doc, err = inspect(suivi, copy)
            if err:
                problem = err
            elif doc == old:
                version = "old"
            elif doc == new:
                version = "new"
            else:
                problem = "neither the old nor the new content: vs new %s" % first_difference(new, doc)
        outcome["killed" if killed else "finished before the kill"] += 1
        left = leftovers(d, name, original)
        if left:
            left_runs += 1
        for x in left:
            key = re.sub(r"[0-9]+", "N", x.replace(name, "\0")).replace("\0", name)
            left_names[key] += 1
            left_example.setdefault(key, x)
        if problem:
            failed += 1
            print("FAIL\trun %d\tkill after %.1f ms\t%s\t(kept in %s)" % (i, delay * 1000, problem, d))
        else:
            passed += 1
            outcome[version] += 1
            shutil.rmtree(d, ignore_errors=True)
        if a.verbose:
            print("run %d: %s after %.1f ms: %s%s" % (i, "killed" if killed else "finished", delay * 1000,
                                                     problem or version,
                                                     (" (left: %s)" % ", ".join(left)) if left else ""),
                  file=sys.stderr)

    print()
    print("runs: %d (%d killed, %d finished before the kill)" % (a.runs, outcome["killed"],
                                                                 outcome["finished before the kill"]))
    print("ended with the old version: %d, with the new version: %d" % (outcome["old"], outcome["new"]))
    for v in ("old", "new"):
        if passed and not outcome[v]:
            print("warning: no run ended with the %s version: the kill window (%.1f ms) is badly placed"
                  % (v, window * 1000))
    if left_names:
        print("left behind by killed edits (not failures): %d files in %d runs"
              % (sum(left_names.values()), left_runs))
        for x, n in sorted(left_names.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
            print("  %s: %d, e.g. %s" % (x, n, left_example[x]))
    else:
        print("left behind by killed edits: nothing")
    print("%d passed, %d failed" % (passed, failed))
    return failed > 0


if __name__ == "__main__":
    sys.exit(main())
