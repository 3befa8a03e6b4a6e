"""Access control: API keys (stored hashed) with a role and a clearance, and the rules that
decide what a key may do and see."""
