"""Things the mock can name when asked for a list of them ("Name three planets", "列出三种水果"), in English and
Chinese."""

from __future__ import annotations

KNOWN = [
    (("planet", "行星"), [("Mercury", "水星"), ("Venus", "金星"), ("Earth", "地球"), ("Mars", "火星"),
                         ("Jupiter", "木星"), ("Saturn", "土星"), ("Uranus", "天王星"), ("Neptune", "海王星")]),
    (("fruit", "水果"), [("apples", "苹果"), ("bananas", "香蕉"), ("oranges", "橙子"), ("grapes", "葡萄"),
                        ("strawberries", "草莓"), ("mangoes", "芒果"), ("pears", "梨"), ("watermelons", "西瓜"),
                        ("peaches", "桃子"), ("cherries", "樱桃")]),
    (("colo", "颜色"), [("red", "红色"), ("orange", "橙色"), ("yellow", "黄色"), ("green", "绿色"), ("blue", "蓝色"),
                       ("purple", "紫色"), ("pink", "粉色"), ("brown", "棕色"), ("black", "黑色"), ("white", "白色")]),
    (("programming language", "编程语言"), [("Python", "Python"), ("JavaScript", "JavaScript"), ("Java", "Java"),
                                         ("C", "C"), ("Go", "Go"), ("Rust", "Rust"), ("TypeScript", "TypeScript"),
                                         ("C++", "C++"), ("Ruby", "Ruby"), ("Swift", "Swift")]),
    (("animal", "动物"), [("dolphins", "海豚"), ("elephants", "大象"), ("giant pandas", "大熊猫"), ("lions", "狮子"),
                         ("penguins", "企鹅"), ("giraffes", "长颈鹿"), ("eagles", "老鹰"), ("tigers", "老虎"),
                         ("owls", "猫头鹰"), ("foxes", "狐狸")]),
    (("ocean", "大洋"), [("the Pacific", "太平洋"), ("the Atlantic", "大西洋"), ("the Indian Ocean", "印度洋"),
                        ("the Southern Ocean", "南大洋"), ("the Arctic Ocean", "北冰洋")]),
    (("book", "书"), [("Sapiens by Yuval Noah Harari", "《人类简史》，尤瓦尔·赫拉利"),
                     ("The Three-Body Problem by Liu Cixin", "《三体》，刘慈欣"),
                     ("One Hundred Years of Solitude by Gabriel García Márquez", "《百年孤独》，加西亚·马尔克斯"),
                     ("To Live by Yu Hua", "《活着》，余华"),
                     ("Nineteen Eighty-Four by George Orwell", "《一九八四》，乔治·奥威尔")]),
    (("river", "河"), [("the Nile", "尼罗河"), ("the Amazon", "亚马孙河"), ("the Yangtze", "长江"),
                      ("the Mississippi", "密西西比河"), ("the Danube", "多瑙河"), ("the Ganges", "恒河"),
                      ("the Mekong", "湄公河"), ("the Volga", "伏尔加河")]),
    (("mountain", "山"), [("Mount Everest", "珠穆朗玛峰"), ("K2", "乔戈里峰"), ("Kilimanjaro", "乞力马扎罗山"),
                         ("Mont Blanc", "勃朗峰"), ("Mount Fuji", "富士山"), ("Denali", "迪纳利山"),
                         ("Aconcagua", "阿空加瓜山")]),
    (("desert", "沙漠"), [("the Sahara", "撒哈拉沙漠"), ("the Gobi", "戈壁沙漠"), ("the Atacama", "阿塔卡马沙漠"),
                         ("the Kalahari", "卡拉哈里沙漠"), ("the Arabian Desert", "阿拉伯沙漠"),
                         ("the Mojave", "莫哈韦沙漠")]),
    (("continent", "大洲"), [("Asia", "亚洲"), ("Africa", "非洲"), ("North America", "北美洲"),
                            ("South America", "南美洲"), ("Antarctica", "南极洲"), ("Europe", "欧洲"),
                            ("Australia", "大洋洲")]),
]


def names(noun: str, zh: bool) -> list[str]:
    """The names of the first known category the list's noun ("rivers", "水果") names, in the answer's language;
    [] when none."""
    lowered = noun.lower()
    for keys, items in KNOWN:
        if any(key in lowered for key in keys):
            return [item[1] if zh else item[0] for item in items]
    return []
