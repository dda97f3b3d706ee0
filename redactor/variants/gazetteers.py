"""Fixed word lists behind the forms: surnames and their readings, regions, legal
suffixes, institution words, seal words and OCR look-alikes.  No code, only tables."""

from __future__ import annotations

import re

from redactor.org_words import org_words

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 夏侯 长孙 司徒 司空 令狐 宇文 "
    "独孤 南宫 西门 百里 呼延 端木 轩辕 万俟 澹台 公冶 太史 申屠 钟离 闻人 赫连 "
    "濮阳 淳于 单于 鲜于 左丘 东郭 拓跋 完颜 第五 羊舌 亓官 司寇 巫马 公良 乐正 "
    "谷梁 段干 梁丘 东门 西门 诸葛".split()
)

# The commonest single-character surnames (about 400, after the national surname statistics): a person's name
# in a Han-script document starts with one of them or with a compound surname.  Names without a surname
# (Mongolian 巴特尔, 其其格) are written with a dot between words or stand alone; a list cannot say those.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀"
    "郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣"
    "晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎"
    "勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)

# Surnames with a fixed surname reading (pypinyin lists other readings).
# Surnames whose surname reading differs from pypinyin's default reading of
# the character (曾 is Zeng as a surname, pypinyin says ceng).  Several entries
# have two readings in real use.  Readings not listed here (and not the default)
# are still produced, but as needs_evidence forms: "Yu Shujun" for 王淑珺 is far
# more likely to be 于淑珺.
SURNAME_READING: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "区": ("ou",), "仇": ("qiu",),
    "朴": ("piao",), "查": ("zha",), "盖": ("ge", "gai"), "华": ("hua",), "乐": ("yue", "le"),
    "召": ("shao",), "缪": ("miao",), "繁": ("po",), "种": ("chong",), "翟": ("zhai", "di"),
    "员": ("yun",), "折": ("she",), "黑": ("he",), "祭": ("zhai",), "秘": ("bi",),
    "洗": ("xian",), "覃": ("qin", "tan"), "宓": ("mi", "fu"), "郇": ("huan", "xun"),
    "尉迟": ("yuchi",), "万俟": ("moqi",), "长孙": ("zhangsun",), "单于": ("chanyu",),
    "句": ("gou",), "能": ("nai",), "隗": ("wei", "kui"), "莘": ("shen",), "蕃": ("pi",),
}

PROVINCES = {
    # full name -> short name
    "北京市": "北京", "天津市": "天津", "上海市": "上海", "重庆市": "重庆",
    "河北省": "河北", "山西省": "山西", "辽宁省": "辽宁", "吉林省": "吉林", "黑龙江省": "黑龙江",
    "江苏省": "江苏", "浙江省": "浙江", "安徽省": "安徽", "福建省": "福建", "江西省": "江西",
    "山东省": "山东", "河南省": "河南", "湖北省": "湖北", "湖南省": "湖南", "广东省": "广东",
    "海南省": "海南", "四川省": "四川", "贵州省": "贵州", "云南省": "云南", "陕西省": "陕西",
    "甘肃省": "甘肃", "青海省": "青海", "台湾省": "台湾",
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}
PROVINCE_SHORTS = frozenset(PROVINCES.values())
# A city/prefecture/county prefix: 2-4 CJK characters then one of these.
CITY_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(市|地区|自治州|盟|县|自治县)")

# Legal-form suffixes stripped for derived employer forms (longest first).
LEGAL_SUFFIXES = org_words().legal_forms             # configs/org_words.yaml
GROUP_SUFFIXES = org_words().group_marks
# A bare derived stem (包头钢铁) followed, in the same run of CJK characters,
# by one of these names a DIFFERENT institution (包头钢铁职业技术学院 is a
# college, 包头钢铁设计研究院 an institute), so the stem match is dropped.
OTHER_INSTITUTION = org_words().other_institution    # simplified, then traditional
OTHER_INSTITUTION_WINDOW = 10
OTHER_INSTITUTION_EN = re.compile(
    r"^[ ,\-]*(?:[a-z&]+[ \-]+){0,3}(?:college|university|institute|school|hospital|vocational|"
    r"polytechnic|academy|bank|cent(?:er|re)|association|society|research)(?![a-z])"
)
# An employer without a legal suffix is an institution whose region prefix is
# what makes it distinctive (内蒙古科技大学 -> 科技大学 is generic): no
# region-stripped forms for those.


# OCR letter-for-digit confusions (folded, i.e. lower case).
DIGIT_CONFUSIONS = {"0": "o", "1": "li|", "2": "z", "5": "s", "8": "b"}
X_CHARS = "x×ⅹ"          # folded check character; "×" is common in forms

# Small table of visually similar CJK characters (OCR substitutions).  Only the
# applicant's own characters are ever substituted.
CJK_LOOKALIKE_GROUPS = (
    "己已巳", "未末", "土士", "日曰", "人入", "刀力", "王玉", "天夭", "戊戌戍", "贝见",
    "干千", "木本", "今令", "侯候", "拨拔", "析折", "券卷", "免兔", "晴睛", "准淮",
    "茶荼", "祟崇", "汩汨", "冶治", "厉历", "洒酒", "毫亳", "苟荀", "壶壸", "鸟乌",
    "特持", "徒徙", "孑子", "宇字", "斤斥", "泪汨", "要耍", "刺剌", "锡钖",
)
LOOKALIKE: dict[str, str] = {}
for _g in CJK_LOOKALIKE_GROUPS:
    for _c in _g:
        LOOKALIKE[_c] = LOOKALIKE.get(_c, "") + "".join(x for x in _g if x != _c)

MAX_PINYIN_COMBOS = 32

CITY_STEMS = ("包头", "呼和浩特", "鄂尔多斯", "赤峰", "通辽", "乌海", "呼伦贝尔", "巴彦淖尔", "乌兰察布", "锡林郭勒",
               "兴安", "阿拉善", "北京", "天津", "上海", "重庆", "沈阳", "大连", "长春", "哈尔滨", "西安", "兰州",
               "银川", "太原", "石家庄", "济南", "青岛", "郑州", "武汉", "长沙", "南京", "杭州", "合肥", "福州",
               "南昌", "广州", "深圳", "南宁", "海口", "成都", "贵阳", "昆明", "拉萨", "西宁", "乌鲁木齐")


SEAL_WORDS = ("合同专用章", "业务专用章", "专用章", "公章", "印章", "(盖章)", "盖章")


# the 56 nationalities of a 民族 field (ID cards, forms); OCR'd beside a photo, 蒙古 or 达斡尔 read as a person's name
# made the applicant's own portrait "someone else's"
ETHNIC_GROUPS = frozenset((
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌",
    "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
))


def is_ethnic_group(text: str) -> bool:
    """蒙古, 蒙古族, 达斡尔族: a 民族 field's value, never a person's name."""
    t = "".join(text.split())
    return t.removesuffix("族") in ETHNIC_GROUPS
