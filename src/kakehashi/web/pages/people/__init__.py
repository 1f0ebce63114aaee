"""A participant's pages: the list, their week (printable, Excel, PDF), their calendar feed, their record."""
