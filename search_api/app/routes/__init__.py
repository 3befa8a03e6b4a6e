"""The app's routers: JSON API under ``/v1``, health, and the web pages."""
