"""Pages of the slaughter app: the journal (journal.py) and the register (register.py)."""
