"""Curated answers to the lessons' default prompts: short, correct, worth reading while they stream.

Keys are normalised with `text.normalise` (lower case, single spaces, straight quotes, no final punctuation);
the Chinese ones live in `text_zh.py`.
"""

from .curated_zh import CURATED_ZH

CURATED = {
    "explain in two sentences what streaming an llm response means": (
        "Streaming an LLM response means the server sends the answer in small pieces, usually a few tokens at "
        "a time, as soon as the model generates them, instead of waiting until the whole reply is finished. "
        "Your app can show the first words within a fraction of a second and keep appending text while the "
        "rest is still being written."
    ),
    "write a haiku about waiting for the first token": (
        "The prompt has been sent\na cursor blinks in silence\nthen one word appears"
    ),
    "what is a token, and why do apis count them": (
        "A token is the unit a language model reads and writes: a short chunk of text such as a whole word, "
        "part of a longer word, a word with its leading space, or a punctuation mark. In English a token "
        "averages about four characters, roughly three quarters of a word, while in Chinese one token often "
        "covers one or two characters. APIs count tokens because the model's work grows with them: every "
        "prompt token has to be processed, and every answer token is generated one step at a time. That is "
        "why prices, rate limits and context windows are all measured in tokens, and why the usage numbers "
        "in a response tell you what a request really cost."
    ),
    "what's the weather in paris and tokyo right now": (
        "I don't have live weather data, so I can't tell you the current conditions in Paris and Tokyo. "
        "Give me a weather tool, or check a forecast service, and I can summarise what it reports for both "
        "cities."
    ),
    "explain server-sent events to a beginner in three sentences": (
        "Server-sent events let a server push updates to a web page over one ordinary HTTP response that "
        "simply stays open. The server writes plain text lines such as \"data: hello\" followed by a blank "
        "line, and each of those blocks reaches the page as a separate event it can handle right away. "
        "Because it is plain HTTP flowing one way, from server to browser, it works through most proxies, "
        "and the browser's EventSource even reconnects for you when the connection drops."
    ),
    "list five tips for rendering streamed text smoothly in a ui": (
        "Here are five tips for rendering streamed text smoothly:\n\n"
        "1. Append each new piece to the text already on screen instead of re-rendering the whole message.\n"
        "2. Batch updates to the display's frame rate, every 16 to 50 milliseconds, rather than repainting "
        "for every chunk.\n"
        "3. Keep the view pinned to the bottom only while the reader is already there, so you never pull "
        "them away from what they are reading.\n"
        "4. Render Markdown incrementally and tolerate half-finished syntax, such as an unclosed code fence, "
        "until the rest arrives.\n"
        "5. Show clear states for waiting, streaming, done and error, and give people a Stop button that "
        "really cancels the request."
    ),
    "describe the life of a streamed message, from the first event to the last": (
        "It begins when the client sends a request with streaming switched on, and the server answers with "
        "HTTP headers, status 200 and content-type text/event-stream, before any text exists. The first event "
        "announces the message: a Chat Completions chunk whose delta carries the assistant role, or "
        "Anthropic's message_start followed by content_block_start. Then the deltas arrive, each with a few "
        "characters of text or a fragment of tool-call arguments, spaced by the time the model needs for the "
        "next token. When generation ends, an event says why it stopped, such as stop, length or tool_calls "
        "on OpenAI, or end_turn in Anthropic's message_delta, and the token usage is reported. Last comes "
        "the closing marker, data: [DONE] or message_stop, and the connection is closed or reused."
    ),
    "say hello in five words": "Hello there, how are you?",
    "write a short paragraph about why streaming makes apps feel faster": (
        "Streaming makes apps feel faster because people judge speed by how soon something happens, not by "
        "when everything is finished. A full answer may take eight seconds to generate either way, but with "
        "streaming the first words appear after a few hundred milliseconds and the reader starts taking them "
        "in at once. Watching the text grow also shows that the app is working, which replaces the anxious "
        "silence of a spinner. By the time the last token arrives, most of the answer has already been read, "
        "so the wait that remains is almost invisible."
    ),
    "tell me a short story about a network that drops packets": (
        "Once there was a small office network that kept dropping packets. Every few seconds one slipped "
        "through a crack in an overloaded router and vanished, and the messages that depended on it arrived "
        "with holes in the middle. TCP, patient as ever, noticed the missing acknowledgements, sent the lost "
        "packets again and slowed down a little each time so the router could catch its breath. The people "
        "upstairs only saw their chat answers arrive in bursts: a sentence, a pause, then three sentences at "
        "once. In the end an engineer found the busy link and gave it more room, the packets flowed in order "
        "again, and the app on top, which had been built to handle the gaps, never lost a word."
    ),
    "name three rivers": (
        "Here are three: the Nile, which flows north through northeastern Africa into the Mediterranean; the "
        "Amazon, which carries more water than any other river on Earth; and the Danube, which passes through "
        "ten countries on its way to the Black Sea."
    ),
    "name three mountains": (
        "Here are three: Mount Everest, the highest mountain above sea level at 8,849 metres; K2, the second "
        "highest, on the border between Pakistan and China; and Kilimanjaro in Tanzania, the tallest mountain "
        "in Africa."
    ),
    "name three deserts": (
        "Here are three: the Sahara, the largest hot desert, covering much of North Africa; the Gobi, a cold "
        "desert stretching across northern China and southern Mongolia; and the Atacama in Chile, one of the "
        "driest places on Earth."
    ),
    "explain how eventsource works in the browser": (
        "EventSource is the browser's built-in client for server-sent events. You create one with new "
        "EventSource(url), and the browser sends a GET request with Accept: text/event-stream and keeps "
        "reading the response as it arrives. Each block of data: lines ended by a blank line becomes a "
        "message event, named events reach listeners added with addEventListener, and onerror fires when the "
        "connection fails. If the connection drops, the browser reconnects after a retry delay and sends the "
        "Last-Event-ID header so the server can resume. For LLM apps its limits matter: it can only make GET "
        "requests, with no body and no custom headers, so a call that posts a prompt with an API key usually "
        "reads the stream with fetch and a ReadableStream instead."
    ),
    "summarise the difference between the responses api and chat completions": (
        "Chat Completions takes a list of messages and returns the assistant's next message; when streaming, "
        "every chunk is a delta on choices[0], and you stitch text and tool-call fragments together yourself. "
        "The Responses API is OpenAI's newer interface: it accepts a plain string or a list of input items, "
        "plus instructions, and returns a response made of typed output items such as messages and function "
        "calls. Its stream is a sequence of named events, like response.created, response.output_text.delta "
        "and response.completed, so you react to event types instead of inspecting deltas. Responses can also "
        "keep conversation state on the server with previous_response_id and offers built-in tools, while "
        "Chat Completions remains the format most OpenAI-compatible providers speak."
    ),
    "a bat and a ball cost $1.10 in total. the bat costs $1.00 more than the ball. how much does the ball cost": (
        "The ball costs 5 cents ($0.05). The bat then costs $1.05, which is exactly $1.00 more than the ball, and "
        "together they make $1.10. The quick answer, 10 cents, does not work: a 10-cent ball would need a $1.10 "
        "bat, and the two would cost $1.20."
    ),
    # The reasoning lesson's prompt in Chinese.
    "球拍和球一共 1.10 元，球拍比球贵 1 元。球多少钱": (
        "球的价格是 0.05 元，也就是 5 分钱。这时球拍是 1.05 元，正好比球贵 1 元，两者加起来是 1.10 元。"
        "直觉上的 0.10 元是错的：如果球是 0.10 元，球拍就得是 1.10 元，总价会变成 1.20 元。"
    ),
    # The lesson-1 prompt in Chinese (normalised: no final "。").
    "用两句话解释什么是流式输出大模型的回复": (
        "流式输出是指服务器在大模型生成回复的同时，把内容切成一小段一小段（通常是几个词元）陆续发给客户端，"
        "而不是等整段回答写完再一次性返回。这样用户在几百毫秒内就能看到第一个字，还可以一边阅读一边等待剩下的内容。"
    ),
    # English versions of the Chinese tutorials' prompts (text_zh.py).
    "explain what machine learning is": (
        "Machine learning is a branch of artificial intelligence in which a computer learns patterns from "
        "examples instead of following rules a programmer wrote by hand. To filter spam, for instance, you do not "
        "list every suspicious word; you show a model thousands of e-mails labelled spam or not spam, and training "
        "adjusts its parameters until its guesses on those examples are right most of the time. Once trained, the "
        "model can judge e-mails it has never seen. The same idea, with far more data, powers recommendations, "
        "speech recognition and the large language models behind chat assistants."
    ),
    "explain quantum computing in simple terms": (
        "An ordinary computer stores information in bits, and each bit is either 0 or 1, like a coin lying heads "
        "or tails on a table. A quantum computer uses qubits, which can be in a mix of 0 and 1 at once, more like "
        "a coin still spinning in the air. Qubits can also be entangled, so that measuring one tells you about "
        "another, and a quantum program uses interference to make the right answers more likely and the wrong "
        "ones cancel out. For a few problems, such as simulating molecules or factoring large numbers, that could "
        "be dramatically faster than any ordinary computer. It is not faster at everything, though, and today's "
        "machines are small and error-prone, so useful large-scale quantum computing is still some way off."
    ),
    "write a short poem": (
        "Morning light arrives\nsoft across the kitchen floor;\nthe kettle starts to sing,\n"
        "and the day, still half asleep,\nopens like a door."
    ),
}
CURATED["what is machine learning"] = CURATED["explain what machine learning is"]
CURATED |= CURATED_ZH
