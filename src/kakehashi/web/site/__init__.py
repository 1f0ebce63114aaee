"""The top of the web layers: the home page and menu, the API's one router, the demo (docs/architecture.md)."""
