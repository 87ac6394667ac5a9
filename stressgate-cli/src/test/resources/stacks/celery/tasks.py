"""A Celery app with Redis as broker and result backend, the workers of seeds 001 and 004.

Run: python3 -m celery -A tasks worker --pool prefork --concurrency 2 --max-tasks-per-child 5 (REDIS_URL set).
"""
import os

from celery import Celery

import common

app = Celery("stack", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
app.conf.update(
    task_track_started=True,
    result_expires=3600,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)


@app.task(bind=True, name="stack.run")
def run(self, kind, seconds):
    return common.run_task(self.request.id, kind, seconds)
