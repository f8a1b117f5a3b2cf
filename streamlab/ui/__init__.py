"""The page: the lesson tab builder, the provider panel, the course list by chapter, and the browser sessions the
server keeps. Uses i18n, engine, hosting and mock (its fault names); never the web server."""
