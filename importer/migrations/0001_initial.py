"""The importer's models, and what the newsroom's groups (editions/migrations/0003) may do with them:
editors see the profiles and dumps and check doubts; desk chiefs also change the profiles and
confirm that an edition with open doubts may be published; site administrators may do everything."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITOR_PERMISSIONS = [
    "view_publicationprofile",
    "view_historicalpublicationprofile",
    "view_pagedump",
    "view_articledoubt",
    "change_articledoubt",
    "view_doubtconfirmation",
]
DESK_CHIEF_EXTRA = ["add_publicationprofile", "change_publicationprofile", "confirm_doubts"]
GROUPS = {
    "编辑": EDITOR_PERMISSIONS,
    "值班主任": EDITOR_PERMISSIONS + DESK_CHIEF_EXTRA,
}
SITE_ADMIN = "网站管理员"


def grant(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    app_config = apps.get_app_config("importer")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="importer")
    for name, codenames in GROUPS.items():
        rows = list(ours.filter(codename__in=codenames))
        missing = set(codenames) - {row.codename for row in rows}
        if missing:
            raise RuntimeError(f"permissions missing for the newsroom groups: {sorted(missing)}")
        Group.objects.get_or_create(name=name)[0].permissions.add(*rows)
    Group.objects.get_or_create(name=SITE_ADMIN)[0].permissions.add(*ours)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="importer")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[*GROUPS, SITE_ADMIN]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0006_photo_renditions_of'),
        ('editions', '0003_newsroom_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='DoubtConfirmation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('confirmed_at', models.DateTimeField(verbose_name='确认时间')),
                ('open_doubts', models.PositiveIntegerField(default=0, verbose_name='确认时未核对的问题')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='确认人')),
                ('edition', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='doubt_confirmation', to='editions.edition', verbose_name='期次')),
            ],
            options={
                'verbose_name': '核对确认',
                'verbose_name_plural': '核对确认',
                'ordering': ['-confirmed_at'],
                'permissions': [('confirm_doubts', '可以确认有待核对问题的期次可以发布')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalPublicationProfile',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('data', models.JSONField(blank=True, default=dict, help_text='导入规则的 JSON；空即默认规则。', verbose_name='规则')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='修改说明')),
                ('scores', models.JSONField(blank=True, default=dict, verbose_name='得分')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='修改时间')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('publication', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='editions.publication', verbose_name='报纸')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='修改人')),
            ],
            options={
                'verbose_name': 'historical 导入规则',
                'verbose_name_plural': 'historical 导入规则',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PublicationProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('data', models.JSONField(blank=True, default=dict, help_text='导入规则的 JSON；空即默认规则。', verbose_name='规则')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='修改说明')),
                ('scores', models.JSONField(blank=True, default=dict, verbose_name='得分')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                ('publication', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='importer_profile', to='editions.publication', verbose_name='报纸')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='修改人')),
            ],
            options={
                'verbose_name': '导入规则',
                'verbose_name_plural': '导入规则',
                'ordering': ['publication'],
            },
        ),
        migrations.CreateModel(
            name='ArticleDoubt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('title_split', '标题层次'), ('boundary', '稿件分界'), ('no_title', '无标题'), ('unplaced', '未归位文字'), ('byline', '署名'), ('editor_note', '编者按'), ('continuation_missing', '转版缺版'), ('continuation_not_found', '转版未找到'), ('continuation_guessed', '转版按标题连接')], max_length=30, verbose_name='类型')),
                ('message', models.TextField(verbose_name='说明')),
                ('lines', models.JSONField(blank=True, default=list, verbose_name='原文行')),
                ('snapshot', models.CharField(blank=True, editable=False, max_length=64, verbose_name='记录时的内容摘要')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('cleared_at', models.DateTimeField(blank=True, null=True, verbose_name='核对时间')),
                ('cleared_how', models.CharField(blank=True, choices=[('fixed', '已改正'), ('accepted', '已核对')], max_length=10, verbose_name='核对结果')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='doubts', to='articles.article', verbose_name='稿件')),
                ('cleared_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='核对人')),
            ],
            options={
                'verbose_name': '待核对问题',
                'verbose_name_plural': '待核对问题',
                'ordering': ['article', 'created', 'pk'],
                'indexes': [models.Index(condition=models.Q(('cleared_at__isnull', True)), fields=['article'], name='articledoubt_open_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['title_split', 'boundary', 'no_title', 'unplaced', 'byline', 'editor_note', 'continuation_missing', 'continuation_not_found', 'continuation_guessed'])), name='articledoubt_kind_valid'), models.CheckConstraint(condition=models.Q(models.Q(('cleared_at__isnull', True), ('cleared_how', '')), models.Q(('cleared_at__isnull', False), ('cleared_how__in', ['fixed', 'accepted'])), _connector='OR'), name='articledoubt_cleared_how')],
            },
        ),
        migrations.CreateModel(
            name='PageDump',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=10, verbose_name='版号')),
                ('origin', models.CharField(blank=True, max_length=300, verbose_name='来源文件')),
                ('text', models.TextField(verbose_name='原始文本')),
                ('fingerprint', models.CharField(max_length=64, verbose_name='指纹')),
                ('created', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('updated', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                ('edition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='page_dumps', to='editions.edition', verbose_name='期次')),
            ],
            options={
                'verbose_name': '版面原文',
                'verbose_name_plural': '版面原文',
                'ordering': ['edition', 'label'],
                'constraints': [models.UniqueConstraint(fields=('edition', 'label'), name='pagedump_unique_label'), models.CheckConstraint(condition=models.Q(('label', ''), _negated=True), name='pagedump_label_not_empty')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
