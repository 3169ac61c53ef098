"""A Liveblocks webhook receiver with FastAPI: it verifies each request, and for thread
notifications prepares the email and renders it (returned as the answer here; a real
service would send it, e.g. through its mail provider).

    pip install "liveblocks-sdk" fastapi uvicorn
    export LIVEBLOCKS_SECRET_KEY=sk_... LIVEBLOCKS_WEBHOOK_SECRET=whsec_...
    uvicorn webhooks_fastapi:app --app-dir examples

Point the project's webhook (Liveblocks dashboard) at ``https://<host>/liveblocks-webhook``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from notification_email import render_email, resolve_room_info, resolve_users

from liveblocks import AsyncLiveblocks
from liveblocks.emails import prepare_thread_notification_email
from liveblocks.webhooks import WebhookHandler, is_thread_notification_event


def create_app(client: AsyncLiveblocks, webhook_secret: str) -> FastAPI:
    """The app, with the client it reads threads through and the endpoint's signing secret."""
    handler = WebhookHandler(webhook_secret)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await client.close()  # in the loop that used it

    app = FastAPI(lifespan=lifespan)

    @app.post("/liveblocks-webhook")
    async def liveblocks_webhook(request: Request) -> Response:
        try:
            event = handler.verify_request(headers=request.headers, raw_body=await request.body())
        except ValueError as error:
            raise HTTPException(status_code=400, detail=f"Not a valid webhook: {error}") from None
        if not is_thread_notification_event(event):
            return Response(status_code=204)  # other events: nothing to send
        email = await prepare_thread_notification_email(
            client, event, resolve_users=resolve_users, resolve_room_info=resolve_room_info
        )
        if email is None:
            return Response(status_code=204)  # read in the meantime: no email
        return HTMLResponse(render_email(email))

    return app


if os.environ.get("LIVEBLOCKS_WEBHOOK_SECRET"):
    app = create_app(AsyncLiveblocks(), os.environ["LIVEBLOCKS_WEBHOOK_SECRET"])
