"""The distributions of the generated landscape records (`generate.py` turns them into SQL lookup tables).

Technology domains (`DOMAINS`): the industries of Inner Mongolia's centers (rare-earth permanent magnets, rare-earth
metallurgy and functional materials, dairy, coal chemistry, wind, photovoltaics, graphene, hydrogen, metallurgy and
ceramics) plus a broad background (digital, medicine including Mongolian medicine, machinery, environment,
batteries and electric vehicles, agriculture and livestock, mining). Each domain has
- `weight`: its share of the records in 2025 (relative), `growth`: the yearly growth of its filings (e^growth per
  year), `start`: the first filing year (graphene from 2006, perovskite-era hydrogen work grows from 2010…);
- `im_boost`: how much more often than the average the first applicant is from Inner Mongolia (rare earths ×6, dairy
  ×5: Baotou's rare-earth base, Hohhot's dairy groups), renormalised so that the whole set keeps `im_share`;
- `prefectures`: the Inner Mongolia prefecture of an IM applicant (GB/T 2260 codes of `apps.reference.seed`);
- `ipc`: weighted real IPC groups (main group/subgroup, `apps.patents.records.ipc` form, no space);
- the words of the Chinese text (`subjects`, `steps`, `features`, `effects`, `uses`, `params`) and of the English
  text of some foreign records (`en_subjects`, `en_effects`);
- `industry`: the words of generated company names ("…磁材科技有限公司").

Applicants: the first applicant's country (`COUNTRIES`, CN ~88 %), a Chinese first applicant's province
(`PROVINCE_WEIGHTS`: invention filings by province, Guangdong/Jiangsu/Beijing/Zhejiang high; Inner Mongolia is set
apart by `im_share`), its type (`APPLICANT_TYPES`: enterprise 66 %, university 20 %, institute 6 %, individual 8 %),
then a Zipf-like rank inside its (country or province, type, domain) pool."""

from dataclasses import dataclass, field

from apps.navigation.schema import PROVINCES

# ---------------------------------------------------------------- where the applicants are

# Relative weights of Chinese first applicants by province (GB/T 2260), outside Inner Mongolia (see `im_share`).
PROVINCE_WEIGHTS = {
    "44": 150,  # 广东
    "32": 130,  # 江苏
    "11": 95,  # 北京
    "33": 90,  # 浙江
    "37": 70,  # 山东
    "31": 55,  # 上海
    "34": 42,  # 安徽
    "51": 36,  # 四川
    "42": 35,  # 湖北
    "61": 26,  # 陕西
    "41": 25,  # 河南
    "43": 25,  # 湖南
    "35": 24,  # 福建
    "12": 20,  # 天津
    "21": 20,  # 辽宁
    "50": 15,  # 重庆
    "13": 15,  # 河北
    "36": 10,  # 江西
    "45": 10,  # 广西
    "23": 10,  # 黑龙江
    "14": 8,  # 山西
    "22": 8,  # 吉林
    "53": 7,  # 云南
    "52": 6,  # 贵州
    "62": 5,  # 甘肃
    "65": 3,  # 新疆
    "64": 2,  # 宁夏
    "46": 2,  # 海南
    "63": 1,  # 青海
    "71": 2,  # 台湾
    "81": 1,  # 香港
}

# Cities used in applicant names (the first is the capital, used for universities and institutes).
CITIES = {
    "11": ["北京", "北京", "北京"],
    "12": ["天津", "天津"],
    "13": ["石家庄", "唐山", "保定", "邯郸"],
    "14": ["太原", "大同", "长治"],
    "15": ["呼和浩特"],  # Inner Mongolia: the prefecture's name (PREFECTURES)
    "21": ["沈阳", "大连", "鞍山", "抚顺"],
    "22": ["长春", "吉林"],
    "23": ["哈尔滨", "大庆", "齐齐哈尔"],
    "31": ["上海", "上海"],
    "32": ["南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州"],
    "33": ["杭州", "宁波", "温州", "绍兴", "嘉兴", "金华"],
    "34": ["合肥", "芜湖", "马鞍山"],
    "35": ["福州", "厦门", "泉州"],
    "36": ["南昌", "赣州", "九江"],
    "37": ["济南", "青岛", "烟台", "潍坊", "淄博"],
    "41": ["郑州", "洛阳", "新乡"],
    "42": ["武汉", "宜昌", "襄阳"],
    "43": ["长沙", "株洲", "湘潭"],
    "44": ["广州", "深圳", "东莞", "佛山", "珠海", "惠州"],
    "45": ["南宁", "柳州", "桂林"],
    "46": ["海口", "三亚"],
    "50": ["重庆"],
    "51": ["成都", "绵阳", "德阳"],
    "52": ["贵阳", "遵义"],
    "53": ["昆明", "曲靖"],
    "61": ["西安", "宝鸡", "咸阳"],
    "62": ["兰州", "天水"],
    "63": ["西宁"],
    "64": ["银川"],
    "65": ["乌鲁木齐", "克拉玛依"],
    "71": ["台北", "新竹"],
    "81": ["香港"],
}

