"""The one stop policy of a batch run, whatever the engine (this process, a worker pool, Dask).

A batch is stopped by SIGINT (Ctrl-C in a terminal, sent to the whole process group) or SIGTERM
(``timeout``, schedulers, ``kill``). Only the process that runs the batch decides what that
means; worker processes ignore both (:func:`stop_signals_blocked` for the local pool,
:func:`stop_signals_ignored` for Dask's LocalCluster):

- first signal: no further input is read; work in flight is finished where it is small (the
  local engines: at most a few chunks of articles) or dropped where it is not (Dask: whole
  partitions, redone by ``--resume``); every record already analysed is written;
- a second signal: stop at once, keeping what is written;
- either way the summary line is printed and the exit status is 128 + the signal (130, 143).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals a batch treats as "stop"; workers ignore them.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopNow(KeyboardInterrupt):
    """A second stop signal: drop the work in flight and stop at once."""


class StopFlag:
    """What the signals asked for; set by the handler :func:`graceful_stop` installs.

    The second signal raises :class:`StopNow` only while ``interruptible`` is set, which the
    batch does while it waits for the next record and never while it writes one, so no line
    is torn; otherwise it sets ``now`` for the loop to see.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.now = False
        self.interruptible = False

    @property
    def requested(self) -> bool:
        return self.signum is not None

    def handler(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum
            return
        self.now = True
        if self.interruptible:
            self.interruptible = False
            raise StopNow


def exit_status(signum: int | None) -> int:
    """128 + the signal, as shells report a process ended by it: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum if signum else 0


@contextmanager
def graceful_stop() -> Iterator[StopFlag]:
    """Install the stop handlers for the duration of a run (main thread only; elsewhere none)."""
    flag = StopFlag()
    installed = {}
    try:
        for sig in STOP_SIGNALS:
            installed[sig] = signal.signal(sig, flag.handler)
    except ValueError:  # not the main thread (e.g. a test runner's worker thread): no handlers
        pass
    try:
        yield flag
    finally:
        for sig, previous in installed.items():
            signal.signal(sig, previous)


@contextmanager
def stop_signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM in this thread while worker processes are started.

    A forked child inherits the mask, so a local pool worker cannot be stopped by a signal before
    its initializer has set the signals to ignored and unblocked them. Signals sent to this
    process meanwhile stay pending and reach the stop handler when the block ends.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def stop_signals_ignored() -> Iterator[None]:
    """Ignore SIGINT/SIGTERM while processes are spawned, so they start ignoring them.

    An ignored signal stays ignored across exec, and Python (and asyncio) install no Ctrl-C
    handler over an inherited SIG_IGN: used for Dask's workers, which run no code of ours
    before their first task. The signals are blocked meanwhile, so one sent to this process is
    not lost but kept pending and delivered to the stop handler when the handlers are back.
    """
    with stop_signals_blocked():
        previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in STOP_SIGNALS}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
