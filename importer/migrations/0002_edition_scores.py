"""The importer's kept scores of published editions (issue 16), and who may see them: editors see
them, desk chiefs also tune the importer from them, site administrators may do everything."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SCORE_MODELS = ("editionscore", "pagescore", "correctioncount")
EDITOR_PERMISSIONS = [f"view_{model}" for model in SCORE_MODELS]
GROUPS = {"编辑": EDITOR_PERMISSIONS, "值班主任": [*EDITOR_PERMISSIONS, "tune_importer"]}
SITE_ADMIN = "网站管理员"


def grant(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    app_config = apps.get_app_config("importer")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(
        content_type__app_label="importer", content_type__model__in=SCORE_MODELS
    )
    for name, codenames in GROUPS.items():
        rows = list(ours.filter(codename__in=codenames))
        missing = set(codenames) - {row.codename for row in rows}
        if missing:
            raise RuntimeError(f"permissions missing for the newsroom groups: {sorted(missing)}")
        Group.objects.get_or_create(name=name)[0].permissions.add(*rows)
    Group.objects.get_or_create(name=SITE_ADMIN)[0].permissions.add(*ours)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="importer", content_type__model__in=SCORE_MODELS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[*GROUPS, SITE_ADMIN]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):

    dependencies = [
        ('editions', '0003_newsroom_groups'),
        ('importer', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='EditionScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(verbose_name='出版日期')),
                ('score', models.FloatField(verbose_name='得分')),
                ('passed', models.PositiveIntegerField(verbose_name='通过的检查')),
                ('checks_total', models.PositiveIntegerField(verbose_name='检查总数')),
                ('checks', models.JSONField(blank=True, default=dict, verbose_name='各项检查')),
                ('corrections', models.PositiveIntegerField(default=0, verbose_name='编辑的修改')),
                ('profile_note', models.CharField(blank=True, max_length=300, verbose_name='所用导入规则')),
                ('computed_at', models.DateTimeField(auto_now=True, verbose_name='计算时间')),
                ('edition', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='import_score', to='editions.edition', verbose_name='期次')),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='editions.publication', verbose_name='报纸')),
            ],
            options={
                'verbose_name': '导入得分',
                'verbose_name_plural': '导入得分',
                'ordering': ['publication', '-date'],
                'permissions': [('tune_importer', '可以调校导入规则')],
            },
        ),
        migrations.CreateModel(
            name='CorrectionCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=80, verbose_name='修改类型')),
                ('count', models.PositiveIntegerField(verbose_name='次数')),
                ('page', models.CharField(blank=True, max_length=10, verbose_name='例子所在版')),
                ('position', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='例子的版内顺序')),
                ('example', models.CharField(blank=True, max_length=200, verbose_name='例子')),
                ('link', models.CharField(blank=True, max_length=200, verbose_name='例子链接')),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='editions.publication', verbose_name='报纸')),
                ('edition_score', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kinds', to='importer.editionscore', verbose_name='导入得分')),
            ],
            options={
                'verbose_name': '修改统计',
                'verbose_name_plural': '修改统计',
                'ordering': ['edition_score', '-count', 'kind'],
            },
        ),
        migrations.CreateModel(
            name='PageScore',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=10, verbose_name='版号')),
                ('score', models.FloatField(verbose_name='得分')),
                ('passed', models.PositiveIntegerField(verbose_name='通过的检查')),
                ('checks_total', models.PositiveIntegerField(verbose_name='检查总数')),
                ('doubts', models.PositiveIntegerField(default=0, verbose_name='解析疑点')),
                ('corrections', models.PositiveIntegerField(default=0, verbose_name='编辑的修改')),
                ('edition_score', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pages', to='importer.editionscore', verbose_name='导入得分')),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='editions.publication', verbose_name='报纸')),
            ],
            options={
                'verbose_name': '版面导入得分',
                'verbose_name_plural': '版面导入得分',
                'ordering': ['edition_score', 'label'],
            },
        ),
        migrations.AddIndex(
            model_name='editionscore',
            index=models.Index(fields=['publication', 'date'], name='editionscore_chart_idx'),
        ),
        migrations.AddConstraint(
            model_name='editionscore',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 1)), name='editionscore_score_range'),
        ),
        migrations.AddConstraint(
            model_name='editionscore',
            constraint=models.CheckConstraint(condition=models.Q(('passed__lte', models.F('checks_total'))), name='editionscore_passed'),
        ),
        migrations.AddIndex(
            model_name='correctioncount',
            index=models.Index(fields=['publication', 'kind'], name='correctioncount_kind_idx'),
        ),
        migrations.AddConstraint(
            model_name='correctioncount',
            constraint=models.UniqueConstraint(fields=('edition_score', 'kind'), name='correctioncount_unique'),
        ),
        migrations.AddIndex(
            model_name='pagescore',
            index=models.Index(fields=['publication', '-doubts', 'score'], name='pagescore_least_sure_idx'),
        ),
        migrations.AddConstraint(
            model_name='pagescore',
            constraint=models.UniqueConstraint(fields=('edition_score', 'label'), name='pagescore_unique_label'),
        ),
        migrations.AddConstraint(
            model_name='pagescore',
            constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 1)), name='pagescore_score_range'),
        ),
        migrations.RunPython(grant, revoke),
    ]
