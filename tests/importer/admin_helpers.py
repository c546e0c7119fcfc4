"""The admin's import page as the tests post to it: an upload (its preview) and the confirming
post of that preview."""

from django.urls import reverse

from editions.models import Publication

IMPORT = reverse("admin:editions_edition_import")


def upload(client, *files, date="2023-08-09", **extra):
    publication = Publication.objects.default()
    data = {"files": list(files), "publication": str(publication.pk), "date": date, "encoding": "", **extra}
    return client.post(IMPORT, data)


def confirm_data(response, **changes):
    form = response.context["confirm_form"]
    data = {"payload": form["payload"].value()}
    for field in response.context["label_fields"]:
        data[field.html_name] = field.value()
    data.update(changes)
    return data
