"""Where a forum is held: the city (在上海举行, 於臺北舉行, held in Shanghai, travel to Shanghai) and the
venue (在臺北晶華酒店登場, at the Grand Hotel), from the sentences about the forum only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crawler.events import gazetteer, lexicon
from crawler.events.attachment import withdrawn
from crawler.events.bilingual import chinese_pattern, english_pattern, may_hold_english_word, one_of
from crawler.events.text import Sentence, fold

_CITY_FORMS_ZH = {form: city.name for city in gazetteer.GAZETTEER for form in city.forms_zh}
_CITY_FORMS_EN = {form.lower(): city.name for city in gazetteer.GAZETTEER for form in city.forms_en}
# The cities' names as tries (``bilingual.one_of``): most patterns of places look for them.
_CITY_ZH = one_of(_CITY_FORMS_ZH)
# "opens in KL": a short form counts as written, in capitals, and reads as the city's English name.
_SHORT_FORMS_EN = {
    short: next(city.forms_en[0] for city in gazetteer.GAZETTEER if city.name == name)
    for short, name in gazetteer.CITY_SHORT_FORMS_EN.items()
}
_CITY_EN = f"(?:{one_of(_CITY_FORMS_EN)}|(?-i:{one_of(_SHORT_FORMS_EN)}))"
_CLAUSE_CHARACTER = r"[^，。,；;：:！？!?]"
# A capital named by its country or province ("the Vietnamese capital", "Kyrgyzstan's capital", "the capital
# of Fujian", 越南首都, 福建省会) stands where the city's name would: the gazetteer's capitals, by the words.
_CAPITAL_OF_EN = {word.lower(): city for words, _, city in gazetteer.CAPITALS for word in words}
_CAPITAL_OF_ZH = {word: city for _, words, city in gazetteer.CAPITALS for word in words}
_COUNTRY_EN = one_of(_CAPITAL_OF_EN)
_COUNTRY_ZH = one_of(_CAPITAL_OF_ZH)
_CAPITAL_WORD_EN = re.compile(rf"\b(?:{_COUNTRY_EN})\b", re.IGNORECASE)
_CAPITAL_WORD_ZH = re.compile(_COUNTRY_ZH)
_CAPITAL_NOUN_ZH = re.compile(r"首都|首府|省会")
# Not "the Chinese capital market": the money sense of the word.
_NOT_MONEY_EN = (
    r"(?![\s-]+(?:markets?|flows?|inflows?|outflows?|investments?|gains?|accounts?|spending|expenditure"
    r"|controls?|injections?|requirements?|adequacy|goods)\b)"
)
_CAPITAL_EN = (
    rf"(?:the\s+(?:{_COUNTRY_EN})\s+(?:provincial\s+)?capital"
    rf"|(?:{_COUNTRY_EN})(?:\s+province)?['’]s\s+(?:provincial\s+)?capital"
    # not "the capital of China's Fujian province": Fuzhou
    rf"|the\s+(?:provincial\s+)?capital\s+(?:city\s+)?of\s+(?:the\s+)?(?:{_COUNTRY_EN})(?!['’]s\b)(?:\s+province)?)"
    rf"(?:\s+city)?\b{_NOT_MONEY_EN}"
)
# 內蒙古首府 is Hohhot, not Mongolia's capital.
_CAPITAL_ZH = (
    rf"(?<!内)(?:{_COUNTRY_ZH})(?:省|自治区|壮族自治区|维吾尔自治区)?(?:的)?(?:{_CAPITAL_NOUN_ZH.pattern})"
)

# 在上海举行, 於臺北晶華酒店登場 (the verb may follow the venue), 在台北落下帷幕, 赴上海出席; 地點在臺北,
# 主會場設在上海 (the venue line of a release).
# 在中國福建廈門舉行: papers across the strait may name the country before the province.
_PROVINCE_ZH = rf"(?:中国\s*)?(?:(?:{'|'.join(gazetteer.PROVINCES_ZH)})省?)?"
# 今年論壇輪由上海主辦: the host; 主會場設在上海: the release's venue line.
_HOST_ZH = rf"(?:由|轮由|轮到|轮至)\s*(?P<host_zh>{_CITY_ZH})市?(?:人民)?(?:政府)?\s*(?:主办|承办|举办|接棒)"
# 论坛地点不变，仍为武汉国际博览中心: a postponement's line may say the place stays, after a comma.
_VENUE_LINE_ZH = (
    rf"(?:地点|举办地|举行地|主办城市|主会场|会场)"
    rf"(?:{_CLAUSE_CHARACTER}{{0,4}}?|(?:不变|未变|维持不变|照旧)\s*[，,]\s*(?:仍然|仍|依然|依旧)?\s*(?:设)?)"
    rf"(?:在|于|为|是|:)\s*(?P<venue_city>{_CITY_ZH})"
)
# A notice's venue line names the city anywhere in it, after the room and the street: "Venue: Seminar Room 2,
# 12 Harbour Road, Hong Kong", "Location: Grand Hotel, Taipei", 地点：国家会议中心（北京）, 二、会场：福建省厦门市….
# A WeChat notice brackets its labels: 【活动地点】昆山花桥国际博览中心.
_NOTICE_VENUE_ZH = (
    r"^\s*(?:[一二三四五六七八九十\d]+\s*[、.)]\s*)?(?:[【\[]\s*)?(?:活动|论坛|会议|举办|举行)?(?:地点|会场|地址)"
    r"\s*(?:[】\]]\s*:?|:)"
    rf"[^。；;]{{0,40}}?(?P<line_city>{_CITY_ZH})"
)
_NOTICE_VENUE_EN = rf"^\s*(?:venue|location|where|address)\s*:[^;]{{0,120}}?\b(?P<line_city>{_CITY_EN})\b"
# "The venue remains the Wuhan International Expo Center": a postponement's line on the place kept, as 地点不变，
# 仍为… is in Chinese.
_VENUE_KEPT_EN = (
    r"\bvenue\s+(?:remains|will\s+remain|stays|will\s+stay|is\s+unchanged\s*[:,–—-]?|is\s+still|will\s+still\s+be)"
    rf"\s+(?:at\s+|in\s+)?(?:the\s+)?(?P<venue_city>{_CITY_EN})\b"
)


_FIRST_DAYS_ZH = r"(?:首[两二三]?[日天]|头[两二三][日天]|第一[日天])"
_DISTRICT_ZH = one_of(gazetteer.DISTRICTS_ZH)


def _zh_city(places: str) -> str:
    """The Chinese place patterns, with ``places`` where a city's name stands."""
    return (
        rf"(?:在|于|假|赴|到|前往|来|抵达|飞抵|抵)\s*{_PROVINCE_ZH}(?P<city>{places})市?{_CLAUSE_CHARACTER}{{0,14}}?"
        rf"(?:{lexicon.HOLDING_VERBS_ZH}|{lexicon.CLOSING_VERBS_ZH}|{lexicon.ATTENDING_VERBS_ZH}|进入第)"
        rf"(?!{_CLAUSE_CHARACTER}{{0,6}}?(?:{lexicon.PRESS_EVENTS_ZH}))"  # 在台北舉行記者會: not the forum's place
        rf"|{_HOST_ZH}|{_VENUE_LINE_ZH}|{_NOTICE_VENUE_ZH}"
        # 臨時移師浙江杭州, 改至平潭: an edition moved to another city is held there
        rf"|(?:{lexicon.RELOCATED_TO_ZH})\s*{_PROVINCE_ZH}(?P<moved_city>{_CITY_ZH})"
        # 首兩日在杭州國際博覽中心進行，第三日移師寧波, 首日在福田深圳會展中心舉行: where its first days are
        # held, before it moves on
        rf"|{_FIRST_DAYS_ZH}\s*(?:将|先)?\s*(?:在|于)\s*{_PROVINCE_ZH}(?:{_DISTRICT_ZH})?(?P<first_city>{_CITY_ZH})市?"
        rf"{_CLAUSE_CHARACTER}{{0,24}}?(?:进行|{lexicon.HOLDING_VERBS_ZH})"
        # 前往上海，將出席……論壇, 回到臺北國際會議中心，主持……開幕式: a journey (to the venue) and what it is
        # for, a comma apart
        # 逾百名市長齊聚廈門: where those who came for it gather
        rf"|(?:{lexicon.GATHERING_VERBS_ZH})\s*(?:于|在)?\s*{_PROVINCE_ZH}(?P<gathered_city>{_CITY_ZH})"
        rf"|(?:赴|前往|飞往|飞抵|抵达|到)\s*(?P<trip_city>{places})市?"
        rf"(?:[^\s，。,、；;：:]{{0,12}}?(?:{'|'.join(gazetteer.VENUE_SUFFIXES_ZH)}))?"
        rf"[^。；;！？!?]{{0,6}}?(?:将|准备|以)?(?:{lexicon.ATTENDING_VERBS_ZH})"
    )


