"""A stand-in load tool for the external-phase tests: it writes results (Locust CSVs, or copies one file), fails, or hangs with a child."""
import os
import shutil
import subprocess
import sys
import time

mode = sys.argv[1]
if mode == "write":
    out, fixtures, code = sys.argv[2], sys.argv[3], int(sys.argv[4])
    for name in ("run_stats.csv", "run_stats_history.csv"):
        shutil.copy(os.path.join(fixtures, name), os.path.join(out, name))
    print("wrote the results to", out, flush=True)
    sys.exit(code)
elif mode == "copy":
    source, target = sys.argv[2], sys.argv[3]
    shutil.copy(source, target)
    print("wrote the results to", target, flush=True)
elif mode == "fail":
    print("Traceback: locustfile.py not found", flush=True)
    sys.exit(int(sys.argv[2]))
elif mode == "hang":
    out = sys.argv[2]
    child = subprocess.Popen(["sleep", "300"])
    with open(os.path.join(out, "pids.tmp"), "w") as f:
        f.write("%d %d\n" % (os.getpid(), child.pid))
    os.rename(os.path.join(out, "pids.tmp"), os.path.join(out, "pids"))
    print("running with a child", child.pid, flush=True)
    time.sleep(300)
