"""The people of the portal: staff invite focal points and other staff, end a focal point's service, and each
person keeps their own settings. Every invitation, acceptance and end of service is an AccessRecord."""
