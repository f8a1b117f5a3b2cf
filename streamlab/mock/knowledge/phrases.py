"""Common short phrases in several languages, one phrase a line; and the names a prompt may give a language."""

PHRASES = [
    {"en": "Good morning", "zh": "早上好", "fr": "Bonjour", "es": "Buenos días", "de": "Guten Morgen",
     "ja": "おはようございます"},
    {"en": "Hello", "zh": "你好", "fr": "Bonjour", "es": "Hola", "de": "Hallo", "ja": "こんにちは"},
    {"en": "Thank you", "zh": "谢谢", "fr": "Merci", "es": "Gracias", "de": "Danke", "ja": "ありがとう"},
    {"en": "Good night", "zh": "晚安", "fr": "Bonne nuit", "es": "Buenas noches", "de": "Gute Nacht", "ja": "おやすみなさい"},
    {"en": "Goodbye", "zh": "再见", "fr": "Au revoir", "es": "Adiós", "de": "Auf Wiedersehen", "ja": "さようなら"},
    {"en": "How are you?", "zh": "你好吗？", "fr": "Comment allez-vous ?", "es": "¿Cómo estás?", "de": "Wie geht es dir?",
     "ja": "お元気ですか？"},
    {"en": "I love you", "zh": "我爱你", "fr": "Je t'aime", "es": "Te quiero", "de": "Ich liebe dich", "ja": "愛してる"},
    {"en": "Welcome", "zh": "欢迎", "fr": "Bienvenue", "es": "Bienvenido", "de": "Willkommen", "ja": "ようこそ"},
    {"en": "Excuse me", "zh": "打扰一下", "fr": "Excusez-moi", "es": "Disculpe", "de": "Entschuldigung", "ja": "すみません"},
    {"en": "Happy birthday", "zh": "生日快乐", "fr": "Joyeux anniversaire", "es": "Feliz cumpleaños",
     "de": "Alles Gute zum Geburtstag", "ja": "お誕生日おめでとう"},
    {"en": "Cheers", "zh": "干杯", "fr": "Santé", "es": "Salud", "de": "Prost", "ja": "乾杯"},
]
LANGUAGES = {"english": "en", "chinese": "zh", "mandarin": "zh", "french": "fr", "spanish": "es", "german": "de",
             "japanese": "ja", "英文": "en", "英语": "en", "中文": "zh", "汉语": "zh", "法语": "fr", "法文": "fr",
             "西班牙语": "es", "德语": "de", "德文": "de", "日语": "ja", "日文": "ja"}
