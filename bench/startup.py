#!/usr/bin/env python3
"""Start-up of bin/daphne on `print("Hello World!");` against a bare JVM hello world on the same
JDK (the one the launcher picks), interleaved in one run, and the ratio of the medians.

    python3 bench/startup.py              # 15 runs of each
    python3 bench/startup.py --runs 30

Wall time of the whole process, from fork to exit, as a user sees it. The bare hello world is
compiled into a temporary directory with the same JDK's javac. The CPU model, the core count and
the load average are printed first, and the load average again last: on a shared machine the ratio
is steadier than either time. No numpy runs here.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAPHNE = os.path.join(ROOT, "bin", "daphne")


def timed(cmd, expect):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0 or r.stdout != expect or r.stderr:
        sys.exit("unexpected output from %s: rc=%d stdout=%r stderr=%r"
                 % (cmd, r.returncode, r.stdout, r.stderr))
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    benchlib.print_machine()
    home = benchlib.launcher_java_home()
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "Hello.java"), "w") as f:
            f.write('public class Hello { public static void main(String[] a) {'
                    ' System.out.println("Hello World!"); } }\n')
        subprocess.run([os.path.join(home, "bin", "javac"), "-d", d, os.path.join(d, "Hello.java")],
                       check=True)
        script = os.path.join(d, "hello.daph")
        with open(script, "w") as f:
            f.write('print("Hello World!");\n')
        jvm = [os.path.join(home, "bin", "java"), "-cp", d, "Hello"]
        daphne = [DAPHNE, script]
        expect = "Hello World!\n"
        for _ in range(2):  # page cache
            timed(jvm, expect)
            timed(daphne, expect)
        tj, td = [], []
        for _ in range(args.runs):
            tj.append(timed(jvm, expect))
            td.append(timed(daphne, expect))
    mj, md = statistics.median(tj), statistics.median(td)
    print("JDK %s; %d runs each; load %.2f %.2f %.2f" % ((home, args.runs) + os.getloadavg()))
    print("bare JVM hello world  median %.3f s  min %.3f s" % (mj, min(tj)))
    print("bin/daphne hello      median %.3f s  min %.3f s" % (md, min(td)))
    print("ratio daphne/JVM      %.2f (median)  %.2f (min)" % (md / mj, min(td) / min(tj)))
    benchlib.print_load_at_end()


if __name__ == "__main__":
    main()
