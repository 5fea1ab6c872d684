"""Publication deadlines of meetings (issue 14): summaries, minutes, closed meetings, schedules.

A meeting's disclosure is its own 公開区分, else its council's; blank counts as 公開 (the
city's guideline: meetings are public unless decided otherwise). 個別支援会議 and
confidential bodies are never public. Deadlines come from the 設定 要旨公表日数,
会議録公表日数 and 開催予定公表日数 (Settings.summary_publish_days ...).
A rule is checked only on a 会議 sheet that has its column (要旨公開日, 会議録公開日,
非公開理由): an office that does not keep the date is not warned for every meeting.
非公開理由 is asked for held 非公開 and 一部公開 meetings only (not for planned ones, nor for
個別支援会議 / 守秘義務 bodies, whose reason is the law).
"""

from __future__ import annotations

import datetime as dt

from ..problems import Problem, problem_at
from .ledger import Ledger
from .records import Meeting

HELD = "開催済"
NOT_HELD = ("中止", "延期")


def disclosure_of(ledger: Ledger, meeting: Meeting) -> str:
    """公開, 非公開 or 一部公開: the meeting's, else its council's; confidential bodies 非公開."""
    council = ledger.council(meeting.council_id)
    if council is not None and (council.confidential or council.kind == "個別支援会議"):
        return "非公開"
    return meeting.disclosure or (council.disclosure if council else None) or "公開"


def check_publication(ledger: Ledger, today: dt.date) -> list[Problem]:
    """summary-overdue, minutes-overdue, closed-without-reason and schedule-notice-due warnings."""
    settings = ledger.settings
    problems: list[Problem] = []
    for meeting in ledger.meetings:
        if meeting.date is None or meeting.status in NOT_HELD:
            continue
        columns = meeting.origin.layout.columns if meeting.origin else {}
        disclosure = disclosure_of(ledger, meeting)
        held = meeting.status == HELD or (meeting.status is None and meeting.date < today)
        if "closed_reason" in columns and _reason_missing(ledger, meeting, disclosure, held):
            problems.append(problem_at("closed-without-reason", meeting.origin, "closed_reason",
                                       value=meeting.meeting_id, disclosure=disclosure))
        if disclosure == "非公開":
            continue
        if held:
            days = (today - meeting.date).days
            if "summary_published" in columns and meeting.summary_published is None and days > settings.summary_publish_days:
                problems.append(problem_at("summary-overdue", meeting.origin, "summary_published",
                                           value=meeting.date, days=days,
                                           limit=settings.summary_publish_days))
            if "minutes_published" in columns and meeting.minutes_published is None and days > settings.minutes_publish_days:
                problems.append(problem_at("minutes-overdue", meeting.origin, "minutes_published",
                                           value=meeting.date, days=days,
                                           limit=settings.minutes_publish_days))
        elif 0 <= (meeting.date - today).days <= settings.schedule_publish_days:
            problems.append(problem_at("schedule-notice-due", meeting.origin, "date", value=meeting.date,
                                       limit=settings.schedule_publish_days))
    return problems


def _reason_missing(ledger: Ledger, meeting: Meeting, disclosure: str, held: bool) -> bool:
    """True when a held 非公開 / 一部公開 meeting has no 非公開理由 (the contract's rule).

    A meeting still to come is not asked for one (the reason is recorded once it is held), and
    neither is a 個別支援会議 or a body marked 守秘義務: the law that binds its members is the
    reason, and the minutes print the default sentence for it.
    """
    if disclosure == "公開" or not held or (meeting.closed_reason or "").strip():
        return False
    council = ledger.council(meeting.council_id)
    return not (council is not None and (council.confidential or council.kind == "個別支援会議"))
