"""The format's facts the renderer tests check against, spelled out from FORMAT.md (§1, §3)
so that a change in layout/rules.py or the style sheet cannot weaken the tests."""

NO_START = frozenset("。，、；：？！”’）〕】》〉」』…—·")  # never at the start of a line
NO_END = frozenset("“‘（〔【《〈「『")                  # never at the end of a line
PITCH = 28.95                                          # pt between lines (Word's 579 twips)