# A sentence naming no capital's noun (首都, capital) is read with the cities' names alone: the capitals'
# descriptions would only slow the scan.
_ZH_CITY = chinese_pattern(_zh_city(_CITY_ZH))
_ZH_CITY_OR_CAPITAL = chinese_pattern(_zh_city(f"{_CITY_ZH}|{_CAPITAL_ZH}"))

_CITY_ABBREVIATION_ZH = "|".join(sorted(gazetteer.CITY_ABBREVIATIONS_ZH, key=len, reverse=True))
_ABBREVIATION_ENDS = rf"(?!{gazetteer.ABBREVIATION_NOT_BEFORE_ZH})"
_ZH_CITY_ABBREVIATION = chinese_pattern(
    rf"(?:在|来|到)(?P<held>{_CITY_ABBREVIATION_ZH}){_ABBREVIATION_ENDS}{_CLAUSE_CHARACTER}{{0,14}}?"
    rf"(?:{lexicon.HOLDING_VERBS_ZH}|{lexicon.ATTENDING_VERBS_ZH})"
    rf"|(?:赴|抵|飞抵|访|{lexicon.GATHERING_VERBS_ZH})(?P<went>{_CITY_ABBREVIATION_ZH}){_ABBREVIATION_ENDS}"
)


# A city's own government or council, as English copy names it after the city, with its acronym in brackets.
_GOVERNMENT_EN = (
    r"(?:(?:city|municipal|metropolitan)\s+(?:hall|council|government|corporation)|municipal\s+people['’]s\s+committee"
    r"|people['’]s\s+committee|city\s+people['’]s\s+government)(?:\s+\([A-Z]{2,8}\))?"
)


