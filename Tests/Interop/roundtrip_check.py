#!/usr/bin/env python3
"""Round-trip `suivi edit` over the XLSX corpus and check the result with openpyxl,
at the zip level, with suivi's own reader and with LibreOffice.

usage: roundtrip_check.py --suivi PATH/TO/suivi [--corpus DIR] [--jobs 2]
                          [--only SUBSTRING] [--allow ALLOWLIST.tsv]
                          [--max-sheets N] [--shard K/N] [--verbose] [--keep DIR]

For every regular file under the corpus (recursively, except MANIFEST.tsv and
README.md; the same discovery as openpyxl_crosscheck.py) that
`suivi inspect FILE --json` reads (files it refuses are counted as "refused by
the reader"), in a temporary directory:

 1. Copy it to work.xlsx. For each worksheet (kind "worksheet", index N in the
    inspect "sheets" list, counted from 0) run, in place, so that each edit
    builds on the previous one (with --max-sheets N, only N worksheets of a
    workbook that has more, spread evenly with the first and the last; the
    others must read as before):
        suivi edit work.xlsx --sheet NAME --set REF=suivi-✓-N
                             --append-row "suivi-append-N,42,2024-11-02"
    REF is the row-1 cell one column right of the rightmost column that has a
    cell in the inspect output (A1 for an empty sheet). The appended row is
    expected at (last row with a cell in the inspect output) + 1, i.e. row 2
    for an empty sheet (the --set of row 1 comes first).
    A refusal (non-zero exit, one-line stderr) is recorded as "refused by the
    editor" and the file is skipped. A timeout (300 s), a death by a signal, an
    empty or multi-line stderr is a failure that cannot be allow-listed.
 2. Checks (each failure is allow-listable by file glob + check name):
    backup    after each in-place edit, .suivi-backups/ beside the file holds
              a file byte-identical to the file before that edit
    leftovers nothing but work.xlsx and .suivi-backups/ is left beside it
    reread    `suivi inspect --json` reads the result: same sheets (name,
              state, kind), every cell as before except REF and the appended
              row (formula cells: the formula text only, cached values may be
              dropped), REF is the string, the appended row is where expected
              and holds "suivi-append-N", 42 and the date 2024-11-02
    openpyxl  the result loads (with its formulas) and every cell value
              and number format of the original is unchanged, except REF and
              the appended row; formula cells are compared by formula text
              only; no new value or formula appears elsewhere; REF holds the
              string; the row whose column A is "suivi-append-N" is the
              expected one and holds 42 (or 42 shown as a date or duration
              when column B's style above is one) and datetime(2024, 11, 2).
              Skipped (counted) when openpyxl cannot load the original.
    openpyxl-sheet  merged ranges, freeze panes, column widths, heights of the
              existing rows, hyperlinks, number of data validations and of
              conditional-format ranges, sheet names and states are unchanged
    zip       every entry the editor had no need to change is byte-identical:
              same name, order among the kept entries, compression method,
              CRC and raw compressed bytes. May change: the edited sheets'
              parts, xl/workbook.xml, xl/_rels/workbook.xml.rels,
              [Content_Types].xml, xl/styles.xml, xl/sharedStrings.xml,
              xl/calcChain.xml (may also be removed), docProps/app.xml,
              xl/tables/*.xml, and new parts. Changed entries are listed with
              --verbose.
    libreoffice  after all files: the results of every edited file (and the
              originals of those that give no CSV) are converted to CSV (one CSV per sheet) by as few
              `soffice` runs as possible (own profile; a run that stalls for
              90 s or crashes is killed and the file it was on is retried
              alone); for each edited sheet the result's CSV holds
              "suivi-✓-N" and a line with the field "suivi-append-N"
              followed by 42 (or 42 as LibreOffice shows a date, time,
              duration or percentage). A result LibreOffice cannot convert is
              a failure when it converted the original, else the file is
              counted as "LibreOffice cannot read the original" (also when
              one of its CSVs passes 256 MB: soffice is then killed). A
              sheet with a pivot table says so in the failure: LibreOffice
              rebuilds pivot output on load and may overwrite REF or the
              appended row.
    The editor's refusals are listed with --verbose (REFUSED lines), as are
    the zip entries each edit changed, added and removed (ENTRIES lines).

Output: one line per failure
    FAIL<TAB>file<TAB>check<TAB>detail
(allow-listed ones as ALLOWED lines with --verbose), then a summary and the
final line "N passed, M failed" (M: files with an unlisted failure). Each
failed file gets a REPRODUCE line: the command that checks that file alone. Exit
status 0 when there is no unlisted failure, 1 otherwise, 2 for usage errors.

Allow-list (default: roundtrip-allowlist.tsv beside this script): lines
    file-glob<TAB>check-glob<TAB>reason
with fnmatch globs on the corpus-relative path and on the check name; "#"
starts a comment. The checks "inspect" and "edit" (timeouts, crashes, bad
stderr) cannot be allow-listed.

Notes on the peers:
  * openpyxl: shared strings are read raw (its reader strips every "x005F_"),
    so an editor that rewrites sharedStrings.xml must keep escapes byte-for-
    byte in meaning; cells covered by a merged range (MergedCell) lose their
    values in openpyxl, so targets inside one are not checked there (counted).
  * LibreOffice 7.4 writes NAME-SheetName.csv for every sheet (hidden sheets
    and chart sheets too, the latter empty; it may rename a sheet, e.g.
    "sheet1" -> "sheet1 -1", so a missing CSV is looked for by content) and
    exits 0 even when a file cannot be loaded ("Error: source file could not
    be loaded", without the file name): success is judged by the CSVs
    written. Files are handed over with names of their own (o0042.xlsx for
    an original, r0042.xlsx for its result). With "save cell contents as shown" off it
    still writes dates, times and percentages in the locale's standard format
    (42 in a date cell is 02/10/1900: LibreOffice has no 29 Feb 1900).
"""
import argparse
import concurrent.futures
import csv
import datetime as dt
import fnmatch
import json
import math
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from collections import Counter, defaultdict

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(SCRIPT_DIR))
SUIVI_TIMEOUT = 300         # seconds, per suivi run: a guard against a hang (the slowest takes ~6 s)
PEER_TIMEOUT = 300          # seconds for the openpyxl part of one file
PEER_MEMORY = 6 << 30       # soft address-space limit for a worker (bytes)
MAX_JSON = 256 << 20        # larger suivi inspect output is not used
MAX_LINES = 10              # failure lines per file and check
LO_STALL = 90               # seconds without output before soffice is killed
LO_MAX_CSV = 256 << 20      # CSV bytes for one file before soffice is killed
LO_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
HARD_CHECKS = {"inspect", "edit"}
APPEND_DATE = dt.datetime(2024, 11, 2)

