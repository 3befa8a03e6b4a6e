"""Text encoders for semantic search: manifests, and a loader for transformers models saved
in a local folder (optional extra ``[semantic-hf]``; nothing here downloads)."""
