"""Hosting safety: which mode the server is in (local or public), which key may go to which URL (providers), where a
run may connect (url_guard, run_connections), how many runs a visitor may make (limits), and the text a visitor may
be shown (safe_text). Uses nothing else of the app's."""