MAY_CHANGE = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[content_types].xml",
              "xl/styles.xml", "xl/sharedstrings.xml", "xl/calcchain.xml", "docprops/app.xml"}
MAY_CHANGE_GLOBS = ["xl/tables/*.xml"]
MAY_BE_REMOVED = {"xl/calcchain.xml"}

_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")


def marker(n):
    return "suivi-✓-%d" % n


def append_marker(n):
    return "suivi-append-%d" % n


def append_arg(n):
    return "%s,42,2024-11-02" % append_marker(n)


# --------------------------------------------------------------------------
# small helpers

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


def a1(key):
    return "%s%d" % (col_letters(key[1]), key[0])


def norm_part(name):
    return name.replace("\\", "/").lstrip("/").lower()


def one_line(s, n=300):
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[:n] + "…"


from interop_common import find_files, patch_openpyxl, run_bounded  # noqa: E402  (beside this script)


def run_suivi(cmd, cap=1 << 20):
    """-> (kind, rc, message, stdout): kind "ok" | "refused" (one-line stderr,
    message = that line) | "hard" (timeout, signal, empty or multi-line stderr,
    output too large; message says which)."""
    started = time.perf_counter()
    try:
        rc, stdout, stderr = run_bounded(cmd, SUIVI_TIMEOUT, cap)
    except OSError as e:
        return "hard", None, "cannot run suivi: %s" % e, None
    finally:
        SUIVI_SECONDS[0] += time.perf_counter() - started
    err = stderr.decode("utf-8", "replace")
    if rc is None:
        return "hard", None, "timed out after %d s" % SUIVI_TIMEOUT, None
    if rc < 0:
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = "signal %d" % -rc
        last = err.strip().splitlines()[-1][:200] if err.strip() else ""
        return "hard", rc, "killed by %s%s" % (name, (": " + last) if last else ""), None
    if stdout is None:
        return "hard", rc, "stdout larger than %d MB" % (cap >> 20), None
    if rc != 0:
        msg = err.rstrip("\r\n")
        if not msg.strip():
            return "hard", rc, "exited %d with an empty stderr" % rc, None
        if "\n" in msg or "\r" in msg:
            lines = msg.splitlines()
            return "hard", rc, "exited %d with a %d-line stderr: %r" % (rc, len(lines), lines[0][:200]), None
        return "refused", rc, msg, None
    return "ok", 0, None, stdout


# --------------------------------------------------------------------------
# inspect documents

def inspect_doc(suivi, path):
    """-> (kind, rc, message, doc)."""
    kind, rc, msg, out = run_suivi([suivi, "inspect", path, "--json"], MAX_JSON)
    if kind != "ok":
        return kind, rc, msg, None
    try:
        doc = json.loads(out)
        if not isinstance(doc, dict) or not isinstance(doc.get("sheets"), list):
            raise ValueError('top level is not {"sheets":[...]}')
    except ValueError as e:
        return "hard", 0, "exited 0 but stdout is not the inspect JSON: %s" % one_line(e, 200), None
    return "ok", 0, None, doc


def sheet_cells(sh):
    """{(r, c): cell dict} of an inspect sheet."""
    cells = {}
    for row in sh.get("rows") or []:
        for c in row.get("cells") or []:
            key = parse_ref(c.get("ref"))
            if key is not None:
                cells[key] = c
    return cells


def spread(count, most):
    """Indexes of `most` items spread evenly over `count` (the first and the last
    included), or all of them when there are no more than `most`."""
    if count <= most:
        return list(range(count))
    if most <= 1:
        return [0][:most]
    return sorted({round(i * (count - 1) / (most - 1)) for i in range(most)})


def plan_edits(doc, max_sheets=0):
    """[(N, name, part, ref_key, expected_append_row)] for every worksheet, or for
    `max_sheets` of them spread evenly when the workbook has more (0: no cap)."""
    plan = []
    worksheets = [(n, sh) for n, sh in enumerate(doc["sheets"]) if sh.get("kind", "worksheet") == "worksheet"]
    if max_sheets:
        worksheets = [worksheets[i] for i in spread(len(worksheets), max_sheets)]
    for n, sh in worksheets:
        cells = sheet_cells(sh)
        max_col = max((k[1] for k in cells), default=0)
        last_row = max((k[0] for k in cells), default=0)
        plan.append((n, sh["name"], sh.get("part"), (1, min(max_col + 1, 16384)),
                     max(last_row, 1) + 1))
    return plan


def cell_repr(c):
    if c is None:
        return "absent"
    s = "%s:%r" % (c.get("type"), c.get("value"))
    if c.get("formula") is not None:
        s += " ={%s}" % c["formula"]
    return s


def check_reread(orig_doc, new_doc, plan):
    problems = []
    o_sheets = [(s["name"], s.get("state"), s.get("kind")) for s in orig_doc["sheets"]]
    n_sheets = [(s["name"], s.get("state"), s.get("kind")) for s in new_doc["sheets"]]
    if o_sheets != n_sheets:
        problems.append("sheets changed: %r -> %r" % (o_sheets, n_sheets))
    new_by_name = {s["name"]: s for s in new_doc["sheets"]}
    edited = {p[1]: p for p in plan}
    for sh in orig_doc["sheets"]:
        nsh = new_by_name.get(sh["name"])
        if nsh is None:
            continue
        oc, nc = sheet_cells(sh), sheet_cells(nsh)
        p = edited.get(sh["name"])
        exempt_row = p[4] if p else None
        exempt = {p[3]} if p else set()
        diffs = []
        for key in sorted(set(oc) | set(nc)):
            if key in exempt or key[0] == exempt_row:
                continue
            a, b = oc.get(key), nc.get(key)
            if a is not None and b is not None and a.get("formula") is not None:
                same = a.get("formula") == b.get("formula")
            else:
                same = a == b
            if not same:
                diffs.append("%s %s -> %s" % (a1(key), cell_repr(a), cell_repr(b)))
        if diffs:
            problems.append("sheet %r: %d cells changed: %s" % (sh["name"], len(diffs), "; ".join(diffs[:5])))
        if p is None:
            continue
        n, name, _, ref, row = p
        got = nc.get(ref)
        if got is None or got.get("type") != "string" or got.get("value") != marker(n):
            problems.append("sheet %r: %s is %s, expected string %r" % (name, a1(ref), cell_repr(got), marker(n)))
        rows = sorted(k[0] for k, c in nc.items() if k[1] == 1 and c.get("value") == append_marker(n))
        if rows != [row]:
            problems.append("sheet %r: %r found in rows %r, expected row %d" % (name, append_marker(n), rows, row))
        r = rows[0] if rows else row
        b, c = nc.get((r, 2)), nc.get((r, 3))
        b_ok = b is not None and ((b.get("type") == "number" and b.get("value") == 42)
                                  or (b.get("type") in ("date", "datetime")
                                      and str(b.get("value")).startswith(("1900-02-11", "1904-02-12"))))
        if not b_ok:
            problems.append("sheet %r: B%d is %s, expected number 42" % (name, r, cell_repr(b)))
        if c is None or c.get("type") not in ("date", "datetime") or \
                str(c.get("value")) not in ("2024-11-02", "2024-11-02T00:00:00"):
            problems.append("sheet %r: C%d is %s, expected date 2024-11-02" % (name, r, cell_repr(c)))
    return problems


