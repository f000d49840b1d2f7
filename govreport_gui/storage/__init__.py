"""Where drafts live between sessions: the store interface and its implementations."""
