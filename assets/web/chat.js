// Lesson 16: one SSE endpoint, read twice: (a) fetch + ReadableStream, (b) EventSource.
"use strict";

const ENDPOINT = "/api/chat/stream"; // relative: works wherever the app is served

// One pane's view. Text goes in with textContent, never innerHTML: model output is untrusted.
function paneView(root) {
  const $ = (selector) => root.querySelector(selector);
  let counts = {};
  const view = {
    finished: false,
    reset() {
      counts = {};
      view.finished = false;
      for (const selector of [".output", ".error"]) $(selector).textContent = "";
      for (const selector of [".connection", ".events", ".finish", ".usage"]) $(selector).textContent = "–";
      $(".error").hidden = true;
      view.status("connecting", "connecting…");
    },
    connection(text) {
      $(".connection").textContent = text;
    },
    status(state, text) {
      $(".status").dataset.state = state;
      $(".status").textContent = text;
    },
    handle(type, data) {
      counts[type] = (counts[type] || 0) + 1;
      $(".events").textContent = Object.entries(counts)
        .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ");
      if (type === "stream_start") view.status("streaming", `streaming · ${data.message_id}`);
      else if (type === "stream_chunk") $(".output").textContent += data.chunk;
      else if (type === "stream_end") {
        view.finished = true;
        $(".finish").textContent = data.finish_reason;
        const usage = data.usage || {};
        $(".usage").textContent = data.usage
          ? `prompt ${usage.prompt_tokens} · completion ${usage.completion_tokens} · total ${usage.total_tokens}`
          : "not reported";
        view.status("done", "done");
      } else if (type === "error") view.fail(data.message);
    },
    fail(message, state = "error") {
      view.finished = true;
      $(".error").textContent = message;
      $(".error").hidden = false;
      view.status(state, state);
    },
  };
  return view;
}

// (a) fetch + ReadableStream: we get raw bytes and parse the SSE framing ourselves.
function parseEvent(frame) {
  let type = "message";
  const data = [];
  for (const line of frame.split(/\r?\n/)) {
    if (!line || line.startsWith(":")) continue; // a line starting with ":" is a comment (keep-alive)
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") type = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { type, data: data.join("\n") } : null;
}

async function readWithFetch(url, view, signal) {
  const response = await fetch(url, { headers: { Accept: "text/event-stream" }, signal });
  if (!response.ok) { // a 400 comes with a JSON body, and fetch can read it
    const body = await response.json().catch(() => null);
    return view.fail(body?.error?.message || `HTTP ${response.status}`);
  }
  view.connection("open");
  const reader = response.body.getReader();
  const decoder = new TextDecoder(); // {stream: true} keeps a character split across reads intact
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break; // the server closed the response
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split(/\r?\n\r?\n/); // a blank line ends an event
    buffer = frames.pop(); // the last piece may be incomplete: keep it for the next read
    for (const frame of frames) {
      const event = parseEvent(frame);
      if (event) view.handle(event.type, JSON.parse(event.data));
    }
  }
  view.connection("closed");
  if (!view.finished) view.fail("The stream ended without stream_end.");
}

// (b) EventSource: the browser parses SSE and fires one DOM event per `event:` type.
function readWithEventSource(url, view) {
  const source = new EventSource(url);
  const finished = new Promise((resolve) => { source.done = resolve; });
  const close = () => { // close, or EventSource reconnects after the server ends and asks the model again
    source.close();
    view.connection("closed");
    source.done();
  };
  source.addEventListener("open", () => view.connection("open"));
  const json = (event) => JSON.parse(event.data);
  source.addEventListener("stream_start", (event) => view.handle("stream_start", json(event)));
  source.addEventListener("stream_chunk", (event) => view.handle("stream_chunk", json(event)));
  source.addEventListener("stream_end", (event) => { view.handle("stream_end", json(event)); close(); });
  source.addEventListener("error", (event) => {
    if (event.data) view.handle("error", json(event)); // our server's `event: error`, a MessageEvent
    else if (!view.finished) { // EventSource's own error event: no status, no body
      view.fail(source.readyState === EventSource.CLOSED
        ? "The request was refused; EventSource cannot read the status or the body."
        : "The connection dropped before stream_end.");
    }
    close();
  });
  return { finished, close };
}

// The form: send the prompt to both readers at once, each with its own request.
const form = document.getElementById("ask");
const promptInput = document.getElementById("prompt");
const faultSelect = document.getElementById("fault");
const stopButton = document.getElementById("stop");
const views = {
  fetch: paneView(document.getElementById("fetch")),
  eventsource: paneView(document.getElementById("eventsource")),
};
const hex = (byte) => byte.toString(16).padStart(2, "0");
const sessionId = Array.from(crypto.getRandomValues(new Uint8Array(8)), hex).join(""); // one per page load
let current = null;

const fromPage = new URLSearchParams(location.search).get("prompt");
if (fromPage) promptInput.value = fromPage;

function stop() {
  if (!current) return;
  current.controller.abort(); // the server sees the disconnect and closes its upstream stream
  current.source.close();
  views.fetch.connection("closed");
  for (const view of Object.values(views)) if (!view.finished) view.fail("Stopped by you.", "stopped");
  current = null;
  stopButton.disabled = true;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  stop();
  const prompt = promptInput.value.trim();
  if (!prompt) return;
  const params = new URLSearchParams({ prompt, session_id: sessionId });
  if (faultSelect.value !== "none") params.set("fault", faultSelect.value);
  const url = `${ENDPOINT}?${params}`;
  for (const view of Object.values(views)) view.reset();
  const run = { controller: new AbortController() };
  run.source = readWithEventSource(url, views.eventsource);
  const viaFetch = readWithFetch(url, views.fetch, run.controller.signal).catch((error) => {
    if (error.name === "AbortError") return; // stopped: stop() has updated the pane
    views.fetch.connection("closed");
    views.fetch.fail(`Reading the stream failed: ${error.message}`);
  });
  current = run;
  stopButton.disabled = false;
  await Promise.all([viaFetch, run.source.finished]);
  if (current === run) { current = null; stopButton.disabled = true; }
});
stopButton.addEventListener("click", stop);

// Embedded in StreamLab's lesson tab (?embedded): the tab's Run and Stop drive this page, from the same origin only.
if (new URLSearchParams(location.search).has("embedded")) document.body.classList.add("embedded");
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || !event.data?.streamlab) return;
  if (event.data.streamlab === "stop") return stop();
  promptInput.value = event.data.prompt;
  faultSelect.value = event.data.fault;
  form.requestSubmit();
});