# --------------------------------------------------------------------------
# openpyxl

class PeerTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise PeerTimeout("openpyxl took more than %d s" % PEER_TIMEOUT)


class Covered:
    """The cells of merged ranges other than their top-left one (openpyxl's
    MergedCell), created or not."""

    def __init__(self, keys, ranges):
        self.keys, self.ranges = keys, ranges

    def __contains__(self, key):
        if key in self.keys:
            return True
        r, c = key
        return any(r1 <= r <= r2 and c1 <= c <= c2 and (r, c) != (r1, c1) for r1, c1, r2, c2 in self.ranges)


def _formula_key(v):
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
    if isinstance(v, ArrayFormula):
        return "array %s {%s}" % (v.ref, v.text)
    if isinstance(v, DataTableFormula):
        return "dataTable %s" % sorted(dict(v).items())
    return v


def load_peer(path):
    """{"sheets": {title: {...}}, "order": [...], "epoch": datetime}."""
    import openpyxl
    from openpyxl.cell.cell import MergedCell
    patch_openpyxl()

    def load(data_only):
        with open(path, "rb") as fh:  # a file object bypasses the extension check
            return openpyxl.load_workbook(fh, data_only=data_only)

    # One load, with formulas: the values of formula cells are never compared (only
    # their formula text), and every other cell reads the same with data_only.
    wb = load(False)
    if not wb._sheets:
        raise ValueError("openpyxl found no sheet in the workbook")
    out = {"sheets": {}, "order": [(ws.title, ws.sheet_state) for ws in wb._sheets], "epoch": wb.epoch}
    for ws in wb.worksheets:
        values, fmts, covered, links, formulas = {}, {}, set(), [], {}
        for key, cell in ws._cells.items():
            if isinstance(cell, MergedCell):
                covered.add(key)
                continue
            if cell.data_type == "f" and cell._value is not None:
                formulas[key] = _formula_key(cell._value)
            elif cell._value is not None:
                values[key] = (cell._value, cell.data_type == "e")
                fmts[key] = cell.number_format
            if cell._hyperlink is not None:
                links.append((a1(key), cell._hyperlink.target, cell._hyperlink.location))
        covered = Covered(covered, [(m.min_row, m.min_col, m.max_row, m.max_col)
                                    for m in ws.merged_cells.ranges])
        features = {
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze_panes": ws.freeze_panes,
            "column widths": sorted((k, v.width) for k, v in ws.column_dimensions.items()
                                    if v.customWidth),
            "hyperlinks": sorted(links, key=repr),
            "data validations": len(ws.data_validations.dataValidation),
            "conditional formats": len(list(ws.conditional_formatting)),
        }
        heights = {r: d.ht for r, d in ws.row_dimensions.items() if d.ht is not None}
        out["sheets"][ws.title] = {"values": values, "fmts": fmts, "covered": covered,
                                   "features": features, "heights": heights, "formulas": formulas}
    return out


def vrepr(v):
    if v is None:
        return "None"
    val, err = v
    return "%s:%r" % ("error" if err else type(val).__name__, val)


def same_value(a, b):
    if a is None or b is None:
        return a is b
    (va, ea), (vb, eb) = a, b
    if ea != eb or isinstance(va, bool) != isinstance(vb, bool):
        return False
    if isinstance(va, float) and isinstance(vb, float) and math.isnan(va) and math.isnan(vb):
        return True
    if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
        return va == vb
    return type(va) is type(vb) and va == vb


def is_42(v, accepted):
    """42 as a number, or as openpyxl reads 42 in a date, time or duration cell."""
    if v is None or v[1] or isinstance(v[0], bool):
        return False
    for x in accepted:
        if isinstance(x, int):
            if isinstance(v[0], (int, float)) and v[0] == x:
                return True
        elif type(v[0]) is type(x) and v[0] == x:
            return True
    return False


