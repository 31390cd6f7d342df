"""A job registered only in the tests: runs a real job, then stops at the gate (tests/crash/gate.py) after all its
effects and before the worker marks it done: the worst moment to die, when a re-run must change nothing."""

from django.utils.module_loading import import_string
from django_tasks import task

from . import gate


@task()
def run_then_block(task_path: str):
    result = import_string(task_path).call()
    if gate.closed():
        gate.wait_here()
    return result
