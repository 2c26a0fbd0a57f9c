#!/usr/bin/env python3
"""Cross-check `suivi inspect FILE --json` against openpyxl on the XLSX corpus.

usage: openpyxl_crosscheck.py --suivi PATH/TO/suivi --corpus DIR --allow ALLOWLIST.tsv
                              [--jobs N] [--only SUBSTRING] [--verbose]

For every regular file under the corpus (recursively, except MANIFEST.tsv and
README.md), run `suivi inspect FILE --json` (300 s timeout), load the file with
openpyxl twice (data_only=True for cached values, data_only=False for formula
texts) and compare every worksheet cell that has a value or a formula on
either side.

Outcomes per file:
  * suivi timed out, died by a signal, exited non-zero with an empty or a
    multi-line stderr, or printed invalid JSON: failure (never allow-listable).
  * suivi exited non-zero with a one-line stderr: "refused". When openpyxl
    reads the file, that is a mismatch (sheet "*", cell "*", what
    "refused: MESSAGE"), allow-listable with a cell glob "*".
  * openpyxl failing is "peer failed": recorded, not a mismatch.
  * every mismatch prints as
      MISMATCH<TAB>file<TAB>sheet<TAB>cell<TAB>what<TAB>suivi=...<TAB>openpyxl=...
    (at most 20 per file). Mismatches matching a line of the allow-list
    (file-glob<TAB>sheet-glob<TAB>cell-glob<TAB>reason, fnmatch globs, file
    relative to the corpus) are counted as allowed.

Exit status 0 when no file has an unlisted problem, 1 otherwise (2 for usage
errors).

Notes on openpyxl behaviour this script compensates for:
  * openpyxl strips every "x005F_" from shared strings and decodes no other
    _xHHHH_ escape; this script replaces its shared-string reader by one that
    keeps the raw text and then applies Excel's decoding (one left-to-right
    pass of `_x` + 4 hex digits + `_`) to every openpyxl string value.
  * openpyxl replaces every cell of a merged range except the top-left one by
    an empty MergedCell, so a value suivi reports there cannot be checked:
    it is skipped (counted, shown with --verbose).
  * openpyxl reads `<v></v>` as None, so suivi's "" string is accepted there.
"""
import argparse
import concurrent.futures
import datetime as dt
import fnmatch
import json
import math
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(SCRIPT_DIR))
SUIVI_TIMEOUT = 300         # seconds, per file: a guard against a hang (the slowest takes ~6 s)
PEER_TIMEOUT = 300          # seconds for the two openpyxl loads of one file
PEER_MEMORY = 6 << 30       # soft address-space limit for a worker (bytes)
MAX_LINES = 20              # mismatch lines printed per file
MAX_JSON = 256 << 20        # larger suivi JSON output is not compared

# --------------------------------------------------------------------------
# helpers shared by workers

_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_DATE_RE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})$")
_DATETIME_RE = re.compile(r"^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?$")


def decode_escapes(s):
    """Excel's ST_Xstring decoding: _xHHHH_ -> the UTF-16 code unit HHHH."""
    if "_x" not in s:
        return s
    out = _ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), s)
    try:  # join surrogate pairs written as two escapes
        out = out.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        pass
    return out


def col_letters(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_ref(ref):
    m = _REF_RE.match(ref) if isinstance(ref, str) else None
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def in_range(key, rng):
    """key (row, col) inside an A1 range like 'F6:F7' or 'F6'?"""
    parts = [parse_ref(x) for x in rng.split(":")]
    if None in parts:
        return False
    (r1, c1), (r2, c2) = parts[0], parts[-1]
    return min(r1, r2) <= key[0] <= max(r1, r2) and min(c1, c2) <= key[1] <= max(c1, c2)


def parse_suivi_date(s):
    if not isinstance(s, str):
        return None
    m = _DATE_RE.match(s)
    try:
        if m:
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATETIME_RE.match(s)
        if m:
            ms = int(m.group(7) or 0)
            return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                               int(m.group(4)), int(m.group(5)), int(m.group(6)), ms * 1000)
    except ValueError:
        return None
    return None


def to_ms(t):
    """Drop sub-millisecond digits of a datetime or time."""
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def num_close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def srepr(cell):
    if cell is None:
        return "absent"
    return "%s:%r" % (cell.get("type"), cell.get("value"))