def check_openpyxl(orig, res, plan, stats):
    """-> (problems for 'openpyxl', problems for 'openpyxl-sheet', merged targets)."""
    from openpyxl.utils.datetime import from_excel
    probs, sheet_probs, covered_targets = [], [], set()
    if orig["order"] != res["order"]:
        sheet_probs.append("sheets (name, state) changed: %r -> %r" % (orig["order"], res["order"]))
    by_name = {p[1]: p for p in plan}
    accepted_b = [42, from_excel(42, orig["epoch"]), dt.timedelta(days=42)]
    for title, o in orig["sheets"].items():
        r = res["sheets"].get(title)
        if r is None:
            probs.append("sheet %r missing in the result" % title)
            continue
        p = by_name.get(title)
        exempt, app_row = set(), None
        if p is not None:
            n, _, _, ref, exp_row = p
            exempt.add(ref)
            rows = sorted(k[0] for k, v in r["values"].items() if k[1] == 1 and v[0] == append_marker(n))
            app_row = rows[0] if len(rows) == 1 else None
            # the new values
            if ref in o["covered"]:
                stats["targets in merged ranges (not checked by openpyxl)"] += 1
                covered_targets.add((title, "ref"))
            elif r["values"].get(ref) != (marker(n), False):
                probs.append("sheet %r: %s is %s, expected %r" % (title, a1(ref), vrepr(r["values"].get(ref)), marker(n)))
            if (exp_row, 1) in o["covered"]:
                # the row cannot be found through column A
                stats["targets in merged ranges (not checked by openpyxl)"] += 1
                covered_targets.add((title, "append"))
            elif not rows:
                probs.append("sheet %r: no row with %r in column A (expected row %d)" % (title, append_marker(n), exp_row))
            elif len(rows) > 1:
                probs.append("sheet %r: %r in rows %r" % (title, append_marker(n), rows))
            else:
                if app_row != exp_row:
                    probs.append("sheet %r: appended row is %d, expected %d" % (title, app_row, exp_row))
                if (app_row, 2) in o["covered"]:
                    stats["targets in merged ranges (not checked by openpyxl)"] += 1
                    covered_targets.add((title, "append"))
                elif not is_42(r["values"].get((app_row, 2)), accepted_b):
                    probs.append("sheet %r: B%d is %s, expected 42" % (title, app_row, vrepr(r["values"].get((app_row, 2)))))
                if (app_row, 3) in o["covered"]:
                    stats["targets in merged ranges (not checked by openpyxl)"] += 1
                else:
                    c = r["values"].get((app_row, 3))
                    if c != (APPEND_DATE, False):
                        probs.append("sheet %r: C%d is %s, expected %r" % (title, app_row, vrepr(c), APPEND_DATE))
        skip_rows = {x for x in (app_row, p[4] if p else None) if x is not None}

        def exempted(key):
            return key in exempt or key[0] in skip_rows

        diffs = []
        of, rf = o["formulas"], r["formulas"]
        for key in sorted(set(of) | set(rf)):
            if exempted(key):
                continue
            if of.get(key) != rf.get(key):
                diffs.append("%s formula %r -> %r" % (a1(key), of.get(key), rf.get(key)))
        ov, rv = o["values"], r["values"]
        for key in sorted(set(ov) | set(rv)):
            if exempted(key) or key in of or key in rf:
                continue
            if not same_value(ov.get(key), rv.get(key)):
                diffs.append("%s %s -> %s" % (a1(key), vrepr(ov.get(key)), vrepr(rv.get(key))))
            elif key in ov and o["fmts"].get(key) != r["fmts"].get(key):
                diffs.append("%s number format %r -> %r" % (a1(key), o["fmts"].get(key), r["fmts"].get(key)))
        if diffs:
            probs.append("sheet %r: %d cells changed: %s%s" % (title, len(diffs), "; ".join(diffs[:5]),
                                                               " …" if len(diffs) > 5 else ""))
        stats["cells compared by openpyxl"] += len(ov)
        # sheet features
        for what, ov_ in o["features"].items():
            rv_ = r["features"].get(what)
            if ov_ != rv_:
                sheet_probs.append("sheet %r: %s %s -> %s" % (title, what, one_line(repr(ov_), 120),
                                                              one_line(repr(rv_), 120)))
        hd = ["row %d %r -> %r" % (k, v, r["heights"].get(k)) for k, v in sorted(o["heights"].items())
              if k not in skip_rows and r["heights"].get(k) != v]
        if hd:
            sheet_probs.append("sheet %r: %d row heights changed: %s" % (title, len(hd), "; ".join(hd[:5])))
    for title in res["sheets"]:
        if title not in orig["sheets"]:
            probs.append("new sheet %r in the result" % title)
    return probs, sheet_probs, covered_targets


# --------------------------------------------------------------------------
# zip

def zip_entries(path):
    """[(name, compress_type, crc, raw compressed bytes)] in central-directory order."""
    out = []
    with open(path, "rb") as fh, zipfile.ZipFile(fh) as zf:
        for info in zf.infolist():
            fh.seek(info.header_offset)
            head = fh.read(30)
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                raise ValueError("%s: no local header at offset %d" % (info.filename, info.header_offset))
            n, m = struct.unpack("<HH", head[26:30])
            fh.seek(info.header_offset + 30 + n + m)
            raw = fh.read(info.compress_size)
            out.append((info.filename, info.compress_type, info.CRC, raw))
    return out


REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# relationship types (last path segment) of the workbook part whose targets may change
WB_REL_MAY_CHANGE = {"styles", "sharedStrings", "calcChain"}
ROOT_REL_MAY_CHANGE = {"officeDocument", "extended-properties"}


def _resolve(base_dir, target):
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return norm_part(target)
    out = []
    for seg in ((base_dir + "/") if base_dir else "").split("/") + target.split("/"):
        if seg == "..":
            if out:
                out.pop()
        elif seg and seg != ".":
            out.append(seg)
    return norm_part("/".join(out))


def package_parts(path, sheet_parts):
    """Read the package relationships of the original. -> (set of normalised part
    names the editor may change besides the fixed list, set of those it may
    remove (the calculation chain), {sheet part: has a pivot table})."""
    import xml.etree.ElementTree as ET
    may, removable, pivots = set(), set(), {}
    try:
        with zipfile.ZipFile(path) as zf:
            names = {norm_part(n): n for n in zf.namelist()}

            def rels(part):
                d, b = part.rsplit("/", 1) if "/" in part else ("", part)
                name = names.get(norm_part((d + "/" if d else "") + "_rels/" + b + ".rels"))
                if name is None:
                    return []
                root = ET.fromstring(zf.read(name))
                return [(r.get("Type", "").rsplit("/", 1)[-1], _resolve(d, r.get("Target", "")))
                        for r in root.iter(REL_NS + "Relationship") if r.get("TargetMode") != "External"]

            wb = None
            for typ, target in rels(""):
                if typ in ROOT_REL_MAY_CHANGE:
                    may.add(target)
                    if typ == "officeDocument":
                        wb = target
            if wb:
                d, b = wb.rsplit("/", 1) if "/" in wb else ("", wb)
                may.add(norm_part((d + "/" if d else "") + "_rels/" + b + ".rels"))
                for typ, target in rels(wb):
                    if typ in WB_REL_MAY_CHANGE:
                        may.add(target)
                    if typ == "calcChain":
                        removable.add(target)
            for sp in sheet_parts:
                sp = norm_part(sp)
                pivots[sp] = False
                for typ, target in rels(sp):
                    if typ == "table":
                        may.add(target)
                    elif typ == "pivotTable":
                        pivots[sp] = True
    except Exception:
        pass  # a damaged package: the fixed list only
    return may, removable, pivots


