"""Alert messages in Simplified Chinese (zh-Hans): for zh articles in Simplified script, or of unknown
script."""

from __future__ import annotations

from alerts.languages import chinese
from alerts.languages.wording import Wording

WORDING = Wording(
    colon="：",
    outlet="来源",
    published="发布时间",
    forum="论坛",
    dates="日期",
    place="地点",
    link="链接",
    excerpt="摘要",
    topics="主题",
    rule="规则",
    unknown="未知",
    untitled="（无标题）",
    list_separator="、",
    new="新报道：",
    announcement="论坛预告：",
    changed="论坛信息变更：",
    date_changed="论坛日期变更：",
    place_changed="论坛地点变更：",
    changed_intro="论坛信息有变（此前通知 → 现在）：",
    tag_announcement="【预告】",
    tag_changed="【变更】",
    copies=lambda n: f"同一新闻共 {n} 篇报道",
    edition=lambda n: f"第{n}届",
    digest=chinese.digest_subject("新闻摘要", "条", "论坛预告", "论坛变更"),
    day=chinese.day,
    day_range=chinese.day_range,
    parenthesis=lambda s: f"（{s}）",
    venue_in_city=lambda venue, city: f"{venue}（{city}）",
)
