"""The web app: ``create_app(store_url)`` gives the FastAPI JSON API and the web pages."""

from search_api.app.main import create_app

__all__ = ["create_app"]