def check_zip(orig_path, res_path, sheet_parts, extra_may_change=(), extra_removable=()):
    """-> (problems, changed, added, removed)."""
    try:
        o = zip_entries(orig_path)
    except Exception as e:
        return None, [], [], ["cannot read the original zip: %s" % one_line(e, 200)]
    try:
        r = zip_entries(res_path)
    except Exception as e:
        return ["cannot read the result as a zip: %s" % one_line(e, 200)], [], [], []
    sheet_parts = {norm_part(p) for p in sheet_parts if p} | set(extra_may_change)

    def may_change(name):
        nn = norm_part(name)
        return nn in MAY_CHANGE or nn in sheet_parts or any(fnmatch.fnmatchcase(nn, g) for g in MAY_CHANGE_GLOBS)

    problems, changed, removed = [], [], []
    r_by_name = {}
    for e in r:
        if e[0] in r_by_name:
            problems.append("duplicate entry %r in the result" % e[0])
        r_by_name[e[0]] = e
    o_names = {e[0] for e in o}
    added = [e[0] for e in r if e[0] not in o_names]
    kept = []
    for name, method, crc, raw in o:
        got = r_by_name.get(name)
        if may_change(name):
            if got is None:
                if norm_part(name) in MAY_BE_REMOVED or norm_part(name) in extra_removable:
                    removed.append(name)
                else:
                    problems.append("%s removed" % name)
            elif (got[1], got[2], got[3]) != (method, crc, raw):
                changed.append(name)
            continue
        kept.append(name)
        if got is None:
            problems.append("%s removed" % name)
            continue
        what = []
        if got[1] != method:
            what.append("compression method %d -> %d" % (method, got[1]))
        if got[2] != crc:
            what.append("CRC %08x -> %08x" % (crc, got[2]))
        if got[3] != raw:
            what.append("compressed bytes differ (%d -> %d bytes)" % (len(raw), len(got[3])))
        if what:
            problems.append("%s changed: %s" % (name, ", ".join(what)))
            changed.append(name)
    kept_set = set(kept)
    r_order = [e[0] for e in r if e[0] in kept_set]
    want = [k for k in kept if k in r_by_name]
    if r_order != want:
        i = next(i for i, (x, y) in enumerate(zip(r_order, want)) if x != y)
        problems.append("order of the unchanged entries differs: entry %d among them is %s, was %s"
                        % (i + 1, r_order[i], want[i]))
    return problems, changed, added, removed


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


def _err(e):
    s = "%s: %s" % (type(e).__name__, (str(e).splitlines() or [""])[0][:200])
    cause = e.__cause__ or e.__context__
    if cause is not None:
        s += " (caused by %s: %s)" % (type(cause).__name__, (str(cause).splitlines() or [""])[0][:200])
    return s


def file_bytes_equal(path, data):
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as fh:
            return fh.read() == data
    except OSError:
        return False


def process_file(suivi, corpus, rel, workdir, max_sheets=0):
    t0 = time.perf_counter()
    SUIVI_SECONDS[0] = 0.0
    src = os.path.join(corpus, rel)
    out = {"file": rel, "status": None, "exit_status": None, "message": None, "failures": [],
           "stats": Counter(), "plan": [], "result": None, "changed": [], "added": [], "removed": [],
           "openpyxl": None, "covered": [], "seconds": 0.0}
    fail = out["failures"]

    kind, rc, msg, doc = inspect_doc(suivi, src)
    if kind == "hard":
        fail.append(("inspect", "suivi inspect of the original: " + msg))
        out["status"] = "hard"
        return finish(out, t0)
    if kind == "refused":
        out["status"], out["exit_status"], out["message"] = "reader-refused", rc, msg
        return finish(out, t0)
    out["read"] = True
    plan = plan_edits(doc, max_sheets)
    out["plan"] = plan
    worksheets = sum(1 for sh in doc["sheets"] if sh.get("kind", "worksheet") == "worksheet")
    if len(plan) < worksheets:
        out["stats"]["worksheets left unedited (more than --max-sheets in a file)"] += worksheets - len(plan)
    if not plan:
        out["status"] = "nothing-to-edit"
        return finish(out, t0)

    os.makedirs(workdir, exist_ok=True)
    work = os.path.join(workdir, "work.xlsx")
    shutil.copyfile(src, work)
    backups = os.path.join(workdir, ".suivi-backups")
    for n, name, part, ref, _ in plan:
        with open(work, "rb") as fh:
            before = fh.read()
        cmd = [suivi, "edit", work, "--sheet", name, "--set", "%s=%s" % (a1(ref), marker(n)),
               "--append-row", append_arg(n)]
        kind, rc, msg, _ = run_suivi(cmd)
        if kind == "hard":
            fail.append(("edit", "suivi edit --sheet %r: %s" % (name, msg)))
            out["status"] = "hard"
            return finish(out, t0)
        if kind == "refused":
            out["status"], out["exit_status"] = "editor-refused", rc
            out["message"] = msg
            return finish(out, t0)
        found = False
        if os.path.isdir(backups):
            for fn in os.listdir(backups):
                if file_bytes_equal(os.path.join(backups, fn), before):
                    found = True
                    break
        if not found:
            fail.append(("backup", "after the edit of sheet %r no file in .suivi-backups/ equals the file before it" % name))
    out["status"] = "edited"
    out["result"] = work
    left = sorted(set(os.listdir(workdir)) - {"work.xlsx", ".suivi-backups"})
    if left:
        fail.append(("leftovers", "left beside the workbook: %s" % ", ".join(left)))

    # suivi's own reader
    kind, rc, msg, new_doc = inspect_doc(suivi, work)
    if kind == "hard":
        fail.append(("inspect", "suivi inspect of the result: " + msg))
    elif kind == "refused":
        fail.append(("reread", "suivi inspect refuses the result (exit %s): %s" % (rc, msg)))
    else:
        for p in check_reread(doc, new_doc, plan):
            fail.append(("reread", p))

    # zip
    may, removable, pivots = package_parts(src, [p[2] for p in plan if p[2]])
    out["pivots"] = sorted(p[1] for p in plan if p[2] and pivots.get(norm_part(p[2])))
    probs, changed, added, removed = check_zip(src, work, [p[2] for p in plan], may, removable)
    out["changed"], out["added"], out["removed"] = changed, added, removed
    if probs is None:
        out["stats"]["zip check skipped (original not a readable zip)"] += 1
    else:
        for p in probs:
            fail.append(("zip", p))

    # openpyxl
    warnings.simplefilter("ignore")
    signal.alarm(PEER_TIMEOUT)
    try:
        try:
            orig = load_peer(src)
        except PeerTimeout:
            raise
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt):
                raise
            out["openpyxl"] = "cannot load the original: " + _err(e)
            orig = None
        if orig is not None:
            try:
                res = load_peer(work)
            except PeerTimeout:
                raise
            except BaseException as e:
                if isinstance(e, KeyboardInterrupt):
                    raise
                fail.append(("openpyxl", "openpyxl loads the original but not the result: " + _err(e)))
                res = None
            if res is not None:
                probs, sheet_probs, covered = check_openpyxl(orig, res, plan, out["stats"])
                out["covered"] = sorted(covered)
                fail.extend(("openpyxl", p) for p in probs)
                fail.extend(("openpyxl-sheet", p) for p in sheet_probs)
    except PeerTimeout as e:
        out["openpyxl"] = str(e)
    finally:
        signal.alarm(0)
    return finish(out, t0)


