"""Chinese for what the server says about edited code and exercises: (English template, Chinese template) pairs,
applied before `messages_zh`'s, in the same way (streamlab.i18n.runtime.translate)."""

EDIT_MESSAGES: list[tuple[str, str]] = [
    # streamlab.engine.edited: who may run edited code
    ("This public server runs each lesson's own code only: editing is off. To change the code and run it, run "
     "StreamLab on your own machine (README, first command).",
     "这个公开服务器只运行每一课自己的代码：编辑已关闭。想修改代码并运行，请在你自己的电脑上运行 StreamLab（见 README "
     "的第一条命令）。"),
    ("This server is reachable from other machines, so it runs each lesson's own code only: editing is off. To change "
     "the code and run it, run StreamLab on your own machine (README, first command), or ask the operator about "
     "STREAMLAB_ALLOW_EDIT.",
     "这个服务器可以从其他机器访问，所以只运行每一课自己的代码：编辑已关闭。想修改代码并运行，请在你自己的电脑上运行 "
     "StreamLab（见 README 的第一条命令），或者向管理员询问 STREAMLAB_ALLOW_EDIT。"),
    ("This server runs each lesson's own code only: editing is off.", "这个服务器只运行每一课自己的代码：编辑已关闭。"),
    # what edited code did
    ("Line {n} of the editor is not valid Python: ", "编辑器第 {n} 行不是合法的 Python："),
    ("The editor's code is not valid Python: ", "编辑器中的代码不是合法的 Python："),
    ("The edited code defines no stream() function.", "修改后的代码没有定义 stream() 函数。"),
    ("The edited code is {n} characters; the limit is {limit}.", "修改后的代码有 {n} 个字符，上限是 {limit}。"),
    ("The edit changed PANES to {new}; this page shows the lesson's panes {old}. Keep PANES as it was.",
     "这次修改把 PANES 改成了 {new}；这个页面显示的是这一课的输出栏 {old}。请保持 PANES 不变。"),
    ("Your edit adds the options {names}: the page has no control for them, so the run used the default.",
     "你的修改新增了选项 {names}：页面上没有对应的控件，所以这次运行使用了默认值。"),
    ("Your edit adds the option {name}: the page has no control for it, so the run used the default.",
     "你的修改新增了选项 {name}：页面上没有对应的控件，所以这次运行使用了默认值。"),
    ("Your code raised ", "你的代码抛出了 "),
    (" (line {n} of the editor: ", "（编辑器第 {n} 行："),
    (" It came from line {n} of the editor: ", " 出自编辑器第 {n} 行："),
    ("Your code ran out of memory", "你的代码用完了内存"),
    (" (the limit is {n} MB)", "（上限为 {n} MB）"),
    ("Your code ran for {n} s, the limit for edited code here, so it was ended.",
     "你的代码运行了 {n} 秒，达到了这里对修改后代码的时间上限，所以被结束了。"),
    ("Your code used its {n} seconds of CPU time, so its process was ended.",
     "你的代码用完了 {n} 秒 CPU 时间，所以它的进程被结束了。"),
    ("Your code's process was ended (it may have run out of memory).", "你的代码的进程被结束了（可能是内存用完了）。"),
    ("Your code's process ended by itself (exit code {n}) before the run was over.",
     "你的代码的进程在运行结束前自行退出了（退出码 {n}）。"),
    ("Edited code may not do this here ({what}).", "修改后的代码在这里不能这样做（{what}）。"),
    ("Edited code may not read {path} here: only its own working folder.",
     "修改后的代码在这里不能读取 {path}：只能读写它自己的工作目录。"),
    ("Edited code may not write {path} here: only its own working folder.",
     "修改后的代码在这里不能写入 {path}：只能读写它自己的工作目录。"),
    # streamlab.engine.exercises: why a case failed
    ("Round {n}: ", "第 {n} 轮："),
    ("Lost {n} characters of the answer, with no error.", "回答中有 {n} 个字符丢失了，而且没有任何报错。"),
    ("Your code yielded {n} characters more than the answer sent (repeated or extra text).",
     "你的代码比发送的回答多产出了 {n} 个字符（重复或多余的文本）。"),
    ("The text differs from the answer sent from character {n} on.", "从第 {n} 个字符起，文本与发送的回答不同。"),
]
