"""A Celery app with Redis as broker and result backend, the workers of seeds 001 and 004.

Run: python3 -m celery -A tasks worker --pool prefork --concurrency 2 --max-tasks-per-child 5 (REDIS_URL set).
"""
import os

from celery import Celery

import common

# A test that made a memory-limited cgroup names its cgroup.procs here: the worker joins it before its pool forks,
# so its children are limited too.
if os.environ.get("JOIN_CGROUP_PROCS"):
    with open(os.environ["JOIN_CGROUP_PROCS"], "w") as procs:
        procs.write(str(os.getpid()))

app = Celery("stack", broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])
app.conf.update(
    task_track_started=True,
    result_expires=3600,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    # Fail fast while Redis is down instead of retrying for ~20 s: the API sheds load with 503 (seed 004).
    redis_socket_connect_timeout=1,
    redis_socket_timeout=2,
    result_backend_transport_options={"retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}},
)


@app.task(bind=True, name="stack.run")
def run(self, kind, seconds):
    return common.run_task(self.request.id, kind, seconds)