SUIVI_SECONDS = [0.0]  # this worker's time in suivi runs, for the file being checked


def finish(out, t0):
    out["seconds"] = time.perf_counter() - t0
    out["stats"]["milliseconds spent in suivi runs"] += round(SUIVI_SECONDS[0] * 1000)
    SUIVI_SECONDS[0] = 0.0
    out["stats"] = dict(out["stats"])
    return out


def safe_process_file(*args):
    try:
        return process_file(*args)
    except BaseException as e:
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"file": args[2], "status": "hard", "exit_status": None, "message": None,
                "failures": [("edit", "checker error: " + _err(e))], "stats": {}, "plan": [],
                "result": None, "changed": [], "added": [], "removed": [], "openpyxl": None,
                "covered": [], "seconds": 0.0}


# --------------------------------------------------------------------------
# LibreOffice

def csv_bytes(outdir, path):
    pre = os.path.splitext(os.path.basename(path))[0] + "-"
    total = 0
    with os.scandir(outdir) as it:
        for e in it:
            if e.name.startswith(pre):
                try:
                    total += e.stat().st_size
                except OSError:
                    pass
    return total


def lo_run(files, outdir, profile, log):
    """Convert files in one soffice run. -> (finished, started list, why): finished
    is False when soffice stalled, wrote too large a CSV or died before
    processing every file (why says which)."""
    cmd = ["soffice", "-env:UserInstallation=" + "file://" + profile, "--headless", "--norestore",
           "--convert-to", LO_FILTER, "--outdir", outdir] + files
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True)
    started, last = [], [time.monotonic()]
    by_path = {os.path.abspath(f): f for f in files}

    def pump():
        # soffice prints "convert FILE ..." once FILE is loaded, and only
        # "Error: source file could not be loaded" (no name) when it is not
        for line in iter(p.stdout.readline, b""):
            last[0] = time.monotonic()
            text = line.decode("utf-8", "replace").rstrip("\n")
            log.write(text + "\n")
            m = re.match(r"^convert (\S+)", text)
            if m and m.group(1) in by_path:
                started.append(by_path[m.group(1)])

    t = threading.Thread(target=pump, daemon=True)
    t.start()
    why = None
    while p.poll() is None:
        time.sleep(0.5)
        if time.monotonic() - last[0] > LO_STALL:
            why = "stalled for %d s" % LO_STALL
        elif started and csv_bytes(outdir, started[-1]) > LO_MAX_CSV:
            why = "CSV larger than %d MB" % (LO_MAX_CSV >> 20)
        if why:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            p.wait()
    t.join(10)
    try:  # soffice.bin may outlive the soffice wrapper
        os.killpg(p.pid, signal.SIGKILL)
    except OSError:
        pass
    finished = why is None and p.returncode == 0
    if not finished:
        why = why or ("exited %s" % p.returncode)
        log.write("soffice stopped: %s, after %d of %d files\n" % (why, len(started), len(files)))
    return finished, started, why


def lo_convert_all(files, outdir, profile, log, verbose):
    """Convert every file. -> ({file: why} for the files soffice could not convert
    alone (crash, stall, too large a CSV; their CSVs are deleted), soffice runs)."""
    pending, gave_up, runs = list(files), {}, 0

    def drop_csvs(path):
        pre = os.path.splitext(os.path.basename(path))[0] + "-"
        for f in os.listdir(outdir):
            if f.startswith(pre):
                os.unlink(os.path.join(outdir, f))

    while pending:
        runs += 1
        finished, started, why = lo_run(pending, outdir, profile, log)
        if finished:
            break
        # the culprit is the last file reported as loaded (stuck while writing
        # its CSVs) or, when a load hangs, the next one: that one comes first
        # in the next run and is then caught by the "nothing started" case
        if not started:
            culprit, rest = pending[0], pending[1:]
        else:
            culprit = started[-1]
            rest = pending[pending.index(culprit) + 1:]
        drop_csvs(culprit)
        if why.startswith("CSV larger"):
            gave_up[culprit] = why
        else:
            if verbose:
                print("soffice stopped on %s (%s), retrying it alone" % (os.path.basename(culprit), why),
                      file=sys.stderr)
            runs += 1
            ok, _, why = lo_run([culprit], outdir, profile, log)
            if not ok:
                drop_csvs(culprit)
                gave_up[culprit] = why
        pending = rest
    return gave_up, runs


def csvs_of(outdir, stem, listing):
    pre = stem + "-"
    return {f[len(pre):-4]: os.path.join(outdir, f) for f in listing if f.startswith(pre) and f.endswith(".csv")}


_DATE42_RE = re.compile(r"(1900|1904)")


def looks_like_42(field):
    f = field.strip()
    if re.fullmatch(r"[^\d-]*42(?:[.,]0+)?[^\d]*", f):
        return True      # 42, 42.00, 42 €, $42.00
    if re.fullmatch(r"4200(?:[.,]0+)?\s*%", f):
        return True      # percentage
    if f.startswith("1008:"):
        return True      # duration or time of 42 days
    return bool(_DATE42_RE.search(f))   # 42 as a date: 02/10/1900, 1900-02-10, ...


def check_csv(path, n, check_ref, check_append):
    ref_seen, seen = False, []
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.reader(fh):   # streamed: a sheet's CSV can be large
                for i, field in enumerate(row):
                    if marker(n) in field:
                        ref_seen = True
                    if field == append_marker(n):
                        seen.append(row[i + 1] if i + 1 < len(row) else "")
    except (OSError, csv.Error) as e:
        return ["cannot read %s: %s" % (os.path.basename(path), one_line(e, 200))]
    probs = []
    if check_ref and not ref_seen:
        probs.append("%r not in the CSV" % marker(n))
    if check_append:
        if not seen:
            probs.append("no line with %r" % append_marker(n))
        elif not any(looks_like_42(x) for x in seen):
            probs.append("line with %r has %r after it, not 42" % (append_marker(n), seen[0]))
    return probs


# --------------------------------------------------------------------------
# allow-list

class AllowList:
    def __init__(self, path):
        self.entries = []   # (lineno, file-glob, check-glob, reason, raw)
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
                if len(parts) < 3 or not parts[2].strip():
                    self.errors.append("%s:%d: expected file-glob<TAB>check-glob<TAB>reason" % (path, n))
                    continue
                if parts[1] in HARD_CHECKS:
                    self.errors.append("%s:%d: the check %r cannot be allow-listed" % (path, n, parts[1]))
                    continue
                self.entries.append((n, parts[0], parts[1], "\t".join(parts[2:]), line))

    def match(self, rel, check):
        if check in HARD_CHECKS:
            return None
        for e in self.entries:
            if fnmatch.fnmatchcase(rel, e[1]) and fnmatch.fnmatchcase(check, e[2]):
                self.hits[e[0]] += 1
                return e
        return None


