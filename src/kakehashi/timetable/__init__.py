"""The Kakehashi timetable core: pure Python, no Django."""
