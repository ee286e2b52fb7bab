"""Word lists for BX211 (accidental repetition): what may be doubled and what may not.

Edit these lists, not the rules in repeats.py: every entry is a plain string.
"""

from __future__ import annotations

# Single characters that are never doubled on purpose (function words). Every other
# doubled character (常常, 人人, 天天, 谢谢, 王芳芳, the AA of AABB) is taken as meant.
FUNCTION_CHARS = frozenset("的了在是和与及把被也而")

# Phrases in which a repeat is legitimate even though the rules would report it:
# a doubled function character that is really two words (现在|在, 为了|了解), fixed
# expressions, and ABAB reduplication of verbs and adjectives. A repeat is silent when
# one of these phrases covers it in the text.
ALLOWED_PHRASES = frozenset(
    """
    不了了 了了解 了了然 了了结 了了却 目的的 标的的 的的确
    在在建 在在职 在在岗 在在校 在在场 在在线 在在编 在在读
    现在在 正在在 存在在 实在在 所在在 内在在 外在在 潜在在 自在在 还在在 就在在 都在在 实实在在
    是是否 是是非 可是是
    和和美美 和和气气 和和睦睦 平和和 温和和 总和和 缓和和 调和和 柔和和 参与与 给与与
    及及时 以及及 涉及及 普及及
    把把关 一把把 被被告 而而今 也也许
    研究研究 讨论讨论 学习学习 商量商量 考虑考虑 休息休息 锻炼锻炼 了解了解 活动活动
    交流交流 总结总结 检查检查 打扫打扫 放松放松 介绍介绍 认识认识 准备准备 整理整理
    比较比较 调查调查 分析分析 思考思考 体验体验 感受感受 尝试尝试 练习练习 收拾收拾
    清理清理 帮助帮助 关心关心 照顾照顾 安排安排 说明说明 解释解释 修改修改 考察考察
    雪白雪白 通红通红 笔直笔直 冰凉冰凉 火红火红 碧绿碧绿 漆黑漆黑 蜡黄蜡黄 滚烫滚烫
    哗啦哗啦 轰隆轰隆 扑通扑通 叮咚叮咚 滴答滴答 呼啦呼啦 咕咚咕咚
    谢谢谢谢 一一对应 一一列举 一一落实 一一解答 一一回复
    """.split()
)

# First characters of ABAB repeats that are a numeral-classifier series (一个一个,
# 一步一步, 一点一点): legitimate whatever the classifier is.
SERIES_FIRST = frozenset("一")

# Second characters of ABAB repeats that are an A-not-A question running on
# (是不是不想来, 有没有没落实的): legitimate.
NEGATION_SECOND = frozenset("不没")