# --------------------------------------------------------------------------
# main

def safe_name(rel):
    return re.sub(r"[^A-Za-z0-9._-]", "_", os.path.splitext(rel.replace("/", "__"))[0])[:60]


def parse_shard(text):
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected K/N, such as 0/2")
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError("expected 0 <= K < N")
    return k, n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_suivi = os.path.join(REPO_ROOT, ".build", "release", "suivi")
    if not os.path.exists(default_suivi):
        default_suivi = os.path.join(REPO_ROOT, ".build", "debug", "suivi")
    ap.add_argument("--suivi", default=default_suivi, help="suivi binary (default: %(default)s)")
    shared = os.environ.get("SUIVI_SHARED") or os.path.join(REPO_ROOT, "..", "shared")
    ap.add_argument("--corpus", default=os.path.normpath(os.path.join(shared, "corpus", "xlsx")),
                    help="corpus directory (default: %(default)s)")
    ap.add_argument("--allow", default=os.path.join(SCRIPT_DIR, "roundtrip-allowlist.tsv"),
                    help="allow-list TSV (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--only", help="only files whose corpus-relative path contains this")
    ap.add_argument("--shard", type=parse_shard, metavar="K/N",
                    help="check only the K-th of N parts of the corpus (files dealt by size, K from 0)")
    ap.add_argument("--max-sheets", type=int, default=0, metavar="N",
                    help="edit at most N worksheets of a file, spread evenly, the first and last included (default 0: all)")
    ap.add_argument("--keep", metavar="DIR", help="keep the work files (edited copies, CSVs, logs) in DIR")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()

    suivi = os.path.abspath(a.suivi)
    if not os.access(suivi, os.X_OK):
        ap.error("suivi binary not found or not executable: %s" % suivi)
    corpus = os.path.abspath(a.corpus)
    if not os.path.isdir(corpus):
        ap.error("corpus directory not found: %s" % corpus)
    if shutil.which("soffice") is None:
        ap.error("soffice (LibreOffice) not found on PATH")
    allow = AllowList(a.allow if a.allow and os.path.exists(a.allow) else None)
    if a.allow and not os.path.exists(a.allow):
        print("warning: allow-list %s not found, using an empty one" % a.allow, file=sys.stderr)
    for e in allow.errors:
        print("error: " + e, file=sys.stderr)
    if allow.errors:
        return 2
    files = find_files(corpus, a.only)
    if a.shard:
        k, n = a.shard
        by_size = sorted(files, key=lambda f: (-os.path.getsize(os.path.join(corpus, f)), f))
        files = sorted(f for i, f in enumerate(by_size) if i % n == k)
    if not files:
        print("no files to check", file=sys.stderr)
        return 2
    if a.keep:
        root = os.path.abspath(a.keep)
        if os.path.exists(root) and os.listdir(root):
            ap.error("--keep directory %s is not empty" % root)
        os.makedirs(root, exist_ok=True)
    else:
        root = tempfile.mkdtemp(prefix="suivi-roundtrip-")
    try:
        return run(a, suivi, corpus, files, allow, root)
    finally:
        if not a.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print("work files kept in %s" % root, file=sys.stderr)


