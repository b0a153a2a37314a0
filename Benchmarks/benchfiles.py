"""File helpers shared by the benchmark generators."""
import os


def write_atomically(path, text):
    """Writes `text` to `path` through a temporary file and a rename, so that an interrupted run
    never leaves a truncated file that a later run would reuse as cached."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = f"{path}.tmp.{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
