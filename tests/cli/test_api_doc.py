"""The example in docs/api.md runs as written."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_api_doc_example_runs(tmp_path, monkeypatch, capsys):
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1]
    code = re.search(r"```python\n(.*?)```", example, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "docs/api.md", "exec"), {"OUT_DIR": str(tmp_path)})
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["['工作动态', '文化建设', '服务基层']", "10"]
    assert (tmp_path / "suzhou-union-2012-04.xml").is_file()
