"""Travel-document integrity: machine-readable zones, lost and stolen checks, document alerts."""
