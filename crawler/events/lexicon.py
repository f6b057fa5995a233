"""The words event reading looks for, as data: forum nouns, name qualifiers and cues (places are in
``gazetteer``).

Chinese entries are Simplified: the reader matches on script-folded text (``dedup.textnorm.fold_script``),
so 將於 meets 将于 and 臺北 meets 台北, and slices names and places back out of the original text.
English entries are matched case-insensitively unless they say otherwise.
"""

from __future__ import annotations

# GAZETTEER is also read from here by the bench (its city names are the gold labels' names).
from crawler.events.gazetteer import GAZETTEER as GAZETTEER

# -- forum names ---------------------------------------------------------------------------------------

# Longest first: 对话会 before 对话.
FORUM_NOUNS_ZH = ("对话会", "论坛", "对话", "峰会", "大会", "年会")
# A bare noun (no qualifier) refers back to the main forum without a determiner only for these:
# 论坛 on its own in a forum story is the forum, but 对话 on its own is as often "dialogue" the word.
BARE_REFERENCE_NOUNS_ZH = frozenset({"论坛", "峰会", "大会", "年会"})
FORUM_NOUNS_EN = ("Forum", "Dialogue", "Dialog", "Summit")
# "The event, which concludes on Friday": a reference to the story's forum, never a name (nor proof on
# its own that the story is about one).
EVENT_NOUN_EN = "event"
# Lower-case words that make a lower-case forum noun a name on this beat: "the twin-city forum".
NAME_DESCRIPTORS_EN = frozenset(
    {
        "twin-city",
        "twin-cities",
        "sister-city",
        "city",
        "cities",
        "mayors",
        "mayors'",
        "mayors’",
        "cross-strait",
    }
)
# What may stand before a Chinese forum noun as part of the name. Chinese has no spaces, so a name's
# left edge is where these run out: 保留双城论坛 is 双城论坛, 出席论坛 is the bare noun.
# Place names from GAZETTEER join them in NAME_QUALIFIERS_ZH below.
_TOPIC_QUALIFIERS_ZH = frozenset(
    {
        "两岸", "海峡", "世界", "全球", "国际", "亚太", "亚洲", "东亚", "中国", "中华", "长三角", "大湾区",
        "上合", "上合组织", "城市", "双城", "沪台", "津台", "市长", "友城", "友好城市", "姐妹城市",
        "企业家", "台商", "青年", "经济", "金融", "文化", "科技", "创新", "发展", "合作", "交流", "高峰",
        "高层", "智慧城市", "陆家嘴", "浦江", "工商", "产业", "旅游", "教育", "媒体", "智库", "数字",
        "绿色", "低碳", "民间", "基层", "世界城市日", "紫金山",
    }
)  # fmt: skip
NAME_SEPARATORS = frozenset("-–—·・‧")
# 上合峰会城市 is "the cities of the SCO summits", not a summit: a forum noun followed by these is a modifier.
NOUN_MODIFIED_BY_ZH = ("城市",)
# 分论坛 / 子论坛 are parts of a forum, never the forum itself.
SUB_EVENT_MARKERS_ZH = frozenset("分子")
# A legislature's, a company's or a body's own sessions are 大会 or 年会 too, never a forum: a council's
# regular or extraordinary session (市議會定期大會, 臨時大會), a shareholders' or members' meeting, a congress
# of delegates (人民代表大会, 职工代表大会).
SESSION_BEFORE_ZH = ("定期", "临时", "股东", "会员", "代表", "党员", "社员")
SESSION_NOUNS_ZH = ("大会", "年会")
DETERMINERS_ZH = ("本届", "本次", "此次", "这次", "这届", "今届", "今年的", "今年", "该")
# 下届论坛将于明年在上海举行 closes many reports: its future cue is the next forum's, not this one's. 下一次论坛,
# 上次论坛 name the next or the last time the forum meets: another edition too.
OTHER_EDITION_DETERMINERS_ZH = (
    "下届", "下一届", "上届", "上一届", "前一届", "下一次", "下次", "上一次", "上次",
)  # fmt: skip
OTHER_EDITION_DETERMINERS_EN = r"\b(?:next|last)\s+year['’]s|\bthe\s+(?:previous|next|last)"
# A Title-Case word that ends an English name's left edge: "Mayor to Attend Twin-City Forum".
NAME_STOP_WORDS_EN = frozenset(
    {
        "The", "A", "An", "This", "That", "These", "Its", "His", "Her", "Their", "To", "At", "In", "On", "Of",
        "For", "And", "With", "From", "By", "As", "Attend", "Attends", "Attended", "Attending", "Host",
        "Hosts", "Hosted", "Hosting", "Hold", "Holds", "Held", "Holding", "Open", "Opens", "Opened",
        "Opening", "Join", "Joins", "Joined", "Joining", "During", "After", "Before", "Ahead",
    }
)  # fmt: skip
ORDINAL_WORDS_EN = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
# Different names of one forum series, as series keys (folded, lower case, no punctuation or spaces).
# The first entry is the key the others map to; a name whose key ends another's (城市论坛 in
# 上海台北城市论坛) joins it without being listed.
SERIES_ALIASES = (
    (
        "上海台北城市论坛",
        "台北上海城市论坛",
        "双城论坛",
        "沪台城市论坛",
        "上海台北双城论坛",
        "台北上海双城论坛",
        "twincityforum",
        "taipeishanghaitwincityforum",
        "shanghaitaipeitwincityforum",
        "shanghaitaipeicityforum",
        "taipeishanghaicityforum",
        "shanghaitaipeiforum",
        "taipeishanghaiforum",
    ),
)
# A larger event a forum may be held within: an exchange week, a fair, an expo, a festival.
UMBRELLA_EVENTS_ZH = (
    r"(?:交流|活动|经贸|文化|科技|旅游|宣传|合作|主题|创新)周|博览会|交易会|洽谈会|展览会|展销会|交流会|嘉年华"
    r"|(?:文化|艺术|旅游|美食|电影|音乐)节|展会|博会|投洽会|海交会|服贸会|(?:交流|系列|主题)活动"
    # a fair's short name ends in its kind: 高交会, 广交会 (交易会), 西洽会, 厦洽会 (洽谈会), 服贸会
    r"|(?<=[\u3400-\u9fff])(?:交会|洽会|贸会)"
)
# A week is an event's with a word of its own before it (an exchange week, Taipei Design Week), not a time's
# (next week, two weeks); an expo or exhibition is no venue (the Exhibition Centre).
UMBRELLA_EVENTS_EN = (
    r"\b(?!(?:next|this|last|the|a|one|two|three|four|five|six|several|few|each|every|per|that|coming|past"
    r"|previous|following|same|whole|entire)\s)[a-z][\w'’-]*\s+weeks?\b"
    r"|\b(?:fair|expo|exposition|exhibition|festival|trade\s+show|carnival)s?\b"
    r"(?!\s+(?:centre|center|hall|park|site|grounds?)\b)"
)
# The forum is one of the events an umbrella holds (used with .search(text before the forum's name)): 期间将举办
# …论坛, 同期举行…论坛, 活动包括…论坛, 洽谈会暨…论坛; "includes a cross-strait city development forum", "featuring
# a … forum".
WITHIN_BEFORE_ZH = (
    r"(?:期间|其间|同期|同时)[，,]?[^，。,；;！？!?：:]{0,10}?(?:还|也|并|将|共|先后|陆续|同步)*"
    # 展会期间将设…论坛: a fair sets up a forum (not 建设, 设计)
    r"(?:举办|举行|召开|安排|推出|开展|包括|涵盖|设有|(?:增|特|另|加|开)?(?<!建)设(?:立|置)?(?![计备施])|参加|出席)了?"
    r"[^。；;！？!?：:]{0,40}?$"
    r"|(?:活动|内容|议程)还?(?:包括|包含|涵盖|设有)[^。；;！？!?]{0,40}?$|暨\s*$"
    # 作为文博会的重要配套活动，两岸文创城市论坛于2日举行: the umbrella's activity named before the forum
    rf"|作为[^。；;！？!?]{{0,30}}?(?:{UMBRELLA_EVENTS_ZH})(?:期间)?的?(?:重要|配套|主要|重点|系列|平行)*活动(?:之一)?"
    r"\s*[，,]\s*(?:本届|今年的?|此次)?$"
)
# "the week", "the fair" said again after the lead names one: the umbrella the story is about.
_THE_UMBRELLA_EN = r"the\s+(?:week|fair|expo|exposition|exhibition|festival|carnival|trade\s+show)\b"
WITHIN_BEFORE_EN = (
    r"\b(?:includ(?:e|es|ed|ing)|featur(?:e|es|ed|ing)|compris(?:e|es|ed|ing)|encompass(?:es|ed|ing)?)\b"
    # what it includes, up to the forum: a list, not a clause of its own ("includes officials who will attend")
    r"(?:(?!\b(?:who|which|that|will|would|to|attend\w*|visit\w*|join\w*)\b)[^.;:]){0,80}?$"
    # "During the fair, an urban renewal forum will ...", "Among the events scheduled during the week is a ... forum"
    rf"|\b(?:during|throughout|over)\s+{_THE_UMBRELLA_EN}[^.;:]{{0,60}}?$"
    r"|\bamong\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:events|activities|sessions|programmes|programs|highlights)\b"
    r"[^.;:]{0,60}?\b(?:is|are|was|were|will\s+be)\b[^.;:]{0,20}?$"
    # "As part of the design week, the Cross-Strait Creative Cities Forum was held on Saturday"
    rf"|\bas\s+(?:a\s+|an\s+)?(?:[\w'’-]+\s+)?part\s+of\s+(?:the|this|this\s+year['’]s)\s+(?:[\w'’-]+\s+){{0,6}}?"
    rf"(?:{UMBRELLA_EVENTS_EN})[^.;:]{{0,40}}?,\s*(?:the|a|an)?\s*$"
)
# ... or held as part of it (used with .match(text after the forum's name)): 论坛暨…洽谈会, "a forum held as part
# of the expo", "during this year's trade fair".
WITHIN_AFTER_ZH = (
    r"\s*暨"
    # 论坛及展览, 论坛与博览会: a forum joined to its exhibition in one name is a fair's, and held within it
    r"|\s*(?:及|与|和|&)\s*(?:国际)?(?:展览|博览|展销|展会)"
    # 论坛作为南博会的配套活动举办, 该论坛是洽谈会的重要活动之一
    rf"|[^。；;]{{0,12}}?(?:作为|是|系|为)[^。；;]{{0,30}}?(?:{UMBRELLA_EVENTS_ZH})(?:期间)?的?(?:重要|配套|主要|重点|系列)?活动"
)
WITHIN_AFTER_EN = (
    # "the Macao International Environmental Co-operation Forum & Exhibition": a fair's name, as 论坛及展览 is
    r"\s*(?:&|and)\s+(?:exhibition|expo|exposition|trade\s+show)\b"
    r"|[^.;]{0,40}?\b(?:as\s+(?:a\s+)?part\s+of|during|within|on\s+the\s+sidelines\s+of)\s+"
    rf"(?:(?:the|this|this\s+year['’]s)\s+(?:[\w'’-]+\s+){{0,6}}?{UMBRELLA_EVENTS_EN}|{_THE_UMBRELLA_EN})"
)
# -- cues ----------------------------------------------------------------------------------------------

