"""Store commands (placeholder until the store lands)."""
