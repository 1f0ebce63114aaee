"""Notices: the messages the platform shows a user (and emails them), e.g. a confirmed cover, an offer to
answer, a decided request. Every app that tells people something tells them through notices/services.py."""
