"""Which language the page opens in, decided in the browser before Gradio starts.

Gradio's i18n picks the page's language from `navigator.language` once, when it starts. A learner can ask
for another with `?lang=zh` / `?lang=en` or the switch at the top of the page; the choice is remembered in
the browser (localStorage). The small script below runs first in the page (this middleware puts it at the top
of `<head>`, before Gradio's own scripts): it applies the choice to `navigator.language` and writes the
`streamlab_lang` cookie, which tells the server the language of the text it makes at run time.
"""

from __future__ import annotations

from streamlab.i18n import LANGUAGES, language

COOKIE = "streamlab_lang"
STORAGE_KEY = "streamlab-lang"
TAGS = {"en": "en", "zh": "zh-CN"}

SCRIPT = """<script>(() => {
  const known = __TAGS__;
  let chosen = null;
  try {
    const asked = new URLSearchParams(location.search).get("lang");
    if (asked in known) localStorage.setItem("__STORAGE__", asked);
    chosen = localStorage.getItem("__STORAGE__");
  } catch (e) {}
  if (chosen in known) {
    for (const name of ["language", "languages"]) {
      const value = name === "language" ? known[chosen] : [known[chosen]];
      Object.defineProperty(Navigator.prototype, name, {get: () => value, configurable: true});
    }
  }
  const lang = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
  document.cookie = "__COOKIE__=" + lang + "; path=/; SameSite=Lax";
  document.documentElement.dataset.slLang = lang;  // for words the page's own HTML holds in every language
})();</script>""".replace("__TAGS__", str(TAGS).replace("'", '"')).replace("__STORAGE__", STORAGE_KEY).replace(
    "__COOKIE__", COOKIE)

# The switch at the top of the page: remember the choice, then open the page again in that language.
SWITCH_JS = """(chosen) => {
  const current = (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
  if (!chosen || chosen === current) return;
  try { localStorage.setItem("__STORAGE__", chosen); } catch (e) {}
  const url = new URL(location.href);
  url.searchParams.set("lang", chosen);
  location.assign(url.toString());
}""".replace("__STORAGE__", STORAGE_KEY)


def of_request(request) -> str:
    """The language of the page a request came from ("en" without the cookie: API clients, tests)."""
    try:
        cookies = request.cookies or {}
    except Exception:  # no request behind it (a direct call)
        return LANGUAGES[0]
    return language(cookies.get(COOKIE, ""))


class PageLanguage:
    """ASGI middleware: puts SCRIPT, then `extra_head` (other scripts that must run before Gradio starts), at the
    top of the page's `<head>` (the page is `GET /`, nothing else)."""

    def __init__(self, app, extra_head: str = ""):
        self.app = app
        self.script = (SCRIPT + extra_head).encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/":
            return await self.app(scope, receive, send)
        start, body = None, []

        async def hold(message):
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                return await send(message)
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = b"".join(body)
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                page = page.replace(b"<head>", b"<head>" + self.script, 1)
            await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, hold)
