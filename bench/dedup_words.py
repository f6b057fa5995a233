"""Words the near-duplicate corpus writes (ours, in each language): the names, outlets, chrome lines,
editor's notes and background sentences a reprint adds, and the templates whose instances share an
opening formula but not their facts. No paragraph here is taken from an article."""

from __future__ import annotations

import random
from typing import Literal

Language = Literal["zh-Hans", "zh-Hant", "en"]


# --- words a reprint adds (ours, in each language) -------------------------------------------------

_NAMES = {
    "zh-Hans": ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "周敏"],
    "zh-Hant": ["陳怡君", "林志豪", "黃淑芬", "張家銘", "李佩珊", "王建民", "吳宗翰", "蔡依婷"],
    "en": ["Jane Smith", "David Lee", "Maria Garcia", "Tom Brown", "Aisha Khan", "Chen Wei", "Ben Carter"],
}
_OUTLETS = {
    "zh-Hans": ["新华网", "人民网", "中国新闻网", "澎湃新闻", "环球网", "央视新闻客户端", "东方网"],
    "zh-Hant": ["中央社", "聯合新聞網", "自由時報", "中時新聞網", "ETtoday新聞雲", "三立新聞網"],
    "en": ["Reuters", "The Associated Press", "AFP", "Bloomberg", "The Guardian", "Nikkei Asia"],
}
_CHROME_TOP = {
    "zh-Hans": ["来源：{outlet}", "原标题：{title}", "{outlet}讯", "作者：{author}"],
    "zh-Hant": ["（中央社記者{author}台北{day}日電）", "〔記者{author}／台北報導〕", "原標題：{title}"],
    "en": ["By {author}", "{outlet} staff", "Advertisement", "Updated {day} hours ago"],
}
_CHROME_BOTTOM = {
    "zh-Hans": [
        "（来源：{outlet}）", "责任编辑：{editor}", "【纠错】", "【纠错】【责任编辑：{editor}】",
        "本文来源：{outlet}　作者：{author}", "声明：本文转载自{outlet}，仅代表作者观点，不代表本站立场。",
        "分享到：微信 微博 QQ空间", "相关新闻", "举报/反馈",
    ],
    "zh-Hant": [
        "（編輯：{editor}）", "責任編輯／{editor}", "更多新聞推薦", "延伸閱讀",
        "本新聞文字、照片、影片專供個人使用，非經授權，不得轉載。", "分享至 Facebook LINE", "看更多{outlet}報導",
        "（中央社）",
    ],
    "en": [
        "(Reporting by {author}; Editing by {editor})", "Share this article", "Sign up for our newsletter.",
        "This story originally appeared on {outlet}.", "Copyright {year} {outlet}. All rights reserved.",
        "Advertisement", "Read more: {title}",
    ],
}  # fmt: skip
_EDITOR_NOTES = {
    "zh-Hans": [
        "编者按：{title}一事引发广泛关注，本网特转载此文，以飨读者。",
        "编者按：本文原载于{outlet}，经授权转载，有删节，标题为编者所加。",
    ],
    "zh-Hant": [
        "編者按：本文經{outlet}授權轉載，標題與內文小標為編輯所加。",
        "編按：{title}一事引起各界討論，本報整理相關報導如下。",
    ],
    "en": [
        "Editor's note: This article was first published by {outlet} and is republished with permission.",
        "Editor's note: This story has been updated to include additional reporting from {outlet}.",
    ],
}
_RELATED = {
    "zh-Hans": ["相关阅读：{headline}", "延伸阅读：{headline}", "推荐阅读：{headline}"],
    "zh-Hant": ["相關新聞：{headline}", "延伸閱讀：{headline}", "▸{headline}"],
    "en": ["Related: {headline}", "READ MORE: {headline}", "See also: {headline}"],
}
_HEADLINES = {
    "zh-Hans": ["两岸城市交流持续升温", "多地出台新举措优化营商环境", "专家解读最新经济数据", "一图读懂政策要点"],
    "zh-Hant": ["雙城論壇明年見 兩市交流不停歇", "氣象署：週末天氣轉涼", "立院三讀通過修正案", "專家看台股後市"],
    "en": ["What the new rules mean for you", "Markets close higher after volatile week", "Five things to know today"],
}  # fmt: skip
_BACKGROUND = {
    "zh-Hans": [
        "据了解，这一话题近年来持续受到社会各界关注。", "此前，有关部门曾多次召开座谈会，听取各方意见和建议。",
        "业内人士指出，相关政策的落地效果仍有待进一步观察。", "数据显示，去年同期相关指标同比增长约一成。",
        "记者注意到，类似情况在其他地区也曾出现。", "专家建议，应进一步完善相关制度，加强监督管理。",
        "当地居民对此表示欢迎，并希望后续工作能够尽快落实。", "截至发稿时，相关方面尚未作出进一步回应。",
    ],
    "zh-Hant": [
        "據了解，此議題近年來持續受到各界關注。", "先前相關單位已多次召開公聽會，廣納各方意見。",
        "業界人士指出，相關政策的實際成效仍有待觀察。", "統計顯示，去年同期相關數據成長約一成。",
        "記者注意到，類似情形在其他縣市也曾發生。", "學者建議，政府應進一步完善相關制度並加強監督。",
        "在地居民對此表示肯定，盼後續工作能儘速落實。", "截至截稿前，相關單位尚未進一步回應。",
    ],
    "en": [
        "The issue has drawn growing attention in recent years.", "Officials did not immediately respond to a request for comment.",
        "The announcement follows months of talks between the two sides.", "Analysts said the impact would depend on how the measures are carried out.",
        "Similar cases have been reported in other regions.", "Figures released last year showed a rise of about 10 percent.",
        "Residents welcomed the move but said more needed to be done.", "It was not clear when a final decision would be made.",
    ],
}  # fmt: skip


