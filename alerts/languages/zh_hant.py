"""Alert messages in Traditional Chinese (zh-Hant): for zh articles in Traditional script, or from
Taiwan, Hong Kong or Macao when the script is unknown."""

from __future__ import annotations

from alerts.languages import chinese
from alerts.languages.wording import Wording

WORDING = Wording(
    colon="：",
    outlet="來源",
    published="發布時間",
    forum="論壇",
    dates="日期",
    place="地點",
    link="連結",
    excerpt="摘要",
    topics="主題",
    rule="規則",
    unknown="未知",
    untitled="（無標題）",
    list_separator="、",
    new="新報導：",
    announcement="論壇預告：",
    changed="論壇資訊變更：",
    date_changed="論壇日期變更：",
    place_changed="論壇地點變更：",
    changed_intro="論壇資訊有變（先前通知 → 現在）：",
    tag_announcement="【預告】",
    tag_changed="【變更】",
    copies=lambda n: f"同一新聞共 {n} 篇報導",
    edition=lambda n: f"第{n}屆",
    digest=chinese.digest_subject("新聞摘要", "則", "論壇預告", "論壇變更"),
    day=chinese.day,
    day_range=chinese.day_range,
    parenthesis=lambda s: f"（{s}）",
    venue_in_city=lambda venue, city: f"{venue}（{city}）",
)
