"""Django's file mail backend (one file per mail in EMAIL_FILE_PATH) that stops before writing the second and later
mails while the gate is closed (tests/crash/gate.py): the worker is killed after the first mail went out."""

import os

from django.core.mail.backends.filebased import EmailBackend

from . import gate


class GatedFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        if gate.closed() and os.listdir(self.file_path):
            gate.wait_here()
        return super().send_messages(email_messages)
