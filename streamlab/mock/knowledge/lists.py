"""Lists on the course's topics, for "list N …" prompts: (words the topic holds, in English; in Chinese) → items."""

LISTS = [
    (("benefit", "stream"), ("流式", "好处"), [
        "The first words appear in a fraction of a second, so the app feels fast.",
        "Readers can start reading, or stop the answer early, while the rest is still being written.",
        "Long answers no longer hit request timeouts, since bytes keep flowing.",
        "Progress is visible, so a slow model feels alive instead of frozen.",
        "The server can pass tokens on as they come, holding less in memory.",
    ], ["首字很快出现，应用显得更快。", "读者可以边生成边阅读，也可以提前停止。", "长回答不容易触发请求超时，因为数据一直在传输。",
        "进度看得见，慢模型也不会显得卡住。", "服务器可以边收边转发，占用的内存更少。"]),
    (("way", "stream"), ("流式", "方法"), [
        "Server-Sent Events over one HTTP response.", "WebSockets, when both sides need to talk.",
        "Chunked HTTP responses read with fetch and a stream reader.", "gRPC server streaming.",
        "Long polling, as a last resort."],
     ["通过一个 HTTP 响应发送 SSE。", "双向通信时使用 WebSocket。", "用 fetch 和流读取器读取分块的 HTTP 响应。",
      "gRPC 的服务端流。", "实在不行时用长轮询。"]),
    (("error", "stream"), ("流式", "错误"), [
        "Set a read timeout, so a silent stream does not wait for ever.", "Keep the partial text when a stream breaks.",
        "Retry with backoff, and honour Retry-After.", "Show the user a clear message, not a stack trace.",
        "Close the upstream stream when the user stops."],
     ["设置读取超时，避免卡住的流无限等待。", "流中断时保留已经收到的文字。", "带退避地重试，并遵守 Retry-After。",
      "给用户清楚的提示，而不是堆栈信息。", "用户停止时关闭上游的流。"]),
]
