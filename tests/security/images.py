"""Hostile images built in memory: a GIF frame bomb costs milliseconds to make, however many
pixels its frames would decode to."""

import io

from PIL import Image


def gif_frames(width, height, frames):
    """A GIF of `frames` identical frames of `width`×`height` (a frame bomb when that is large):
    one frame is encoded and its image block repeated."""
    one = io.BytesIO()
    Image.new("P", (width, height), 1).save(one, "GIF")
    data = one.getvalue()
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    while data[position] == 0x21:  # extensions before the image: skip their sub-blocks
        position += 2
        while data[position]:
            position += data[position] + 1
        position += 1
    assert data[-1:] == b";"
    return data[:position] + data[position:-1] * frames + b";"
