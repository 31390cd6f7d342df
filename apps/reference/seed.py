"""The reference data loaded by data migrations (kept here so tests and the demo can read the same lists)."""

# (division code, name, kind, parent code)
PREFECTURES = [
    ("150100", "呼和浩特市", "city", None),
    ("150200", "包头市", "city", None),
    ("150300", "乌海市", "city", None),
    ("150400", "赤峰市", "city", None),
    ("150500", "通辽市", "city", None),
    ("150600", "鄂尔多斯市", "city", None),
    ("150700", "呼伦贝尔市", "city", None),
    ("150800", "巴彦淖尔市", "city", None),
    ("150900", "乌兰察布市", "city", None),
    ("152200", "兴安盟", "league", None),
    ("152500", "锡林郭勒盟", "league", None),
    ("152900", "阿拉善盟", "league", None),
    ("150781", "满洲里市", "pilot_city", "150700"),
    ("152501", "二连浩特市", "pilot_city", "152500"),
]

# (code, name, description): the region's key industries and clusters.
INDUSTRIES = [
    ("rare-earth", "稀土新材料", "稀土功能材料、稀土永磁、储氢、抛光、催化等新材料及应用"),
    ("new-energy-equipment", "新能源及风光氢储装备", "风电、光伏、氢能、储能装备制造与新能源开发利用"),
    ("coal-chemical", "现代煤化工与精细化工", "煤制烯烃、煤制油气、精细化工及化工新材料"),
    ("aluminium", "铝基新材料", "电解铝下游精深加工、铝合金及铝基复合材料"),
    ("alloy", "合金材料", "硅铁、锰系合金、特种钢及高性能合金材料"),
    ("biomedicine", "生物医药与生物制造", "蒙中药、生物发酵、原料药、生物制造"),
    ("dairy-food", "乳业与食品加工", "乳制品、肉类、农畜产品精深加工"),
    ("cashmere", "羊绒纺织", "羊绒原料加工、纺纱、服装及品牌"),
    ("green-computing", "数据中心与绿色算力", "数据中心、算力网络、绿色算力及数字经济"),
    ("high-end-equipment", "高端装备制造", "工程机械、矿山装备、轨道交通及专用装备"),
    ("low-altitude", "低空经济", "无人机、通用航空及低空飞行服务"),
]
