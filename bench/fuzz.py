#!/usr/bin/env python3
"""Fuzz campaign: mutated samples through parse, check, layout and every renderer, in process.

    python bench/fuzz.py --minutes 30 [--seed 1] [--budget 10] [--render-every 1]
                         [--out bench/fuzz-failures]

Each input is one of the samples (samples/*.txt, and the parser fixtures
tests/parser/fixtures/*.txt for variety) with 1-8 random mutations (`mutate`): byte flips,
line edits (delete, duplicate, swap, cut, splice a line of another sample), characters
inserted from the tricky classes (brackets, quotes, C0/C1 controls, U+2028/U+2029/NEL, BOMs
in the text and before it, lone surrogates as bad UTF-8 bytes, entities, zero-width
characters, astral characters, long runs of spaces, NBSPs and U+3000, masthead and end-
block keywords), and now and then the whole text re-encoded as GB18030 or UTF-16.

`run_one` reads it as the CLI would (bulletin_export.parse on the bytes), then runs the
proofreading checks, the glyph coverage, layout.display_list and every renderer of
renderers.formats(), and reads the XML back. A BulletinError (the one-line errors of bad
input: InputError, FontError for a character no font has, ...) ends that input's run as
an expected outcome. Anything else is a failure: any other exception, a diagnostic whose
one-line headline holds a line break, or a run over --budget seconds (SIGALRM). Each
failure is saved under --out as <hash>.txt (the input bytes) and <hash>.json (stage,
error, traceback, seconds); the summary prints the count of inputs tried and of failures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "fuzz-failures"

BRACKETS = "【】（）()《》〔〕〖〗［］[]{}「」『』<>"
QUOTES = "“”‘’\"'`„‟‹›«»"
CONTROLS = "".join(map(chr, range(0, 32))) + "\x7f\x80\x85\x9f"
BREAKS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\n\n\n"]
ZERO_WIDTH = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u034f", "\u0301"]
ENTITIES = ["&#8232;", "&#x2029;", "&#65279;", "&#x200B;", "&amp;", "&lt;", "&#0;", "&#x110000;",
            "&#xD800;", "&#12288;", "&nbsp;", "&#", "&#x;", "&bogus;", "&#99999999999;"]
ASTRAL = ["𠮷", "😀", "𝐀", "\U000e0001", "\U0010fffd", "\ue000", "\uffff", "\ufffd"]
KEYWORDS = ["第4期", "（总第123期）", "2012年4月28日", "二〇一二年四月二十八日", "编", "工会工作简报",
            "本期印发：", "报：", "送：", "发：", "共印50份", "印发", "---", "name: 简报", "issue: 4",
            "【工作动态】", "编者按：", "附件：", "一、", "（一）", "1.", "目录", "（市总办公室）",
            "═══", "────", "————", "……", "⒈", "①"]
SPACES = [" ", "\u3000", "\u00a0", "\t", "\u2002", "\u202f"]
BOM_BYTES = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x84\x31\x95\x33"]
BAD_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xff", b"\x80", b"\xf4\x90\x80\x80",
             b"\xe4\xb8", b"\x00"]


def corpus() -> list[bytes]:
    """The sample files the mutations start from."""
    files = sorted((ROOT / "samples").glob("*.txt"))
    files += sorted((ROOT / "tests" / "parser" / "fixtures").glob("*.txt"))
    return [f.read_bytes() for f in files]


def _tricky(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice(BRACKETS) * rng.choice((1, 1, 2, 50))
    if kind == 1:
        return rng.choice(QUOTES) * rng.choice((1, 1, 3))
    if kind == 2:
        return rng.choice(CONTROLS)
    if kind == 3:
        return rng.choice(BREAKS)
    if kind == 4:
        return rng.choice(ZERO_WIDTH) * rng.choice((1, 2, 40))
    if kind == 5:
        return rng.choice(ENTITIES)
    if kind == 6:
        return rng.choice(ASTRAL)
    if kind == 7:
        return rng.choice(SPACES) * rng.choice((1, 2, 30, 500, 3000))
    return rng.choice(KEYWORDS)


def _text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def mutate(rng: random.Random, data: bytes, others: list[bytes] | None = None, rounds: int = 0) -> bytes:
    """`data` with 1-8 random mutations (`rounds` of them when given)."""
    text = _text_of(data)
    raw: bytes | None = None  # set once a byte-level mutation has happened
    for _ in range(rounds or rng.randint(1, 8)):
        op = rng.randrange(10)
        if raw is not None or op == 9:  # byte-level: flips, bad bytes, BOMs
            raw = raw if raw is not None else text.encode("utf-8", "surrogatepass")
            b = bytearray(raw)
            choice = rng.randrange(3)
            if choice == 0 and b:
                for _ in range(rng.randint(1, 4)):
                    b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
            elif choice == 1:
                at = rng.randint(0, len(b))
                b[at:at] = rng.choice(BAD_BYTES)
            else:
                b[0:0] = rng.choice(BOM_BYTES)
            raw = bytes(b)
            continue
        lines = text.split("\n")
        if op <= 3:  # insert tricky characters
            at = rng.randint(0, len(text))
            text = text[:at] + _tricky(rng) + text[at:]
        elif op == 4 and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
            text = "\n".join(lines)
        elif op == 5 and lines:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i] * rng.choice((1, 1, 2, 20)))
            text = "\n".join(lines)
        elif op == 6 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == 7:
            text = text[: rng.randint(0, len(text))]
        elif op == 8 and others:
            other = _text_of(rng.choice(others)).split("\n")
            lines.insert(rng.randint(0, len(lines)), rng.choice(other))
            text = "\n".join(lines)
    if raw is not None:
        return raw
    pick = rng.randrange(20)
    if pick == 0:
        return text.encode("gb18030", "replace")
    if pick == 1:
        return text.encode("utf-16", "surrogatepass")
    if pick == 2:
        return text.encode("utf-16-le", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")


class Overtime(BaseException):
    """Raised by SIGALRM when one input runs over its budget (a BaseException, so that no
    `except Exception` in the code under test swallows it)."""


@dataclass
class Outcome:
    stages: list[str] = field(default_factory=list)  # the stages that ran to the end
    expected: str | None = None  # the BulletinError that ended the run, if any
    failure: str | None = None  # why this input is a failure
    stage: str | None = None  # where it failed
    trace: str | None = None
    seconds: float = 0.0


_CTX = None


def _context():
    global _CTX
    if _CTX is None:
        from bulletin_export.renderers import RenderContext

        _CTX = RenderContext(source_date_epoch=1335571200)
    return _CTX


def run_one(data: bytes, *, render: bool = True, budget: float | None = 10.0,
            formats: list[str] | None = None) -> Outcome:
    """Run one input through every stage; see the module docstring for what fails."""
    import bulletin_export as bx
    from bulletin_export import checks, renderers
    from bulletin_export.errors import BulletinError
    from bulletin_export.layout import display_list

    ctx = _context()
    out = Outcome()
    state: dict = {}

    def headlines(diags) -> None:
        for d in diags:
            line = d.headline()
            if "\n" in line or "\r" in line or "\u2028" in line or "\u2029" in line or "\x85" in line:
                raise AssertionError(f"{d.code} headline holds a line break: {line[:80]!r}")

    def parse():
        state["res"] = bx.parse(data, file="fuzz.txt")
        headlines(state["res"].diagnostics)

    def check():
        headlines(checks.run_checks(state["res"]))

    def glyphs():
        found = ctx.fonts.coverage(state["res"].issue, state["res"].lines)
        headlines(found)
        state["missing"] = any(d.code == "BX401" for d in found)

    def layout():
        state["dl"] = display_list(state["res"].issue, ctx.style, ctx.fonts)

    stages = [("parse", parse), ("check", check), ("glyphs", glyphs), ("layout", layout)]
    drawn = {"layout"}  # stages that need a font for every character
    if render:
        for fmt in formats or renderers.formats():
            if getattr(renderers.get(fmt), "uses_fonts", True):
                drawn.add(fmt)
            def draw(fmt=fmt):
                ctx.checked = None
                got = renderers.get(fmt).render(state["res"].issue, ctx)
                if not isinstance(got, (bytes, bytearray)) or not got:
                    raise AssertionError(f"{fmt} renderer returned {type(got).__name__} of {len(got or b'')}")
                if fmt == "xml":
                    from bulletin_export.xmlio import read_issue

                    read_issue(bytes(got), "fuzz.xml")
            stages.append((fmt, draw))

    old = None
    if budget and hasattr(signal, "SIGALRM"):
        def alarm(signum, frame):
            raise Overtime()
        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, budget)
    t = time.perf_counter()
    try:
        for name, fn in stages:
            if name in drawn and state.get("missing"):
                continue  # a character no font has: the build stops at the glyph check (BX401)
            out.stage = name
            try:
                fn()
            except BulletinError as exc:
                out.expected = f"{type(exc).__name__}: {exc}"
                if "\n" in str(exc):
                    out.failure = f"the error message holds a line break: {str(exc)[:120]!r}"
                    out.trace = traceback.format_exc()
                break
            out.stages.append(name)
        out.stage = None if out.failure is None else out.stage
    except Overtime:
        out.failure = f"over the budget of {budget:.0f} s"
        out.trace = traceback.format_exc()
    except Exception as exc:  # the failures the campaign looks for
        out.failure = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        out.trace = traceback.format_exc()
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        out.seconds = time.perf_counter() - t
    return out


def save(data: bytes, out: Outcome, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:12]
    (folder / f"{name}.txt").write_bytes(data)
    (folder / f"{name}.json").write_text(json.dumps(
        {"stage": out.stage, "failure": out.failure, "seconds": round(out.seconds, 3),
         "trace": out.trace}, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder / f"{name}.txt"


def campaign(minutes: float, seed: int, budget: float, render_every: int, folder: Path) -> dict:
    rng = random.Random(seed)
    inputs = corpus()
    end = time.monotonic() + minutes * 60
    tried = rendered = 0
    failures: dict[str, int] = {}
    expected: dict[str, int] = {}
    slowest = 0.0
    while time.monotonic() < end:
        data = mutate(rng, rng.choice(inputs), inputs)
        render = render_every > 0 and tried % render_every == 0
        got = run_one(data, render=render, budget=budget)
        tried += 1
        rendered += render and got.failure is None and got.expected is None
        slowest = max(slowest, got.seconds)
        if got.expected:
            kind = got.expected.split(":")[0]
            expected[kind] = expected.get(kind, 0) + 1
        if got.failure:
            key = f"{got.stage}: " + re.sub(r"fuzz\.txt:\d+:\d+: ", "", got.failure)[:90]
            failures[key] = failures.get(key, 0) + 1
            if failures[key] <= 3:
                path = save(data, got, folder)
                print(f"FAIL {path.name}: {key}", file=sys.stderr, flush=True)
        if tried % 500 == 0:
            print(f"  {tried} inputs, {sum(failures.values())} failures", file=sys.stderr, flush=True)
    return {"tried": tried, "rendered_in_every_format": rendered, "failures": sum(failures.values()),
            "distinct_failures": failures, "expected_errors": expected,
            "slowest_seconds": round(slowest, 2), "minutes": minutes, "seed": seed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per input before it is a failure")
    ap.add_argument("--render-every", type=int, default=1,
                    help="render every Nth input in every format (0: never); the rest stop after layout")
    ap.add_argument("--out", type=Path, default=OUT, help="where failing inputs are saved")
    ap.add_argument("--replay", type=Path, nargs="*", help="run saved inputs again and print the outcome")
    args = ap.parse_args()
    if args.replay:
        bad = 0
        for path in args.replay:
            got = run_one(path.read_bytes(), budget=args.budget)
            bad += got.failure is not None
            print(f"{path}: {got.failure or got.expected or 'ok'} ({got.seconds:.2f} s)")
            if got.trace:
                print(got.trace)
        return 1 if bad else 0
    summary = campaign(args.minutes, args.seed, args.budget, args.render_every, args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
