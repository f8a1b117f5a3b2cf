// Lesson 21: a tutorial's browser code for reading an LLM stream, run broken and fixed side by side.
"use strict";

const ENDPOINT = "/api/relay/stream"; // the provider's own SSE (OpenAI chunks, then data: [DONE]), relayed
const MAX_REQUESTS = 3; // this page's cap on a reconnecting EventSource: each request asks the model again
const MAX_TOKENS = { eventsource_stop: 12 }; // cut that answer short, so it ends with finish_reason "length"

const PANE = `<p class="status" data-state="idle">idle</p><div class="output" aria-live="polite"></div>
  <p class="error" role="alert" hidden></p><dl class="facts"><dt>reads</dt><dd class="reads">–</dd>
  <dt>requests</dt><dd class="requests">–</dd><dt>finish_reason</dt><dd class="finish">–</dd></dl>`;

function paneView(root) {
  root.insertAdjacentHTML("beforeend", PANE); // our own fixed markup; model text only ever goes in textContent
  const $ = (selector) => root.querySelector(selector);
  const view = {
    reads: 0,
    requests: 0,
    reset() {
      view.reads = view.requests = 0;
      for (const selector of [".output", ".error"]) $(selector).textContent = "";
      for (const selector of [".reads", ".requests", ".finish"]) $(selector).textContent = "–";
      $(".error").hidden = true;
      view.status("streaming", "streaming…");
    },
    text: () => $(".output").textContent,
    append(text) { $(".output").textContent += text; }, // textContent, never innerHTML: model output is untrusted
    fact(name, value) { $(`.${name}`).textContent = value; },
    status(state, text) {
      $(".status").dataset.state = state;
      $(".status").textContent = text;
    },
    fail(message) {
      $(".error").textContent = `✗ ${message}`;
      $(".error").hidden = false;
      view.status("error", "error");
    },
  };
  return view;
}

// fetch + ReadableStream: three tutorial mistakes, each one line, switched on by `mistake`.
async function readWithFetch(url, view, mistake, signal) {
  const response = await fetch(url, { headers: { Accept: "text/event-stream" }, signal }); // Stop aborts it
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  view.fact("requests", ++view.requests);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return view.status("done", "done: the server closed the response");
    view.fact("reads", ++view.reads);
    buffer += mistake === "decode_no_stream"
      ? decoder.decode(value) // BROKEN: a character cut across two reads becomes U+FFFD
      : decoder.decode(value, { stream: true }); // FIXED: the first bytes of a cut character wait for the rest
    let lines;
    if (mistake === "split_lines") {
      lines = buffer.split("\n"); // BROKEN: a line cut across two reads becomes two halves
      buffer = "";
    } else {
      const events = buffer.split("\n\n"); // FIXED: only a blank line ends an event
      buffer = events.pop(); // the unfinished rest waits for the next read
      lines = events.join("\n").split("\n");
    }
    for (const line of lines) {
      if (!line.startsWith("data: ")) continue;
      const data = line.slice("data: ".length);
      if (data === "[DONE]" && mistake !== "json_done") return view.status("done", "done: [DONE]"); // BROKEN without
      let chunk;
      try {
        chunk = JSON.parse(data);
      } catch (error) {
        if (mistake === "split_lines") continue; // BROKEN: the tutorial skips the half line; its words are lost
        throw error;
      }
      for (const choice of chunk.choices) {
        view.append(choice.delta.content ?? "");
        if (choice.finish_reason) view.fact("finish", choice.finish_reason);
      }
    }
  }
}

// EventSource: the browser parses SSE and, when the response ends, reconnects on its own.
function readWithEventSource(url, view, mistake, signal) {
  return new Promise((resolve) => {
    const source = new EventSource(url);
    const close = (state, text) => {
      source.close();
      signal.removeEventListener("abort", stopped);
      if (state === "error") view.fail(text);
      else view.status(state, text);
      resolve();
    };
    const stopped = () => close("stopped", "stopped by you");
    signal.addEventListener("abort", stopped); // Stop closes it: no reconnect, the server closes its upstream
    source.addEventListener("open", () => view.fact("requests", ++view.requests));
    source.addEventListener("message", (event) => {
      if (event.data === "[DONE]") {
        if (!mistake) close("done", "done: [DONE], closed"); // FIXED: [DONE] ends the answer, whatever the reason
        return; // BROKEN: the tutorial skips [DONE] and waits for finish_reason "stop"
      }
      for (const choice of JSON.parse(event.data).choices) {
        view.append(choice.delta.content ?? "");
        if (choice.finish_reason) view.fact("finish", choice.finish_reason);
        if (mistake && choice.finish_reason === "stop") close("done", "done: stop, closed"); // BROKEN: "length"?
      }
    });
    source.addEventListener("error", () => { // the response ended with the source still open: it will reconnect
      if (source.readyState === EventSource.CLOSED) close("error", "the request was refused");
      else if (!mistake) close("error", "the connection ended before [DONE]"); // FIXED: never ask twice
      else if (view.requests >= MAX_REQUESTS) {
        close("error", `asked the model ${view.requests} times for one answer; this page's cap closed it`);
      }
    });
  });
}

async function run(view, url, bug, mistake, signal) {
  view.reset();
  try {
    await (bug === "eventsource_stop" ? readWithEventSource : readWithFetch)(url, view, mistake, signal);
  } catch (error) {
    if (error.name === "AbortError") view.status("stopped", "stopped by you"); // the server closes its upstream
    else view.fail(`${error.name}: ${error.message}`);
  }
}

const form = document.getElementById("ask");
const stopButton = document.getElementById("stop");
const views = { broken: paneView(document.getElementById("broken")), fixed: paneView(document.getElementById("fixed")) };
let current = null; // the AbortController of the run in progress: Stop aborts both panes' requests

function stop() {
  current?.abort();
  current = null;
  stopButton.disabled = true;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  stop();
  const controller = (current = new AbortController());
  stopButton.disabled = false;
  const bug = document.getElementById("bug").value;
  const params = new URLSearchParams({ prompt: document.getElementById("prompt").value.trim() || "Hello" });
  params.set("max_tokens", MAX_TOKENS[bug] || 0);
  params.set("split", document.getElementById("split").checked);
  const url = `${ENDPOINT}?${params}`;
  await Promise.all([run(views.broken, url, bug, bug, controller.signal), run(views.fixed, url, bug, null, controller.signal)]);
  if (controller.signal.aborted) return; // stopped: the panes say so
  if (current === controller) stop(); // ended: both readers have let go of the signal, so this only resets Stop
  const [broken, fixed] = [views.broken.text(), views.fixed.text()];
  if (bug !== "eventsource_stop" && broken !== fixed && views.broken.reads) { // a silent failure, made visible
    const garbled = broken.split("\uFFFD").length - 1;
    views.broken.fail(garbled ? `${garbled} × U+FFFD where characters were cut across reads`
      : `${fixed.length - broken.length} characters lost, with no error`);
  }
});
stopButton.addEventListener("click", stop);

// Embedded in StreamLab's lesson tab (?embedded): the tab's Run runs both panes, with its prompt and its split
// option (the bug is picked here), and its Stop stops them. From the same origin only.
if (new URLSearchParams(location.search).has("embedded")) document.body.classList.add("embedded");
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || !event.data?.streamlab) return;
  if (event.data.streamlab === "stop") return stop();
  document.getElementById("prompt").value = event.data.prompt;
  if (typeof event.data.options?.split === "boolean") document.getElementById("split").checked = event.data.options.split;
  form.requestSubmit();
});
