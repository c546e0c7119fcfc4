"""Photo.renditions_of: the image a photo's web renditions were made from, so pages stop asking the
storage whether they exist (a request per photo per page on S3). Photos whose renditions are in
the storage now are noted here once."""

from django.db import migrations, models

from articles.images import RENDITION_WIDTHS, rendition_name


def note_existing_renditions(apps, schema_editor):
    Photo = apps.get_model("articles", "Photo")
    storage = Photo._meta.get_field("image").storage
    photos = Photo.objects.using(schema_editor.connection.alias).exclude(image="")
    for photo in photos.only("pk", "image").iterator(chunk_size=500):
        name = photo.image.name
        if all(storage.exists(rendition_name(name, width)) for width in RENDITION_WIDTHS):
            Photo.objects.using(schema_editor.connection.alias).filter(pk=photo.pk).update(renditions_of=name)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_lz4_compression")]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="renditions_of",
            field=models.CharField(
                blank=True, db_default="", default="", editable=False, max_length=100, verbose_name="网页版所据原图"
            ),
        ),
        migrations.RunPython(note_existing_renditions, migrations.RunPython.noop, elidable=True),
    ]
