"""simlab: a customer-care simulation lab for the Italian qualification
"Tecnico esperto customer care" (EQF 5)."""

__version__ = "0.1.0"