# "take place next week in Taipei": a few words may stand between the verb and the place.
def _en_city(places: str) -> str:
    """The English place patterns, with ``places`` where a city's name stands."""
    return (
        r"\b(?:(?:held|hold(?:s|ing)?|tak(?:e|es|ing)\s+place|took\s+place|open(?:s|ed|ing)?|host(?:s|ed|ing)?"
        r"|convene[sd]?|gather(?:s|ed|ing)?|meet(?:s|ing)?|met|go(?:es)?\s+ahead|forum|dialogue|dialog|summit"
        r"|wrap(?:s|ped)?\s+up|clos(?:e|es|ed)|conclude[sd]?|end(?:s|ed)?)"
        r"(?:[\s,]+[\w.–-]+){0,7}?\s+(?:in|on)"  # on: islands (held on Kinmen)
        r"|(?:travel\w*|head(?:s|ed)?|fl(?:y|ew|ies)|go(?:es|ing)?|trip|delegation|visit)\s+to|arriv\w*\s+in"
        # "More than 50 mayors are expected in Kuala Lumpur next month for the … Forum": where its guests come
        r"|\b(?:are|is|were|will\s+be)\s+expected\s+in"
        # "moved from Shanghai to Hangzhou", "relocated to Pingtan": where an edition moved
        rf"|{lexicon.RELOCATED_TO_EN}"
        r"|visit(?:s|ed)?)"  # not "the visiting Shanghai delegation"
        rf"\s+(?:the\s+(?:[\w-]+\s+){{0,2}}?city\s+of\s+)?(?P<city>{places})\b"
        # "Xiamen will host a cross-Strait youth forum": the city as the host; or its government, as 市政府主办 is
        # in Chinese ("Kuala Lumpur City Hall (DBKL) will host", "the Seoul Metropolitan Government hosts")
        rf"|\b(?P<host_city>{places})(?:\s+{_GOVERNMENT_EN})?"
        r"\s+(?:will\s+|is\s+to\s+|is\s+set\s+to\s+|to\s+)?host(?:s|ed|ing)?\b"
        rf"|{_NOTICE_VENUE_EN}|{_VENUE_KEPT_EN}"
    )


