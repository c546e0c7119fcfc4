"""Uploads on the local disk, written whole or not at all.

Django's FileSystemStorage writes straight into the file's final name: when the disk fills up
half-way, the half-written file stays behind under a name readers' pages may link to. Here the
content goes to a hidden temporary file in the same folder first, and only a complete file is
linked into place; whatever fails, the temporary file is removed.
"""

import contextlib
import os
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

# What a new file's mode would be without FILE_UPLOAD_PERMISSIONS (read once, at import, while
# no other thread can be changing the umask).
_UMASK = os.umask(0)
os.umask(_UMASK)


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as stream:
                for chunk in content.chunks():
                    stream.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(partial, full_path)
                    else:
                        # A hard link fails, rather than replace, when the name is taken.
                        os.link(partial, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
        mode = self.file_permissions_mode
        os.chmod(full_path, mode if mode is not None else 0o666 & ~_UMASK)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
