"""The login form of the web pages: a key typed once, kept in an HttpOnly cookie."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import escape

from search_api.auth.access import COOKIE, LoginRequiredError
from search_api.auth.keys import KeyStore

router = APIRouter(include_in_schema=False)
COOKIE_SECONDS = 12 * 3600
_FORM = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Đăng nhập · vanban</title><link rel="stylesheet" href="/static/vanban.css"></head>
<body><main><h1>vanban</h1>{message}
<form method="post" action="/login">
<label>Khoá truy cập (API key) <input type="password" name="key" autocomplete="off" required></label>
<input type="hidden" name="next" value="{next}">
<button type="submit">Đăng nhập</button></form></main></body></html>"""


def safe_next(path: str | None) -> str:
    """Where to go after logging in: a path on this site, never another site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def login_page(next_path: str, message: str = "", status: int = 200) -> HTMLResponse:
    note = f'<p class="error">{escape(message)}</p>' if message else ""
    return HTMLResponse(_FORM.format(message=note, next=escape(safe_next(next_path))),
                        status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_form(next: str = "/") -> HTMLResponse:
    return login_page(next)


@router.post("/login")
def login(request: Request, key: Annotated[str, Form(max_length=200)],
          next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    keys: KeyStore = request.app.state.keys
    if keys.verify(key.strip()) is None:
        return login_page(next, "Khoá không hợp lệ hoặc đã bị thu hồi.", status=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(COOKIE, key.strip(), max_age=COOKIE_SECONDS, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def redirect_to_login(_: Request, exc: Exception) -> Response:
    """The app's handler for ``LoginRequiredError``."""
    path = exc.path if isinstance(exc, LoginRequiredError) else "/"
    return RedirectResponse(f"/login?next={quote(safe_next(path), safe='/')}", status_code=303)
