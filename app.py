"""StreamLab: `python app.py` serves the lessons, with the mock provider, on GRADIO_SERVER_PORT (7860)."""

from dotenv import load_dotenv

from streamlab.web.server import serve

if __name__ == "__main__":
    load_dotenv()
    serve()