def orepr(value, data_type=None):
    if value is None:
        return "None"
    return "%s:%r" % ("error" if data_type == "e" else type(value).__name__, value)


# --------------------------------------------------------------------------
# suivi side

class SuiviResult:
    def __init__(self):
        self.status = None      # "read" | "refused" | "fail"
        self.exit_status = None
        self.message = None     # refusal message or failure reason
        self.doc = None


from interop_common import find_files, patch_openpyxl, run_bounded  # noqa: E402  (beside this script)


def run_suivi(suivi, path):
    res = SuiviResult()
    try:
        rc, stdout, stderr = run_bounded([suivi, "inspect", path, "--json"], SUIVI_TIMEOUT, MAX_JSON)
    except OSError as e:
        res.status, res.message = "fail", "cannot run suivi: %s" % e
        return res
    if stdout is None:
        res.status = "too-big"
        res.message = "suivi JSON larger than %d MB, not compared" % (MAX_JSON >> 20)
        return res
    if rc is None:
        res.status, res.message = "fail", "suivi timed out after %d s" % SUIVI_TIMEOUT
        return res
    err = stderr.decode("utf-8", "replace")
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        res.status = "fail"
        res.message = "suivi killed by %s%s" % (name, (": " + err.strip().splitlines()[-1][:200]) if err.strip() else "")
        return res
    if rc != 0:
        msg = err.rstrip("\r\n")
        if not msg.strip():
            res.status, res.message = "fail", "suivi exited %d with an empty stderr" % rc
        elif "\n" in msg or "\r" in msg:
            lines = msg.splitlines()
            res.status = "fail"
            res.message = "suivi exited %d with a %d-line stderr: %r" % (rc, len(lines), lines[0][:200])
        else:
            res.status, res.message, res.exit_status = "refused", msg, rc
        return res
    try:
        doc = json.loads(stdout)
    except ValueError as e:
        res.status, res.message = "fail", "suivi exited 0 but stdout is not JSON: %s" % e
        return res
    problem = check_schema(doc)
    if problem:
        res.status, res.message = "fail", "suivi JSON does not follow the schema: %s" % problem
        return res
    res.status, res.doc = "read", doc
    return res


def check_schema(doc):
    if not isinstance(doc, dict) or not isinstance(doc.get("sheets"), list):
        return 'top level must be {"file":..., "sheets":[...]}'
    for i, sh in enumerate(doc["sheets"]):
        if not isinstance(sh, dict) or not isinstance(sh.get("name"), str):
            return "sheets[%d] has no name" % i
        if not isinstance(sh.get("rows", []), list):
            return "sheets[%d].rows is not a list" % i
        for row in sh.get("rows", []):
            if not isinstance(row, dict) or not isinstance(row.get("cells"), list):
                return "sheet %r: a row without a cells list" % sh["name"]
            for c in row["cells"]:
                if not isinstance(c, dict) or "ref" not in c or "type" not in c:
                    return "sheet %r row %r: a cell without ref/type" % (sh["name"], row.get("r"))
    return None


# --------------------------------------------------------------------------
# openpyxl side

class PeerTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PeerTimeout("openpyxl took more than %d s" % PEER_TIMEOUT)


