"""Who a request acts for, and the FastAPI dependencies that demand a role.

A key comes as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``; the web pages send
it in an HttpOnly cookie set by the login form (accepted for GET and HEAD only, so another
site cannot make a browser post with it). In ``local-dev`` mode there are no keys: every
request from the loopback interface acts as the local developer, any other is refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request

from search_api.auth.keys import KeyStore
from search_api.auth.roles import LOCAL_DEVELOPER, Principal
from search_api.settings import Settings

COOKIE = "vanban_key"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
SAFE_METHODS = frozenset({"GET", "HEAD"})


class LocalDevHostError(ValueError):
    """Local development mode asked for on an interface other than the loopback one."""


class LoginRequiredError(Exception):
    """A web page asked for without a valid key: the app redirects to the login form."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def check_local_dev_host(host: str) -> None:
    """``vanban serve --dev`` calls this: local-dev only on 127.0.0.1 / ::1 / localhost."""
    if host not in LOOPBACK_HOSTS:
        raise LocalDevHostError(
            f"development mode (no API keys) listens on 127.0.0.1 only, not {host!r}")


def presented_key(request: Request) -> str | None:
    """The key the request carries, if any (header first, then the page cookie)."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if header := request.headers.get("x-api-key", "").strip():
        return header
    if request.method in SAFE_METHODS and (cookie := request.cookies.get(COOKIE)):
        return cookie
    return None


def principal_of(request: Request) -> Principal | None:
    """Who ``request`` acts for; None when it has no valid key (or is not local in dev mode)."""
    settings: Settings = request.app.state.settings
    if settings.auth_mode == "local-dev":
        peer = request.client.host if request.client else ""
        return LOCAL_DEVELOPER if peer in LOOPBACK_HOSTS else None
    token = presented_key(request)
    if token is None:
        return None
    keys: KeyStore = request.app.state.keys
    info = keys.verify(token)
    return info.principal() if info else None


def require(role: str, *, page: bool = False) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency: the request's principal, which must hold ``role``.

    No valid key: 401 (API) or a redirect to the login form (``page``); a key without the
    role: 403. It runs on the event loop (a key is checked by one indexed lookup in the
    keys file, cheaper than the worker-thread hop a plain function dependency costs).
    """

    async def dependency(request: Request) -> Principal:
        principal = principal_of(request)
        if principal is None:
            if page:
                raise LoginRequiredError(request.url.path)
            raise HTTPException(status_code=401, detail="an API key is required",
                                headers={"WWW-Authenticate": "Bearer"})
        if not principal.may(role):
            raise HTTPException(status_code=403, detail=f"this key's role cannot do this ({role}"
                                                        " needed)")
        return principal

    return dependency


def serve_settings(settings: Settings, *, host: str, dev: bool) -> Settings:
    """The settings ``vanban serve`` runs with: ``--dev`` turns on local-dev mode, which (set
    either way) is refused unless ``host`` is the loopback interface (``LocalDevHostError``)."""
    if dev:
        settings = settings.model_copy(update={"auth_mode": "local-dev"})
    if settings.auth_mode == "local-dev":
        check_local_dev_host(host)
    return settings
