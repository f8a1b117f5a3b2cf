"""The anchor of bench_room.py: a bare Gradio app doing lesson 1's job the plain way.

A generator yields the growing text from the openai SDK; the mock runs in its own process. Same Gradio, same
SDK, same mock pacing as StreamLab, no lesson machinery. Run by the bench, not by hand:

    python bench/bare_app.py PORT MOCK_URL CONCURRENCY
"""

import sys

import gradio as gr
import openai

PORT, MOCK_URL, CONCURRENCY = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
client = openai.OpenAI(base_url=f"{MOCK_URL}/openai/v1", api_key="bench-key")


def run(prompt: str):
    text = ""
    with client.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": prompt}],
                                        stream=True) as chunks:
        for chunk in chunks:
            if chunk.choices and chunk.choices[0].delta.content:
                text += chunk.choices[0].delta.content
                yield text


with gr.Blocks() as demo:
    prompt = gr.Textbox()
    output = gr.Textbox()
    gr.Button("Run").click(run, prompt, output, api_name="run")

if __name__ == "__main__":
    demo.queue(default_concurrency_limit=CONCURRENCY).launch(server_name="127.0.0.1", server_port=PORT,
                                                             show_error=True)
