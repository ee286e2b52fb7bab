"""History: every issue built on the page, kept as one JSON file per document.

    DATA/history/<id>.json   {"id", "updated", "title", "text", "form", "fields", "style"}

``id`` is 32 hex digits made by the server; an id from a client is used only after it
matched that pattern, so no client text ever becomes part of a path. Files are written
atomically (temporary file + rename). ``form`` is what the user typed into the form,
``fields`` what the built issue had (text and form together), for 下一期.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import threading
import time
from pathlib import Path

_ID = re.compile(r"^[0-9a-f]{32}$")
KEEP = 60  # entries listed (all stay on disk)


def new_id() -> str:
    return secrets.token_hex(16)


def valid_id(value: object) -> str | None:
    return value if isinstance(value, str) and _ID.match(value) else None


class History:
    def __init__(self, data_dir: Path):
        self.dir = Path(data_dir) / "history"
        self._lock = threading.Lock()

    def _path(self, doc_id: str) -> Path:
        if not _ID.match(doc_id):
            raise ValueError("bad history id")
        return self.dir / f"{doc_id}.json"

    def save(self, doc_id: str, *, text: str, form: dict, fields: dict, style: str | None) -> None:
        fields = dict(fields)
        title = (fields.get("name") or "未命名简报") + (f"第{fields['issue']}期" if fields.get("issue") else "")
        record = {"id": doc_id, "updated": time.time(), "title": title, "text": text,
                  "form": form, "fields": fields, "style": style}
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)  # the user's documents
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, self._path(doc_id))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def load(self, doc_id: str) -> dict | None:
        if not valid_id(doc_id):
            return None
        try:
            return json.loads(self._path(doc_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def entries(self) -> list[dict]:
        """Newest first: id, title, updated (seconds since the epoch)."""
        out = []
        if not self.dir.is_dir():
            return out
        for path in self.dir.glob("*.json"):
            if not _ID.match(path.stem):
                continue
            try:
                rec = json.loads(path.read_text(encoding="utf-8"))
                out.append({"id": path.stem, "title": str(rec.get("title", "")),
                            "updated": float(rec.get("updated", 0))})
            except (OSError, ValueError):
                continue
        out.sort(key=lambda r: r["updated"], reverse=True)
        return out[:KEEP]

    def latest(self) -> dict | None:
        entries = self.entries()
        return self.load(entries[0]["id"]) if entries else None
