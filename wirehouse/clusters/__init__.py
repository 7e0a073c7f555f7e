"""The same story across agencies and versions: MinHash signatures and incremental clusters."""
