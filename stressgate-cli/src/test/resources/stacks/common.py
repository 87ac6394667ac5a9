"""Task bodies shared by the RQ and Celery stacks: the faults of the seed reports, on request.

short:  a task of `seconds` (seed 000's short clips).
long:   the same, meant for tens of seconds (seed 000's twenty-minute files, scaled down).
spawn:  starts a helper process the way seed 001's task started mubeng, and stops it only when the task ends
        normally: a worker killed mid-task leaves the helper behind as an orphan.
"""
import os
import subprocess
import time

import redis

DONE_KEY = os.environ.get("STACK_DONE_KEY", "stack:done")


def run_task(job_id, kind, seconds):
    helper = None
    if kind == "spawn":
        # No new session, no process-group cleanup: exactly the careless pattern of seed 001.
        helper = subprocess.Popen(["sleep", "3600"])
    time.sleep(float(seconds))
    if helper is not None:
        helper.terminate()
        helper.wait()
    # Completions list: lets a run tell a duplicated job (done twice) from a single one.
    redis.Redis.from_url(os.environ["REDIS_URL"]).rpush(DONE_KEY, job_id)
    return {"kind": kind, "seconds": seconds}


def parse_submission(body):
    """Returns (kind, seconds) or raises ValueError with the reason: the API answers 422 for it."""
    kind = body.get("kind", "short")
    if kind not in ("short", "long", "spawn"):
        raise ValueError("kind must be short, long or spawn")
    seconds = body.get("seconds", 0.2)
    if not isinstance(seconds, (int, float)) or seconds < 0 or seconds > 600:
        raise ValueError("seconds must be a number from 0 to 600")
    return kind, seconds
