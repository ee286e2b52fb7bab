"""The application layer: the one place that plans, reads, diagnoses, renders and writes.

    from bulletin_export import app
    result = app.build_one(app.Source("a.txt", data), app.BuildOptions(formats=("pdf",), out_dir=None))
    result.outputs["pdf"]                         # bytes; result.diagnostics, result.error
    report = app.run([Path("samples")], app.BuildOptions(formats=("xml",)), on_result=print)

The CLI's build and check, api.convert and the web page call it (docs/architecture.md):
  build_one(source, options) -> Result   read (readers), diagnose, render, in memory
  diagnose(parsed, options, fonts) -> [Diagnostic]   the single policy (policy.py)
  run(inputs, options, on_result) -> Report   plan, run (pool), write all-or-nothing
"""

from __future__ import annotations

from .build import build_one, context, read_source, wants_glyphs
from .plan import Job, default_jobs, discover, fit_name, plan, validate_formats
from .policy import diagnose, first_error, is_guess
from .records import DEFAULT_FORMATS, DEFAULT_OUT_DIR, BuildOptions, Report, Result, Source, display
from .runner import Interrupted, run

__all__ = [
    "DEFAULT_FORMATS", "DEFAULT_OUT_DIR", "BuildOptions", "Interrupted", "Job", "Report", "Result",
    "Source", "build_one", "context", "default_jobs", "diagnose", "discover", "display",
    "first_error", "fit_name", "is_guess", "plan", "read_source", "run", "validate_formats",
    "wants_glyphs",
]