_FORMULA_RE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def has_formulas(path):
    """Whether any XML part holds a formula element (`<f>`, any prefix: a sheet's, or
    a chart's reference, which only costs a load), read with zipfile, not with the
    reader under test; True when that cannot be told. openpyxl then loads the
    formulas as well."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.file_size > 256 << 20:  # a bomb, or too large to scan cheaply
                    return True
                if info.filename.lower().endswith((".xml", ".rels")) or "." not in info.filename.rsplit("/", 1)[-1]:
                    data = z.read(info)
                    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:8]:
                        return True  # UTF-16 or UTF-32: not searched as bytes
                    if _FORMULA_RE.search(data):
                        return True
        return False
    except Exception:
        return True


def load_peer(path):
    """Return (sheets, epoch_is_1904) with sheets a list of dicts
    {name, state, values:{(r,c):(value,data_type)}, formulas:{(r,c):text|DATATABLE},
    merged:set((r,c))}."""
    import openpyxl
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
    patch_openpyxl()

    def load(data_only):
        with open(path, "rb") as fh:  # a file object bypasses the extension check
            return openpyxl.load_workbook(fh, data_only=data_only)

    wb_v = load(True)
    if not wb_v._sheets:
        # e.g. Strict OOXML: openpyxl does not know its namespaces and silently
        # finds no sheet at all, which a valid workbook cannot have
        raise ValueError("openpyxl found no sheet in the workbook")
    sheets = []
    for ws in wb_v.worksheets:
        values, merged = {}, set()
        for key, cell in ws._cells.items():
            if isinstance(cell, MergedCell):
                merged.add(key)
            elif cell._value is not None:
                values[key] = (cell._value, cell.data_type)
        sheets.append({"name": ws.title, "state": ws.sheet_state, "values": values,
                       "merged": merged, "formulas": {}, "arrays": []})
    is1904 = wb_v.epoch.year == 1904
    del wb_v
    if not has_formulas(path):
        return sheets, is1904
    wb_f = load(False)
    by_name = {s["name"]: s for s in sheets}
    for ws in wb_f.worksheets:
        target = by_name.get(ws.title)
        if target is None:
            continue
        formulas = target["formulas"]
        for key, cell in ws._cells.items():
            v = cell._value
            if cell.data_type != "f" or v is None:
                continue
            if isinstance(v, DataTableFormula):
                formulas[key] = DATATABLE
            elif isinstance(v, ArrayFormula):
                formulas[key] = v.text or ""
                if v.ref:
                    target["arrays"].append(v.ref)
            elif isinstance(v, str):
                formulas[key] = v
    return sheets, is1904


DATATABLE = object()


# --------------------------------------------------------------------------
# comparison

def compare_value(s, o, otype):
    """s: suivi cell dict (type not 'empty'), o: openpyxl value (not None).
    Return None when equal, else a short 'what'."""
    st, sv = s.get("type"), s.get("value")
    if isinstance(o, bool):
        if st != "bool":
            return "type"
        return None if sv is o else "value"
    if otype == "e":
        if st != "error":
            return "type"
        return None if sv == o else "value"
    if isinstance(o, str):
        if st != "string":
            return "type"
        return None if sv == decode_escapes(o) else "value"
    if is_number(o):
        if st != "number":
            return "type"
        if not is_number(sv):
            return "bad value"
        return None if num_close(float(sv), float(o)) else "value"
    if isinstance(o, dt.timedelta):
        if st != "number":
            return "type"
        if not is_number(sv):
            return "bad value"
        days = o.total_seconds() / 86400.0
        # openpyxl rounds durations to the millisecond (0.5 ms = 5.8e-9 days)
        return None if math.isclose(float(sv), days, rel_tol=1e-9, abs_tol=1e-8) else "value"
    if isinstance(o, dt.datetime):
        midnight = o.time() == dt.time(0)
        if st not in ("date", "datetime") or (st == "date" and not midnight):
            return "type"
        d = parse_suivi_date(sv)
        if d is None:
            return "bad value"
        return None if d == to_ms(o) else "value"
    if isinstance(o, dt.time):
        # an Excel serial in [0, 1): we only compare the time of day
        if st not in ("date", "datetime") or (st == "date" and o != dt.time(0)):
            return "type"
        d = parse_suivi_date(sv)
        if d is None:
            return "bad value"
        return None if d.time() == to_ms(o) else "value"
    if isinstance(o, dt.date):  # t="d" with a date only
        if st not in ("date", "datetime"):
            return "type"
        d = parse_suivi_date(sv)
        if d is None:
            return "bad value"
        return None if d == dt.datetime(o.year, o.month, o.day) else "value"
    return "unknown openpyxl type %s" % type(o).__name__


def compare(doc, peer_sheets):
    mism = []   # (sheet, cell, what, suivi, openpyxl)
    stats = Counter()
    s_work = []
    for sh in doc["sheets"]:
        if sh.get("kind", "worksheet") == "worksheet":
            s_work.append(sh)
    s_by_name = {}
    for sh in s_work:
        if sh["name"] in s_by_name:
            mism.append((sh["name"], "*", "sheet listed twice by suivi", "", ""))
        s_by_name.setdefault(sh["name"], sh)
    kinds = {sh["name"]: sh.get("kind") for sh in doc["sheets"]}
    # openpyxl loads macro sheets and dialog sheets as ordinary worksheets
    skipped = [p for p in peer_sheets if kinds.get(p["name"]) in ("macrosheet", "dialogsheet")
               and p["name"] not in s_by_name]
    if skipped:
        stats["macro/dialog sheets skipped"] += len(skipped)
        gone = {p["name"] for p in skipped}
        peer_sheets = [p for p in peer_sheets if p["name"] not in gone]
    p_names = [p["name"] for p in peer_sheets]
    for name in s_by_name:
        if name not in p_names:
            mism.append((name, "*", "sheet missing in openpyxl", "worksheet", "absent"))
    s_names = [n for n in s_by_name if n in p_names]
    if s_names != [n for n in p_names if n in s_by_name]:
        mism.append(("*", "*", "worksheet order", repr(s_names), repr(p_names)))

    for p in peer_sheets:
        name = p["name"]
        sh = s_by_name.get(name)
        if sh is None:
            k = kinds.get(name)
            mism.append((name, "*", "sheet missing in suivi",
                         "kind=%s" % k if k else "absent", "worksheet"))
            continue
        if sh.get("state") != p["state"]:
            mism.append((name, "*", "state", repr(sh.get("state")), repr(p["state"])))
        cells = {}
        for row in sh.get("rows", []):
            for c in row["cells"]:
                key = parse_ref(c.get("ref"))
                if key is None:
                    mism.append((name, str(c.get("ref")), "bad ref in suivi output", srepr(c), ""))
                    continue
                if row.get("r") is not None and row.get("r") != key[0]:
                    mism.append((name, c["ref"], "cell in row r=%r" % row.get("r"), srepr(c), ""))
                if key in cells:
                    mism.append((name, c["ref"], "cell listed twice by suivi", srepr(c), ""))
                cells[key] = c
        values, formulas, merged = p["values"], p["formulas"], p["merged"]
        keys = set(cells) | set(values) | set(formulas)
        for key in sorted(keys):
            ref = col_letters(key[1]) + str(key[0])
            s = cells.get(key)
            o, otype = values.get(key, (None, None))
            # ---- value
            s_has = s is not None and s.get("type") != "empty"
            if o is None:
                if s_has:
                    if key in merged:
                        stats["merged cells skipped"] += 1
                    elif s.get("type") == "string" and s.get("value") == "":
                        pass  # openpyxl reads <v></v> as None
                    else:
                        mism.append((name, ref, "value missing in openpyxl", srepr(s), "None"))
                elif s is not None and s.get("type") == "empty" and s.get("value") is not None:
                    mism.append((name, ref, "bad value", srepr(s), "None"))
            elif not s_has:
                mism.append((name, ref, "value missing in suivi", srepr(s), orepr(o, otype)))
            else:
                stats["values compared"] += 1
                what = compare_value(s, o, otype)
                if what:
                    mism.append((name, ref, what, srepr(s), orepr(o, otype)))
            # ---- formula
            sf = s.get("formula") if s is not None else None
            of = formulas.get(key)
            if of is DATATABLE:
                stats["data-table formulas skipped"] += 1
                continue
            if of is not None and of.startswith("="):
                of = of[1:]
            if sf is None and of is None:
                continue
            if sf is None:
                mism.append((name, ref, "formula missing in suivi", srepr(s), repr(of)))
            elif of is None:
                if key in merged:
                    stats["merged cells skipped"] += 1
                else:
                    inside = [a for a in p.get("arrays", []) if in_range(key, a)]
                    what = "formula missing in openpyxl"
                    if inside:
                        what += " (cell inside array formula %s)" % inside[0]
                    mism.append((name, ref, what, repr(sf), "None"))
            else:
                stats["formulas compared"] += 1
                if sf != of:
                    mism.append((name, ref, "formula", repr(sf), repr(of)))
    return mism, stats


# --------------------------------------------------------------------------
# worker

def worker_init():
    warnings.simplefilter("ignore")
    sys.stdout = open(os.devnull, "w")  # openpyxl print()s about bad style indexes
    try:
        import resource
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > PEER_MEMORY:
            resource.setrlimit(resource.RLIMIT_AS, (PEER_MEMORY, hard))
    except Exception:
        pass
    signal.signal(signal.SIGALRM, _alarm)


def check_file(suivi, corpus, rel):
    t0 = time.perf_counter()
    path = os.path.join(corpus, rel)
    out = {"file": rel, "suivi": None, "message": None, "peer_error": None,
           "mismatches": [], "stats": {}, "seconds": 0.0}
    sres = run_suivi(suivi, path)
    out["suivi"], out["message"], out["exit_status"] = sres.status, sres.message, sres.exit_status

    warnings.simplefilter("ignore")
    peer = None
    signal.alarm(PEER_TIMEOUT)
    try:
        peer = load_peer(path)
    except PeerTimeout as e:
        out["peer_error"] = str(e)
    except BaseException as e:  # openpyxl can raise anything, incl. RecursionError/MemoryError
        if isinstance(e, KeyboardInterrupt):
            raise
        line = (str(e).splitlines() or [""])[0][:200]
        out["peer_error"] = "%s: %s" % (type(e).__name__, line)
        cause = e.__cause__ or e.__context__
        if cause is not None:
            out["peer_error"] += " (caused by %s: %s)" % (type(cause).__name__,
                                                         (str(cause).splitlines() or [""])[0][:200])
    finally:
        signal.alarm(0)

    if sres.status == "too-big":
        out["suivi"] = "read"
        out["mismatches"].append(("*", "*", sres.message, "", "read" if peer else "peer failed"))
    elif sres.status == "refused" and peer is not None:
        out["mismatches"].append(("*", "*", "refused: " + sres.message, "refused", "read"))
    elif sres.status == "read" and peer is not None:
        try:
            mism, stats = compare(sres.doc, peer[0])
        except Exception as e:
            out["suivi"] = "fail"
            out["message"] = "checker error while comparing: %s: %s" % (type(e).__name__, e)
        else:
            out["mismatches"] = mism
            out["stats"] = dict(stats)
    out["seconds"] = time.perf_counter() - t0
    return out


# --------------------------------------------------------------------------
# allow-list

class AllowList:
    def __init__(self, path):
        self.entries = []   # (lineno, file, sheet, cell, difference, reason, raw)
        self.hits = Counter()
        self.errors = []
        if path is None:
            return
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                line = raw.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) < 5 or not parts[4].strip():
                    self.errors.append("%s:%d: expected file<TAB>sheet<TAB>cell<TAB>difference<TAB>reason" % (path, n))
                    continue
                reason = "\t".join(parts[4:])
                self.entries.append((n, parts[0], parts[1], parts[2], parts[3], reason, line))

    def match(self, rel, mismatch):
        sheet, cell, what, ours, theirs = mismatch
        difference = "%s suivi=%s openpyxl=%s" % (what, ours, theirs)
        for e in self.entries:
            if (fnmatch.fnmatchcase(rel, e[1]) and fnmatch.fnmatchcase(sheet, e[2])
                    and fnmatch.fnmatchcase(cell, e[3]) and fnmatch.fnmatchcase(difference, e[4])):
                self.hits[e[0]] += 1
                return e
        return None


# --------------------------------------------------------------------------
# main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_suivi = os.path.join(REPO_ROOT, ".build", "release", "suivi")
    if not os.path.exists(default_suivi):
        default_suivi = os.path.join(REPO_ROOT, ".build", "debug", "suivi")
    ap.add_argument("--suivi", default=default_suivi, help="suivi binary (default: %(default)s)")
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "corpus", "xlsx")),
                    help="corpus directory (default: %(default)s)")
    ap.add_argument("--allow", default=os.path.join(SCRIPT_DIR, "openpyxl-allowlist.tsv"),
                    help="allow-list TSV (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--only", help="only files whose corpus-relative path contains this")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()

    suivi = os.path.abspath(a.suivi)
    if not os.access(suivi, os.X_OK):
        ap.error("suivi binary not found or not executable: %s" % suivi)
    corpus = os.path.abspath(a.corpus)
    if not os.path.isdir(corpus):
        ap.error("corpus directory not found: %s" % corpus)
    allow = AllowList(a.allow if a.allow and os.path.exists(a.allow) else None)
    if a.allow and not os.path.exists(a.allow):
        print("warning: allow-list %s not found, using an empty one" % a.allow, file=sys.stderr)
    for e in allow.errors:
        print("error: " + e, file=sys.stderr)
    if allow.errors:
        return 2
    files = find_files(corpus, a.only)
    if not files:
        print("no files to check", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    results = {}
    sizes = {f: os.path.getsize(os.path.join(corpus, f)) for f in files}
    order = sorted(files, key=lambda f: -sizes[f])  # big files first: better load balance
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, a.jobs), initializer=worker_init) as ex:
        futs = {ex.submit(check_file, suivi, corpus, f): f for f in order}
        done = 0
        for fut in concurrent.futures.as_completed(futs):
            f = futs[fut]
            try:
                results[f] = fut.result()
            except BaseException as e:
                results[f] = {"file": f, "suivi": "fail", "peer_error": None, "mismatches": [], "stats": {},
                              "message": "checker worker crashed: %s: %s" % (type(e).__name__, e),
                              "seconds": 0.0}
            done += 1
            if a.verbose:
                print("[%d/%d %.0fs] %s (%.1fs)" % (done, len(files), time.perf_counter() - t0, f,
                                                    results[f]["seconds"]), file=sys.stderr)

    n_read = n_refused = n_fail_run = n_peer = n_files_mism = n_allowed = n_unlisted = 0
    refused_words = Counter()
    stats_total = Counter()
    passed = failed = 0
    for f in files:
        r = results[f]
        problem = False
        if r["suivi"] == "fail":
            print("FAIL\t%s\t%s" % (f, r["message"]))
            n_fail_run += 1
            problem = True
        elif r["suivi"] == "refused":
            n_refused += 1
            refused_words["exit %s" % r.get("exit_status")] += 1
        else:
            n_read += 1
        if r["peer_error"]:
            n_peer += 1
            if a.verbose:
                print("PEER-FAILED\t%s\t%s" % (f, r["peer_error"]))
        stats_total.update(r["stats"])
        unlisted = []
        for m in r["mismatches"]:
            e = allow.match(f, m)
            if e:
                n_allowed += 1
                if a.verbose:
                    print("ALLOWED\t%s\t%s\t%s\t%s\tsuivi=%s\topenpyxl=%s\t(allow-list line %d)"
                          % (f, m[0], m[1], m[2], m[3], m[4], e[0]))
            else:
                unlisted.append(m)
        if r["mismatches"]:
            n_files_mism += 1
        for m in unlisted[:MAX_LINES]:
            print("MISMATCH\t%s\t%s\t%s\t%s\tsuivi=%s\topenpyxl=%s" % ((f,) + tuple(m)))
        if len(unlisted) > MAX_LINES:
            print("MISMATCH\t%s\t...\t...\t%d more mismatches not shown" % (f, len(unlisted) - MAX_LINES))
        n_unlisted += len(unlisted)
        if unlisted:
            problem = True
        if problem:
            failed += 1
            print("REPRODUCE\t%s\tcd %s && python3 %s --suivi %s --corpus %s --only %s --verbose" % (
                f, shlex.quote(REPO_ROOT), os.path.relpath(os.path.abspath(__file__), REPO_ROOT), a.suivi, a.corpus,
                shlex.quote(f)))
        else:
            passed += 1
            if a.verbose:
                st = r["suivi"] + (", peer failed" if r["peer_error"] else "")
                print("OK\t%s\t%s" % (f, st))

    elapsed = time.perf_counter() - t0
    print()
    print("files checked: %d in %.1f s (%d jobs)" % (len(files), elapsed, a.jobs))
    print("read by suivi: %d" % n_read)
    print("refused by suivi: %d%s" % (n_refused, (" (" + ", ".join(
        "%s %d" % kv for kv in sorted(refused_words.items(), key=lambda kv: (-kv[1], kv[0]))) + ")")
        if refused_words else ""))
    print("suivi failures (timeout, signal, bad stderr, bad JSON): %d" % n_fail_run)
    print("peer failed (openpyxl could not read): %d" % n_peer)
    print("cells: %d values and %d formulas compared; %d merged cells and %d data-table formulas skipped"
          % (stats_total["values compared"], stats_total["formulas compared"],
             stats_total["merged cells skipped"], stats_total["data-table formulas skipped"]))
    if stats_total["macro/dialog sheets skipped"]:
        print("macro/dialog sheets skipped (openpyxl reads them as worksheets): %d"
              % stats_total["macro/dialog sheets skipped"])
    print("files with mismatches: %d (%d unlisted mismatches, %d allow-listed mismatches)"
          % (n_files_mism, n_unlisted, n_allowed))
    checked = set(files)
    stale = [e for e in allow.entries if not allow.hits[e[0]]
             and (not a.only or any(fnmatch.fnmatchcase(f, e[1]) for f in checked))]
    if stale:
        print("warning: %d allow-list entries matched nothing (stale):" % len(stale))
        for e in stale:
            print("  line %d: %s" % (e[0], e[6]))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
