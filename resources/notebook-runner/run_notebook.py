"""Runs a Jupyter notebook headless for a Pipewright notebook step.

Usage: python3 run_notebook.py NOTEBOOK

Pipewright has already written NOTEBOOK with the run's params in its injected cell; this runs
every cell in a python3 kernel of the step's environment, from the workspace folder (the step's
working directory, so paths mean what they mean in every other step), and writes the notebook
back with its outputs. It is written back even when a cell fails, so the failure can be read;
the exit code then is 1 and Pipewright names the failed cell in the step log.
"""

import os
import signal
import sys
import tempfile

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError


def stop(signum, _frame):
    # A cancel or timeout: leave through the client's clean-up, which shuts the kernel down.
    raise SystemExit(128 + signum)


def save(notebook, path):
    # Replaced whole: a reader never sees half a notebook.
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".executing-", suffix=".ipynb", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            nbformat.write(notebook, out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv):
    if len(argv) != 2:
        print("usage: run_notebook.py NOTEBOOK", file=sys.stderr)
        return 2
    path = argv[1]
    # The kernel inherits this: without it, debugpy warns about frozen modules on every run,
    # noise in each step log that says nothing about the notebook.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=None,
        kernel_name="python3",
        resources={"metadata": {"path": os.getcwd()}},
    )
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    status = 0
    try:
        client.execute()
    except CellExecutionError:
        status = 1
    except DeadKernelError as error:
        print(f"the notebook's kernel died: {error}", file=sys.stderr)
        status = 1
    finally:
        save(notebook, path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