# The forum is still to come. 将 alone is too common (我们将继续秉持…); it counts with a holding verb.
FUTURE_CUES_ZH = (
    r"将于|将在|即将|将(?:会|要)?(?:举行|举办|召开|开幕|闭幕|登场|揭幕|出席|率团|率|赴|前往|参加|签署|启程|访问)"
    r"|拟于|拟(?:举行|举办|召开|赴)|预计|预定|定于|订于|(?:计划|规划)(?:于|在)|届时|下月|下周|明年|筹备|前夕|倒计时"
    # postponed to a date, or going ahead as planned: both speak of a forum still to come
    r"|延至|延后至|延期至|顺延至|改期至|推迟至|推迟到|如期|照常举行|仍将|仍于"
    # 举办时间仍为8月27日至28日: the date kept through a change (of venue, of city) is still to come
    r"|(?:时间|日期)(?:仍为|仍是|仍然是|仍定于|不变|维持不变|照旧)"
    # 报名开启, 开始报名, 欢迎报名: an event notice invites its readers to register for a forum still to come
    r"|报名(?:开启|启动|开始|通道|进行中|火热进行)|(?:开始|开放|接受|欢迎|立即|马上|扫码)报名"
)
FUTURE_CUES_EN = (
    r"\bwill\s+(?:(?:now|still|also|again|instead|then|first|officially|formally)\s+)?(?:be\s+held|take\s+place|open|attend|travel|host|hold|convene|kick\s+off|begin|start|lead|visit"
    r"|gather|meet)\b"
    r"|\b(?:is|are)\s+(?:scheduled|set|slated|due|expected)\s+to\b|\bto\s+be\s+held\b|\bupcoming\b"
    r"|\btravel\w*\s+to\s+[^.;]{0,60}?\bto\s+attend\b|\blook(?:s|ed|ing)?\s+forward\s+to\b"
    r"|\bnext\s+(?:week|month|year)\b|\blater\s+this\s+(?:week|month|year)\b"
    r"|\b(?:is|are)\s+to\s+(?:visit|attend|travel|lead|be\s+held|open|host|take\s+place)\b"
    # a headline drops "is": "Japan, Taiwan cities to hold disaster forum", "Macau to host ... forum"
    r"|\bto\s+(?:hold|host|stage|convene)\b"
    r"|\b(?:postponed|pushed\s+back|rescheduled|moved|put\s+off|delayed)\s+(?:\w+\s+){0,2}?(?:to|until|for)\b"
    # moved to a place, not to a day ("moved on Thursday to Kuala Lumpur"): a forum going on elsewhere
    r"(?!\s+(?:(?:neighbou?ring|nearby)\s+)?(?!(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu"
    r"|Fri|Sat|Sun))(?-i:[A-Z]))"
    r"|\bwill\s+(?:still\s+)?go\s+ahead\b|\bdates?\s+(?:remains?|stays?)\s+(?:unchanged|the\s+same)\b"
    # "registration is now open", "register online": an event page invites its readers to a forum to come
    r"|\bregistration\s+(?:is\s+(?:now\s+)?open|now\s+open|opens|closes)\b"
    r"|\bregister\s+(?:now|here|online|via|at|by|before)\b"
)
# Words (lower case) one of which every match of FUTURE_CUES_EN holds, one or more for each alternative: an
# English sentence with none of them is not scanned (``bilingual.BilingualPattern``). Keep them in step.
FUTURE_CUES_EN_WORDS = (
    "will", "scheduled", "set", "slated", "due", "expected", "held", "upcoming", "travel", "forward",
    "next", "later", "visit", "attend", "lead", "open", "host", "take", "hold", "stage", "convene",
    "postponed", "pushed", "rescheduled", "moved", "put", "delayed", "date", "registration", "register",
)  # fmt: skip
# The forum has been held or is under way (when no future cue stands in the same sentence).
REPORT_CUES_ZH = (
    r"举行|举办|召开|开幕|闭幕|落幕|登场|揭幕|揭开序幕|拉开帷幕|出席|致辞|签署|签订|展开|圆满结束"
)
REPORT_CUES_EN = (
    r"\b(?:was|were|is|are)\s+(?:being\s+)?held\b|\btook\s+place\b|\bopened\b|\bkicked\s+off\b|\bconcluded\b"
    r"|\bclosed\b|\bwrapped\s+up\b|\bconvened\b|\battended\b|\bis\s+under\s*way\b|(?<!to be )\bsigned\b"
)
# Words one of which every match of REPORT_CUES_EN holds (see FUTURE_CUES_EN_WORDS).
REPORT_CUES_EN_WORDS = (
    "held", "took", "opened", "kicked", "concluded", "closed", "wrapped", "convened", "attended", "under",
    "signed",
)  # fmt: skip
# A headline drops "was": "Tourism forum held in Macau" tells a forum held, as "was held" does (not "to be
# held", "could be held", "not held"; a future cue in the headline wins over it).
HEADLINE_REPORT_CUES_EN = r"(?<!be )(?<!being )(?<!not )\bheld\s+(?:in|at|on)\b"
HEADLINE_REPORT_CUES_EN_WORDS = ("held",)
# A sentence about the series' past or habits, not about this edition: its verbs and dates say nothing
# about whether this forum is to come (自2010年起由两市轮流举办 in an announcement).
BACKGROUND_ZH = (
    r"自\d{4}年?(?:以来|起|开始)|以来|历届|往届|历年|每年|每届|轮流|通常|往往|曾经|曾(?:于|在|赴|出席|参加|多次)"
    r"|多年来|第[一二三四五六七八九十\d]+次出席|前年"
    # 两年前, 三年前: a time years past (not 2030年前, "before 2030"; not 年前, before the new year)
    r"|(?<![\d一二两三四五六七八九十几])(?:\d{1,2}|[一二两三四五六七八九十几]{1,3})多?年(?:前|以前)"
    # 去年8月论坛期间签署的, 去年9月在廈門舉辦時: last year's edition, in a story about something else (but
    # 去年12月28日在台北举行 dates the edition a January report is about)
    r"|去年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])[^，。,；;]{0,20}?(?:举行|举办|召开|期间|签署|出席)"
    r"|举办(?:了)?(?<!\d)(?:\d{1,2}|[一二三四五六七八九十几]+)多?年(?!\d)"  # 舉辦十多年, not 举办2023年…论坛
)
BACKGROUND_EN = (
    r"\bsince\s+(?:19|20)\d{2}\b|\bevery\s+year\b|\beach\s+year\b|\bannually\b|\busually\b|\btypically\b"
    r"|\bin\s+the\s+past\b|\b(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+time\b"
    r"|\bha(?:s|ve)\s+been\s+held\b|\bprevious(?:ly)?\b|\bin\s+turn\b"
    r"|\blast\s+held\b|\bheld\b[^.;]{0,40}\blast\s+year\b|\blast\s+year\b[^.;]{0,40}\bheld\b"
    # "The forum was first held in Guangzhou in 2027": the first edition, told in the series' past
    r"|\bfirst\s+(?:held|hosted|staged|convened|launched)\b"
    # "Two years ago, ...": a time years past
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+ago\b"
)
# Words one of which every match of BACKGROUND_EN holds (see FUTURE_CUES_EN_WORDS).
BACKGROUND_EN_WORDS = (
    "since", "year", "annually", "usually", "typically", "past", "time", "held", "previous", "turn",
    "hosted", "staged", "convened", "launched",
)  # fmt: skip
# Verbs of holding or opening: a date in their sentence is the forum's date.
# Not 进行 or 展开: 进行交流, 展开合作 say nothing about holding a forum.
HOLDING_VERBS_ZH = r"举行|举办|召开|开幕|闭幕|登场|揭幕|揭开序幕|拉开帷幕"
HOLDING_VERBS_EN = (
    r"\bheld\b|\bhold(?:s|ing)?\b|\btak(?:e|es|ing)\s+place\b|\btook\s+place\b|\bopen(?:s|ed|ing)?\b"
    r"|\bkick(?:s|ed)?\s+off\b|\bconvene[sd]?\b|\bhost(?:s|ed|ing)?\b|\bgather(?:s|ed|ing)?\b"
)
# Words one of which every match of HOLDING_VERBS_EN holds (see FUTURE_CUES_EN_WORDS).
HOLDING_VERBS_EN_WORDS = ("held", "hold", "tak", "took", "open", "kick", "convene", "host", "gather")
# Verbs of a delegation's journey: a date in their sentence is the trip's, which may be a day early.
TRAVEL_VERBS_ZH = r"赴|前往|启程|抵达|飞抵|抵沪|来沪|率团|出发|动身|返|离台|离沪|回到|离开"
TRAVEL_VERBS_EN = (
    r"\btravel\w*|\barriv\w*|\bdepart\w*|\bfl(?:y|ew|ies)\b|\bhead(?:s|ed)?\s+to\b"
    r"|\bleav(?:e|es|ing)\b|\bleft\b|\breturn(?:s|ed|ing)?\b"
)
# The forum lasts one day, so its end is its start.
ONE_DAY_CUES = (
    r"为期一天|为期1天|一天的论坛|(?:仅|只)(?:安排|有|举行|进行)?(?:一|1)天|一天(?:的)?(?:议程|会期)"
    r"|一天的(?:行程|活动)"
    # 论坛当天上午…下午…: the forum's one day (a longer forum has 首日, 第二天)
    r"|(?:论坛|活动|峰会|会议)当[天日]"
    r"|\bone-day\b|\bsingle-day\b|\bday-?long\b|\ball-day\b"
    # a half-day forum, 为期半天: shorter than a day, over the day it opens (not 停留半天, a stay's half day)
    r"|\bhalf-day\b|为期半[天日]|半天的(?:论坛|会议|活动|研讨)|半日(?:论坛|会议|研讨)"
    # 論壇上午開幕、下午…閉幕: opened and closed in one day's morning and afternoon
    r"|上午[^。；;]{0,8}?开幕[^。；;]{0,30}?(?:下午|晚上|傍晚)[^。；;]{0,30}?闭幕"
)
# The visitors leave (返台, 分赴福州, 离开, 转往泉州; return home, fly back, move on) on a day: a forum they came
# for is over by then. Chinese with the day before the verb (18日上午搭機返滬, 15日起將分赴, 次日（18日）转往),
# English with the verb before. After any day the text names (今日將轉往東莞, 明天返台), the same verbs.
LEAVING_AFTER_ZH = (
    r"\s*(?:\([^)]{0,6}\))?\s*起?\s*(?:上午|下午|中午|晚上|晚间|早上|清晨|傍晚)?"
    # not 距离, 回应, 回顾, 回访: no leaving in them
    r"[^，。；;,]{0,10}?(?:返|离开|(?<![距偏背])离|分赴|转赴|转往|转至|转到|回到|回(?![应顾答复忆报馈收归访]))"
)
LEAVING_AFTER_DAY_ZH = rf"(?P<day>\d{{1,2}}|十)\s*[日号]{LEAVING_AFTER_ZH}"
_LEAVING_VERBS_EN = (
    r"\b(?:return(?:s|ed|ing)?|fl(?:y|ies|ew)\s+back|leav(?:e|es|ing)|left|depart(?:s|ed|ing)?|head(?:s|ed)?\s+home"
    r"|mov(?:e|es|ed|ing)\s+on)\b"
)
LEAVING_BEFORE_EN = rf"{_LEAVING_VERBS_EN}[^.;]{{0,30}}?\bon\s+$"
# "will move on to Dongguan today", "flies back tomorrow": a day told from publication needs no "on".
LEAVING_BEFORE_RELATIVE_EN = rf"{_LEAVING_VERBS_EN}[^.;,]{{0,30}}?\s$"
# Which day of the forum a date is (patterns used with .match after the date): 今（26）日進入第二天，也是最後一天; 19日是峰會的次日; "the second and final
# day of the forum". The start is that many days before; the last day is the end.
DAY_NUMBER_AFTER_ZH = (
    r"[^，。,；;]{0,30}?(?P<number_end>)(?:第\s*(?P<n>[二三四五2-5])\s*天|(?P<second>次日|第二天))"
)
LAST_DAY_AFTER_ZH = r"[^。；;]{0,40}?最后一天"
DAY_NUMBER_EN = r"\bthe\s+(?P<n>second|third|fourth|2nd|3rd|4th)(?P<last>\s+and\s+(?:final|last))?\s+day\b"
DAY_NUMBERS = {
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# How long the forum runs: 为期两天, 一連兩天, a two-day forum, wrapped up after three days.
DURATION_ZH = (
    r"(?:为期|一连|连续|一共|共|历时|历经|(?:会期|议程)(?:仍然|仍|将)?(?:为|是|共)?)"
    r"\s*(?P<days_zh>[一二两三四五六七1-7])\s*(?:天|日)"
)
DURATION_EN = (
    r"\b(?P<days>one|two|three|four|five|[1-5])-day\b"
    r"|\b(?:for|over|after)\s+(?P<days2>two|three|four|five|[2-5])\s+days\b"
)
# A length that is a delegation's journey, not the forum's (used with .match after the length): 为期四天的参访交流,
# 为期五天的访问, "a four-day visit to Taipei", "their three-day trip".
JOURNEY_AFTER_LENGTH = (
    r"\s*(?:的)?\s*(?:参访|访问|考察|参观|访台|访陆|访沪|行程|旅程|停留|交流访问)"
    r"|\s+(?:official\s+|working\s+|study\s+)?(?:visit|trip|tour|stay|journey|study\s+tour|mission)s?\b"
)
DURATION_NUMBERS = {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
}  # fmt: skip
# A date the forum runs until is its last day: 洽谈会将持续至14日, "began Tuesday and runs through
# Thursday" (used with .search(text, 0, date's start)).
RUNS_UNTIL_BEFORE_ZH = r"(?:持续|延续|进行|举行|举办)\s*(?:至|到)\s*$"
RUNS_UNTIL_BEFORE_EN = (
    r"\b(?:runs?|running|ran|continues?|continued|continuing|lasts?|lasted|lasting)\s+(?:through|until|till|to)"
    r"\s+(?:on\s+)?$"
)
# The date is the forum's final day, whatever its length (used with .match after the date): 今天進入最終日,
# "on Sunday, the final day of the three-day forum".
FINAL_DAY_AFTER_ZH = r"[^，。,；;]{0,8}?(?:最后一天|最后一日|最终日|闭幕日)"
FINAL_DAY_AFTER_EN = r"\s*,?\s*(?:the|its)\s+(?:final|last|closing)\s+day\b"
# A correction withdraws what an earlier version of the story said: "An earlier version of this article
# said the forum would be held on Sept 14", "incorrectly gave the date as", 本文稍早版本誤植為, 原稿誤作; a date
# (or a place) after these is no longer the forum's (used with .search(text before it)). The corrected one
# follows: "It will be held on ...", 應為, 更正為.
WITHDRAWN_BEFORE_ZH = (
    r"(?:误植为|误植成|误植|误写为|误写成|误作|误为|误报为|误刊为|错写为|错植为|错误地?写为)[^，。,；;]{0,8}$"
    r"|(?:稍早版本|此前版本|早前版本|先前版本|前一版本|原稿)[^，。,；;]{0,30}$"
)
WITHDRAWN_BEFORE_EN = (
    r"\b(?:earlier|previous|prior|original|initial)\s+version\s+of\s+(?:this|the)\s+(?:article|story|report)\b"
    r"[^.;]{0,80}$"
    r"|\b(?:(?:incorrectly|erroneously|mistakenly|wrongly)\s+(?:said|stated|reported|gave|listed|put|described)"
    r"|misstated|misreported)\b[^.;]{0,60}$"
)
# 9月14日有誤, 9月14日係誤植: the date the correction withdraws (used with .match after it).
WITHDRAWN_AFTER_ZH = r"[^，。,；;]{0,6}?(?:有误|系误植|为误植|是误植|系笔误|为笔误|是笔误)"
# The corrected date: 應為9月18日, 更正為9月18日, "should have said Sept 18", "the correct date is" (used with
# .search(text before it)): the forum's, whatever correction stands before it.
CORRECTED_TO_ZH = r"(?:应为|应是|更正为|正确(?:日期|时间)?(?:应)?为)\s*$"
CORRECTED_TO_EN = r"\bshould\s+have\s+(?:said|read|been)\s+(?:on\s+)?$|\bcorrect\s+dates?\s+(?:is|are|was|were)\s+(?:on\s+)?$"
# Verbs of closing: a date tied to one is the forum's last day, not its first.
CLOSING_VERBS_ZH = r"闭幕|落幕|落下帷幕|圆满结束|结束|闭幕式|画下句点|画上句号"
CLOSING_VERBS_EN = (
    r"\b(?:closed|closes|closing|concluded|concludes|wrapped\s+up|wraps\s+up|ended|ends|came\s+to\s+a\s+close)\b"
    # "pledged … at the close of the three-day forum in Bangkok on Friday" (not "at the end of": "at the end of May"
    # is no closing)
    r"|\bat\s+the\s+(?:close|conclusion)\s+of\b"
    # the bare verb only where a date follows: "and close the following day", not "close ties"; the place it
    # closes in may stand between ("move to Jinghong on Wednesday and wrap up there on Thursday", "will end in
    # Suzhou on Friday")
    r"|\b(?:close|conclude|end|wrap\s+up)(?=\s+(?:there\s+|in\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\s+)?"
    r"(?:on|the\s+(?:following|next)|today|tomorrow)\b)"
)
# An opinion piece says so in its headline or first line: 【社评】, 社論》, 時評：, "Editorial:", "Opinion |".
COMMENTARY_MARKERS_ZH = r"社论|社评|时评|时论|短评|评论|观点|观察|编者按|专栏|快评|锐评|论评|投书|网评"
COMMENTARY_MARKERS_EN = r"editorial|opinion|commentary|op-ed|viewpoint|analysis|column|letters?"
# The outlet's name before the marker: 新京报评论：, 澎湃社论｜, "GT Editorial:", "(Bloomberg Opinion) --".
OUTLET_BEFORE_MARKER_ZH = r"[\u3400-\u9fff]{1,5}?[报社网刊台]"
OUTLET_BEFORE_MARKER_EN = r"(?:[A-Z][\w.'’&]*\s+){1,3}"
# Markers only an outlet's opinion desk writes: any short name may stand before them (新华时评：, 央视快评：,
# 国际锐评：), where 评论, 观点 and 观察 need an outlet's name ending in 报, 网, 社 (专家观点 may head a news story).
# 人民网评, 新华网评: a news site's commentary brand.
OPINION_DESK_MARKERS_ZH = r"社论|社评|时评|时论|短评|快评|锐评|论评|编者按|投书|网评"
# The named commentary columns of the papers of record (人民日报海外版 望海楼, 人民日报 钟声, 聯合報 黑白集): a
# column's name above the lead, or opening the headline, marks an opinion piece as 社论 does.
COMMENTARY_COLUMNS_ZH = r"望海楼|钟声|国纪平|任仲平|辛识平|仲音|黑白集|自由广场|时论广场|名家专栏|观察家"
# A line above the lead that tags the piece: the outlet's name (any words) and a marker or a column, nothing
# else: 人民日报海外版 望海楼, 自由時報 社論, "China Daily Editorial".
# The writer's name may follow: 人民网评 周明, 【时评】李华.
COMMENTARY_TAG_ZH = (
    rf"\s*[【\[(（]?\s*(?:[\u3400-\u9fff]{{1,10}}?\s*)?(?:{COMMENTARY_MARKERS_ZH}|{COMMENTARY_COLUMNS_ZH})"
    r"(?:\s*[】\])）]\s*[\u3400-\u9fff·]{2,5}|\s*[】\])）]|\s+[\u3400-\u9fff·]{2,5})?\s*"
)
COMMENTARY_TAG_EN = rf"\s*(?:[A-Z][\w.'’&-]*\s+){{0,4}}(?:{COMMENTARY_MARKERS_EN})\s*"
# The writer argues in the first person plural (我们相信, 我们期待, "we must"): an opinion piece's voice. In a
# report "we" is a speaker's, in quotes or after a speech verb, a speaker's label or a transcript's answer.
WE_ARGUE_ZH = (
    r"我们(?:要|应|应该|应当|必须|期待|期盼|希望|相信|坚信|呼吁|需要|有理由|更要|还要|不能|不应|不妨|理应)"
)
WE_ARGUE_EN = (
    r"\bwe\s+(?:must|should|ought\s+to|need\s+to|hope|believe|trust|urge|call\s+on|look\s+forward|cannot"
    r"|can\s*not|have\s+every\s+reason)\b"
)
SPEECH_BEFORE_WE_ZH = r"表示|说|指出|强调|认为|称|介绍|坦言|直言|呼吁|谈到|提到|透露|告诉|致辞|发言|回答"
SPEECH_EN = r"\b(?:said|says|say|told|tells|added|adds|stated|noted|according\s+to|asked|urged|quoted)\b"
# An op-ed's byline or author's note: 本报评论员, 第一财经评论员 马红漫, （作者为大学教授）.
COMMENTARY_BYLINE_ZH = (
    r"[\s□■●◎▲]*[(（]?\s*(?:作者(?:为|系|是)[^。]{2,40}|[\u3400-\u9fff]{0,8}?(?:特约)?评论员(?:\s*[\u3400-\u9fff·]{2,5})?)"
    r"\s*[)）]?\s*。?\s*"
)
# A headline that judges rather than tells (不该被关上, 大势不可阻挡, 才算够？): with no forum named in it and
# no date of one, the piece argues; it reports no event.
JUDGEMENT_HEADLINE_ZH = r"不该|不应|应该|应当|理应|不能|不可|必须|岂能|何必|才算|莫让|别让|勿|不容|[?？]\s*$"
# A headline that judges the forum it names (双城论坛贵在坚持, 城市交流重在落地, 论坛何以越办越好, 办好论坛之道,
# 不妨多办几场): the words of an argument's thesis, not of news. With no cue of holding in the headline, no
# speaker's colon before the words (北市府：交流不能中断 quotes one), no wire dateline over the lead and no date
# of the forum, the piece argues.
JUDGING_THE_FORUM_ZH = rf"贵在|重在|难在|要在|何以|为何|之道|不妨|{JUDGEMENT_HEADLINE_ZH}"
# A news report's dateline or credit over or in its lead: 新华社厦门6月15日电, 本报讯, 中新网讯, 記者…／台北報導,
# "XIAMEN, June 15 (Xinhua) --".
NEWS_DATELINE = (
    r"\d{1,2}\s*日\s*[电讯]|[报网社台]讯|专讯|[/／][^/／]{0,12}报导"
    r"|^\s*[A-Z][A-Z .'’-]{2,}(?:,[^(]{0,40})?\s*(?:\([A-Z][\w .]*\)|[-–—]{1,2}\s)"
)
# The same markers closing a headline: "...: Global Times editorial", "…（社評）", "| Opinion".
COMMENTARY_SUFFIX_ZH = (
    rf"[(（【\[—:：|｜]\s*[\u3400-\u9fff]{{0,8}}?(?:{COMMENTARY_MARKERS_ZH})\s*[)）】\]]?\s*$"
)
COMMENTARY_SUFFIX_EN = rf"[:|—–-]\s*(?:[\w .'’-]{{0,30}}?\s)?(?:{COMMENTARY_MARKERS_EN})\s*$"
# The story's own event is a side event the forum frames (本次活动是…城市论坛的配套活动之一; a headline's
# 配合雙城論壇演出): a run, a performance, an exhibition. Its dates and place are not the forum's news.
SIDE_EVENT_ZH = r"(?:本次|此次|这次|这场|这项|该)活动(?:是|为|系|作为|属于)[^。；;]{0,40}?(?:论坛|峰会|大会)的?(?:配套|周边|系列)活动"
SIDE_EVENT_TITLE_ZH = (
    r"配合[^，。,；;]{0,30}?(?:论坛|峰会)[^，。,；;]{0,4}?(?:演出|展出|展演|开展|开跑|开赛|比赛|首演|巡演)"
)
# A live blog says so in its headline or a line above the lead (即時更新, "Live updates:"); its entries open with
# the time they were posted (16:30 …, "5.40pm: …"), newest first, on the day of publication.
LIVE_BLOG_MARKERS = (
    r"即时更新|实时更新|滚动更新|持续更新|图文直播|文字直播|现场直播|直播中|^\s*直播\s*[:|｜]"
    r"|\blive\s+(?:updates?|blog|coverage)\b|\bas\s+it\s+happen(?:s|ed)\b|^\s*live\s*[:|｜]"
)
LIVE_ENTRY_TIME = (
    r"\s*(?P<time>\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?)\s*(?:[:|｜–—-]\s*|\s)"
)
# A schedule's headline (本周公开活动预告, 市長本週公開行程, "weekly schedule"): each line is an item of
# its own, and a line that names a forum is no passing mention.
SCHEDULE_TITLE = r"活动预告|公开活动|公开行程|行程预告|行程表|日程安排|活动安排|\bschedule\b|\bagenda\b"
# A headline that counts a series' years looks back over the series, not at one edition: 雙城論壇十五年：…,
# 海峽論壇走過15年回顧, "Fifteen years of the Twin-City Forum".
RETROSPECTIVE_TITLE_ZH = r"(?:论坛|峰会|大会|对话)\s*(?:走过|举办)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*周?年\s*(?:[:：|｜]|回顾|回眸)"
RETROSPECTIVE_TITLE_EN = r"\b(?:\d{1,2}|ten|fifteen|twenty)\s+years\s+of\s+(?:the\s+)?[\w\s'’-]{0,40}?\b(?:forum|dialogue|summit)\b"
# A headline that reviews a year (盘点2033, 2033年终盘点, 岁末回眸, 年度回顾, "2033 in review", "Year in review") lists the
# year's forums by month and place: none of them is the story's event.
YEAR_IN_REVIEW_TITLE_ZH = (
    r"盘点\s*(?:\d{4}|这一年|今年|全年|年度)|(?:\d{4}|今)\s*年\s*(?:度|终)?\s*(?:盘点|回顾|回眸|大事记)"
    r"|年终(?:盘点|回顾|回眸)|年度(?:盘点|回顾|回眸)|岁末(?:盘点|回顾|回眸)|回眸\s*\d{4}"
)
YEAR_IN_REVIEW_TITLE_EN = (
    r"\b(?:19|20)\d{2}\s+in\s+review\b|\byear\s+in\s+review\b|\byear-end\s+review\b"
    r"|\blook(?:ing|s)?\s+back\s+(?:at|on)\s+(?:19|20)\d{2}\b"
)
# The edition will not take place: 取消, 停办, 喊停, called off, cancelled.
CANCELLED_ZH = r"取消|停办|喊停|不(?:再|予)?举(?:办|行)|暂停举办|叫停"  # 今年雙城論壇不舉辦
CANCELLED_EN = r"\bcall(?:s|ed)?\s+off\b|\bcancel(?:s|l?ed|l?ing)?\b|\bscrapp(?:ed|ing)\b|\bwill\s+not\s+be\s+held\b|\bwon['’]t\s+be\s+held\b"
# The edition is put off: with a new date (延至11月15日, pushed back to Aug. 22) it is still to come; with
# none (确定延期，新的举办时间尚未敲定) there is nothing to announce yet.
POSTPONED_ZH = r"延期|延后|暂缓|推迟|延宕|顺延|改期|搁置"
POSTPONED_EN = (
    r"\bpostpon(?:e|es|ed|ing|ement)\b|\bput\s+off\b|\bpushed\s+back\b|\bshelved\b|\bdelayed\b"
    r"|\bon\s+hold\b"
)
MOVED_TO_AFTER = r"\s*(?:至|到|于|在|\bto\b|\buntil\b|\btill\b|\bby\b)"
# ... and says the new date is not set: 具体时间另行通知, 另择期举办, 时间待定, "until further notice", "to a later
# date", "indefinitely", "a new date will be announced". The dates it gives are the ones given up.
NO_NEW_DATE_ZH = (
    r"另行(?:通知|公布|公告|告知|发布|宣布|安排|确定)|另定|另择|择期|择日|(?:时间|日期|档期)(?:待定|未定)"
    r"|(?:时间|日期)[^，。,；;]{0,6}?尚(?:未|待)(?:确定|敲定|决定|公布)|无限期"
)
NO_NEW_DATE_EN = (
    r"\b(?:until|till)\s+further\s+notice\b|\bindefinitely\b|\b(?:to|until|till|for|at)\s+a\s+(?:later|future)"
    r"\s+date\b|\bnew\s+dates?\s+(?:will\s+be|(?:is|are)\s+(?:yet\s+)?to\s+be|to\s+be|ha(?:s|ve)\s+(?:yet\s+to\s+be|not"
    r"\s+(?:yet\s+)?been)|(?:was|were)\s+not)\s+(?:announced|set|determined|decided|confirmed|fixed|given)\b"
    r"|\b(?:no|without\s+a)\s+new\s+dates?\b|\bdates?\s+(?:yet\s+)?to\s+be\s+(?:announced|determined|confirmed|set)\b"
)
# A question of a press conference's transcript: 记者：…, 问：…, "Q: …" (answers follow up to the next one).
QUESTION_LABELS = r"\s*(?:记者|问|提问|\bq|\bquestion)\s*[:：]"
# A broadcast's transcript labels its voices: 主播：, 解说：, 同期声（某市长）：, "ANCHOR:". Its 记者： is the
# reporter telling the story, not a question: a broadcast is no press conference.
BROADCAST_LABELS = (
    r"\s*(?:主播|播音员|解说|画外音|同期声|同期|导语|口播|\banchor)\s*(?:[(（][^)）]{0,30}[)）])?\s*[:：]"
)
# An edition moved to another city (临时移师杭州, "moved from Shanghai to Hangzhou"): the city it moved to.
RELOCATED_TO_ZH = r"移师|移至|移到|移往|迁至|迁往|改至|改到|转至"
RELOCATED_TO_EN = r"\b(?:moved|relocated|shifted|switched)\s+(?:from\s+[A-Z][\w' -]{0,30}?\s+)?to"
# A forum that goes on in another city on a later day of its own (11日起移师苏州, 第三日移师宁波, 次日转往漳州续办,
# "moves to Suzhou, where it closes on July 12"): held in two cities, it is where it opens and ends where it closes.
# A later day of the forum, and what may stand between it and the move:
_MOVES_ON_DAY_ZH = (
    r"(?:\d{1,2}\s*[日号]\s*(?:\([^)]{0,6}\))?\s*起?|次日|翌日|隔天|第\s*[二三四五六七2-7]\s*[日天]|最后一[日天])"
    r"\s*(?:起|开始)?"
    # 12日，论坛移师宁波: the day may open its clause, the forum's noun after the comma
    r"(?:\s*[，,]\s*(?:本届)?(?:论坛|会议|活动|峰会|大会)?)?"
    r"\s*(?:将|再|则|续)?\s*"
)
MOVES_ON_DAY_BEFORE_ZH = rf"{_MOVES_ON_DAY_ZH}$"  # used with .search(text before the verb)
# ... or a word of going on after the city it moves to (移师南京续办, 转至漳州接力):
MOVES_ON_AFTER_ZH = r"\s*(?:续办|续会|续行|接力|继续(?:举行|举办|进行))"
MOVES_ON_ZH = rf"{_MOVES_ON_DAY_ZH}(?:{RELOCATED_TO_ZH}|转战|转往)"
MOVES_ON_EN = (
    r"\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|relocat(?:e|es|ed|ing)|head(?:s|ed|ing)?)\b[^.;]{0,30}?"
    r"\bto\s+(?:(?:neighbou?ring|nearby)\s+)?(?-i:[A-Z])"
)
# Another meeting than the forum: its day and its place are not the forum's (市府今天在台北舉行記者會,
# 議會今天進行總質詢).
PRESS_EVENTS_ZH = (
    r"记者会|记者招待会|新闻发布会|发布会|说明会|座谈会|通气会|通报会|吹风会|见面会"
    r"|质询|答询|议会|听证会|公听会|常委会|市政会议|市务会议|辩论会|政见会|政见发表会"
    # the meetings that prepare or promote a forum: 論壇預備會議今日在上海舉行, 在台北舉行推介會, 论坛筹备工作会议
    # 昨天召开, 从筹备工作推进会上获悉, 组委会第二次全体会议
    r"|预备会|筹备会|协调会|推介会"
    r"|(?:筹备|筹办)(?:工作)?(?:推进|部署|协调|调度|动员)?会议?|(?:推进|部署|调度|动员)会|组委会[^，。,；;]{0,6}?会议"
)
# The same meetings in English: a press or news conference, a briefing, a preparatory, planning or organizing
# committee's meeting.
PRESS_EVENTS_EN = (
    r"(?:(?:preparatory|planning|coordination|coordinating|organi[sz]ing(?:\s+committee)?|steering\s+committee"
    r"|press|news|media)\s+(?:meeting|conference|briefing|session)s?|briefings?)"
)
# The meeting is what was held ("A preparatory meeting for the forum was held", "organizers held a press
# conference"): the place and the day after it are the meeting's, up to a forum or its opening named again
# ("a briefing will be held before the forum opens on June 3").
MEETING_HELD_EN = (
    rf"(?:\b{PRESS_EVENTS_EN}\b[^,;.]{{0,80}}?\b(?:was|were|is|are|will\s+be)\s+(?:held|convened|hosted)\b"
    r"|\b(?:held|convened|hosted|hold|holds|convenes|hosts|called)\s+(?:a|an|the|its|their)\s+(?:[\w'’-]+\s+){0,2}?"
    rf"{PRESS_EVENTS_EN}\b)"
    r"(?:(?!\b(?:forum|summit|dialogue|dialog|opens?|opened|opening|begins?|began|starts?|started)\b)[^,;.]){0,60}?"
)
# A date that is such a meeting's (used with .search(text of the date's clause before it)): held then, or
# "at a briefing on Monday".
MEETING_DAY_BEFORE_EN = (
    rf"{MEETING_HELD_EN}\s+(?:on\s+)?$"
    rf"|\b(?:at|during|after)\s+(?:a|an|the|its|their)\s+(?:[\w'’-]+\s+){{0,2}}?{PRESS_EVENTS_EN}\s+(?:on\s+)?$"
)
# The forum keeps the date it had: 如期舉行, 照常, "go ahead as planned / as scheduled".
AS_PLANNED = (
    r"如期|照常|按原计划|按计划|日期(?:维持)?不变|时间(?:维持)?不变|日期照旧"
    r"|\bas\s+(?:planned|scheduled|originally\s+planned)\b|\bsame\s+dates?\b"
)
# A notice's lines: 一、时间：2025年9月16日—17日; 二、地点：青岛国际会议中心; "Date: June 3".
# A WeChat notice writes its labels in brackets: 【活动时间】2029年7月6日, 【活动地点】….
NOTICE_LABELS = (
    r"\s*(?:[一二三四五六七八九十\d]+\s*[、.)]\s*)?(?:(?:时间|日期|会期|举办时间|活动时间|论坛时间|地点|会场|举办地点"
    r"|\bdates?|\bwhen|\bvenue|\blocation|\bwhere)\s*[:：]"
    r"|[【\[]\s*(?:活动|论坛|会议|举办)?(?:时间|日期|会期|地点|会场)\s*[】\]]\s*[:：]?)\s*"
)
# Any line of a notice, under its label (时间：, 【活动安排】, "Programme:"): telegraphic as a schedule's line, its
# verbs (上午举行主论坛) are a programme's, not news of a forum held.
NOTICE_LINE = (
    r"\s*(?:[一二三四五六七八九十\d]+\s*[、.)]\s*)?(?:[【\[]\s*)?(?:活动|论坛|会议|举办)?"
    r"(?:名称|时间|日期|会期|地点|会场|地址|安排|议程|日程|流程|内容|主题|对象|方式|形式)\s*(?:[】\]]\s*[:：]?|[:：])"
    r"|\s*(?:programme|program|agenda|schedule|time|date|venue)\s*:"
)
# Attending verbs: 在上海出席 says where, as 在上海举行 does.
# Between a date and its verb, the time of day and the venue: 27日上午在上海国际会议中心开幕, 昨天下午在厦门
# 国际会议中心酒店闭幕. Venues' names run longer than the other words that stand there.
AT_THE_VENUE_ZH = r"(?:上午|下午|中午|晚上|晚间|早上)?\s*(?:在|于)[^，。,；;：:]{0,24}?"
ATTENDING_VERBS_ZH = r"出席|参加|参与|主持"  # 主持开幕式: presides over the opening
# A delegation's trip (上海市代表团结束赴台北交流行程, "HK to send delegation to …"): a story whose headline or lead
# tells it, and whose next sentence says the forum is what it attended, is about that forum.
DELEGATION_ZH = r"代表团|访问团|参访团|交流团|考察团|率团"
DELEGATION_EN = r"\bdelegations?\b"
ATTENDED_BEFORE_ZH = r"(?:出席|参加|参与|与会)[^，。,；;]{0,40}$"
ATTENDED_BEFORE_EN = (
    r"\b(?:attend(?:s|ed|ing)?|t(?:ake|akes|ook|aking)\s+part\s+in|join(?:s|ed|ing)?)\b[^.;,]{0,60}$"
)
# Verbs of gathering before a place: 百名市长齐聚厦门, 两岸青年聚首羊城; those who came for the forum gather
# where it is held.
GATHERING_VERBS_ZH = r"齐聚|聚首|相聚|云集"
# Words that make a run of hanzi a clause, not a name: between 第五届 and 论坛 they say the forum is held,
# attended or planned (第五届论坛将在厦门举行), so the name is not what stands there.
NOT_IN_A_NAME_ZH = "|".join(
    (
        HOLDING_VERBS_ZH,
        REPORT_CUES_ZH,
        TRAVEL_VERBS_ZH,
        ATTENDING_VERBS_ZH,
        CLOSING_VERBS_ZH,
        CANCELLED_ZH,
        "筹备|筹办|主办|承办|协办|合办|宣布|表示|指出|透露|预计|计划|邀请|延期|推迟|取消",
    )
)
NAME_QUALIFIERS_ZH = _TOPIC_QUALIFIERS_ZH | {form for city in GAZETTEER for form in city.forms_zh}
