"""A Flask API in front of the Celery workers, served by Gunicorn (seed 004's API, with its 503 circuit breaker).

Run: python3 -m gunicorn -w 2 -b 127.0.0.1:PORT api:app  (REDIS_URL and MAX_QUEUE in the environment).
"""
import os

import redis
from flask import Flask, jsonify, request
from kombu.exceptions import OperationalError

import common
import tasks

REDIS = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=2, socket_connect_timeout=1)
QUEUE = os.environ.get("QUEUE", "celery")
MAX_QUEUE = int(os.environ.get("MAX_QUEUE", "100000"))

app = Flask(__name__)


def unavailable(reason):
    return jsonify(error=reason), 503, {"Retry-After": "1"}


@app.get("/health")
def health():
    # Healthy only with the broker reachable: the recovery probe of a Redis outage waits for this.
    try:
        REDIS.ping()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
        return unavailable("redis unavailable")
    return jsonify(ok=True)


@app.post("/jobs")
def submit():
    try:
        kind, seconds = common.parse_submission(request.get_json(force=True, silent=True) or {})
    except ValueError as e:
        return jsonify(error=str(e)), 422
    try:
        if REDIS.llen(QUEUE) >= MAX_QUEUE:
            return unavailable("queue full")
        result = tasks.run.apply_async((kind, seconds), queue=QUEUE, retry=False)
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OperationalError):
        return unavailable("redis unavailable")
    return jsonify(id=result.id, status="queued"), 202


@app.get("/jobs/<job_id>")
def status(job_id):
    try:
        REDIS.ping()  # a quick 503 while Redis is down, before Celery's backend would retry
        state = tasks.app.AsyncResult(job_id).state
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OperationalError):
        return unavailable("redis unavailable")
    return jsonify(id=job_id, status=state.lower())
