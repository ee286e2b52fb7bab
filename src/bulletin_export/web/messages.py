"""Findings in Chinese for the page: one short sentence per diagnostic code, plus where.

The library's messages are English (they are for logs and the command line); the page
shows these instead, with the quoted text of the span so a secretary sees what is meant.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity

ZH: dict[str, str] = {
    "BX001": "文本编码已识别",
    "BX002": "删除了控制字符",
    "BX003": "删除了零宽字符",
    "BX004": "分页符按空行处理",
    "BX005": "软换行已并入本行",
    "BX006": "HTML 实体已换成对应字符",
    "BX101": "已识别报头",
    "BX102": "未知的头部字段，已忽略",
    "BX103": "头部字段的值无法识别，已忽略",
    "BX104": "日期不存在",
    "BX105": "头部块缺少结束行“---”",
    "BX106": "字段重复或前后不一致，以后者为准",
    "BX107": "头部块中此行不是“字段：值”，已跳过",
    "BX108": "期号行中的年份不会印出",
    "BX110": "此短行按文章标题处理",
    "BX111": "此短行按副标题处理",
    "BX112": "行末括号按稿件来源处理",
    "BX113": "此括号行按稿件来源处理",
    "BX114": "文章没有正文",
    "BX115": "一篇文章有两处来源，后者按正文处理",
    "BX116": "正文前没有标题，按无标题文章处理",
    "BX117": "栏目下没有文章",
    "BX118": "栏目名称为空",
    "BX119": "目录（本期要目）不排入正文",
    "BX120": "版记条目后的一行按收文单位续行处理",
    "BX122": "共印份数、印发日期或印发机关重复",
    "BX123": "版记条目没有收文单位",
    "BX124": "“印发”前的文字按印发机关处理",
    "BX130": "编者按不在第一篇文章前，按正文处理",
    "BX131": "编者按没有内容",
    "BX140": "装饰线已忽略",
    "BX150": "没有可排印的内容（无报头、文章或版记）",
    "BX201": "引号方向错误",
    "BX202": "引号或括号不成对",
    "BX211": "词语重复",
    "BX221": "中文中使用了半角标点",
    "BX222": "使用了全角数字或字母",
    "BX223": "中文中有多余空格",
    "BX231": "序号前后不一致",
    "BX241": "日期不存在",
    "BX242": "日期晚于本期日期",
    "BX251": "文章缺少来源",
    "BX252": "栏目下没有文章",
    "BX253": "期号与上一期不衔接",
    "BX401": "字库中没有这个字",
    "BX402": "此字由备用字体排印",
}

GROUPS = (("error", "错误"), ("warning", "警告"), ("info", "提示"))


def snippet(diag: Diagnostic, lines: tuple[str, ...] | list[str]) -> str:
    """The text the span covers (at most 12 characters), '' when there is none."""
    s = diag.span
    if s is None or not 1 <= s.line <= len(lines):
        return ""
    line = lines[s.line - 1]
    end = s.end_col if s.end_line == s.line and s.end_col > s.col else s.col + 1
    text = line[s.col - 1:end - 1]
    return text if len(text) <= 12 else text[:12] + "…"


def describe(diag: Diagnostic, lines) -> str:
    """`引号方向错误：「“」` — the Chinese sentence and the quoted text."""
    title = ZH.get(diag.code, diag.message)
    quoted = snippet(diag, lines)
    if diag.code == "BX401" and quoted:
        return f"字库中没有「{quoted[0]}」（U+{ord(quoted[0]):04X}）"
    if quoted.strip():
        return f"{title}：「{quoted}」"
    return title


def finding(diag: Diagnostic, lines, n_lines: int) -> dict:
    """What the page shows for one diagnostic (JSON)."""
    s = diag.span
    on_text = s is not None and 1 <= s.line <= n_lines
    return {
        "severity": diag.severity.value,
        "code": diag.code,
        "message": describe(diag, lines),
        "line": s.line if on_text else None,
        "col": s.col if on_text else None,
        "end_line": s.end_line if on_text else None,
        "end_col": s.end_col if on_text else None,
        "fix": diag.fix if on_text and diag.fix is not None and s.end_line == s.line else None,
    }


def blocking(diag: Diagnostic, lines) -> str:
    """Why a download is refused, in Chinese, naming the character and where."""
    s = diag.span
    where = f"第{s.line}行第{s.col}列" if s else ""
    if diag.code == "BX401":
        ch = snippet(diag, lines)[:1]
        return f"无法生成：字库中没有「{ch}」（U+{ord(ch):04X}），在{where}。请换字或在启动时用 --font-dir 提供含此字的字体。" if ch \
            else f"无法生成：字库中缺字（{where}）"
    if diag.code == "BX150":
        return "无法生成：没有可排印的内容，请输入或拖入简报正文。"
    return f"无法生成：{ZH.get(diag.code, diag.message)}（{where}）"


def is_error(diag: Diagnostic) -> bool:
    return diag.severity is Severity.ERROR
