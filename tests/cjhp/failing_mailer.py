"""A test mailer that refuses one address, as a mail server would, and delivers the rest to mail.outbox."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if "refused@example.org" in message.to:
                raise SMTPRecipientsRefused({"refused@example.org": (550, b"No such user")})
        return super().send_messages(messages)