# Province names in university and institute names: the platform's own names (apps/navigation/schema.py) of the
# provinces that have cities above.
PROVINCE_NAMES = {code: PROVINCES[code] for code in CITIES}

# Inner Mongolia's prefectures (apps/reference/seed.py codes) and their names in applicant names.
PREFECTURES = {
    "150100": "呼和浩特",
    "150200": "包头",
    "150300": "乌海",
    "150400": "赤峰",
    "150500": "通辽",
    "150600": "鄂尔多斯",
    "150700": "呼伦贝尔",
    "150800": "巴彦淖尔",
    "150900": "乌兰察布",
    "152200": "兴安盟",
    "152500": "锡林郭勒盟",
    "152900": "阿拉善盟",
}
# An IM applicant's prefecture when its domain says nothing else.
PREFECTURE_WEIGHTS = {
    "150100": 30,
    "150200": 28,
    "150600": 12,
    "150400": 7,
    "150500": 5,
    "150300": 3,
    "150700": 3,
    "150800": 3,
    "150900": 4,
    "152200": 1,
    "152500": 2,
    "152900": 2,
}

# The first applicant's country (ISO 3166 alpha-2).
COUNTRIES = {"CN": 880, "US": 40, "JP": 40, "KR": 18, "DE": 15, "FR": 4, "GB": 3}

# The first applicant's type (schema.APPLICANT_TYPES) in China and abroad.
APPLICANT_TYPES = {"enterprise": 66, "university": 20, "institute": 6, "individual": 8}
FOREIGN_APPLICANT_TYPES = {"enterprise": 90, "university": 6, "individual": 4}
# A co-applicant's type (an enterprise files with universities and institutes).
CO_APPLICANT_TYPES = {"enterprise": 45, "university": 40, "institute": 15}
# Applicants per record: 1, 2, 3.
APPLICANT_COUNTS = {1: 75, 2: 19, 3: 6}
# Pool sizes (names of one type in one province or country and domain): the Zipf-like rank runs over 1…pool.
POOL = {"enterprise": 3000, "university": 40, "institute": 25, "individual": 50000}

# ---------------------------------------------------------------- names

BRAND_CHARACTERS = "华中天宏金泰恒瑞鑫源宇正科达昌盛隆丰嘉德祥瑞创新汇通联合远航博凯晟辉耀明锦程安康信诚益海润峰"
COMPANY_FORMS = ["科技有限公司", "股份有限公司", "有限公司", "集团有限公司", "技术有限公司", "科技股份有限公司"]
UNIVERSITY_FIELDS = ["", "科技", "理工", "工业", "师范", "农业", "工程", "医科", "交通", "化工", "石油", "民族"]
UNIVERSITY_FORMS = ["大学", "大学", "大学", "学院"]
INSTITUTE_FORMS = ["研究院", "研究所", "工程技术研究中心"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN_CHARACTERS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉晨宇浩然子轩思远建国志红海燕文斌"
# Foreign names (no word that `schema.applicant_type` reads as an organisation: no "AG", "KK", "INC", "LTD"…).
FOREIGN_SURNAMES = {
    "US": ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "MILLER", "DAVIS", "WILSON", "MOORE"],
    "JP": ["TANAKA", "SUZUKI", "SATO", "WATANABE", "ITO", "YAMAMOTO", "NAKAMURA", "KOBAYASHI"],
    "KR": ["KIM", "LEE", "PARK", "CHOI", "JUNG", "YOON", "JANG", "LIM"],
    "DE": ["MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER", "WOLF", "BECKER"],
    "FR": ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY"],
    "GB": ["JONES", "TAYLOR", "EVANS", "THOMSON", "WHITE", "HUGHES", "EDWARDS", "GREEN"],
}
FOREIGN_GIVEN = {
    "US": ["JOHN", "MICHAEL", "DAVID", "SUSAN", "LINDA", "ROBERT", "MARY", "JAMES"],
    "JP": ["HIROSHI", "TAKESHI", "YUKI", "KENJI", "HARUTO", "SATOSHI", "YUMI", "NAOKI"],
    "KR": ["MINJUN", "SEOYEON", "JIHOON", "HYUN", "SUNG", "JIWOO", "YOUNG", "DONGHYUN"],
    "DE": ["PETER", "THOMAS", "STEFAN", "ANDREAS", "MICHAEL", "CLAUDIA", "JUERGEN", "MARTIN"],
    "FR": ["PIERRE", "JEAN", "MARIE", "NICOLAS", "SOPHIE", "LUC", "JULIEN", "CLAIRE"],
    "GB": ["JAMES", "OLIVER", "EMMA", "HARRY", "CHARLOTTE", "WILLIAM", "SOPHIE", "JOHN"],
}
FOREIGN_BRANDS = ["NORD", "ALTEC", "VENTRO", "KYOSEI", "HANSOL", "SOLARIS", "MERIDIAN", "POLARIS", "ORION", "VERTEX"]
FOREIGN_FORMS = {
    "US": ["INC", "CORPORATION", "LLC", "TECHNOLOGIES INC"],
    "JP": ["CO., LTD.", "CORPORATION", "株式会社"],
    "KR": ["CO., LTD.", "CORPORATION"],
    "DE": ["GMBH", "GMBH & CO. KG", "SE GMBH"],
    "FR": ["S.A. CORP", "SAS CO."],
    "GB": ["LTD", "PLC LTD"],
}
FOREIGN_CITIES = {
    "US": ["CALIFORNIA", "MICHIGAN", "TEXAS", "MASSACHUSETTS"],
    "JP": ["TOKYO", "OSAKA", "KYOTO", "TOHOKU"],
    "KR": ["SEOUL", "KOREA", "PUSAN"],
    "DE": ["MUNICH", "AACHEN", "STUTTGART"],
    "FR": ["PARIS", "LYON", "GRENOBLE"],
    "GB": ["CAMBRIDGE", "MANCHESTER", "LONDON"],
}

