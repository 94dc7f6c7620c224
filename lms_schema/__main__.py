"""Run the command line as ``python -m lms_schema``."""

from lms_schema.cli import entry_point

entry_point()
