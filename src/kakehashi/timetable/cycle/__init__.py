"""Rotations: `kakehashi/cycle@1`, a timetable over 1-4 weeks that repeat (docs/cycle-format.md)."""
