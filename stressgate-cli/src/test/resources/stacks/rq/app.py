"""A FastAPI app enqueueing on RQ, the stack of seeds 000 and 003 (Uvicorn with several workers, RQ over Redis).

Run: python3 -m uvicorn app:app --workers 2 --port PORT  (with REDIS_URL, QUEUE and MAX_QUEUE in the environment).
Sheds load as seed 004's API does: 503 when the queue holds MAX_QUEUE jobs, 503 when Redis is down, never 500.
"""
import os

import redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job

import common

REDIS = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=2, socket_connect_timeout=1)
QUEUE = Queue(os.environ.get("QUEUE", "default"), connection=REDIS)
MAX_QUEUE = int(os.environ.get("MAX_QUEUE", "100000"))
JOB_TIMEOUT = int(os.environ.get("JOB_TIMEOUT", "120"))

app = FastAPI()


def unavailable(reason):
    return JSONResponse({"error": reason}, status_code=503, headers={"Retry-After": "1"})


@app.get("/health")
def health():
    # Healthy only with its queue reachable: the recovery probe of a Redis outage waits for this.
    try:
        REDIS.ping()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        return unavailable("redis unavailable")
    return {"ok": True}


@app.post("/jobs")
async def submit(request: Request):
    try:
        kind, seconds = common.parse_submission(await request.json())
    except ValueError as e:
        return JSONResponse({"error": str(e)}, status_code=422)
    try:
        if len(QUEUE) >= MAX_QUEUE:
            return unavailable("queue full")
        job = QUEUE.enqueue("tasks.run", kind, seconds, job_timeout=JOB_TIMEOUT, result_ttl=3600, failure_ttl=3600)
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        return unavailable("redis unavailable")
    return JSONResponse({"id": job.id, "status": "queued"}, status_code=202)


@app.get("/jobs/{job_id}")
def status(job_id: str):
    try:
        job = Job.fetch(job_id, connection=REDIS)
        return {"id": job_id, "status": job.get_status(refresh=False)}
    except NoSuchJobError:
        return JSONResponse({"error": "no such job"}, status_code=404)
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        return unavailable("redis unavailable")