def run(a, suivi, corpus, files, allow, root):
    t0 = time.perf_counter()
    ids = {f: "%04d" % i for i, f in enumerate(files)}
    workdirs = {f: os.path.join(root, "files", "%s-%s" % (ids[f], safe_name(f))) for f in files}
    results = {}
    sizes = {f: os.path.getsize(os.path.join(corpus, f)) for f in files}
    order = sorted(files, key=lambda f: -sizes[f])  # big files first: better load balance
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, a.jobs), initializer=worker_init) as ex:
        futs = {ex.submit(safe_process_file, suivi, corpus, f, workdirs[f], a.max_sheets): f for f in order}
        done = 0
        for fut in concurrent.futures.as_completed(futs):
            f = futs[fut]
            try:
                results[f] = fut.result()
            except BaseException as e:
                results[f] = {"file": f, "status": "hard", "failures": [("edit", "checker worker crashed: " + _err(e))],
                              "stats": {}, "plan": [], "result": None, "changed": [], "added": [],
                              "removed": [], "openpyxl": None, "covered": [], "seconds": 0.0,
                              "exit_status": None, "message": None}
            done += 1
            if a.verbose:
                print("[%d/%d %.0fs] %s: %s (%.1fs)" % (done, len(files), time.perf_counter() - t0, f,
                                                       results[f]["status"], results[f]["seconds"]), file=sys.stderr)
    t_workers = time.perf_counter() - t0

    # ---- LibreOffice, batched
    edited = [f for f in files if results[f]["status"] == "edited"]
    lo_skipped = Counter()
    lo_runs = 0
    lo_inputs = {}
    if edited:
        lo_in = os.path.join(root, "lo", "in")
        lo_out = os.path.join(root, "lo", "out")
        profile = os.path.join(root, "lo", "profile")
        os.makedirs(lo_in)
        os.makedirs(lo_out)
        for f in edited:
            ext = os.path.splitext(f)[1].lower() or ".xlsx"
            o_in = os.path.join(lo_in, "o%s%s" % (ids[f], ext))
            r_in = os.path.join(lo_in, "r%s%s" % (ids[f], ext))
            shutil.copyfile(results[f]["result"], r_in)
            lo_inputs[f] = (o_in, r_in)
        # The results first; an original only when its result gave no CSV (to tell a
        # result LibreOffice cannot read from a file it never could).
        with open(os.path.join(root, "lo", "soffice.log"), "w", encoding="utf-8") as log:
            gave_up, lo_runs = lo_convert_all([lo_inputs[f][1] for f in edited], lo_out, profile, log, a.verbose)
            listing = os.listdir(lo_out)
            # (not when LibreOffice gave up on the result for the size of its CSV: the
            # original's would be as large, and the file is counted as one it cannot check)
            originals = [f for f in edited if not csvs_of(lo_out, "r" + ids[f], listing)
                         and not (gave_up.get(lo_inputs[f][1]) or "").startswith("CSV larger")]
            for f in originals:
                shutil.copyfile(os.path.join(corpus, f), lo_inputs[f][0])
            if originals:
                gave_up_o, runs_o = lo_convert_all([lo_inputs[f][0] for f in originals], lo_out, profile, log, a.verbose)
                gave_up.update(gave_up_o)
                lo_runs += runs_o
        listing = os.listdir(lo_out)
        for f in edited:
            r = results[f]
            o_csv = csvs_of(lo_out, "o" + ids[f], listing)
            r_csv = csvs_of(lo_out, "r" + ids[f], listing)
            if not r_csv:
                why = gave_up.get(lo_inputs[f][1])
                if o_csv:
                    r["failures"].append(("libreoffice", "LibreOffice converts the original but not the result"
                                          + (" (soffice %s)" % why if why else "")))
                else:
                    o_why = gave_up.get(lo_inputs[f][0]) or gave_up.get(lo_inputs[f][1])
                    lo_skipped[o_why or "cannot load it"] += 1
                    if a.verbose:
                        print("LIBREOFFICE-SKIPPED\t%s\t%s" % (f, o_why or "cannot load the original"))
                continue
            covered = {tuple(x) for x in r.get("covered", [])}
            for n, name, part, ref, row in r["plan"]:
                path = r_csv.get(name)
                if path is None:  # unexpected naming: look in every CSV of the file
                    cands = [p for p in r_csv.values() if not check_csv(p, n, True, True)]
                    if cands:
                        r["stats"]["libreoffice CSV found by content"] = r["stats"].get("libreoffice CSV found by content", 0) + 1
                        continue
                    r["failures"].append(("libreoffice", "sheet %r: no CSV %s-%s.csv (got %s)"
                                          % (name, "r" + ids[f], name, ", ".join(sorted(r_csv)) or "none")))
                    continue
                hint = (" (the sheet has a pivot table: LibreOffice rebuilds its output on load)"
                        if name in r.get("pivots", ()) else "")
                for p in check_csv(path, n, (name, "ref") not in covered, (name, "append") not in covered):
                    r["failures"].append(("libreoffice", "sheet %r: %s%s" % (name, p, hint)))

    # ---- report
    counts = Counter()
    reader_refused = Counter()
    editor_refused = Counter()
    editor_example = {}
    stats_total = Counter()
    n_unlisted = n_allowed = 0
    passed = failed = 0
    for f in files:
        r = results[f]
        st = r["status"]
        counts[st] += 1
        stats_total.update(r.get("stats") or {})
        if st == "reader-refused":
            reader_refused[r["exit_status"]] += 1
        elif st == "editor-refused":
            editor_refused[r["exit_status"]] += 1
            editor_example.setdefault(r["exit_status"], "%s: %s" % (f, r["message"]))
            if a.verbose:
                print("REFUSED\t%s\texit %s\t%s" % (f, r["exit_status"], r["message"]))
        if r.get("openpyxl"):
            counts["openpyxl skipped"] += 1
            if a.verbose:
                print("OPENPYXL-SKIPPED\t%s\t%s" % (f, r["openpyxl"]))
        per_check = Counter()
        unlisted = 0
        for check, detail in r["failures"]:
            e = allow.match(f, check)
            if e:
                n_allowed += 1
                if a.verbose:
                    print("ALLOWED\t%s\t%s\t%s\t(allow-list line %d)" % (f, check, detail, e[0]))
                continue
            unlisted += 1
            per_check[check] += 1
            if per_check[check] <= MAX_LINES:
                print("FAIL\t%s\t%s\t%s" % (f, check, detail))
            elif per_check[check] == MAX_LINES + 1:
                print("FAIL\t%s\t%s\t(more failures of this check not shown)" % (f, check))
        n_unlisted += unlisted
        if unlisted:
            print("REPRODUCE\t%s\tcd %s && python3 %s --suivi %s --corpus %s --only %s --verbose" % (
                f, shlex.quote(REPO_ROOT), os.path.relpath(os.path.abspath(__file__), REPO_ROOT), a.suivi, a.corpus,
                shlex.quote(f)))
        if st == "edited":
            if not r["failures"]:
                counts["round-tripped"] += 1
            elif not unlisted:
                counts["allow-listed only"] += 1
        if unlisted:
            failed += 1
        else:
            passed += 1
        if a.verbose and st == "edited":
            print("ENTRIES\t%s\tchanged: %s\tadded: %s\tremoved: %s" % (
                f, ", ".join(r["changed"]) or "-", ", ".join(r["added"]) or "-", ", ".join(r["removed"]) or "-"))

    elapsed = time.perf_counter() - t0
    n_read = sum(1 for f in files if results[f].get("read"))
    print()
    print("files: %d in %.1f s (%d jobs; suivi and openpyxl %.1f s, LibreOffice %.1f s in %d soffice runs)"
          % (len(files), elapsed, a.jobs, t_workers, elapsed - t_workers, lo_runs))
    print("read by suivi: %d" % n_read)
    print("refused by the reader: %d%s" % (counts["reader-refused"], fmt_counter(reader_refused)))
    print("round-tripped (edited, all checks passed): %d" % counts["round-tripped"])
    if counts["allow-listed only"]:
        print("edited, only allow-listed failures: %d" % counts["allow-listed only"])
    print("refused by the editor: %d%s" % (counts["editor-refused"], fmt_counter(editor_refused)))
    for st in sorted(editor_example):
        print("  exit %s, e.g. %s" % (st, one_line(editor_example[st], 200)))
    if counts["nothing-to-edit"]:
        print("read, but no worksheet to edit: %d" % counts["nothing-to-edit"])
    print("openpyxl-check skipped (openpyxl cannot read the original): %d" % counts["openpyxl skipped"])
    print("LibreOffice-check skipped (LibreOffice cannot read the original): %d%s" % (
        sum(lo_skipped.values()), (" (" + ", ".join("%s: %d" % kv for kv in sorted(lo_skipped.items())) + ")")
        if lo_skipped else ""))
    for k in sorted(stats_total):
        print("%s: %d" % (k, stats_total[k]))
    print("failures: %d unlisted in %d files, %d allow-listed" % (n_unlisted, failed, n_allowed))
    checked = set(files)
    stale = [e for e in allow.entries if not allow.hits[e[0]]
             and (not (a.only or a.shard) or any(fnmatch.fnmatchcase(f, e[1]) for f in checked))]
    if stale:
        print("warning: %d allow-list entries matched nothing (stale):" % len(stale))
        for e in stale:
            print("  line %d: %s" % (e[0], e[4]))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def fmt_counter(c):
    if not c:
        return ""
    return " (" + ", ".join("exit %s: %d" % (k, v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))) + ")"


if __name__ == "__main__":
    sys.exit(main())