# ---------------------------------------------------------------- years, types, statuses

FIRST_YEAR, LAST_YEAR = 2000, 2025
# Filings of the last two years are not all published yet at the cut-off (18 months): their share is lowered.
PUBLICATION_LAG = {2024: 0.8, 2025: 0.35}
CUTOFF = "2026-06-30"
# Shares among Chinese applicants' records: invention, utility model (foreign applicants: inventions, 70 % PCT).
UTILITY_MODEL_SHARE = 0.25
FOREIGN_PCT_SHARE = 0.7


@dataclass(frozen=True)
class Domain:
    key: str
    weight: float
    growth: float
    start: int
    im_boost: float
    ipc: dict
    field_name: str
    industry: list
    subjects: list
    steps: list
    features: list
    effects: list
    uses: list
    params: list  # (name, low, high, unit)
    en_subjects: list = field(default_factory=list)
    en_effects: list = field(default_factory=list)
    prefectures: dict = field(default_factory=dict)


DOMAINS = [
    Domain(
        key="magnet",
        weight=4,
        growth=0.15,
        start=2000,
        im_boost=6,
        prefectures={"150200": 75, "150100": 12, "150400": 5, "150600": 4, "150300": 4},
        ipc={
            "H01F1/057": 30,
            "H01F1/0577": 12,
            "H01F1/053": 6,
            "H01F41/02": 14,
            "H01F7/02": 4,
            "C22C38/00": 6,
            "C22C33/02": 5,
            "B22F3/24": 6,
            "B22F9/04": 4,
            "H02K1/27": 5,
            "C22C19/07": 2,
            "H01F1/08": 3,
        },
        field_name="稀土永磁材料",
        industry=["磁业", "磁材", "稀土永磁", "磁性材料", "稀土新材料"],
        subjects=[
            "钕铁硼永磁体",
            "烧结钕铁硼磁体",
            "稀土永磁材料",
            "钐钴永磁体",
            "粘结钕铁硼磁粉",
            "高矫顽力稀土永磁体",
            "含铈稀土永磁材料",
            "热压钕铁硼磁环",
            "稀土永磁电机转子",
            "低重稀土磁体",
        ],
        steps=[
            "将合金原料真空感应熔炼后速凝甩带制得速凝薄片",
            "对速凝薄片进行氢破碎和气流磨制粉",
            "在磁场中取向成型并冷等静压",
            "在真空烧结炉中烧结并进行两级回火热处理",
            "在磁体表面涂覆含镝或铽的扩散源",
            "进行晶界扩散热处理使重稀土沿晶界渗入",
            "对磁体进行机加工和表面电镀防护",
            "将磁粉与粘结剂混合后模压成型",
        ],
        features=[
            "重稀土元素在晶界相富集形成核壳结构",
            "主相晶粒细化至3微米以下",
            "晶界相中添加铜、镓和铝元素",
            "以铈部分替代镨钕",
            "磁体表面形成致密的防护层",
        ],
        effects=[
            "显著提高磁体的矫顽力",
            "降低重稀土用量",
            "保持较高的剩磁和磁能积",
            "改善磁体的耐腐蚀性",
            "提高磁体的温度稳定性",
            "降低生产成本",
        ],
        uses=["新能源汽车驱动电机", "风力发电机", "变频空调压缩机", "工业伺服电机", "消费电子"],
        params=[("烧结温度", 1000, 1100, "℃"), ("扩散温度", 850, 950, "℃"), ("回火温度", 480, 620, "℃")],
        en_subjects=["rare earth permanent magnet", "sintered Nd-Fe-B magnet", "grain boundary diffusion magnet"],
        en_effects=["improves coercivity", "reduces the amount of heavy rare earth", "improves corrosion resistance"],
    ),
    Domain(
        key="rare_earth",
        weight=3,
        growth=0.12,
        start=2000,
        im_boost=6,
        prefectures={"150200": 70, "150100": 12, "150400": 6, "150300": 6, "150600": 6},
        ipc={
            "C22B59/00": 25,
            "C22B3/38": 8,
            "C01F17/00": 12,
            "C01F17/206": 6,
            "C22C28/00": 5,
            "C09K11/77": 10,
            "B01J23/10": 8,
            "C09G1/02": 6,
            "C22C23/06": 6,
            "C25C3/36": 5,
        },
        field_name="稀土冶炼与功能材料",
        industry=["稀土", "稀土冶金", "稀土功能材料", "稀土科技"],
        subjects=[
            "稀土精矿",
            "氯化稀土溶液",
            "稀土氧化物",
            "稀土抛光粉",
            "稀土发光材料",
            "稀土催化剂",
            "稀土镁合金",
            "稀土储氢合金",
            "氧化铈",
            "金属镨钕",
        ],
        steps=[
            "将稀土精矿与浓硫酸混合后高温焙烧",
            "用水浸出焙烧矿并过滤除杂",
            "采用P507萃取剂进行多级萃取分离",
            "加入草酸沉淀并煅烧得到稀土氧化物",
            "在氟化物熔盐体系中进行熔盐电解",
            "对萃余液进行中和回收处理",
            "将稀土氧化物与助剂混合球磨",
        ],
        features=["萃取级数减少三分之一", "废水中氨氮实现零排放", "稀土回收率达到98%以上", "产品纯度达到99.99%"],
        effects=["提高稀土回收率", "降低酸碱消耗", "减少三废排放", "提高产品纯度", "缩短工艺流程"],
        uses=["稀土分离企业", "抛光材料", "汽车尾气净化", "照明与显示", "储氢电池"],
        params=[("焙烧温度", 250, 800, "℃"), ("萃取级数", 20, 80, "级"), ("电解电流", 3, 30, "kA")],
        en_subjects=["rare earth extraction process", "cerium oxide polishing powder", "rare earth phosphor"],
        en_effects=["improves recovery rate", "reduces acid consumption", "reduces waste water"],
    ),
    Domain(
        key="dairy",
        weight=3,
        growth=0.11,
        start=2000,
        im_boost=5,
        prefectures={"150100": 60, "150200": 8, "150700": 12, "150500": 6, "152500": 6, "150800": 8},
        ipc={
            "A23C9/13": 25,
            "A23C9/12": 15,
            "A23C19/00": 10,
            "A23C11/00": 8,
            "A23C21/00": 6,
            "A23C9/20": 6,
            "A23C9/15": 8,
            "A61K35/20": 4,
            "A23C3/02": 6,
            "A23L33/135": 6,
        },
        field_name="乳制品加工",
        industry=["乳业", "乳品", "奶业", "生物乳品"],
        subjects=[
            "发酵乳",
            "奶酪",
            "婴幼儿配方乳粉",
            "酸奶",
            "奶片",
            "乳清蛋白粉",
            "驼乳制品",
            "益生菌乳饮料",
            "奶皮子",
        ],
        steps=[
            "将生牛乳标准化后进行均质处理",
            "在95℃下巴氏杀菌并冷却至发酵温度",
            "接种嗜热链球菌和保加利亚乳杆菌进行发酵",
            "破乳后冷藏后熟",
            "将浓缩乳喷雾干燥制得乳粉",
            "加入凝乳酶凝乳并切割排乳清",
        ],
        features=["复配益生菌提高活菌数", "采用低温浓缩保留活性蛋白", "以菊粉替代部分蔗糖"],
        effects=["改善产品口感和质构", "延长货架期", "提高活菌数", "降低乳糖含量", "保留乳中的营养成分"],
        uses=["乳制品生产企业", "婴幼儿营养", "休闲食品"],
        params=[("发酵温度", 37, 43, "℃"), ("发酵时间", 4, 12, "小时"), ("均质压力", 15, 25, "MPa")],
        en_subjects=["fermented milk product", "infant formula milk powder", "cheese making process"],
        en_effects=["improves texture", "extends shelf life", "increases viable probiotic count"],
    ),
    Domain(
        key="coal",
        weight=3,
        growth=0.10,
        start=2000,
        im_boost=3,
        prefectures={"150600": 50, "150300": 15, "150700": 8, "150200": 8, "150100": 10, "152900": 9},
        ipc={
            "C10J3/00": 15,
            "C10J3/48": 10,
            "C10G1/06": 10,
            "C10L1/32": 6,
            "C07C29/151": 10,
            "C07C1/20": 8,
            "C10K1/00": 8,
            "B01D53/50": 8,
            "C10B53/04": 8,
            "C04B18/08": 7,
            "C01B3/02": 5,
        },
        field_name="煤化工",
        industry=["能源化工", "煤化工", "煤业", "清洁能源"],
        subjects=[
            "煤气化炉",
            "煤制甲醇装置",
            "煤焦油加氢工艺",
            "合成气净化系统",
            "煤直接液化工艺",
            "粉煤灰综合利用方法",
            "煤制烯烃工艺",
            "兰炭",
        ],
        steps=[
            "将原料煤破碎筛分后制成水煤浆",
            "在气化炉内与氧气发生部分氧化反应生成粗合成气",
            "对粗合成气进行洗涤除尘和变换",
            "采用低温甲醇洗脱除酸性气体",
            "在催化剂作用下合成甲醇",
            "对煤焦油进行加氢精制",
        ],
        features=["气化炉采用多喷嘴对置结构", "回收高温合成气的显热副产蒸汽", "催化剂采用铜锌铝体系"],
        effects=["提高碳转化率", "降低能耗和水耗", "减少二氧化碳排放", "提高装置运行稳定性"],
        uses=["现代煤化工企业", "焦化企业", "电厂"],
        params=[("气化温度", 1200, 1500, "℃"), ("反应压力", 3, 8, "MPa"), ("水煤浆浓度", 58, 65, "%")],
        en_subjects=["coal gasification process", "methanol synthesis", "syngas purification"],
        en_effects=["improves carbon conversion", "reduces energy consumption"],
    ),
    Domain(
        key="wind",
        weight=2.5,
        growth=0.13,
        start=2003,
        im_boost=2.5,
        prefectures={"150900": 20, "152500": 20, "150200": 15, "150100": 15, "150400": 15, "150500": 15},
        ipc={
            "F03D1/06": 20,
            "F03D7/02": 15,
            "F03D7/04": 10,
            "F03D80/00": 12,
            "F03D9/25": 8,
            "F03D13/20": 10,
            "H02J3/38": 15,
            "F03D17/00": 10,
        },
        field_name="风力发电",
        industry=["风电", "风能", "新能源", "电力装备"],
        subjects=[
            "风力发电机组",
            "风电叶片",
            "变桨控制系统",
            "偏航系统",
            "风电机组塔筒",
            "风电场功率预测方法",
            "风电机组主轴承",
        ],
        steps=[
            "采集风速、风向和机组运行数据",
            "根据实时风况计算最优桨距角",
            "控制变桨电机调节叶片角度",
            "对叶片表面结冰状态进行检测",
            "将多台机组的功率进行协同调度",
        ],
        features=["采用激光雷达前馈控制", "叶片主梁采用碳纤维拉挤板", "基于深度学习预测短期功率"],
        effects=["提高发电量", "降低机组载荷", "提高低温环境下的可靠性", "减少弃风"],
        uses=["陆上风电场", "海上风电场", "高寒地区风电"],
        params=[("额定功率", 2, 10, "MW"), ("叶片长度", 60, 120, "m")],
        en_subjects=["wind turbine blade", "pitch control system", "yaw system"],
        en_effects=["increases energy yield", "reduces fatigue load"],
    ),
    Domain(
        key="pv",
        weight=3,
        growth=0.16,
        start=2003,
        im_boost=2,
        prefectures={"150100": 40, "150200": 20, "150600": 15, "150300": 10, "150900": 15},
        ipc={
            "H01L31/18": 20,
            "H01L31/0216": 10,
            "H01L31/068": 8,
            "H01L31/0747": 8,
            "H02S20/30": 10,
            "H02S40/30": 6,
            "H02S50/00": 6,
            "C30B29/06": 10,
            "C30B15/00": 8,
            "H10K30/40": 6,
            "C01B33/037": 8,
        },
        field_name="光伏",
        industry=["光伏", "光电", "硅材料", "新能源"],
        subjects=[
            "单晶硅棒",
            "单晶硅片",
            "光伏组件",
            "太阳能电池片",
            "异质结电池",
            "钙钛矿太阳能电池",
            "光伏跟踪支架",
            "多晶硅还原炉",
        ],
        steps=[
            "采用直拉法拉制单晶硅棒",
            "将硅棒切割成硅片并制绒清洗",
            "通过扩散形成PN结",
            "沉积钝化减反射膜",
            "丝网印刷电极并烧结",
            "将电池片串焊后层压封装",
        ],
        features=["采用隧穿氧化层钝化接触结构", "背面采用局部开槽", "边框采用铝合金加强筋"],
        effects=["提高光电转换效率", "降低硅耗和生产成本", "提高组件的抗隐裂性能", "延长组件寿命"],
        uses=["地面光伏电站", "分布式光伏", "光伏制氢"],
        params=[("拉晶速度", 1, 3, "mm/min"), ("硅片厚度", 130, 180, "μm"), ("转换效率", 22, 27, "%")],
        en_subjects=["solar cell", "photovoltaic module", "monocrystalline silicon wafer"],
        en_effects=["improves conversion efficiency", "reduces silicon consumption"],
    ),
    Domain(
        key="graphene",
        weight=1.5,
        growth=0.25,
        start=2006,
        im_boost=2,
        prefectures={"150200": 30, "150100": 25, "150600": 15, "150400": 10, "150300": 10, "150900": 10},
        ipc={
            "C01B32/184": 20,
            "C01B32/194": 15,
            "C01B32/19": 12,
            "C01B32/182": 10,
            "C01B32/205": 10,
            "H01M4/583": 13,
            "C08K3/04": 10,
            "H01B1/04": 10,
        },
        field_name="石墨及石墨烯材料",
        industry=["石墨烯", "碳材料", "新材料", "石墨"],
        subjects=["石墨烯", "氧化石墨烯", "石墨烯导电浆料", "石墨烯复合材料", "人造石墨负极材料", "球形石墨"],
        steps=[
            "将天然鳞片石墨进行插层处理",
            "通过液相剥离制得石墨烯分散液",
            "采用化学气相沉积在铜箔表面生长石墨烯",
            "对氧化石墨烯进行热还原",
            "将石墨烯与聚合物基体复合",
        ],
        features=["石墨烯层数控制在5层以下", "采用绿色还原剂", "分散剂为聚乙烯吡咯烷酮"],
        effects=["提高导电性和导热性", "降低生产成本", "提高电池倍率性能", "实现规模化制备"],
        uses=["锂离子电池", "导热膜", "防腐涂料"],
        params=[("剥离时间", 1, 10, "小时"), ("还原温度", 200, 1100, "℃")],
        en_subjects=["graphene preparation", "graphene oxide", "graphite anode material"],
        en_effects=["improves electrical conductivity", "enables mass production"],
    ),
    Domain(
        key="hydrogen",
        weight=2,
        growth=0.2,
        start=2004,
        im_boost=2.5,
        prefectures={"150600": 35, "150200": 20, "150100": 20, "150300": 10, "150900": 15},
        ipc={
            "C25B1/04": 25,
            "C25B11/04": 10,
            "C25B9/00": 10,
            "H01M8/0656": 10,
            "H01M8/10": 12,
            "C01B3/38": 10,
            "F17C1/00": 8,
            "C01B3/00": 8,
            "H01M8/04": 7,
        },
        field_name="氢能",
        industry=["氢能", "氢能源", "燃料电池", "新能源"],
        subjects=["电解水制氢装置", "碱性电解槽", "质子交换膜燃料电池", "高压储氢瓶", "制氢催化剂", "风光耦合制氢系统"],
        steps=[
            "将碱液送入电解槽进行电解",
            "对产出氢气进行气液分离和纯化",
            "根据风光出力调节电解槽负荷",
            "将氢气压缩后储存于储氢瓶",
            "在膜电极两侧分别通入氢气和空气",
        ],
        features=["电极采用泡沫镍负载镍铁催化剂", "双极板采用钛基涂层", "采用宽功率波动适应控制"],
        effects=["降低制氢电耗", "提高电解槽的动态响应能力", "延长膜电极寿命", "提高系统安全性"],
        uses=["绿氢制备", "燃料电池汽车", "化工用氢"],
        params=[("电流密度", 2000, 6000, "A/m²"), ("工作压力", 1, 3, "MPa")],
        en_subjects=["water electrolysis for hydrogen production", "fuel cell membrane electrode", "hydrogen storage"],
        en_effects=["reduces electricity consumption", "improves dynamic response"],
    ),
    Domain(
        key="metallurgy",
        weight=3,
        growth=0.08,
        start=2000,
        im_boost=2.5,
        prefectures={"150200": 40, "150300": 15, "150600": 10, "150100": 10, "150900": 15, "150400": 10},
        ipc={
            "C22C21/00": 12,
            "C22C38/04": 12,
            "C21D8/02": 12,
            "C22C33/04": 10,
            "C04B35/66": 12,
            "C04B35/10": 8,
            "C04B35/48": 6,
            "C22B21/00": 8,
            "C22C1/02": 8,
            "B22D11/00": 12,
        },
        field_name="冶金与无机非金属材料",
        industry=["钢铁", "铝业", "冶金", "耐材", "硅业"],
        subjects=["高强度钢板", "铝合金型材", "硅铁合金", "镁碳耐火材料", "氧化锆陶瓷", "稀土钢", "连铸坯"],
        steps=[
            "在转炉中冶炼并进行炉外精炼",
            "将钢水连铸成坯",
            "控制轧制和控制冷却",
            "对铝液进行除气精炼",
            "将原料配料混合后压制成型并高温烧成",
        ],
        features=["微合金化添加铌和钒", "采用在线淬火工艺", "引入稀土元素变质处理"],
        effects=["提高强度和韧性", "降低能耗", "提高材料的抗热震性", "提高成材率"],
        uses=["汽车制造", "建筑结构", "钢铁冶炼炉衬"],
        params=[("终轧温度", 800, 900, "℃"), ("烧成温度", 1400, 1700, "℃")],
        en_subjects=["high strength steel sheet", "aluminium alloy", "refractory material"],
        en_effects=["improves strength and toughness", "improves thermal shock resistance"],
    ),
    Domain(
        key="digital",
        weight=14,
        growth=0.17,
        start=2000,
        im_boost=0.4,
        ipc={
            "G06F16/00": 12,
            "G06F16/27": 6,
            "G06N3/08": 12,
            "G06N3/04": 8,
            "H04L67/10": 8,
            "H04W72/04": 8,
            "G06Q50/06": 6,
            "G06Q10/06": 8,
            "G06T7/00": 10,
            "G06V10/82": 10,
            "G05B19/418": 6,
            "H04L9/40": 6,
        },
        field_name="信息技术",
        industry=["信息技术", "软件", "数据科技", "智能科技", "网络科技"],
        subjects=[
            "数据处理方法",
            "图像识别方法",
            "神经网络模型训练方法",
            "分布式存储系统",
            "无线通信资源调度方法",
            "工业物联网平台",
            "电力负荷预测方法",
        ],
        steps=[
            "获取待处理数据并进行预处理",
            "提取特征向量",
            "将特征输入训练好的神经网络模型",
            "根据输出结果确定目标类别",
            "将结果存储至分布式数据库",
        ],
        features=["引入注意力机制", "采用联邦学习保护数据隐私", "基于区块链记录操作日志"],
        effects=["提高识别准确率", "降低计算资源消耗", "提高系统的实时性", "保障数据安全"],
        uses=["智慧城市", "智能制造", "电网调度", "金融风控"],
        params=[("训练轮数", 50, 500, "轮"), ("时延", 5, 100, "ms")],
        en_subjects=["data processing method", "neural network training", "image recognition"],
        en_effects=["improves accuracy", "reduces latency"],
    ),
    Domain(
        key="medicine",
        weight=6,
        growth=0.09,
        start=2000,
        im_boost=1.2,
        ipc={
            "A61K36/00": 10,
            "A61K36/9066": 6,
            "A61K31/00": 12,
            "A61P35/00": 12,
            "A61K9/20": 10,
            "A61K47/36": 6,
            "A61P1/00": 8,
            "A61K35/64": 6,
            "C07D487/04": 10,
            "A61K38/00": 8,
        },
        field_name="医药",
        industry=["医药", "生物医药", "制药", "蒙药"],
        subjects=["蒙药组合物", "中药组合物", "抗肿瘤化合物", "口服缓释片", "沙棘提取物", "苁蓉提取物", "单克隆抗体"],
        steps=[
            "将药材粉碎后用乙醇回流提取",
            "浓缩提取液并干燥",
            "加入辅料混合制粒压片",
            "对化合物进行分离纯化",
            "进行动物药效学实验",
        ],
        features=["组方由诃子、沉香等蒙药材组成", "采用超临界二氧化碳萃取", "以羟丙甲纤维素为缓释材料"],
        effects=["疗效确切", "毒副作用小", "提高生物利用度", "质量稳定可控"],
        uses=["消化系统疾病治疗", "肿瘤治疗", "保健食品"],
        params=[("提取温度", 50, 90, "℃"), ("乙醇浓度", 50, 95, "%")],
        en_subjects=["pharmaceutical composition", "antitumor compound", "sustained release tablet"],
        en_effects=["improves bioavailability", "reduces side effects"],
    ),
    Domain(
        key="machinery",
        weight=12,
        growth=0.10,
        start=2000,
        im_boost=0.8,
        ipc={
            "B65G47/00": 10,
            "F16K31/00": 8,
            "B23K37/04": 10,
            "B21D28/00": 8,
            "B23Q3/06": 10,
            "F16H57/00": 8,
            "B66C13/00": 8,
            "B25J9/16": 12,
            "B60L53/00": 8,
            "F16C33/00": 8,
            "B08B3/02": 10,
        },
        field_name="机械装备",
        industry=["机械", "装备制造", "重工", "智能装备", "机电"],
        subjects=["输送装置", "焊接夹具", "冲压模具", "工业机器人", "减速器", "起重机", "自动化装配线", "清洗装置"],
        steps=[
            "将工件固定于夹具上",
            "驱动电机带动丝杠使滑台移动",
            "通过视觉系统识别工件位置",
            "控制机械臂完成抓取",
            "对零件进行检测和分拣",
        ],
        features=["底座上设置有减振垫", "采用伺服电机驱动", "夹紧机构采用气缸控制"],
        effects=["结构简单", "提高生产效率", "降低人工劳动强度", "定位精度高"],
        uses=["汽车零部件生产", "物流仓储", "电子装配"],
        params=[("定位精度", 1, 50, "μm"), ("输送速度", 1, 5, "m/s")],
        en_subjects=["conveying device", "industrial robot", "welding fixture"],
        en_effects=["improves production efficiency", "simple structure"],
    ),
    Domain(
        key="environment",
        weight=6,
        growth=0.12,
        start=2000,
        im_boost=1.2,
        ipc={
            "C02F1/00": 12,
            "C02F9/00": 12,
            "B01D53/86": 10,
            "B01D46/00": 10,
            "B09B3/00": 10,
            "C02F11/00": 10,
            "B01D53/60": 8,
            "F23J15/02": 8,
            "B09C1/00": 10,
            "C05F17/00": 10,
        },
        field_name="节能环保",
        industry=["环保", "环境工程", "水务", "节能"],
        subjects=[
            "污水处理系统",
            "烟气脱硫脱硝装置",
            "除尘器",
            "固废处理方法",
            "污泥干化设备",
            "土壤修复剂",
            "煤矸石资源化利用方法",
        ],
        steps=[
            "将废水引入调节池调节水质",
            "经厌氧和好氧生化处理",
            "通过膜过滤去除悬浮物",
            "烟气经喷淋塔洗涤后排放",
            "对污泥进行脱水干化",
        ],
        features=["采用MBR膜生物反应器", "催化剂采用钒钛体系", "设有余热回收换热器"],
        effects=["出水达到排放标准", "降低运行成本", "减少二次污染", "实现资源化利用"],
        uses=["工业废水处理", "燃煤电厂", "矿山生态修复"],
        params=[("停留时间", 2, 24, "小时"), ("脱硫效率", 90, 99, "%")],
        en_subjects=["waste water treatment", "flue gas desulfurization", "dust collector"],
        en_effects=["reduces operating cost", "meets discharge standards"],
    ),
    Domain(
        key="battery",
        weight=6,
        growth=0.18,
        start=2000,
        im_boost=0.8,
        ipc={
            "H01M10/0525": 20,
            "H01M4/525": 12,
            "H01M4/36": 10,
            "H01M10/0565": 8,
            "H01M10/42": 8,
            "H01M50/20": 10,
            "B60L58/12": 10,
            "H02J7/00": 12,
            "H01M10/54": 10,
        },
        field_name="电池与新能源汽车",
        industry=["电池", "新能源", "储能", "动力科技"],
        subjects=["锂离子电池", "正极材料", "固态电解质", "电池管理系统", "储能系统", "充电桩", "废旧电池回收方法"],
        steps=[
            "将正极活性物质、导电剂和粘结剂混合制浆",
            "涂布于集流体并辊压",
            "卷绕后注液封装",
            "采集电池单体电压和温度",
            "估算电池荷电状态",
        ],
        features=["正极材料表面包覆氧化铝", "电解液中加入成膜添加剂", "采用液冷板进行热管理"],
        effects=["提高能量密度", "延长循环寿命", "提高电池安全性", "提高荷电状态估算精度"],
        uses=["电动汽车", "电网储能", "两轮车"],
        params=[("烧结温度", 700, 950, "℃"), ("循环次数", 1000, 6000, "次")],
        en_subjects=["lithium ion battery", "cathode material", "battery management system"],
        en_effects=["improves energy density", "extends cycle life"],
    ),
    Domain(
        key="agriculture",
        weight=5,
        growth=0.09,
        start=2000,
        im_boost=2,
        prefectures={
            "150700": 15,
            "150500": 15,
            "150400": 15,
            "150800": 15,
            "152500": 15,
            "150100": 10,
            "152200": 10,
            "150900": 5,
        },
        ipc={
            "A01K67/02": 10,
            "A01K5/02": 10,
            "A23K10/30": 12,
            "A23K50/10": 10,
            "A01G9/14": 10,
            "A01G22/00": 10,
            "A01B79/02": 8,
            "A01C7/20": 10,
            "A22C17/00": 10,
            "C12N1/20": 10,
        },
        field_name="农牧业",
        industry=["农牧", "畜牧", "生态农业", "牧业", "种业"],
        subjects=[
            "肉羊育肥饲料",
            "牧草种植方法",
            "牛羊养殖舍",
            "青贮饲料",
            "农作物播种机",
            "羊肉分割方法",
            "沙地节水灌溉系统",
        ],
        steps=[
            "将玉米秸秆粉碎后加入菌剂发酵",
            "按比例配制精饲料",
            "在饲喂槽定时定量投喂",
            "对土壤进行深松整地",
            "采用滴灌进行水肥一体化",
        ],
        features=["菌剂由乳酸菌和枯草芽孢杆菌复配", "舍内设置自动清粪装置", "播种机设有排种监测装置"],
        effects=["提高日增重", "降低饲养成本", "提高牧草产量", "节约用水"],
        uses=["草原牧区", "规模化养殖场", "农田"],
        params=[("发酵时间", 7, 45, "天"), ("粗蛋白含量", 10, 20, "%")],
        en_subjects=["animal feed", "livestock housing", "seeding machine"],
        en_effects=["increases daily weight gain", "reduces feeding cost"],
    ),
    Domain(
        key="mining",
        weight=4,
        growth=0.08,
        start=2000,
        im_boost=2.5,
        prefectures={"150600": 45, "150300": 15, "150700": 15, "152500": 10, "150500": 10, "152900": 5},
        ipc={
            "E21B43/00": 10,
            "E21C41/18": 12,
            "E21D11/00": 10,
            "E21F17/18": 12,
            "B03B9/00": 10,
            "B03D1/00": 10,
            "E21D23/00": 12,
            "G01V1/00": 8,
            "E21F5/00": 8,
            "B02C21/00": 8,
        },
        field_name="采矿与选矿",
        industry=["矿业", "煤炭", "矿山机械", "选矿"],
        subjects=[
            "综采工作面液压支架",
            "煤矿井下监测系统",
            "选矿浮选工艺",
            "露天矿剥离方法",
            "巷道支护结构",
            "矿井通风系统",
        ],
        steps=[
            "对采场顶板压力进行实时监测",
            "根据监测数据调整支架支护强度",
            "将原矿破碎磨矿后进行浮选",
            "对瓦斯浓度进行预警",
            "采用锚杆锚索联合支护",
        ],
        features=["采用光纤光栅传感器", "浮选药剂采用新型捕收剂", "支架立柱设有压力传感器"],
        effects=["提高开采安全性", "提高精矿品位", "降低支护成本", "减少井下作业人员"],
        uses=["煤矿", "金属矿山", "露天矿"],
        params=[("支护强度", 0.5, 2, "MPa"), ("磨矿细度", 60, 95, "%")],
        en_subjects=["hydraulic roof support", "flotation process", "mine monitoring system"],
        en_effects=["improves mining safety", "improves concentrate grade"],
    ),
]

# Keys of the rare-earth domains (the demo's and the narrow scope's focus).
RARE_EARTH_DOMAINS = ("magnet", "rare_earth")