_EN_CITY = english_pattern(_en_city(_CITY_EN), re.IGNORECASE)
_EN_CITY_OR_CAPITAL = english_pattern(_en_city(f"{_CITY_EN}|{_CAPITAL_EN}"), re.IGNORECASE)
_CAPITAL_NOUN_EN = ("capital",)
# "would be held in the city as planned", 在当地举行: the city named before it in the sentence.
_EN_SAME_CITY = english_pattern(
    r"\b(?:held|hold(?:s|ing)?|tak(?:e|es|ing)\s+place|took\s+place|open(?:s|ed|ing)?|go(?:es)?\s+ahead)"
    r"(?:[\s,]+[\w.–-]+){0,3}?\s+in\s+the\s+city\b(?!\s+of\b|['’])",
    re.IGNORECASE,
)
_ZH_SAME_CITY = chinese_pattern(
    rf"(?:在|于)(?:该市|本市|当地|该地){_CLAUSE_CHARACTER}{{0,14}}?(?:{lexicon.HOLDING_VERBS_ZH})"
)
_HOST_LINE_ZH = re.compile(f"{_HOST_ZH}|{_VENUE_LINE_ZH}|{_NOTICE_VENUE_ZH}")
_HOST_LINE_EN = english_pattern(f"{_NOTICE_VENUE_EN}|{_VENUE_KEPT_EN}", re.IGNORECASE)
_LABEL_REACH = 16  # characters a notice line's label ends within (二、活动地点：, 【活动地点】, "Location:")
_LABEL_END = re.compile(r"[:\]】]")
_NOTICE_VENUE_LINE_ZH = re.compile(_NOTICE_VENUE_ZH)
_NOTICE_VENUE_LINE_EN = re.compile(_NOTICE_VENUE_EN, re.IGNORECASE)
# 論壇預備會議今日在上海舉行: the holding verb is another meeting's, whose name stands before the place.
_PRESS_EVENT_BEFORE_ZH = re.compile(rf"(?:{lexicon.PRESS_EVENTS_ZH}){_CLAUSE_CHARACTER}{{0,12}}$")
# "A preparatory meeting for the forum was held in Xiamen", "held a press conference in Taipei": the place
# is the meeting's (used with .search(text before the city)).
_MEETING_HELD_BEFORE_EN = english_pattern(rf"{lexicon.MEETING_HELD_EN}\s+(?:in|at)\s+$", re.IGNORECASE)
_MEETING_REACH = 160
_ANY_CITY = re.compile(rf"(?<![A-Za-z])(?:{_CITY_ZH}|{_CITY_EN})(?![a-z])", re.IGNORECASE)
# A city that is part of a forum's name or of a pair: the Shanghai-Taipei City Forum, 台北上海城市论坛.
_IN_A_NAME = re.compile(
    rf"\s*(?:[-–]\s*(?:{_CITY_EN})|(?:{_CITY_ZH})|(?:city\s+)?forum\b|城市|论坛|双城)", re.IGNORECASE
)
_VENUE_SUFFIX_ZH = "|".join(gazetteer.VENUE_SUFFIXES_ZH)
# A venue's name holds no date: 于民國112年9月5日至6日假高雄展覽館 is a date, then 假 (at), then the venue.
_ZH_VENUE = chinese_pattern(
    rf"(?:在|于|假)\s*(?P<venue>(?:(?!\d{{1,4}}\s*[年月日号])[^\s，。,、；;：:“”\"'()在于假]){{1,20}}?(?:{_VENUE_SUFFIX_ZH}))"
    rf"{_CLAUSE_CHARACTER}{{0,6}}?(?:{lexicon.HOLDING_VERBS_ZH})"
)
_EN_VENUE = english_pattern(
    r"\b(?:at|in)\s+(?:the\s+)?(?P<venue>(?:[A-Z][\w'’.-]*\s+)(?:(?:[A-Z][\w'’.-]*|&|and|of)\s+){0,6}"
    rf"(?:{'|'.join(gazetteer.VENUE_SUFFIXES_EN)}))\b"
)
# 灣仔香港會議展覽中心: a district may stand before the city.
_LEADING_CITY_ZH = re.compile(rf"^[\u3400-\u9fff]{{0,3}}?(?P<city>{_CITY_ZH})")
_LEADING_CITY_EN = re.compile(rf"^(?:{_CITY_EN})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    value: str  # as written; the full name where the text writes an abbreviation (来沪 -> 上海)
    phrase: str  # the phrase it was read from, as written


# "明年在廈門舉辦", "next year's forum would be held in Xiamen": in a report, the next edition's place.
# 明年論壇將結合10月的國慶活動，移至高雄舉行: where the forum's noun follows the word for next year, the sentence is
# about the next edition past its commas.
_NEXT_EDITION_BEFORE = re.compile(
    r"(?:(?:明年|后年|下届|下一届|下次)(?:[^，。,；;]{0,12}|的?(?:论坛|峰会|大会|年会)[^。；;]{0,30})|\bnext\b[^.,;]{0,30})$",
    re.IGNORECASE,
)


# "was last held in Shanghai in 2026", "previously hosted by Xiamen", 上次在上海舉行, 上一次於廈門舉辦: the place
# of an earlier edition, whatever this one's; and "held in Xiamen last year" (a city followed by last year).
_EARLIER_EDITION_BEFORE = re.compile(
    r"\b(?:last|previously|most\s+recently|once)\s+(?:held|hosted|staged|convened|took\s+place)"
    r"(?:\s+(?:by|in|on|at))?\s+$"
    r"|(?:上次|上一次|上回|上届|上一届|前一届|前次)[^，。,；;]{0,8}?(?:在|于)\s*$",
    re.IGNORECASE,
)
_EARLIER_EDITION_AFTER = re.compile(r"\s+(?:last\s+year|the\s+year\s+before)\b", re.IGNORECASE)


# 原訂4月26日在福州舉行的論壇改在平潭舉辦, "originally set for Fuzhou": the place given up.
# "that was due to be held in Shanghai next week": the place planned before a move.
_GIVEN_UP_BEFORE = re.compile(
    r"(?:原定|原订|原本|原先|原计划|原预定|本来)[^，。,；;]{0,16}$|\boriginally\b[^.,;]{0,40}$"
    r"|\b(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+)?(?:due|scheduled|set|planned|slated|supposed)"
    r"\s+to\s+(?:be\s+)?(?:held\s+|hosted\s+|staged\s+)?(?:in\s+)?$",
    re.IGNORECASE,
)


def find_city(
    sentences: Iterable[Sentence],
    report: bool = False,
    weaker_from: int | None = None,
    before_the_weaker: Place | None = None,
) -> Place | None:
    """The first city named as where the forum is held (or where the delegation goes to attend it).

    In a ``report`` a place said of next year's edition is not this one's. A place in what a correction
    withdraws ("an earlier version said it would be held in Jinan on May 3") is taken only where no other
    sentence names one: the correction may have righted the date alone. ``before_the_weaker`` (the city of
    the venue the forum's own sentences name) is taken before the sentences from ``weaker_from`` on (those
    that name no forum, whose holding verb may be another event's: "will also hold a roadshow in Taipei")."""
    withdrawn_place: Place | None = None
    for index, sentence in enumerate(sentences):
        if index == weaker_from and before_the_weaker is not None:
            return before_the_weaker
        folded, original = sentence.folded, sentence.original

        candidates = [
            m
            for m in _places_named(folded)
            if _attends_a_forum(folded, m)
            and not (report and _of_next_edition(folded, m))
            and not _of_earlier_edition(folded, m)
            and not _goes_on_there(folded, m)
            and not _PRESS_EVENT_BEFORE_ZH.search(folded, 0, m.start())
            and not _MEETING_HELD_BEFORE_EN.search(
                folded, max(0, m.start(_city_group(m)) - _MEETING_REACH), m.start(_city_group(m))
            )
        ]
        standing = [
            m for m in candidates if not withdrawn(folded, m.start(_city_group(m)), m.end(_city_group(m)))
        ]
        if candidates and not standing and withdrawn_place is None:
            withdrawn_place = _place_of(candidates[0], original)
        # A place given up (原訂…在福州舉行) counts only if the sentence names no other: a forum put off
        # keeps its city unless it moves (改在平潭舉辦).
        # The words before the city, not before the match: "the Forum, which was due to be held in Nanjing".
        kept = [m for m in standing if not _GIVEN_UP_BEFORE.search(folded, 0, m.start(_city_group(m)))]
        found = next(iter(kept or standing), None)
        if found:
            return _place_of(found, original)
        if same := _ZH_SAME_CITY.search(folded) or _EN_SAME_CITY.search(folded):
            named_before = [
                m
                for m in _ANY_CITY.finditer(folded, 0, same.start())
                if not _IN_A_NAME.match(folded, m.end())
            ]
            if named_before:
                last = named_before[-1]
                phrase = original[last.start() : same.end()]
                return Place(original[last.start() : last.end()], phrase)
        # 论坛筹备会议在沪召开: a short name is the meeting's place as a full one is (the forum's comes later).
        if abbreviation := next(
            (
                m
                for m in _ZH_CITY_ABBREVIATION.finditer(folded)
                if not _PRESS_EVENT_BEFORE_ZH.search(folded, 0, m.start())
            ),
            None,
        ):
            short = abbreviation.group("held") or abbreviation.group("went")
            phrase = original[abbreviation.start() : abbreviation.end()]
            return Place(gazetteer.CITY_ABBREVIATIONS_ZH[short], phrase)
    return before_the_weaker or withdrawn_place


def _places_named(folded: str) -> list[re.Match[str]]:
    """The matches of the place patterns in a sentence; a capital's description only where its noun stands."""
    chinese = _ZH_CITY_OR_CAPITAL if _CAPITAL_NOUN_ZH.search(folded) else _ZH_CITY
    english = _EN_CITY_OR_CAPITAL if may_hold_english_word(folded, _CAPITAL_NOUN_EN) else _EN_CITY
    return [*chinese.finditer(folded), *english.finditer(folded)]


def _place_of(found: re.Match[str], original: str) -> Place:
    group = _city_group(found)
    written = original[found.start(group) : found.end(group)]
    return Place(
        _capital_named(found.group(group)) or _SHORT_FORMS_EN.get(written) or written,
        original[found.start() : found.end()],
    )


def _capital_named(folded: str) -> str | None:
    """The city a capital's description names (the Vietnamese capital -> Hanoi, 越南首都 -> 河内), in the
    description's script; None for a city's own name."""
    if (word := _CAPITAL_WORD_ZH.search(folded)) and _CAPITAL_NOUN_ZH.search(folded):
        return _CAPITAL_OF_ZH[word.group()]
    if (word := _CAPITAL_WORD_EN.search(folded)) and "capital" in folded.lower():
        city = _CAPITAL_OF_EN[word.group().lower()]
        return next(c.forms_en[0] for c in gazetteer.GAZETTEER if c.name == city)
    return None


def _city_group(found: re.Match[str]) -> str:
    """The group of a place pattern's match that holds the city."""
    return next(
        name
        for name in (
            "city",
            "venue_city",
            "line_city",
            "trip_city",
            "host_city",
            "host_zh",
            "moved_city",
            "first_city",
            "gathered_city",
        )
        if found.groupdict().get(name)
    )


# A wire dateline names where the copy was filed: （中央社記者張小芸上海30日電）, 中新网上海8月29日电,
# "Taipei, Jan. 1 (CNA) --". For a report of a forum it is where the reporter saw it held.
_ZH_DATELINE = re.compile(
    rf"(?P<city>{_CITY_ZH})\s*(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*日\s*[电讯]"
    # （新加坡讯）, 联合早报（吉隆坡讯）, 【本报澳门讯】, 本报北京讯: a paper's dateline in brackets or after 本报 may give
    # the place alone, with no day
    rf"|(?:[(【\[]|本报)\s*(?P<bracket_city>{_CITY_ZH})(?:市|县)?\s*特?讯"
    # 記者李金生／金門報導, 〔記者楊心慧／台北報導〕: the Taiwanese papers' byline names where it was filed
    rf"|[/／]\s*(?P<byline_city>{_CITY_ZH})(?:市|县)?\s*(?:即时)?报导"
    # 第一财经记者 李明 杭州报道, 本报记者 张三 李四 北京报道: a Mainland byline ends with where it was filed
    rf"|记者\s*(?:[\u3400-\u9fff·]{{2,4}}?\s*){{1,3}}?(?P<reporter_city>{_CITY_ZH})市?\s*报[道导]"
)
# "Taipei, Jan. 1 (CNA) --", and as AFP, AP and Reuters write it, the city in capitals with its country or
# province and the year: "XIAMEN, China, June 18, 2028 (AFP) -", "FUZHOU, Fujian Province (AP) —", or a
# dash with no agency ("TAIPEI, Taiwan — ", capitals only: a sentence may open with a city and a dash). The
# words between the city and the agency are capitalised ones, and no other city: "Shanghai, Taipei and
# Xiamen (all three …)" opens a sentence. Malaysian and Singapore papers (The Star, the New Straits Times,
# The Straits Times) end the city in capitals with a colon: "KUALA LUMPUR: The two-day forum opened here
# yesterday" (capitals only, as for a dash).
_CAPITALISED = r"(?-i:[A-Z])[\w.'’-]*"
_EN_DATELINE = re.compile(
    rf"^\s*(?P<city>{_CITY_EN})(?:,\s*(?!(?:{_CITY_EN})\b){_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})?"
    rf"(?:,?\s+(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*)?(?P<mark>\(|[-–—]{{1,2}}\s)|:\s)",
    re.IGNORECASE,
)


def dateline_city(sentences: Iterable[Sentence]) -> Place | None:
    """The city of the wire dateline opening the body (the first sentence after the title)."""
    for sentence in sentences:
        if sentence.in_title:
            continue
        found = _ZH_DATELINE.search(sentence.folded[:40])
        if found is None:
            found = _EN_DATELINE.match(sentence.folded)
            if found is not None and found["mark"] != "(" and not found["city"].isupper():
                found = None  # "Taipei — the city ...": a city and a dash or a colon make a dateline in capitals only
        if found is None:
            return None
        group = next(
            name
            for name in ("city", "bracket_city", "byline_city", "reporter_city")
            if found.groupdict().get(name)
        )
        city = sentence.original[found.start(group) : found.end(group)]
        return Place(city, sentence.original[found.start() : found.end()])
    return None


_MOVES_ON_DAY_BEFORE_ZH = re.compile(lexicon.MOVES_ON_DAY_BEFORE_ZH)
_MOVES_ON_AFTER_ZH = re.compile(lexicon.MOVES_ON_AFTER_ZH)
_MOVES_ON_REACH = 16  # characters before the move its day may stand (5日(周六)起将移师)
_EARLIER_DAY_ZH = re.compile(r"\d{1,2}\s*[日号]|[今昨前]天|[今昨]日|首日|第一天")


def _goes_on_there(folded: str, found: re.Match[str]) -> bool:
    """第三日移師寧波, 11日起移师苏州, 移师南京续办: a forum that goes on in another city on a later day of its own is
    held where it opens (the set's rule for a forum in two cities); the city it moves to is not its host, as the
    city a whole edition moves to is (今年论坛临时移师杭州)."""
    if not found.groupdict().get("moved_city"):
        return False
    if _MOVES_ON_AFTER_ZH.match(folded, found.end("moved_city")):
        return True
    day = _MOVES_ON_DAY_BEFORE_ZH.search(folded, max(0, found.start() - _MOVES_ON_REACH), found.start())
    if day is None:
        return False
    # 次日, 第三日 say a day before; a day of the month (5日起移师) only where the sentence names an earlier one
    # (11月3日至4日在上海举行，5日起移师苏州): 论坛5日起移师杭州 alone may be a whole edition moved.
    return (
        not day.group().lstrip()[:1].isdigit() or _EARLIER_DAY_ZH.search(folded, 0, day.start()) is not None
    )


def _of_next_edition(folded: str, found: re.Match[str]) -> bool:
    return _NEXT_EDITION_BEFORE.search(folded, 0, found.start()) is not None


def _of_earlier_edition(folded: str, found: re.Match[str]) -> bool:
    group = _city_group(found)
    return (
        _EARLIER_EDITION_BEFORE.search(folded, max(0, found.start(group) - 40), found.start(group))
        is not None
        or _EARLIER_EDITION_AFTER.match(folded, found.end(group)) is not None
    )


_ATTENDING_END = re.compile(rf"(?:{lexicon.ATTENDING_VERBS_ZH})$")
_FORUM_NOUN_AHEAD = re.compile(
    rf"[^。；;！？!?]{{0,30}}?(?:{'|'.join(lexicon.FORUM_NOUNS_ZH)}|开幕式|闭幕式)"
)


def _attends_a_forum(folded: str, found: re.Match[str]) -> bool:
    """赴上海出席 says where the forum is only if a forum is what is attended (not 赴新北出席聯合會報)."""
    if not _ATTENDING_END.search(found.group()):
        return True
    return _FORUM_NOUN_AHEAD.match(folded, found.end()) is not None


def find_venue(sentences: Iterable[Sentence]) -> Place | None:
    """The first venue the forum is held at: 在XX酒店举行, at the ... Hotel."""
    for sentence in sentences:
        folded, original = sentence.folded, sentence.original
        found = _ZH_VENUE.search(folded) or _EN_VENUE.search(folded)
        if found:
            venue = original[found.start("venue") : found.end("venue")]
            return Place(venue, original[found.start() : found.end()])
    return None


def city_of_venue(venue: Place) -> Place | None:
    """The city a venue's name starts with: 臺北晶華酒店 -> 臺北."""
    folded = fold(venue.value)
    found = _LEADING_CITY_ZH.match(folded)
    if found is not None:
        return Place(venue.value[found.start("city") : found.end("city")], venue.value)
    found = _LEADING_CITY_EN.match(folded)
    if found is None:
        return None
    return Place(venue.value[: found.end()], venue.value)


# 臺北市政府將於本週五在市府大樓舉辦「…論壇」, 由廈門市人民政府主辦的論壇: a city's (or county's) government
# organises a forum in its own city, unless the clause names another city between (上海市政府…在台北舉辦).
# 上海方面預定於12月6日至7日舉辦, 上海市將在年底舉辦: the city itself, or its side, holds it as its government does.
_ORGANISER_ZH = chinese_pattern(
    rf"(?P<organiser>{_CITY_ZH})\s*(?:(?:市|县)?\s*(?:人民)?政?府|市|县|方面)"
    rf"(?:(?!{_CITY_ZH})[^，。,；;]){{0,30}}?(?:主办|承办|举办)"
    rf"(?={_FORUM_NOUN_AHEAD.pattern})"
)


def organiser_city(sentences: Iterable[Sentence]) -> Place | None:
    """The city whose government organises the forum (holds it where it governs)."""
    for sentence in sentences:
        if found := _ORGANISER_ZH.search(sentence.folded):
            city = sentence.original[found.start("organiser") : found.end("organiser")]
            return Place(city, sentence.original[found.start() : found.end()])
    return None


def notice_venue_city(sentences: Iterable[Sentence]) -> Place | None:
    """The city of a notice's or a fact box's venue line (地点：嘉义县政府大礼堂, "Venue: …, Cotai"): the
    event's own record of where it is held, before any sentence of prose, whose holding verb may be another
    forum's (今年5月在台中舉行的…論壇上)."""
    for sentence in sentences:
        folded = sentence.folded
        if not _LABEL_END.search(folded, 0, _LABEL_REACH):
            continue  # most sentences are prose: no label opens them
        if found := _NOTICE_VENUE_LINE_ZH.match(folded) or _NOTICE_VENUE_LINE_EN.match(folded):
            city = sentence.original[found.start("line_city") : found.end("line_city")]
            return Place(city, sentence.original[found.start() : found.end()])
    return None


def host_line_city(sentences: Iterable[Sentence]) -> Place | None:
    """The host or the main venue's city named in a sentence that need not name the forum: 本屆輪由上海主辦,
    主會場設在上海 (a release names the forum once, then speaks of 本届), a notice's venue line (地点：…,
    "Venue: …, Singapore")."""
    for sentence in sentences:
        if found := _HOST_LINE_ZH.search(sentence.folded) or _HOST_LINE_EN.search(sentence.folded):
            group = _city_group(found)
            city = sentence.original[found.start(group) : found.end(group)]
            return Place(city, sentence.original[found.start() : found.end()])
    return None


# A delegation names the city it comes from: "a delegation of Shanghai officials", "the Taipei
# delegation", "Taipei Mayor Ko is to lead a delegation", 上海市代表团, 台北市长率团.
_EN_VISITORS = english_pattern(
    rf"\bdelegation\s+(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?P<origin>{_CITY_EN})\b"
    rf"|\b(?P<adjective>{_CITY_EN})(?:'s|’s)?\s+(?:city\s+)?(?:government\s+)?delegation\b"
    rf"|\b(?P<mayor>{_CITY_EN})(?:'s|’s)?\s+(?:deputy\s+|vice\s+)?mayor\b[^.;]{{0,60}}?"
    r"\blead(?:s|ing)?\b[^.;]{0,30}?\bdelegation\b",
    re.IGNORECASE,
)
# Every alternative opens with a city: looking ahead for a city's first character skips the other characters
# quickly.
_CITY_OPENING_ZH = "".join(sorted({re.escape(form[0]) for form in _CITY_FORMS_ZH}))
_ZH_VISITORS = chinese_pattern(
    rf"(?=[{_CITY_OPENING_ZH}])"
    rf"(?:(?P<delegation>{_CITY_ZH})市?(?:政府)?(?:代表团|访问团|参访团|交流团)"
    # 天津市将派出约50人的代表团来台
    rf"|(?P<sender>{_CITY_ZH})市?(?:政府)?(?:将|会|将会)?(?:派出?|组团|组织)[^，。,；;]{{0,10}}?代表团"
    rf"|(?P<leader>{_CITY_ZH})市?(?:市长|副市长)[^，。,；;]{{0,12}}?率(?:团|领|队))"
)
# Series keys are folded names without spaces or punctuation: 上海台北城市论坛, shanghaitaipeicityforum.
_CITY_KEY_FORMS = {**_CITY_FORMS_ZH, **{form.replace(" ", ""): name for form, name in _CITY_FORMS_EN.items()}}
_CITY_IN_KEY = re.compile("|".join(sorted(map(re.escape, _CITY_KEY_FORMS), key=len, reverse=True)))


def _canonical(form: str) -> str | None:
    folded = fold(form)
    return (
        _CITY_FORMS_ZH.get(folded)
        or _CITY_FORMS_EN.get(folded.lower())
        or gazetteer.CITY_SHORT_FORMS_EN.get(folded)
    )


def host_of_two(names: Iterable[str], keys: Iterable[str], sentences: Iterable[Sentence]) -> Place | None:
    """For a forum of two cities (上海台北城市论坛, the Shanghai-Taipei forum), the city that is not the
    visiting delegation's. The pair is read from the forum's names as written and its series keys."""
    written: dict[str, str] = {}  # canonical city -> the form the article writes it in
    for name in dict.fromkeys(names):  # each name once: a story names its forum the same way many times
        for found in _ANY_CITY.finditer(fold(name)):
            city = _canonical(found.group())
            if city:
                written.setdefault(city, name[found.start() : found.end()])
    for key in keys:
        for found in _CITY_IN_KEY.finditer(key):
            city = _CITY_KEY_FORMS[found.group()]
            written.setdefault(city, city)
    if len(written) != 2:
        return None
    for sentence in sentences:
        folded = sentence.folded
        visit = _ZH_VISITORS.search(folded) or _EN_VISITORS.search(folded)
        if visit is None:
            continue
        group = next(name for name, value in visit.groupdict().items() if value)
        visitor = _canonical(visit.group(group))
        if visitor not in written:
            continue
        (host,) = (city for city in written if city != visitor)
        return Place(written[host], sentence.original[visit.start() : visit.end()])
    return None


def cities_named(sentence: Sentence) -> list[Place]:
    """Every gazetteer city a sentence names, as written, whatever it says of it: the plainest places a
    ranker (``candidates``) weighs beside the ones the patterns above read as held there."""
    return [
        Place(sentence.original[m.start() : m.end()], sentence.original)
        for m in _ANY_CITY.finditer(sentence.folded)
    ]
