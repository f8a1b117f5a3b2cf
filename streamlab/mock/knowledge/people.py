"""A few well-known figures: (words a question names, in English; in Chinese) → the answer in each language.
A question matches when it holds every word of one of its keys."""

FIGURES = [
    ((("wrote", "hamlet"), ("wrote", "romeo")), ("哈姆雷特", "罗密欧"),
     "William Shakespeare wrote it.", "作者是莎士比亚。"),
    ((("painted", "mona lisa"),), ("蒙娜丽莎",), "Leonardo da Vinci painted the Mona Lisa.", "《蒙娜丽莎》是达·芬奇画的。"),
    ((("discovered", "penicillin"),), ("青霉素",), "Alexander Fleming discovered penicillin, in 1928.",
     "青霉素是亚历山大·弗莱明在 1928 年发现的。"),
    ((("invented", "telephone"),), ("电话",), "Alexander Graham Bell is credited with inventing the telephone, in 1876.",
     "电话通常被认为是贝尔在 1876 年发明的。"),
    ((("created", "python"), ("invented", "python")), ("python 的作者", "发明了 python", "创造了 python"),
     "Guido van Rossum created Python; its first release came out in 1991.",
     "Python 是吉多·范罗苏姆创造的，第一个版本发布于 1991 年。"),
    ((("first", "moon"),), ("登上月球", "登月"), "Neil Armstrong was the first person to walk on the Moon, in 1969.",
     "第一个登上月球的人是尼尔·阿姆斯特朗，时间是 1969 年。"),
    ((("relativity",),), ("相对论",), "Albert Einstein developed the theory of relativity.", "相对论是爱因斯坦提出的。"),
    ((("invented", "world wide web"), ("invented", "the web")), ("万维网",),
     "Tim Berners-Lee invented the World Wide Web, in 1989.", "万维网是蒂姆·伯纳斯-李在 1989 年发明的。"),
]
