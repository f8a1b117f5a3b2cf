"""Countries and their capitals: English name → (Chinese name, capital, capital in Chinese). One country a line."""

COUNTRIES = {
    "France": ("法国", "Paris", "巴黎"),
    "China": ("中国", "Beijing", "北京"),
    "Japan": ("日本", "Tokyo", "东京"),
    "Germany": ("德国", "Berlin", "柏林"),
    "Italy": ("意大利", "Rome", "罗马"),
    "Spain": ("西班牙", "Madrid", "马德里"),
    "Portugal": ("葡萄牙", "Lisbon", "里斯本"),
    "United Kingdom": ("英国", "London", "伦敦"),
    "United States": ("美国", "Washington, D.C.", "华盛顿"),
    "Canada": ("加拿大", "Ottawa", "渥太华"),
    "Mexico": ("墨西哥", "Mexico City", "墨西哥城"),
    "Brazil": ("巴西", "Brasília", "巴西利亚"),
    "Argentina": ("阿根廷", "Buenos Aires", "布宜诺斯艾利斯"),
    "Australia": ("澳大利亚", "Canberra", "堪培拉"),
    "India": ("印度", "New Delhi", "新德里"),
    "South Korea": ("韩国", "Seoul", "首尔"),
    "Russia": ("俄罗斯", "Moscow", "莫斯科"),
    "Egypt": ("埃及", "Cairo", "开罗"),
    "Kenya": ("肯尼亚", "Nairobi", "内罗毕"),
    "Netherlands": ("荷兰", "Amsterdam", "阿姆斯特丹"),
    "Sweden": ("瑞典", "Stockholm", "斯德哥尔摩"),
    "Norway": ("挪威", "Oslo", "奥斯陆"),
    "Switzerland": ("瑞士", "Bern", "伯尔尼"),
    "Turkey": ("土耳其", "Ankara", "安卡拉"),
    "Thailand": ("泰国", "Bangkok", "曼谷"),
    "Singapore": ("新加坡", "Singapore", "新加坡"),
}
# Other names a prompt may use for a country above.
ALIASES = {"UK": "United Kingdom", "Britain": "United Kingdom", "England": "United Kingdom", "USA": "United States",
           "US": "United States", "America": "United States", "Korea": "South Korea", "Holland": "Netherlands"}
