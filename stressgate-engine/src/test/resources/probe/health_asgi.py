"""A tiny ASGI app for the probe tests: /ok answers 200, anything else 503."""


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    status = 200 if scope["path"] == "/ok" else 503
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok\n" if status == 200 else b"down\n"})