def _fill(pattern: str, language: Language, title: str, rng: random.Random) -> str:
    names = _NAMES[language]
    return pattern.format(
        outlet=rng.choice(_OUTLETS[language]), author=rng.choice(names), editor=rng.choice(names),
        title=title, day=rng.randint(1, 28), year=rng.randint(2015, 2024), headline=rng.choice(_HEADLINES[language]),
    )  # fmt: skip


# --- templates: one opening formula, different facts ----------------------------------------------

_TEMPLATES: dict[tuple[Language, str], tuple[str, dict[str, list[str]]]] = {
    ("zh-Hans", "forum-announcement"): (
        "{agency}{city}{m}月{d}日电 记者从{host}获悉，{year}年{forum}将于{m2}月{d2}日在{venue}举行。"
        "本届论坛以“{theme}”为主题，{guests}等约{n}人将出席。论坛期间，双方将就{t1}、{t2}和{t3}等议题进行交流，"
        "并签署{k}项合作备忘录。{host}有关负责人表示，{forum}自{first}年举办以来，已成为推动城市交流合作的重要平台。{close}",
        {
            "agency": ["新华社", "中新社", "本报"], "city": ["上海", "北京", "厦门", "南京"],
            "host": ["上海市台办", "市政府新闻办公室", "论坛组委会", "市台港澳办"],
            "forum": ["上海-台北城市论坛", "海峡论坛", "两岸城市发展论坛", "沪台经贸合作论坛"],
            "venue": ["上海国际会议中心", "台北市政府大楼", "厦门国际会展中心", "南京国际博览中心"],
            "theme": ["智慧城市 共享未来", "青年交流 共创新局", "绿色发展 低碳生活", "文化传承 创新融合", "韧性城市 安全发展"],
            "guests": ["两岸城市代表、专家学者和企业界人士", "两地市政府官员及青年代表", "海峡两岸的基层代表和工商界人士"],
            "t": ["智慧交通", "社区治理", "文化创意", "青年创业", "医疗卫生", "环境保护", "城市更新", "旅游合作", "体育交流"],
            "close": ["论坛同期还将举办城市建设成果展。", "主办方表示，将为与会嘉宾提供交通和住宿便利。", "部分活动将通过网络进行直播。",
                      "本届论坛首次设立青年分论坛，邀请两岸大学生参与讨论。", "预计将有数十家媒体到场采访报道。"],
        },
    ),
    ("zh-Hans", "exchange-rate"): (
        "中国外汇交易中心{m}月{d}日公布数据显示，人民币对美元汇率中间价报{rate}元，较前一交易日{dir}{pips}个基点。"
        "当日，人民币对欧元中间价报{eur}元，对日元中间价报{jpy}元，对港元中间价报{hkd}元。{analyst}分析认为，{reason}，"
        "预计短期内人民币汇率将{outlook}。{close}",
        {
            "dir": ["上调", "下调"], "analyst": ["中信证券首席经济学家", "招商银行研究员", "业内人士", "一位外汇交易员"],
            "reason": ["美元指数近期走弱", "国内经济数据好于预期", "季节性购汇需求上升", "市场避险情绪有所升温"],
            "outlook": ["保持双向波动", "在合理均衡水平上基本稳定", "小幅走强", "承压运行"],
            "close": ["当日在岸人民币收盘较上一交易日小幅波动。", "离岸人民币同步走高。", "交易员表示，市场观望情绪较浓。", "央行当日开展逆回购操作。"],
        },
    ),
    ("zh-Hant", "forum-announcement"): (
        "（中央社記者{reporter}台北{d}日電）{speaker}今天表示，{year}年{forum}將於{m}月{d2}日在{city}舉行，"
        "臺北市將由{leader}率團出席，團員包括{members}等約{n}人。{speaker}指出，本屆論壇將聚焦{t1}、{t2}及{t3}等議題，"
        "雙方預計簽署{k}項交流合作備忘錄。{close}",
        {
            "reporter": ["陳怡君", "林志豪", "黃淑芬", "張家銘"], "speaker": ["臺北市副市長", "陸委會發言人", "北市府發言人", "市府秘書長"],
            "forum": ["雙城論壇", "臺北上海城市論壇", "海峽兩岸城市論壇"], "city": ["上海", "臺北", "廈門"],
            "leader": ["市長", "副市長", "市府秘書長"], "members": ["市府局處首長、議員", "民間團體代表與學者", "青年代表與企業界人士"],
            "t": ["智慧交通", "社區營造", "文化創意", "青年創業", "醫療衛生", "環境保護", "都市更新", "觀光交流", "體育合作"],
            "close": ["陸委會表示將依程序審查。", "市議會部分議員對此表達關切。", "市府強調交流應在對等尊嚴原則下進行。", "相關行程細節將另行公布。"],
        },
    ),
    ("zh-Hant", "earthquake"): (
        "中央氣象署表示，今天{h}時{mi}分{place}發生芮氏規模{mag}地震，震央位於{county}政府{dirn}方{km}公里處，"
        "地震深度{depth}公里，最大震度{level}級。{county2}、{county3}也都感受到搖晃，分別測得震度{l2}級及{l3}級。{close}",
        {
            "place": ["花蓮近海", "台東外海", "宜蘭外海", "南投山區", "嘉義縣"], "county": ["花蓮縣", "台東縣", "宜蘭縣", "南投縣"],
            "dirn": ["東", "東南", "南", "西北", "東北"], "county2": ["台中市", "雲林縣", "新北市", "苗栗縣"],
            "county3": ["台北市", "彰化縣", "高雄市", "新竹縣"],
            "close": ["目前未傳出災情。", "台鐵部分路段列車暫停行駛檢查。", "氣象署提醒民眾注意餘震。", "消防署表示持續掌握各地狀況。"],
        },
    ),
    ("en", "earnings"): (
        "{company} said on {weekday} its {quarter} profit rose {pct} percent to ${amount} billion, beating analysts' estimates, "
        "as {driver}. Revenue climbed to ${rev} billion from ${prev} billion a year earlier. Shares of the company were up "
        "{shares} percent in extended trading. Chief executive {ceo} said in a statement that {quote}. {close}",
        {
            "company": ["Acme Corp", "Northwind Traders", "Globex", "Initech", "Umbrella Holdings"],
            "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "quarter": ["first-quarter", "second-quarter", "third-quarter", "fourth-quarter"],
            "driver": ["demand for its cloud services surged", "cost cuts offset weaker sales in China", "prices for its chips recovered",
                       "its advertising business rebounded"],
            "ceo": ["Jane Doe", "Raj Patel", "Li Ming", "Carlos Mendes"],
            "quote": ["the results showed the strength of its strategy", "it expected growth to continue into next year",
                      "customers were spending more cautiously", "investment in new products was paying off"],
            "close": ["The company will hold a call with analysts later on Thursday.", "It kept its full-year forecast unchanged.",
                      "Analysts had expected a smaller increase.", "The results were released after the market closed."],
        },
    ),
    ("en", "earthquake"): (
        "A magnitude {mag} earthquake struck {place} on {weekday}, the U.S. Geological Survey said. The quake hit at a depth of "
        "{depth} km, about {km} km {dirn} of {town}, the agency said. There were no immediate reports of damage or casualties. "
        "{close}",
        {
            "place": ["off the coast of Japan", "near the Philippines", "in central Chile", "off Indonesia's Sumatra island", "in eastern Turkey"],
            "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "dirn": ["north", "south", "east", "west", "northeast"],
            "town": ["Kamaishi", "Davao", "Talca", "Padang", "Malatya"],
            "close": ["Authorities said no tsunami warning had been issued.", "Residents said the shaking lasted about 30 seconds.",
                      "Local media said some buildings swayed in the capital.", "Aftershocks were felt across the region."],
        },
    ),
}  # fmt: skip
