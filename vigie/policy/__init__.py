"""Policy: who may see what, who may do what, and the audit log of what they did."""
