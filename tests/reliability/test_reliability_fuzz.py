"""Property tests: any text or bytes, however hostile, goes through parse, the checks, the
glyph check and layout (and, on a few, every renderer) with no exception other than the
one-line BulletinError of bad input, no diagnostic headline holding a line break, and
within a time budget. The mutations and the run are bench/fuzz.py's (the long campaign);
here a fixed seed and derandomize=True keep every run the same."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bx_fuzz", ROOT / "bench" / "fuzz.py")
fuzz = sys.modules.setdefault("bx_fuzz", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(fuzz)

CORPUS = fuzz.corpus()
SAMPLE_LINES = sorted({ln for data in CORPUS[:2] for ln in fuzz._text_of(data).split("\n")})
TRICKY = (fuzz.BRACKETS + fuzz.QUOTES + fuzz.CONTROLS + "".join(fuzz.BREAKS + fuzz.ZERO_WIDTH
          + fuzz.SPACES + fuzz.ASTRAL) + "工会简报第期年月日编印发：，。、；（）0123456789abcXYZ&#;x")
PROPS = settings(max_examples=250, derandomize=True, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _ok(data: bytes, *, render: bool = False) -> None:
    got = fuzz.run_one(data, render=render, budget=20.0)
    assert got.failure is None, f"{got.stage}: {got.failure}\n{got.trace}"
    assert got.stages[:1] == ["parse"] or got.expected, got


@PROPS
@given(seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 8))
def test_mutated_samples(seed: int, rounds: int) -> None:
    rng = random.Random(seed)
    _ok(fuzz.mutate(rng, rng.choice(CORPUS), CORPUS, rounds))


line = st.one_of(st.sampled_from(SAMPLE_LINES), st.text(alphabet=TRICKY, max_size=60),
                 st.builds(lambda a, b, c: a + b + c, st.sampled_from(SAMPLE_LINES),
                           st.text(alphabet=TRICKY, min_size=1, max_size=8),
                           st.sampled_from(SAMPLE_LINES)))


@PROPS
@given(lines=st.lists(line, max_size=40), codec=st.sampled_from(["utf-8", "utf-8", "gb18030", "utf-16"]))
def test_generated_text(lines: list[str], codec: str) -> None:
    text = "\n".join(lines)
    _ok(text.encode(codec, "surrogatepass" if codec != "gb18030" else "replace"))


@settings(PROPS, max_examples=10)
@given(lines=st.lists(st.one_of(st.sampled_from(SAMPLE_LINES),
                                st.text(alphabet=TRICKY, max_size=40)),
                      min_size=3, max_size=25))
def test_generated_text_renders_in_every_format(lines: list[str]) -> None:
    """A few small inputs through every renderer too."""
    _ok("\n".join(lines).encode("utf-8", "surrogatepass"), render=True)


def test_invisible_characters_render_in_every_format() -> None:
    """Format characters no face has (a tag, direction marks and overrides, invisible
    times): found by bench/fuzz.py as a KeyError in the PDF drawer, fixed in 9fb6370."""
    _ok("【工作动态】\n市总召开会议\n\n日前，市总\U000e0001召\u200e开\u200f会\u202e议\u2062。（市总办公室）\n".encode(), render=True)


def test_harness_reports_a_failure_and_the_budget(tmp_path, monkeypatch) -> None:
    """The harness itself: an exception that is not a BulletinError, and a run over the
    budget, are failures saved with their input; a BulletinError is an expected outcome."""
    import time

    from bulletin_export import checks

    def boom(result, **kw):
        raise ZeroDivisionError("planted")

    monkeypatch.setattr(checks, "run_checks", boom)
    got = fuzz.run_one("【工作动态】\n标题\n正文。\n".encode(), render=False)
    assert got.stage == "check" and got.failure == "ZeroDivisionError: planted"
    saved = fuzz.save(b"abc", got, tmp_path)
    assert saved.read_bytes() == b"abc" and saved.with_suffix(".json").is_file()

    monkeypatch.setattr(checks, "run_checks", lambda result, **kw: time.sleep(5) or [])
    t = time.perf_counter()
    got = fuzz.run_one("【工作动态】\n标题\n正文。\n".encode(), render=False, budget=0.3)
    assert got.failure == "over the budget of 0 s" and time.perf_counter() - t < 2

    got = fuzz.run_one(b"\x00\x01\x02binary", render=False)
    assert got.failure is None and got.expected.startswith("InputError: fuzz.txt: binary file")
