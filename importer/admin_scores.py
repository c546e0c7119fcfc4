"""The desk chiefs' page of how well the importer reads each paper (issue 16): accuracy per
edition over time (an SVG chart), the editors' corrections by kind with an example, the pages the
importer was least sure of, and tuning the paper's profile as a background job with its progress
and the scores before and after. Everything is read from the rows the scoring job keeps when an
edition is published (EditionScore, PageScore, CorrectionCount): a fixed number of queries,
however many years of editions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery, Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from editions.models import Publication
from importer import tasks
from importer.models import CorrectionCount, EditionScore, PageScore
from newsroom import jobs
from newsroom.models import Job

CHART_WIDTH, CHART_HEIGHT = 720, 200
MAX_POINTS = 1000  # more editions than this: each point the mean of a run of editions
SHOWN = 20
TUNING = tasks.tune_publication.job_path


def chart(points):
    """An SVG polyline of (date, score), scores from the floor (a tenth below the lowest) to 1."""
    if not points:
        return None
    if len(points) > MAX_POINTS:
        size = -(-len(points) // MAX_POINTS)
        points = [
            (run[0][0], sum(score for _date, score in run) / len(run))
            for run in (points[i : i + size] for i in range(0, len(points), size))
        ]
    floor = min(0.9, int(min(score for _date, score in points) * 10) / 10)
    span = max(1, len(points) - 1)

    def y(score):
        return round(CHART_HEIGHT - (score - floor) / (1 - floor) * CHART_HEIGHT, 1)

    line = " ".join(f"{round(i / span * CHART_WIDTH, 1)},{y(score)}" for i, (_d, score) in enumerate(points))
    steps = [floor + (1 - floor) * k / 4 for k in range(5)]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "line": line,
        "grid": [{"y": y(value), "label": f"{value:.2f}"} for value in steps],
        "first": points[0][0],
        "last": points[-1][0],
        "single": len(points) == 1,
        "x0": 0 if len(points) > 1 else CHART_WIDTH / 2,
        "y0": y(points[0][1]),
    }


@admin.register(EditionScore)
class EditionScoreAdmin(admin.ModelAdmin):
    """Its list is the desk chiefs' page; rows are written by the scoring job only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        tune = self.admin_site.admin_view(self.tune_view)
        return [path("tune/", tune, name="importer_editionscore_tune"), *super().get_urls()]

    def _publication(self, request):
        chosen = request.GET.get("publication") or request.POST.get("publication")
        scored = Publication.objects.filter(pk__in=EditionScore.objects.values("publication")).order_by(
            "name"
        )
        publications = list(scored)
        found = next((p for p in publications if str(p.pk) == chosen), None)
        return found or (publications[0] if publications else None), publications

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        publication, publications = self._publication(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("导入准确率"),
            "opts": self.model._meta,
            "publication": publication,
            "publications": publications,
            "can_tune": request.user.has_perm("importer.tune_importer"),
        }
        if publication is not None:
            context.update(self._figures(publication))
        return TemplateResponse(request, "admin/importer/editionscore/dashboard.html", context)

    def _figures(self, publication):
        rows = list(
            EditionScore.objects.filter(publication=publication).order_by("date").values_list("date", "score")
        )
        kinds = CorrectionCount.objects.filter(publication=publication)
        latest = kinds.filter(kind=OuterRef("kind")).order_by("-edition_score__date")
        by_kind = (
            kinds.values("kind")
            .annotate(
                total=Sum("count"),
                example=Subquery(latest.values("example")[:1]),
                link=Subquery(latest.values("link")[:1]),
                page=Subquery(latest.values("page")[:1]),
            )
            .order_by("-total", "kind")[:SHOWN]
        )
        least_sure = (
            PageScore.objects.filter(publication=publication)
            .select_related("edition_score__edition")
            .order_by("-doubts", "score", "-edition_score__date")[:SHOWN]
        )
        tunings = Job.objects.filter(task=TUNING, arguments__publication_id=publication.pk).select_related(
            "requested_by"
        )[:5]
        mean = sum(score for _date, score in rows) / len(rows) if rows else None
        return {
            "chart": chart(rows),
            "editions": len(rows),
            "mean": mean,
            "latest": rows[-1] if rows else None,
            "kinds": list(by_kind),
            "least_sure": list(least_sure),
            "tunings": list(tunings),
        }

    def tune_view(self, request):
        if request.method != "POST":
            return redirect(reverse("admin:importer_editionscore_changelist"))
        if not request.user.has_perm("importer.tune_importer"):
            raise PermissionDenied
        publication = Publication.objects.filter(pk=request.POST.get("publication")).first()
        if publication is None:
            messages.error(request, _("请选择报纸。"))
            return redirect(reverse("admin:importer_editionscore_changelist"))
        try:
            holdout = max(0, min(50, int(request.POST.get("holdout") or 1)))
        except ValueError:
            holdout = 1
        jobs.enqueue(
            tasks.tune_publication,
            title=_("调校%(name)s的导入规则") % {"name": publication.name},
            user=request.user,
            publication_id=publication.pk,
            holdout=holdout,
            seed=0,
            user_id=request.user.pk,
        )
        messages.success(request, _("已开始调校，进度见下方。"))
        return redirect(reverse("admin:importer_editionscore_changelist") + f"?publication={publication.pk}")
