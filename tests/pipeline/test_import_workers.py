"""Parsing processes die with the import; a dry run says what it cannot undo (issue 12, item 8).

The orphan test starts a real import's parsing pool in a child process,
kills that process with SIGKILL (no clean-up runs) and checks that its
workers are gone.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from archive.management.commands.import_seeds import SEQUENCES_NOTE, Command

ROOT = Path(__file__).resolve().parents[2]

# Starts a pool of two parsing workers that stall, prints their ids, then waits.
POOL_THEN_WAIT = r"""
import multiprocessing, sys, threading, time
from archive.pipeline import workers
from archive.pipeline.sources import Source

def stall(source, known=frozenset()):
    time.sleep(600)

def tell():
    while len(multiprocessing.active_children()) < 2:
        time.sleep(0.05)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)

workers.parse_source = stall
threading.Thread(target=tell, daemon=True).start()
next(workers.parse_in_workers([Source(f"{i}.txt", b"x") for i in range(4)], 2, 4))
"""


def alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return state.split()[1] not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_parsing_workers_die_when_the_import_is_killed():
    parent = subprocess.Popen(
        [sys.executable, "-c", POOL_THEN_WAIT], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        # Not a measure of speed: a bound so that a failure ends the test.
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = [pid for pid in pids if alive(pid)]
    finally:
        parent.kill()
        parent.stdout.close()
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert survivors == []


@pytest.mark.django_db
def test_a_dry_run_on_postgresql_says_that_ids_are_skipped():
    out = io.StringIO()
    call_command("import_seeds", dry_run=True, stdout=out, stderr=io.StringIO())
    said = SEQUENCES_NOTE in out.getvalue()
    assert said == (connection.vendor == "postgresql")
    parser = Command().create_parser("manage.py", "import_seeds")
    assert "sequences are not transactional" in " ".join(parser.format_help().split())
