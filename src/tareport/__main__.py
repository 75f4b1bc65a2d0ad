"""``python -m tareport``: Ctrl-C at any moment, even while modules load, ends with a message, never a traceback."""
import signal
import sys

try:
    from .cli import main

    signal.signal(signal.SIGINT, signal.default_int_handler)  # set while the package loaded (see __init__)
    code = main()
except KeyboardInterrupt:
    print("tareport: interrupted", file=sys.stderr)
    code = 1
sys.exit(code)
