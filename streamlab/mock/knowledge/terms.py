"""The course's own vocabulary, defined shortly: (names in English, names in Chinese, definition, 定义).
One term an entry; a prompt asking "what is X", "define X" or "X 是什么" gets the definition."""

TERMS = [
    (("sse", "server-sent events", "server sent events"), ("sse", "服务器推送事件"),
     "SSE (Server-Sent Events) is a simple HTTP streaming format: the server keeps one response open and sends "
     "events as text, each a `data:` line (optionally `event:` and `id:` lines) ended by a blank line.",
     "SSE（Server-Sent Events，服务器推送事件）是一种简单的 HTTP 流式格式：服务器让一个响应保持打开，把事件以文本形式"
     "逐个发送，每个事件是一行 `data:`（可带 `event:` 和 `id:` 行），以空行结束。"),
    (("streaming", "response streaming", "streaming output"), ("流式输出", "流式响应", "流式传输"),
     "Streaming means sending a model's answer piece by piece as it is generated, instead of all at once when it "
     "is finished, so the reader sees text after the first token rather than after the last.",
     "流式输出是指模型一边生成、一边把回答分块发送出来，而不是等全部生成完再一次性返回，读者在第一个 token 到达时就能看到文字。"),
    (("chunk", "a chunk", "chunks"), ("chunk", "数据块", "分块"),
     "A chunk is one piece of a streamed response: in the OpenAI API, one `chat.completion.chunk` object carrying a "
     "small `delta` of the answer.",
     "chunk 是流式响应中的一个片段：在 OpenAI API 里，就是一个 `chat.completion.chunk` 对象，里面带着回答的一小段 `delta`。"),
    (("token", "a token", "tokens"), ("token", "词元", "令牌"),
     "A token is the unit a model reads and writes: a word, part of a word or a punctuation mark (a Chinese "
     "character is often one or two). Prices and limits are counted in tokens.",
     "token（词元）是模型读写文本的基本单位：一个词、词的一部分或一个标点（一个汉字通常是一到两个 token）。计费和长度限制都按 token 计算。"),
    (("time to first token", "ttft", "first token latency"), ("首字延迟", "首 token 延迟", "ttft"),
     "Time to first token (TTFT) is how long it takes from sending a request until the first piece of the answer "
     "arrives; streaming makes it, not the total time, what a reader waits for.",
     "首字延迟（TTFT）是从发出请求到回答的第一个片段到达所用的时间；有了流式输出，读者等待的是它，而不是总时长。"),
    (("backpressure", "back pressure", "back-pressure"), ("背压", "反压"),
     "Backpressure is what happens when a consumer reads slower than the producer writes: the data waits in "
     "buffers, and a well-built stream slows the producer down instead of letting memory grow without bound.",
     "背压是指消费方读得比生产方写得慢时发生的情况：数据积压在缓冲区里，设计良好的流会让生产方放慢速度，而不是让内存无限增长。"),
    (("tool call", "tool calls", "function calling", "function call"), ("工具调用", "函数调用"),
     "A tool call is a model asking the application to run a function it was told about, with JSON arguments; "
     "streamed, the arguments arrive in fragments that are joined by the call's index.",
     "工具调用是模型请应用执行一个事先声明过的函数，并给出 JSON 参数；流式输出时，参数会分成若干片段到达，需要按调用的 index 拼接起来。"),
    (("reasoning tokens", "reasoning token", "thinking tokens"), ("推理 token", "思考 token", "推理词元"),
     "Reasoning tokens are the tokens a reasoning model spends thinking before it answers; they count against "
     "the output limit and are billed, even when the thinking itself is not shown.",
     "推理 token 是推理模型在回答前用于思考的 token；即使思考内容不显示，它们也计入输出上限并照常计费。"),
    (("delta", "a delta"), ("delta", "增量"),
     "A delta is the new part of the answer one chunk carries: `choices[0].delta.content` holds the text added "
     "since the previous chunk.",
     "delta（增量）是一个 chunk 带来的新增部分：`choices[0].delta.content` 就是相对上一个 chunk 新增的文字。"),
    (("usage", "token usage"), ("用量", "token 用量"),
     "Usage is the token count of a request: prompt tokens, completion tokens and their total. When streaming, "
     "OpenAI sends it in one last chunk with an empty `choices` list if you ask with `stream_options`.",
     "用量是一次请求的 token 统计：提示 token、生成 token 和总数。流式输出时，只要用 `stream_options` 请求，"
     "OpenAI 会在最后一个 `choices` 为空的 chunk 里发送它。"),
    (("finish reason", "finish_reason"), ("结束原因", "finish_reason"),
     "The finish reason says why a model stopped: `stop` (it was done), `length` (it hit the token limit) or "
     "`tool_calls` (it wants a tool to run).",
     "结束原因说明模型为什么停下：`stop`（说完了）、`length`（达到 token 上限）或 `tool_calls`（要调用工具）。"),
    (("eventsource",), ("eventsource",),
     "EventSource is the browser's built-in SSE client: it opens a GET request, calls a listener for each event, "
     "and reconnects by itself when the connection ends, sending the last event id it saw.",
     "EventSource 是浏览器内置的 SSE 客户端：它发起 GET 请求，为每个事件调用监听函数，连接断开时会自动重连，并带上最后收到的事件 id。"),
    (("latency",), ("延迟", "时延"),
     "Latency is the time between asking and getting something back; for a model, the time to the first token "
     "and the time between tokens.",
     "延迟是从发出请求到得到结果之间的时间；对模型来说，指的是首字延迟和 token 之间的间隔。"),
    (("structured output", "structured outputs"), ("结构化输出",),
     "Structured output means asking the model for JSON that matches a schema you give; streamed, the JSON grows "
     "piece by piece and is parsed once it is complete.",
     "结构化输出是指让模型按你给出的 schema 返回 JSON；流式输出时，JSON 一块块增长，完整之后再解析。"),
    (("responses api", "the responses api"), ("responses api",),
     "The Responses API is OpenAI's newer API: a stream of typed events such as `response.output_text.delta` and "
     "`response.completed`, instead of Chat Completions' uniform chunks.",
     "Responses API 是 OpenAI 较新的接口：它发送带类型的事件流，例如 `response.output_text.delta` 和 `response.completed`，"
     "而不是 Chat Completions 那种格式统一的 chunk。"),
    (("keep-alive", "keepalive", "ping"), ("心跳", "保活"),
     "A keep-alive is a message a stream sends while it has nothing to say (Anthropic's `ping` event, an SSE "
     "comment line), so that proxies and clients do not close a silent connection.",
     "心跳（keep-alive）是流在没有内容可发时发送的消息（例如 Anthropic 的 `ping` 事件或 SSE 的注释行），防止代理和客户端关闭安静的连接。"),
    (("llm", "large language model"), ("大模型", "大语言模型", "llm"),
     "An LLM (large language model) is a neural network trained on large amounts of text to predict the next "
     "token; generating an answer means predicting one token after another.",
     "大语言模型（LLM）是用海量文本训练、用来预测下一个 token 的神经网络；生成回答就是一个接一个地预测 token。"),
]
