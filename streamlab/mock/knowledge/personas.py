"""Personas a system prompt may set ("You are a pirate."): how an answer opens and closes, and words it swaps."""

PERSONAS = {
    "pirate": {"open": "Arr, matey! ", "close": " Arr!", "open_zh": "啊哈，伙计！", "close_zh": "哟嚯！",
               "swap": {"my": "me", "you": "ye", "your": "yer", "is": "be", "are": "be", "hello": "ahoy",
                        "friend": "matey", "yes": "aye"}},
    "cowboy": {"open": "Howdy, partner! ", "close": " Yeehaw!", "open_zh": "你好啊，伙计！", "close_zh": "咿哈！",
               "swap": {"friend": "partner", "you all": "y'all"}},
    "robot": {"open": "BEEP BOOP. ", "close": " END OF TRANSMISSION.", "open_zh": "哔哔。", "close_zh": "传输结束。",
              "swap": {}},
    "shakespeare": {"open": "Hark! ", "close": "", "open_zh": "听啊！", "close_zh": "",
                    "swap": {"you": "thou", "your": "thy", "are": "art", "yes": "aye"}},
}
