"""The throughput benchmark: a synthetic wire inbox (`generator`) and its runner (`run`)."""
