"""Kakehashi (架け橋): the platform that runs Assistant Language Teacher programs in Japan."""

__version__ = "0.1.0"
