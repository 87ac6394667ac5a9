"""A tiny WSGI app for the probe tests: /ok answers 200, anything else 503."""


def app(environ, start_response):
    ok = environ.get("PATH_INFO") == "/ok"
    start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"ok\n" if ok else b"down\n"]
