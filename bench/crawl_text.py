"""Fresh article text for the crawl benchmark's site: made-up news in Simplified and Traditional Chinese
and English, about the Shanghai-Taipei Twin-City Forum (matching the example configuration's topics) or
about other city news (matching none).

Sentences are drawn from phrase pools with random names, numbers, places and fields, so that no two
articles share more than a few eight-character shingles: the store sees distinct stories, not copies of
one, as on a real night. The words are our own; nothing here comes from ../shared/eval.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from dedup.textnorm import to_traditional

Language = Literal["zh-Hans", "zh-Hant", "en"]
LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class ArticleText:
    title: str
    paragraphs: tuple[str, ...]
    about_forum: bool


@dataclass(frozen=True)
class Theme:
    """One kind of story: headlines, statements (clauses that stand alone or follow an attribution),
    and slot values of its own (``{org}``, ``{topic}``...)."""

    titles: tuple[str, ...]
    statements: tuple[str, ...]
    slots: Mapping[str, Sequence[str]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- Chinese
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
ZH_GIVEN = "志明华建国文俊伟丽敏静婷晓海涛鹏宇浩辉强军平芳燕玲红梅霞云峰磊洋勇杰斌超亮宁欣然悦思嘉佳家子安博睿哲翔凯琳雪婉颖瑞彦庭宏怡君"
ZH_WHEN = ("今天", "昨天", "日前", "当天", "近日", "上午", "下午", "晚间")
ZH_DISTRICTS = (
    "浦东新区", "徐汇区", "黄浦区", "静安区", "长宁区", "闵行区", "杨浦区", "虹口区",
    "信义区", "大安区", "中山区", "内湖区", "松山区", "士林区", "北投区", "万华区",
)  # fmt: skip
ZH_ATTRIBUTIONS = (
    "{who}{name}{when}表示", "{who}{name}在记者会上指出", "{name}在接受记者采访时说", "{who}{name}强调",
    "据{media}报道", "记者{when}从{org}获悉", "{org}负责人{name}介绍", "业内人士{name}认为",
    "{org}{when}发布消息称", "{name}对记者坦言",
)  # fmt: skip
ZH_MEDIA = ("新华社", "中新社", "中央社", "东方网", "联合报", "澎湃新闻", "经济日报", "文汇报", "中国时报")

ZH_FORUM = Theme(
    titles=(
        "{year}上海台北城市论坛{month}月{day}日在{host}登场",
        "双城论坛聚焦{topic}　两市将签署{n}项合作备忘录",
        "{who}{name}：双城论坛将深化{topic}合作",
        "沪台城市论坛{month}月举行　{big}名代表将出席",
        "双城论坛在{host}开幕　{topic}与{topic}成焦点",
        "上海台北城市论坛闭幕　下届移师{other}",
        "{host}筹备双城论坛　首设{topic}分论坛",
        "{year}双城论坛主题出炉：{motto}",
    ),
    statements=(
        "双城论坛已成为两岸城市交流的重要平台，今年将重点讨论{topic}和{topic}议题",
        "本届论坛将于{month}月{day}日在{host}举行，为期两天",
        "两市将在论坛期间签署{n}项合作备忘录，涵盖{topic}、{topic}和{topic}等领域",
        "约{big}名来自两地的{group}和官员将出席论坛",
        "近年来两市在{topic}领域的合作不断深化，{district}的试点项目已见成效",
        "论坛开幕式定于{month}月{day}日上午举行，下午将安排代表参访{place}",
        "论坛结束后，双方将就明年在{other}举办下一届论坛进行磋商",
        "{host}方面已完成场地、交通和住宿等各项筹备工作",
        "今年首次增设{topic}分论坛，邀请两地{group}面对面交流",
        "希望通过双城论坛让两地市民在{topic}方面得到更多实惠",
        "{topic}是两市最具合作潜力的领域之一，明年还将启动{n}个联合项目",
        "自2010年起上海与台北轮流举办城市论坛，今年已是第{k}届",
        "{district}将与{other}的{district}就{topic}开展结对交流",
        "论坛期间还将举办{topic}成果展，预计吸引{big}人次参观",
        "{other}代表团由{name}率领，成员包括{n}位局处首长",
        "今（{d}）日两市{group}在{place}座谈，交流{topic}经验",
    ),
    slots={
        "who": (
            "上海市副市长", "台北市副市长", "上海市台办主任", "台北市府发言人", "上海市政府副秘书长",
            "台北市议员", "论坛筹备组负责人", "台北市文化局长", "上海市交通委主任", "台北市产业局长",
        ),
        "topic": (
            "智慧城市", "青年创业", "文化创意", "社区治理", "公共交通", "医疗卫生", "环境保护", "低碳发展",
            "防灾救灾", "长者照护", "体育交流", "城市更新", "数字经济", "旅游推广", "教育合作", "垃圾分类",
            "水资源管理", "智慧医疗", "人才交流", "食品安全", "夜间经济", "儿童托育",
        ),
        "group": ("青年", "学者", "企业家", "社区工作者", "医护人员", "文创业者", "学生代表", "基层干部"),
        "place": ("滨江绿地", "社区养老中心", "科创园区", "老城厢街区", "自来水厂", "垃圾焚化厂", "青年创业基地"),
        "motto": ("城市共治　共享未来", "智慧双城　绿色共融", "青春同行　双城共好", "低碳城市　幸福生活"),
        "org": ("上海市台办", "台北市政府", "论坛筹备组", "上海市政府新闻办"),
    },
)  # fmt: skip

ZH_OTHER = (
    Theme(
        titles=("{org}：上月{item}价格同比上涨{pct}%", "{company}前三季度营收{big}亿元　同比增长{pct}%", "{item}市场回暖　{district}成交量创新高"),
        statements=(
            "上月{item}价格同比上涨{pct}%，涨幅比前月回落{small}个百分点",
            "{company}前三季度实现营业收入{big}亿元，净利润同比增长{pct}%",
            "{district}{item}成交量环比增加{pct}%，均价每平方米{big}元",
            "分析人士预计下月{item}价格将保持平稳，全年目标有望实现",
            "{company}计划明年在{district}新建{n}条生产线，总投资约{big}亿元",
            "受需求走弱影响，{item}出口额同比下降{pct}%",
        ),
        slots={"item": ("猪肉", "鲜菜", "二手房", "新能源车", "钢材", "原油", "家电", "茶叶"), "org": ("国家统计局", "市统计局", "海关总署", "市商务委")},
    ),
    Theme(
        titles=("{org}发布{color}预警　{district}{when}有大雨", "寒潮来袭　{district}气温将降{n}度", "台风“{storm}”逼近　{n}个航班取消"),
        statements=(
            "{org}{when}发布暴雨{color}预警，预计{district}累计雨量可达{big}毫米",
            "受冷空气影响，未来{n}天气温将下降{n}到{n}度，最低气温{n}度",
            "台风“{storm}”中心位于东南方约{big}公里的海面上，正以每小时{n}公里的速度移动",
            "气象部门提醒市民注意防范城市内涝和山洪等灾害，出行关注交通信息",
            "机场方面表示，已有{n}个航班取消，另有{big}班次延误",
            "{district}已开放{n}处避难场所，安置居民{big}人",
        ),
        slots={"org": ("中央气象台", "市气象台", "气象局"), "color": ("黄色", "橙色", "蓝色", "红色"), "storm": ("海燕", "白鹿", "山竹", "烟花", "小犬", "杜鹃")},
    ),
    Theme(
        titles=("地铁{n}号线延伸段{month}月通车　设{n}座车站", "{district}公交线网调整　{n}条线路改道", "春运返程高峰　铁路日均发送旅客{big}万人次"),
        statements=(
            "地铁{n}号线延伸段全长{small}公里，共设{n}座车站，预计{month}月底通车",
            "{district}将调整{n}条公交线路，新增站点{n}处，方便居民出行",
            "返程高峰期间铁路日均发送旅客{big}万人次，同比增长{pct}%",
            "交通部门提醒旅客提前规划行程，错峰出行",
            "新线开通后，从{district}到{district}的通勤时间将缩短约{n}分钟",
            "{org}表示，将在高峰时段加开{n}趟列车",
        ),
        slots={"org": ("市交通委", "地铁运营公司", "铁路局", "公交集团")},
    ),
    Theme(
        titles=("{team}主场{score}击败{team}　取得{n}连胜", "马拉松{month}月{day}日开跑　{big}名选手报名", "{name}夺得全运会{event}金牌"),
        statements=(
            "{team}{when}主场以{score}战胜{team}，取得{n}连胜",
            "本届马拉松设全程和半程两个项目，共有{big}名选手报名参加",
            "{name}在{event}决赛中发挥出色，以领先第二名{small}秒的成绩夺冠",
            "主教练{name}赛后表示，球队的防守还有很大提升空间",
            "赛事组委会提醒市民，比赛当天{district}部分道路将实施交通管制",
            "{team}目前在积分榜上排名第{n}位，距离榜首还差{n}分",
        ),
        slots={"team": ("上海海港", "上海申花", "北京国安", "山东泰山", "台北富邦", "台中太阳", "广州队", "成都蓉城"), "event": ("男子一百米", "女子跳远", "男子游泳", "女子举重", "乒乓球女单")},
    ),
    Theme(
        titles=("{museum}推出{era}文物特展　展出{big}件展品", "{name}新书《{book}》首发", "{district}文化艺术节开幕　{n}台演出免费"),
        statements=(
            "{museum}{when}推出{era}文物特展，共展出{big}件珍贵展品，展期至{month}月",
            "作家{name}的新书《{book}》在{district}举行首发式，吸引数百名读者到场",
            "艺术节为期{n}天，将在{district}的{n}个剧场推出{big}场演出",
            "策展人{name}介绍，本次展览有近半数展品为首次公开亮相",
            "主办方表示，展览期间每天限流{big}人，观众须提前预约",
            "{name}说，这本书记录了{district}几代居民的生活变迁",
        ),
        slots={"museum": ("上海博物馆", "故宫博物院", "台北故宫", "国家图书馆", "市美术馆"), "era": ("宋代", "明清", "青铜时代", "唐代", "民国"), "book": ("江南旧事", "灯火人间", "远山与海", "老街记忆", "雾中的城")},
    ),
    Theme(
        titles=("{company}发布新一代{product}　售价{big}元", "{district}建成{n}个5G基站　实现全覆盖", "{company}{product}销量同比增长{pct}%"),
        statements=(
            "{company}{when}发布新一代{product}，起售价为{big}元",
            "{district}今年已建成{n}个5G基站，重点区域实现信号全覆盖",
            "{company}表示，{product}上市首月销量突破{big}万台",
            "分析师{name}认为，{product}市场竞争将进一步加剧",
            "新产品采用自主研发的芯片，续航时间比上一代提升{pct}%",
            "{company}计划明年在{district}设立研发中心，招聘工程师{big}名",
        ),
        slots={"product": ("智能手机", "笔记本电脑", "智能手表", "扫地机器人", "电动自行车"), "company": ("华信科技", "启明电子", "远航智能", "星河通讯", "鼎新数码")},
    ),
)  # fmt: skip

ZH_COMMON_SLOTS: Mapping[str, Sequence[str]] = {
    "media": ZH_MEDIA,
    "district": ZH_DISTRICTS,
    "when": ZH_WHEN,
    "company": ("华信集团", "启明股份", "远航实业", "星河控股", "鼎新公司", "瑞丰集团"),
    "org": ("市政府", "市发改委", "区政府"),
    "who": ("市政府发言人", "区长", "局长", "副局长", "主任"),
}

# ---------------------------------------------------------------------------------------------- English
EN_SURNAMES = ("Chen", "Lin", "Wang", "Zhang", "Li", "Huang", "Wu", "Liu", "Tsai", "Yang", "Hsu", "Kuo", "Zhou", "Xu", "Ko", "Lee")  # fmt: skip
# Given names are made of two syllables (Chia-hao, Yu-ting): some nine hundred of them.
EN_SYLLABLES = ("chia", "hao", "yu", "ting", "shu", "fen", "wei", "ming", "jian", "hong", "pei", "ya", "wen", "lei", "tao", "jun", "xiao", "li", "hui", "zhi", "cheng", "kai", "rui", "an", "bo", "yi", "xin", "qing", "jie", "long")  # fmt: skip
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")  # fmt: skip
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_ATTRIBUTIONS = (
    "{who} {name} said on {weekday} that", "According to {org},", "{name}, {who}, told reporters that",
    "Speaking at a news conference, {name} said", "Officials said on {weekday} that", "{org} said in a statement that",
    "In an interview, {name} noted that", "Analysts such as {name} expect that",
    "{name}, {age}, who lives in {district}, said", "A report by {org} released on {weekday} found that",
    "Council member {name} of {district} said", "{name} and {name}, both {who}s, said",
)  # fmt: skip

EN_FORUM = Theme(
    titles=(
        "{host} to host {year} Twin-City Forum on {monthname} {day}",
        "Twin-City Forum: Shanghai and Taipei to sign {n} agreements on {topic}",
        "Shanghai-Taipei City Forum opens in {host} with focus on {topic}",
        "{who} {name} says Twin-City Forum will deepen {topic} ties",
        "Twin-City Forum closes; next edition in {other}",
        "{big} delegates expected at Twin-City Forum in {host}",
    ),
    statements=(
        "the forum would open in {host} on {monthname} {day} and run for two days",
        "the two cities plan to sign {n} memorandums covering {topic}, {topic} and {topic}",
        "about {big} delegates from both cities are expected to attend",
        "cooperation on {topic} has deepened in recent years, with pilot projects in {district}",
        "a new panel on {topic} will be added this year",
        "the next forum is expected to take place in {other}",
        "preparations for venues, transport and hotels in {host} were complete",
        "the forum has been held alternately in Shanghai and Taipei since 2010",
        "delegates will visit {place} on the afternoon of the opening day",
        "the {other} delegation, led by {name}, includes {n} department heads",
        "{topic} is one of the most promising fields for joint projects next year",
        "the forum should bring residents of both cities practical benefits in {topic}",
        "{n} projects on {topic} agreed at the last forum in {other} are under way in {district}",
        "a delegation of {big} from {other} will arrive on {monthname} {d}, led by {name}",
        "{name} will speak on {topic} at the opening session, followed by {name} on {topic}",
        "exchanges between {district} and {district} on {topic} began {n} years ago",
        "the agenda lists {n} panels, on {topic}, {topic}, {topic} and {topic}",
        "a joint report on {topic} covering {big} households in both cities will be released",
        "students from {n} universities will present {big} proposals on {topic}",
        "the cities agreed in {year} to share data on {topic} and {topic}",
        "{name} said {topic} in {district} could serve as a model for {other}",
        "tickets for the public session at {place} sold out within {n} hours",
    ),
    slots={
        "who": ("Deputy Mayor", "city spokesperson", "forum organiser", "council member", "cultural affairs commissioner"),
        "topic": ("smart cities", "youth entrepreneurship", "public transport", "elderly care", "flood control", "recycling", "tourism", "digital government", "public health", "urban renewal", "sports exchanges", "education", "night markets", "childcare", "water supply", "air quality", "cycling lanes", "film festivals", "food safety", "start-up funding"),
        "place": ("a riverside park", "a community care centre", "a science park", "a water treatment plant", "a youth start-up hub"),
        "org": ("the Taipei City Government", "the Shanghai municipal government", "the forum's organisers"),
    },
)  # fmt: skip

EN_OTHER = (
    Theme(
        titles=("City council approves {big} million budget for {project}", "{company} reports {pct} percent rise in quarterly revenue", "Home prices in {district} climb {pct} percent"),
        statements=(
            "the council approved a budget of {big} million for {project}",
            "{company} reported a {pct} percent rise in revenue for the quarter",
            "home prices in {district} rose {pct} percent from a year earlier",
            "the project is due to be finished within {n} years",
            "{company} plans to hire {big} workers at a new plant in {district}",
            "exports of {item} fell {pct} percent as demand weakened",
            "{name}, chief economist at {company}, put growth in {district} at {pct} percent",
            "{big} new firms registered in {district} in {monthname}, up {pct} percent",
            "the price of {item} reached {big} dollars a tonne on {weekday}",
        ),
        slots={"project": ("road repairs", "a new library", "school buildings", "flood defences", "bike lanes"), "item": ("steel", "electronics", "furniture", "tea", "machinery")},
    ),
    Theme(
        titles=("Typhoon {storm} forces {n} flight cancellations", "Heavy rain warning issued for {district}", "Cold front to bring {n}-degree drop in temperatures"),
        statements=(
            "typhoon {storm} was about {big} kilometres off the coast and moving at {n} kilometres an hour",
            "a heavy rain warning was issued for {district}, with up to {big} millimetres expected",
            "temperatures will drop by {n} degrees over the next {n} days",
            "{n} flights were cancelled and {big} delayed at the city's airport",
            "residents were urged to stay away from rivers and hillsides",
            "{n} shelters were opened in {district} for {big} residents",
            "{name}, {age}, said the water in {district} reached the second floor of her building",
            "rainfall in {district} hit {big} millimetres by {weekday} evening, the most since {year}",
            "{n} ferry routes to {district} were suspended until {weekday}",
        ),
        slots={"storm": ("Haiyan", "Bailu", "Mangkhut", "Koinu", "Doksuri")},
    ),
    Theme(
        titles=("{team} beat {team} {score}, extend winning run to {n}", "{big} runners sign up for city marathon", "{name} wins gold in {event}"),
        statements=(
            "{team} beat {team} {score} at home for a winning run of {n} games",
            "{big} runners have signed up for the marathon on {monthname} {day}",
            "{name} won the {event} final by {small} seconds",
            "coach {name} said the defence still had room to improve",
            "several roads in {district} will be closed on race day",
            "{team} are {n} points behind the league leaders",
            "{name} scored twice in the last {n} minutes before {big} fans",
            "{team} signed {name} from {team} for an undisclosed fee on {weekday}",
            "the {event} heats start at {n} pm on {monthname} {d} in {district}",
        ),
        slots={"team": ("Taipei Fubon", "Shanghai Port", "Taichung Suns", "Beijing Guoan", "Chengdu Rongcheng"), "event": ("100 metres", "long jump", "200 metres freestyle", "table tennis singles")},
    ),
    Theme(
        titles=("{company} unveils new {product} priced at {big} dollars", "{district} completes {n} new 5G base stations", "Sales of {company}'s {product} up {pct} percent"),
        statements=(
            "{company} unveiled a new {product} with a starting price of {big} dollars",
            "{district} has built {n} new 5G base stations this year",
            "sales of the {product} passed {big} thousand units in the first month",
            "battery life is {pct} percent longer than the previous model's",
            "{company} will open a research centre in {district} next year",
            "competition in the {product} market is expected to intensify",
            "{name}, who leads the {product} team at {company}, said {big} engineers worked on it",
            "the {product} goes on sale in {district} on {monthname} {d} for {big} dollars",
            "{company} shares rose {pct} percent on {weekday} after the launch",
        ),
        slots={"product": ("smartphone", "laptop", "smartwatch", "robot vacuum", "e-bike"), "company": ("Huaxin Tech", "Qiming Electronics", "Yuanhang Robotics", "Xinghe Telecom")},
    ),
)  # fmt: skip

EN_COMMON_SLOTS: Mapping[str, Sequence[str]] = {
    "district": (
        "Pudong",
        "Xuhui",
        "Jing'an",
        "Minhang",
        "Xinyi",
        "Da'an",
        "Neihu",
        "Shilin",
        "Beitou",
        "Songshan",
    ),
    "company": ("Huaxin Group", "Qiming Holdings", "Ruifeng Industries", "Dingxin Corp"),
    "org": ("the city government", "the district office", "the statistics bureau"),
    "who": ("a city spokesperson", "the district chief", "a bureau director"),
}


class TextWriter:
    """Writes articles: ``article(language, about_forum, paragraphs)``; the same seed, the same texts."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def article(self, language: Language, about_forum: bool, paragraphs: int) -> ArticleText:
        rng = self.rng
        english = language == "en"
        if about_forum:
            theme = EN_FORUM if english else ZH_FORUM
        else:
            theme = rng.choice(EN_OTHER if english else ZH_OTHER)
        host, other = rng.sample(["Shanghai", "Taipei"] if english else ["上海", "台北"], 2)
        month = rng.randint(1, 12)
        fixed = {
            "host": host,
            "other": other,
            "year": str(rng.randint(2024, 2027)),
            "month": str(month),
            "monthname": EN_MONTHS[month - 1],
            "day": str(rng.randint(1, 28)),
        }
        slots = {**(EN_COMMON_SLOTS if english else ZH_COMMON_SLOTS), **theme.slots}
        fill = _Filler(rng, fixed, slots, english)
        title = fill(rng.choice(theme.titles))
        title = title[0].upper() + title[1:]
        body = tuple(
            (" " if english else "").join(
                self._sentence(theme, fill, english) for _ in range(rng.randint(1, 3))
            )
            for _ in range(paragraphs)
        )
        if language == "zh-Hant":
            title, body = to_traditional(title), tuple(to_traditional(p) for p in body)
        return ArticleText(title, body, about_forum)

    def _sentence(self, theme: Theme, fill: _Filler, english: bool) -> str:
        sentence = fill(self.rng.choice(theme.statements))
        if self.rng.random() < 0.6:
            head = fill(self.rng.choice(EN_ATTRIBUTIONS if english else ZH_ATTRIBUTIONS))
            sentence = f"{head} {sentence}" if english else f"{head}，{sentence}"
        return sentence[0].upper() + sentence[1:] + ("." if english else "。")


