"""The archive (往期回顾) as readers browse it: one month of editions as a calendar, and a date
picker. The pages that show articles (the front page, an edition's contents, a page) are the
articles app's views; the edition JSON is the importer's (its export)."""

import calendar
import datetime

from django.db.models import Max, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from editions.models import Edition, Publication
from editions.reading import edition_url, public_unless_staff, reader_context
from editions.validators import EDITION_YEARS
from newsroom.pagecache.decorator import cache_published, mark_private
from newsroom.pagecache.tokens import publication_scope
from newsroom.permissions import is_staff

# Archive months outside the editions' years are not asked for by anyone but a crawler or a typo.
ARCHIVE_YEARS = EDITION_YEARS


def _month_start(value):
    """`2023-08` as the first day of that month, or None when it is not a sensible month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        day = datetime.date(year, month, 1)
    except (ValueError, TypeError, OverflowError):  # OverflowError: a month past C's long
        return None
    return day if ARCHIVE_YEARS[0] <= year <= ARCHIVE_YEARS[1] else None


def _parse_date(value):
    try:
        day = datetime.date.fromisoformat(value)
    except (ValueError, TypeError):
        return None
    return day if ARCHIVE_YEARS[0] <= day.year <= ARCHIVE_YEARS[1] else None


def _latest_month(editions):
    """The month of the latest edition within the years a calendar shows (one dated 9999-12-31,
    a typo imported, has no month after it to bound the calendar), else this month."""
    sensible = editions.filter(date__year__gte=ARCHIVE_YEARS[0], date__year__lte=ARCHIVE_YEARS[1])
    latest = sensible.order_by("-date").values_list("date", flat=True).first()
    return (latest or datetime.date.today()).replace(day=1)


def _next_month(day):
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _years_on(month, years):
    """The first day of the same month `years` later (earlier when negative), within bounds."""
    year = min(max(month.year + years, ARCHIVE_YEARS[0]), ARCHIVE_YEARS[1])
    return month.replace(year=year)


def _steps(editions, month, following_month):
    """The months a reader steps to from `month`: the nearest earlier and later months with an
    edition, and those a year or more away (the same month a year back, or the nearest before
    it; a year on, or the nearest after it). One query."""
    return editions.aggregate(
        earlier=Max("date", filter=Q(date__lt=month)),
        later=Min("date", filter=Q(date__gte=following_month)),
        year_earlier=Max("date", filter=Q(date__lt=_next_month(_years_on(month, -1)))),
        year_later=Min("date", filter=Q(date__gte=_years_on(month, 1))),
    )


def _year_steps(archive_url, steps):
    """The year links, where they lead further than the month links."""
    context = {}
    for name, month_name in (("year_earlier", "earlier"), ("year_later", "later")):
        day = steps[name]
        if day and (
            steps[month_name] is None
            or (day.year, day.month) != (steps[month_name].year, steps[month_name].month)
        ):
            context[f"{name}_url"], context[name] = f"{archive_url}?month={day:%Y-%m}", day
    return context


@cache_published(lambda request, publication: [publication_scope(publication)], reads=["date", "month"])
def archive(request, publication):
    """往期回顾: one month of editions as a calendar, and a date picker (a plain GET form)."""
    publication = get_object_or_404(Publication, slug=publication)
    editions = Edition.objects.visible_to(request.user).filter(publication=publication)
    notice = ""
    month = None
    picked = request.GET.get("date", "")
    if picked:
        day = _parse_date(picked)
        if day is None:
            notice = _("请按“年-月-日”选择日期。")
        else:
            found = editions.filter(date=day).values_list("date", flat=True).first()
            if found:
                return redirect(edition_url(found, publication.slug))
            notice = _("%(date)s 没有出版的报纸，请看当月的其他日期。") % {"date": day.isoformat()}
            month = day.replace(day=1)
    if month is None and request.GET.get("month"):
        month = _month_start(request.GET["month"])
        if month is None:
            notice = _("没有这个月份。")
    if month is None:
        month = _latest_month(editions)
    following_month = _next_month(month)
    in_month = {
        e.date: e
        for e in editions.filter(date__gte=month, date__lt=following_month).only("pk", "date", "status")
    }
    steps = _steps(editions, month, following_month)
    earlier, later = steps["earlier"], steps["later"]
    if not in_month and earlier is None and later is None and not is_staff(request.user):
        # No edition a reader may see: a paper with drafts only is not published yet.
        raise Http404(_("这份报纸还没有出版的期次。"))
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "url": edition_url(day, publication.slug) if day in in_month else None,
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    archive_url = reverse("editions:archive", kwargs={"publication": publication.slug})
    context = reader_context(
        request,
        publication=publication,
        canonical=f"{archive_url}?month={month:%Y-%m}",
        month=month,
        weeks=weeks,
        edition_count=len(in_month),
        notice=notice,
        picked=picked if notice else "",
        earlier_month_url=f"{archive_url}?month={earlier:%Y-%m}" if earlier else None,
        earlier_month=earlier,
        later_month_url=f"{archive_url}?month={later:%Y-%m}" if later else None,
        later_month=later,
        **_year_steps(archive_url, steps),
    )
    response = render(request, "editions/archive.html", context)
    if notice:
        # A month or date that is none, or a day without a paper: each typo would be another
        # copy of the month in the cache; the page is built again, not stored.
        return mark_private(response)
    return public_unless_staff(request, response)
