"""Who may see what: the one staff check of the site."""


def is_staff(user):
    """An active member of the newsroom's staff: sees drafts (with a preview banner), never a
    cached page, and the admin."""
    return bool(user is not None and user.is_active and user.is_staff)
