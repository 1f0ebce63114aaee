"""A school's pages: the list, its page and week, and its change requests (routed by contract)."""
