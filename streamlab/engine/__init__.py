"""The engine: lessons found on disk, a run of one (runner), the worker processes it runs in, what a run accepts
(inputs), what it measures (metrics), how its failures read (errors). Uses hosting/ and mock/ (for a snippet run
on its own), never the page or the web server."""
