"""Typed problems of the tools, each mapped to the exit code the operator understands."""

OK = 0
FAILED = 1
BAD_INPUT = 2
REFUSED = 3


class BadInput(ValueError):
    """The command line or an input file is wrong; the message names the option or file."""

    exit_code = BAD_INPUT


class Refused(RuntimeError):
    """An artifact failed a check (accuracy drop over the gate, accuracy below a floor)."""

    exit_code = REFUSED
