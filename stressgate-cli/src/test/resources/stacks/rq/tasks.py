"""The RQ task: imported by `rq worker` from this folder."""
from rq import get_current_job

import common


def run(kind, seconds):
    return common.run_task(get_current_job().id, kind, seconds)
