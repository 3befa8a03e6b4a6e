"""vanban's analysis stage: normalised text in, structured records out (pure, no I/O)."""
