"""The portal's date formats, one per kind of date, in every language (FORMAT_MODULE_PATH): templates name them
(`|date:"DATE_FORMAT"`), never spell a format of their own. What a language does not set here is Django's."""