class _Filler:
    """Fills ``{slot}``s: the article's fixed values, then pools, then made-up names and numbers."""

    def __init__(
        self, rng: random.Random, fixed: Mapping[str, str], pools: Mapping[str, Sequence[str]], english: bool
    ) -> None:
        self.rng, self.fixed, self.pools, self.english = rng, fixed, pools, english

    def __call__(self, pattern: str) -> str:
        return _SLOT.sub(lambda match: self.value(match.group(1)), pattern)

    def value(self, slot: str) -> str:
        if slot in self.fixed:
            return self.fixed[slot]
        if slot in self.pools:
            return self.rng.choice(self.pools[slot])
        if slot in _NUMBERS:
            return _NUMBERS[slot](self.rng)
        if slot == "name":
            if self.english:
                first, second = self.rng.sample(EN_SYLLABLES, 2)
                return f"{self.rng.choice(EN_SURNAMES)} {first.title()}-{second}"
            return self.rng.choice(ZH_SURNAMES) + "".join(
                self.rng.choices(ZH_GIVEN, k=self.rng.randint(1, 2))
            )
        raise KeyError(f"no value for slot {slot!r}")


_NUMBERS: Mapping[str, Callable[[random.Random], str]] = {
    "n": lambda rng: str(rng.randint(2, 12)),
    "k": lambda rng: str(rng.randint(8, 16)),
    "d": lambda rng: str(rng.randint(1, 28)),
    "big": lambda rng: str(rng.randint(120, 9800)),
    "age": lambda rng: str(rng.randint(19, 82)),
    "small": lambda rng: f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
    "pct": lambda rng: f"{rng.randint(1, 35)}.{rng.randint(0, 9)}",
    "score": lambda rng: f"{rng.randint(1, 5)}-{rng.randint(0, 3)}",
    "weekday": lambda rng: rng.choice(EN_WEEKDAYS),
}
