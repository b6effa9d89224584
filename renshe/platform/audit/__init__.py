"""The audit record: who changed which workflow object, when, and from what to what."""
