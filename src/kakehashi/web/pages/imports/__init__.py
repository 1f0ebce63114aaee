"""Imports of schools and participants from a spreadsheet: plan, confirm, templates (pages and API)."""
