"""The web server: one port for the page, the mock's relay and the lessons' own endpoints; the mock's process.
The top layer: it may use every other folder."""
