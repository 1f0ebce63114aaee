"""One module per hard rule or objective term of `kakehashi/week@1`, each with `build(...)`.

Rule modules post constraints; term modules post what their term needs and return it as a linear
expression. `TimetableModel.add_rules` and `TimetableModel.objective` call them in spec order.
"""
