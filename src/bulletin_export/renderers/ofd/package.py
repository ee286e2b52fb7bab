"""The OFD container: a ZIP with OFD.xml first and the other parts in a fixed order, every
entry deflated with a fixed timestamp and attributes, so equal parts give equal bytes."""

from __future__ import annotations

import io
import zipfile
from typing import Sequence

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_bytes(entries: Sequence[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data, compresslevel=6)
    return buf.getvalue()
