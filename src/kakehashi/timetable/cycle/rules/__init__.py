"""The rules a cycle adds to week@1's twelve, one module each (docs/rules.md, "Cycles")."""
