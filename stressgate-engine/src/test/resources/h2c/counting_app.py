"""An ASGI app for Uvicorn that counts the GET requests it answers, for Http2CleartextRefusalIT.

GET /count answers the number of GET requests to any other path so far. Uvicorn also hands the app the h2c
preface's "PRI * HTTP/2.0" line as a request, which is not counted: it is the client asking for HTTP/2.
"""

counted = 0


async def app(scope, receive, send):
    global counted
    if scope["type"] != "http":
        return
    if scope["method"] == "GET" and scope["path"] == "/count":
        body = str(counted).encode()
    else:
        if scope["method"] == "GET":
            counted += 1
        body = b"hello\n"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})
