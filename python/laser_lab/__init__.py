"""Workers that LaSeR Lab launches (training, scoring, generation, export)."""

__version__ = "0.1.0"
