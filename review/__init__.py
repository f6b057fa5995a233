"""The review web page and its JSON API: `forumwatch serve`."""
