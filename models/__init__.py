"""Statistical models: small trained artifacts with manifests, and optional local loaders."""
