"""A static file server that answers a missing URL the way GitHub Pages
does: with the 404.html of the site it falls in (the nearest folder above
it that Digest made), whatever its depth, and status 404.

    python3 static_server.py PORT FOLDER
"""
import http.server
import os
import sys
from functools import partial


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        folder = os.path.dirname(self.translate_path(self.path))
        root = os.path.abspath(self.directory)
        while folder.startswith(root):
            page = os.path.join(folder, "404.html")
            if os.path.exists(os.path.join(folder, ".digest-site")) and os.path.exists(page):
                with open(page, "rb") as f:
                    body = f.read()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            if folder == root:
                break
            folder = os.path.dirname(folder)
        return super().send_error(code, message, explain)


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=folder))
    server.serve_forever()
