"""Running a child process with a time limit and a cap on its output: shared by the
interop checkers (openpyxl_crosscheck.py, roundtrip_check.py)."""
import subprocess
import threading


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
