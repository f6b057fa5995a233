"""The patterns of date phrases, as data: full dates (8月29日至30日, July 3-4, 2019), month/day
headlines (8/29), relative days (今（5）日, 本週五（22日）, next Thursday), weekends and "the following day".

Patterns run on folded text (full-width digits already ASCII, 於 already 于); ``date_phrases`` applies
them.
"""

from __future__ import annotations

import re

from crawler.events import lexicon

_RANGE_DASH_ZH = r"(?:至|到|-|~|—|–)"
# A month or day number: digits, or 十 (10), the one Chinese numeral the folding leaves (text.fold).
_ZH_NUMBER = r"(?:\d{1,2}|十)"
_ZH_YEAR = (
    r"(?:民国\s*(?P<roc>\d{1,3})\s*年|(?<!\d)(?P<year>\d{4})\s*年|(?<!\d)(?P<roc_bare>\d{3})\s*年"
    r"|(?P<relative_year>去年|今年|明年))"
)
ZH_RELATIVE_YEARS = {"去年": -1, "今年": 0, "明年": 1}
# 12月18、19、20日: consecutive days listed, the mark written once after the last (the list's inner days
# are not kept: its first and last say the span).
_ZH_DAY_LIST = rf"(?:\s*[、,，]\s*{_ZH_NUMBER})*?\s*[、,，和及]\s*(?P<listed_last>{_ZH_NUMBER})\s*[日号]"
# 10月6日（星期二）至8日（星期四）, 22日（二）: releases gloss each day with its weekday, inside a range too.
WEEKDAY_GLOSS_ZH = r"(?:\s*\(\s*(?:星期|周|礼拜)?\s*[一二三四五六日天]\s*\))?"
# 16日、17日: a second day written in full after the first; a span only where the days follow each other
# (``date_phrases`` checks).
_ZH_SECOND_DAY = rf"\s*[、和及]\s*(?P<listed2>{_ZH_NUMBER})\s*[日号]{WEEKDAY_GLOSS_ZH}"
ZH_FULL = re.compile(
    rf"(?:{_ZH_YEAR}\s*)?(?<!\d)(?P<month>{_ZH_NUMBER})\s*月\s*(?P<day>{_ZH_NUMBER})"
    rf"(?:{_ZH_DAY_LIST}|\s*(?P<day_mark>[日号])?{WEEKDAY_GLOSS_ZH}"
    rf"(?:\s*{_RANGE_DASH_ZH}\s*(?:(?P<month2>{_ZH_NUMBER})\s*月\s*)?(?P<day2>{_ZH_NUMBER})\s*[日号]{WEEKDAY_GLOSS_ZH}"
    rf"|(?<=[日号)]){_ZH_SECOND_DAY})?)"
)
# Taiwanese headlines write month/day: 雙城論壇8/29-30上海登場, （8/29）. Only beside Chinese text, where
# it cannot be a fraction or a US date of an English sentence.
_MONTH_NUMBER = r"(?:1[0-2]|0?[1-9])"
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])"
_SLASH_WEEKDAY = r"\s*\(\s*(?:星期|周|礼拜)?[一二三四五六日天]\s*\)"
ZH_SLASH = re.compile(
    rf"(?<=[\u3400-\u9fff（(])(?P<month>{_MONTH_NUMBER})/(?P<day>{_DAY_NUMBER})"
    rf"(?:\s*[-~–—]\s*(?:(?P<month2>{_MONTH_NUMBER})/)?(?P<day2>{_DAY_NUMBER}))?(?![\d/.])"
    rf"|(?<![\d/.])(?P<month_>{_MONTH_NUMBER})/(?P<day_>{_DAY_NUMBER})"
    rf"(?:\s*[-~–—]\s*(?:(?P<month2_>{_MONTH_NUMBER})/)?(?P<day2_>{_DAY_NUMBER}))?(?=[\u3400-\u9fff）)])"
    # A fact box's date line glosses each day with its weekday: 日期：9/14(四)～9/15(五), 3/18（週六）.
    rf"|(?<![\d/.])(?P<month__>{_MONTH_NUMBER})/(?P<day__>{_DAY_NUMBER}){_SLASH_WEEKDAY}"
    rf"(?:\s*[-~–—至]\s*(?:(?P<month2__>{_MONTH_NUMBER})/)?(?P<day2__>{_DAY_NUMBER})(?:{_SLASH_WEEKDAY})?)?"
)
# 本月29日, 本月18至20日 (the mark written once, after the range's end), 下月5日至7日, 本月30、31日
ZH_MONTH_RELATIVE = re.compile(
    rf"(?P<which>本月|下月|上月|这个月|下个月|上个月)\s*(?P<day>{_ZH_NUMBER})\s*"
    rf"(?:[日号]{WEEKDAY_GLOSS_ZH}(?:\s*{_RANGE_DASH_ZH}\s*(?P<day2>{_ZH_NUMBER})\s*[日号]|{_ZH_SECOND_DAY})?"
    rf"|{_RANGE_DASH_ZH}\s*(?P<day2_unmarked>{_ZH_NUMBER})\s*[日号]"
    rf"|{_ZH_DAY_LIST})"  # 本月30、31日: the mark once, after the list's last day
)
ZH_RELATIVE_MONTHS = {"上月": -1, "上个月": -1, "本月": 0, "这个月": 0, "下月": 1, "下个月": 1}
# What every match of ZH_MONTH_RELATIVE holds one of (its ``which``).
ZH_MONTH_RELATIVE_NEEDS = tuple(ZH_RELATIVE_MONTHS)
ZH_DAY_ONLY = re.compile(
    # 十日 alone only after 于/在: 为期十日 is a length
    rf"(?<![\d月])(?P<day>\d{{1,2}}|(?<=[于在])十)\s*[日号]{WEEKDAY_GLOSS_ZH}"
    rf"(?:\s*{_RANGE_DASH_ZH}\s*(?P<day2>{_ZH_NUMBER})\s*[日号]{WEEKDAY_GLOSS_ZH})?"
    # 18、19兩日, 18日、19日, 18、19、20日
    rf"|(?<![\d月、])(?P<first>\d{{1,2}})\s*日?(?:\s*、\s*\d{{1,2}})*?\s*[、和及]\s*(?P<second>\d{{1,2}})"
    r"\s*(?:[两二三]\s*)?[日天]"
)
# A day-only date counts when a holding verb follows closely or 于 stands before it: 论坛于24日举行,
# not 24日发布消息.
# 洽谈会将持续至14日: the day it runs until.
# 20日起, 自20日起: the first day of a run ("from the 20th")
SPAN_FROM_AFTER_ZH = r"\s*起(?![来草])"
DAY_ONLY_BEFORE = re.compile(rf"(?:于|在|定于|订于|拟于)\s*$|{lexicon.RUNS_UNTIL_BEFORE_ZH}")
DAY_ONLY_AFTER = re.compile(
    rf"(?:[^，。,；;]{{0,8}}?|{lexicon.AT_THE_VENUE_ZH})(?:{lexicon.HOLDING_VERBS_ZH}|{lexicon.CLOSING_VERBS_ZH})"
    # 19日是峰會的次日, 30日进入第二天
    r"|\s*(?:是|进入)[^，。,；;]{0,24}?(?:论坛|峰会|大会|开幕|闭幕|第[二三四\d]天|最后一天)"
    # 自20日起陆续开展, 8日起展开: the day a run of activities starts from; 14日起，近20场配套活动陆续在厦门展开:
    # the run's subject may stand between, after a comma; 自14日起在厦门、漳州、泉州等地展开: or where it runs
    rf"|{SPAN_FROM_AFTER_ZH}(?:[^，。,；;]{{0,6}}?|[^，。,；;]{{0,4}}?{lexicon.AT_THE_VENUE_ZH}|[，,][^，。,；;]{{0,40}}?)"
    r"(?:展开|开展|启动|进行|举行|举办|开幕|登场)"
)  # .match(text, position)
# Not the 明日 of 光明日报 (Guangming Daily, an outlet whose dateline opens many leads).
# 今晨, 今早, 明晨: the morning of a day, when forums open (as the English "this morning").
ZH_RELATIVE = re.compile(
    r"(?<!的)(?P<word>今天|今日|明天|(?<!光)明日|后天|昨天|昨日|前天|今晨|今早|昨晨|明早|明晨)"
    r"(?:\s*\(\s*(?P<hint>\d{1,2})\s*日\s*\))?"
)
ZH_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
    "昨天": -1,
    "昨日": -1,
    "前天": -2,
    "今晨": 0,
    "今早": 0,
    "昨晨": -1,
    "明早": 1,
    "明晨": 1,
}
# What every match of ZH_RELATIVE holds one of: a day mark, or the morning.
ZH_RELATIVE_NEEDS = ("日", "天", "晨", "早")
# Taiwanese wire style: 今（5）日, 明（6）日, 昨（29）日 (the word and the day of the month in one).
ZH_BRACKETED_RELATIVE = re.compile(
    r"(?<![目之以提])(?P<word>今|明|昨|前|后)\s*\(\s*(?P<hint>\d{1,2})\s*\)\s*日"
)
ZH_BRACKETED_DAYS = {"今": 0, "明": 1, "后": 2, "昨": -1, "前": -2}
ZH_BRACKETED_NEEDS = ("(",)  # every match of ZH_BRACKETED_RELATIVE holds the bracket (folded to ASCII)
# 本周五（22日）, 下星期二, 周六: a weekday, of this week, the next or the last, or the one the tense points at.
ZH_WEEKDAY = re.compile(
    r"(?P<which>本|这|下|上)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])(?:\s*\(\s*(?P<hint>\d{1,2})\s*日?\s*\))?"
    # 下週一、二 / 周四至周五: the second weekday of a range
    r"(?:\s*[、至到和及-]\s*(?:周|星期|礼拜)?(?P<day2>[一二三四五六日天])(?![\u3400-\u9fff]{0,1}[届次年月]))?"
)
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
ZH_WEEKS = {"本": 0, "这": 0, "下": 1, "上": -1}
# Not 峰会的次日, 论坛进入第二天, 雙城論壇第二天: the forum's second day, not the day after a date.
ZH_NEXT_DAY = re.compile(r"(?<!的)(?<!进入)(?<!论坛)(?<!峰会)(?<!大会)(?:次日|翌日|第二天|隔天)")
ZH_NEXT_DAY_NEEDS = ("次日", "翌日", "第二天", "隔天")  # what every match of it holds one of
FIRST_DAY_ZH = re.compile(r"首日|第一天")
ZH_SAME_DAY = re.compile(r"(?<![每])(?:当天|当日)")  # 22日举行，当天下午闭幕: the day just named
ZH_SAME_DAY_NEEDS = ("当天", "当日")  # what every match of it holds one of
ZH_DATELINE_AFTER = re.compile(r"\s*[电讯]")  # used with .match(text, position)
# An outlet's marker before the lead's first words (南京日报讯, 本报讯, 【明報專訊】, 〔記者林怡君／台北報導〕), or a
# transcript's speaker (主播：, 记者：): a date after it opens the sentence as much as one with nothing before it.
ZH_LEAD_MARKER = re.compile(
    r"\s*(?:[【〔\[][^】〕\]]{1,30}[】〕\]]|[\u3400-\u9fff\d ]{1,16}[讯电](?:\s*[(（][^)）]{1,20}[)）])?"
    r"|[\u3400-\u9fff]{1,6}\s*[:：])?\s*"
)  # used with .fullmatch(text before the date)
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Capitalised only: "may 3" is rarer than "may" the verb.
_MONTH_EN = "|".join(sorted((m.capitalize() for m in MONTHS_EN), key=len, reverse=True))
_ORDINAL_SUFFIX = r"(?:st|nd|rd|th)?"
EN_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_EN})\b\.?\s+(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}\b"
    rf"(?:\s*(?:-|–|—|to|through|until|and)\s*(?:(?P<month2>{_MONTH_EN})\b\.?\s+)?(?P<day2>\d{{1,2}}){_ORDINAL_SUFFIX}\b)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
