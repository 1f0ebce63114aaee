"""A program's timetable pages: the program page, solve, publish, differences and a version's analysis."""
