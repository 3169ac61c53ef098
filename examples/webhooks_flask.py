"""A Liveblocks webhook receiver with Flask: it verifies each request, and for thread
notifications prepares the email and renders it (returned as the answer here; a real
service would send it, e.g. through its mail provider).

    pip install "liveblocks-sdk" flask
    export LIVEBLOCKS_SECRET_KEY=sk_... LIVEBLOCKS_WEBHOOK_SECRET=whsec_...
    flask --app examples/webhooks_flask.py run

Point the project's webhook (Liveblocks dashboard) at ``https://<host>/liveblocks-webhook``.
"""

from __future__ import annotations

import os

from flask import Flask, Response, request
from notification_email import render_email, resolve_room_info, resolve_users

from liveblocks import Liveblocks
from liveblocks.emails import prepare_thread_notification_email
from liveblocks.webhooks import WebhookHandler, is_thread_notification_event


def create_app(client: Liveblocks, webhook_secret: str) -> Flask:
    """The app, with the client it reads threads through and the endpoint's signing secret."""
    handler = WebhookHandler(webhook_secret)
    app = Flask(__name__)

    @app.post("/liveblocks-webhook")
    def liveblocks_webhook() -> Response:
        try:
            event = handler.verify_request(headers=request.headers, raw_body=request.get_data())
        except ValueError as error:
            return Response(f"Not a valid webhook: {error}", status=400)
        if not is_thread_notification_event(event):
            return Response(status=204)  # other events: nothing to send
        email = prepare_thread_notification_email(
            client, event, resolve_users=resolve_users, resolve_room_info=resolve_room_info
        )
        if email is None:
            return Response(status=204)  # read in the meantime: no email
        return Response(render_email(email), mimetype="text/html")

    return app


if os.environ.get("LIVEBLOCKS_WEBHOOK_SECRET"):
    app = create_app(Liveblocks(), os.environ["LIVEBLOCKS_WEBHOOK_SECRET"])