EN_DAY_MONTH = re.compile(
    # "18 and 19 November", "5th-6th July": British and Asian papers put the days before the month
    rf"(?<![\d,])\b(?P<day>\d{{1,2}}){_ORDINAL_SUFFIX}(?:\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}}){_ORDINAL_SUFFIX})?"
    rf"\s+(?P<month>{_MONTH_EN})\b\.?"
    rf"(?:\s*(?:-|–|to|until|through)\s*(?P<day3>\d{{1,2}}){_ORDINAL_SUFFIX}\s+(?P<month2>{_MONTH_EN})\b\.?)?"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY_NAMES = "|".join(d.capitalize() for d in WEEKDAYS_EN)
EN_WEEKDAY = re.compile(
    rf"\b(?:(?P<which>next|this|last)\s+)?(?P<day>{_EN_WEEKDAY_NAMES})\b"
    # "from Tuesday to Thursday", "Monday through Wednesday": a range of weekdays, its last day written out
    rf"(?:\s*(?:to|through|thru|until|till|-|–)\s*(?P<range_end>{_EN_WEEKDAY_NAMES})\b)?"
    # "on Thursday and Friday next week"
    rf"(?:(?:\s*(?:and|to|-|–)\s*(?P<day2>{_EN_WEEKDAY_NAMES})\b)?\s+(?:of\s+)?(?P<week_after>next|this|last)\s+week\b)?"
)
# "this weekend", 本周末: its Saturday (a two-day forum then ends on the Sunday).
EN_WEEKEND = re.compile(
    r"\b(?:(?P<which>this|next|last|the\s+coming|the\s+past)\s+)?weekend\b", re.IGNORECASE
)
ZH_WEEKEND = re.compile(r"(?<!每)(?P<which>本|这|下|上)?(?:个)?周末")
WEEKEND_WEEKS = {
    "this": 0,
    "the coming": 0,
    "next": 1,
    "last": -1,
    "the past": -1,
    "本": 0,
    "这": 0,
    "下": 1,
    "上": -1,
}
SATURDAY = 5
# "on the 18th": a day of this month or the next, as 18日 is; "from the 5th to the 7th of next month", "on the 5th
# and 6th of October": ordinal days may make a span, and name their month.
_ORDINAL_EN = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
EN_ORDINAL_DAY = re.compile(
    rf"\b(?:on|from|between)\s+the\s+(?P<day>{_ORDINAL_EN})"
    rf"(?:\s*(?:-|–|to|and|through|until)\s*(?:the\s+)?(?P<day2>{_ORDINAL_EN}))?"
    rf"(?:\s+of\s+(?:(?P<which>this|next)\s+month\b|(?P<month>(?-i:{_MONTH_EN}))\b))?"
    r"(?!\s+(?:century|anniversary|edition|time|floor|session|round|annual|of\s+(?!this\b|next\b)))",
    re.IGNORECASE,
)
EN_ORDINAL_MONTHS = {"this": 0, "next": 1}  # "on the 13th of next month"
# 今明兩天 / 今明两日: today and tomorrow
ZH_TODAY_AND_TOMORROW = re.compile(r"今\s*、?\s*明\s*[两二]?\s*[天日]")
ZH_TODAY_AND_TOMORROW_NEEDS = ("明",)  # what every match of it holds
EN_WEEKS = {"this": 0, "next": 1, "last": -1}
# "this morning", "this afternoon": a part of the day of publication, as "tonight" is. (Not "this evening",
# nor 今晚, 昨晚: an evening is a dinner's, a gala's or a debate's more often than a forum's.)
EN_RELATIVE = re.compile(
    r"\b(?P<word>today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon))\b", re.IGNORECASE
)
EN_RELATIVE_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
EN_PART_OF_TODAY = "this"  # the word that opens "this morning", "this afternoon"
EN_NEXT_DAY = re.compile(r"\bthe\s+(?:following|next)\s+day\b|\bthe\s+day\s+after\b", re.IGNORECASE)
# "TAIPEI, July 3 (CNA) --": the wire's dateline, not an event date.
# "Taipei, Jan. 1 (CNA) --", or with no dash: "Shanghai, Dec. 7 (CNA) The two-day forum ..."
EN_DATELINE_AFTER = re.compile(
    r"\s*\([A-Z][\w .]*\)\s*(?:[-–—]|(?=[A-Z]))"
)  # used with .match(text, position)
