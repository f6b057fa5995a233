"""Places, as data: the cities forums are held in, the provinces before them, short names and venue
suffixes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str  # what the reader returns when the text writes an abbreviation (沪 -> 上海)
    forms_zh: tuple[str, ...]  # Simplified, as matched on folded text; returned as written
    forms_en: tuple[str, ...]


GAZETTEER = (
    City("上海", ("上海",), ("Shanghai",)),
    City("台北", ("台北",), ("Taipei",)),
    City("新北", ("新北",), ("New Taipei",)),
    City("北京", ("北京",), ("Beijing",)),
    City("厦门", ("厦门",), ("Xiamen",)),
    City("高雄", ("高雄",), ("Kaohsiung",)),
    City("台中", ("台中",), ("Taichung",)),
    City("台南", ("台南",), ("Tainan",)),
    City("桃园", ("桃园",), ("Taoyuan",)),
    City("新竹", ("新竹",), ("Hsinchu",)),
    City("基隆", ("基隆",), ("Keelung",)),
    City("金门", ("金门",), ("Kinmen",)),
    City("香港", ("香港",), ("Hong Kong",)),
    City("澳门", ("澳门",), ("Macau", "Macao")),
    City("南京", ("南京",), ("Nanjing",)),
    City("杭州", ("杭州",), ("Hangzhou",)),
    City("苏州", ("苏州",), ("Suzhou",)),
    City("宁波", ("宁波",), ("Ningbo",)),
    City("深圳", ("深圳",), ("Shenzhen",)),
    City("广州", ("广州",), ("Guangzhou",)),
    City("成都", ("成都",), ("Chengdu",)),
    City("重庆", ("重庆",), ("Chongqing",)),
    City("武汉", ("武汉",), ("Wuhan",)),
    City("天津", ("天津",), ("Tianjin",)),
    City("青岛", ("青岛",), ("Qingdao",)),
    City("福州", ("福州",), ("Fuzhou",)),
    City("平潭", ("平潭",), ("Pingtan",)),
    City("西安", ("西安",), ("Xi'an",)),
    City("昆明", ("昆明",), ("Kunming",)),
    City("博鳌", ("博鳌",), ("Boao",)),
    City("新加坡", ("新加坡",), ("Singapore",)),
    # Further hosts of cross-strait exchanges: Taiwan's counties and cities, and the Mainland cities with
    # Taiwan investment zones and exchange bases.
    City("屏东", ("屏东",), ("Pingtung",)),
    City("嘉义", ("嘉义",), ("Chiayi",)),
    City("宜兰", ("宜兰",), ("Yilan",)),
    City("花莲", ("花莲",), ("Hualien",)),
    City("台东", ("台东",), ("Taitung",)),
    City("澎湖", ("澎湖",), ("Penghu",)),
    City("苗栗", ("苗栗",), ("Miaoli",)),
    City("彰化", ("彰化",), ("Changhua",)),
    City("南投", ("南投",), ("Nantou",)),
    City("云林", ("云林",), ("Yunlin",)),
    City("马祖", ("马祖",), ("Matsu",)),
    City("昆山", ("昆山",), ("Kunshan",)),
    City("泉州", ("泉州",), ("Quanzhou",)),
    City("漳州", ("漳州",), ("Zhangzhou",)),
    City("莆田", ("莆田",), ("Putian",)),
    City("宁德", ("宁德",), ("Ningde",)),
    City("三明", ("三明",), ("Sanming",)),
    City("龙岩", ("龙岩",), ("Longyan",)),
    City("东莞", ("东莞",), ("Dongguan",)),
    City("珠海", ("珠海",), ("Zhuhai",)),
    City("汕头", ("汕头",), ("Shantou",)),
    City("无锡", ("无锡",), ("Wuxi",)),
    City("常州", ("常州",), ("Changzhou",)),
    City("南通", ("南通",), ("Nantong",)),
    City("温州", ("温州",), ("Wenzhou",)),
    City("台州", ("台州",), ("Taizhou",)),
    City("嘉兴", ("嘉兴",), ("Jiaxing",)),
    City("绍兴", ("绍兴",), ("Shaoxing",)),
    City("合肥", ("合肥",), ("Hefei",)),
    City("南昌", ("南昌",), ("Nanchang",)),
    City("长沙", ("长沙",), ("Changsha",)),
    City("郑州", ("郑州",), ("Zhengzhou",)),
    City("济南", ("济南",), ("Jinan",)),
    City("沈阳", ("沈阳",), ("Shenyang",)),
    City("大连", ("大连",), ("Dalian",)),
    City("哈尔滨", ("哈尔滨",), ("Harbin",)),
    City("长春", ("长春",), ("Changchun",)),
    City("南宁", ("南宁",), ("Nanning",)),
    City("海口", ("海口",), ("Haikou",)),
    City("三亚", ("三亚",), ("Sanya",)),
    City("贵阳", ("贵阳",), ("Guiyang",)),
    City("兰州", ("兰州",), ("Lanzhou",)),
    City("乌鲁木齐", ("乌鲁木齐",), ("Urumqi",)),
    City("扬州", ("扬州",), ("Yangzhou",)),
    City("徐州", ("徐州",), ("Xuzhou",)),
    City("淮安", ("淮安",), ("Huai'an",)),
    City("镇江", ("镇江",), ("Zhenjiang",)),
    City("烟台", ("烟台",), ("Yantai",)),
    City("威海", ("威海",), ("Weihai",)),
    City("潍坊", ("潍坊",), ("Weifang",)),
    # The capitals and large cities of the neighbours whose mayors' and city forums the same desks cover: ASEAN's
    # and the SCO's members, Japan, Korea, Mongolia. Vientiane has no Chinese form here: 万象 is a common word
    # (包罗万象, 万象更新).
    # Vietnamese copy writes its cities in Vietnamese (Hà Nội, Ha Noi) and Ho Chi Minh City as HCM City or HCMC.
    City("河内", ("河内",), ("Hanoi", "Hà Nội", "Ha Noi")),
    City("胡志明市", ("胡志明市",), ("Ho Chi Minh City", "HCM City", "HCMC")),
    City("曼谷", ("曼谷",), ("Bangkok",)),
    City("吉隆坡", ("吉隆坡",), ("Kuala Lumpur",)),
    # Penang's city (George Town, 乔治市) goes by the island's and the state's name in copy of both scripts.
    City("槟城", ("槟城", "乔治市"), ("Penang", "George Town")),
    City("雅加达", ("雅加达",), ("Jakarta",)),
    City("马尼拉", ("马尼拉",), ("Manila",)),
    City("金边", ("金边",), ("Phnom Penh",)),
    City("万象", (), ("Vientiane",)),
    City("内比都", ("内比都",), ("Naypyidaw", "Nay Pyi Taw")),
    City("仰光", ("仰光",), ("Yangon",)),
    City("斯里巴加湾", ("斯里巴加湾",), ("Bandar Seri Begawan",)),
    City("比什凯克", ("比什凯克",), ("Bishkek",)),
    City("阿斯塔纳", ("阿斯塔纳",), ("Astana",)),
    City("阿拉木图", ("阿拉木图",), ("Almaty",)),
    City("塔什干", ("塔什干",), ("Tashkent",)),
    City("杜尚别", ("杜尚别",), ("Dushanbe",)),
    City("莫斯科", ("莫斯科",), ("Moscow",)),
    City("新德里", ("新德里",), ("New Delhi",)),
    City("伊斯兰堡", ("伊斯兰堡",), ("Islamabad",)),
    City("德黑兰", ("德黑兰",), ("Tehran",)),
    City("明斯克", ("明斯克",), ("Minsk",)),
    City("乌兰巴托", ("乌兰巴托",), ("Ulaanbaatar", "Ulan Bator")),
    City("首尔", ("首尔",), ("Seoul",)),
    City("釜山", ("釜山",), ("Busan",)),
    City("东京", ("东京",), ("Tokyo",)),
    City("大阪", ("大阪",), ("Osaka",)),
    # Japan's and Korea's other large cities, where sister-city and mayors' forums meet, in the forms Chinese and
    # English copy gives them (Japanese kanji fold to the Simplified forms: 福岡 to 福冈). A form that is another
    # place's or a word of its own is left out: 大田 (Daejeon) is a Fujian county, 全州 (Jeonju) a Guangxi one; Kyoto
    # is left out (京都 stands in 东京都 and 北京都市, Kyoto in the Kyoto Protocol), and so is Sejong (a king's and an
    # institute's name).
    City("福冈", ("福冈",), ("Fukuoka",)),
    City("横滨", ("横滨",), ("Yokohama",)),
    City("名古屋", ("名古屋",), ("Nagoya",)),
    City("札幌", ("札幌",), ("Sapporo",)),
    City("神户", ("神户",), ("Kobe",)),
    City("广岛", ("广岛",), ("Hiroshima",)),
    City("仙台", ("仙台",), ("Sendai",)),
    City("北九州", ("北九州",), ("Kitakyushu",)),
    City("千叶", ("千叶",), ("Chiba",)),
    City("长崎", ("长崎",), ("Nagasaki",)),
    City("熊本", ("熊本",), ("Kumamoto",)),
    City("新潟", ("新潟",), ("Niigata",)),
    City("冈山", ("冈山",), ("Okayama",)),
    City("静冈", ("静冈",), ("Shizuoka",)),
    City("那霸", ("那霸",), ("Naha",)),
    City("仁川", ("仁川",), ("Incheon",)),
    City("大邱", ("大邱",), ("Daegu",)),
    City("大田", (), ("Daejeon",)),
    City("光州", ("光州",), ("Gwangju",)),
    City("蔚山", ("蔚山",), ("Ulsan",)),
    City("水原", ("水原",), ("Suwon",)),
    City("昌原", ("昌原",), ("Changwon",)),
    City("全州", (), ("Jeonju",)),
    City("浦项", ("浦项",), ("Pohang",)),
    City("济州", ("济州",), ("Jeju",)),
    # Southeast Asia's other large cities and state capitals, where sister-city, mayors' and heritage forums
    # meet, with the names Malaysian, Singapore, Thai, Indonesian, Philippine and Vietnamese copy gives them in
    # both scripts. A Chinese form that is another place's or a common word is left out: 泗水 (Surabaya) is a
    # Shandong county, 海防 (Hai Phong) means coastal defence, 芙蓉 (Seremban) is a flower; 达沃 (Davao) opens
    # 达沃斯 (Davos), so only 达沃市 counts.
    City("马六甲", ("马六甲",), ("Melaka", "Malacca")),
    City("古晋", ("古晋",), ("Kuching",)),
    City("亚庇", ("亚庇", "哥打京那巴鲁"), ("Kota Kinabalu",)),
    City("新山", ("新山",), ("Johor Bahru", "Johor Baru")),
    City("怡保", ("怡保",), ("Ipoh",)),
    City("布城", ("布城", "布特拉再也"), ("Putrajaya",)),
    City("莎阿南", ("莎阿南", "沙阿南"), ("Shah Alam",)),
    City("关丹", ("关丹",), ("Kuantan",)),
    City("诗巫", ("诗巫",), ("Sibu",)),
    City("山打根", ("山打根",), ("Sandakan",)),
    City("泗水", (), ("Surabaya",)),
    City("万隆", ("万隆",), ("Bandung",)),
    City("棉兰", ("棉兰",), ("Medan",)),
    City("日惹", ("日惹",), ("Yogyakarta", "Jogjakarta")),
    City("巴淡", ("巴淡岛", "巴淡"), ("Batam",)),
    City("清迈", ("清迈",), ("Chiang Mai",)),
    City("普吉", ("普吉",), ("Phuket",)),
    City("芭堤雅", ("芭堤雅", "芭提雅"), ("Pattaya",)),
    City("宿务", ("宿务",), ("Cebu",)),
    City("达沃", ("达沃市",), ("Davao",)),
    City("岘港", ("岘港",), ("Da Nang", "Danang", "Đà Nẵng")),
    City("海防", (), ("Hai Phong", "Haiphong")),
    City("芹苴", ("芹苴",), ("Can Tho", "Cần Thơ")),
)
# Short forms English copy writes for a city, matched as written (capitals, a word of their own) and read as
# the city's English name: "forum opens in KL" (The Star, the New Straits Times). Not in lower case, where
# "kl" may be a unit's.
CITY_SHORT_FORMS_EN = {"KL": "吉隆坡"}
# A capital named by its country or province, as copy varies its words ("held in the Vietnamese capital", "the
# Kyrgyz capital will host", "the capital of Fujian", 在越南首都举行, 福建省会): (the country's or province's
# English names and adjectives, its Chinese names, the capital's gazetteer name).
CAPITALS = (
    (("Vietnamese", "Vietnam"), ("越南",), "河内"),
    (("Thai", "Thailand"), ("泰国",), "曼谷"),
    (("Malaysian", "Malaysia"), ("马来西亚", "大马"), "吉隆坡"),
    (("Indonesian", "Indonesia"), ("印尼", "印度尼西亚"), "雅加达"),
    (("Philippine", "Philippines"), ("菲律宾",), "马尼拉"),
    (("Cambodian", "Cambodia"), ("柬埔寨",), "金边"),
    (("Lao", "Laotian", "Laos"), ("老挝",), "万象"),
    (("Myanmar",), ("缅甸",), "内比都"),
    (("Bruneian", "Brunei"), ("文莱",), "斯里巴加湾"),
    (("Kyrgyz", "Kyrgyzstan"), ("吉尔吉斯斯坦", "吉尔吉斯"), "比什凯克"),
    (("Kazakh", "Kazakhstan"), ("哈萨克斯坦",), "阿斯塔纳"),
    (("Uzbek", "Uzbekistan"), ("乌兹别克斯坦",), "塔什干"),
    (("Tajik", "Tajikistan"), ("塔吉克斯坦",), "杜尚别"),
    (("Russian", "Russia"), ("俄罗斯",), "莫斯科"),
    (("Indian", "India"), ("印度",), "新德里"),
    (("Pakistani", "Pakistan"), ("巴基斯坦",), "伊斯兰堡"),
    (("Iranian", "Iran"), ("伊朗",), "德黑兰"),
    (("Belarusian", "Belarus"), ("白俄罗斯",), "明斯克"),
    (("Mongolian", "Mongolia"), ("蒙古",), "乌兰巴托"),
    (("South Korean", "South Korea"), ("韩国",), "首尔"),
    (("Japanese", "Japan"), ("日本",), "东京"),
    (("Chinese", "China"), ("中国",), "北京"),
    (("Taiwanese", "Taiwan"), ("台湾",), "台北"),
    (("Fujian",), ("福建",), "福州"),
    (("Guangdong",), ("广东",), "广州"),
    (("Zhejiang",), ("浙江",), "杭州"),
    (("Jiangsu",), ("江苏",), "南京"),
    (("Sichuan",), ("四川",), "成都"),
    (("Hubei",), ("湖北",), "武汉"),
    (("Shandong",), ("山东",), "济南"),
    (("Hainan",), ("海南",), "海口"),
    (("Guangxi",), ("广西",), "南宁"),
    (("Yunnan",), ("云南",), "昆明"),
    (("Hunan",), ("湖南",), "长沙"),
    (("Henan",), ("河南",), "郑州"),
    (("Anhui",), ("安徽",), "合肥"),
    (("Jiangxi",), ("江西",), "南昌"),
    (("Liaoning",), ("辽宁",), "沈阳"),
    (("Jilin",), ("吉林",), "长春"),
    (("Heilongjiang",), ("黑龙江",), "哈尔滨"),
    (("Shaanxi",), ("陕西",), "西安"),
    (("Gansu",), ("甘肃",), "兰州"),
    (("Guizhou",), ("贵州",), "贵阳"),
    (("Xinjiang",), ("新疆",), "乌鲁木齐"),
)
# Provinces a city may follow (在江蘇蘇州舉行, 福建平潭).
PROVINCES_ZH = (
    "江苏", "浙江", "福建", "广东", "山东", "辽宁", "吉林", "黑龙江", "河北", "河南", "湖北", "湖南", "安徽",
    "江西", "四川", "贵州", "云南", "陕西", "甘肃", "海南", "广西", "山西", "台湾",
)  # fmt: skip
# Short names of cities. They count only after a verb of going (赴沪) or before a holding verb (来沪出席):
# 台企在沪发展 says nothing about where a forum is held. The one-character short names newsrooms write in
# headlines and leads (在京开幕, 在穗举行, 在榕举办, 昨在蓉闭幕, 在澳舉行) and the cities' by-names.
CITY_ABBREVIATIONS_ZH = {
    "沪": "上海", "申城": "上海", "京": "北京", "穗": "广州", "羊城": "广州", "榕": "福州", "蓉": "成都",
    "厦": "厦门", "鹭岛": "厦门", "甬": "宁波", "津": "天津", "渝": "重庆", "杭": "杭州", "鹏城": "深圳",
    "港": "香港", "澳": "澳门", "榕城": "福州", "蓉城": "成都", "狮城": "新加坡", "星洲": "新加坡",
}  # fmt: skip
# What makes one of those characters the start of another word: 在澳洲, 在港口, 在京都, 在杭州 (the full
# name is read as such).
# 在星洲日报: a newspaper's name, not the city.
ABBREVIATION_NOT_BEFORE_ZH = r"洲|大利|口|区|都|澳|巴布|州|门|日报"
# What a Chinese venue's name ends with; longest first so 国际会议中心 is not cut at 中心.
VENUE_SUFFIXES_ZH = (
    "国际会议中心", "会议中心", "会展中心", "展览中心", "博览中心", "世博中心", "大会堂", "大酒店", "中心",
    "酒店", "饭店", "宾馆", "会馆", "大厦", "大楼", "礼堂", "会堂", "体育馆", "展览馆", "美术馆",
    "图书馆", "剧院", "会所", "书院", "厅",
)  # fmt: skip
VENUE_SUFFIXES_EN = (
    "Hotel", "Center", "Centre", "Hall", "Auditorium", "Building", "Palace", "Stadium", "Arena", "House",
    "Theater", "Theatre",
)  # fmt: skip
# Districts and zones a venue or a story may name instead of its city (灣仔會議展覽中心, "its two-day run in
# Wan Chai", 前海, 馬尾): the city they are in.
DISTRICTS_ZH = {
    "湾仔": "香港", "金钟": "香港", "尖沙咀": "香港", "前海": "深圳", "南港": "台北", "信义区": "台北",
    "内湖": "台北", "花桥": "昆山", "马尾": "福州", "海沧": "厦门", "湖里": "厦门", "中关村": "北京",
    "浦东": "上海", "陆家嘴": "上海", "虹桥": "上海", "滨海新区": "天津", "西岸": "上海",
    "徐汇": "上海", "静安": "上海", "长宁": "上海", "鼓浪屿": "厦门", "思明": "厦门", "集美": "厦门",
    "翔安": "厦门", "横琴": "珠海", "西九": "香港", "中环": "香港", "福田": "深圳", "南山区": "深圳",
    "南沙": "广州", "天河": "广州", "士林": "台北", "北投": "台北", "板桥": "新北", "马公": "澎湖",
    "日月潭": "南投", "员林": "彰化", "两江新区": "重庆", "仓山": "福州",
    # Macau's islands and the strip reclaimed between them, where its convention venues stand (路氹, 氹仔, 路环).
    "路氹": "澳门", "路氹城": "澳门", "氹仔": "澳门", "路环": "澳门",
    # The townships and islands of the outlying counties, as the Ministry of the Interior divides them
    # (Wikipedia, "Lienchiang County", "Kinmen County", "Penghu County"): Matsu's four (南竿, 北竿, 莒光 with
    # 东莒 and 西莒, 东引), Kinmen's six (金城, 金湖, 金沙, 金宁, 烈屿 or 小金门, 乌坵), Penghu's six (马公, 湖西,
    # 白沙, 西屿, 望安, 七美). Names a Mainland county or a common word shares (江苏金湖, 贵州金沙, 海南白沙, 金城
    # for Lanzhou) count only with their 镇 or 乡.
    "南竿": "马祖", "北竿": "马祖", "莒光": "马祖", "东莒": "马祖", "西莒": "马祖", "东引": "马祖",
    "金城镇": "金门", "金湖镇": "金门", "金沙镇": "金门", "金宁乡": "金门", "烈屿": "金门", "小金门": "金门",
    "大金门": "金门", "乌坵": "金门", "湖西乡": "澎湖", "白沙乡": "澎湖", "西屿乡": "澎湖", "望安": "澎湖",
    "七美": "澎湖",
    # Hong Kong's districts whose names are no common word nor another place's (not 大埔, a Guangdong county,
    # nor 西贡, Saigon), and Shenzhen's (Hong Kong and Shenzhen government releases name the district, not the
    # city: 沙田, 罗湖).
    "沙田": "香港", "荃湾": "香港", "屯门": "香港", "元朗": "香港", "观塘": "香港", "深水埗": "香港",
    "黄大仙": "香港", "葵青": "香港", "九龙城": "香港", "油尖旺": "香港",
    "罗湖": "深圳", "宝安": "深圳", "龙岗": "深圳", "盐田": "深圳", "坪山": "深圳",
}  # fmt: skip
DISTRICTS_EN = {
    "wan chai": "香港", "admiralty": "香港", "tsim sha tsui": "香港", "qianhai": "深圳", "nangang": "台北",
    "neihu": "台北", "mawei": "福州", "haicang": "厦门", "zhongguancun": "北京", "pudong": "上海",
    "gulangyu": "厦门", "siming": "厦门", "hengqin": "珠海", "west kowloon": "香港",
    "futian": "深圳", "nansha": "广州", "shilin": "台北", "beitou": "台北", "banqiao": "新北",
    "magong": "澎湖", "sun moon lake": "南投", "cotai": "澳门", "taipa": "澳门", "coloane": "澳门",
    "nangan": "马祖", "nankan": "马祖", "beigan": "马祖", "peikan": "马祖", "juguang": "马祖",
    "dongyin": "马祖", "tungyin": "马祖", "jincheng township": "金门", "jinhu township": "金门",
    "jinsha township": "金门", "jinning township": "金门", "lieyu": "金门", "lesser kinmen": "金门",
    "little kinmen": "金门", "greater kinmen": "金门", "wuqiu": "金门", "makung": "澎湖",
    "huxi township": "澎湖", "baisha township": "澎湖", "xiyu township": "澎湖", "wang'an": "澎湖",
    "wangan": "澎湖", "qimei": "澎湖",
    "sha tin": "香港", "shatin": "香港", "tsuen wan": "香港", "tuen mun": "香港", "yuen long": "香港",
    "kwun tong": "香港", "sham shui po": "香港", "wong tai sin": "香港", "kwai tsing": "香港", "tai po": "香港",
    "sai kung": "香港", "kowloon city": "香港", "yau tsim mong": "香港",
    "luohu": "深圳", "lo wu": "深圳", "bao'an": "深圳", "baoan": "深圳", "longgang": "深圳", "yantian": "深圳",
    "pingshan district": "深圳", "nanshan district": "深圳",
    # The convention districts of Singapore and Kuala Lumpur, which copy names for the venue ("at Marina Bay
    # Sands", "at KLCC", "at Sentosa").
    "marina bay": "新加坡", "sentosa": "新加坡", "klcc": "吉隆坡",
}  # fmt: skip
