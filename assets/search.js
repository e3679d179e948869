// The search client: written in its own change.
