"""What the corpus checkers (openpyxl_crosscheck.py, roundtrip_check.py) share: finding
the corpus files, and running a child process with a time limit and a cap on its output."""
import os
import subprocess
import threading

# Files of the corpus folder that are not workbooks.
SKIP_NAMES = {"MANIFEST.tsv", "README.md"}


def find_files(corpus, only):
    """Every regular file under corpus (relative, '/'-separated, sorted), except
    SKIP_NAMES and symbolic links; with only, those whose path contains it."""
    files = []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        for fn in filenames:
            full = os.path.join(dirpath, fn)
            rel = os.path.relpath(full, corpus).replace(os.sep, "/")
            if rel in SKIP_NAMES or not os.path.isfile(full) or os.path.islink(full):
                continue
            if only and only not in rel:
                continue
            files.append(rel)
    return sorted(files)


def _reset_limits():
    """In the child: undo the worker's address-space soft limit."""
    try:
        import resource
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    except Exception:
        pass


def run_bounded(cmd, timeout, cap, cwd=None):
    """Run cmd; return (returncode or None on timeout, stdout bytes or None when
    it exceeded cap bytes (the child is then killed), stderr bytes)."""
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, preexec_fn=_reset_limits, cwd=cwd)
    out, err, over = [], [], [False]

    def pump_out():
        size = 0
        while True:
            b = p.stdout.read1(1 << 20)
            if not b:
                return
            size += len(b)
            if size > cap:
                over[0] = True
                p.kill()
                out.clear()
                return
            out.append(b)

    def pump_err():
        size = 0
        while True:
            b = p.stderr.read1(1 << 16)
            if not b:
                return
            if size < (1 << 20):
                err.append(b)
            size += len(b)

    threads = [threading.Thread(target=pump_out, daemon=True),
               threading.Thread(target=pump_err, daemon=True)]
    for t in threads:
        t.start()
    try:
        rc = p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = None
    for t in threads:
        t.join(10)
    p.stdout.close()
    p.stderr.close()
    return rc, (None if over[0] else b"".join(out)), b"".join(err)


_PATCHED = False


def patch_openpyxl():
    """Keep shared strings raw: openpyxl removes every 'x005F_', which loses the
    difference between '_x005F_x000D_' (literal '_x000D_') and '_x000D_' (CR).
    The checkers decode all _xHHHH_ escapes themselves."""
    global _PATCHED
    if _PATCHED:
        return
    import openpyxl.reader.excel as excel
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    def read_string_table(xml_source):
        strings = []
        tag = "{%s}si" % SHEET_MAIN_NS
        for _, node in iterparse(xml_source):
            if node.tag == tag:
                strings.append(Text.from_tree(node).content)
                node.clear()
        return strings

    excel.read_string_table = read_string_table
    _PATCHED = True
