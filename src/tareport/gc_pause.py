"""Garbage collection paused while a document is loaded.

Loading allocates hundreds of thousands of objects that all survive (the
parsed YAML, the model, the parsed inline texts) and creates no reference
cycles to speak of, so every collection during a load walks a growing heap
for nothing: a third of the load time of a long document. The collector is
switched off for the load and back on after it (reference counting still
frees everything as usual).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """No cyclic garbage collection inside the block; the previous state after it (nests safely)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
