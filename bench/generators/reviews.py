"""Expert panels (one per topic that reached expert review, plus one being formed for the open call), their
members, one review per member and application (scored with a score per criterion, or a declared conflict of
interest) as `services_review` leaves them: a closed panel has every assignment scored and at least
`min_experts` valid scores per application, and its ranking is stored on the applications."""

from apps.applications.models import PanelMember, Review, ReviewPanel, Score

from .base import Context, insert

COMMENTS = [
    "研发基础扎实，建设方案可行，指标设置合理。",
    "专利布局思路清晰，转化运用路径有待细化。",
    "合作单位分工明确，预期成果具有较好的产业带动作用。",
]


def build(ctx: Context) -> None:
    rng = ctx.rng("review-comments")
    region = ctx.regional_officers[0]
    min_experts, trim_from = ctx.min_experts, ctx.trim_from
    panels = []
    for plan in ctx.panels:
        panel = ReviewPanel(
            topic=plan.topic,
            status=plan.status,
            min_experts=min_experts,
            trim_from=trim_from,
            created_by=region,
            created_at=plan.created_at,
            opened_at=plan.opened_at,
            closed_at=plan.closed_at,
        )
        plan.row = panel
        panels.append(panel)
    insert(ctx, ReviewPanel, panels)
    panel_of = {p.topic.pk: p.row for p in ctx.panels}
    insert(
        ctx,
        PanelMember,
        (PanelMember(panel=p.row, expert=e, added_at=p.created_at) for p in ctx.panels for e in p.members),
    )
    reviews, plans = [], []
    for app in ctx.apps:
        for r in app.reviews:
            reviews.append(
                Review(
                    panel_id=panel_of[app.topic.pk].pk,
                    application_id=app.row.pk,
                    expert_id=r.expert.pk,
                    status=r.status,
                    conflict_reason=r.conflict_reason,
                    comment=rng.choice(COMMENTS) if r.status == Review.Status.SUBMITTED else "",
                    total=r.total,
                    submitted_at=r.submitted_at,
                    created_at=r.created_at,
                )
            )
            plans.append(r)
    insert(ctx, Review, reviews)
    insert(
        ctx,
        Score,
        (
            Score(review_id=review.pk, criterion=code, score=value)
            for review, plan in zip(reviews, plans, strict=True)
            for code, value in plan.scores.items()
        ),
    )
