"""Chinese for every sentence the server writes to a learner: (English template, Chinese template) pairs.

A template's `{name}` stands for a value (a number, a host, a provider's own words) carried over as it is.
Whole messages come first, then the sentences and phrases that messages are built from; `runtime.translate`
applies them in order, so a phrase inside an already translated message is translated too.
"""

RULE = ("a public StreamLab connects only to public internet addresses over https",
        "公开部署的 StreamLab 只通过 https 连接公网地址")
SHARED_TAIL = ("run again in {s} s, or switch to Mock or paste your own key.",
               "请在 {s} 秒后再运行，或者切换到模拟服务、粘贴你自己的密钥。")
PASTE = ("Paste your key in the provider panel (it stays in this browser session), or switch the provider back to "
         "Mock.", "请在服务商面板中粘贴你的密钥（它只保存在本浏览器会话中），或者把服务商切换回模拟服务。")

MESSAGES: list[tuple[str, str]] = [
    # a lesson's own ("status", "failed: …" / "incomplete: …"): lesson 14's retries, lesson 16's error event
    ("Gave up after {n} attempts ({what})", "尝试 {n} 次后放弃（{what}）"),
    ("Gave up after 1 attempt ({what})", "尝试 1 次后放弃（{what}）"),
    ("The stream broke after {n} chunks ({what})", "流在第 {n} 个分块后中断（{what}）"),
    ("（connection dropped）", "（连接断开）"), ("（error event）", "（错误事件）"), ("（stalled）", "（停滞，读取超时）"),
    ("The page got an error event: ", "页面收到了一个 error 事件："),
    ("The provider rejected the server's API key.", "服务商拒绝了服务器的 API 密钥。"),
    ("The provider is rate limiting this server; try again in a moment.", "服务商正在对这个服务器限流；请稍后再试。"),
    ("The provider had a server error ({status}); try again.", "服务商发生了服务器错误（{status}）；请重试。"),
    ("The provider stopped sending; the server gave up waiting for the rest of the answer.",
     "服务商停止了发送；服务器不再等待剩下的回答。"),
    ("The connection to the provider dropped in the middle of the answer.", "与服务商的连接在回答中途断开。"),
    ("The provider sent a chunk that is not valid JSON.", "服务商发来的一个分块不是合法的 JSON。"),
    ("The provider ended the stream with an error.", "服务商以一个错误结束了这个流。"),
    # errors.py: what a failed run says
    ("The provider stopped sending data and the read timeout fired. The partial text above is all that arrived; "
     "try again, or raise the timeout if the model is slow to start.",
     "服务商停止发送数据，读取超时已触发。上面的部分文本就是收到的全部内容；请重试，如果模型启动较慢，可以调大超时时间。"),
    ("The connection dropped in the middle of the stream. The partial text above is kept.",
     "连接在流式输出中途断开。上面已收到的部分文本会保留。"),
    ("Could not reach the provider. Check the base URL in the provider panel (and that the server is up), then run "
     "again.", "无法连接到服务商。请检查服务商面板中的 Base URL（以及服务器是否在运行），然后重新运行。"),
    ("The provider rejected the API key (401 Unauthorized). Check the key in the provider panel — it stays in this "
     "browser session — or switch back to Mock.",
     "服务商拒绝了 API 密钥（401 Unauthorized）。请检查服务商面板中的密钥（它只保存在本浏览器会话中），或者切换回模拟服务。"),
    ("The key has no access to this model or endpoint (403). Pick another model or check the account.",
     "该密钥无权访问这个模型或端点（403）。请换一个模型，或者检查账户。"),
    ("The provider does not know this model or route (404)", "服务商不认识这个模型或路由（404）"),
    (". Check the model name and base URL.", "。请检查模型名称和 Base URL。"),
    ("Rate limited (429): too many requests for this key right now.", "触发限流（429）：这个密钥当前的请求太多。"),
    (" The provider asks to wait {n} s before retrying.", "服务商要求等待 {n} 秒后再重试。"),
    ("The provider is overloaded (529). Wait a moment and run again.", "服务商过载（529）。请稍等片刻再运行。"),
    ("The provider had a server error ({status})", "服务商发生了服务器错误（{status}）"),
    (" Run again in a moment.", "请稍后再运行。"),
    ("The provider refused the request ({status})", "服务商拒绝了请求（{status}）"),
    ("The provider sent an error in the middle of the stream: ", "服务商在流的中途发来了错误："),
    ("The provider sent a chunk that is not valid JSON, so the stream could not be read further.",
     "服务商发来的一个分块不是合法的 JSON，流无法继续读取。"),
    ("The stream failed part-way: ", "流在中途失败："),
    ("The run failed: ", "运行失败："),
    ("The partial text above is kept, but the answer is incomplete.", "上面的部分文本已保留，但回答并不完整。"),
    (" Nothing was sent there.", "没有向那里发送任何内容。"),
    # runner.py
    ("Stopped after {n} chunks. The partial text is kept.", "在第 {n} 个分块后停止。部分文本已保留。"),
    ("Replayed from a recording.", "从录制的流回放。"),
    ("No recording matched this run, so the mock answered it.", "没有与这次运行匹配的录制，由模拟服务作答。"),
    ("Part of this run had no recording: the mock answered that part.", "这次运行有一部分请求没有录制，那部分由模拟服务作答。"),
    # limits.py
    ("This lesson is already running in your session: wait for it to finish or press Stop, then run again.",
     "这一课已经在你的会话中运行：请等它结束或按“停止”，然后再运行。"),
    ("This public server allows {n} runs a minute per visitor; run again in {s} s.",
     "这个公开服务器每位访客每分钟最多运行 {n} 次；请在 {s} 秒后再运行。"),
    ("The server's shared {name} key allows {n} runs a minute per visitor; " + SHARED_TAIL[0],
     "服务器共享的 {name} 密钥每位访客每分钟最多运行 {n} 次；" + SHARED_TAIL[1]),
    ("The server's shared keys are busy ({n} runs a minute for all visitors); " + SHARED_TAIL[0],
     "服务器共享的密钥正忙（所有访客合计每分钟 {n} 次）；" + SHARED_TAIL[1]),
    ("The server's shared keys have served their {n} runs for today (the count restarts at 00:00 UTC). Switch to "
     "Mock, or paste your own key.",
     "服务器共享的密钥今天的 {n} 次运行已经用完（计数在 UTC 00:00 重置）。请切换到模拟服务，或者粘贴你自己的密钥。"),
    # url_guard.py
    ("The base URL's host {host} is not a valid host name.", "Base URL 的主机 {host} 不是合法的主机名。"),
    ("The base URL's host {host} could not be found: no address answers to that name. Check its spelling.",
     "找不到 Base URL 的主机 {host}：没有地址对应这个名字。请检查拼写。"),
    ("The base URL is {n} characters; the limit is {limit}.", "Base URL 长 {n} 个字符，上限是 {limit}。"),
    ("The base URL contains spaces or control characters.", "Base URL 含有空格或控制字符。"),
    ("The base URL is not a valid URL ({error}).", "Base URL 不是合法的 URL（{error}）。"),
    ("The base URL must start with https:// (or http:// on your own machine), not {scheme}:.",
     "Base URL 必须以 https:// 开头（在你自己的机器上也可以用 http://），而不是 {scheme}:。"),
    ("The base URL must not contain a user name or password (user:pass@host); put the key in the API key field.",
     "Base URL 不能包含用户名或密码（user:pass@host）；请把密钥填在 API 密钥一栏。"),
    ("The base URL has no host name.", "Base URL 没有主机名。"),
    ("The base URL must use https://: {rule}.", "Base URL 必须使用 https://：{rule}。"),
    ("The base URL's host {host} resolves to {reason}: {rule}.", "Base URL 的主机 {host} 解析到{reason}：{rule}。"),
    ("The base URL's host {host} is {reason}: {rule}.", "Base URL 的主机 {host} 是{reason}：{rule}。"),
    ("A run may open only internet connections.", "一次运行只能打开互联网连接。"),
    ("Refused to connect to {host}: it is {reason}, and {rule}.", "已拒绝连接 {host}：它是{reason}，而{rule}。"),
    RULE,
    ("a link-local address (where cloud metadata services live)", "链路本地地址（云元数据服务就在这里）"),
    ("a shared (carrier-grade NAT) address", "共享地址（运营商级 NAT）"),
    ("an address outside the public internet", "公网以外的地址"),
    ("a private-network address", "私有网络地址"),
    ("the unspecified address", "未指定地址"),
    ("a loopback address", "回环地址"),
    ("a multicast address", "组播地址"),
    ("a reserved address", "保留地址"),
    # providers.py
    ("Unknown provider; choose one of: {names}.", "未知的服务商；请从这些中选择：{names}。"),
    ("The model name is {n} characters; the limit is {limit}.", "模型名称长 {n} 个字符，上限是 {limit}。"),
    ("An OpenAI-compatible provider needs a base URL: pick a preset or type one.",
     "OpenAI 兼容服务商需要一个 Base URL：请选择一个预设，或者手动输入。"),
    ("No API key for this base URL. A key configured on the server is only ever sent to the endpoint it was "
     "configured for: paste your own key for this URL (it stays in this browser session), or switch the provider "
     "back to Mock.",
     "这个 Base URL 没有 API 密钥。服务器上配置的密钥只会发往它所配置的端点：请为这个 URL 粘贴你自己的密钥（它只保存在本浏览器"
     "会话中），或者把服务商切换回模拟服务。"),
    ("No API key for {name}. " + PASTE[0], "没有 {name} 的 API 密钥。" + PASTE[1]),
    ("This public StreamLab does not share its owner's key for {name}. Paste your own key in the provider panel (it "
     "stays in this browser session), or use Mock.",
     "这个公开的 StreamLab 不共享其所有者的 {name} 密钥。请在服务商面板中粘贴你自己的密钥（它只保存在本浏览器会话中），"
     "或者使用模拟服务。"),
    ("This lesson speaks OpenAI's wire format (Chat Completions). Anthropic's API does not, so choose Mock, OpenAI "
     "or an OpenAI-compatible provider in the provider panel.",
     "这一课使用 OpenAI 的线上格式（Chat Completions），Anthropic 的 API 不支持它。请在服务商面板中选择模拟服务、OpenAI "
     "或 OpenAI 兼容服务商。"),
    ("This lesson speaks Anthropic's Messages format. Choose Mock or Anthropic in the provider panel.",
     "这一课使用 Anthropic 的 Messages 格式。请在服务商面板中选择模拟服务或 Anthropic。"),
    ("The mock provider is not running in this process.", "模拟服务没有在这个进程中运行。"),
    ("the OpenAI-compatible provider", "OpenAI 兼容服务商"),
    # inputs.py
    ("The prompt must be text.", "提示词必须是文本。"),
    ("Type a prompt first: the box above Run is empty.", "请先输入提示词：“运行”上方的输入框是空的。"),
    ("The prompt is {n} characters; keep it under {limit} for a lesson run.",
     "提示词长 {n} 个字符；一次课程运行请控制在 {limit} 个以内。"),
    ("The option “{name}” must be one of: {choices}; got {value}.", "选项“{name}”必须是以下之一：{choices}；收到的是 {value}。"),
    ("The option “{name}” must be true or false; got {value}.", "选项“{name}”必须是 true 或 false；收到的是 {value}。"),
    ("The option “{name}” must be a whole number from {low} to {high}; got {value}.",
     "选项“{name}”必须是 {low} 到 {high} 之间的整数；收到的是 {value}。"),
    ("The option “{name}” must be a number from {low} to {high}; got {value}.",
     "选项“{name}”必须是 {low} 到 {high} 之间的数字；收到的是 {value}。"),
    ("The option “{name}” must be text of at most {n} characters.", "选项“{name}”必须是不超过 {n} 个字符的文本。"),
    # hosting.py: the provider panel's note on the mode
    ("**Local mode.** Keys from this server's `.env` are used when you leave the key field empty, each only with "
     "the endpoint it was configured for.",
     "**本地模式。** 密钥栏留空时使用本服务器 `.env` 中的密钥，每个密钥只用于它所配置的端点。"),
    ("The owner's keys are shared, capped at {n} runs a minute for each visitor, {total} a minute and {day} a day "
     "in all.", "所有者的密钥是共享的：每位访客每分钟最多 {n} 次，所有访客合计每分钟 {total} 次、每天 {day} 次。"),
    ("The owner's keys are not used for visitors: use the mock or paste your own key.",
     "所有者的密钥不供访客使用：请使用模拟服务，或者粘贴你自己的密钥。"),
    ("**Public mode.** This server is open to anyone. {keys} A key you paste stays in your browser session. Custom "
     "base URLs must be public `https` addresses. Up to {n} runs a minute, one at a time per lesson.",
     "**公开模式。** 这个服务器对所有人开放。{keys}你粘贴的密钥只保存在你的浏览器会话中。自定义 Base URL 必须是公网的 "
     "`https` 地址。每分钟最多运行 {n} 次，每一课同一时间只运行一次。"),
    # provider_panel.mock_note: next to each tab's Run
    ("Mock fault on: every run fails with **{fault}**.", "模拟故障已开启：每次运行都会以 **{fault}** 失败。"),
    ("Mock speed: **{speed}**.", "模拟速度：**{speed}**。"),
    # provider_panel.describe: the summary line
    ("**Mock provider** — no key needed. Answers stream from StreamLab's own server at **{speed}** speed.",
     "**模拟服务**：无需密钥。回答以**{speed}**速度从 StreamLab 自己的服务器流式返回。"),
    (" Every run fails with the **{fault}** fault.", "每次运行都会以 **{fault}** 故障失败。"),
    ("**Recorded** — no key needed. Runs a provider's recorded streams again, byte for byte, at **{speed}** speed; a "
     "run with no recording is answered by the mock.",
     "**录制回放**：无需密钥。按**{speed}**速度逐字节重放服务商的录制流；没有录制的运行由模拟服务作答。"),
    ("**{name}** at {url}, model {model}, using ", "**{name}**（{url}），模型 {model}，使用"),
    (", model {model}, using ", "，模型 {model}，使用"),
    ("your key (kept only in this browser session).", "你的密钥（只保存在本浏览器会话中）。"),
    ("the key configured on the server (shared, with limits).", "服务器上配置的密钥（共享，有次数限制）。"),
    ("the key configured on the server.", "服务器上配置的密钥。"),
    ("**not ready yet** — ", "**尚未就绪**："),
    (" at this server's endpoint", "（本服务器的端点）"),
    ("**OpenAI-compatible**", "**OpenAI 兼容服务商**"),
    ("**realistic**", "**真实**"), ("**fast**", "**快速**"), ("**instant**", "**即时**"), ("**slow**", "**慢速**"),
]
