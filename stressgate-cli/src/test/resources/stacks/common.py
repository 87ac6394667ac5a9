"""Task bodies shared by the RQ and Celery stacks: the faults of the seed reports, on request.

short:  a task of `seconds` (seed 000's short clips).
long:   the same, meant for tens of seconds (seed 000's twenty-minute files, scaled down).
spawn:  starts a helper process the way seed 001's task started mubeng, and stops it only when the task ends
        normally: a worker killed mid-task leaves the helper behind as an orphan. It computes for `seconds` rather
        than sleeping, as a transcription does, so the process working on it is the one using CPU.
leak:   the same as short, but keeps 1 MiB per call in the process for good (seed 004's memory leak), written so
        that its pages are resident.
"""
import os
import subprocess
import time

import redis

DONE_KEY = os.environ.get("STACK_DONE_KEY", "stack:done")
LEAKED = []


def run_task(job_id, kind, seconds):
    if kind == "spawn":
        # No new session, no process-group cleanup: exactly the careless pattern of seed 001.
        helper = subprocess.Popen(["sleep", "3600"])
        busy_for(float(seconds))
        helper.terminate()
        helper.wait()
    elif kind == "leak":
        LEAKED.append(bytearray(b"\x01") * (1 << 20))
        time.sleep(float(seconds))
    else:
        time.sleep(float(seconds))
    # Completions list: lets a run tell a duplicated job (done twice) from a single one.
    redis.Redis.from_url(os.environ["REDIS_URL"]).rpush(DONE_KEY, job_id)
    return {"kind": kind, "seconds": seconds}


def busy_for(seconds):
    end = time.monotonic() + seconds
    total = 0
    while time.monotonic() < end:
        total += sum(range(1000))
    return total


def parse_submission(body):
    """Returns (kind, seconds) or raises ValueError with the reason: the API answers 422 for it."""
    kind = body.get("kind", "short")
    if kind not in ("short", "long", "spawn", "leak"):
        raise ValueError("kind must be short, long, spawn or leak")
    seconds = body.get("seconds", 0.2)
    if not isinstance(seconds, (int, float)) or seconds < 0 or seconds > 600:
        raise ValueError("seconds must be a number from 0 to 600")
    return kind, seconds
